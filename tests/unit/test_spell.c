#include "test_support.h"

#include "spell.h"

static void counts_edits_with_swaps_as_one(void **state)
{
    assert_int_equal(spell_distance("duration", "duration", 3), 0);
    assert_int_equal(spell_distance("durration", "duration", 3), 1);
    assert_int_equal(spell_distance("titel", "title", 3), 1);
    assert_int_equal(spell_distance("pattren", "pattern", 3), 1);
    assert_int_equal(spell_distance("abc", "xyz", 3), 3);
    assert_int_equal(spell_distance("abc", "abcdefgh", 2), 3); /* past the limit */
}

static void suggests_only_close_words(void **state)
{
    static const char *const keys[] = {"duration", "breathe", "reps", "rest", "title", NULL};
    assert_string_equal(spell_closest("durration", keys), "duration");
    assert_string_equal(spell_closest("repz", keys), "reps");
    assert_string_equal(spell_closest("titel", keys), "title");
    assert_null(spell_closest("colour", keys));
    assert_null(spell_closest("x", keys));
}

static void survives_long_words(void **state)
{
    char long_word[5000];
    memset(long_word, 'a', sizeof long_word - 1);
    long_word[sizeof long_word - 1] = '\0';
    static const char *const keys[] = {"aaaa", NULL};
    assert_null(spell_closest(long_word, keys));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_edits_with_swaps_as_one),
        cmocka_unit_test(suggests_only_close_words),
        cmocka_unit_test(survives_long_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
