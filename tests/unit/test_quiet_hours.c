/* Quiet hours: dark on the attract screen within the hours, never during a visit, a touch wakes
 * it, and it goes dark again after the idle time untouched. */
#include "test_support.h"

#include "quiet_hours.h"

static ease_config quiet_config(int start, int end)
{
    ease_config cfg;
    assert_true(config_defaults(&cfg, NULL, NULL));
    cfg.quiet_start_minute = start;
    cfg.quiet_end_minute = end;
    cfg.idle_ms = 90000;
    return cfg;
}

static void dark_only_within_the_hours_and_on_the_attract_screen(void **state)
{
    (void)state;
    ease_config cfg = quiet_config(20 * 60, 7 * 60);
    quiet_hours q;
    quiet_hours_init(&q);
    assert_false(quiet_hours_update(&q, &cfg, 19 * 60 + 59, true, 1000, 0));
    assert_false(q.dark);
    assert_true(quiet_hours_update(&q, &cfg, 20 * 60, true, 2000, 0)); /* changed: dark */
    assert_true(q.dark);
    assert_false(quiet_hours_update(&q, &cfg, 3 * 60, true, 3000, 0)); /* still dark */
    assert_true(quiet_hours_update(&q, &cfg, 7 * 60, true, 4000, 0));  /* morning: light */
    assert_false(q.dark);
    /* A visit in progress at 21:00 is never blanked. */
    assert_false(quiet_hours_update(&q, &cfg, 21 * 60, false, 5000, 0));
    assert_false(q.dark);
    config_free(&cfg);
}

static void a_touch_wakes_it_until_idle_on_the_attract_screen(void **state)
{
    (void)state;
    ease_config cfg = quiet_config(0, 23 * 60 + 59);
    quiet_hours q;
    quiet_hours_init(&q);
    int minute = 12 * 60;
    assert_true(quiet_hours_update(&q, &cfg, minute, true, 1000, 0));
    quiet_hours_wake(&q, 10000);
    assert_false(q.dark);
    /* Attract, untouched, for less than the idle time: light. */
    assert_false(quiet_hours_update(&q, &cfg, minute, true, 10000 + 89999, 10000));
    assert_false(q.dark);
    /* The patient begins a visit and plays for ten minutes: light throughout. */
    assert_false(quiet_hours_update(&q, &cfg, minute, false, 20000, 15000));
    assert_false(quiet_hours_update(&q, &cfg, minute, false, 620000, 600000));
    /* Back on attract; the idle time counts from the last touch. */
    assert_false(quiet_hours_update(&q, &cfg, minute, true, 650000, 640000));
    assert_true(quiet_hours_update(&q, &cfg, minute, true, 640000 + 90000, 640000));
    assert_true(q.dark);
    /* Dark again: the old wake no longer counts. */
    assert_false(quiet_hours_update(&q, &cfg, minute, true, 640000 + 90001, 640000));
    assert_true(q.dark);
    config_free(&cfg);
}

static void no_quiet_hours_never_dark(void **state)
{
    (void)state;
    ease_config cfg = quiet_config(0, 0);
    quiet_hours q;
    quiet_hours_init(&q);
    for (int minute = 0; minute < 24 * 60; minute += 13)
        assert_false(quiet_hours_update(&q, &cfg, minute, true, minute * 60000LL, 0));
    assert_false(q.dark);
    config_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dark_only_within_the_hours_and_on_the_attract_screen),
        cmocka_unit_test(a_touch_wakes_it_until_idle_on_the_attract_screen),
        cmocka_unit_test(no_quiet_hours_never_dark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
