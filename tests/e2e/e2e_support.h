/* Driving the real kiosk headlessly: the app on an offscreen renderer, synthetic SDL events
 * (mouse, touch, keys), a virtual clock, and pixels read back. */
#ifndef EASE_E2E_SUPPORT_H
#define EASE_E2E_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "audio.h"
#include "kiosk_probe.h"
#include "loop.h"

/* A kiosk of w x h pixels set up as opts says. */
static inline app *e2e_open_with(int w, int h, const app_options *opts)
{
    static bool started;
    if (!started) {
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
        assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0);
        started = true;
    }
    char error[512];
    app *a = probe_open(w, h, opts, error, sizeof error);
    if (!a)
        fail_msg("app_init: %s", error);
    /* The test's clock starts where the kiosk's is: with a sound device, the audio places cues
     * on its stream by that clock. */
    app_update(a, probe_now_ms(a), 1700000000000 + probe_now_ms(a));
    app_draw(a);
    return a;
}

/* A kiosk of w x h pixels on the bundled routines (config: none, or the given file). */
static inline app *e2e_open(int w, int h, const char *config_path, int speed_permille)
{
    app_options opts = {.speed_permille = speed_permille, .config_path = config_path};
    return e2e_open_with(w, h, &opts);
}

/* With no PIN the staff screen opens only with the technician's key file (README, "Staff"):
 * creates it in the kiosk's data folder, as a technician would. */
static inline void e2e_allow_staff(app *a)
{
    assert_non_null(probe_staff_key_path(a));
    char command[4200];
    snprintf(command, sizeof command, "mkdir -p \"$(dirname '%s')\" && touch '%s'",
             probe_staff_key_path(a), probe_staff_key_path(a));
    assert_int_equal(system(command), 0);
}

/* The clocks of a pass under test: the virtual clock is the kiosk's and the monotonic one. */
#define E2E_TIME(now, utc) ((loop_time){(now), (utc), (now)})

/* The frame loop's passes for the kiosk under test (one kiosk at a time): no watchdog, no
 * folders watched. */
typedef struct {
    loop passes;
    const app *owner;
} e2e_loop_slot;

static inline e2e_loop_slot *e2e_slot(void)
{
    static e2e_loop_slot slot;
    return &slot;
}

static inline loop *e2e_loop(app *a)
{
    e2e_loop_slot *slot = e2e_slot();
    if (slot->owner != a) {
        if (slot->owner)
            loop_free(&slot->passes);
        loop_options options = {.pause_at_ms = -1};
        loop_init(&slot->passes, a, &options, probe_now_ms(a));
        slot->owner = a;
    }
    return &slot->passes;
}

static inline void e2e_close(app *a)
{
    e2e_loop_slot *slot = e2e_slot();
    if (slot->owner == a) {
        loop_free(&slot->passes);
        slot->owner = NULL;
    }
    probe_close(a);
}

/* The test's time at a step meant for `at`: while a sound device plays, never behind the
 * device's stream (a slow test's frames are late, as a slow kiosk's are). */
static inline int64_t e2e_device_time(app *a, int64_t at)
{
    if (!audio_is_live(probe_audio(a)))
        return at;
    int64_t device = app_clock_ms(a, (int64_t)SDL_GetTicks64());
    return device > at ? device : at;
}

/* Moves the virtual clock on as the frame loop does: whole frames when something shown in steps
 * changed, only what moves in between, and when nothing moves, straight on to the next
 * timeout (the loop would sleep). While a sound device plays, the clock is the device's own
 * (as in the kiosk): each step waits for its stream to get there, so a cue is never handed to
 * it in its past or far in its future, however fast or slow the test runs. */
static inline void e2e_run(app *a, int64_t ms)
{
    int64_t end = probe_now_ms(a) + ms;
    while (probe_now_ms(a) < end) {
        int64_t step = 33;
        if (!probe_busy(a)) {
            int64_t deadline = flow_next_deadline(probe_flow(a), probe_now_ms(a));
            step = deadline < 0 ? end - probe_now_ms(a) : deadline > 33 ? deadline : 33;
        }
        int64_t next = probe_now_ms(a) + step < end ? probe_now_ms(a) + step : end;
        while (audio_is_live(probe_audio(a)) && app_clock_ms(a, (int64_t)SDL_GetTicks64()) < next)
            SDL_Delay(1);
        next = e2e_device_time(a, next);
        loop_pass(e2e_loop(a), a, E2E_TIME(next, 1700000000000 + next));
    }
}

/* A pass of the frame loop at the current time (after input: the whole frame is drawn). */
static inline void e2e_frame(app *a)
{
    int64_t now = e2e_device_time(a, probe_now_ms(a));
    loop_pass(e2e_loop(a), a, E2E_TIME(now, probe_utc_ms(a) + (now - probe_now_ms(a))));
}

/* The touch target that does action (with arg, unless any_arg), or -1. */
static inline int e2e_find(const app *a, app_action action, int arg, bool any_arg)
{
    for (int i = probe_ui(a)->count - 1; i >= 0; i--)
        if (probe_ui(a)->targets[i].action == (int)action &&
            (any_arg || probe_ui(a)->targets[i].arg == arg))
            return i;
    return -1;
}

typedef enum { E2E_MOUSE, E2E_TOUCH } e2e_pointer;

static inline void e2e_tap_at(app *a, float x, float y, e2e_pointer how)
{
    SDL_Event down = {0}, up = {0};
    if (how == E2E_MOUSE) {
        down.type = SDL_MOUSEBUTTONDOWN;
        down.button.button = SDL_BUTTON_LEFT;
        down.button.x = (int)x;
        down.button.y = (int)y;
        up = down;
        up.type = SDL_MOUSEBUTTONUP;
    } else {
        down.type = SDL_FINGERDOWN;
        down.tfinger.fingerId = 1;
        down.tfinger.x = x / (float)probe_gfx(a)->width;
        down.tfinger.y = y / (float)probe_gfx(a)->height;
        up = down;
        up.type = SDL_FINGERUP;
    }
    app_handle_event(a, &down);
    e2e_frame(a);
    app_handle_event(a, &up);
    e2e_frame(a);
}

/* Taps the middle of the target doing action; fails the test when the screen has none. */
static inline void e2e_tap(app *a, app_action action, int arg, e2e_pointer how)
{
    int i = e2e_find(a, action, arg, false);
    if (i < 0)
        fail_msg("no target for action %d (%d) on the %s screen", action, arg,
                 flow_screen_name(probe_flow(a)->screen));
    SDL_FRect r = probe_ui(a)->targets[i].rect;
    e2e_tap_at(a, r.x + r.w / 2, r.y + r.h / 2, how);
}

static inline void e2e_key(app *a, SDL_Keycode key, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = key;
    e.key.keysym.mod = mod;
    app_handle_event(a, &e);
    e2e_frame(a);
}

/* Moves keyboard focus with Tab until it is on the target doing action(arg), then Enter. */
static inline void e2e_key_to(app *a, app_action action, int arg)
{
    for (int tries = 0; tries < UI_MAX_TARGETS + 1; tries++) {
        e2e_key(a, SDLK_TAB, 0);
        int f = probe_ui(a)->focus;
        if (f >= 0 && f < probe_ui(a)->count && probe_ui(a)->targets[f].action == (int)action &&
            probe_ui(a)->targets[f].arg == arg) {
            e2e_key(a, SDLK_RETURN, 0);
            return;
        }
    }
    fail_msg("Tab never reached action %d (%d) on the %s screen", action, arg,
             flow_screen_name(probe_flow(a)->screen));
}

/* Start on the card, then the safety notice read when this visit has not shown it yet. */
static inline void e2e_start(app *a, e2e_pointer how)
{
    e2e_tap(a, ACTION_START, 0, how);
    if (probe_flow(a)->screen == FLOW_SAFETY)
        e2e_tap(a, ACTION_SAFETY_READ, 0, how);
}

/* A rating as a patient gives it: the number tapped (chosen, the screen stays), then Done; Skip
 * (SESSION_NO_RATING) at once. */
static inline void e2e_rate(app *a, int value, e2e_pointer how)
{
    flow_screen screen = probe_flow(a)->screen;
    e2e_tap(a, ACTION_RATE, value, how);
    if (value == SESSION_NO_RATING)
        return;
    assert_int_equal(probe_flow(a)->screen, screen);
    assert_int_equal(probe_flow(a)->rating_chosen, value);
    e2e_tap(a, ACTION_RATE_KEEP, 0, how);
}

/* How different two regions of two frames are: the share of pixels that differ clearly. */
static inline double e2e_difference(const SDL_Surface *x, const SDL_Surface *y, SDL_Rect r)
{
    long differ = 0, total = 0;
    for (int j = r.y; j < r.y + r.h; j += 2)
        for (int i = r.x; i < r.x + r.w; i += 2) {
            const Uint8 *p = (const Uint8 *)x->pixels + j * x->pitch + i * 4;
            const Uint8 *q = (const Uint8 *)y->pixels + j * y->pitch + i * 4;
            int d = abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]);
            differ += d > 48;
            total++;
        }
    return total ? (double)differ / (double)total : 0;
}

/* A copy of the current frame. */
static inline SDL_Surface *e2e_snapshot(app *a)
{
    SDL_Surface *copy = SDL_CreateRGBSurfaceWithFormat(0, probe_gfx(a)->width, probe_gfx(a)->height,
                                                       32, SDL_PIXELFORMAT_ARGB8888);
    SDL_RenderFlush(probe_gfx(a)->renderer);
    SDL_RenderReadPixels(probe_gfx(a)->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, copy->pixels,
                         copy->pitch);
    return copy;
}

#endif
