/* The cue policy: which sound and which words go with each moment of a plan, and when. */
#include "test_support.h"

#include "cue_policy.h"
#include "synth.h"
#include "voice_queue.h"

static plan *compile_text(const char *yaml, routine **r, diag_list *diag)
{
    *r = test_load_checked(yaml, NULL, diag);
    if (!*r)
        test_diag_dump(diag);
    assert_non_null(*r);
    plan *p = NULL;
    assert_true(plan_compile(*r, NULL, 1, &p, diag));
    return p;
}

static const cue_policy_options silent_words = {.voice = false};
static const cue_policy_options voice = {.voice = true};
static const cue_policy_options voice_breathing = {.voice = true, .speak_breathing = true};

/* Every action of the whole plan. */
static size_t all_actions(const plan *p, const cue_policy_options *o, cue_action *out, size_t max)
{
    size_t n = cue_policy_window(p, 0, p->length_ms + 1, o, out, max);
    assert_true(n <= max);
    assert_int_equal(n, p->cue_count);
    return n;
}

static const char *const breathing =
    "id: b\ntitle: B\nkind: breathing\nsteps:\n"
    "  - title: Settle\n    text: Sit back.\n    duration: 10s\n"
    "  - title: Box\n    text: Breathe with the circle.\n"
    "    breathe:\n      pattern: [{inhale: 4s}, {hold: 4s}, {exhale: 4s}, {hold: 4s}]\n"
    "      cycles: 2\n";

/* The bell of a breathing step and its first inhale never start on the same moment. */
static void a_breath_cue_waits_for_the_bell(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text(breathing, &r, &diag);
    cue_action a[64];
    size_t n = all_actions(p, &silent_words, a, 64);
    size_t bells = 0, breaths = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i].cue.event == CUE_EVENT_STEP) {
            bells++;
            assert_int_equal(a[i].sound_at_ms, a[i].cue.at_ms);
        }
        if (a[i].cue.event == CUE_EVENT_INHALE && a[i].cue.at_ms == 10000) {
            breaths++;
            assert_int_equal(a[i].sound_at_ms, 10000 + CUE_POLICY_AFTER_BELL_MS);
        } else {
            assert_int_equal(a[i].sound_at_ms, a[i].cue.at_ms); /* the rest on time */
        }
        assert_int_equal(a[i].words, CUE_WORDS_NONE); /* no voice, no words */
    }
    assert_int_equal(bells, 2);
    assert_int_equal(breaths, 1);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* A hold on full lungs and one on empty lungs sound different. */
static void full_and_empty_holds_differ(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text(breathing, &r, &diag);
    cue_action a[64];
    size_t n = all_actions(p, &silent_words, a, 64);
    size_t full = 0, empty = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i].cue.event != CUE_EVENT_HOLD)
            continue;
        int64_t into_cycle = (a[i].cue.at_ms - 10000) % 16000;
        if (into_cycle == 4000) {
            assert_int_equal(a[i].sound, CUE_SOUND_HOLD_TONE);
            full++;
        } else {
            assert_int_equal(into_cycle, 12000);
            assert_int_equal(a[i].sound, SYNTH_HOLD_EMPTY_TONE);
            empty++;
        }
    }
    assert_int_equal(full, 2);
    assert_int_equal(empty, 2);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* With voice, each step's words once, after the bell and after the breathing tone that
 * follows it; with breathing spoken, the phrases instead of the tones, outdated soon. */
static void words_follow_the_bell_and_the_breath(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text(breathing, &r, &diag);
    cue_action a[64];
    size_t n = all_actions(p, &voice, a, 64);
    size_t steps = 0, phrases = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i].words == CUE_WORDS_STEP) {
            steps++;
            assert_int_equal(a[i].cue.event, CUE_EVENT_STEP);
            int64_t at = a[i].cue.at_ms;
            if (at == 0) { /* a timed step: after the bell */
                assert_int_equal(a[i].words_at_ms, CUE_POLICY_WORDS_AFTER_BELL_MS);
            } else { /* after the inhale tone that follows the bell */
                assert_int_equal(a[i].words_at_ms, at + CUE_POLICY_AFTER_BELL_MS +
                                                       synth_length_ms(CUE_SOUND_RISING_TONE) +
                                                       CUE_POLICY_WORDS_GAP_MS);
            }
            assert_int_equal(a[i].words_latest_ms, at + CUE_POLICY_LATE_WORDS_MS);
        }
        phrases += a[i].words == CUE_WORDS_PHRASE;
    }
    assert_int_equal(steps, 2);
    assert_int_equal(phrases, 0); /* breathing is not spoken unless asked */

    n = all_actions(p, &voice_breathing, a, 64);
    phrases = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i].words != CUE_WORDS_PHRASE)
            continue;
        phrases++;
        assert_true(a[i].instead_of_sound);
        assert_int_equal(a[i].words_at_ms, a[i].sound_at_ms);
        assert_int_equal(a[i].words_latest_ms, a[i].words_at_ms + CUE_POLICY_PHRASE_LATE_MS);
        static const cue_phrase expect[] = {[CUE_EVENT_INHALE] = CUE_PHRASE_BREATHE_IN,
                                            [CUE_EVENT_HOLD] = CUE_PHRASE_HOLD,
                                            [CUE_EVENT_EXHALE] = CUE_PHRASE_BREATHE_OUT};
        assert_int_equal(a[i].phrase, expect[a[i].cue.event]);
    }
    assert_int_equal(phrases, 8); /* 2 cycles of 4 phases */
    assert_string_equal(cue_phrase_key(CUE_PHRASE_BREATHE_OUT), "breathe-out");
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* A repeated step (tai chi played three times) and a repeated block say their words once. */
static void an_instruction_is_said_once_per_step(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text("id: t\ntitle: T\nkind: tai-chi\nsteps:\n"
                           "  - title: Cloud hands\n    text: Let the hands drift.\n"
                           "    duration: 20s\n    repeat: 3\n"
                           "  - repeat: 2\n    steps:\n"
                           "      - {title: Push, text: Push gently., duration: 10s}\n"
                           "      - {title: Draw back, text: Draw back slowly., duration: 10s}\n",
                           &r, &diag);
    cue_action a[64];
    size_t n = all_actions(p, &voice, a, 64);
    size_t said[8] = {0};
    for (size_t i = 0; i < n; i++)
        if (a[i].words == CUE_WORDS_STEP)
            said[a[i].step]++;
    assert_int_equal(r->step_count, 5);
    assert_int_equal(said[0], 1); /* once, not three times */
    assert_int_equal(said[1], 1); /* the block's first pass */
    assert_int_equal(said[2], 1);
    assert_int_equal(said[3], 0); /* the same words in its second pass: not again */
    assert_int_equal(said[4], 0);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* A soft cue per repetition where the routine asks for one, a set's own at each new set. */
static void repetitions_and_sets_have_their_cues(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r;
#define LIFTS(cues)                                                                                \
    "id: g\ntitle: G\nkind: graded-movement\n" cues "steps:\n  - title: Lift\n    reps: 4\n"       \
    "    rep: 3s\n    sets: 3\n    rest: 10s\n"
    plan *p = compile_text(LIFTS(""), &r, &diag);
    cue_action a[64];
    size_t n = all_actions(p, &silent_words, a, 64);
    size_t reps = 0, sets = 0;
    for (size_t i = 0; i < n; i++) {
        reps += a[i].cue.event == CUE_EVENT_REP;
        if (a[i].cue.event == CUE_EVENT_SET) {
            sets++;
            assert_int_equal(a[i].sound, CUE_SOUND_SOFT_BELL);
            assert_int_equal(p->segments[a[i].cue.segment].rep, 1);
        }
    }
    assert_int_equal(reps, 0); /* not asked for: silent */
    assert_int_equal(sets, 2); /* sets 2 and 3; set 1 has the step's bell */
    plan_free(p);
    routine_free(r);

    p = compile_text(LIFTS("cues: {rep: pulse}\n"), &r, &diag);
    n = all_actions(p, &silent_words, a, 64);
    reps = sets = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i].cue.event == CUE_EVENT_REP) {
            reps++;
            assert_int_equal(a[i].sound, CUE_SOUND_PULSE);
            assert_true(p->segments[a[i].cue.segment].rep > 1);
        }
        sets += a[i].cue.event == CUE_EVENT_SET;
    }
    assert_int_equal(reps, 3 * 3); /* every repetition after the first of each of 3 sets */
    assert_int_equal(sets, 2);
    plan_free(p);
    routine_free(r);

    /* Named phases: the repetition's cue replaces its first phase's tone on that moment. */
    p = compile_text("id: pmr\ntitle: PMR\nkind: relaxation\nsteps:\n"
                     "  - title: Hands\n    reps: 3\n    cues: {rep: tick}\n    phases:\n"
                     "      - {name: Tense, length: 5s}\n      - {name: Release, length: 5s}\n",
                     &r, &diag);
    n = all_actions(p, &silent_words, a, 64);
    for (size_t i = 0; i + 1 < n; i++)
        assert_true(a[i].cue.at_ms < a[i + 1].cue.at_ms); /* one sound a moment */
    reps = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i].cue.event == CUE_EVENT_REP) {
            reps++;
            assert_int_equal(a[i].sound, CUE_SOUND_TICK);
        }
    assert_int_equal(reps, 2);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* A routine's 'none' is silence, its own file is played from the file, a step's recorded
 * instruction replaces the spoken words. */
static void choices_and_recordings(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r = test_load("id: f\ntitle: F\nkind: relaxation\n"
                           "cues: {step: bowl.ogg, end: none}\nsteps:\n"
                           "  - {title: One, text: Sit., duration: 10s, sound: one.ogg}\n"
                           "  - {title: Two, text: Rest., duration: 10s}\n",
                           &diag);
    assert_non_null(r);
    plan *p = NULL;
    assert_true(plan_compile(r, NULL, 1, &p, &diag));
    cue_action a[8];
    size_t n = all_actions(p, &voice, a, 8);
    assert_int_equal(n, 2); /* two steps; the end is 'none' */
    assert_true(a[0].from_file);
    assert_int_equal(a[0].sound, CUE_SOUND_BELL); /* while the file is decoded */
    assert_true(a[0].recording);
    assert_int_equal(a[0].words, CUE_WORDS_NONE);
    assert_false(a[1].recording);
    assert_int_equal(a[1].words, CUE_WORDS_STEP);
    assert_int_equal(a[1].step, 1);
    /* A window holds only its own cues. */
    assert_int_equal(cue_policy_window(p, 1, 10000, &voice, a, 8), 0);
    assert_int_equal(cue_policy_window(p, 10000, 10001, &voice, a, 8), 1);
    assert_int_equal(a[0].cue.at_ms, 10000);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* The tick, heard most often, is the quietest sound; nothing is as loud as speech. */
static void ticks_are_the_quietest(void **state)
{
    (void)state;
    for (int s = 0; s < SYNTH_SOUND_COUNT; s++) {
        assert_true(synth_peak_level(CUE_SOUND_TICK) <= synth_peak_level(s));
        assert_true(synth_peak_level(s) < SYNTH_SPEECH_PEAK);
    }
    assert_true(synth_peak_level(CUE_SOUND_TICK) <= 0.126); /* -18 dBFS */
}

/* One voice at a time: words wait for words, and outdated ones are dropped. */
static void the_voice_queue_never_overlaps(void **state)
{
    (void)state;
    voice_queue q;
    voice_queue_clear(&q);
    /* An instruction of 6 s from 0.7 s. */
    assert_int_equal(voice_queue_place(&q, 700, 4000, 6000, 200), 700);
    /* "Breathe in" at 0.5 s cannot start before 6.9 s: outdated by 1.5 s, dropped. */
    assert_int_equal(voice_queue_place(&q, 500, 1500, 800, 200), -1);
    assert_int_equal(q.busy_until, 6700);
    /* A word worth saying late enough waits its turn, after a breath. */
    assert_int_equal(voice_queue_place(&q, 6000, 7000, 800, 200), 6900);
    /* After the voice is free, words start when they want. */
    assert_int_equal(voice_queue_place(&q, 9000, 9000, 800, 200), 9000);
    /* A pause shifts what is still to be said; nothing before it. */
    voice_queue_shift(&q, 9500, 3000);
    assert_int_equal(q.busy_until, 12800);
    voice_queue_shift(&q, 20000, 3000);
    assert_int_equal(q.busy_until, 12800);
    /* Words let go before they began free the voice. */
    voice_queue_release(&q, 9400);
    assert_int_equal(q.busy_until, 9400);
    assert_int_equal(voice_queue_place(&q, 9000, 9000, 0, 200), -1); /* nothing to say */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_breath_cue_waits_for_the_bell),
        cmocka_unit_test(full_and_empty_holds_differ),
        cmocka_unit_test(words_follow_the_bell_and_the_breath),
        cmocka_unit_test(an_instruction_is_said_once_per_step),
        cmocka_unit_test(repetitions_and_sets_have_their_cues),
        cmocka_unit_test(choices_and_recordings),
        cmocka_unit_test(ticks_are_the_quietest),
        cmocka_unit_test(the_voice_queue_never_overlaps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
