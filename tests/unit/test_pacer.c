#include "test_support.h"

#include "pacer.h"

static plan *compile(const char *yaml, routine **r, diag_list *diag)
{
    *r = test_load_checked(yaml, NULL, diag);
    assert_non_null(*r);
    plan *p = NULL;
    assert_true(plan_compile(*r, NULL, 1, &p, diag));
    return p;
}

static void box_breathing_fills_holds_and_empties(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile("id: b\ntitle: B\nkind: breathing\nsteps:\n  - breathe: {pattern: "
                      "[{inhale: 4s}, {hold: 4s}, {exhale: 4s}, {hold: 4s}], cycles: 2}\n",
                      &r, &diag);
    pacer_state s;
    assert_true(pacer_at(p, 0, 0, &s));
    assert_int_equal(s.phase, BREATH_INHALE);
    assert_float_equal(s.fullness, 0, 1e-9);
    assert_true(pacer_at(p, 0, 2000, &s));
    assert_float_equal(s.fullness, 0.5, 1e-9); /* the sine is symmetric */
    assert_true(pacer_at(p, 0, 1000, &s));
    assert_true(s.fullness < 0.25); /* starts gently */
    assert_true(pacer_at(p, 1, 6000, &s));
    assert_int_equal(s.phase, BREATH_HOLD);
    assert_float_equal(s.fullness, 1, 1e-9);
    assert_float_equal(s.progress, 0.5, 1e-9);
    assert_int_equal(s.remaining_ms, 2000);
    assert_true(pacer_at(p, 2, 10000, &s));
    assert_float_equal(s.fullness, 0.5, 1e-9);
    assert_true(pacer_at(p, 3, 14000, &s));
    assert_float_equal(s.fullness, 0, 1e-9); /* the hold after breathing out is empty */
    assert_true(pacer_at(p, 4, 16000, &s));  /* second cycle starts empty again */
    assert_float_equal(s.fullness, 0, 1e-9);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

static void the_sighs_top_up_adds_the_last_part(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile("id: s\ntitle: S\nkind: breathing\nsteps:\n  - breathe: {pattern: "
                      "[{inhale: 3s}, {inhale: 1s}, {exhale: 8s}], cycles: 1}\n",
                      &r, &diag);
    pacer_state s;
    assert_true(pacer_at(p, 0, 3000, &s));
    assert_float_equal(s.fullness, 0.75, 1e-9); /* 3 of 4 seconds of breathing in */
    assert_true(pacer_at(p, 1, 4000, &s));
    assert_float_equal(s.fullness, 1, 1e-9);
    assert_true(pacer_at(p, 2, 8000, &s));
    assert_float_equal(s.fullness, 0.5, 1e-9);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

static void only_breathing_segments_have_a_pacer(void **state)
{
    diag_list diag;
    diag_init(&diag);
    routine *r;
    plan *p = compile("id: t\ntitle: T\nkind: breathing\nsteps:\n  - rest: 5s\n", &r, &diag);
    pacer_state s;
    assert_false(pacer_at(p, 0, 1000, &s));
    pacer_demo(2000, &s);
    assert_int_equal(s.phase, BREATH_INHALE);
    assert_float_equal(s.fullness, 0.5, 1e-9);
    pacer_demo(7000, &s);
    assert_int_equal(s.phase, BREATH_EXHALE);
    assert_float_equal(s.fullness, 0.5, 1e-9);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(box_breathing_fills_holds_and_empties),
        cmocka_unit_test(the_sighs_top_up_adds_the_last_part),
        cmocka_unit_test(only_breathing_segments_have_a_pacer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
