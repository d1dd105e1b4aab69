#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

enum { DIAG_DEFAULT_LIMIT = 10000, DIAG_DEFAULT_PER_FILE = 100 };

void diag_init(diag_list *list)
{
    memset(list, 0, sizeof *list);
    list->limit = DIAG_DEFAULT_LIMIT;
    list->per_file_limit = DIAG_DEFAULT_PER_FILE;
}

/* How many entries file has, counted again only when the file changes. */
static size_t diag_count_for(diag_list *list, const char *file)
{
    if (list->last_file && !strcmp(list->last_file, file))
        return list->last_file_count;
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++)
        n += !strcmp(list->entries[i].file, file);
    return n;
}

void diag_clear(diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->entries[i].file);
        free(list->entries[i].message);
    }
    list->count = 0;
    list->errors = list->warnings = list->dropped = 0;
    list->last_file = NULL;
    list->last_file_count = 0;
}

void diag_free(diag_list *list)
{
    diag_clear(list);
    free(list->entries);
    list->entries = NULL;
    list->capacity = 0;
}

static bool diag_store(diag_list *list, diag_entry entry)
{
    diag_entry *grown = array_grow(list->entries, &list->capacity, list->count + 1, sizeof *grown);
    if (!grown)
        return false;
    list->entries = grown;
    list->entries[list->count++] = entry;
    return true;
}

/* Whether the same problem at the same place is stored already: a step reused through a YAML
 * alias, or a block of steps played several times, is one mistake in the file, said once. */
static bool diag_seen(const diag_list *list, const char *file, int line, int col,
                      const char *message)
{
    if (line <= 0)
        return false;
    /* A file's entries are added together: look back only through its own (at most 100). */
    for (size_t i = list->count; i-- > 0;) {
        if (strcmp(list->entries[i].file, file))
            return false;
        if (list->entries[i].line == line && list->entries[i].col == col &&
            !strcmp(list->entries[i].message, message))
            return true;
    }
    return false;
}

void diag_add(diag_list *list, diag_severity severity, const char *file, int line, int col,
              const char *format, ...)
{
    if (!file)
        file = "";
    /* Counted even when said already, so a loader still sees that its own pass failed. */
    if (severity == DIAG_ERROR)
        list->errors++;
    else if (severity == DIAG_WARNING)
        list->warnings++;
    size_t for_file = diag_count_for(list, file);
    if (list->count >= list->limit || for_file > list->per_file_limit) {
        list->dropped++;
        return;
    }
    char *message = NULL;
    int n;
    if (for_file == list->per_file_limit) {
        /* A last line in the same form, so tools reading the output still understand it. */
        severity = DIAG_ERROR;
        n = asprintf(&message, "too many problems in this file; the rest are not shown (fix "
                               "these first)");
    } else {
        va_list args;
        va_start(args, format);
        n = vasprintf(&message, format, args);
        va_end(args);
        if (n >= 0 && line > 0 && diag_seen(list, file, line, col, message)) {
            free(message);
            return;
        }
    }
    diag_entry entry = {.file = strdup(file ? file : ""),
                        .line = line,
                        .col = col,
                        .severity = severity,
                        .message = n >= 0 ? message : NULL};
    if (!entry.file || !entry.message || !diag_store(list, entry)) {
        free(entry.file);
        free(entry.message);
        list->dropped++;
        return;
    }
    list->last_file = list->entries[list->count - 1].file;
    list->last_file_count = for_file + 1;
}

void diag_append(diag_list *dst, diag_list *src)
{
    for (size_t i = 0; i < src->count; i++) {
        diag_entry entry = src->entries[i];
        if (dst->count >= dst->limit || !diag_store(dst, entry)) {
            free(entry.file);
            free(entry.message);
            dst->dropped++;
        }
    }
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    dst->dropped += src->dropped;
    src->count = 0;
    src->errors = src->warnings = src->dropped = 0;
    src->last_file = NULL;
    src->last_file_count = 0;
    dst->last_file = NULL; /* entries moved: count again on the next add */
}

static int diag_compare(const diag_entry *a, const diag_entry *b)
{
    int by_file = strcmp(a->file, b->file);
    if (by_file)
        return by_file;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

void diag_sort(diag_list *list)
{
    list->last_file = NULL;
    /* Insertion sort: stable, and lists are short and nearly sorted already. */
    for (size_t i = 1; i < list->count; i++) {
        diag_entry entry = list->entries[i];
        size_t j = i;
        while (j > 0 && diag_compare(&list->entries[j - 1], &entry) > 0) {
            list->entries[j] = list->entries[j - 1];
            j--;
        }
        list->entries[j] = entry;
    }
}

void diag_format_entry(const diag_entry *entry, FILE *out)
{
    static const char *const words[] = {"error", "warning", "note"};
    const char *word = words[entry->severity];
    if (entry->file[0] && entry->line > 0)
        fprintf(out, "%s:%d:%d: %s: %s\n", entry->file, entry->line, entry->col, word,
                entry->message);
    else if (entry->file[0])
        fprintf(out, "%s: %s: %s\n", entry->file, word, entry->message);
    else
        fprintf(out, "%s: %s\n", word, entry->message);
}

void diag_print(const diag_list *list, FILE *out)
{
    for (size_t i = 0; i < list->count; i++)
        diag_format_entry(&list->entries[i], out);
}
