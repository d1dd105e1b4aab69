/* The routine model: what a routine file says, as plain structs. Each value keeps the place it
 * was written so later checks can point at it. Built by routine_load, freed by routine_free. */
#ifndef EASE_ROUTINE_H
#define EASE_ROUTINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "body_focus.h"
#include "pose.h"

enum { ROUTINE_MAX_LEVELS = 5, ROUTINE_FORMAT = 1 };

typedef struct {
    int line, col; /* 1-based; 0 when not written */
} routine_place;

/* Patient text: one string per language, in the order written. count 0 means absent. */
typedef struct {
    char lang[16];
    char *text; /* owned */
} routine_text_entry;

typedef struct {
    routine_text_entry *entries;
    size_t count;
    routine_place place;
} routine_text;

/* The text in lang, else in the first language; NULL when absent. */
const char *routine_text_get(const routine_text *text, const char *lang);

/* A number that may differ per level: count 0 absent, 1 the same for all, else one per level. */
typedef struct {
    int count;
    int64_t values[ROUTINE_MAX_LEVELS];
    routine_place place;
} routine_level_value;

/* The value at a 1-based level, or fallback when absent. */
int64_t routine_level_value_at(const routine_level_value *value, int level, int64_t fallback);

typedef enum {
    ROUTINE_KIND_BREATHING,
    ROUTINE_KIND_TAI_CHI,
    ROUTINE_KIND_GRADED_MOVEMENT,
    ROUTINE_KIND_RELAXATION, /* muscle relaxation and body scans: no breathing pacer, little motion
                              */
    ROUTINE_KIND_COUNT
} routine_kind;
typedef enum {
    ROUTINE_POSITION_NONE,
    ROUTINE_POSITION_SEATED,
    ROUTINE_POSITION_STANDING,
    ROUTINE_POSITION_LYING
} routine_position;

const char *routine_kind_name(routine_kind kind);        /* "tai-chi" */
const char *routine_position_name(routine_position pos); /* "seated", or "" for none */

typedef enum { BREATH_INHALE, BREATH_HOLD, BREATH_EXHALE } breath_phase_kind;
const char *breath_phase_name(breath_phase_kind kind); /* "inhale" */

typedef struct {
    breath_phase_kind kind;
    routine_level_value length_ms;
    routine_text text;
    routine_place place;
} breath_phase;

/* One motion entry: a pose, at a time (timed keyframes) or spread evenly (at_ms < 0). */
typedef struct {
    char *pose; /* owned */
    int64_t at_ms;
    routine_place place;    /* of the pose name */
    routine_place at_place; /* of the time, for keyframes */
} motion_key;

typedef struct {
    motion_key *keys;
    size_t count;
    bool timed; /* {at, pose} keyframes rather than names spread evenly */
    routine_place place;
} routine_motion;

typedef enum {
    CUE_EVENT_STEP,
    CUE_EVENT_INHALE,
    CUE_EVENT_EXHALE,
    CUE_EVENT_HOLD,
    CUE_EVENT_COUNTDOWN,
    CUE_EVENT_END,
    CUE_EVENT_PHASE,  /* a named phase of a repetition begins (tense, release, left, right) */
    CUE_EVENT_PROMPT, /* a timed prompt inside a step begins */
    CUE_EVENT_REP,    /* a repetition after the first of its set begins: heard only where asked */
    CUE_EVENT_SET,    /* a set after the first begins */
    CUE_EVENT_COUNT
} cue_event;
const char *cue_event_name(cue_event event); /* "countdown" */

typedef enum {
    CUE_SOUND_BELL,
    CUE_SOUND_RISING_TONE,
    CUE_SOUND_FALLING_TONE,
    CUE_SOUND_HOLD_TONE,
    CUE_SOUND_TICK,
    CUE_SOUND_CHIME,
    CUE_SOUND_PULSE,     /* a short, soft, low tone: one repetition */
    CUE_SOUND_SOFT_BELL, /* a smaller, higher bell than the step's: a new set */
    CUE_SOUND_COUNT
} cue_sound;
const char *cue_sound_name(cue_sound sound); /* "rising-tone" */
cue_sound cue_sound_default(cue_event event);
/* Whether an event is heard when nothing asks for it: every one but 'rep' (a sound on every
 * repetition tires some ears; a routine or step asks for it with a sound in its 'cues'). */
bool cue_event_heard_by_default(cue_event event);

typedef enum {
    CUE_SOURCE_DEFAULT,
    CUE_SOURCE_BUILTIN,
    CUE_SOURCE_FILE,
    CUE_SOURCE_NONE
} cue_source;

typedef struct {
    cue_source source;
    cue_sound builtin; /* CUE_SOURCE_BUILTIN */
    char *file;        /* owned; CUE_SOURCE_FILE */
    routine_place place;
} routine_cue;

/* A timed prompt inside a timed step: from at_ms after the step starts, the patient reads
 * text instead of the step's own (a body scan's "now your feet ... now your knees"). */
typedef struct {
    int64_t at_ms;
    routine_text text;
    routine_place place, at_place;
} step_prompt;

/* A named phase of one repetition (tense / release, lift / lower, left / right): its own
 * length, words and cue. A repetition with phases lasts as long as its phases together. */
typedef struct {
    routine_text name, text;
    routine_level_value length_ms;
    routine_cue cue; /* CUE_SOURCE_DEFAULT: the step's or routine's 'phase' cue */
    routine_place place;
} rep_phase;

typedef enum { STEP_TIMED, STEP_BREATHE, STEP_EXERCISE, STEP_REST } step_kind;
const char *step_kind_name(step_kind kind); /* "timed" */

typedef struct {
    step_kind kind;
    bool complete; /* read without errors; checks skip a step whose errors were reported */
    routine_place place;
    routine_text title, text;
    routine_motion motion; /* a single 'pose' is stored as a one-entry motion */
    char *image, *sound;   /* owned, as written (relative to the routine's folder) */
    routine_place image_place, sound_place;
    routine_level_value repeat;
    /* STEP_TIMED and STEP_REST */
    routine_level_value duration_ms;
    /* STEP_BREATHE: exactly one of cycles and breathe_ms is given */
    breath_phase *phases;
    size_t phase_count;
    routine_level_value cycles, breathe_ms;
    /* STEP_EXERCISE; with phases, rep_ms is absent and a repetition is its phases */
    routine_level_value reps, rep_ms, hold_ms, sets, rest_ms;
    /* How long the figure takes to come back to the motion's first pose after each repetition
     * (and its hold); not given: as long as the repetition took to get there. */
    routine_level_value return_ms;
    rep_phase *rep_phases;
    size_t rep_phase_count;
    /* STEP_TIMED: prompts in rising time order */
    step_prompt *prompts;
    size_t prompt_count;
    /* This step's own sounds; CUE_SOURCE_DEFAULT leaves the routine's choice. Built-in names
     * and 'none' only: sound files belong in the routine's 'cues'. */
    routine_cue cues[CUE_EVENT_COUNT];
    /* The body parts the step is about ('focus'), as indices of body_focus_names in the order
     * written, each once; the figure shows them with a calm highlight. focus_count 0: none. */
    uint8_t focus[BODY_FOCUS_MAX];
    uint8_t focus_count;
    routine_place focus_place;
    /* Inside a repeated block of steps ('- repeat: 3' with 'steps'): which pass, 1-based, of
     * how many; 0 of 0 outside a block. The block's steps are stored once per pass. */
    uint16_t block_pass, block_passes;
} routine_step;

typedef struct routine {
    char *path;            /* owned: the file it came from */
    bool complete;         /* read without errors (a partial routine only feeds the checker) */
    char content_hash[65]; /* SHA-256 of the file's bytes, hex: a changed file is a new version */
    int format;
    char *id;
    routine_place id_place;
    routine_text title, summary, safety;
    routine_text description; /* one plain line for the routine's tile; may be empty */
    routine_kind kind;
    routine_position position;
    int levels;
    routine_place levels_place;
    routine_text level_labels[ROUTINE_MAX_LEVELS]; /* 'labels': one name per level, or none */
    int level_label_count;
    routine_place level_labels_place;
    char *music;
    routine_place music_place;
    routine_cue cues[CUE_EVENT_COUNT];
    pose_library poses; /* the routine's own, resolved against the shared library by the check */
    routine_step *steps;
    size_t step_count;
    routine_place steps_place;
} routine;

/* The figure's regions the step's 'focus' names (0 when it names none). */
body_regions routine_step_focus_regions(const routine_step *step);

void routine_free(routine *r);
/* The parts, for a loader that gives up on one half-read (each left empty). */
void routine_text_free(routine_text *text);
void routine_motion_free(routine_motion *motion);

/* The languages of the routine: those of its title, in order. */
size_t routine_language_count(const routine *r);
const char *routine_language(const routine *r, size_t i);

#endif
