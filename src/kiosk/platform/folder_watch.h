/* Watches the routine folders (and the folders inside them) with inotify, for the kiosk to
 * reload when a physiotherapist saves, copies or removes a routine. Non-blocking: the frame loop
 * polls it. Changes are debounced, so a file still being copied or an editor's rename-and-write
 * gives one reload once the folder has been quiet for a moment. */
#ifndef EASE_FOLDER_WATCH_H
#define EASE_FOLDER_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FOLDER_WATCH_QUIET_MS = 300 };

typedef struct {
    int fd;             /* inotify, or -1 when watching is off */
    bool pending;       /* a change not yet reported */
    int64_t changed_ms; /* monotonic time of the last change seen */
    char **dirs;        /* owned copies of the folders watched, to add new subfolders */
    size_t dir_count;
} folder_watch;

/* Starts watching each folder (missing ones are skipped) and every folder under them. False
 * (with the reason on stderr) when inotify is unavailable: the kiosk runs on, without watching. */
bool folder_watch_open(folder_watch *w, char *const *dirs, size_t count);
void folder_watch_close(folder_watch *w);

/* Reads what happened without blocking; true once, when a routine file or folder changed and
 * the folders have been quiet for FOLDER_WATCH_QUIET_MS since. */
bool folder_watch_poll(folder_watch *w, int64_t now_ms);

/* How long the frame loop may wait before it must poll again: INT64_MAX when nothing is
 * pending. */
int64_t folder_watch_wait_ms(const folder_watch *w, int64_t now_ms);

#endif
