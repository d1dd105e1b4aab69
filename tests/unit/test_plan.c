#include "test_support.h"

#include <math.h>

static const char *const small_routine = "id: small\n"
                                         "title: Small\n"
                                         "kind: graded-movement\n"
                                         "levels: 2\n"
                                         "poses:\n"
                                         "  up: {left-arm: 90}\n"
                                         "  down: {}\n"
                                         "steps:\n"
                                         "  - title: Settle\n"
                                         "    duration: 5s\n"
                                         "    pose: down\n"
                                         "  - title: Breathe\n"
                                         "    breathe:\n"
                                         "      pattern: [{inhale: 4s}, {hold: 2s}, {exhale: 4s}]\n"
                                         "      cycles: [2, 3]\n"
                                         "  - title: Lift\n"
                                         "    reps: 2\n"
                                         "    rep: 4s\n"
                                         "    hold: [0s, 1s]\n"
                                         "    sets: 2\n"
                                         "    rest: 10s\n"
                                         "    motion: [down, up, down]\n"
                                         "  - rest: 6s\n"
                                         "    repeat: 2\n";

typedef struct {
    int64_t start, end;
    plan_segment_kind kind;
} expected_segment;

static plan *compile(routine **r, int level, diag_list *diag)
{
    *r = test_load_checked(small_routine, NULL, diag);
    if (!*r)
        test_diag_dump(diag);
    assert_non_null(*r);
    plan *p = NULL;
    assert_true(plan_compile(*r, NULL, level, &p, diag));
    return p;
}

static void check_tiling(const plan *p)
{
    assert_true(p->segment_count > 0);
    assert_int_equal(p->segments[0].start_ms, 0);
    for (size_t i = 0; i < p->segment_count; i++) {
        assert_true(p->segments[i].end_ms > p->segments[i].start_ms);
        if (i > 0)
            assert_int_equal(p->segments[i].start_ms, p->segments[i - 1].end_ms);
    }
    assert_int_equal(p->segments[p->segment_count - 1].end_ms, p->length_ms);
    for (size_t i = 1; i < p->cue_count; i++)
        assert_true(p->cues[i].at_ms >= p->cues[i - 1].at_ms);
}

static void expands_level_one_exactly(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile(&r, 1, &diag);
    /* Worked by hand: 5 + 2 x 10 + (2 x 4 + 10 + 2 x 4) + 2 x 6 = 63 s. */
    static const expected_segment expected[] = {
        {0, 5000, SEGMENT_STEP},
        {5000, 9000, SEGMENT_INHALE},
        {9000, 11000, SEGMENT_BREATH_HOLD},
        {11000, 15000, SEGMENT_EXHALE},
        {15000, 19000, SEGMENT_INHALE},
        {19000, 21000, SEGMENT_BREATH_HOLD},
        {21000, 25000, SEGMENT_EXHALE},
        {25000, 29000, SEGMENT_REP},
        {29000, 33000, SEGMENT_REP},
        {33000, 43000, SEGMENT_SET_REST},
        {43000, 47000, SEGMENT_REP},
        {47000, 51000, SEGMENT_REP},
        {51000, 57000, SEGMENT_REST},
        {57000, 63000, SEGMENT_REST},
    };
    size_t n = sizeof expected / sizeof *expected;
    assert_int_equal(p->segment_count, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(p->segments[i].start_ms, expected[i].start);
        assert_int_equal(p->segments[i].end_ms, expected[i].end);
        assert_int_equal(p->segments[i].kind, expected[i].kind);
    }
    assert_int_equal(p->length_ms, 63000);
    assert_int_equal(p->length_ms, plan_routine_ms(r, 1));
    check_tiling(p);
    /* Counters a screen shows: "Rep 2 of 2 · Set 2 of 2", "cycle 2 of 2", "repeat 2 of 2". */
    assert_int_equal(p->segments[11].rep, 2);
    assert_int_equal(p->segments[11].set, 2);
    assert_int_equal(p->segments[11].sets, 2);
    assert_int_equal(p->segments[4].cycle, 2);
    assert_int_equal(p->segments[4].cycles, 2);
    assert_int_equal(p->segments[13].repeat, 2);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

static void level_two_adds_cycles_and_holds(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile(&r, 2, &diag);
    /* 5 + 3 x 10 + (2 x 5 + 10 + 2 x 5) + 12 = 77 s */
    assert_int_equal(p->length_ms, 77000);
    check_tiling(p);
    size_t holds = 0;
    for (size_t i = 0; i < p->segment_count; i++)
        holds += p->segments[i].kind == SEGMENT_REP_HOLD;
    assert_int_equal(holds, 4);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

static void places_cues_on_their_events(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile(&r, 1, &diag);
    static const struct {
        int64_t at;
        cue_event event;
    } expected[] = {
        {0, CUE_EVENT_STEP},
        {5000, CUE_EVENT_STEP},
        {5000, CUE_EVENT_INHALE},
        {9000, CUE_EVENT_HOLD},
        {10000, CUE_EVENT_COUNTDOWN},
        {11000, CUE_EVENT_EXHALE},
        {15000, CUE_EVENT_INHALE},
        {19000, CUE_EVENT_HOLD},
        {20000, CUE_EVENT_COUNTDOWN},
        {21000, CUE_EVENT_EXHALE},
        {25000, CUE_EVENT_STEP},
        {40000, CUE_EVENT_COUNTDOWN},
        {41000, CUE_EVENT_COUNTDOWN},
        {42000, CUE_EVENT_COUNTDOWN},
        {43000, CUE_EVENT_SET}, /* set 2 after the rest; no cue per repetition unless asked */
        {51000, CUE_EVENT_STEP},
        {54000, CUE_EVENT_COUNTDOWN},
        {55000, CUE_EVENT_COUNTDOWN},
        {56000, CUE_EVENT_COUNTDOWN},
        /* the rest's second repeat (57 s) rings no bell: a bell marks a new step */
        {60000, CUE_EVENT_COUNTDOWN},
        {61000, CUE_EVENT_COUNTDOWN},
        {62000, CUE_EVENT_COUNTDOWN},
        {63000, CUE_EVENT_END},
    };
    size_t n = sizeof expected / sizeof *expected;
    assert_int_equal(p->cue_count, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(p->cues[i].at_ms, expected[i].at);
        assert_int_equal(p->cues[i].event, expected[i].event);
    }
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

static void finds_segments_and_blends_poses(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile(&r, 1, &diag);
    assert_int_equal(plan_segment_at(p, -5), 0);
    assert_int_equal(plan_segment_at(p, 0), 0);
    assert_int_equal(plan_segment_at(p, 4999), 0);
    assert_int_equal(plan_segment_at(p, 5000), 1);
    assert_int_equal(plan_segment_at(p, 62999), p->segment_count - 1);
    assert_int_equal(plan_segment_at(p, 1000000), p->segment_count - 1);
    /* The first rep (25-29 s) moves down -> up -> down: up, fully, at its middle. */
    pose at;
    size_t rep = plan_segment_at(p, 27000);
    assert_int_equal(p->segments[rep].kind, SEGMENT_REP);
    assert_true(plan_pose_at(p, rep, 27000, &at));
    assert_float_equal(at.angle_deg[POSE_LEFT_ARM], 90, 0.001);
    assert_true(plan_pose_at(p, rep, 26000, &at)); /* half-way, eased: exactly half */
    assert_float_equal(at.angle_deg[POSE_LEFT_ARM], 45, 0.001);
    assert_true(plan_pose_at(p, rep, 25500, &at)); /* a quarter: eased below a quarter */
    assert_true(at.angle_deg[POSE_LEFT_ARM] < 22.5);
    /* Breathing shows no figure here: the pacer. */
    assert_false(plan_pose_at(p, 1, 6000, &at));
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* A hold is followed by a way back as slow as the way there (or the author's 'return'), so the
 * figure never snaps from the held pose to the start: "come back slowly" gets its time. */
static void comes_back_slowly_after_a_hold(void **state)
{
    static const char *const held = "id: held\n"
                                    "title: Held\n"
                                    "kind: graded-movement\n"
                                    "poses:\n"
                                    "  up: {left-arm: 90}\n"
                                    "  down: {}\n"
                                    "steps:\n"
                                    "  - reps: 2\n"
                                    "    rep: 4s\n"
                                    "    hold: 3s\n"
                                    "    motion: [down, up]\n"
                                    "  - reps: 1\n"
                                    "    rep: 4s\n"
                                    "    hold: 3s\n"
                                    "    return: 2s\n"
                                    "    motion: [down, up]\n"
                                    "  - reps: 1\n"
                                    "    rep: 4s\n"
                                    "    motion: [down, up, down]\n";
    diag_list diag;
    diag_init(&diag);
    routine *r = test_load_checked(held, NULL, &diag);
    if (!r)
        test_diag_dump(&diag);
    assert_non_null(r);
    plan *p = NULL;
    assert_true(plan_compile(r, NULL, 1, &p, &diag));
    check_tiling(p);
    /* Step 1: two of (4 s there, 3 s held, 4 s back); step 2: 4 + 3 + 2; step 3 returns by
     * itself, so nothing is added. */
    assert_int_equal(plan_step_total_ms(&r->steps[0], 1), 22000);
    assert_int_equal(plan_step_total_ms(&r->steps[1], 1), 9000);
    assert_int_equal(plan_step_total_ms(&r->steps[2], 1), 4000);
    assert_int_equal(p->length_ms, 35000);
    pose at;
    /* Held at the top until 7 s, then half-way back at 9 s, down at 11 s, for rep 2. */
    assert_true(plan_pose_at(p, plan_segment_at(p, 6900), 6900, &at));
    assert_float_equal(at.angle_deg[POSE_LEFT_ARM], 90, 0.001);
    size_t back = plan_segment_at(p, 9000);
    assert_int_equal(p->segments[back].kind, SEGMENT_REP);
    assert_int_equal(p->segments[back].rep, 1);
    assert_true(plan_pose_at(p, back, 9000, &at));
    assert_float_equal(at.angle_deg[POSE_LEFT_ARM], 45, 0.001);
    /* No jump anywhere: sampled every 50 ms, the arm moves at most a few degrees (a snap would
     * be 90). */
    float last = 0;
    for (int64_t t = 0; t < p->length_ms; t += 50) {
        assert_true(plan_pose_at(p, plan_segment_at(p, t), t, &at));
        assert_true(fabsf(at.angle_deg[POSE_LEFT_ARM] - last) < 5.0f);
        last = at.angle_deg[POSE_LEFT_ARM];
    }
    /* The author's 2 s: half-way back one second into it. */
    assert_true(plan_pose_at(p, plan_segment_at(p, 30000), 30000, &at));
    assert_float_equal(at.angle_deg[POSE_LEFT_ARM], 45, 0.001);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

static void refuses_a_level_that_does_not_exist(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r = test_load_checked(small_routine, NULL, &diag);
    plan *p = (plan *)(uintptr_t)0x1;
    assert_false(plan_compile(r, NULL, 3, &p, &diag));
    assert_ptr_equal(p, (plan *)(uintptr_t)0x1);
    assert_diag(&diag, 0, 0, "level 3 does not exist; 'small' has levels 1 to 2");
    routine_free(r);
    diag_free(&diag);
}

static void every_bundled_routine_tiles_at_every_level(void **state)
{
    /* Also exercised through 'ease plan --json'; here without the CLI in between. */
    pose_library shared;
    pose_library_init(&shared);
    diag_list diag;
    diag_init(&diag);
    assert_true(pose_library_load_dir(&shared, EASE_SOURCE_DIR "/assets/poses", &diag));
    routine_library lib;
    library_init(&lib);
    assert_true(library_load(&lib, EASE_SOURCE_DIR "/routines", &shared, &diag));
    assert_int_equal(lib.files_rejected, 0);
    assert_true(lib.count >= 11);
    for (size_t i = 0; i < lib.count; i++) {
        for (int level = 1; level <= lib.routines[i]->levels; level++) {
            plan *p = NULL;
            assert_true(plan_compile(lib.routines[i], &shared, level, &p, &diag));
            check_tiling(p);
            assert_int_equal(p->length_ms, plan_routine_ms(lib.routines[i], level));
            assert_int_equal(p->cues[p->cue_count - 1].event, CUE_EVENT_END);
            assert_int_equal(p->cues[p->cue_count - 1].at_ms, p->length_ms);
            plan_free(p);
        }
    }
    library_free(&lib);
    pose_library_free(&shared);
    diag_free(&diag);
}

static plan *compile_text(const char *yaml, routine **r, int level, diag_list *diag)
{
    *r = test_load_checked(yaml, NULL, diag);
    if (!*r)
        test_diag_dump(diag);
    assert_non_null(*r);
    plan *p = NULL;
    assert_true(plan_compile(*r, NULL, level, &p, diag));
    check_tiling(p);
    return p;
}

/* A body scan as one step: each prompt is a part with its own words, a soft cue at each. */
static void prompts_split_a_timed_step(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text("id: scan\ntitle: Scan\nkind: relaxation\nsteps:\n"
                           "  - text: Sit comfortably.\n    duration: 60s\n"
                           "    prompts:\n      - {at: 20s, text: Feet.}\n"
                           "      - {at: 45s, text: Hands.}\n",
                           &r, 1, &diag);
    assert_int_equal(p->segment_count, 3);
    assert_int_equal(p->segments[1].start_ms, 20000);
    assert_int_equal(p->segments[2].start_ms, 45000);
    assert_int_equal(p->length_ms, 60000);
    assert_string_equal(routine_text_get(p->segments[0].text, "en"), "Sit comfortably.");
    assert_string_equal(routine_text_get(p->segments[1].text, "en"), "Feet.");
    assert_string_equal(routine_text_get(p->segments[2].text, "en"), "Hands.");
    assert_int_equal(p->segments[2].part, 3);
    assert_int_equal(p->segments[2].parts, 3);
    /* step, prompt, prompt, end */
    assert_int_equal(p->cue_count, 4);
    assert_int_equal(p->cues[1].event, CUE_EVENT_PROMPT);
    assert_int_equal(p->cues[1].at_ms, 20000);
    assert_int_equal(p->cues[2].event, CUE_EVENT_PROMPT);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* PMR as one step: tense 5 s and release 10 s per repetition, each its own segment with its
 * name; the phase's cue 'none' silences it, and 'bell' is carried to the audio. */
static void phases_split_a_repetition(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text("id: pmr\ntitle: PMR\nkind: relaxation\nsteps:\n"
                           "  - title: Hands\n    reps: 2\n    phases:\n"
                           "      - {name: Tense, length: 5s, cue: none}\n"
                           "      - {name: Release, length: 10s, text: Let go., cue: bell}\n",
                           &r, 1, &diag);
    assert_int_equal(p->segment_count, 4);
    assert_int_equal(p->length_ms, 30000);
    assert_string_equal(routine_text_get(p->segments[0].label, "en"), "Tense");
    assert_string_equal(routine_text_get(p->segments[1].label, "en"), "Release");
    assert_string_equal(routine_text_get(p->segments[1].text, "en"), "Let go.");
    assert_int_equal(p->segments[3].rep, 2);
    assert_int_equal(p->segments[3].reps, 2);
    assert_int_equal(p->segments[3].part, 2);
    /* step bell at 0; release at 5 s (bell); tense at 15 s is silent; release at 20 s; end */
    assert_int_equal(p->cue_count, 4);
    assert_int_equal(p->cues[0].event, CUE_EVENT_STEP);
    assert_int_equal(p->cues[1].event, CUE_EVENT_PHASE);
    assert_int_equal(p->cues[1].at_ms, 5000);
    assert_int_equal(p->cues[1].sound, CUE_SOUND_BELL);
    assert_int_equal(p->cues[2].at_ms, 20000);
    assert_int_equal(p->cues[3].event, CUE_EVENT_END);
    assert_int_equal(p->cues[3].sound, -1);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* A step's own cues: silence for one step, the routine's choice for the others. */
static void a_step_overrides_the_routine_cues(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text("id: quiet\ntitle: Quiet\nkind: relaxation\n"
                           "cues: {countdown: none}\nsteps:\n"
                           "  - duration: 10s\n    cues: {step: none}\n"
                           "  - duration: 10s\n    cues: {step: chime}\n"
                           "  - rest: 10s\n",
                           &r, 1, &diag);
    /* step 2's chime, step 3's default bell, the end; no ticks (the routine's none) */
    assert_int_equal(p->cue_count, 3);
    assert_int_equal(p->cues[0].at_ms, 10000);
    assert_int_equal(p->cues[0].sound, CUE_SOUND_CHIME);
    assert_int_equal(p->cues[1].at_ms, 20000);
    assert_int_equal(p->cues[1].sound, -1);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* The sigh (two inhales, one exhale) is one breath; two in-out pairs are two. */
static void breaths_are_counted_by_exhales(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text("id: pairs\ntitle: Pairs\nkind: breathing\nsteps:\n"
                           "  - breathe:\n      pattern: [inhale: 4s, exhale: 6s, inhale: 4s, "
                           "exhale: 6s]\n      cycles: 2\n",
                           &r, 1, &diag);
    assert_int_equal(p->segment_count, 8);
    assert_int_equal(p->segments[0].breaths, 4);
    assert_int_equal(p->segments[1].breath, 1);
    assert_int_equal(p->segments[2].breath, 2);
    assert_int_equal(p->segments[7].breath, 4);
    plan_free(p);
    routine_free(r);
    p = compile_text("id: sigh\ntitle: Sigh\nkind: breathing\nsteps:\n"
                     "  - breathe:\n      pattern: [inhale: 2s, inhale: 1s, exhale: 5s]\n"
                     "      cycles: 3\n",
                     &r, 1, &diag);
    assert_int_equal(p->segments[0].breaths, 3);
    assert_int_equal(p->segments[3].breath, 2);
    assert_int_equal(p->segments[8].breath, 3);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* A block of steps plays in a row, N times, and the model stores each pass. */
static void a_block_of_steps_repeats(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile_text("id: block\ntitle: Block\nkind: graded-movement\nsteps:\n"
                           "  - duration: 5s\n  - repeat: 3\n    steps:\n"
                           "      - duration: 4s\n      - rest: 2s\n  - duration: 1s\n",
                           &r, 1, &diag);
    assert_int_equal(r->step_count, 8);
    assert_int_equal(r->steps[3].block_pass, 2);
    assert_int_equal(r->steps[3].block_passes, 3);
    assert_int_equal(p->length_ms, 5000 + 3 * 6000 + 1000);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expands_level_one_exactly),
        cmocka_unit_test(level_two_adds_cycles_and_holds),
        cmocka_unit_test(places_cues_on_their_events),
        cmocka_unit_test(finds_segments_and_blends_poses),
        cmocka_unit_test(comes_back_slowly_after_a_hold),
        cmocka_unit_test(refuses_a_level_that_does_not_exist),
        cmocka_unit_test(every_bundled_routine_tiles_at_every_level),
        cmocka_unit_test(prompts_split_a_timed_step),
        cmocka_unit_test(phases_split_a_repetition),
        cmocka_unit_test(a_step_overrides_the_routine_cues),
        cmocka_unit_test(breaths_are_counted_by_exhales),
        cmocka_unit_test(a_block_of_steps_repeats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
