/* Reading the files authors write: whole-file reads with a size limit, and listing the YAML files
 * of a folder tree in a stable order. Problems go to a diag list with the path. */
#ifndef EASE_SOURCE_FILE_H
#define EASE_SOURCE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* How deep a folder is walked, and how many files at most (the folder watcher agrees). */
enum { SOURCE_FILE_MAX_DEPTH = 16, SOURCE_FILE_MAX_FILES = 100000 };

/* Reads path whole into a new buffer (with a NUL after the last byte). A file larger than
 * max_bytes is refused without reading it all. */
bool source_file_read(const char *path, size_t max_bytes, unsigned char **out_data,
                      size_t *out_size, diag_list *diag);

typedef struct {
    char **paths; /* owned, sorted */
    size_t count, capacity;
} source_file_list;

void source_file_list_free(source_file_list *list);

/* Adds every *.yaml and *.yml file under dir (recursively, hidden entries skipped), sorted by
 * path. False when dir cannot be read. */
bool source_file_list_yaml(source_file_list *list, const char *dir, diag_list *diag);

/* True when path names a directory. */
bool source_file_is_dir(const char *path);

/* True for a name the library reads: *.yaml or *.yml. */
bool source_file_is_yaml(const char *name);

/* The folder part of a path ("." when there is none); a new string. */
char *source_file_dirname(const char *path);

/* mkdir -p, each folder made private to the user (0700): 0, or the errno that stopped it. */
int source_file_make_folder(const char *dir);

/* "dir/name" as a new string. */
char *source_file_join(const char *dir, const char *name);

#endif
