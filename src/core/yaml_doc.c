#include "yaml_doc.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "duration.h"
#include "source_file.h"
#include "spell.h"

const yaml_doc_limits yaml_doc_default_limits = {
    .max_bytes = 1024 * 1024,
    .max_depth = 32,
    .max_aliases = 256,
    .max_events = 50000,
    .max_scalar_bytes = 64 * 1024,
    .max_visits = 1000000,
};

/* libyaml reports reader errors (bad UTF-8, control characters) as a byte offset only. */
static void ydoc_offset_position(const unsigned char *data, size_t size, size_t offset, int *line,
                                 int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset && i < size; i++) {
        if (data[i] == '\n') {
            l++;
            c = 1;
        } else if ((data[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* The byte at a 1-based line and character column, for hints about what is there. */
static int ydoc_byte_at(const unsigned char *data, size_t size, int line, int col)
{
    size_t i = 0;
    for (int l = 1; l < line && i < size; i++)
        if (data[i] == '\n')
            l++;
    for (int c = 1; i < size; i++) {
        if ((data[i] & 0xC0) == 0x80)
            continue;
        if (c == col)
            return data[i];
        if (data[i] == '\n')
            return -1;
        c++;
    }
    return -1;
}

static void ydoc_report_parser_error(const yaml_parser_t *parser, const char *path,
                                     const unsigned char *data, size_t size, diag_list *diag)
{
    int line, col;
    const char *problem = parser->problem ? parser->problem : "unreadable YAML";
    if (parser->error == YAML_READER_ERROR) {
        ydoc_offset_position(data, size, parser->problem_offset, &line, &col);
        if (strstr(problem, "control characters")) {
            diag_error(diag, path, line, col,
                       "the file contains a control character (code %d) where text belongs; "
                       "is it really a text file? Save it as plain UTF-8 text",
                       parser->problem_value);
        } else if (strstr(problem, "UTF-8") || strstr(problem, "UTF-16")) {
            diag_error(diag, path, line, col,
                       "the file is not valid UTF-8 text (%s); save it as UTF-8 in your editor",
                       problem);
        } else {
            diag_error(diag, path, line, col, "cannot read the file as text: %s", problem);
        }
        return;
    }
    if (parser->error == YAML_MEMORY_ERROR) {
        diag_error(diag, path, 0, 0, "ran out of memory reading the file");
        return;
    }
    line = (int)parser->problem_mark.line + 1;
    col = (int)parser->problem_mark.column + 1;
    const char *hint = "";
    if (ydoc_byte_at(data, size, line, col) == '\t')
        hint = "; YAML cannot be indented with tabs, use spaces";
    else if (strstr(problem, "did not find expected key") ||
             strstr(problem, "mapping values are not allowed"))
        hint = "; check the indentation, and put values containing ': ' in quotes";
    else if (strstr(problem, "undefined alias"))
        hint = "; an alias (*name) needs an anchor (&name) earlier in the file";
    if (parser->context) {
        diag_error(diag, path, line, col, "YAML syntax: %s %s (line %d, column %d)%s", problem,
                   parser->context, (int)parser->context_mark.line + 1,
                   (int)parser->context_mark.column + 1, hint);
    } else {
        diag_error(diag, path, line, col, "YAML syntax: %s%s", problem, hint);
    }
}

/* The cheap first pass: no tree, just counting, so hostile input is refused in linear time. */
static bool ydoc_preflight(const char *path, const unsigned char *data, size_t size,
                           const yaml_doc_limits *limits, diag_list *diag)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_error(diag, path, 0, 0, "ran out of memory reading the file");
        return false;
    }
    yaml_parser_set_input_string(&parser, data, size);
    size_t depth = 0, aliases = 0, events = 0, documents = 0;
    bool ok = true, done = false;
    while (ok && !done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            ydoc_report_parser_error(&parser, path, data, size, diag);
            ok = false;
            break;
        }
        int line = (int)event.start_mark.line + 1, col = (int)event.start_mark.column + 1;
        if (++events > limits->max_events) {
            diag_error(diag, path, line, col,
                       "the file holds more than %zu values; a routine is far smaller, so this "
                       "is not a routine file",
                       limits->max_events);
            ok = false;
        }
        /* A tag changes what a value means in YAML; no routine needs one, so none is ignored
         * silently. */
        const yaml_char_t *tag =
            event.type == YAML_SCALAR_EVENT           ? event.data.scalar.tag
            : event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.tag
            : event.type == YAML_MAPPING_START_EVENT  ? event.data.mapping_start.tag
                                                      : NULL;
        if (ok && tag) {
            diag_error(diag, path, line, col,
                       "YAML tags (like !!str or !custom) are not used in these files; remove "
                       "the tag");
            ok = false;
        }
        switch (event.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                diag_error(diag, path, line, col,
                           "a second YAML document starts here; a file holds exactly one "
                           "(remove the '---' line or split the file)");
                ok = false;
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > limits->max_depth) {
                diag_error(diag, path, line, col,
                           "values are nested more than %zu levels deep here; a routine never "
                           "needs that many",
                           limits->max_depth);
                ok = false;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_ALIAS_EVENT:
            if (++aliases > limits->max_aliases) {
                diag_error(diag, path, line, col,
                           "more than %zu aliases (*name); write the values out instead",
                           limits->max_aliases);
                ok = false;
            }
            break;
        case YAML_SCALAR_EVENT:
            if (event.data.scalar.length > limits->max_scalar_bytes) {
                diag_error(diag, path, line, col,
                           "a value of %zu bytes is longer than the %zu allowed",
                           event.data.scalar.length, limits->max_scalar_bytes);
                ok = false;
            }
            break;
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&event);
    }
    if (ok && documents == 0) {
        diag_error(diag, path, 1, 1, "the file is empty");
        ok = false;
    }
    yaml_parser_delete(&parser);
    return ok;
}

bool yaml_doc_load(yaml_doc *doc, const char *path, const unsigned char *data, size_t size,
                   const yaml_doc_limits *limits, diag_list *diag)
{
    if (!limits)
        limits = &yaml_doc_default_limits;
    memset(doc, 0, sizeof *doc);
    doc->path = path;
    doc->diag = diag;
    doc->max_visits = limits->max_visits;
    if (size > limits->max_bytes) {
        diag_error(diag, path, 1, 1, "the file is %zu bytes, more than the %zu allowed", size,
                   limits->max_bytes);
        return false;
    }
    /* libyaml reads UTF-16 silently, but every other tool (and our line:col) expects UTF-8: an
     * editor's "Unicode" save is caught here with what to do. */
    if (size >= 2 &&
        ((data[0] == 0xff && data[1] == 0xfe) || (data[0] == 0xfe && data[1] == 0xff))) {
        diag_error(diag, path, 1, 1,
                   "the file is saved as UTF-16 (it starts with a UTF-16 byte-order mark); save "
                   "it as UTF-8 in your editor");
        return false;
    }
    if (!ydoc_preflight(path, data, size, limits, diag))
        return false;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_error(diag, path, 0, 0, "ran out of memory reading the file");
        return false;
    }
    yaml_parser_set_input_string(&parser, data, size);
    yaml_document_t document;
    bool ok = yaml_parser_load(&parser, &document);
    if (!ok)
        ydoc_report_parser_error(&parser, path, data, size, diag);
    yaml_parser_delete(&parser);
    if (!ok)
        return false;
    yaml_node_t *root = yaml_document_get_root_node(&document);
    if (!root || ydoc_is_null(root)) {
        diag_error(diag, path, 1, 1, "the file is empty");
        yaml_document_delete(&document);
        return false;
    }
    doc->document = document;
    doc->loaded = true;
    return true;
}

bool yaml_doc_load_file(yaml_doc *doc, const char *path, const yaml_doc_limits *limits,
                        diag_list *diag)
{
    if (!limits)
        limits = &yaml_doc_default_limits;
    unsigned char *data;
    size_t size;
    if (!source_file_read(path, limits->max_bytes, &data, &size, diag))
        return false;
    bool ok = yaml_doc_load(doc, path, data, size, limits, diag);
    free(data);
    return ok;
}

void yaml_doc_free(yaml_doc *doc)
{
    if (doc->loaded)
        yaml_document_delete(&doc->document);
    doc->loaded = false;
}

yaml_node_t *ydoc_root(yaml_doc *doc)
{
    return doc->loaded ? yaml_document_get_root_node(&doc->document) : NULL;
}

int ydoc_line(const yaml_node_t *node)
{
    return node ? (int)node->start_mark.line + 1 : 0;
}

int ydoc_col(const yaml_node_t *node)
{
    return node ? (int)node->start_mark.column + 1 : 0;
}

static void ydoc_report(yaml_doc *doc, diag_severity severity, const yaml_node_t *at,
                        const char *format, va_list args) __attribute__((format(printf, 4, 0)));
static void ydoc_report(yaml_doc *doc, diag_severity severity, const yaml_node_t *at,
                        const char *format, va_list args)
{
    char *message = NULL;
    if (vasprintf(&message, format, args) < 0)
        message = NULL;
    diag_add(doc->diag, severity, doc->path, ydoc_line(at), ydoc_col(at), "%s",
             message ? message : "(out of memory)");
    free(message);
}

void ydoc_error(yaml_doc *doc, const yaml_node_t *at, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ydoc_report(doc, DIAG_ERROR, at, format, args);
    va_end(args);
}

void ydoc_warning(yaml_doc *doc, const yaml_node_t *at, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ydoc_report(doc, DIAG_WARNING, at, format, args);
    va_end(args);
}

/* An error at node: the message, then ", got" and what the node holds (every "must be" says
 * what it found, the same way). */
__attribute__((format(printf, 3, 4))) static void ydoc_wrong(yaml_doc *doc, yaml_node_t *node,
                                                             const char *format, ...)
{
    char *head = NULL, got[64];
    va_list args;
    va_start(args, format);
    if (vasprintf(&head, format, args) < 0)
        head = NULL;
    va_end(args);
    ydoc_describe(node, got, sizeof got);
    ydoc_error(doc, node, "%s, got %s", head ? head : "(out of memory)", got);
    free(head);
}

const char *ydoc_scalar(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

bool ydoc_is_null(const yaml_node_t *node)
{
    if (!node || node->type != YAML_SCALAR_NODE)
        return false;
    if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = (const char *)node->data.scalar.value;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

void ydoc_describe(const yaml_node_t *node, char *out, size_t size)
{
    if (!node || ydoc_is_null(node)) {
        snprintf(out, size, "nothing");
        return;
    }
    if (node->type == YAML_MAPPING_NODE) {
        snprintf(out, size, "a map (key: value)");
        return;
    }
    if (node->type == YAML_SEQUENCE_NODE) {
        snprintf(out, size, "a list");
        return;
    }
    /* Quote the value, shortened, with anything unprintable shown as '?'. */
    const unsigned char *s = node->data.scalar.value;
    size_t length = node->data.scalar.length, o = 0;
    if (size < 8)
        return;
    out[o++] = '"';
    for (size_t i = 0; i < length && o + 5 < size; i++) {
        if (i == 40) {
            out[o++] = '.';
            out[o++] = '.';
            out[o++] = '.';
            break;
        }
        out[o++] = (s[i] < 0x20 || s[i] == 0x7F) ? '?' : (char)s[i];
    }
    /* Never cut a UTF-8 sequence in half. */
    while (o > 1 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
        o--;
    if (o > 1 && ((unsigned char)out[o - 1] & 0xC0) == 0xC0)
        o--;
    out[o++] = '"';
    out[o] = '\0';
}

static bool ydoc_visit(yaml_doc *doc, const yaml_node_t *at)
{
    if (++doc->visits <= doc->max_visits)
        return true;
    if (!doc->budget_reported) {
        ydoc_error(doc, at,
                   "the file is too large, or refers to its own values (aliases) too often, "
                   "to read; write the values out instead");
        doc->budget_reported = true;
    }
    return false;
}

size_t ydoc_map_size(const yaml_node_t *map)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return 0;
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

bool ydoc_map_pair(yaml_doc *doc, yaml_node_t *map, size_t i, yaml_node_t **key,
                   yaml_node_t **value)
{
    if (i >= ydoc_map_size(map) || !ydoc_visit(doc, map))
        return false;
    yaml_node_pair_t *pair = map->data.mapping.pairs.start + i;
    *key = yaml_document_get_node(&doc->document, pair->key);
    *value = yaml_document_get_node(&doc->document, pair->value);
    return *key && *value;
}

size_t ydoc_seq_size(const yaml_node_t *seq)
{
    if (!seq || seq->type != YAML_SEQUENCE_NODE)
        return 0;
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *ydoc_seq_item(yaml_doc *doc, yaml_node_t *seq, size_t i)
{
    if (i >= ydoc_seq_size(seq) || !ydoc_visit(doc, seq))
        return NULL;
    return yaml_document_get_node(&doc->document, seq->data.sequence.items.start[i]);
}

static bool ydoc_find(yaml_doc *doc, yaml_node_t *map, const char *key, yaml_node_t **key_node,
                      yaml_node_t **value_node)
{
    size_t n = ydoc_map_size(map);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        if (!ydoc_map_pair(doc, map, i, &k, &v))
            return false;
        const char *text = ydoc_scalar(k);
        if (text && strlen(text) == k->data.scalar.length && !strcmp(text, key)) {
            *key_node = k;
            *value_node = v;
            return true;
        }
    }
    return false;
}

yaml_node_t *ydoc_get(yaml_doc *doc, yaml_node_t *map, const char *key)
{
    yaml_node_t *k, *v;
    return ydoc_find(doc, map, key, &k, &v) ? v : NULL;
}

yaml_node_t *ydoc_get_key_node(yaml_doc *doc, yaml_node_t *map, const char *key)
{
    yaml_node_t *k, *v;
    return ydoc_find(doc, map, key, &k, &v) ? k : NULL;
}

/* True when node is of type; else "WHAT must be SHAPE, got ..." at the node. */
static bool ydoc_expect(yaml_doc *doc, yaml_node_t *node, yaml_node_type_t type, const char *what,
                        const char *shape)
{
    if (node && node->type == type)
        return true;
    ydoc_wrong(doc, node, "%s must be %s", what, shape);
    return false;
}

bool ydoc_expect_map(yaml_doc *doc, yaml_node_t *node, const char *what)
{
    return ydoc_expect(doc, node, YAML_MAPPING_NODE, what, "a map of 'key: value' lines");
}

bool ydoc_expect_seq(yaml_doc *doc, yaml_node_t *node, const char *what)
{
    return ydoc_expect(doc, node, YAML_SEQUENCE_NODE, what, "a list ('- ' items, or [a, b])");
}

bool ydoc_expect_seq_of(yaml_doc *doc, yaml_node_t *node, const char *what, const char *verb,
                        long min, long max, const char *noun, size_t *n)
{
    if (!ydoc_expect_seq(doc, node, what))
        return false;
    *n = ydoc_seq_size(node);
    if (*n >= (size_t)min && *n <= (size_t)max)
        return true;
    ydoc_error(doc, node, "%s %s from %ld to %ld %s, got %zu", what, verb, min, max, noun, *n);
    return false;
}

bool ydoc_check_keys(yaml_doc *doc, yaml_node_t *map, const char *const *known, const char *where)
{
    bool ok = true;
    size_t n = ydoc_map_size(map);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        if (!ydoc_map_pair(doc, map, i, &k, &v))
            return false;
        const char *key = ydoc_scalar(k);
        if (!key) {
            ydoc_error(doc, k, "a key in %s must be a plain word, not a list or map", where);
            ok = false;
            continue;
        }
        if (strlen(key) != k->data.scalar.length) {
            ydoc_error(doc, k, "a key in %s contains a NUL character", where);
            ok = false;
            continue;
        }
        /* A repeated key would silently win or lose; say which line came first. */
        for (size_t j = 0; j < i; j++) {
            yaml_node_t *earlier, *unused;
            if (!ydoc_map_pair(doc, map, j, &earlier, &unused))
                return false;
            const char *other = ydoc_scalar(earlier);
            if (other && !strcmp(other, key)) {
                ydoc_error(doc, k, "'%s' is given twice in %s (first at line %d)", key, where,
                           ydoc_line(earlier));
                ok = false;
                break;
            }
        }
        bool is_known = false;
        for (size_t j = 0; known[j]; j++)
            if (!strcmp(known[j], key)) {
                is_known = true;
                break;
            }
        if (is_known)
            continue;
        ok = false;
        if (!strcmp(key, "<<")) {
            /* YAML 1.1's merge key: not YAML 1.2, not read by editors' schemas, not by Ease. */
            ydoc_error(doc, k,
                       "YAML merge keys ('<<') are not read; reuse a whole step with an alias "
                       "(- *name), repeat steps with '- repeat: N' and 'steps', or write the "
                       "values out");
            continue;
        }
        char shown[64];
        ydoc_describe(k, shown, sizeof shown);
        if (map->data.mapping.style == YAML_FLOW_MAPPING_STYLE && ydoc_is_null(v) &&
            k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            /* {text: Slowly, gently} reads "gently" as a key: the author's comma, not a key. */
            ydoc_error(doc, k,
                       "unknown key %s in %s; inside {...} a comma ends a value, so put text "
                       "with commas in quotes",
                       shown, where);
            continue;
        }
        const char *close = spell_closest(key, known);
        if (close)
            ydoc_error(doc, k, "unknown key %s in %s; did you mean '%s'?", shown, where, close);
        else
            ydoc_error(doc, k, "unknown key %s in %s", shown, where);
    }
    return ok;
}

/* Fails with the usual message when node is not a scalar with a value. */
static const char *ydoc_scalar_for(yaml_doc *doc, yaml_node_t *node, const char *name,
                                   const char *expected)
{
    const char *text = ydoc_scalar(node);
    if (text && !ydoc_is_null(node))
        return text;
    ydoc_wrong(doc, node, "'%s' must be %s", name, expected);
    return NULL;
}

/* A number in quotes is text to YAML, to editors and to the JSON Schema: say so rather than read
 * it as a number the schema would refuse. */
static bool ydoc_quoted_number(yaml_doc *doc, yaml_node_t *node, const char *name, const char *text)
{
    if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE || !text[0] ||
        strspn(text, "0123456789.-+") != strlen(text))
        return false;
    ydoc_error(doc, node, "'%s' must be a number, not text in quotes; write %s without quotes",
               name, text);
    return true;
}

bool ydoc_get_int(yaml_doc *doc, yaml_node_t *node, const char *name, long min, long max, long *out)
{
    char expected[80];
    snprintf(expected, sizeof expected, "a whole number from %ld to %ld", min, max);
    const char *text = ydoc_scalar_for(doc, node, name, expected);
    if (!text || ydoc_quoted_number(doc, node, name, text))
        return false;
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    bool digits_only = isdigit((unsigned char)text[0]) || (text[0] == '-' && text[1]);
    if (!digits_only || *end || errno || value < min || value > max) {
        ydoc_wrong(doc, node, "'%s' must be %s", name, expected);
        return false;
    }
    *out = value;
    return true;
}

/* Reports "'name' must be a time from MIN to MAX, ..., got VALUE" at node. */
static void ydoc_duration_error(yaml_doc *doc, yaml_node_t *node, const char *name, int64_t min_ms,
                                int64_t max_ms)
{
    char low[32], high[32];
    duration_format(min_ms, low, sizeof low);
    duration_format(max_ms, high, sizeof high);
    ydoc_wrong(doc, node, "'%s' must be a time from %s to %s, like 4s, 2.5s or 1m30s", name, low,
               high);
}

bool ydoc_get_duration(yaml_doc *doc, yaml_node_t *node, const char *name, int64_t min_ms,
                       int64_t max_ms, int64_t *out_ms)
{
    /* The message is only formatted when there is a problem: most times are fine. */
    const char *text = ydoc_scalar(node);
    int64_t ms;
    if (!text || ydoc_is_null(node) || !duration_parse_ms(text, &ms) || ms < min_ms ||
        ms > max_ms) {
        ydoc_duration_error(doc, node, name, min_ms, max_ms);
        return false;
    }
    *out_ms = ms;
    return true;
}

bool ydoc_get_number(yaml_doc *doc, yaml_node_t *node, const char *name, double min, double max,
                     double *out)
{
    char expected[80];
    snprintf(expected, sizeof expected, "a number from %g to %g", min, max);
    const char *text = ydoc_scalar_for(doc, node, name, expected);
    if (!text || ydoc_quoted_number(doc, node, name, text))
        return false;
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    /* Plain decimals only: strtod would also take hex, exponents, "inf" and "nan". */
    size_t digits = strspn(text + (text[0] == '-' || text[0] == '+'), "0123456789.");
    bool plain = digits > 0 && digits + (text[0] == '-' || text[0] == '+') == strlen(text) &&
                 isdigit((unsigned char)text[text[0] == '-' || text[0] == '+']);
    if (!plain || *end || errno || !isfinite(value) || value < min || value > max) {
        ydoc_wrong(doc, node, "'%s' must be %s", name, expected);
        return false;
    }
    *out = value;
    return true;
}

bool ydoc_get_bool(yaml_doc *doc, yaml_node_t *node, const char *name, bool *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off"};
    const char *text = ydoc_scalar_for(doc, node, name, "true or false");
    if (!text)
        return false;
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (!strcmp(text, yes[i])) {
            *out = true;
            return true;
        }
        if (!strcmp(text, no[i])) {
            *out = false;
            return true;
        }
    }
    ydoc_wrong(doc, node, "'%s' must be true or false", name);
    return false;
}

bool ydoc_get_enum(yaml_doc *doc, yaml_node_t *node, const char *name, const char *const *values,
                   int *out)
{
    char expected[256] = "one of ";
    for (size_t i = 0; values[i]; i++) {
        strncat(expected, values[i], sizeof expected - strlen(expected) - 1);
        if (values[i + 1])
            strncat(expected, values[i + 2] ? ", " : " or ",
                    sizeof expected - strlen(expected) - 1);
    }
    const char *text = ydoc_scalar_for(doc, node, name, expected);
    if (!text)
        return false;
    for (int i = 0; values[i]; i++)
        if (!strcmp(values[i], text)) {
            *out = i;
            return true;
        }
    char got[64];
    ydoc_describe(node, got, sizeof got);
    const char *close = spell_closest(text, values);
    if (close)
        ydoc_error(doc, node, "'%s' must be %s, got %s; did you mean '%s'?", name, expected, got,
                   close);
    else
        ydoc_error(doc, node, "'%s' must be %s, got %s", name, expected, got);
    return false;
}

size_t ydoc_utf8_length(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

bool ydoc_get_string(yaml_doc *doc, yaml_node_t *node, const char *name, size_t max_chars,
                     char **out)
{
    const char *text = ydoc_scalar_for(doc, node, name, "some text");
    if (!text)
        return false;
    size_t length = ydoc_utf8_length(text);
    if (strspn(text, " \t\r\n") == strlen(text)) {
        ydoc_error(doc, node, "'%s' is empty; write some text, or leave the key out", name);
        return false;
    }
    if (length > max_chars) {
        ydoc_error(doc, node, "'%s' is %zu characters long; keep it to %zu at most", name, length,
                   max_chars);
        return false;
    }
    if (strlen(text) != node->data.scalar.length) {
        ydoc_error(doc, node, "'%s' contains a NUL character", name);
        return false;
    }
    /* Escapes like "\e[2J" or "\x01" reach here as control characters: text is for reading. */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        bool c0 = *p < 0x20 && *p != '\n';
        bool c1 = *p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F; /* U+0080..U+009F */
        if (c0 || *p == 0x7F || c1) {
            ydoc_error(doc, node,
                       "'%s' contains a control character (code %d); write plain text (a new "
                       "line is fine)",
                       name, c1 ? p[1] : *p);
            return false;
        }
    }
    char *copy = strdup(text);
    if (!copy) {
        ydoc_error(doc, node, "ran out of memory");
        return false;
    }
    *out = copy;
    return true;
}
