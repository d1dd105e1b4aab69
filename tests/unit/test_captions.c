#include "test_support.h"

#include "captions.h"

static void the_latest_four_are_kept_oldest_first(void **state)
{
    (void)state;
    caption_list c;
    captions_clear(&c);
    for (int i = 0; i < 6; i++)
        captions_add(&c, (caption){CUE_EVENT_COUNTDOWN, 1000 * i, NULL});
    assert_int_equal(c.count, CAPTIONS_MAX);
    assert_int_equal(c.items[0].at_ms, 2000);
    assert_int_equal(c.items[3].at_ms, 5000);
    captions_clear(&c);
    assert_int_equal(c.count, 0);
}

static void a_caption_shows_for_its_time_in_routine_time(void **state)
{
    (void)state;
    caption_list c;
    captions_clear(&c);
    captions_add(&c, (caption){CUE_EVENT_INHALE, 10000, "Breathe in"});
    captions_add(&c, (caption){CUE_EVENT_EXHALE, 12000, "Breathe out"});
    caption shown[CAPTIONS_MAX];
    /* Not before it sounded. */
    assert_int_equal(captions_visible(&c, 9999, shown, CAPTIONS_MAX), 0);
    assert_int_equal(captions_visible(&c, 11000, shown, CAPTIONS_MAX), 1);
    assert_string_equal(shown[0].spoken, "Breathe in");
    assert_int_equal(captions_visible(&c, 12000, shown, CAPTIONS_MAX), 2);
    assert_int_equal(shown[1].event, CUE_EVENT_EXHALE);
    /* The first goes at 2.5 s of routine time, the second 2 s later. */
    assert_int_equal(captions_visible(&c, 10000 + CAPTION_MS, shown, CAPTIONS_MAX), 1);
    assert_int_equal(shown[0].at_ms, 12000);
    assert_int_equal(captions_visible(&c, 12000 + CAPTION_MS, shown, CAPTIONS_MAX), 0);
    /* No more than asked for. */
    assert_int_equal(captions_visible(&c, 12000, shown, 1), 1);
    assert_int_equal(shown[0].at_ms, 10000);
}

static void the_words_with_a_cue(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r = test_load("id: words\n"
                           "title: Words\n"
                           "kind: breathing\n"
                           "steps:\n"
                           "  - title: {en: Settle, es: Acomódese}\n"
                           "    text: Sit back.\n"
                           "    duration: 5s\n"
                           "  - text: {en: Let the shoulders drop., es: Baje los hombros.}\n"
                           "    duration: 5s\n",
                           &diag);
    if (!r)
        test_diag_dump(&diag);
    assert_non_null(r);
    assert_string_equal(captions_step_words(r, 0, "es"), "Acomódese");
    assert_string_equal(captions_step_words(r, 0, "en"), "Settle");
    /* No title: the instruction is what is said. */
    assert_string_equal(captions_step_words(r, 1, "es"), "Baje los hombros.");
    assert_null(captions_step_words(r, 2, "en"));
    assert_string_equal(captions_spoken_key(CUE_EVENT_INHALE), "breathe-in");
    assert_string_equal(captions_spoken_key(CUE_EVENT_EXHALE), "breathe-out");
    assert_string_equal(captions_spoken_key(CUE_EVENT_HOLD), "hold");
    routine_free(r);
    diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_latest_four_are_kept_oldest_first),
        cmocka_unit_test(a_caption_shows_for_its_time_in_routine_time),
        cmocka_unit_test(the_words_with_a_cue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
