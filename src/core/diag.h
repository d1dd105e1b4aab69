/* A list of problems found in files, each with its place, printed compiler-style
 * ("file:line:col: error: message") so editors and terminals can jump to it. */
#ifndef EASE_DIAG_H
#define EASE_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A note informs and never fails a check, even a strict one (a routine's own pose shadowing a
 * shared one of the same name). */
typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_severity;

typedef struct {
    char *file;    /* owned; may be "" for problems not tied to a file */
    int line, col; /* 1-based; 0 when unknown */
    diag_severity severity;
    char *message; /* owned */
} diag_entry;

typedef struct {
    diag_entry *entries;
    size_t count, capacity;
    size_t errors, warnings; /* every problem added, including those past the storage limit */
    size_t dropped;          /* problems counted but not stored (limit reached) */
    size_t limit;            /* most entries stored; hostile files can produce endless errors */
    size_t per_file_limit;   /* most entries stored for one file, then one closing note */
    const char *last_file;   /* the file of the last entry, and how many it has */
    size_t last_file_count;
} diag_list;

void diag_init(diag_list *list);
void diag_free(diag_list *list);
void diag_clear(diag_list *list);

void diag_add(diag_list *list, diag_severity severity, const char *file, int line, int col,
              const char *format, ...) __attribute__((format(printf, 6, 7)));
#define diag_error(list, file, line, col, ...)                                                     \
    diag_add(list, DIAG_ERROR, file, line, col, __VA_ARGS__)
#define diag_warning(list, file, line, col, ...)                                                   \
    diag_add(list, DIAG_WARNING, file, line, col, __VA_ARGS__)
#define diag_note(list, file, line, col, ...)                                                      \
    diag_add(list, DIAG_NOTE, file, line, col, __VA_ARGS__)

/* Errors added since a mark: lets a loader tell whether its own pass failed. */
static inline size_t diag_mark(const diag_list *list)
{
    return list->errors;
}
static inline bool diag_failed_since(const diag_list *list, size_t mark)
{
    return list->errors > mark;
}

/* Moves every entry of src to the end of dst, leaving src empty. */
void diag_append(diag_list *dst, diag_list *src);

/* Orders entries by file, then line, then column, keeping the order of equals. */
void diag_sort(diag_list *list);

/* Writes one line per entry. (A file that hit its limit ends with an entry saying so.) */
void diag_print(const diag_list *list, FILE *out);
void diag_format_entry(const diag_entry *entry, FILE *out);

#endif
