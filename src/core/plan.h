/* A routine at one level compiled into a timeline: a flat, ordered array of segments that tile
 * [0, length_ms] with no gaps, and a sorted array of cues. Repeats, cycles, sets and levels are
 * expanded here and nowhere else; all times are whole milliseconds, so nothing drifts. */
#ifndef EASE_PLAN_H
#define EASE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "pose.h"
#include "routine.h"

typedef enum {
    SEGMENT_STEP,   /* a timed step */
    SEGMENT_INHALE, /* breathing phases */
    SEGMENT_BREATH_HOLD,
    SEGMENT_EXHALE,
    SEGMENT_REP,      /* one repetition of an exercise */
    SEGMENT_REP_HOLD, /* the still hold at the end of a repetition */
    SEGMENT_SET_REST, /* rest between sets */
    SEGMENT_REST,     /* a rest step */
    SEGMENT_KIND_COUNT
} plan_segment_kind;

const char *plan_segment_kind_name(plan_segment_kind kind); /* "inhale", "set-rest" */

typedef struct {
    int64_t at_ms; /* from the start of the motion's unit (step, repetition or cycle) */
    pose pose;
    const char *name; /* borrowed from the routine */
} plan_keyframe;

typedef struct {
    int64_t start_ms, end_ms;
    plan_segment_kind kind;
    uint32_t step;            /* index into routine->steps */
    uint16_t repeat, repeats; /* 1-based counters; 1 of 1 when not repeated */
    uint16_t cycle, cycles;   /* breathing */
    uint16_t rep, reps;       /* exercise */
    uint16_t set, sets;
    uint16_t breath, breaths;  /* breathing: breaths counted by exhales, across the step */
    uint16_t part, parts;      /* a repetition's named phase, or a timed step's prompt: 1-based */
    breath_phase_kind phase;   /* breathing segments */
    const routine_text *label; /* borrowed; a repetition phase's name (Left, Tense), or NULL */
    const routine_text *title; /* borrowed; the step's title (may be empty) */
    const routine_text *text;  /* borrowed; the phase's text where it has one, else the step's */
    /* What the figure does: keyframes [motion_first, motion_first + motion_count) of the plan,
     * timed from motion_origin_ms. motion_count 0: the step shows no figure. */
    int64_t motion_origin_ms;
    uint32_t motion_first, motion_count;
} plan_segment;

typedef struct {
    int64_t at_ms;
    cue_event event;
    uint32_t segment; /* the segment it belongs to */
    int sound;        /* a cue_sound chosen by the step or phase, or -1: the routine's choice */
} plan_cue;

typedef struct {
    const routine *routine; /* borrowed: the routine must outlive the plan */
    int level;
    int64_t length_ms; /* == the last segment's end == the sum of all durations */
    plan_segment *segments;
    size_t segment_count;
    plan_cue *cues; /* sorted by time; cues a routine turns off ('none') are left out */
    size_t cue_count;
    plan_keyframe *keyframes;
    size_t keyframe_count;
} plan;

/* Compiles r at level (1..r->levels). shared may be NULL when the routine uses only its own
 * poses. The routine must have passed routine_check (poses resolved). On failure *out is
 * untouched and diag says why. */
bool plan_compile(const routine *r, const pose_library *shared, int level, plan **out,
                  diag_list *diag);
void plan_free(plan *p);

/* The segment that contains t_ms (the first at or after 0; the last for t past the end). */
size_t plan_segment_at(const plan *p, int64_t t_ms);

/* The figure's pose at t_ms within segment index, blended with ease-in-out between keyframes.
 * False when the segment shows no figure. */
bool plan_pose_at(const plan *p, size_t segment, int64_t t_ms, pose *out);

/* Timing arithmetic, shared with the checker so both agree on every length. */
int64_t plan_cycle_ms(const routine_step *step, int level);      /* one breathing cycle */
int64_t plan_cycles(const routine_step *step, int level);        /* cycles a breathing step plays */
int64_t plan_step_once_ms(const routine_step *step, int level);  /* one play, without repeats */
int64_t plan_step_total_ms(const routine_step *step, int level); /* with repeats */
int64_t plan_motion_unit_ms(const routine_step *step, int level); /* what a motion spans */
int64_t plan_rep_ms(const routine_step *step, int level);    /* one repetition, phases together */
int64_t plan_breaths_per_cycle(const routine_step *step);    /* exhales in one cycle (at least 1) */
int64_t plan_return_ms(const routine_step *step, int level); /* back after a repetition, or 0 */
int64_t plan_routine_ms(const routine *r, int level);

/* Longest a routine may play at any level. */
enum { PLAN_MAX_LENGTH_MS = 2 * 3600 * 1000 };

#endif
