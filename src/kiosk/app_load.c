/* The routine library loaded off the frame loop (library_loader.c): started after the first
 * frame, on a change in the folders, or from the staff screen; swapped in by the frame loop
 * once it is ready and no patient is in a visit (the first load at once: nothing can have been
 * chosen from an empty library). Meanwhile the loop draws, takes input and pings the watchdog. */
#include <stdio.h>

#include "app.h"
#include "library_loader.h"

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
