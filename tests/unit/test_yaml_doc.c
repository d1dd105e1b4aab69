#include "test_support.h"

#include "yaml_doc.h"

static bool load(yaml_doc *doc, const char *text, diag_list *diag)
{
    return yaml_doc_load(doc, "d.yaml", (const unsigned char *)text, strlen(text), NULL, diag);
}

static void refuses_what_is_not_one_document(void **state)
{
    static const struct {
        const char *text, *message;
        int line, col;
    } cases[] = {
        {"", "the file is empty", 1, 1},
        {"\xef\xbb\xbf", "the file is empty", 1, 1},
        {"# only a comment\n", "the file is empty", 1, 1},
        {"~\n", "the file is empty", 1, 1},
        {"a: 1\n---\nb: 2\n", "a second YAML document", 2, 1},
        {"a: [1, 2\n", "YAML syntax", 2, 1},
        {"a: *nowhere\n", "anchor (&name)", 1, 4},
        {"a: \xff\n", "not valid UTF-8", 1, 4},
        {"a: b\x01\n", "control character", 1, 5},
        {"a:\n\t- b\n", "tabs", 2, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        diag_list diag;
        diag_init(&diag);
        yaml_doc doc;
        assert_false(load(&doc, cases[i].text, &diag));
        assert_false(doc.loaded);
        assert_int_equal(diag.errors, 1);
        assert_diag(&diag, cases[i].line, cases[i].col, cases[i].message);
        diag_free(&diag);
    }
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
    size_t n = strlen(unit);
    char *text = malloc(n * times + strlen(tail) + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(text + i * n, unit, n);
    strcpy(text + n * times, tail);
    return text;
}

static void refuses_absurd_depth_before_building_a_tree(void **state)
{
    char *deep = repeat("[", 100000, "");
    diag_list diag;
    diag_init(&diag);
    yaml_doc doc;
    assert_false(load(&doc, deep, &diag));
    assert_diag(&diag, 1, 33, "nested more than 32 levels");
    free(deep);
    diag_free(&diag);
}

static void refuses_alias_bombs(void **state)
{
    /* Each level doubles: reading it naively would visit 2^300 nodes. */
    char text[20000] = "a0: &a0 [x]\n";
    for (int i = 1; i < 300; i++) {
        char line[64];
        snprintf(line, sizeof line, "a%d: &a%d [*a%d, *a%d]\n", i, i, i - 1, i - 1);
        strcat(text, line);
    }
    diag_list diag;
    diag_init(&diag);
    yaml_doc doc;
    assert_false(load(&doc, text, &diag));
    assert_diag(&diag, 0, 0, "more than 256 aliases");
    diag_free(&diag);
}

static void getters_report_at_the_value(void **state)
{
    diag_list diag;
    diag_init(&diag);
    yaml_doc doc;
    assert_true(load(&doc,
                     "reps: ten\n"
                     "rep: 4s\n"
                     "kind: tai chi\n"
                     "durration: 3\n"
                     "rep: 5s\n"
                     "flag: maybe\n",
                     &diag));
    yaml_node_t *root = ydoc_root(&doc);
    long reps = 7;
    assert_false(ydoc_get_int(&doc, ydoc_get(&doc, root, "reps"), "reps", 1, 100, &reps));
    assert_int_equal(reps, 7);
    assert_diag(&diag, 1, 7, "'reps' must be a whole number from 1 to 100, got \"ten\"");
    int64_t ms = 0;
    assert_true(ydoc_get_duration(&doc, ydoc_get(&doc, root, "rep"), "rep", 1000, 60000, &ms));
    assert_int_equal(ms, 4000);
    static const char *const kinds[] = {"breathing", "tai-chi", "graded-movement", NULL};
    int kind = -1;
    assert_false(ydoc_get_enum(&doc, ydoc_get(&doc, root, "kind"), "kind", kinds, &kind));
    assert_diag(&diag, 3, 7, "did you mean 'tai-chi'?");
    static const char *const known[] = {"reps", "rep", "kind", "duration", "flag", NULL};
    assert_false(ydoc_check_keys(&doc, root, known, "a step"));
    assert_diag(&diag, 4, 1, "unknown key \"durration\" in a step; did you mean 'duration'?");
    assert_diag(&diag, 5, 1, "'rep' is given twice in a step (first at line 2)");
    bool flag = true;
    assert_false(ydoc_get_bool(&doc, ydoc_get(&doc, root, "flag"), "flag", &flag));
    assert_diag(&diag, 6, 7, "'flag' must be true or false");
    yaml_doc_free(&doc);
    diag_free(&diag);
}

static void strings_are_measured_in_characters(void **state)
{
    diag_list diag;
    diag_init(&diag);
    yaml_doc doc;
    assert_true(load(&doc, "t: Respiración\nu: \"\"\n", &diag));
    char *text = NULL;
    yaml_node_t *root = ydoc_root(&doc);
    assert_true(ydoc_get_string(&doc, ydoc_get(&doc, root, "t"), "t", 12, &text));
    assert_string_equal(text, "Respiración");
    free(text);
    text = NULL;
    assert_false(ydoc_get_string(&doc, ydoc_get(&doc, root, "t"), "t", 10, &text));
    assert_null(text);
    assert_diag(&diag, 1, 4, "is 11 characters long");
    yaml_doc_free(&doc);
    diag_free(&diag);
}

/* An editor's "Unicode" save: refused with what to do, whichever byte order. */
static void refuses_utf16_with_a_clear_message(void **state)
{
    static const unsigned char little[] = {0xff, 0xfe, 'a', 0, ':', 0, ' ', 0, '1', 0, '\n', 0};
    static const unsigned char big[] = {0xfe, 0xff, 0, 'a', 0, ':', 0, ' ', 0, '1', 0, '\n'};
    const unsigned char *files[] = {little, big};
    for (int i = 0; i < 2; i++) {
        diag_list diag;
        diag_init(&diag);
        yaml_doc doc;
        assert_false(yaml_doc_load(&doc, "d.yaml", files[i], sizeof little, NULL, &diag));
        assert_int_equal(diag.errors, 1);
        assert_diag(&diag, 1, 1, "saved as UTF-16");
        assert_diag(&diag, 1, 1, "save it as UTF-8");
        diag_free(&diag);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refuses_utf16_with_a_clear_message),
        cmocka_unit_test(refuses_what_is_not_one_document),
        cmocka_unit_test(refuses_absurd_depth_before_building_a_tree),
        cmocka_unit_test(refuses_alias_bombs),
        cmocka_unit_test(getters_report_at_the_value),
        cmocka_unit_test(strings_are_measured_in_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
