#include "loop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "quiet_screen.h"

/* The attract screen's slow background breath needs far fewer frames than the display's rate. */
enum { LOOP_ATTRACT_FRAME_MS = 1000 / 15 };

/* A frame's length at the display's refresh rate (60 Hz when it does not say, as under Xvfb),
 * never faster than 100 Hz: the software renderer cannot wait for the display itself. */
static int loop_refresh_hz(const app *a)
{
    SDL_DisplayMode mode;
    int hz = 60;
    if (a->g.window && SDL_GetWindowDisplayMode(a->g.window, &mode) == 0 &&
        mode.refresh_rate >= 30 && mode.refresh_rate <= 100)
        hz = mode.refresh_rate;
    return hz;
}

/* The next step of the display's grid in whole ms: 17, 17, 16 at 60 Hz, so frames land on its
 * 16.7 ms period (a steady 16 ms drew 62.5 frames a second, one in 25 never shown). */
static int64_t loop_grid_step_ms(const loop *l)
{
    int64_t k = l->grid_frames % l->play_hz;
    return (k + 1) * 1000 / l->play_hz - k * 1000 / l->play_hz;
}

/* True once a package upgrade has replaced the running binary (dpkg renames the new file over
 * it, so the kernel names ours "(deleted)"). */
static bool loop_binary_replaced(void)
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

/* What systemd shows for the service: ready (once, after the first frame), then each reload. */
static void loop_tell_systemd(const app *a, bool ready)
{
    char status[128];
    snprintf(status, sizeof status, "showing the kiosk: %zu routines ready", a->library.count);
    if (ready)
        watchdog_ready(status);
    else
        watchdog_status(status);
}

static int64_t loop_mtime(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 ? (int64_t)info.st_mtim.tv_sec * 1000000000 + info.st_mtim.tv_nsec
                                  : -1;
}

/* Milliseconds since this process started (from /proc, so the exec and the libraries' own
 * start-up count too): what "first frame within 100 ms" is measured against. */
static double loop_ms_since_process_start(void)
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

/* The CPU time of the calling thread, in microseconds. */
static int64_t loop_thread_cpu_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static void loop_frame_stats_add(loop_frame_stats *stats, int64_t us, int64_t at_ms, int64_t cpu_us)
{
    loop_frame_stat *grown =
        array_grow(stats->frames, &stats->capacity, stats->count + 1, sizeof *grown);
    if (!grown)
        return;
    stats->frames = grown;
    stats->frames[stats->count++] = (loop_frame_stat){(uint32_t)us, at_ms, (uint32_t)cpu_us};
}

/* With EASE_FRAME_STATS=FILE, each frame's draw-and-show time (microseconds), when it was
 * drawn (milliseconds on the kiosk's clock) and its CPU time (microseconds) are written there
 * at the end, one frame a line. */
static void loop_frame_stats_write(loop_frame_stats *stats)
{
    const char *path = getenv("EASE_FRAME_STATS");
    FILE *out = path && *path ? fopen(path, "w") : NULL;
    for (size_t i = 0; out && i < stats->count; i++)
        fprintf(out, "%u %lld %u\n", stats->frames[i].us, (long long)stats->frames[i].at_ms,
                stats->frames[i].cpu_us);
    if (out)
        fclose(out);
    free(stats->frames);
}

void loop_init(loop *l, app *a, const loop_options *options, int64_t now_ms)
{
    memset(l, 0, sizeof *l);
    l->options = *options;
    l->next_frame_ms = now_ms;
    l->play_hz = loop_refresh_hz(a);
    l->next_upgrade_check_ms = now_ms;
    l->routines_told = a->routines_generation;
    quiet_hours_init(&l->quiet);
    l->next_watch_ms = now_ms + 500;
    l->watched_mtime = options->watch_file ? loop_mtime(options->watch_file) : -1;
    l->paused_since_ms = -1;
    l->keep_stats = getenv("EASE_FRAME_STATS") != NULL;
    watchdog_init(&l->dog, now_ms);
    l->folders.fd = -1;
    if (options->watch_folders) {
        char *const *dirs;
        size_t count = app_routine_folders(a, &dirs);
        folder_watch_open(&l->folders, dirs, count);
    }
}

void loop_free(loop *l)
{
    watchdog_stopping();
    lockdown_stop(l->held);
    folder_watch_close(&l->folders);
    loop_frame_stats_write(&l->stats);
}

bool loop_finished(const loop *l, const app *a)
{
    return l->done || l->display_lost || a->flow.quit_requested;
}

int64_t loop_wait_ms(const loop *l, const app *a, loop_time t)
{
    int64_t now_ms = t.now_ms, wait;
    if (l->dark)
        wait = 1000; /* nothing moves: wake for the watchdog, a touch, or the morning */
    else if (a->dirty)
        wait = 0;
    else if (app_animating(a))
        wait = l->next_frame_ms - now_ms;
    else {
        int64_t deadline = flow_next_deadline(&a->flow, now_ms);
        wait = deadline < 0 ? 1000 : deadline;
        if (a->corner_held || l->options.watch_file)
            wait = wait < 250 ? wait : 250;
    }
    /* Awake in time to hand the next cue to the audio a little before its moment. */
    int64_t cue_wait = app_next_cue_wait_ms(a, now_ms);
    if (cue_wait >= 0 && cue_wait < wait)
        wait = cue_wait;
    if (l->options.pause_at_ms >= 0 && a->flow.screen == FLOW_PLAY && wait > 5)
        wait = 5;
    if (wait < 0)
        wait = 0;
    if (wait > 1000)
        wait = 1000;
    if (wait > watchdog_wait_ms(&l->dog, now_ms))
        wait = watchdog_wait_ms(&l->dog, now_ms);
    if (a->loader && wait > 50)
        wait = 50; /* routines loading off the loop: taken up soon after they are ready */
    if (wait > folder_watch_wait_ms(&l->folders, now_ms))
        wait = folder_watch_wait_ms(&l->folders, now_ms);
    /* The lock-down keeps the monotonic clock: the sound's clock may stand still. */
    if (wait > lockdown_wait_ms(l->held, t.monotonic_ms))
        wait = lockdown_wait_ms(l->held, t.monotonic_ms);
    return wait;
}

void loop_event(loop *l, app *a, const SDL_Event *event, loop_time t)
{
    a->now_ms = t.now_ms;
    a->utc_ms = t.utc_ms;
    if (event->type == SDL_QUIT && !l->options.quit_on_close) {
        /* The compositor or X server went away (SDL says so with SDL_QUIT): end, as a failure,
         * rather than draw into nothing. */
        fprintf(stderr, "ease: the display connection was lost; ending\n");
        l->display_lost = true;
        return;
    }
    if (event->type == SDL_QUIT ||
        (event->type == SDL_WINDOWEVENT && event->window.event == SDL_WINDOWEVENT_CLOSE)) {
        if (l->options.quit_on_close)
            l->done = true; /* a preview: ends the loop, stats written */
        return;             /* a kiosk is not closed by the window manager */
    }
    lockdown_event(l->held, event, t.monotonic_ms);
    if (quiet_screen_wake(&l->quiet, a, event, t.now_ms)) {
        l->dark = false;
        return;
    }
    app_handle_event(a, event);
}

/* preview --pause-at: pauses once at the routine time asked, resumes after the time asked. */
static void loop_scripted_pause(loop *l, app *a, int64_t now)
{
    flow *f = &a->flow;
    if (l->options.pause_at_ms < 0 || f->screen != FLOW_PLAY || !f->plan)
        return;
    if (l->paused_since_ms < 0 && f->player.state == PLAYER_PLAYING &&
        player_position_at(&f->player, now) >= l->options.pause_at_ms) {
        flow_toggle_pause(f, now);
        l->paused_since_ms = now;
        a->dirty = true;
    } else if (l->paused_since_ms >= 0 && f->player.state == PLAYER_PAUSED &&
               now - l->paused_since_ms >= l->options.pause_for_ms) {
        flow_toggle_pause(f, now);
        l->paused_since_ms = INT64_MAX / 2; /* once */
        a->dirty = true;
    }
}

/* The routine folders and the previewed file: reloaded when they change. */
static void loop_watch(loop *l, app *a, int64_t now)
{
    /* A routine saved into a folder: reloaded once no patient is in a visit, so nothing
     * changes under them; the attract screen comes back within the idle timeout. */
    if (folder_watch_poll(&l->folders, now)) {
        fprintf(stderr, "ease: the routine folders changed\n");
        a->reload_waiting = true;
    }
    if (a->reload_waiting && a->routines_loaded && flow_library_swap_safe(&a->flow))
        app_reload_routines_start(a);
    if (a->routines_generation != l->routines_told) {
        l->routines_told = a->routines_generation; /* swapped in by app_update */
        loop_tell_systemd(a, false);
    }
    /* An upgrade never cuts a visit: the new version starts (the service restarts Ease when it
     * ends) only once no visit is open. */
    if (l->options.kiosk && !l->upgraded && now >= l->next_upgrade_check_ms) {
        l->next_upgrade_check_ms = now + 2000;
        if ((l->upgraded = loop_binary_replaced()))
            fprintf(stderr, "ease: a new version was installed; it starts once no visit is open\n");
    }
    if (l->upgraded && flow_library_swap_safe(&a->flow)) {
        fprintf(stderr, "ease: ending for the new version (no visit open)\n");
        l->done = true;
        return;
    }
    if (l->options.watch_file && now >= l->next_watch_ms) {
        l->next_watch_ms = now + 500;
        int64_t mtime = loop_mtime(l->options.watch_file);
        if (mtime != l->watched_mtime) {
            l->watched_mtime = mtime;
            app_preview_reload(a, l->options.watch_file);
        }
    }
}

/* The kiosk's first frame is up: what the attract screen does not need comes now. */
static void loop_after_first_frame(loop *l, app *a)
{
    l->first_frame_shown = true;
    if (!l->options.start_after_first_frame)
        return;
    fprintf(stderr, "ease: first frame shown %.0f ms after start\n", loop_ms_since_process_start());
    app_open_sound(a);
    if (!a->routines_loaded)
        app_reload_routines_start(a); /* off the frame loop: app_load.c */
    loop_tell_systemd(a, true);
    gfx_settle_fullscreen(&a->g);
    if (l->options.lock_down && (l->held = lockdown_start(a->g.window)))
        fprintf(stderr, "ease: holding the screen and keyboard (X11)\n");
}

void loop_draw_frame(loop *l, app *a, int64_t now)
{
    Uint64 started = SDL_GetPerformanceCounter();
    int64_t cpu_started = l->keep_stats ? loop_thread_cpu_us() : 0;
    /* A whole frame only when something shown in steps changed; otherwise just what moves,
     * drawn and shown on its own (where the renderer can show part of a frame). */
    bool in_parts = a->g.software || a->g.offscreen; /* a GPU shows whole frames only */
    bool whole = a->dirty || !in_parts || app_signature(a) != a->shown;
    if (whole) {
        app_draw(a);
        gfx_present(&a->g, NULL, 0);
    } else {
        SDL_Rect shown[64]; /* a partial frame's region, in strips */
        int count = app_draw_moving(a, shown, (int)(sizeof shown / sizeof *shown));
        if (count != 0)
            gfx_present(&a->g, shown, count > 0 ? count : 0); /* -1: a whole frame */
    }
    if (l->keep_stats)
        loop_frame_stats_add(&l->stats,
                             (int64_t)((SDL_GetPerformanceCounter() - started) * 1000000 /
                                       SDL_GetPerformanceFrequency()),
                             now, loop_thread_cpu_us() - cpu_started);
    if (!l->first_frame_shown)
        loop_after_first_frame(l, a);
    /* The next frame when something will have moved enough to see, by the monotonic clock
     * (never a sleep of a frame's length, which drifts). */
    int64_t frame_ms =
        a->flow.screen == FLOW_ATTRACT ? LOOP_ATTRACT_FRAME_MS : loop_grid_step_ms(l);
    int64_t wanted = app_next_frame_ms(a, now, frame_ms);
    /* Steady motion: frames on a grid from this one's due time, not from whenever it was done,
     * so the rate stays the display's; a late frame starts a new grid. */
    if (wanted == now + frame_ms && l->next_frame_ms + frame_ms > now) {
        wanted = l->next_frame_ms + frame_ms;
        l->grid_frames++;
    } else {
        l->grid_frames = 0;
    }
    l->next_frame_ms = wanted;
}

void loop_pass(loop *l, app *a, loop_time t)
{
    int64_t now_ms = t.now_ms;
    if (l->held) {
        unsigned before = lockdown_retakes(l->held);
        /* The keyboard is held on the patients' screens; staff may need it. */
        lockdown_poll(l->held, t.monotonic_ms, a->flow.screen != FLOW_STAFF);
        if (lockdown_retakes(l->held) != before)
            fprintf(stderr, "ease: took the screen back (the window was minimised, hidden, "
                            "moved to another desktop or behind another)\n");
    }
    loop_scripted_pause(l, a, now_ms);
    app_update(a, now_ms, t.utc_ms);
    /* Every pass of the loop, so a hung loop (not a quiet screen) is what systemd sees. */
    watchdog_ping(&l->dog, now_ms);
    loop_watch(l, a, now_ms);
    if (l->done)
        return;
    if (a->flow.screen == FLOW_PLAY)
        l->played = true;
    if (l->options.quit_after_play && l->played && !flow_routine_live(&a->flow)) {
        l->done = true;
        return;
    }
    /* A frame when something changed, or when what moves has moved enough to see. */
    if (!l->dark && (a->dirty || (app_animating(a) && now_ms >= l->next_frame_ms)))
        loop_draw_frame(l, a, now_ms);
    /* Quiet hours (the kiosk only, from its first frame, which READY=1 comes with), for the
     * next wait and the next pass. */
    if (l->options.kiosk && l->first_frame_shown)
        l->dark = quiet_screen_update(&l->quiet, a, now_ms, t.utc_ms);
}
