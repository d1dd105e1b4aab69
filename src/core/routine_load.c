#include "routine_load.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pose_parse.h"
#include "routine_fields.h"
#include "source_file.h"
#include "spell.h"
#include "yaml_doc.h"

/* The format's keys and names: the loader reads by these, and the JSON Schema is tested against
 * them (tests/unit/test_format_schema.c), so the two cannot drift apart. */
const char *const routine_format_top_keys[] = {
    "format", "id",     "title", "kind", "summary", "description", "position", "levels",
    "labels", "safety", "music", "cues", "poses",   "steps",       NULL};
const char *const routine_format_step_keys[] = {
    "title", "text", "pose", "motion", "image",  "sound",   "repeat", "duration", "breathe", "reps",
    "rep",   "hold", "sets", "rest",   "phases", "prompts", "cues",   "return",   "focus",   NULL};
const char *const routine_format_kinds[] = {"breathing", "tai-chi", "graded-movement", "relaxation",
                                            NULL};
const char *const routine_format_positions[] = {"seated", "standing", "lying", NULL};
const char *const routine_format_breathe_keys[] = {"pattern", "cycles", "duration", NULL};
const char *const routine_format_breath_phase_keys[] = {"inhale", "hold", "exhale", "text", NULL};
const char *const routine_format_keyframe_keys[] = {"at", "pose", NULL};
const char *const routine_format_prompt_keys[] = {"at", "text", NULL};
const char *const routine_format_rep_phase_keys[] = {"name", "length", "text", "cue", NULL};
const char *const routine_format_block_keys[] = {"repeat", "steps", NULL};

/* One loading pass: the doc being read and the routine being built. */
typedef struct {
    yaml_doc *doc;
    routine *r;
    bool levels_unknown; /* 'levels' was given but wrong */
} routine_loader;

static routine_place loader_place(const yaml_node_t *node)
{
    return (routine_place){ydoc_line(node), ydoc_col(node)};
}

static bool name_valid(const char *name, size_t max)
{
    size_t n = strlen(name);
    if (n == 0 || n > max || name[0] == '-' || name[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
        if (c == '-' && name[i + 1] == '-')
            return false;
    }
    return true;
}

/* "en", "es", "pt-BR", "yue": two or three lower-case letters and an optional region. */
static bool language_code_valid(const char *code)
{
    size_t i = 0;
    while (code[i] >= 'a' && code[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    if (!code[i])
        return true;
    if (code[i] != '-')
        return false;
    size_t start = ++i;
    while ((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= 'a' && code[i] <= 'z') ||
           (code[i] >= '0' && code[i] <= '9'))
        i++;
    return !code[i] && i - start >= 2 && i - start <= 8;
}

static bool loader_text(routine_loader *L, yaml_node_t *node, const char *name, size_t max,
                        routine_text *out)
{
    routine_text text = {.place = loader_place(node)};
    if (node->type == YAML_SCALAR_NODE) {
        char *value;
        if (!ydoc_get_string(L->doc, node, name, max, &value))
            return false;
        text.entries = calloc(1, sizeof *text.entries);
        if (!text.entries) {
            free(value);
            return false;
        }
        text.entries[0].text = value;
        text.count = 1;
        *out = text;
        return true;
    }
    if (node->type != YAML_MAPPING_NODE || ydoc_map_size(node) == 0) {
        char got[64];
        if (node->type == YAML_MAPPING_NODE)
            snprintf(got, sizeof got, "an empty map");
        else
            ydoc_describe(node, got, sizeof got);
        ydoc_error(L->doc, node,
                   "'%s' must be text, or a map from language to text like {en: ..., es: ...}; "
                   "got %s",
                   name, got);
        return false;
    }
    size_t n = ydoc_map_size(node);
    if (n > ROUTINE_LANGUAGES_MAX) {
        ydoc_error(L->doc, node, "'%s' is given in %zu languages; at most %d are allowed", name, n,
                   ROUTINE_LANGUAGES_MAX);
        return false;
    }
    text.entries = calloc(n, sizeof *text.entries);
    if (!text.entries)
        return false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        if (!ydoc_map_pair(L->doc, node, i, &k, &v)) {
            ok = false;
            break;
        }
        const char *lang = ydoc_scalar(k);
        if (lang && !language_code_valid(lang) &&
            node->data.mapping.style == YAML_FLOW_MAPPING_STYLE && ydoc_is_null(v)) {
            /* {en: Slow, gentle}: the comma ended the text, and "gentle" became a key. */
            char shown[64];
            ydoc_describe(k, shown, sizeof shown);
            ydoc_error(L->doc, k,
                       "%s is not a language code; inside {...} a comma ends a value, so put "
                       "text with commas in quotes",
                       shown);
            ok = false;
            continue;
        }
        if (!lang || !language_code_valid(lang)) {
            char shown[64];
            ydoc_describe(k, shown, sizeof shown);
            ydoc_error(L->doc, k,
                       "%s is not a language code; use two or three lower-case letters and an "
                       "optional region, like en, es or pt-BR",
                       shown);
            ok = false;
            continue;
        }
        bool twice = false;
        for (size_t j = 0; j < text.count; j++)
            if (!strcmp(text.entries[j].lang, lang))
                twice = true;
        if (twice) {
            ydoc_error(L->doc, k, "'%s' has two '%s' versions", name, lang);
            ok = false;
            continue;
        }
        char *value;
        if (!ydoc_get_string(L->doc, v, name, max, &value)) {
            ok = false;
            continue;
        }
        snprintf(text.entries[text.count].lang, sizeof text.entries[text.count].lang, "%s", lang);
        text.entries[text.count++].text = value;
    }
    if (!ok) {
        routine_text_free(&text);
        return false;
    }
    *out = text;
    return true;
}

typedef enum { LEVEL_INT, LEVEL_TIME } level_value_type;

/* One value, or a list with one per level. */
static bool loader_level_value(routine_loader *L, yaml_node_t *node, const char *name,
                               level_value_type type, int64_t min, int64_t max,
                               routine_level_value *out)
{
    routine_level_value value = {.place = loader_place(node)};
    size_t n = 1;
    bool list = node->type == YAML_SEQUENCE_NODE;
    if (list) {
        n = ydoc_seq_size(node);
        int levels = L->r->levels;
        if (L->levels_unknown) {
            /* 'levels' itself is wrong (and reported): its length cannot be judged. The values
             * are still checked; the routine will not play anyway. */
        } else if (n != (size_t)levels) {
            ydoc_error(L->doc, node,
                       "'%s' has %zu values, but the routine has %d level%s; give one value per "
                       "level, or one value for all%s",
                       name, n, levels, levels == 1 ? "" : "s",
                       levels == 1 ? " (or set 'levels')" : "");
            return false;
        }
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = list ? ydoc_seq_item(L->doc, node, i) : node;
        if (!item)
            return false;
        size_t slot = i < ROUTINE_MAX_LEVELS ? i : ROUTINE_MAX_LEVELS - 1;
        if (type == LEVEL_INT) {
            long v;
            if (ydoc_get_int(L->doc, item, name, (long)min, (long)max, &v))
                value.values[slot] = v;
            else
                ok = false;
        } else {
            int64_t ms;
            if (ydoc_get_duration(L->doc, item, name, min, max, &ms))
                value.values[slot] = ms;
            else
                ok = false;
        }
    }
    if (!ok)
        return false;
    value.count = n < ROUTINE_MAX_LEVELS ? (int)n : ROUTINE_MAX_LEVELS;
    *out = value;
    return true;
}

/* A value with its range in the format's table (routine_fields.c): one, or one per level. */
static bool loader_field(routine_loader *L, yaml_node_t *node, routine_field_id id,
                         routine_level_value *out)
{
    const routine_field *f = &routine_fields[id];
    return loader_level_value(L, node, f->key, f->type == FIELD_TIME ? LEVEL_TIME : LEVEL_INT,
                              f->min, f->max, out);
}

static const char *const sound_extensions[] = {".wav", ".ogg", ".mp3", ".flac", NULL};
static const char *const image_extensions[] = {".png", ".jpg", ".jpeg", NULL};

static bool has_extension(const char *path, const char *const *extensions)
{
    size_t n = strlen(path);
    for (size_t i = 0; extensions[i]; i++) {
        size_t e = strlen(extensions[i]);
        if (n > e && !strcasecmp(path + n - e, extensions[i]))
            return true;
    }
    return false;
}

/* A media path as written; where it leads is checked against the library by routine_check. */
static bool loader_path(routine_loader *L, yaml_node_t *node, const char *name,
                        const char *const *extensions, const char *kind, char **out,
                        routine_place *place)
{
    char *path;
    if (!ydoc_get_string(L->doc, node, name, ROUTINE_PATH_MAX, &path))
        return false;
    bool ok = true;
    if (path[0] == '/' || path[0] == '~') {
        ydoc_error(L->doc, node,
                   "'%s' must be a path relative to the routine's folder, not \"%s\"; put the "
                   "file in the routine library",
                   name, path);
        ok = false;
    } else if (strchr(path, '\\')) {
        ydoc_error(L->doc, node, "'%s' must use '/' between folders, not '\\'", name);
        ok = false;
    } else if (!has_extension(path, extensions)) {
        char list[64] = "";
        for (size_t i = 0; extensions[i]; i++) {
            strncat(list, extensions[i], sizeof list - strlen(list) - 1);
            if (extensions[i + 1])
                strncat(list, " ", sizeof list - strlen(list) - 1);
        }
        ydoc_error(L->doc, node, "'%s' must be %s file (%s), got \"%s\"", name, kind, list, path);
        ok = false;
    }
    if (!ok) {
        free(path);
        return false;
    }
    *out = path;
    *place = loader_place(node);
    return true;
}

/* A list under a key ('prompts', 'motion', ...): a sequence of as many items as its row of the
 * table allows (the error says "'key' verb from min to max unit, got n" otherwise), and a zeroed
 * array of n items of item_size for it in *items. Returns n, or 0 on failure. */
static size_t loader_list(routine_loader *L, yaml_node_t *node, routine_field_id id,
                          const char *verb, size_t item_size, void **items)
{
    const routine_field *f = &routine_fields[id];
    char what[40];
    snprintf(what, sizeof what, "'%s'", f->key);
    size_t n;
    if (!ydoc_expect_seq_of(L->doc, node, what, verb, f->min, f->max, f->unit, &n))
        return 0;
    *items = calloc(n, item_size);
    return *items ? n : 0;
}

/* node as a mapping of the known keys: false when it is not a mapping (reported); *keys_ok false
 * when it has another key (reported; the known ones are still read). */
static bool loader_map(routine_loader *L, yaml_node_t *node, const char *what,
                       const char *const *known, bool *keys_ok)
{
    if (!ydoc_expect_map(L->doc, node, what))
        return false;
    *keys_ok = ydoc_check_keys(L->doc, node, known, what);
    return true;
}

/* Item i of a list of mappings, its keys checked against known. NULL when it is not a mapping
 * (*ok becomes false) or the document gave out (*gone too: stop reading the list). */
static yaml_node_t *loader_map_item(routine_loader *L, yaml_node_t *list, size_t i,
                                    const char *what, const char *const *known, bool *ok,
                                    bool *gone)
{
    yaml_node_t *item = ydoc_seq_item(L->doc, list, i);
    if (!item) {
        *ok = false;
        *gone = true;
        return NULL;
    }
    bool keys_ok = true;
    bool map = loader_map(L, item, what, known, &keys_ok);
    *ok = *ok && map && keys_ok;
    return map ? item : NULL;
}

static bool loader_motion(routine_loader *L, yaml_node_t *node, routine_motion *out)
{
    routine_motion motion = {.place = loader_place(node)};
    size_t n =
        loader_list(L, node, FIELD_MOTION, "must list", sizeof *motion.keys, (void **)&motion.keys);
    if (!n)
        return false;
    bool ok = true;
    yaml_node_t *first = ydoc_seq_item(L->doc, node, 0);
    motion.timed = first && first->type == YAML_MAPPING_NODE;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(L->doc, node, i);
        if (!item) {
            ok = false;
            break;
        }
        motion_key key = {.at_ms = -1, .place = loader_place(item)};
        if (motion.timed) {
            if (item->type != YAML_MAPPING_NODE) {
                ydoc_error(L->doc, item,
                           "this motion starts with {at, pose} keyframes, so every entry must "
                           "be one; the two forms cannot be mixed");
                ok = false;
                continue;
            }
            const char *const *known = routine_format_keyframe_keys;
            if (!ydoc_check_keys(L->doc, item, known, "a motion keyframe"))
                ok = false;
            yaml_node_t *at = ydoc_get(L->doc, item, "at");
            yaml_node_t *pose_node = ydoc_get(L->doc, item, "pose");
            if (!at || !pose_node) {
                ydoc_error(L->doc, item, "a motion keyframe needs both 'at' (a time) and 'pose'");
                ok = false;
                continue;
            }
            key.at_place = loader_place(at);
            const routine_field *f = &routine_fields[FIELD_KEYFRAME_AT];
            if (!ydoc_get_duration(L->doc, at, f->key, f->min, f->max, &key.at_ms)) {
                key.at_ms = -1;
                ok = false;
            }
            if (!ydoc_get_string(L->doc, pose_node, "pose", ROUTINE_ID_MAX, &key.pose))
                ok = false;
            else
                key.place = loader_place(pose_node);
        } else {
            if (item->type != YAML_SCALAR_NODE) {
                ydoc_error(L->doc, item,
                           "this motion starts with pose names, so every entry must be one; the "
                           "two forms cannot be mixed");
                ok = false;
                continue;
            }
            if (!ydoc_get_string(L->doc, item, "pose", ROUTINE_ID_MAX, &key.pose))
                ok = false;
        }
        motion.keys[motion.count++] = key;
    }
    /* Keyframe times must rise (over the keyframes whose times could be read); only the order
     * is checked here, the step's length later. */
    for (size_t i = 1; motion.timed && i < motion.count; i++) {
        if (motion.keys[i].at_ms >= 0 && motion.keys[i - 1].at_ms >= 0 &&
            motion.keys[i].at_ms <= motion.keys[i - 1].at_ms) {
            diag_error(L->doc->diag, L->doc->path, motion.keys[i].at_place.line,
                       motion.keys[i].at_place.col,
                       "motion keyframe %zu (line %d) is not later than the one before it; "
                       "keyframe times must increase",
                       i + 1, motion.keys[i].at_place.line);
            ok = false;
        }
    }
    if (!ok) {
        routine_motion_free(&motion);
        return false;
    }
    *out = motion;
    return true;
}

static bool loader_pose_as_motion(routine_loader *L, yaml_node_t *node, routine_motion *out)
{
    char *name;
    if (!ydoc_get_string(L->doc, node, "pose", ROUTINE_ID_MAX, &name))
        return false;
    motion_key *key = calloc(1, sizeof *key);
    if (!key) {
        free(name);
        return false;
    }
    key->pose = name;
    key->at_ms = -1;
    key->place = loader_place(node);
    *out = (routine_motion){.keys = key, .count = 1, .timed = false, .place = loader_place(node)};
    return true;
}

static bool loader_phase(routine_loader *L, yaml_node_t *node, breath_phase *out)
{
    bool ok;
    if (!loader_map(L, node, "a breathing phase", routine_format_breath_phase_keys, &ok))
        return false;
    static const struct {
        routine_field_id field;
        breath_phase_kind kind;
    } kinds[] = {{FIELD_INHALE, BREATH_INHALE},
                 {FIELD_BREATH_HOLD, BREATH_HOLD},
                 {FIELD_EXHALE, BREATH_EXHALE}};
    breath_phase phase = {.place = loader_place(node)};
    int found = 0;
    for (size_t i = 0; i < 3; i++) {
        const char *key = routine_fields[kinds[i].field].key;
        yaml_node_t *value = ydoc_get(L->doc, node, key);
        if (!value)
            continue;
        if (++found > 1) {
            ydoc_error(L->doc, ydoc_get_key_node(L->doc, node, key),
                       "a phase is one of inhale, hold or exhale; start a new '- ' item for "
                       "'%s'",
                       key);
            ok = false;
            continue;
        }
        phase.kind = kinds[i].kind;
        if (!loader_field(L, value, kinds[i].field, &phase.length_ms))
            ok = false;
    }
    if (found == 0) {
        ydoc_error(L->doc, node,
                   "a breathing phase needs 'inhale', 'hold' or 'exhale' with a time");
        ok = false;
    }
    yaml_node_t *text = ydoc_get(L->doc, node, "text");
    if (text && !loader_text(L, text, "text", ROUTINE_TEXT_MAX, &phase.text))
        ok = false;
    if (!ok) {
        routine_text_free(&phase.text);
        return false;
    }
    *out = phase;
    return true;
}

static bool loader_breathe(routine_loader *L, yaml_node_t *node, routine_step *step)
{
    bool ok;
    if (!loader_map(L, node, "'breathe'", routine_format_breathe_keys, &ok))
        return false;
    yaml_node_t *pattern = ydoc_get(L->doc, node, "pattern");
    yaml_node_t *cycles = ydoc_get(L->doc, node, "cycles");
    yaml_node_t *duration = ydoc_get(L->doc, node, "duration");
    if (cycles && duration) {
        ydoc_error(L->doc, ydoc_get_key_node(L->doc, node, "duration"),
                   "give either 'cycles' or 'duration' for a breathing step, not both");
        ok = false;
    } else if (!cycles && !duration) {
        ydoc_error(L->doc, node,
                   "a breathing step needs 'cycles' (how many times the pattern plays) or "
                   "'duration'");
        ok = false;
    }
    if (cycles && !loader_field(L, cycles, FIELD_BREATHE_CYCLES, &step->cycles))
        ok = false;
    if (duration && !loader_field(L, duration, FIELD_BREATHE_DURATION, &step->breathe_ms))
        ok = false;
    if (!pattern) {
        ydoc_error(L->doc, node, "a breathing step needs a 'pattern' of phases");
        return false;
    }
    size_t n = loader_list(L, pattern, FIELD_BREATHE_PATTERN, "must have", sizeof *step->phases,
                           (void **)&step->phases);
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(L->doc, pattern, i);
        if (!item)
            return false;
        if (loader_phase(L, item, &step->phases[step->phase_count]))
            step->phase_count++;
        else
            ok = false;
    }
    if (step->phase_count == n) {
        bool inhale = false, exhale = false;
        for (size_t i = 0; i < step->phase_count; i++) {
            inhale |= step->phases[i].kind == BREATH_INHALE;
            exhale |= step->phases[i].kind == BREATH_EXHALE;
        }
        if (!inhale || !exhale) {
            ydoc_error(L->doc, pattern,
                       "a breathing pattern needs at least one inhale and one exhale");
            ok = false;
        }
    }
    return ok;
}

static bool loader_cue(routine_loader *L, yaml_node_t *value, const char *name, bool files_allowed,
                       routine_cue *cue);
static bool loader_cues(routine_loader *L, yaml_node_t *node, bool files_allowed,
                        routine_cue cues[CUE_EVENT_COUNT]);

/* 'prompts': [{at: 30s, text: ...}, ...] inside a timed step, at rising times. */
static bool loader_prompts(routine_loader *L, yaml_node_t *node, routine_step *step)
{
    size_t n = loader_list(L, node, FIELD_PROMPTS, "must list", sizeof *step->prompts,
                           (void **)&step->prompts);
    if (!n)
        return false;
    bool ok = true, gone = false;
    for (size_t i = 0; i < n && !gone; i++) {
        yaml_node_t *item =
            loader_map_item(L, node, i, "a prompt", routine_format_prompt_keys, &ok, &gone);
        if (!item)
            continue;
        yaml_node_t *at = ydoc_get(L->doc, item, "at");
        yaml_node_t *text = ydoc_get(L->doc, item, "text");
        if (!at || !text) {
            ydoc_error(L->doc, item, "a prompt needs both 'at' (a time into the step) and 'text'");
            ok = false;
            continue;
        }
        step_prompt *prompt = &step->prompts[step->prompt_count];
        prompt->place = loader_place(item);
        prompt->at_place = loader_place(at);
        const routine_field *f = &routine_fields[FIELD_PROMPT_AT];
        if (!ydoc_get_duration(L->doc, at, f->key, f->min, f->max, &prompt->at_ms)) {
            ok = false;
            continue;
        }
        if (!loader_text(L, text, "text", ROUTINE_TEXT_MAX, &prompt->text)) {
            ok = false;
            continue;
        }
        if (step->prompt_count > 0 && prompt->at_ms <= prompt[-1].at_ms) {
            ydoc_error(L->doc, at,
                       "prompt %zu is not later than the one before it; prompt times must "
                       "increase",
                       i + 1);
            ok = false;
        }
        step->prompt_count++;
    }
    return ok;
}

/* 'phases' of an exercise repetition: [{name, length, text, cue}, ...]. */
static bool loader_rep_phases(routine_loader *L, yaml_node_t *node, routine_step *step)
{
    size_t n = loader_list(L, node, FIELD_REP_PHASES, "must list", sizeof *step->rep_phases,
                           (void **)&step->rep_phases);
    if (!n)
        return false;
    bool ok = true, gone = false;
    for (size_t i = 0; i < n && !gone; i++) {
        yaml_node_t *item = loader_map_item(L, node, i, "a phase of a repetition",
                                            routine_format_rep_phase_keys, &ok, &gone);
        if (!item)
            continue;
        /* Counted even when it fails, so routine_free releases what it holds. */
        rep_phase *phase = &step->rep_phases[step->rep_phase_count++];
        phase->place = loader_place(item);
        yaml_node_t *name = ydoc_get(L->doc, item, "name");
        yaml_node_t *length = ydoc_get(L->doc, item, "length");
        yaml_node_t *value;
        if (!name || !length) {
            ydoc_error(L->doc, item,
                       "a phase of a repetition needs a 'name' the patient reads (like tense, "
                       "or {en: Left, es: Izquierda}) and a 'length' (like 5s)");
            ok = false;
        }
        if (name && !loader_text(L, name, "name", ROUTINE_TITLE_MAX, &phase->name))
            ok = false;
        if (length && !loader_field(L, length, FIELD_REP_PHASE_LENGTH, &phase->length_ms))
            ok = false;
        if ((value = ydoc_get(L->doc, item, "text")) &&
            !loader_text(L, value, "text", ROUTINE_TEXT_MAX, &phase->text))
            ok = false;
        if ((value = ydoc_get(L->doc, item, "cue")) &&
            !loader_cue(L, value, "cue", false, &phase->cue))
            ok = false;
    }
    return ok;
}

/* 'focus': one body part, or a list of up to BODY_FOCUS_MAX, each named once. */
static bool loader_focus(routine_loader *L, yaml_node_t *node, routine_step *step)
{
    const routine_field *f = &routine_fields[FIELD_FOCUS];
    bool list = node->type == YAML_SEQUENCE_NODE;
    size_t n = 1;
    if (list &&
        !ydoc_expect_seq_of(L->doc, node, "'focus'", "must list", f->min, f->max, f->unit, &n))
        return false;
    uint8_t parts[BODY_FOCUS_MAX];
    size_t count = 0;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = list ? ydoc_seq_item(L->doc, node, i) : node;
        if (!item)
            return false;
        int index;
        if (!ydoc_get_enum(L->doc, item, "focus", body_focus_names, &index)) {
            ok = false;
            continue;
        }
        bool twice = false;
        for (size_t j = 0; j < count; j++)
            twice |= parts[j] == index;
        if (twice) {
            ydoc_error(L->doc, item, "'%s' is in 'focus' twice; name each part once",
                       body_focus_names[index]);
            ok = false;
            continue;
        }
        parts[count++] = (uint8_t)index;
    }
    if (!ok)
        return false;
    memcpy(step->focus, parts, count);
    step->focus_count = (uint8_t)count;
    step->focus_place = loader_place(node);
    return true;
}

static bool loader_step(routine_loader *L, yaml_node_t *node, routine_step *step)
{
    bool ok;
    if (!loader_map(L, node, "a step", routine_format_step_keys, &ok))
        return false;
    step->place = loader_place(node);
    yaml_node_t *duration = ydoc_get(L->doc, node, "duration");
    yaml_node_t *breathe = ydoc_get(L->doc, node, "breathe");
    yaml_node_t *reps = ydoc_get(L->doc, node, "reps");
    yaml_node_t *rest = ydoc_get(L->doc, node, "rest");

    /* The shape: exactly one of duration, breathe, reps; or rest alone. */
    const char *shape_keys[] = {"duration", "breathe", "reps"};
    yaml_node_t *shape_nodes[] = {duration, breathe, reps};
    const char *shape = NULL;
    bool shape_ok = true;
    for (int i = 0; i < 3; i++) {
        if (!shape_nodes[i])
            continue;
        if (shape) {
            ydoc_error(L->doc, ydoc_get_key_node(L->doc, node, shape_keys[i]),
                       "a step has exactly one of 'duration', 'breathe' or 'reps'; this one has "
                       "'%s' and '%s'; split it into two steps",
                       shape, shape_keys[i]);
            shape_ok = false;
        } else {
            shape = shape_keys[i];
        }
    }
    /* Without a clear shape the step's own keys are still read, so every problem shows. */
    bool has_shape = shape_ok && (shape || rest);
    if (!shape && !rest)
        ydoc_error(L->doc, node,
                   "this step has no length: give it 'duration', 'breathe', 'reps', or make it "
                   "a 'rest'");
    if (!has_shape)
        ok = false;
    step->kind = reps ? STEP_EXERCISE : breathe ? STEP_BREATHE : duration ? STEP_TIMED : STEP_REST;
    if (has_shape && rest && (duration || breathe)) {
        ydoc_error(L->doc, ydoc_get_key_node(L->doc, node, "rest"),
                   "'rest' in a step is the rest between sets of 'reps', or a rest step on its "
                   "own; make the rest a step of its own");
        ok = false;
    }
    static const char *const exercise_only[] = {"rep", "hold", "sets", "phases", "return"};
    for (int i = 0; i < 5 && has_shape; i++) {
        yaml_node_t *key = ydoc_get_key_node(L->doc, node, exercise_only[i]);
        if (key && step->kind != STEP_EXERCISE) {
            ydoc_error(L->doc, key,
                       "'%s' belongs to an exercise step (one with 'reps'); this is a %s step",
                       exercise_only[i], step_kind_name(step->kind));
            ok = false;
        }
    }

    yaml_node_t *value;
    if ((value = ydoc_get(L->doc, node, "title")) &&
        !loader_text(L, value, "title", ROUTINE_TITLE_MAX, &step->title))
        ok = false;
    if ((value = ydoc_get(L->doc, node, "text")) &&
        !loader_text(L, value, "text", ROUTINE_TEXT_MAX, &step->text))
        ok = false;
    yaml_node_t *pose_node = ydoc_get(L->doc, node, "pose");
    yaml_node_t *motion = ydoc_get(L->doc, node, "motion");
    yaml_node_t *image = ydoc_get(L->doc, node, "image");
    if ((pose_node != NULL) + (motion != NULL) + (image != NULL) > 1) {
        /* Point at the second of them in the file: the one that clashes. */
        static const char *const shows[] = {"pose", "motion", "image"};
        yaml_node_t *first = NULL, *second = NULL;
        for (int i = 0; i < 3; i++) {
            yaml_node_t *key = ydoc_get_key_node(L->doc, node, shows[i]);
            if (!key)
                continue;
            if (!first || key->start_mark.index < first->start_mark.index) {
                second = first;
                first = key;
            } else if (!second || key->start_mark.index < second->start_mark.index) {
                second = key;
            }
        }
        ydoc_error(L->doc, second,
                   "a step shows one of 'pose', 'motion' or 'image'; this one has more than one");
        ok = false;
    }
    if (pose_node && !loader_pose_as_motion(L, pose_node, &step->motion))
        ok = false;
    if (motion && !pose_node && !loader_motion(L, motion, &step->motion))
        ok = false;
    if (motion && has_shape && step->kind == STEP_REST) {
        ydoc_error(L->doc, motion, "a rest shows a still 'pose', not a 'motion'");
        ok = false;
    }
    if (image && !loader_path(L, image, "image", image_extensions, "an image", &step->image,
                              &step->image_place))
        ok = false;
    if ((value = ydoc_get(L->doc, node, "sound")) &&
        !loader_path(L, value, "sound", sound_extensions, "a sound", &step->sound,
                     &step->sound_place))
        ok = false;
    if ((value = ydoc_get(L->doc, node, "repeat")) &&
        !loader_field(L, value, FIELD_STEP_REPEAT, &step->repeat))
        ok = false;
    if ((value = ydoc_get(L->doc, node, "cues")) && !loader_cues(L, value, false, step->cues))
        ok = false;
    if ((value = ydoc_get(L->doc, node, "focus")) && !loader_focus(L, value, step))
        ok = false;
    if ((value = ydoc_get(L->doc, node, "prompts"))) {
        if (has_shape && step->kind != STEP_TIMED) {
            ydoc_error(L->doc, ydoc_get_key_node(L->doc, node, "prompts"),
                       "'prompts' belong to a timed step (one with 'duration'), not to this %s "
                       "step",
                       step_kind_name(step->kind));
            ok = false;
        } else if (!loader_prompts(L, value, step)) {
            ok = false;
        }
    }

    if (!has_shape)
        return false;
    switch (step->kind) {
    case STEP_TIMED:
        if (!loader_field(L, duration, FIELD_TIMED_DURATION, &step->duration_ms))
            ok = false;
        break;
    case STEP_REST:
        if (!loader_field(L, rest, FIELD_REST, &step->duration_ms))
            ok = false;
        break;
    case STEP_BREATHE:
        if (!loader_breathe(L, breathe, step))
            ok = false;
        break;
    case STEP_EXERCISE: {
        yaml_node_t *rep = ydoc_get(L->doc, node, "rep");
        yaml_node_t *phases = ydoc_get(L->doc, node, "phases");
        if (!loader_field(L, reps, FIELD_REPS, &step->reps))
            ok = false;
        if (phases) {
            if (rep) {
                ydoc_error(L->doc, ydoc_get_key_node(L->doc, node, "rep"),
                           "with 'phases', a repetition lasts as long as its phases together; "
                           "remove 'rep'");
                ok = false;
            }
            if (!loader_rep_phases(L, phases, step))
                ok = false;
        } else if (!rep) {
            ydoc_error(L->doc, node,
                       "an exercise step needs 'rep': how long one repetition takes, like 4s "
                       "(or 'phases', each with its length)");
            ok = false;
        } else if (!loader_field(L, rep, FIELD_REP, &step->rep_ms)) {
            ok = false;
        }
        if ((value = ydoc_get(L->doc, node, "hold")) &&
            !loader_field(L, value, FIELD_HOLD, &step->hold_ms))
            ok = false;
        if ((value = ydoc_get(L->doc, node, "sets")) &&
            !loader_field(L, value, FIELD_SETS, &step->sets))
            ok = false;
        /* A return is never a snap: at least a second. */
        if ((value = ydoc_get(L->doc, node, "return")) &&
            !loader_field(L, value, FIELD_RETURN, &step->return_ms))
            ok = false;
        if (rest && !loader_field(L, rest, FIELD_SET_REST, &step->rest_ms))
            ok = false;
        break;
    }
    }
    return ok;
}

/* One cue choice: a built-in sound's name, 'none', or (where files_allowed) a sound file. */
static bool loader_cue(routine_loader *L, yaml_node_t *value, const char *name, bool files_allowed,
                       routine_cue *cue)
{
    const char *sounds[CUE_SOUND_COUNT + 2];
    for (int i = 0; i < CUE_SOUND_COUNT; i++)
        sounds[i] = cue_sound_name((cue_sound)i);
    sounds[CUE_SOUND_COUNT] = "none";
    sounds[CUE_SOUND_COUNT + 1] = NULL;
    cue->place = loader_place(value);
    const char *text = ydoc_scalar(value);
    if (text && (strchr(text, '/') || strchr(text, '.'))) {
        if (!files_allowed) {
            ydoc_error(L->doc, value,
                       "a step's or phase's '%s' may be a built-in sound or none; put sound "
                       "files in the routine's 'cues'",
                       name);
            return false;
        }
        if (!loader_path(L, value, name, sound_extensions, "a sound", &cue->file, &cue->place))
            return false;
        cue->source = CUE_SOURCE_FILE;
        return true;
    }
    int which;
    if (!ydoc_get_enum(L->doc, value, name, sounds, &which))
        return false;
    if (which == CUE_SOUND_COUNT) {
        cue->source = CUE_SOURCE_NONE;
    } else {
        cue->source = CUE_SOURCE_BUILTIN;
        cue->builtin = (cue_sound)which;
    }
    return true;
}

/* The routine's 'cues' (files allowed) or a step's own (built-in names and none only). */
static bool loader_cues(routine_loader *L, yaml_node_t *node, bool files_allowed,
                        routine_cue cues[CUE_EVENT_COUNT])
{
    if (!ydoc_expect_map(L->doc, node, "'cues'"))
        return false;
    const char *events[CUE_EVENT_COUNT + 1];
    for (int i = 0; i < CUE_EVENT_COUNT; i++)
        events[i] = cue_event_name((cue_event)i);
    events[CUE_EVENT_COUNT] = NULL;
    bool ok = ydoc_check_keys(L->doc, node, events, "'cues'");
    for (int e = 0; e < CUE_EVENT_COUNT; e++) {
        yaml_node_t *value = ydoc_get(L->doc, node, events[e]);
        if (value && !loader_cue(L, value, events[e], files_allowed, &cues[e]))
            ok = false;
    }
    return ok;
}

/* 'labels': one name per level, shown on the card ("Gentle", "Steady", "Stronger"). */
static bool loader_level_labels(routine_loader *L, yaml_node_t *node)
{
    routine *r = L->r;
    r->level_labels_place = loader_place(node);
    if (!ydoc_expect_seq(L->doc, node, "'labels'"))
        return false;
    size_t n = ydoc_seq_size(node);
    if (!L->levels_unknown && n != (size_t)r->levels) {
        ydoc_error(L->doc, node,
                   "'labels' has %zu names, but the routine has %d level%s; give one name per "
                   "level",
                   n, r->levels, r->levels == 1 ? "" : "s");
        return false;
    }
    if (n > ROUTINE_MAX_LEVELS)
        n = ROUTINE_MAX_LEVELS;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(L->doc, node, i);
        if (!item)
            return false;
        if (loader_text(L, item, "labels", ROUTINE_LABEL_MAX, &r->level_labels[i]))
            r->level_label_count = (int)i + 1;
        else
            ok = false;
    }
    return ok;
}

/* A block: '- repeat: 3' with 'steps', played that many times in a row. Returns its repeat
 * count (0 when the block itself is wrong, reported); *inner is its list of steps. */
static long loader_block(routine_loader *L, yaml_node_t *node, yaml_node_t **inner)
{
    const char *const *known = routine_format_block_keys;
    *inner = NULL;
    bool ok = ydoc_check_keys(L->doc, node, known, "a repeated block of steps");
    yaml_node_t *steps = ydoc_get(L->doc, node, "steps");
    yaml_node_t *repeat = ydoc_get(L->doc, node, "repeat");
    long times = 0;
    if (!repeat) {
        ydoc_error(L->doc, node,
                   "a block of steps needs 'repeat': how many times its steps play in a row");
        ok = false;
    } else if (!ydoc_get_int(L->doc, repeat, "repeat", routine_fields[FIELD_BLOCK_REPEAT].min,
                             routine_fields[FIELD_BLOCK_REPEAT].max, &times)) {
        ok = false;
    }
    if (!ydoc_expect_seq(L->doc, steps, "a block's 'steps'"))
        return 0;
    size_t n = ydoc_seq_size(steps);
    if (n < 1) {
        ydoc_error(L->doc, steps, "a block's 'steps' must list at least one step");
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(L->doc, steps, i);
        if (item && item->type == YAML_MAPPING_NODE && ydoc_get(L->doc, item, "steps")) {
            ydoc_error(L->doc, item,
                       "a block of steps cannot hold another block; write the inner block's "
                       "steps out, or repeat a single step with its own 'repeat'");
            ok = false;
        }
    }
    *inner = steps;
    return ok ? times : 0;
}

static bool loader_routine(routine_loader *L, yaml_node_t *root)
{
    yaml_doc *doc = L->doc;
    routine *r = L->r;
    if (!ydoc_expect_map(doc, root, "a routine file"))
        return false;

    /* A newer format may mean anything; say so before reporting its keys as unknown. */
    yaml_node_t *format = ydoc_get(doc, root, "format");
    r->format = ROUTINE_FORMAT;
    if (format) {
        const char *text = ydoc_scalar(format);
        char *end;
        long asked = text ? strtol(text, &end, 10) : 0;
        if (text && *text && !*end && asked > ROUTINE_FORMAT) {
            ydoc_error(doc, format,
                       "this file is written for format %ld, but this version of Ease reads "
                       "format %d; update Ease, or rewrite the file for format %d",
                       asked, ROUTINE_FORMAT, ROUTINE_FORMAT);
            return false;
        }
        bool quoted = format->type == YAML_SCALAR_NODE &&
                      format->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        if (quoted && text && *text && !*end) {
            ydoc_error(doc, format,
                       "'format' must be a number, not text in quotes; write %s without quotes",
                       text);
            return false;
        }
        if (!text || !*text || *end || asked != ROUTINE_FORMAT) {
            char got[64];
            ydoc_describe(format, got, sizeof got);
            ydoc_error(doc, format, "'format' must be %d, got %s", ROUTINE_FORMAT, got);
            return false;
        }
    }
    bool ok = ydoc_check_keys(doc, root, routine_format_top_keys, "a routine");

    /* 'levels' first: per-level lists anywhere are checked against it. */
    yaml_node_t *value;
    r->levels = 1;
    if ((value = ydoc_get(doc, root, "levels"))) {
        long levels;
        if (ydoc_get_int(doc, value, "levels", routine_fields[FIELD_LEVELS].min,
                         routine_fields[FIELD_LEVELS].max, &levels)) {
            r->levels = (int)levels;
        } else {
            L->levels_unknown = true;
            ok = false;
        }
        r->levels_place = loader_place(value);
    }

    if ((value = ydoc_get(doc, root, "id"))) {
        r->id_place = loader_place(value);
        if (ydoc_get_string(doc, value, "id", ROUTINE_ID_MAX, &r->id)) {
            if (!name_valid(r->id, ROUTINE_ID_MAX)) {
                ydoc_error(doc, value,
                           "'id' must be lower-case letters, digits and single dashes, like "
                           "box-breathing; got \"%s\"",
                           r->id);
                ok = false;
            }
        } else {
            ok = false;
        }
    } else {
        ydoc_error(doc, root, "a routine needs an 'id': a short unique name like box-breathing");
        ok = false;
    }
    if ((value = ydoc_get(doc, root, "title"))) {
        if (!loader_text(L, value, "title", ROUTINE_TITLE_MAX, &r->title))
            ok = false;
    } else {
        ydoc_error(doc, root, "a routine needs a 'title', shown on its tile");
        ok = false;
    }
    if ((value = ydoc_get(doc, root, "kind"))) {
        const char *const *kinds = routine_format_kinds;
        int kind;
        if (ydoc_get_enum(doc, value, "kind", kinds, &kind))
            r->kind = (routine_kind)kind;
        else
            ok = false;
    } else {
        ydoc_error(doc, root,
                   "a routine needs a 'kind': breathing, tai-chi, graded-movement or "
                   "relaxation");
        ok = false;
    }
    if ((value = ydoc_get(doc, root, "labels")) && !loader_level_labels(L, value))
        ok = false;
    if ((value = ydoc_get(doc, root, "summary")) &&
        !loader_text(L, value, "summary", ROUTINE_SUMMARY_MAX, &r->summary))
        ok = false;
    if ((value = ydoc_get(doc, root, "description")) &&
        !loader_text(L, value, "description", ROUTINE_DESCRIPTION_MAX, &r->description))
        ok = false;
    if ((value = ydoc_get(doc, root, "safety")) &&
        !loader_text(L, value, "safety", ROUTINE_TEXT_MAX, &r->safety))
        ok = false;
    if ((value = ydoc_get(doc, root, "position"))) {
        const char *const *positions = routine_format_positions;
        int position;
        if (ydoc_get_enum(doc, value, "position", positions, &position))
            r->position = (routine_position)(position + 1);
        else
            ok = false;
    }
    if ((value = ydoc_get(doc, root, "music")) &&
        !loader_path(L, value, "music", sound_extensions, "a sound", &r->music, &r->music_place))
        ok = false;
    if ((value = ydoc_get(doc, root, "cues")) && !loader_cues(L, value, true, r->cues))
        ok = false;
    if ((value = ydoc_get(doc, root, "poses"))) {
        if (ydoc_map_size(value) > ROUTINE_POSES_MAX) {
            ydoc_error(doc, value,
                       "a routine may define at most %d poses of its own, this one has %zu; put "
                       "shared poses in the pose library",
                       ROUTINE_POSES_MAX, ydoc_map_size(value));
            ok = false;
        } else if (!pose_library_parse(&r->poses, doc, value)) {
            ok = false;
        }
    }

    value = ydoc_get(doc, root, "steps");
    if (!value) {
        ydoc_error(doc, root, "a routine needs 'steps': the list of steps it plays");
        return false;
    }
    r->steps_place = loader_place(value);
    const routine_field *steps_field = &routine_fields[FIELD_STEPS];
    size_t n;
    if (!ydoc_expect_seq_of(doc, value, "'steps'", "must list", steps_field->min, steps_field->max,
                            steps_field->unit, &n))
        return false;
    /* Blocks are stored once per pass, so the plan and checker see plain steps; count them
     * first. A wrong block is reported and stored as nothing. */
    size_t total = 0;
    long *passes = calloc(n, sizeof *passes); /* per item: its block's passes, 0 if not one */
    if (!passes)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(doc, value, i);
        if (!item) {
            free(passes);
            return false;
        }
        if (item->type == YAML_MAPPING_NODE && ydoc_get(doc, item, "steps")) {
            yaml_node_t *inner = NULL;
            passes[i] = loader_block(L, item, &inner);
            if (passes[i] == 0)
                ok = false;
            else
                total += (size_t)passes[i] * ydoc_seq_size(inner);
            continue;
        }
        total++;
    }
    if (total > ROUTINE_STEPS_MAX) {
        ydoc_error(doc, value,
                   "with its blocks repeated, the routine has %zu steps; at most %d are allowed",
                   total, ROUTINE_STEPS_MAX);
        free(passes);
        return false;
    }
    r->steps = calloc(total ? total : 1, sizeof *r->steps);
    if (!r->steps) {
        free(passes);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(doc, value, i);
        if (!item)
            break;
        bool block = item->type == YAML_MAPPING_NODE && ydoc_get(doc, item, "steps");
        if (block && passes[i] > 0) {
            yaml_node_t *inner = ydoc_get(doc, item, "steps");
            size_t m = ydoc_seq_size(inner);
            for (long pass = 1; pass <= passes[i]; pass++) {
                for (size_t j = 0; j < m; j++) {
                    yaml_node_t *step_node = ydoc_seq_item(doc, inner, j);
                    if (!step_node)
                        break;
                    /* Read again on each pass: each pass owns its copy; the same mistake
                     * is said once (diag drops repeats at the same place). */
                    routine_step *step = &r->steps[r->step_count++];
                    step->block_pass = (uint16_t)pass;
                    step->block_passes = (uint16_t)passes[i];
                    step->complete = loader_step(L, step_node, step);
                    if (!step->complete)
                        ok = false;
                }
            }
            continue;
        }
        if (block)
            continue; /* a wrong block: reported while counting, stored as nothing */
        /* Count the step even when it fails, so routine_free releases what it holds. */
        routine_step *step = &r->steps[r->step_count++];
        step->complete = loader_step(L, item, step);
        if (!step->complete)
            ok = false;
    }
    free(passes);
    return ok;
}

/* Parses into a new routine; *out gets it whenever the document could be read, complete or not.
 */
static bool routine_parse(const char *path, const unsigned char *data, size_t size, routine **out,
                          diag_list *diag)
{
    size_t mark = diag_mark(diag);
    *out = NULL;
    yaml_doc doc;
    if (!yaml_doc_load(&doc, path, data, size, NULL, diag))
        return false;
    routine *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        yaml_doc_free(&doc);
        diag_error(diag, path, 0, 0, "ran out of memory reading the routine");
        return false;
    }
    routine_loader loader = {.doc = &doc, .r = r};
    bool ok = loader_routine(&loader, ydoc_root(&doc));
    if (!ok && !diag_failed_since(diag, mark))
        diag_error(diag, path, 0, 0, "ran out of memory reading the routine");
    r->complete = ok && !diag_failed_since(diag, mark);
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, data, size);
    sodium_bin2hex(r->content_hash, sizeof r->content_hash, hash, sizeof hash);
    yaml_doc_free(&doc);
    *out = r;
    return r->complete;
}

bool routine_load_buffer(const char *path, const unsigned char *data, size_t size, routine **out,
                         diag_list *diag)
{
    routine *r;
    if (!routine_parse(path, data, size, &r, diag)) {
        routine_free(r);
        return false;
    }
    *out = r;
    return true;
}

static bool routine_load_path(const char *path, routine **out, bool keep_partial, diag_list *diag)
{
    unsigned char *data;
    size_t size;
    if (!source_file_read(path, yaml_doc_default_limits.max_bytes, &data, &size, diag))
        return false;
    routine *r;
    bool ok = routine_parse(path, data, size, &r, diag);
    free(data);
    if (ok || (keep_partial && r)) {
        *out = r;
        return ok;
    }
    routine_free(r);
    return false;
}

bool routine_load_file(const char *path, routine **out, diag_list *diag)
{
    return routine_load_path(path, out, false, diag);
}

bool routine_load_file_partial(const char *path, routine **out, diag_list *diag)
{
    return routine_load_path(path, out, true, diag);
}
