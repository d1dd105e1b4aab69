/* The JSON Schema for editors (schema/routine.schema.json) and the loader's own tables cannot
 * disagree: every key, name and limit the loader reads by is compared with the schema here, so a
 * key added to one and not the other fails the suite. (Values are compared file by file in
 * tests/schema/check_agreement.py.) */
#include "test_support.h"

#include <ctype.h>
#include <jansson.h>

#include "duration.h"
#include "routine_fields.h"

static json_t *schema;

static json_t *at(json_t *from, const char *path)
{
    /* "definitions/step/properties": a path of object keys. */
    char copy[256];
    snprintf(copy, sizeof copy, "%s", path);
    json_t *node = from;
    for (char *part = strtok(copy, "/"); part && node; part = strtok(NULL, "/"))
        node = json_object_get(node, part);
    if (!node)
        fail_msg("the schema has no %s", path);
    return node;
}

/* The object's keys are exactly the NULL-terminated names. */
static void same_keys(json_t *object, const char *const *names, const char *what)
{
    size_t n = 0;
    for (; names[n]; n++)
        if (!json_object_get(object, names[n]))
            fail_msg("%s: the loader reads '%s', the schema does not have it", what, names[n]);
    const char *key;
    json_t *value;
    json_object_foreach(object, key, value)
    {
        bool known = false;
        for (size_t i = 0; i < n; i++)
            known |= !strcmp(names[i], key);
        if (!known)
            fail_msg("%s: the schema has '%s', the loader does not read it", what, key);
    }
    (void)value;
}

/* The array of strings is exactly the names, in order. */
static void same_enum(json_t *array, const char *const *names, size_t count, const char *what)
{
    if (json_array_size(array) != count)
        fail_msg("%s: the schema lists %zu, the loader %zu", what, json_array_size(array), count);
    for (size_t i = 0; i < count; i++)
        if (strcmp(json_string_value(json_array_get(array, i)), names[i]))
            fail_msg("%s: the schema says '%s' where the loader says '%s'", what,
                     json_string_value(json_array_get(array, i)), names[i]);
}

static size_t count_of(const char *const *names)
{
    size_t n = 0;
    while (names[n])
        n++;
    return n;
}

static void keys_agree(void **state)
{
    (void)state;
    same_keys(at(schema, "properties"), routine_format_top_keys, "a routine");
    same_keys(at(schema, "definitions/step/properties"), routine_format_step_keys, "a step");
    same_keys(at(schema, "definitions/breathe/properties"), routine_format_breathe_keys,
              "'breathe'");
    same_keys(at(schema, "definitions/phase/properties"), routine_format_breath_phase_keys,
              "a breathing phase");
    same_keys(at(schema, "definitions/keyframe/properties"), routine_format_keyframe_keys,
              "a keyframe");
    same_keys(at(schema, "definitions/prompt/properties"), routine_format_prompt_keys, "a prompt");
    same_keys(at(schema, "definitions/repPhase/properties"), routine_format_rep_phase_keys,
              "a phase of a repetition");
    same_keys(at(schema, "definitions/block/properties"), routine_format_block_keys, "a block");
    const char *events[CUE_EVENT_COUNT + 1];
    for (int e = 0; e < CUE_EVENT_COUNT; e++)
        events[e] = cue_event_name((cue_event)e);
    events[CUE_EVENT_COUNT] = NULL;
    same_keys(at(schema, "definitions/cues/properties"), events, "'cues'");
    same_keys(at(schema, "definitions/stepCues/properties"), events, "a step's 'cues'");
}

static void names_agree(void **state)
{
    (void)state;
    same_enum(at(schema, "properties/kind/enum"), routine_format_kinds,
              count_of(routine_format_kinds), "kind");
    for (int k = 0; k < ROUTINE_KIND_COUNT; k++)
        assert_string_equal(routine_format_kinds[k], routine_kind_name((routine_kind)k));
    same_enum(at(schema, "properties/position/enum"), routine_format_positions,
              count_of(routine_format_positions), "position");
    const char *sounds[CUE_SOUND_COUNT + 1];
    for (int c = 0; c < CUE_SOUND_COUNT; c++)
        sounds[c] = cue_sound_name((cue_sound)c);
    sounds[CUE_SOUND_COUNT] = "none";
    same_enum(at(schema, "definitions/builtinCue/enum"), sounds, CUE_SOUND_COUNT + 1,
              "a built-in cue");
}

static void limits_agree(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        long value;
    } limits[] = {
        {"definitions/text30/anyOf/0/maxLength", ROUTINE_LABEL_MAX},
        {"definitions/text60/anyOf/0/maxLength", ROUTINE_TITLE_MAX},
        {"definitions/text300/anyOf/0/maxLength", ROUTINE_SUMMARY_MAX},
        {"definitions/text400/anyOf/0/maxLength", ROUTINE_TEXT_MAX},
        {"definitions/name/maxLength", ROUTINE_ID_MAX},
        {"properties/steps/maxItems", ROUTINE_STEPS_MAX},
        {"properties/levels/maximum", ROUTINE_MAX_LEVELS},
        {"properties/labels/maxItems", ROUTINE_MAX_LEVELS},
        {"definitions/step/properties/phases/maxItems", ROUTINE_PHASES_MAX},
        {"definitions/step/properties/prompts/maxItems", ROUTINE_PROMPTS_MAX},
        {"definitions/block/properties/repeat/maximum", ROUTINE_BLOCK_REPEAT_MAX},
    };
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
        /* anyOf/0: a path through an array, by index. */
        char copy[256];
        snprintf(copy, sizeof copy, "%s", limits[i].path);
        json_t *node = schema;
        for (char *part = strtok(copy, "/"); part && node; part = strtok(NULL, "/"))
            node = json_is_array(node) ? json_array_get(node, (size_t)atoi(part))
                                       : json_object_get(node, part);
        if (!node)
            fail_msg("the schema has no %s", limits[i].path);
        if (json_integer_value(node) != limits[i].value)
            fail_msg("%s: the schema says %lld, the loader %ld", limits[i].path,
                     (long long)json_integer_value(node), limits[i].value);
    }
}

/* A number as a row of the table counts it: whole numbers and list lengths plainly, times as
 * people write them (500ms, 1s, 30m). */
static bool read_limit(const routine_field *f, const char *text, int64_t *out)
{
    if (f->type == FIELD_TIME)
        return duration_parse_ms(text, out);
    char *end;
    long v = strtol(text, &end, 10);
    *out = v;
    return *end == '\0' && end != text;
}

/* The first range "A to B" or "A–B" in text that reads as the row's kind of number. */
static bool first_range(const routine_field *f, const char *text, int64_t *min, int64_t *max)
{
    for (const char *p = text; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > text && isalnum((unsigned char)p[-1])))
            continue;
        char a[32], b[32];
        size_t n = strspn(p, "0123456789.abcdefghijklmnopqrstuvwxyz");
        if (n >= sizeof a)
            continue;
        snprintf(a, sizeof a, "%.*s", (int)n, p);
        const char *q = p + n;
        if (!strncmp(q, " to ", 4))
            q += 4;
        else if (!strncmp(q, "\xe2\x80\x93", 3)) /* an en dash */
            q += 3;
        else
            continue;
        size_t m = strspn(q, "0123456789.abcdefghijklmnopqrstuvwxyz");
        while (m > 0 && q[m - 1] == '.') /* the end of a sentence */
            m--;
        if (m == 0 || m >= sizeof b)
            continue;
        snprintf(b, sizeof b, "%.*s", (int)m, q);
        if (read_limit(f, a, min) && read_limit(f, b, max))
            return true;
    }
    return false;
}

/* docs/routine-format.md states each range where the row says, in the first table row of its
 * section that starts with the key (else the first line naming it): the same as the table. */
static void fields_agree_with_the_reference(void **state)
{
    (void)state;
    FILE *file = fopen(EASE_SOURCE_DIR "/docs/routine-format.md", "r");
    assert_non_null(file);
    static char doc[256 * 1024];
    size_t size = fread(doc, 1, sizeof doc - 1, file);
    fclose(file);
    doc[size] = '\0';
    size_t checked = 0;
    for (int id = 0; id < ROUTINE_FIELD_COUNT; id++) {
        const routine_field *f = &routine_fields[id];
        if (!f->doc_section)
            continue;
        /* The section: from its heading to the next heading. */
        char heading[128];
        snprintf(heading, sizeof heading, "\n%s", f->doc_section);
        const char *start = strstr(doc, heading);
        if (!start)
            fail_msg("docs/routine-format.md has no section '%s'", f->doc_section);
        start = strchr(start + 1, '\n');
        const char *end = start;
        while ((end = strchr(end + 1, '\n')) && end[1] != '#')
            ;
        size_t length = end ? (size_t)(end - start) : strlen(start);
        char *section = strndup(start, length);
        char row[128], named[128];
        snprintf(row, sizeof row, "\n| `%s` ", f->doc_key);
        snprintf(named, sizeof named, strchr(f->doc_key, ' ') ? "%s" : "`%s`", f->doc_key);
        const char *at = strstr(section, row);
        if (!at)
            at = strstr(section, named);
        if (!at)
            fail_msg("%s: docs/routine-format.md's '%s' does not name %s", f->key, f->doc_section,
                     named);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)strcspn(at + 1, "\n") + 1, at);
        int64_t min, max;
        if (!first_range(f, line + strlen(f->doc_key), &min, &max))
            fail_msg("%s: no range in docs/routine-format.md's line: %s", f->key, line);
        if (min != f->min || max != f->max)
            fail_msg("%s: docs/routine-format.md (%s) says %lld to %lld, the table %lld to %lld",
                     f->key, f->doc_section, (long long)min, (long long)max, (long long)f->min,
                     (long long)f->max);
        if (f->warn_max && f->type == FIELD_TIME) {
            /* And where the checker starts to warn: "over 10s is a warning". */
            char over[64], limit[32];
            duration_format(f->warn_max, limit, sizeof limit);
            snprintf(over, sizeof over, "over %s is a warning", limit);
            if (!strstr(line, over))
                fail_msg("%s: docs/routine-format.md's line does not say '%s': %s", f->key, over,
                         line);
        }
        free(section);
        checked++;
    }
    assert_true(checked >= 20);
}

/* The schema bounds whole numbers and lists with minimum/maximum and minItems/maxItems (in
 * each alternative of an anyOf, and in a per-level list's items); a time only in words, in the
 * description of its key. Each must be the table's. */
static int schema_bounds(json_t *node, const routine_field *f)
{
    int found = 0;
    const char *low = f->type == FIELD_LIST ? "minItems" : "minimum";
    const char *high = f->type == FIELD_LIST ? "maxItems" : "maximum";
    json_t *min = json_object_get(node, low), *max = json_object_get(node, high);
    bool per_level = f->type != FIELD_LIST && json_object_get(node, "items");
    if (min && max && !per_level) {
        if (json_integer_value(min) != f->min || json_integer_value(max) != f->max)
            fail_msg("%s (%s): the schema says %lld to %lld, the table %lld to %lld", f->key,
                     f->schema, (long long)json_integer_value(min),
                     (long long)json_integer_value(max), (long long)f->min, (long long)f->max);
        found++;
    }
    json_t *items = json_object_get(node, "items");
    if (per_level && items)
        found += schema_bounds(items, f);
    json_t *alternatives = json_object_get(node, "anyOf");
    for (size_t i = 0; i < json_array_size(alternatives); i++)
        found += schema_bounds(json_array_get(alternatives, i), f);
    return found;
}

static void fields_agree_with_the_schema(void **state)
{
    (void)state;
    size_t checked = 0;
    for (int id = 0; id < ROUTINE_FIELD_COUNT; id++) {
        const routine_field *f = &routine_fields[id];
        if (!f->schema)
            continue;
        json_t *node = at(schema, f->schema);
        if (f->type == FIELD_TIME) {
            /* Any "A to B" of the description may be this row's ('rest' has two: between sets,
             * and a rest step's). */
            const char *text = json_string_value(json_object_get(node, "description"));
            bool same = false;
            int64_t min, max;
            for (const char *p = text; p && !same && first_range(f, p, &min, &max);) {
                same = min == f->min && max == f->max;
                p = strstr(p, " to ");
                p = p ? p + 4 : NULL;
            }
            if (!same)
                fail_msg("%s (%s): the schema's description does not say %lld ms to %lld ms: %s",
                         f->key, f->schema, (long long)f->min, (long long)f->max,
                         text ? text : "(none)");
        } else if (schema_bounds(node, f) == 0) {
            fail_msg("%s (%s): the schema bounds it nowhere", f->key, f->schema);
        }
        checked++;
    }
    assert_true(checked >= 20);
}

static int load_schema(void **state)
{
    (void)state;
    json_error_t error;
    schema = json_load_file(EASE_SOURCE_DIR "/schema/routine.schema.json", 0, &error);
    if (!schema)
        fprintf(stderr, "schema: %s:%d: %s\n", error.source, error.line, error.text);
    return schema ? 0 : -1;
}

static int free_schema(void **state)
{
    (void)state;
    json_decref(schema);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_agree),
        cmocka_unit_test(names_agree),
        cmocka_unit_test(limits_agree),
        cmocka_unit_test(fields_agree_with_the_reference),
        cmocka_unit_test(fields_agree_with_the_schema),
    };
    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
