#include "test_support.h"

static void formats_compiler_style_lines(void **state)
{
    diag_list diag;
    diag_init(&diag);
    diag_error(&diag, "routines/neck.yaml", 14, 11, "'reps' must be %s", "a number");
    diag_warning(&diag, "routines/neck.yaml", 2, 3, "long");
    diag_error(&diag, "", 0, 0, "no file");
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    diag_sort(&diag);
    diag_print(&diag, out);
    fclose(out);
    assert_string_equal(text, "error: no file\n"
                              "routines/neck.yaml:2:3: warning: long\n"
                              "routines/neck.yaml:14:11: error: 'reps' must be a number\n");
    assert_int_equal(diag.errors, 2);
    assert_int_equal(diag.warnings, 1);
    free(text);
    diag_free(&diag);
}

static void stops_storing_at_the_limit_but_keeps_counting(void **state)
{
    diag_list diag;
    diag_init(&diag);
    diag.limit = 3;
    for (int i = 0; i < 10; i++)
        diag_error(&diag, "f", i + 1, 1, "e%d", i);
    assert_int_equal(diag.count, 3);
    assert_int_equal(diag.errors, 10);
    assert_int_equal(diag.dropped, 7);
    diag_free(&diag);
}

static void appends_and_empties_the_source(void **state)
{
    diag_list a, b;
    diag_init(&a);
    diag_init(&b);
    diag_error(&a, "a", 1, 1, "one");
    diag_warning(&b, "b", 1, 1, "two");
    diag_append(&a, &b);
    assert_int_equal(a.count, 2);
    assert_int_equal(a.warnings, 1);
    assert_int_equal(b.count, 0);
    assert_int_equal(b.warnings, 0);
    diag_free(&a);
    diag_free(&b);
}

/* One mistake reached twice (a step reused through an alias) is stored once, still counted. */
static void says_the_same_problem_at_the_same_place_once(void **state)
{
    diag_list list;
    diag_init(&list);
    for (int i = 0; i < 3; i++)
        diag_error(&list, "a.yaml", 4, 9, "'reps' must be a whole number, got \"%s\"", "ten");
    diag_error(&list, "a.yaml", 5, 9, "'reps' must be a whole number, got \"%s\"", "ten");
    diag_note(&list, "a.yaml", 6, 3, "a note");
    assert_int_equal(list.count, 3);
    assert_int_equal(list.errors, 4);
    assert_int_equal(list.warnings, 0);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    diag_print(&list, out);
    fclose(out);
    assert_non_null(strstr(text, "a.yaml:6:3: note: a note"));
    free(text);
    diag_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(says_the_same_problem_at_the_same_place_once),
        cmocka_unit_test(formats_compiler_style_lines),
        cmocka_unit_test(stops_storing_at_the_limit_but_keeps_counting),
        cmocka_unit_test(appends_and_empties_the_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
