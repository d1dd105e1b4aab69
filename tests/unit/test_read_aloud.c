/* "Read aloud"'s list of a screen's words: each once, in order, and a screen drawn again with the
 * same words is the same list (so it is not read again). */
#include "test_support.h"

#include "read_aloud.h"

static void words_are_kept_once_in_order(void **state)
{
    (void)state;
    read_aloud_list a = {0}, b = {0};
    assert_true(read_aloud_add(&a, NULL, "Stop here?"));
    assert_true(read_aloud_add(&a, "stop-pain", "It hurts"));
    assert_true(read_aloud_add(&a, NULL, "It hurts")); /* shown twice, said once */
    assert_true(read_aloud_add(&a, NULL, ""));         /* nothing to say */
    assert_true(read_aloud_add(&a, NULL, NULL));
    assert_int_equal(a.count, 2);
    assert_string_equal(a.items[0].text, "Stop here?");
    assert_string_equal(a.items[1].key, "stop-pain");
    assert_null(a.items[0].key);

    /* The same words drawn again: the same list. Another order, or other words: not. */
    read_aloud_add(&b, NULL, "Stop here?");
    read_aloud_add(&b, NULL, "It hurts");
    assert_true(read_aloud_same(&a, &b));
    read_aloud_clear(&b);
    read_aloud_add(&b, NULL, "It hurts");
    read_aloud_add(&b, NULL, "Stop here?");
    assert_false(read_aloud_same(&a, &b));
    read_aloud_add(&b, NULL, "Keep going");
    assert_false(read_aloud_same(&a, &b));

    /* Moved: the target takes the words, the source is empty. */
    read_aloud_move(&a, &b);
    assert_int_equal(a.count, 3);
    assert_int_equal(b.count, 0);
    assert_string_equal(a.items[2].text, "Keep going");
    read_aloud_clear(&a);
    read_aloud_clear(&b);
    assert_int_equal(a.count, 0);
}

static void a_long_screen_says_its_first_words(void **state)
{
    (void)state;
    read_aloud_list l = {0};
    char word[32];
    for (int i = 0; i < READ_ALOUD_MAX + 10; i++) {
        snprintf(word, sizeof word, "word %d", i);
        assert_true(read_aloud_add(&l, NULL, word));
    }
    assert_int_equal(l.count, READ_ALOUD_MAX);
    assert_string_equal(l.items[0].text, "word 0");
    read_aloud_clear(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_are_kept_once_in_order),
        cmocka_unit_test(a_long_screen_says_its_first_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
