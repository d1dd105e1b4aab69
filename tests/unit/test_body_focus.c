/* 'focus': the names an author may write, the figure's regions each lights, the loader and the
 * checker on them, and the reference and the JSON Schema listing exactly the table's names. */
#include "test_support.h"

#include <jansson.h>

#include "body_focus.h"

static const char *const header = "id: a\n"                                    /* 1 */
                                  "title: {en: A, es: A}\n"                    /* 2 */
                                  "kind: graded-movement\n"                    /* 3 */
                                  "poses: {seated: {}, up: {shoulders: 20}}\n" /* 4 */
                                  "steps:\n";                                  /* 5 */

/* Loads header + steps (line 6 on); the routine, or NULL with the problems in diag. */
static routine *load(const char *steps, diag_list *diag)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%s%s", header, steps);
    return test_load(yaml, diag);
}

static void every_name_lights_a_part_of_the_figure(void **state)
{
    (void)state;
    size_t n = body_focus_count();
    assert_true(n >= 10);
    assert_null(body_focus_names[n]);
    body_regions all = 0;
    for (size_t i = 0; i < n; i++) {
        body_regions r = body_focus_regions((int)i);
        /* Something, and only regions the figure has. */
        assert_int_not_equal(r, 0);
        assert_int_equal(r >> BODY_REGION_COUNT, 0);
        assert_non_null(body_focus_shows((int)i));
        assert_int_equal(body_focus_find(body_focus_names[i]), (int)i);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(body_focus_names[i], body_focus_names[j]);
        all |= r;
    }
    /* Every region can be named. */
    assert_int_equal(all, (1u << BODY_REGION_COUNT) - 1);
    assert_int_equal(body_focus_find("elbows"), -1);
    assert_int_equal(body_focus_find(NULL), -1);
    assert_int_equal(body_focus_regions(-1), 0);
    assert_int_equal(body_focus_regions((int)n), 0);
    assert_null(body_focus_shows((int)n));
    assert_int_equal(body_focus_regions(body_focus_find("neck")),
                     (1u << BODY_REGION_HEAD) | (1u << BODY_REGION_NECK));
    assert_int_equal(body_focus_regions(body_focus_find("hands")), 1u << BODY_REGION_HAND);
}

static void reads_one_part_or_a_list(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r = load("  - reps: 2\n"
                      "    rep: 4s\n"
                      "    focus: shoulders\n"
                      "    motion: [seated, up]\n"
                      "  - duration: 10s\n"
                      "    focus: [neck, hands, feet]\n"
                      "    pose: seated\n"
                      "  - duration: 10s\n"
                      "    pose: seated\n",
                      &diag);
    if (!r)
        test_diag_dump(&diag);
    assert_non_null(r);
    assert_int_equal(diag.errors, 0);
    const routine_step *s = r->steps;
    assert_int_equal(s[0].focus_count, 1);
    assert_string_equal(body_focus_names[s[0].focus[0]], "shoulders");
    assert_int_equal(s[0].focus_place.line, 8);
    assert_int_equal(s[0].focus_place.col, 12);
    assert_int_equal(routine_step_focus_regions(&s[0]),
                     (1u << BODY_REGION_CHEST) | (1u << BODY_REGION_UPPER_ARM));
    assert_int_equal(s[1].focus_count, 3);
    assert_string_equal(body_focus_names[s[1].focus[2]], "feet");
    assert_int_equal(routine_step_focus_regions(&s[1]),
                     (1u << BODY_REGION_HEAD) | (1u << BODY_REGION_NECK) |
                         (1u << BODY_REGION_HAND) | (1u << BODY_REGION_FOOT));
    assert_int_equal(s[2].focus_count, 0);
    assert_int_equal(routine_step_focus_regions(&s[2]), 0);
    routine_free(r);
    diag_free(&diag);
}

static void refuses_unknown_repeated_and_too_many_parts(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r = load("  - duration: 10s\n"
                      "    focus: sholders\n"
                      "    pose: seated\n"
                      "  - duration: 10s\n"
                      "    focus: [neck, elbow]\n"
                      "    pose: seated\n"
                      "  - duration: 10s\n"
                      "    focus: [neck, neck]\n"
                      "    pose: seated\n"
                      "  - duration: 10s\n"
                      "    focus: [neck, hands, feet, hips]\n"
                      "    pose: seated\n"
                      "  - duration: 10s\n"
                      "    focus: {neck: 1}\n"
                      "    pose: seated\n",
                      &diag);
    assert_null(r);
    /* The place, every valid name, and the likely one. */
    assert_diag(&diag, 7, 12, "'focus' must be one of neck, shoulders, upper-back,");
    assert_diag(&diag, 7, 12, " ankles or feet, got \"sholders\"; did you mean 'shoulders'?");
    assert_diag(&diag, 10, 19, "got \"elbow\"");
    assert_false(test_diag_has(&diag, 10, 19, "did you mean"));
    assert_diag(&diag, 13, 19, "'neck' is in 'focus' twice; name each part once");
    assert_diag(&diag, 16, 12, "'focus' must list from 1 to 3 parts, got 4");
    assert_diag(&diag, 19, 12, "'focus' must be one of neck");
    assert_int_equal(diag.errors, 5);
    diag_free(&diag);
}

static void warns_when_no_figure_shows_it(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r = load("  - duration: 10s\n"
                      "    focus: neck\n"
                      "  - breathe: {pattern: [inhale: 4s, exhale: 4s], cycles: 2}\n"
                      "    focus: trunk\n"
                      "  - breathe: {pattern: [inhale: 4s, exhale: 4s], cycles: 2}\n"
                      "    focus: trunk\n"
                      "    motion: [seated, up]\n"
                      "  - duration: 10s\n"
                      "    focus: neck\n"
                      "    pose: seated\n",
                      &diag);
    assert_non_null(r);
    routine_check_options options = {0};
    routine_check(r, &options, &diag);
    assert_diag(&diag, 7, 12,
                "'focus' highlights part of the figure, but this step shows no "
                "figure; give it a 'pose' or a 'motion', or remove 'focus'");
    assert_diag(&diag, 9, 12, "this step shows no figure");
    /* A breathing step with a motion shows the figure beside the pacer; a pose shows it. */
    assert_false(test_diag_has(&diag, 11, 0, "focus"));
    assert_false(test_diag_has(&diag, 14, 0, "focus"));
    assert_int_equal(diag.errors, 0);
    routine_free(r);
    diag_free(&diag);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char text[256 * 1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

/* docs/routine-format.md's Focus table lists exactly the table's names, in order. */
static void the_reference_lists_every_name(void **state)
{
    (void)state;
    const char *doc = read_text(EASE_SOURCE_DIR "/docs/routine-format.md");
    const char *section = strstr(doc, "\n## Focus\n");
    assert_non_null(section);
    const char *table = strstr(section, "| name | lights |\n| --- | --- |\n");
    assert_non_null(table);
    const char *row = strchr(strchr(table, '\n') + 1, '\n') + 1;
    size_t i = 0;
    for (; row[0] == '|'; row = strchr(row, '\n') + 1, i++) {
        char name[64];
        assert_int_equal(sscanf(row, "| `%63[^`]`", name), 1);
        assert_true(i < body_focus_count());
        assert_string_equal(name, body_focus_names[i]);
        /* And says what it lights as the table does. */
        char words[128];
        snprintf(words, sizeof words, "` | %s |\n", body_focus_shows((int)i));
        assert_non_null(strstr(row, words));
    }
    assert_int_equal(i, body_focus_count());
}

/* The schema's focusPart enum is exactly the names; 'focus' allows 1 to BODY_FOCUS_MAX. */
static void the_schema_lists_every_name(void **state)
{
    (void)state;
    json_error_t error;
    json_t *schema = json_load_file(EASE_SOURCE_DIR "/schema/routine.schema.json", 0, &error);
    assert_non_null(schema);
    json_t *defs = json_object_get(schema, "definitions");
    json_t *names = json_object_get(json_object_get(defs, "focusPart"), "enum");
    assert_int_equal(json_array_size(names), body_focus_count());
    for (size_t i = 0; i < body_focus_count(); i++)
        assert_string_equal(json_string_value(json_array_get(names, i)), body_focus_names[i]);
    json_t *list = json_array_get(json_object_get(json_object_get(defs, "focus"), "anyOf"), 1);
    assert_int_equal(json_integer_value(json_object_get(list, "maxItems")), BODY_FOCUS_MAX);
    json_decref(schema);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_name_lights_a_part_of_the_figure),
        cmocka_unit_test(reads_one_part_or_a_list),
        cmocka_unit_test(refuses_unknown_repeated_and_too_many_parts),
        cmocka_unit_test(warns_when_no_figure_shows_it),
        cmocka_unit_test(the_reference_lists_every_name),
        cmocka_unit_test(the_schema_lists_every_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
