/* One YAML document read safely, with typed getters that report problems at the node's place.
 *
 * Loading happens in two passes. The first walks libyaml's event stream and refuses absurd
 * depth, size, alias counts and extra documents before any tree is built (libyaml's document
 * loader is quadratic in nesting depth). The second builds libyaml's document tree. Aliases are
 * references to shared nodes, so every child lookup is charged against a visit budget. */
#ifndef EASE_YAML_DOC_H
#define EASE_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "diag.h"

typedef struct {
    size_t max_bytes;        /* whole file */
    size_t max_depth;        /* nested maps and lists */
    size_t max_aliases;      /* '*name' references */
    size_t max_events;       /* scalars, maps and lists in all */
    size_t max_scalar_bytes; /* one value */
    size_t max_visits;       /* child lookups while reading the tree */
} yaml_doc_limits;

/* Limits generous for any hand-written file and tiny for a machine. */
extern const yaml_doc_limits yaml_doc_default_limits;

typedef struct {
    const char *path; /* for messages; not owned, must outlive the doc */
    diag_list *diag;  /* not owned */
    yaml_document_t document;
    bool loaded;
    size_t visits, max_visits;
    bool budget_reported;
} yaml_doc;

/* Reads data (not NUL-terminated) as exactly one YAML document. On failure adds errors to diag,
 * leaves doc unloaded and returns false. */
bool yaml_doc_load(yaml_doc *doc, const char *path, const unsigned char *data, size_t size,
                   const yaml_doc_limits *limits, diag_list *diag);
void yaml_doc_free(yaml_doc *doc);

/* Reads the file at path (at most limits->max_bytes; NULL: the defaults) and loads it as above.
 * The document keeps its own copies of every value, so the file's bytes are not kept. */
bool yaml_doc_load_file(yaml_doc *doc, const char *path, const yaml_doc_limits *limits,
                        diag_list *diag);

yaml_node_t *ydoc_root(yaml_doc *doc);

/* Reports at a node's start (1-based line and column). */
void ydoc_error(yaml_doc *doc, const yaml_node_t *at, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void ydoc_warning(yaml_doc *doc, const yaml_node_t *at, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
int ydoc_line(const yaml_node_t *node);
int ydoc_col(const yaml_node_t *node);

/* The scalar's text, or NULL when the node is a map or list. */
const char *ydoc_scalar(const yaml_node_t *node);
/* A plain empty value, "~" or "null": what "key:" with nothing after it gives. */
bool ydoc_is_null(const yaml_node_t *node);
/* Describes a value for messages: "\"ten\"", "a list", "a map", "nothing". */
void ydoc_describe(const yaml_node_t *node, char *out, size_t size);

/* Iteration over maps and lists through the visit budget; NULL ends or budget exhausted. */
size_t ydoc_map_size(const yaml_node_t *map);
bool ydoc_map_pair(yaml_doc *doc, yaml_node_t *map, size_t i, yaml_node_t **key,
                   yaml_node_t **value);
size_t ydoc_seq_size(const yaml_node_t *seq);
yaml_node_t *ydoc_seq_item(yaml_doc *doc, yaml_node_t *seq, size_t i);

/* The value under key in map, or NULL when the key is absent; ydoc_get_key_node gives the key's
 * own node instead (for a message that points at the key). */
yaml_node_t *ydoc_get(yaml_doc *doc, yaml_node_t *map, const char *key);
yaml_node_t *ydoc_get_key_node(yaml_doc *doc, yaml_node_t *map, const char *key);

/* Checks that node is a map ("what" names it in the message). */
bool ydoc_expect_map(yaml_doc *doc, yaml_node_t *node, const char *what);
bool ydoc_expect_seq(yaml_doc *doc, yaml_node_t *node, const char *what);
/* node as a list of min to max items, their count in *n; otherwise an error at it: not a list,
 * or "WHAT VERB from MIN to MAX NOUN, got N" ("'steps' must list from 1 to 200 steps"). */
bool ydoc_expect_seq_of(yaml_doc *doc, yaml_node_t *node, const char *what, const char *verb,
                        long min, long max, const char *noun, size_t *n);

/* Every key must be a plain word, appear once, and be one of known (NULL-terminated); unknown
 * keys are reported with "did you mean" where one is close. False if any problem. */
bool ydoc_check_keys(yaml_doc *doc, yaml_node_t *map, const char *const *known, const char *where);

/* Typed values; each reports "'name' must be ..., got ..." and leaves *out untouched on error. */
bool ydoc_get_int(yaml_doc *doc, yaml_node_t *node, const char *name, long min, long max,
                  long *out);
bool ydoc_get_duration(yaml_doc *doc, yaml_node_t *node, const char *name, int64_t min_ms,
                       int64_t max_ms, int64_t *out_ms);
bool ydoc_get_number(yaml_doc *doc, yaml_node_t *node, const char *name, double min, double max,
                     double *out);
bool ydoc_get_bool(yaml_doc *doc, yaml_node_t *node, const char *name, bool *out);
/* values is NULL-terminated; *out is the index of the match. */
bool ydoc_get_enum(yaml_doc *doc, yaml_node_t *node, const char *name, const char *const *values,
                   int *out);
/* A non-empty string of at most max_chars characters (code points); *out is a new copy. */
bool ydoc_get_string(yaml_doc *doc, yaml_node_t *node, const char *name, size_t max_chars,
                     char **out);

/* Code points in a UTF-8 string (libyaml has already refused invalid UTF-8). */
size_t ydoc_utf8_length(const char *text);

#endif
