#include "kiosk.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "alsa_quiet.h"
#include "paths.h"
#include "renderer_setup.h"
#include "signals.h"

static int64_t kiosk_utc_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The kiosk's clock: the sound's output stream while it plays, else the monotonic clock
 * (SDL_GetTicks64, which does not wrap after 49 days). */
static int64_t kiosk_clock(app *a)
{
    return app_clock_ms(a, (int64_t)SDL_GetTicks64());
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

/* Waits for input (or the time the loop asks for), hands it over, and makes a pass, until the
 * loop is finished or a signal asks Ease to stop. */
/* The pass's clocks, now. */
static loop_time kiosk_time(app *a)
{
    return (loop_time){kiosk_clock(a), kiosk_utc_ms(), (int64_t)SDL_GetTicks64()};
}

/* Returns false when the display went away. */
static bool kiosk_loop(app *a, const loop_options *options)
{
    loop l;
    loop_init(&l, a, options, kiosk_clock(a));
    while (!signals_stop_requested() && !loop_finished(&l, a)) {
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, (int)loop_wait_ms(&l, a, kiosk_time(a)))) {
            do
                loop_event(&l, a, &event, kiosk_time(a));
            while (!l.display_lost && SDL_PollEvent(&event));
            if (l.display_lost)
                break;
        }
        loop_pass(&l, a, kiosk_time(a));
    }
    alarm(0); /* out of the loop: the rest of the way out is ours, and short */
    bool display_lost = l.display_lost;
    if (signals_stop_requested())
        fprintf(stderr, "ease: %s: closing, visits saved first\n",
                strsignal(signals_stop_requested()));
    loop_free(&l);
    return !display_lost;
}

kiosk_status kiosk_run(kiosk_options *options)
{
    char error[512];
    app_options *opts = &options->app;
    /* Under cage with no GPU, SDL's Wayland driver cannot draw in software: choose first. */
    renderer_choice choice;
    renderer_setup_choose(opts->renderer,
                          opts->config_path ? opts->config_path : paths_default_config(), false,
                          &choice);
    opts->renderer = renderer_setup_apply(&choice, opts->renderer);
    if (!kiosk_start_sdl(true, error, sizeof error)) {
        fprintf(stderr, "ease: %s\n", error);
        return KIOSK_NO_DISPLAY;
    }
    app *a = calloc(1, sizeof *a);
    kiosk_status status = KIOSK_FAILED;
    int width = opts->windowed ? opts->width : 0, height = opts->windowed ? opts->height : 0;
    bool opened = a && gfx_open_window(&a->g, options->title, width, height, opts->renderer, error,
                                       sizeof error);
    if (a && !opened && renderer_setup_fall_back_to_x11(&choice, error)) {
        /* A GPU that would not draw on Wayland: the light path through cage's Xwayland. */
        opened = gfx_open_window(&a->g, options->title, width, height, GFX_RENDERER_SOFTWARE, error,
                                 sizeof error);
    }
    if (opened) {
        if (!opts->windowed)
            SDL_ShowCursor(SDL_DISABLE); /* a touch kiosk: no pointer left on the screen */
        if (app_init(a, opts, error, sizeof error)) {
            fprintf(stderr, "ease: drawing with the %s renderer at %dx%d: %s\n", a->g.renderer_name,
                    a->g.width, a->g.height, choice.reason);
            if (options->loop.watch_file && a->library.count == 1) {
                /* Starting a hand-over's time from now lets the first cues, too, be handed
                 * early enough to start on their exact sample. */
                app_preview_start(a, options->loop.level, options->loop.from_ms, kiosk_clock(a),
                                  kiosk_utc_ms());
            }
            /* kiosk.yaml's sound-device: an ALSA device, so SDL's ALSA driver opens it (unless
             * AUDIODEV or SDL_AUDIODRIVER say otherwise). */
            if (a->config.sound_device) {
                setenv("AUDIODEV", a->config.sound_device, 0);
                setenv("SDL_AUDIODRIVER", "alsa", 0);
            }
            status = kiosk_loop(a, &options->loop) ? KIOSK_OK : KIOSK_NO_DISPLAY;
            if (options->loop.quit_after_play)
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
