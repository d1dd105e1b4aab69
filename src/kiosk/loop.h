/* The frame loop, one pass at a time. The kiosk and the preview (kiosk.c) wait for input, hand
 * each event to the app, then make a pass; the end-to-end tests make the same passes on a clock
 * of their own, so what they check is what the kiosk does. */
#ifndef EASE_LOOP_H
#define EASE_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "folder_watch.h"
#include "lockdown.h"
#include "quiet_hours.h"
#include "watchdog.h"

typedef struct {
    bool quit_on_close;     /* preview: the author closes the window */
    bool quit_after_play;   /* preview --once */
    const char *watch_file; /* preview: replay it from the same place when saved */
    bool watch_folders;     /* the kiosk: reload when the routine folders change */
    bool kiosk;             /* the kiosk: quiet hours, and an upgrade taken up between visits */
    bool lock_down;         /* the full-screen kiosk: hold the screen and keyboard (lockdown.h) */
    bool start_after_first_frame; /* the kiosk: sound and routines once the first frame is up */
    int level;                    /* preview: the level to play */
    int64_t from_ms;              /* preview: where to start */
    /* preview --pause-at/--pause-for: pause at this routine time for this long (-1: never),
     * to check that sound follows the routine through a pause */
    int64_t pause_at_ms, pause_for_ms;
} loop_options;

/* Each frame's draw-and-show time, when it was drawn, and the CPU time the frame loop's thread
 * spent on it, for EASE_FRAME_STATS (the benchmark's frame times, frame rate and CPU a frame:
 * the thread's own CPU time holds still on a busy machine, where the process's share does
 * not). */
typedef struct {
    uint32_t us;
    int64_t at_ms;
    uint32_t cpu_us;
} loop_frame_stat;

typedef struct {
    loop_frame_stat *frames;
    size_t count, capacity;
} loop_frame_stats;

/* The clocks of a pass: the kiosk's (the sound's output stream while it plays), wall time for
 * records, and the monotonic clock (the lock-down's, which must not stand still). */
typedef struct {
    int64_t now_ms, utc_ms, monotonic_ms;
} loop_time;

typedef struct {
    loop_options options;
    int64_t next_frame_ms;   /* when what moves is next worth drawing */
    int64_t play_frame_ms;   /* the display's refresh period: frames of what moves */
    int64_t next_watch_ms;   /* preview: when to look at the file again */
    int64_t watched_mtime;   /* preview: the file's last modification seen */
    int64_t paused_since_ms; /* preview --pause-at: -1 before, then when it paused */
    bool played;             /* the play screen was reached (preview --once) */
    bool first_frame_shown;
    bool done;         /* a preview closed or (--once) played; or an upgrade taken up */
    bool display_lost; /* the display went away (SDL_QUIT in the kiosk) */
    bool dark;         /* quiet hours: nothing drawn */
    quiet_hours quiet;
    lockdown *held; /* from the first frame on, when options.lock_down */
    bool upgraded;  /* a package upgrade replaced the binary */
    int64_t next_upgrade_check_ms;
    unsigned routines_told; /* the app's routines_generation last told to systemd */
    bool keep_stats;
    loop_frame_stats stats;
    watchdog dog;
    folder_watch folders;
} loop;

/* Sets up the loop at now_ms: the watchdog, and the folder watch when options say so. */
void loop_init(loop *l, app *a, const loop_options *options, int64_t now_ms);
/* Tells systemd the kiosk is stopping, stops watching, writes the frame stats. */
void loop_free(loop *l);

/* Whether the loop is over: quit asked for (staff, window closed in a preview) or, for
 * preview --once, the routine played. */
bool loop_finished(const loop *l, const app *a);

/* How long the loop may wait for input before the next pass, in ms (0 to 1000): until the next
 * frame worth drawing, the next timeout, the next cue to hand to the audio, the watchdog. */
int64_t loop_wait_ms(const loop *l, const app *a, loop_time t);

/* An event from the window system: handed to the app, except the window manager's "quit",
 * which only a preview obeys (a kiosk is not closed that way; in the kiosk SDL_QUIT means the
 * display went away, and the loop ends), and a touch that wakes the dark screen. */
void loop_event(loop *l, app *a, const SDL_Event *event, loop_time t);

/* One pass at now_ms (the kiosk's clock) and utc_ms (wall time, for records): the app moved to
 * now, the watchdog fed, folders and the previewed file looked at, then the frame drawn if one
 * is due (whole when something shown in steps changed, else only what moves) and shown. */
void loop_pass(loop *l, app *a, loop_time t);

/* Draws and shows a frame at now_ms (the pass does when one is due): whole when something shown
 * in steps changed (or the renderer cannot show part of a frame), else only what moves; then
 * works out when the next is worth drawing. */
void loop_draw_frame(loop *l, app *a, int64_t now_ms);

#endif
