/* A folder of routines: load them all, keep the good ones, report the bad ones, and refuse a
 * second routine with an id already taken (naming both files). */
#ifndef EASE_LIBRARY_H
#define EASE_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "pose.h"
#include "routine.h"

typedef struct {
    routine **routines; /* owned; in the order loaded (folders sorted by path) */
    size_t count, capacity;
    size_t files_seen, files_rejected;
} routine_library;

void library_init(routine_library *lib);
void library_free(routine_library *lib);

/* Loads and checks one file; media must stay inside root (NULL: the file's folder). Keeps it
 * when it has no errors. Returns false when it was refused. */
bool library_add_file(routine_library *lib, const char *path, const char *root,
                      const pose_library *shared, diag_list *diag);

/* Adds every *.yaml / *.yml file under dir. Returns false only when dir cannot be read; bad
 * files are reported in diag and left out. */
bool library_load(routine_library *lib, const char *dir, const pose_library *shared,
                  diag_list *diag);

/* Adds the routines of each folder of dirs that exists (a missing one is for the
 * configuration's check to warn about): the kiosk's, its loader's and 'ease status''s way to
 * load the configured folders. */
void library_load_folders(routine_library *lib, char *const *dirs, size_t count,
                          const pose_library *shared, diag_list *diag);

const routine *library_find(const routine_library *lib, const char *id);

/* Warns of each routine missing a language others in the library have (a whole routine only
 * in Spanish in an English and Spanish library). library_load calls it. */
void library_check_languages(const routine_library *lib, diag_list *diag);

/* After a reload: moves into fresh each routine of old whose file is now broken (diag, from
 * loading fresh, has an error for that very path, and fresh has no routine from it) so the last
 * good version stays in use, unless fresh already has a routine with its id. A file that is gone
 * (no error for it) takes its routine with it. Moved routines leave old (which the caller frees);
 * returns how many were kept. Carried routines go at the end of fresh. */
size_t library_merge_last_good(routine_library *fresh, routine_library *old, const diag_list *diag);

#endif
