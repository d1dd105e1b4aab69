/* The kiosk's entry points for the 'ease' executable: the kiosk itself, a routine previewed in
 * a window, and one screen rendered to a PNG. No argv here: src/cli/ reads the command line. */
#ifndef EASE_KIOSK_H
#define EASE_KIOSK_H

#include <stdint.h>

#include "app.h"
#include "loop.h"

/* How a run ended; src/cli/ turns it into an exit status. */
typedef enum {
    KIOSK_OK,
    KIOSK_PROBLEMS,    /* the routine file has errors (printed) */
    KIOSK_UNREACHABLE, /* render: that screen cannot be reached (printed) */
    KIOSK_NO_DISPLAY,  /* no X11 or Wayland to show the kiosk on (printed) */
    KIOSK_FAILED,      /* anything else (printed) */
} kiosk_status;

typedef struct {
    app_options app;
    loop_options loop;
    const char *title; /* the window's */
} kiosk_options;

/* Opens the window and runs the frame loop until staff close Ease, a signal ends it, or a
 * preview is closed or (--once) played. A preview (loop.watch_file) plays its routine at once. */
kiosk_status kiosk_run(kiosk_options *options);

typedef struct {
    const char *file;   /* the routine, or NULL for none (screens that need none) */
    const char *screen; /* a name kiosk_render_screen_known accepts */
    const char *out;    /* the PNG written */
    const char *lang;   /* NULL: the configuration's */
    const char *theme;  /* "calm" or "high-contrast"; NULL: the configuration's */
    int64_t at_ms;      /* routine time (play, stop) or the attract breath's moment */
    int level;
    int width, height;
    bool reduced_motion; /* the pacer by brightness, whatever the configuration says */
    text_record *record; /* NULL, or where the screen tests note each line of text drawn */
} kiosk_render_options;

/* Whether --screen NAME is one kiosk_render can draw: the screens' own names, with "rate" and
 * "after" for the two ratings. */
bool kiosk_render_screen_known(const char *name);
/* Draws one screen headlessly (no display needed) and writes it as a PNG. */
kiosk_status kiosk_render(const kiosk_render_options *options);

#endif
