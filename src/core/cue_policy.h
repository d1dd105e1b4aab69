/* The cue policy: which sound and which words go with each moment of a plan (a step starts, a
 * breathing phase changes, a repetition or a set begins, a hold on full or empty lungs, the
 * end), and when each is heard. A pure function of the plan, the cue and two switches, so the
 * shell's audio only plays what it says, and every rule is unit-tested here:
 *
 * - a cue's sound is the step's or phase's own choice, else the routine's (a built-in, or its
 *   own file, with the usual built-in while the file is decoded), else the event's default;
 * - a hold after breathing out (empty lungs) sounds lower than one after breathing in
 *   (SYNTH_HOLD_EMPTY_TONE), so the two are told apart by ear;
 * - a breathing cue on the same moment as a step's or set's bell sounds CUE_POLICY_AFTER_BELL_MS
 *   later: the bell's strike is heard alone, then the breath;
 * - a step's instruction is said once, at its bell (a repeat of a step has no bell), and not
 *   again for the same words in a later pass of a repeated block; its words begin after the
 *   bell and after any breathing tone that follows it, never on top of them;
 * - with breathing spoken, "breathe in", "hold", "breathe out" replace the tones, each worth
 *   saying only near its moment: a word that cannot start soon enough (another voice speaking)
 *   is outdated and dropped, and the tone is heard instead.
 * Times are routine times in ms; words are keys into the catalogue or a step's own text. */
#ifndef EASE_CUE_POLICY_H
#define EASE_CUE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plan.h"

enum {
    CUE_POLICY_AFTER_BELL_MS = 500,       /* a breathing cue after a bell on the same moment */
    CUE_POLICY_WORDS_AFTER_BELL_MS = 700, /* a step's words after its bell */
    CUE_POLICY_WORDS_GAP_MS = 150,        /* between a tone and words that follow it */
    CUE_POLICY_LATE_WORDS_MS = 4000,      /* a step's words not begun by then are left unsaid */
    CUE_POLICY_PHRASE_LATE_MS = 1000,     /* a phase word later than this is outdated */
};

typedef enum {
    CUE_PHRASE_BREATHE_IN, /* in breath_phase_kind's order */
    CUE_PHRASE_HOLD,
    CUE_PHRASE_BREATHE_OUT,
    CUE_PHRASE_COUNT
} cue_phrase;
/* The catalogue key of a phrase: "breathe-in", "hold", "breathe-out". */
const char *cue_phrase_key(cue_phrase phrase);

typedef enum { CUE_WORDS_NONE, CUE_WORDS_STEP, CUE_WORDS_PHRASE } cue_words;

typedef struct {
    bool voice;           /* words are spoken (the configuration, or the patient's Read aloud) */
    bool speak_breathing; /* with voice: breathing phases said in words instead of tones */
} cue_policy_options;

typedef struct {
    plan_cue cue;
    /* The sound: none when !heard. from_file: the routine's own file for cue.event (sound is
     * the built-in to play while the file is not decoded yet). sound: 0..SYNTH_SOUND_COUNT-1. */
    bool heard, from_file;
    int sound;
    int64_t sound_at_ms;
    /* A step cue of a step with its own recorded instruction ('sound'): it starts with the cue
     * (a voice, like words). step: the step of the cue's segment. */
    bool recording;
    uint32_t step;
    /* The words: the step's instruction (CUE_WORDS_STEP), or a phrase; wanted at words_at_ms,
     * still worth beginning until words_latest_ms, then dropped. instead_of_sound: the words
     * say what the tone would, which is heard only when they cannot be said. */
    cue_words words;
    cue_phrase phrase;
    int64_t words_at_ms, words_latest_ms;
    bool instead_of_sound;
} cue_action;

/* What to do for cue (one of p's cues) under options; fills *out. */
void cue_policy_decide(const plan *p, const plan_cue *cue, const cue_policy_options *options,
                       cue_action *out);

/* The actions for p's cues at from_ms <= at_ms < to_ms, in order, into out (at most max);
 * returns how many there are (which may exceed max: only max are written). */
size_t cue_policy_window(const plan *p, int64_t from_ms, int64_t to_ms,
                         const cue_policy_options *options, cue_action *out, size_t max);

#endif
