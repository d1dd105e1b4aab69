#include "test_support.h"

/* Every example of the format brief in one routine, with its own poses so it stands alone. */
static const char *const brief_example =
    "format: 1\n"
    "id: shoulders-and-breath\n"
    "title: Box breathing\n"
    "kind: graded-movement\n"
    "summary: Gentle shoulders, then breathing.\n"
    "position: standing\n"
    "levels: 3\n"
    "safety: Stop whenever you need to.\n"
    "cues:\n"
    "  countdown: none\n"
    "  step: bell\n"
    "poses:\n"
    "  standing: {view: front}\n"
    "  seated: {view: side, chair: true, left-hip: 90, right-hip: 90, left-knee: 90, "
    "right-knee: 90}\n"
    "  shoulders-up: {base: standing, shoulders: 20}\n"
    "  shoulders-back: {base: shoulders-up, torso: -5}\n"
    "  horse-stance: {base: standing, left-hip: 20, right-hip: 20}\n"
    "  cloud-hands-left: {base: horse-stance, left-arm: 80}\n"
    "  cloud-hands-right: {base: horse-stance, right-arm: 80}\n"
    "steps:\n"
    "  - title: Settle in\n"
    "    text: Sit with both feet flat on the floor and let your shoulders drop.\n"
    "    duration: 20s\n"
    "    pose: seated\n"
    "  - title: Four-seven-eight\n"
    "    breathe:\n"
    "      pattern:\n"
    "        - inhale: 4s\n"
    "          text: in through the nose\n"
    "        - hold: 7s\n"
    "        - exhale: 8s\n"
    "          text: out through the mouth\n"
    "      cycles: 4\n"
    "  - title: Shoulder rolls\n"
    "    text: Roll both shoulders slowly up, back and down.\n"
    "    reps: [4, 6, 8]\n"
    "    rep: 4s\n"
    "    hold: [1s, 2s, 2.5s]\n"
    "    sets: 2\n"
    "    rest: 20s\n"
    "    motion: [standing, shoulders-up, shoulders-back, standing]\n"
    "  - rest: 15s\n"
    "  - title: Wave hands like clouds\n"
    "    duration: 24s\n"
    "    repeat: 2\n"
    "    motion:\n"
    "      - {at: 0s, pose: horse-stance}\n"
    "      - {at: 6s, pose: cloud-hands-left}\n"
    "      - {at: 18s, pose: cloud-hands-right}\n"
    "      - {at: 24s, pose: horse-stance}\n";

static void reads_every_shape_of_the_brief(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r = test_load(brief_example, &diag);
    if (!r)
        test_diag_dump(&diag);
    assert_non_null(r);
    assert_int_equal(diag.errors, 0);
    assert_string_equal(r->id, "shoulders-and-breath");
    assert_string_equal(routine_text_get(&r->title, "es"), "Box breathing");
    assert_int_equal(r->kind, ROUTINE_KIND_GRADED_MOVEMENT);
    assert_int_equal(r->position, ROUTINE_POSITION_STANDING);
    assert_int_equal(r->levels, 3);
    assert_int_equal(r->cues[CUE_EVENT_COUNTDOWN].source, CUE_SOURCE_NONE);
    assert_int_equal(r->cues[CUE_EVENT_STEP].source, CUE_SOURCE_BUILTIN);
    assert_int_equal(r->cues[CUE_EVENT_INHALE].source, CUE_SOURCE_DEFAULT);
    assert_int_equal(r->poses.count, 7);
    assert_int_equal(r->step_count, 5);

    const routine_step *timed = &r->steps[0];
    assert_int_equal(timed->kind, STEP_TIMED);
    assert_int_equal(routine_level_value_at(&timed->duration_ms, 2, 0), 20000);
    assert_int_equal(timed->motion.count, 1);
    assert_string_equal(timed->motion.keys[0].pose, "seated");

    const routine_step *breathe = &r->steps[1];
    assert_int_equal(breathe->kind, STEP_BREATHE);
    assert_int_equal(breathe->phase_count, 3);
    assert_int_equal(breathe->phases[1].kind, BREATH_HOLD);
    assert_int_equal(routine_level_value_at(&breathe->phases[2].length_ms, 1, 0), 8000);
    assert_string_equal(routine_text_get(&breathe->phases[0].text, NULL), "in through the nose");
    assert_int_equal(routine_level_value_at(&breathe->cycles, 3, 0), 4);

    const routine_step *exercise = &r->steps[2];
    assert_int_equal(exercise->kind, STEP_EXERCISE);
    assert_int_equal(routine_level_value_at(&exercise->reps, 1, 0), 4);
    assert_int_equal(routine_level_value_at(&exercise->reps, 3, 0), 8);
    assert_int_equal(routine_level_value_at(&exercise->hold_ms, 3, 0), 2500);
    assert_int_equal(routine_level_value_at(&exercise->sets, 2, 0), 2);
    assert_int_equal(exercise->motion.count, 4);
    assert_false(exercise->motion.timed);

    assert_int_equal(r->steps[3].kind, STEP_REST);
    assert_int_equal(routine_level_value_at(&r->steps[3].duration_ms, 1, 0), 15000);

    const routine_step *form = &r->steps[4];
    assert_true(form->motion.timed);
    assert_int_equal(form->motion.keys[2].at_ms, 18000);
    assert_int_equal(routine_level_value_at(&form->repeat, 1, 0), 2);

    routine_check_options options = {0};
    assert_true(routine_check(r, &options, &diag));
    assert_int_equal(diag.errors, 0);
    assert_int_equal(diag.warnings, 0);
    routine_free(r);
    diag_free(&diag);
}

static void picks_the_patients_language(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r = test_load("id: a\ntitle: {en: Box breathing, es: Respiración cuadrada}\n"
                           "kind: breathing\nsteps:\n  - rest: 5s\n",
                           &diag);
    assert_non_null(r);
    assert_string_equal(routine_text_get(&r->title, "es"), "Respiración cuadrada");
    assert_string_equal(routine_text_get(&r->title, "en"), "Box breathing");
    assert_string_equal(routine_text_get(&r->title, "fr"), "Box breathing"); /* the first */
    assert_int_equal(routine_language_count(r), 2);
    assert_string_equal(routine_language(r, 1), "es");
    routine_free(r);
    diag_clear(&diag);
    assert_null(test_load("id: a\ntitle: {english: Box}\nkind: breathing\nsteps:\n"
                          "  - rest: 5s\n",
                          &diag));
    assert_diag(&diag, 2, 9, "\"english\" is not a language code");
    diag_free(&diag);
}

static void leaves_output_untouched_and_reports_every_problem(void **state)
{
    const char *yaml = "id: Not Valid\n"
                       "title: x\n"
                       "kind: breathing\n"
                       "stepz: []\n"
                       "steps:\n"
                       "  - duration: ten\n"
                       "  - reps: 0\n"
                       "    rep: 4s\n";
    diag_list diag;
    diag_init(&diag);
    routine *sentinel = (routine *)(uintptr_t)0x1234;
    routine *r = sentinel;
    assert_false(
        routine_load_buffer("t.yaml", (const unsigned char *)yaml, strlen(yaml), &r, &diag));
    assert_ptr_equal(r, sentinel);
    assert_diag(&diag, 1, 5, "'id' must be lower-case letters");
    assert_diag(&diag, 4, 1, "unknown key \"stepz\" in a routine; did you mean 'steps'?");
    assert_diag(&diag, 6, 15, "'duration' must be a time from 1s to 30m");
    assert_diag(&diag, 7, 11, "'reps' must be a whole number from 1 to 100, got \"0\"");
    assert_int_equal(diag.errors, 4);
    diag_free(&diag);
}

static void refuses_a_newer_format_plainly(void **state)
{
    diag_list diag;
    diag_init(&diag);
    assert_null(test_load("format: 2\nid: x\nnewkey: 1\n", &diag));
    assert_int_equal(diag.errors, 1);
    assert_diag(&diag, 1, 9, "written for format 2, but this version of Ease reads format 1");
    diag_free(&diag);
}

static void checks_per_level_lists_against_levels(void **state)
{
    diag_list diag;
    diag_init(&diag);
    assert_null(
        test_load("id: a\ntitle: A\nkind: breathing\nsteps:\n  - duration: [4s, 5s]\n", &diag));
    assert_diag(&diag, 5, 15,
                "'duration' has 2 values, but the routine has 1 level; give one "
                "value per level, or one value for all (or set 'levels')");
    diag_clear(&diag);
    routine *one =
        test_load("id: a\ntitle: A\nkind: breathing\nsteps:\n  - duration: [4s]\n", &diag);
    assert_non_null(one);
    routine_free(one);
    assert_null(test_load("id: a\ntitle: \"  \"\nkind: breathing\nsteps:\n  - rest: 5s\n", &diag));
    assert_diag(&diag, 2, 8, "'title' is empty");
    diag_clear(&diag);
    assert_null(test_load("id: a\ntitle: A\nkind: breathing\nlevels: 3\nsteps:\n"
                          "  - duration: [4s, 5s]\n",
                          &diag));
    assert_diag(&diag, 6, 15, "'duration' has 2 values, but the routine has 3 levels");
    diag_free(&diag);
}

static void tells_step_shapes_apart(void **state)
{
    static const struct {
        const char *step;
        const char *message;
    } cases[] = {
        {"  - duration: 4s\n    reps: 3\n    rep: 2s\n",
         "a step has exactly one of 'duration', 'breathe' or 'reps'"},
        {"  - title: Nothing\n", "this step has no length"},
        {"  - duration: 4s\n    rest: 4s\n", "'rest' in a step is the rest between sets"},
        {"  - duration: 4s\n    sets: 2\n", "'sets' belongs to an exercise step"},
        {"  - reps: 3\n", "an exercise step needs 'rep'"},
        {"  - breathe: {pattern: [{inhale: 4s}], cycles: 2}\n",
         "needs at least one inhale and one exhale"},
        {"  - breathe: {pattern: [{inhale: 4s, exhale: 4s}], cycles: 2}\n",
         "a phase is one of inhale, hold or exhale"},
        {"  - breathe: {pattern: [{inhale: 4s}, {exhale: 4s}]}\n", "needs 'cycles'"},
        {"  - breathe: {pattern: [{inhale: 4s}, {exhale: 4s}], cycles: 2, duration: 1m}\n",
         "either 'cycles' or 'duration'"},
        {"  - duration: 4s\n    pose: a\n    image: b.png\n", "one of 'pose', 'motion' or 'image'"},
        {"  - duration: 4s\n    motion: [a, {at: 1s, pose: b}]\n", "cannot be mixed"},
        {"  - duration: 4s\n    motion: [{at: 2s, pose: a}, {at: 1s, pose: b}]\n",
         "keyframe times must increase"},
        {"  - duration: 4s\n    sound: /etc/bell.wav\n", "relative to the routine's folder"},
        {"  - duration: 4s\n    image: picture.gif\n", "must be an image file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml, "id: a\ntitle: A\nkind: breathing\nsteps:\n%s", cases[i].step);
        diag_list diag;
        diag_init(&diag);
        routine *r = test_load(yaml, &diag);
        if (r || !test_diag_has(&diag, 0, 0, cases[i].message)) {
            test_diag_dump(&diag);
            fail_msg("case %zu: expected \"%s\"", i, cases[i].message);
        }
        diag_free(&diag);
    }
}

static void keeps_a_partial_routine_for_the_checker_only(void **state)
{
    char path[] = "/tmp/ease-partial-XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    const char *yaml = "id: a\ntitle: A\nkind: breathing\nsteps:\n"
                       "  - duration: ten\n"
                       "  - duration: 4s\n    pose: nowhere\n";
    assert_int_equal(write(fd, yaml, strlen(yaml)), (ssize_t)strlen(yaml));
    close(fd);
    diag_list diag;
    diag_init(&diag);
    routine *r = NULL;
    assert_false(routine_load_file_partial(path, &r, &diag));
    assert_non_null(r);
    assert_false(r->complete);
    assert_false(r->steps[0].complete);
    assert_true(r->steps[1].complete);
    routine_check_options options = {0};
    assert_false(routine_check(r, &options, &diag));
    assert_diag(&diag, 7, 11, "pose 'nowhere' is not known");
    routine_free(r);
    r = NULL;
    assert_false(routine_load_file(path, &r, &diag));
    assert_null(r);
    unlink(path);
    diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_shape_of_the_brief),
        cmocka_unit_test(picks_the_patients_language),
        cmocka_unit_test(leaves_output_untouched_and_reports_every_problem),
        cmocka_unit_test(refuses_a_newer_format_plainly),
        cmocka_unit_test(checks_per_level_lists_against_levels),
        cmocka_unit_test(tells_step_shapes_apart),
        cmocka_unit_test(keeps_a_partial_routine_for_the_checker_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
