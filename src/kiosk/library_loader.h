/* Loading the routine library off the frame loop: reading and checking thousands of files
 * takes seconds, during which the frame loop would take no input and ping no watchdog. A
 * loader thread builds a fresh library and its diagnostics; the frame loop polls, and takes
 * the result when it is done (app_load.c swaps it in). */
#ifndef EASE_LIBRARY_LOADER_H
#define EASE_LIBRARY_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "library.h"
#include "pose.h"

typedef struct library_loader library_loader;

/* Starts loading one routine file (routine_file), or every folder of dirs (count of them);
 * paths are copied. shared (the pose library) is only read, and must stay unchanged until the
 * loader is finished. NULL when no thread could be started. */
library_loader *library_loader_start(const char *routine_file, char *const *dirs, size_t count,
                                     const pose_library *shared);
/* Whether the fresh library is ready to take (never waits). */
bool library_loader_done(const library_loader *loader);
/* Waits for the thread, moves the fresh library and its problems into *library and *diag
 * (both initialised by the loader), and frees the loader. */
void library_loader_finish(library_loader *loader, routine_library *library, diag_list *diag);
/* Waits for the thread and throws its result away (the kiosk closing). */
void library_loader_discard(library_loader *loader);

#endif
