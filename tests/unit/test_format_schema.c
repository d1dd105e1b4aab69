/* The JSON Schema for editors (schema/routine.schema.json) and the loader's own tables cannot
 * disagree: every key, name and limit the loader reads by is compared with the schema here, so a
 * key added to one and not the other fails the suite. (Values are compared file by file in
 * tests/schema/check_agreement.py.) */
#include "test_support.h"

#include <jansson.h>

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
    };
    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
