/* The commands that open the kiosk's screens: 'ease' (the kiosk), 'ease render' (one frame to a
 * PNG, no display needed) and 'ease preview' (a routine in a window for its author). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "alsa_quiet.h"
#include "app.h"
#include "command.h"
#include "duration.h"
#include "folder_watch.h"
#include "lockdown.h"
#include "paths.h"
#include "quiet_screen.h"
#include "renderer_setup.h"
#include "signals.h"
#include "watchdog.h"

static int64_t kiosk_utc_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The monotonic clock in ms: SDL_GetTicks64 does not wrap after 49 days. */
static int64_t kiosk_now_ms(void)
{
    return (int64_t)SDL_GetTicks64();
}

static bool kiosk_parse_size(const char *text, int *w, int *h)
{
    return text && sscanf(text, "%dx%d", w, h) == 2 && *w >= 160 && *h >= 120 && *w <= 16384 &&
           *h <= 16384;
}

/* SDL and our own signal handling: the window manager's "quit" (Alt+F4, the close button) is
 * ignored by the kiosk, but systemd's SIGTERM must still end it cleanly. */
static bool kiosk_start_sdl(bool video, char *error, size_t size)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* Closing the window is not quitting: SDL_QUIT then only means the display went away. */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    alsa_quiet();
    signals_install();
    if (SDL_Init(video ? SDL_INIT_VIDEO | SDL_INIT_EVENTS : SDL_INIT_EVENTS) != 0) {
        snprintf(error, size,
                 "cannot start the display (%s); Ease needs X11 or Wayland (DISPLAY or "
                 "WAYLAND_DISPLAY); 'ease render' draws screens without one",
                 SDL_GetError());
        return false;
    }
    /* With no display SDL falls back to drawing nowhere: a kiosk nobody can see. Only a test
     * that asked for it by name gets that. */
    const char *driver = video ? SDL_GetCurrentVideoDriver() : NULL;
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy")) &&
        !(asked && strstr(asked, driver))) {
        snprintf(error, size,
                 "no display found: Ease needs X11 or Wayland (set DISPLAY or "
                 "WAYLAND_DISPLAY); 'ease render' draws screens without one");
        SDL_Quit();
        return false;
    }
    return true; /* SDL_image loads its decoders when a picture is first shown */
}

typedef struct {
    bool quit_on_close;     /* preview: the author closes the window */
    bool quit_after_play;   /* preview --once */
    const char *watch_file; /* preview: reload when saved */
    bool watch_folders;     /* the kiosk: reload when the routine folders change */
    bool lock_down;         /* the full-screen kiosk: hold the screen and keyboard (lockdown.h) */
    int level;              /* preview: the level to play */
    int64_t from_ms;        /* preview: where to start */
    /* preview --pause-at/--pause-for: pause at this routine time for this long (-1: never),
     * to check that sound follows the routine through a pause */
    int64_t pause_at_ms, pause_for_ms;
} kiosk_loop_options;

/* The kiosk's clock: the sound's output stream while it plays, else the monotonic clock. */
static int64_t kiosk_clock(app *a)
{
    return app_clock_ms(a, kiosk_now_ms());
}

/* preview --pause-at: pauses once at the routine time asked, resumes after the time asked. */
static void kiosk_scripted_pause(app *a, const kiosk_loop_options *options, int64_t now,
                                 int64_t *paused_since)
{
    flow *f = &a->flow;
    if (options->pause_at_ms < 0 || f->screen != FLOW_PLAY || !f->plan)
        return;
    if (*paused_since < 0 && f->player.state == PLAYER_PLAYING &&
        player_position_at(&f->player, now) >= options->pause_at_ms) {
        flow_toggle_pause(f, now);
        *paused_since = now;
        a->dirty = true;
    } else if (*paused_since >= 0 && f->player.state == PLAYER_PAUSED &&
               now - *paused_since >= options->pause_for_ms) {
        flow_toggle_pause(f, now);
        *paused_since = INT64_MAX / 2; /* once */
        a->dirty = true;
    }
}

/* What systemd shows for the service: ready (once, after the first frame), then each reload. */
static void kiosk_tell_systemd(const app *a, bool ready)
{
    char status[128];
    snprintf(status, sizeof status, "showing the kiosk: %zu routines ready", a->library.count);
    if (ready)
        watchdog_ready(status);
    else
        watchdog_status(status);
}

/* True once a package upgrade has replaced the running binary (dpkg renames the new file over
 * it, so the kernel names ours "(deleted)"). */
static bool kiosk_binary_replaced(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    const char *mark = " (deleted)";
    size_t m = strlen(mark);
    return (size_t)n > m && !strcmp(exe + n - m, mark);
}

static int64_t kiosk_mtime(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 ? (int64_t)info.st_mtim.tv_sec * 1000000000 + info.st_mtim.tv_nsec
                                  : -1;
}

/* Reloads the routine the author saved, keeping the position; a broken file shows its errors
 * and the last good version keeps playing. */
static void kiosk_preview_reload(app *a, const char *path)
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
    flow *f = &a->flow;
    flow_set_library(f, &a->library);
    f->screen = FLOW_CHOOSE_ROUTINE;
    f->kind = a->library.routines[0]->kind;
    flow_choose_routine(f, a->library.routines[0], a->now_ms);
    flow_choose_level(f, level);
    f->session_open = false;
    if (flow_start(f, a->now_ms, a->utc_ms))
        player_seek(&f->player, a->now_ms, position);
    library_free(&old);
    a->dirty = true;
}

/* Milliseconds since this process started (from /proc, so the exec and the libraries' own
 * start-up count too): what "first frame within 100 ms" is measured against. */
static double kiosk_ms_since_process_start(void)
{
    FILE *stat_file = fopen("/proc/self/stat", "r");
    unsigned long long start_ticks = 0;
    if (stat_file) {
        char buffer[1024];
        size_t n = fread(buffer, 1, sizeof buffer - 1, stat_file);
        buffer[n] = '\0';
        fclose(stat_file);
        const char *after_name = strrchr(buffer, ')');
        /* Field 22 is starttime; after the name come fields 3 onwards. */
        for (int field = 3; after_name && field <= 22; field++)
            after_name = strchr(after_name + 1, ' ');
        if (after_name)
            start_ticks = strtoull(after_name + 1, NULL, 10);
    }
    struct timespec boot;
    clock_gettime(CLOCK_BOOTTIME, &boot);
    double now_ms = (double)boot.tv_sec * 1000 + (double)boot.tv_nsec / 1e6;
    return now_ms - (double)start_ticks * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

/* With EASE_FRAME_STATS=FILE, each frame's draw-and-show time (microseconds) and when it was
 * drawn (milliseconds on the kiosk's clock) are written there at the end, one frame a line, for
 * the benchmark's frame times and frame rate. */
typedef struct {
    uint32_t *us;
    int64_t *at_ms;
    size_t count, capacity;
} kiosk_frame_stats;

static void kiosk_frame_stats_add(kiosk_frame_stats *stats, int64_t us, int64_t at_ms)
{
    if (stats->count == stats->capacity) {
        size_t capacity = stats->capacity ? stats->capacity * 2 : 4096;
        uint32_t *grown = realloc(stats->us, capacity * sizeof *grown);
        if (grown)
            stats->us = grown;
        int64_t *grown_at = grown ? realloc(stats->at_ms, capacity * sizeof *grown_at) : NULL;
        if (grown_at)
            stats->at_ms = grown_at;
        if (!grown || !grown_at)
            return;
        stats->capacity = capacity;
    }
    stats->us[stats->count] = (uint32_t)us;
    stats->at_ms[stats->count++] = at_ms;
}

static void kiosk_frame_stats_write(kiosk_frame_stats *stats)
{
    const char *path = getenv("EASE_FRAME_STATS");
    FILE *out = path && *path ? fopen(path, "w") : NULL;
    for (size_t i = 0; out && i < stats->count; i++)
        fprintf(out, "%u %lld\n", stats->us[i], (long long)stats->at_ms[i]);
    if (out)
        fclose(out);
    free(stats->us);
    free(stats->at_ms);
}

/* A frame's length at the display's refresh rate (60 Hz when it does not say, as under Xvfb),
 * never faster than 100 Hz: the software renderer cannot wait for the display itself. */
static int64_t kiosk_frame_period_ms(const app *a)
{
    SDL_DisplayMode mode;
    int hz = 60;
    if (a->g.window && SDL_GetWindowDisplayMode(a->g.window, &mode) == 0 &&
        mode.refresh_rate >= 30 && mode.refresh_rate <= 100)
        hz = mode.refresh_rate;
    return 1000 / hz;
}

static int kiosk_loop(app *a, const kiosk_loop_options *options)
{
    kiosk_frame_stats stats = {0};
    bool keep_stats = getenv("EASE_FRAME_STATS") != NULL;
    bool first_frame = true;
    unsigned routines_told = a->routines_generation;
    /* What moves on the play screen moves at the display's rate, as in the breathing apps
     * patients know; the attract screen's slow background breath needs far fewer. */
    const int64_t play_frame_ms = kiosk_frame_period_ms(a), attract_frame_ms = 1000 / 15;
    int64_t next_frame = kiosk_clock(a), next_watch = next_frame + 500;
    int64_t watched = options->watch_file ? kiosk_mtime(options->watch_file) : -1;
    int64_t paused_since = -1;
    bool played = false;
    watchdog dog;
    watchdog_init(&dog, next_frame);
    lockdown *held = NULL; /* from the first frame on (the window is full-screen by then) */
    folder_watch folders = {.fd = -1};
    if (options->watch_folders) {
        char *const *dirs;
        size_t count = app_routine_folders(a, &dirs);
        folder_watch_open(&folders, dirs, count);
    }
    bool display_lost = false;
    quiet_hours quiet; /* the kiosk only: dark in kiosk.yaml's quiet hours */
    quiet_hours_init(&quiet);
    bool dark = false;
    bool upgraded = false;
    int64_t next_upgrade_check = next_frame;
    while (!signals_stop_requested() && !a->flow.quit_requested && !display_lost) {
        int64_t now = kiosk_clock(a);
        if (options->watch_folders && !first_frame) /* READY=1 comes with a first frame */
            dark = quiet_screen_update(&quiet, a, now, kiosk_utc_ms());
        int64_t wait;
        if (dark)
            wait = 1000; /* nothing moves: wake for the watchdog, a touch, or the morning */
        else if (a->dirty)
            wait = 0;
        else if (app_animating(a))
            wait = next_frame - now;
        else {
            int64_t deadline = flow_next_deadline(&a->flow, now);
            wait = deadline < 0 ? 1000 : deadline;
            if (a->corner_held || options->watch_file)
                wait = wait < 250 ? wait : 250;
        }
        /* Awake in time to hand the next cue to the audio a little before its moment. */
        int64_t cue_wait = app_next_cue_wait_ms(a, now);
        if (cue_wait >= 0 && cue_wait < wait)
            wait = cue_wait;
        if (options->pause_at_ms >= 0 && a->flow.screen == FLOW_PLAY && wait > 5)
            wait = 5;
        if (wait < 0)
            wait = 0;
        if (wait > 1000)
            wait = 1000;
        if (wait > watchdog_wait_ms(&dog, now))
            wait = watchdog_wait_ms(&dog, now);
        if (a->loader && wait > 50)
            wait = 50; /* routines loading off the loop: taken up soon after they are ready */
        if (wait > folder_watch_wait_ms(&folders, now))
            wait = folder_watch_wait_ms(&folders, now);
        /* The lock-down keeps the monotonic clock: the sound's clock may stand still. */
        if (wait > lockdown_wait_ms(held, kiosk_now_ms()))
            wait = lockdown_wait_ms(held, kiosk_now_ms());
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, (int)wait)) {
            do {
                now = kiosk_clock(a);
                a->now_ms = now;
                a->utc_ms = kiosk_utc_ms();
                if (event.type == SDL_QUIT && !options->quit_on_close) {
                    /* The compositor or X server went away (SDL says so with SDL_QUIT): end,
                     * as a failure, rather than draw into nothing. */
                    fprintf(stderr, "ease: the display connection was lost; ending\n");
                    display_lost = true;
                    break;
                }
                if (event.type == SDL_QUIT || (event.type == SDL_WINDOWEVENT &&
                                               event.window.event == SDL_WINDOWEVENT_CLOSE)) {
                    if (options->quit_on_close)
                        a->flow.quit_requested = true; /* ends the loop, stats written */
                    continue; /* a kiosk is not closed by the window manager */
                }
                lockdown_event(held, &event, kiosk_now_ms());
                if (quiet_screen_wake(&quiet, a, &event, now)) {
                    dark = false;
                    continue;
                }
                app_handle_event(a, &event);
            } while (SDL_PollEvent(&event));
            if (display_lost)
                break;
        }
        now = kiosk_clock(a);
        if (held) {
            unsigned before = lockdown_retakes(held);
            /* The keyboard is held on the patients' screens; staff may need it. */
            lockdown_poll(held, kiosk_now_ms(), a->flow.screen != FLOW_STAFF);
            if (lockdown_retakes(held) != before)
                fprintf(stderr, "ease: took the screen back (the window was minimised, hidden, "
                                "moved to another desktop or behind another)\n");
        }
        kiosk_scripted_pause(a, options, now, &paused_since);
        app_update(a, now, kiosk_utc_ms());
        /* Every pass of the loop, so a hung loop (not a quiet screen) is what systemd sees. */
        watchdog_ping(&dog, now);
        /* A routine saved into a folder: reloaded once no patient is in a visit, so nothing
         * changes under them; the attract screen comes back within the idle timeout. */
        if (folder_watch_poll(&folders, now)) {
            fprintf(stderr, "ease: the routine folders changed\n");
            a->reload_waiting = true;
        }
        if (a->reload_waiting && a->routines_loaded && flow_library_swap_safe(&a->flow))
            app_reload_routines_start(a);
        if (a->routines_generation != routines_told) {
            routines_told = a->routines_generation; /* swapped in by app_update */
            kiosk_tell_systemd(a, false);
        }
        /* An upgrade never cuts a visit: the new version starts (the service restarts Ease when
         * it ends) only once no visit is open. */
        if (options->watch_folders && !upgraded && now >= next_upgrade_check) {
            next_upgrade_check = now + 2000;
            if ((upgraded = kiosk_binary_replaced()))
                fprintf(stderr, "ease: a new version was installed; it starts once no visit is "
                                "open\n");
        }
        if (upgraded && flow_library_swap_safe(&a->flow)) {
            fprintf(stderr, "ease: ending for the new version (no visit open)\n");
            break;
        }
        if (options->watch_file && now >= next_watch) {
            next_watch = now + 500;
            int64_t mtime = kiosk_mtime(options->watch_file);
            if (mtime != watched) {
                watched = mtime;
                kiosk_preview_reload(a, options->watch_file);
            }
        }
        if (a->flow.screen == FLOW_PLAY)
            played = true;
        if (options->quit_after_play && played && a->flow.screen != FLOW_PLAY &&
            a->flow.screen != FLOW_CONFIRM_STOP)
            break;
        bool frame_due = app_animating(a) && now >= next_frame;
        if (!dark && (a->dirty || frame_due)) {
            Uint64 started = SDL_GetPerformanceCounter();
            /* A whole frame only when something shown in steps changed; otherwise just what
             * moves, drawn and shown on its own (where the renderer can show part of a frame). */
            bool whole = a->dirty || !a->g.software || app_signature(a) != a->shown;
            if (whole) {
                app_draw(a);
                gfx_present(&a->g, NULL, 0);
            } else {
                SDL_Rect shown[2];
                int count = app_draw_moving(a, shown);
                if (count > 0)
                    gfx_present(&a->g, shown, count);
            }
            if (keep_stats)
                kiosk_frame_stats_add(&stats,
                                      (int64_t)((SDL_GetPerformanceCounter() - started) * 1000000 /
                                                SDL_GetPerformanceFrequency()),
                                      now);
            if (first_frame) {
                fprintf(stderr, "ease: first frame shown %.0f ms after start\n",
                        kiosk_ms_since_process_start());
                first_frame = false;
                /* The attract screen needs no routine and no sound: they come once it is up. */
                app_open_sound(a);
                if (!a->routines_loaded)
                    app_reload_routines_start(a); /* off the frame loop: app_load.c */
                kiosk_tell_systemd(a, true);
                gfx_settle_fullscreen(&a->g);
                if (options->lock_down && (held = lockdown_start(a->g.window)))
                    fprintf(stderr, "ease: holding the screen and keyboard (X11)\n");
            }
            /* The next frame when something will have moved enough to see, by the monotonic
             * clock (never a sleep of a frame's length, which drifts). */
            int64_t frame_ms = a->flow.screen == FLOW_ATTRACT ? attract_frame_ms : play_frame_ms;
            int64_t wanted = app_next_frame_ms(a, now, frame_ms);
            /* Steady motion: frames on a grid from this one's due time, not from whenever it
             * was done, so the rate stays the display's; a late frame starts a new grid. */
            if (wanted == now + frame_ms && next_frame + frame_ms > now)
                wanted = next_frame + frame_ms;
            next_frame = wanted;
        }
    }
    if (signals_stop_requested())
        fprintf(stderr, "ease: %s: closing, visits saved first\n",
                strsignal(signals_stop_requested()));
    alarm(0); /* out of the loop: the rest of the way out is ours, and short */
    watchdog_stopping();
    lockdown_stop(held);
    folder_watch_close(&folders);
    kiosk_frame_stats_write(&stats);
    return display_lost ? EXIT_UNAVAILABLE : EXIT_OK;
}

static const char kiosk_usage[] =
    "usage: ease [--windowed WxH] [--routines DIR] [--config FILE] [--data DIR] [--renderer KIND]\n"
    "\n"
    "Runs the kiosk full-screen (or in a window). It cannot be closed by a patient: staff hold\n"
    "the top-left corner for 5 seconds, or press Ctrl+Alt+E, and enter the PIN.\n"
    "  --data DIR     where the records are kept (default: the configuration's 'data')\n"
    "  --renderer auto|software|accelerated   how to draw (auto: a real GPU if there is one)\n";

static bool kiosk_options(int argc, char **argv, app_options *opts, const char *command,
                          const char *usage, int *status)
{
    for (int i = 1; i < argc; i++) {
        const char *value;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            *status = EXIT_OK;
            return false;
        } else if (command_option(argc, argv, &i, "--windowed", &value)) {
            if (!kiosk_parse_size(value, &opts->width, &opts->height)) {
                fprintf(stderr, "ease %s: --windowed needs a size like 1280x720\n", command);
                *status = EXIT_USAGE;
                return false;
            }
            opts->windowed = true;
        } else if (command_option(argc, argv, &i, "--routines", &value)) {
            if (!value) {
                *status = command_missing_value(command, "--routines");
                return false;
            }
            opts->routines_dir = value;
        } else if (command_option(argc, argv, &i, "--config", &value)) {
            if (!value) {
                *status = command_missing_value(command, "--config");
                return false;
            }
            opts->config_path = value;
        } else if (command_option(argc, argv, &i, "--data", &value)) {
            if (!value) {
                *status = command_missing_value(command, "--data");
                return false;
            }
            opts->data_dir = value;
        } else if (command_option(argc, argv, &i, "--renderer", &value)) {
            if (value && !strcmp(value, "software"))
                opts->renderer = GFX_RENDERER_SOFTWARE;
            else if (value && !strcmp(value, "accelerated"))
                opts->renderer = GFX_RENDERER_ACCELERATED;
            else if (value && !strcmp(value, "auto"))
                opts->renderer = GFX_RENDERER_AUTO;
            else {
                fprintf(stderr, "ease %s: --renderer is auto, software or accelerated\n", command);
                *status = EXIT_USAGE;
                return false;
            }
        } else {
            fprintf(stderr, "ease %s: unexpected '%s'\n\n%s", command, argv[i], usage);
            *status = EXIT_USAGE;
            return false;
        }
    }
    return true;
}

static int kiosk_open_and_run(app_options *opts, const kiosk_loop_options *loop, const char *title)
{
    char error[512];
    /* Under cage with no GPU, SDL's Wayland driver cannot draw in software: choose first. */
    renderer_choice choice;
    renderer_setup_choose(opts->renderer,
                          opts->config_path ? opts->config_path : paths_default_config(), false,
                          &choice);
    opts->renderer = renderer_setup_apply(&choice, opts->renderer);
    if (!kiosk_start_sdl(true, error, sizeof error)) {
        fprintf(stderr, "ease: %s\n", error);
        return EXIT_UNAVAILABLE;
    }
    app *a = calloc(1, sizeof *a);
    int status = EXIT_SOFTWARE;
    int width = opts->windowed ? opts->width : 0, height = opts->windowed ? opts->height : 0;
    bool opened =
        a && gfx_open_window(&a->g, title, width, height, opts->renderer, error, sizeof error);
    if (a && !opened && renderer_setup_fall_back_to_x11(&choice, error)) {
        /* A GPU that would not draw on Wayland: the light path through cage's Xwayland. */
        opened = gfx_open_window(&a->g, title, width, height, GFX_RENDERER_SOFTWARE, error,
                                 sizeof error);
    }
    if (opened) {
        if (!opts->windowed)
            SDL_ShowCursor(SDL_DISABLE); /* a touch kiosk: no pointer left on the screen */
        if (app_init(a, opts, error, sizeof error)) {
            fprintf(stderr, "ease: drawing with the %s renderer at %dx%d: %s\n", a->g.renderer_name,
                    a->g.width, a->g.height, choice.reason);
            if (loop->watch_file && a->library.count == 1) {
                /* Preview: straight into playing the routine, no ratings asked. */
                flow *f = &a->flow;
                f->settings.rate_before = f->settings.rate_after = false;
                flow_begin(f, a->now_ms);
                flow_choose_kind(f, a->library.routines[0]->kind, a->now_ms);
                flow_choose_routine(f, a->library.routines[0], a->now_ms);
                flow_choose_level(f, loop->level);
                a->now_ms = kiosk_clock(a);
                /* Starting a hand-over's time from now lets the first cues, too, be handed
                 * early enough to start on their exact sample. */
                if (flow_start(f, a->now_ms, kiosk_utc_ms()))
                    player_seek(&f->player, a->now_ms + AUDIO_LOOKAHEAD_MS, loop->from_ms);
                app_update(a, a->now_ms, kiosk_utc_ms());
            }
            /* kiosk.yaml's sound-device: an ALSA device, so SDL's ALSA driver opens it (unless
             * AUDIODEV or SDL_AUDIODRIVER say otherwise). */
            if (a->config.sound_device) {
                setenv("AUDIODEV", a->config.sound_device, 0);
                setenv("SDL_AUDIODRIVER", "alsa", 0);
            }
            status = kiosk_loop(a, loop);
            if (loop->quit_after_play)
                audio_drain(a->audio, 5000); /* the closing chime, heard to its end */
        } else {
            fprintf(stderr, "ease: %s\n", error);
        }
        app_free(a);
        gfx_close(&a->g);
    } else {
        fprintf(stderr, "ease: %s\n", error);
    }
    free(a);
    IMG_Quit();
    SDL_Quit();
    return status;
}

int command_kiosk(int argc, char **argv)
{
    app_options opts = {.speed_permille = 1000, .sound = true};
    int status = EXIT_OK;
    if (!kiosk_options(argc, argv, &opts, "kiosk", kiosk_usage, &status))
        return status;
    kiosk_loop_options loop = {.watch_folders = true, .pause_at_ms = -1};
    loop.lock_down = !opts.windowed;
    opts.defer_routines = true;
    opts.keep_records = true;
    return kiosk_open_and_run(&opts, &loop, "Ease");
}

static const char preview_usage[] =
    "usage: ease preview FILE [--level N] [--speed X] [--from T] [--once] [--windowed WxH]\n"
    "                    [--trace OUT.jsonl] [--pause-at T --pause-for D]\n"
    "\n"
    "Plays one routine in a window for its author, and plays it again from the same place when\n"
    "the file is saved; a broken save prints its errors and the last good version plays on.\n"
    "  --speed X   play X times as fast (0.25 to 20)\n"
    "  --from T    start at time T (like 1m30s)\n"
    "  --once      quit at the end\n"
    "  --trace OUT.jsonl   one JSON line per cue: planned time, when it was handed to the\n"
    "                      sound, and the output sample it was planned for and started at\n"
    "  --pause-at T --pause-for D   pause at routine time T for D, as a patient might\n";

int command_preview(int argc, char **argv)
{
    app_options opts = {
        .speed_permille = 1000, .windowed = true, .width = 1280, .height = 720, .sound = true};
    const char *file = NULL;
    long level = 1;
    int64_t from_ms = 0;
    kiosk_loop_options loop = {.quit_on_close = true, .pause_at_ms = -1};
    for (int i = 1; i < argc; i++) {
        const char *value;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(preview_usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--once")) {
            loop.quit_after_play = true;
        } else if (command_option(argc, argv, &i, "--level", &value)) {
            if (!command_level("preview", value, &level))
                return EXIT_USAGE;
        } else if (command_option(argc, argv, &i, "--speed", &value)) {
            char *end;
            double speed = value ? strtod(value, &end) : 0;
            if (!value || *end || speed < 0.25 || speed > 20) {
                fputs("ease preview: --speed must be a number from 0.25 to 20\n", stderr);
                return EXIT_USAGE;
            }
            opts.speed_permille = (int)(speed * 1000);
        } else if (command_option(argc, argv, &i, "--trace", &value)) {
            if (!value)
                return command_missing_value("preview", "--trace");
            opts.audio_trace = value;
        } else if (command_option(argc, argv, &i, "--pause-at", &value)) {
            if (!value || !duration_parse_ms(value, &loop.pause_at_ms)) {
                fputs("ease preview: --pause-at needs a time like 20s\n", stderr);
                return EXIT_USAGE;
            }
        } else if (command_option(argc, argv, &i, "--pause-for", &value)) {
            if (!value || !duration_parse_ms(value, &loop.pause_for_ms)) {
                fputs("ease preview: --pause-for needs a time like 3s\n", stderr);
                return EXIT_USAGE;
            }
        } else if (command_option(argc, argv, &i, "--from", &value)) {
            if (!value || !duration_parse_ms(value, &from_ms)) {
                fputs("ease preview: --from needs a time like 90s or 1m30s\n", stderr);
                return EXIT_USAGE;
            }
        } else if (command_option(argc, argv, &i, "--windowed", &value)) {
            if (!kiosk_parse_size(value, &opts.width, &opts.height)) {
                fputs("ease preview: --windowed needs a size like 1280x720\n", stderr);
                return EXIT_USAGE;
            }
        } else if (argv[i][0] == '-' || file) {
            fprintf(stderr, "ease preview: unexpected '%s'\n\n%s", argv[i], preview_usage);
            return EXIT_USAGE;
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        fputs(preview_usage, stderr);
        return EXIT_USAGE;
    }
    /* Check first: a file that cannot play says why here, where its author is looking. */
    diag_list diag;
    diag_init(&diag);
    command_setup setup;
    if (!command_setup_load(&setup, NULL, NULL, &diag)) {
        diag_free(&diag);
        return EXIT_SOFTWARE;
    }
    routine_library lib;
    library_init(&lib);
    bool ok = library_add_file(&lib, file, NULL, &setup.poses, &diag);
    command_print_diag(&diag, stderr);
    bool level_ok = ok && level <= lib.routines[0]->levels;
    library_free(&lib);
    command_setup_free(&setup);
    diag_free(&diag);
    if (!ok)
        return EXIT_PROBLEMS;
    if (!level_ok) {
        fprintf(stderr, "ease preview: %s has no level %ld\n", file, level);
        return EXIT_USAGE;
    }
    opts.routine_file = file;
    loop.watch_file = file;
    loop.level = (int)level;
    loop.from_ms = from_ms;
    return kiosk_open_and_run(&opts, &loop, "Ease preview");
}

static const char render_usage[] =
    "usage: ease render [FILE] --at T [--level N] [--size WxH] [--screen NAME] [--lang CODE]\n"
    "                   [--theme calm|high-contrast] -o OUT.png\n"
    "\n"
    "Draws one frame headlessly (no display needed) and writes it as PNG: the play screen of FILE\n"
    "at time T, or another screen with --screen attract|choose|routines|card|rate|play|stop|\n"
    "after|thanks|staff-pin|staff.\n";

/* Walks the flow to the screen asked for, as a patient would, at routine time at_ms. */
static bool render_reach(app *a, const char *screen, int level, int64_t at_ms)
{
    flow *f = &a->flow;
    const routine *r = a->library.count ? a->library.routines[0] : NULL;
    int64_t when = 0;
    if (!strcmp(screen, "attract")) {
        when = at_ms; /* the background breath at that moment */
    } else if (!strcmp(screen, "staff") || !strcmp(screen, "staff-pin")) {
        /* The keypad shows only when a PIN is set: any hash will do for a picture of it. */
        free(f->staff_pin_hash);
        f->staff_pin_hash = !strcmp(screen, "staff-pin") ? strdup("$argon2id$render") : NULL;
        f->staff_key_present = true; /* the staff screen itself, as the key file opens it */
        flow_staff_request(f, 0, 0);
    } else {
        flow_begin(f, 0);
        bool more = strcmp(screen, "choose") != 0;
        if (more && !r)
            return false;
        if (more) {
            flow_choose_kind(f, r->kind, 0);
            more = strcmp(screen, "routines") != 0;
        }
        if (more) {
            flow_choose_routine(f, r, 0);
            flow_choose_level(f, level);
            more = strcmp(screen, "card") != 0;
        }
        if (more) {
            f->settings.rate_before = true;
            if (!flow_start(f, 0, 0))
                return false;
            more = strcmp(screen, "rate") != 0;
        }
        if (more) {
            flow_rate(f, SESSION_NO_RATING, 0, 0);
            when = at_ms;
            if (!strcmp(screen, "stop")) {
                app_update(a, at_ms, 0);
                flow_request_stop(f, at_ms);
            } else if (!strcmp(screen, "after") || !strcmp(screen, "thanks")) {
                when = f->plan->length_ms + 1;
                flow_input(f, when);
                app_update(a, when, 0);
                if (!strcmp(screen, "thanks"))
                    flow_rate(f, 3, when, 0);
            } else if (strcmp(screen, "play") != 0) {
                return false;
            }
        }
    }
    /* The patient is there at that moment: no idle timeout may empty the screen. */
    flow_input(f, when);
    app_update(a, when, 0);
    return true;
}

int command_render(int argc, char **argv)
{
    const char *file = NULL, *out = NULL, *screen = "play", *lang = NULL, *theme = NULL;
    int64_t at_ms = 0;
    long level = 1;
    int width = 1920, height = 1080;
    for (int i = 1; i < argc; i++) {
        const char *value;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(render_usage, stdout);
            return EXIT_OK;
        } else if (command_option(argc, argv, &i, "--at", &value)) {
            if (!value || !duration_parse_ms(value, &at_ms)) {
                fputs("ease render: --at needs a time like 12s or 1m30s\n", stderr);
                return EXIT_USAGE;
            }
        } else if (command_option(argc, argv, &i, "--level", &value)) {
            if (!command_level("render", value, &level))
                return EXIT_USAGE;
        } else if (command_option(argc, argv, &i, "--size", &value)) {
            if (!kiosk_parse_size(value, &width, &height)) {
                fputs("ease render: --size needs a size like 1920x1080\n", stderr);
                return EXIT_USAGE;
            }
        } else if (command_option(argc, argv, &i, "--screen", &value)) {
            if (!value)
                return command_missing_value("render", "--screen");
            screen = value;
        } else if (command_option(argc, argv, &i, "--lang", &value)) {
            if (!value)
                return command_missing_value("render", "--lang");
            lang = value;
        } else if (command_option(argc, argv, &i, "--theme", &value)) {
            if (!value)
                return command_missing_value("render", "--theme");
            theme = value;
        } else if (command_option(argc, argv, &i, "-o", &value)) {
            if (!value)
                return command_missing_value("render", "-o");
            out = value;
        } else if (argv[i][0] == '-' || file) {
            fprintf(stderr, "ease render: unexpected '%s'\n\n%s", argv[i], render_usage);
            return EXIT_USAGE;
        } else {
            file = argv[i];
        }
    }
    static const char *const screens[] = {"attract", "choose",    "routines", "card",
                                          "rate",    "play",      "stop",     "after",
                                          "thanks",  "staff-pin", "staff",    NULL};
    bool known = false;
    for (int i = 0; screens[i]; i++)
        known |= !strcmp(screens[i], screen);
    if (!out || !known) {
        fputs(!out ? "ease render: -o OUT.png is needed\n\n" : "ease render: unknown --screen\n\n",
              stderr);
        fputs(render_usage, stderr);
        return EXIT_USAGE;
    }
    char error[512];
    if (!kiosk_start_sdl(false, error, sizeof error)) {
        fprintf(stderr, "ease render: %s\n", error);
        return EXIT_SOFTWARE;
    }
    app *a = calloc(1, sizeof *a);
    int status = EXIT_SOFTWARE;
    app_options opts = {.speed_permille = 1000, .routine_file = file};
    if (a && gfx_open_offscreen(&a->g, width, height, error, sizeof error) &&
        app_init(a, &opts, error, sizeof error)) {
        if (theme)
            theme_colours_for(!strcmp(theme, "high-contrast") ? CONFIG_THEME_HIGH_CONTRAST
                                                              : CONFIG_THEME_CALM,
                              &a->colours);
        if (lang)
            flow_set_language(&a->flow, lang);
        if (file && a->library.count == 0) {
            command_print_diag(&a->problems, stderr);
            status = EXIT_PROBLEMS;
        } else if (!render_reach(a, screen, (int)level, at_ms)) {
            fprintf(stderr, "ease render: cannot reach the %s screen%s\n", screen,
                    file ? "" : " without a routine FILE");
            status = EXIT_USAGE;
        } else {
            app_draw(a);
            status = gfx_save_png(&a->g, out, error, sizeof error) ? EXIT_OK : EXIT_SOFTWARE;
            if (status != EXIT_OK)
                fprintf(stderr, "ease render: %s\n", error);
        }
    } else {
        fprintf(stderr, "ease render: %s\n", error);
    }
    if (a) {
        app_free(a);
        gfx_close(&a->g);
    }
    free(a);
    IMG_Quit();
    SDL_Quit();
    return status;
}
