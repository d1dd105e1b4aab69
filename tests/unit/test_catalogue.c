#include "test_support.h"

#include "catalogue.h"

static void every_language_says_everything_english_does(void **state)
{
    catalogue cat;
    catalogue_init(&cat);
    diag_list diag;
    diag_init(&diag);
    bool ok = catalogue_load_dir(&cat, EASE_SOURCE_DIR "/assets/lang", &diag);
    if (!ok)
        test_diag_dump(&diag);
    assert_true(ok);
    const catalogue_language *en = catalogue_find(&cat, "en");
    assert_non_null(en);
    assert_non_null(catalogue_find(&cat, "es"));
    for (size_t l = 0; l < cat.count; l++)
        for (size_t k = 0; k < en->count; k++) {
            bool found = false;
            for (size_t j = 0; j < cat.languages[l].count; j++)
                found |= !strcmp(cat.languages[l].keys[j], en->keys[k]);
            if (!found)
                fail_msg("%s.yaml has no '%s'", cat.languages[l].code, en->keys[k]);
        }
    catalogue_free(&cat);
    diag_free(&diag);
}

static void fills_in_names_and_falls_back(void **state)
{
    catalogue cat;
    catalogue_init(&cat);
    diag_list diag;
    diag_init(&diag);
    assert_true(catalogue_load_dir(&cat, EASE_SOURCE_DIR "/assets/lang", &diag));
    char out[64];
    catalogue_format(&cat, "es", "rep-count", out, sizeof out, "n", "3", "total", "6", NULL);
    assert_string_equal(out, "Repetición 3 de 6");
    catalogue_format(&cat, "fr", "rep-count", out, sizeof out, "n", "3", "total", "6", NULL);
    assert_string_equal(out, "Rep 3 of 6"); /* no French: English */
    assert_string_equal(catalogue_get(&cat, "es", "no-such-key"), "no-such-key");
    catalogue_format(&cat, "en", "rep-count", out, 8, "n", "3", "total", "6", NULL);
    assert_string_equal(out, "Rep 3 o"); /* cut to fit, never overrun */
    catalogue_free(&cat);
    diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_language_says_everything_english_does),
        cmocka_unit_test(fills_in_names_and_falls_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
