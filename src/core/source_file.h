/* Reading the files authors write: whole-file reads with a size limit, and listing the YAML files
 * of a folder tree in a stable order. Problems go to a diag list with the path. */
#ifndef EASE_SOURCE_FILE_H
#define EASE_SOURCE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* How deep a folder is walked, and how many files, folders and entries at most (the folder
 * watcher walks the same way). Past a bound the rest is skipped with a warning: a routine folder
 * set to a huge tree must not hold the kiosk's start for minutes. */
enum {
    SOURCE_FILE_MAX_DEPTH = 16,
    SOURCE_FILE_MAX_FILES = 10000,
    SOURCE_FILE_MAX_FOLDERS = 2000,
    SOURCE_FILE_MAX_ENTRIES = 100000
};

/* Opens path for reading without blocking (a FIFO would wait for a writer forever) and refuses,
 * with a message naming what it is, anything that is not a regular file. Returns the descriptor,
 * or -1 with an error in diag. */
int source_file_open_regular(const char *path, diag_list *diag);

/* What a file that is not a regular file is, from its st_mode: "a folder", "a named pipe
 * (FIFO)", "a socket", "a device"... */
const char *source_file_kind(unsigned mode);

/* True when path is (or links to) a regular file: a cheap check before handing a path to a
 * library that would open it blocking (SDL_mixer, SDL_image). */
bool source_file_is_regular(const char *path);

/* Reads path whole into a new buffer (with a NUL after the last byte), through
 * source_file_open_regular. A file larger than max_bytes is refused without reading it. */
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

/* Loads every YAML file under dir (as source_file_list_yaml finds them, in order) with
 * load(context, path, diag), each file even after one fails. False when dir cannot be read or
 * any load returned false. */
bool source_file_load_yaml(const char *dir,
                           bool (*load)(void *context, const char *path, diag_list *diag),
                           void *context, diag_list *diag);

/* The walk behind it: the YAML files under dir into files and the folders under it into folders
 * (either may be NULL), each sorted. Each folder is entered once by (device, inode), so links
 * back up the tree cannot loop; a link is followed only when it resolves inside dir (one leading
 * out is skipped with a warning, never read); system folders (source_file_is_system_folder) are
 * refused as a routine folder; depth, files, folders and entries are bounded. */
bool source_file_list_tree(source_file_list *files, source_file_list *folders, const char *dir,
                           diag_list *diag);

/* True when path_real (resolved) is root_real or inside it. */
bool source_file_inside(const char *root_real, const char *path_real);

/* True for anything under /proc, /sys, /dev or /run, and for / and the top-level system folders
 * themselves (/etc, /usr, /var, /home, /tmp...; resolved paths): never a routine folder. */
bool source_file_is_system_folder(const char *real);

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
