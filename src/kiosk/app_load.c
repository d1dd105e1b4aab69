/* The routine library loaded off the frame loop (library_loader.c): started after the first
 * frame, on a change in the folders, or from the staff screen; swapped in by the frame loop
 * once it is ready and no patient is in a visit (the first load at once: nothing can have been
 * chosen from an empty library). Meanwhile the loop draws, takes input and pings the watchdog. */
#include <stdio.h>

#include "app.h"

#include "library_loader.h"
#include <stdio.h>
#include <stdlib.h>

void app_reload_routines_start(app *a)
{
    a->reload_waiting = false;
    if (a->loader) {
        a->reload_again = true; /* a change during a load: one more when it is done */
        return;
    }
    char *const *dirs;
    size_t count = app_routine_folders(a, &dirs);
    a->loader = library_loader_start(a->options.routine_file, dirs, count, &a->poses);
    if (!a->loader)
        app_reload_routines(a); /* no thread to be had: here and now, as before */
}

bool app_reload_routines_poll(app *a)
{
    if (!a->loader || !library_loader_done(a->loader))
        return false;
    if (a->routines_loaded && !flow_library_swap_safe(&a->flow))
        return false;
    bool first = !a->routines_loaded;
    routine_library old = a->library;
    diag_list problems;
    library_loader_finish(a->loader, &a->library, &problems);
    a->loader = NULL;
    diag_clear(&a->problems);
    diag_append(&a->problems, &problems);
    diag_free(&problems);
    a->routines_loaded = true;
    app_routines_swapped(a, &old);
    a->routines_generation++;
    if (first)
        fprintf(stderr, "ease: %zu routines ready, %zu left out\n", a->library.count,
                a->library.files_rejected);
    if (a->reload_again) {
        a->reload_again = false;
        app_reload_routines_start(a);
    }
    return true;
}

void app_reload_routines_discard(app *a)
{
    library_loader_discard(a->loader);
    a->loader = NULL;
}

void app_preview_start(app *a, int level, int64_t from_ms, int64_t now_ms, int64_t utc_ms)
{
    a->now_ms = now_ms;
    a->utc_ms = utc_ms;
    /* Starting a hand-over's time from now lets the first cues, too, be handed early enough to
     * start on their exact sample. */
    if (flow_preview_start(&a->flow, a->library.routines[0], level, now_ms, utc_ms))
        player_seek(&a->flow.player, now_ms + AUDIO_LOOKAHEAD_MS, from_ms);
    app_update(a, now_ms, utc_ms);
}

void app_preview_reload(app *a, const char *path)
{
    routine_library fresh;
    library_init(&fresh);
    diag_clear(&a->problems);
    if (!library_add_file(&fresh, path, NULL, &a->poses, &a->problems)) {
        diag_sort(&a->problems);
        fprintf(stderr, "ease preview: %s has errors; still playing the last good version:\n",
                path);
        diag_print(&a->problems, stderr);
        /* On screen too: the author is looking at the window, not the terminal. */
        char *text = NULL;
        size_t size = 0;
        FILE *out = open_memstream(&text, &size);
        if (out) {
            fprintf(out, "This save has errors; still playing the last good version.\n");
            diag_print(&a->problems, out);
            fclose(out);
            app_set_notice(a, text);
        }
        free(text);
        library_free(&fresh);
        return;
    }
    app_set_notice(a, NULL);
    int64_t position = player_position_at(&a->flow.player, a->now_ms);
    /* The old routine is about to go: the audio lets go of it first. */
    audio_end_routine(a->audio, false);
    a->audio_plan = NULL;
    int level = a->flow.level <= fresh.routines[0]->levels ? a->flow.level : 1;
    routine_library old = a->library;
    a->library = fresh;
    flow_set_library(&a->flow, &a->library);
    if (flow_preview_start(&a->flow, a->library.routines[0], level, a->now_ms, a->utc_ms))
        player_seek(&a->flow.player, a->now_ms, position);
    library_free(&old);
    a->dirty = true;
}

/* The first error as "file:line:col: message" (a warning only when there is no error), for the
 * staff screen; the log has them all. */
char *app_first_problem(const diag_list *diag)
{
    char *text = NULL;
    const diag_entry *e = NULL;
    for (size_t i = 0; i < diag->count && !e; i++)
        if (diag->entries[i].severity == DIAG_ERROR)
            e = &diag->entries[i];
    if (!e && diag->count)
        e = &diag->entries[0];
    if (!e || asprintf(&text, "%s:%d:%d: %s", e->file, e->line, e->col, e->message) < 0)
        return NULL;
    return text;
}

void app_load_routines(app *a)
{
    library_init(&a->library);
    a->routines_loaded = true;
    if (a->options.routine_file) {
        library_add_file(&a->library, a->options.routine_file, NULL, &a->poses, &a->problems);
        return;
    }
    if (a->options.routines_dir) {
        library_load(&a->library, a->options.routines_dir, &a->poses, &a->problems);
        return;
    }
    library_load_folders(&a->library, a->config.routine_dirs, a->config.routine_dir_count,
                         &a->poses, &a->problems);
}

void app_reload_routines(app *a)
{
    diag_clear(&a->problems);
    routine_library old = a->library;
    app_load_routines(a);
    app_routines_swapped(a, &old);
}

void app_routines_swapped(app *a, routine_library *old_library)
{
    routine_library old = *old_library;
    size_t kept = library_merge_last_good(&a->library, &old, &a->problems);
    diag_sort(&a->problems);
    if (a->problems.errors)
        diag_print(&a->problems, stderr);
    fprintf(stderr,
            "ease: routines reloaded: %zu ready, %zu left out, %zu kept at their last good "
            "version\n",
            a->library.count, a->library.files_rejected, kept);
    flow_set_library(&a->flow, &a->library);
    library_free(&old);
    a->dirty = true;
}

size_t app_routine_folders(const app *a, char *const **dirs)
{
    if (a->options.routine_file) {
        *dirs = NULL;
        return 0;
    }
    if (a->options.routines_dir) {
        /* A const char * from argv, seen through the same type as the configuration's. */
        *dirs = (char *const *)&a->options.routines_dir;
        return 1;
    }
    *dirs = a->config.routine_dirs;
    return a->config.routine_dir_count;
}
