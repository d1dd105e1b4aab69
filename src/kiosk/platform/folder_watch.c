#include "folder_watch.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source_file.h"

/* What a save looks like: written and closed, renamed into place (editors), created, removed,
 * renamed away; and the watched folder itself going. */
enum {
    FOLDER_WATCH_EVENTS = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                          IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
};

/* Watches dir and the folders under it, walked as the library walks them (each folder once, links
 * only inside the library, bounded), so a link loop cannot multiply the watches. */
static void folder_watch_add_tree(folder_watch *w, const char *dir)
{
    if (inotify_add_watch(w->fd, dir, FOLDER_WATCH_EVENTS) < 0) {
        fprintf(stderr, "ease: cannot watch %s for new routines: %s\n", dir, strerror(errno));
        return;
    }
    source_file_list folders = {0};
    diag_list ignored; /* the library's own load reports the same problems */
    diag_init(&ignored);
    source_file_list_tree(NULL, &folders, dir, &ignored);
    for (size_t i = 0; i < folders.count; i++)
        inotify_add_watch(w->fd, folders.paths[i], FOLDER_WATCH_EVENTS);
    source_file_list_free(&folders);
    diag_free(&ignored);
}

static void folder_watch_add_all(folder_watch *w)
{
    for (size_t i = 0; i < w->dir_count; i++)
        if (source_file_is_dir(w->dirs[i]))
            folder_watch_add_tree(w, w->dirs[i]);
}

bool folder_watch_open(folder_watch *w, char *const *dirs, size_t count)
{
    memset(w, 0, sizeof *w);
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0) {
        fprintf(stderr,
                "ease: cannot watch the routine folders (%s); new routines need a restart "
                "or Reload on the staff screen\n",
                strerror(errno));
        return false;
    }
    w->dirs = calloc(count ? count : 1, sizeof *w->dirs);
    for (size_t i = 0; w->dirs && i < count; i++)
        if ((w->dirs[w->dir_count] = strdup(dirs[i])))
            w->dir_count++;
    folder_watch_add_all(w);
    return true;
}

void folder_watch_close(folder_watch *w)
{
    if (w->fd >= 0)
        close(w->fd);
    for (size_t i = 0; i < w->dir_count; i++)
        free(w->dirs[i]);
    free(w->dirs);
    memset(w, 0, sizeof *w);
    w->fd = -1;
}

/* Only what the library reads counts: YAML files and folders, not an editor's swap files. */
static bool folder_watch_matters(const struct inotify_event *event)
{
    if (event->mask & (IN_ISDIR | IN_DELETE_SELF | IN_MOVE_SELF | IN_Q_OVERFLOW))
        return true;
    return event->len && event->name[0] != '.' && source_file_is_yaml(event->name);
}

bool folder_watch_poll(folder_watch *w, int64_t now_ms)
{
    if (w->fd < 0)
        return false;
    char buffer[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
        __attribute__((aligned(__alignof__(struct inotify_event))));
    bool new_folder = false;
    ssize_t n;
    while ((n = read(w->fd, buffer, sizeof buffer)) > 0) {
        for (char *at = buffer; at < buffer + n;) {
            const struct inotify_event *event = (const struct inotify_event *)at;
            if (folder_watch_matters(event)) {
                w->pending = true;
                w->changed_ms = now_ms;
                new_folder |= (event->mask & (IN_ISDIR | IN_CREATE)) == (IN_ISDIR | IN_CREATE) ||
                              (event->mask & (IN_ISDIR | IN_MOVED_TO)) == (IN_ISDIR | IN_MOVED_TO);
            }
            at += sizeof *event + event->len;
        }
    }
    if (new_folder)
        folder_watch_add_all(w); /* a folder already watched keeps its watch */
    if (!w->pending || now_ms - w->changed_ms < FOLDER_WATCH_QUIET_MS)
        return false;
    w->pending = false;
    return true;
}

int64_t folder_watch_wait_ms(const folder_watch *w, int64_t now_ms)
{
    if (w->fd < 0 || !w->pending)
        return INT64_MAX;
    int64_t due = w->changed_ms + FOLDER_WATCH_QUIET_MS;
    return due > now_ms ? due - now_ms : 0;
}
