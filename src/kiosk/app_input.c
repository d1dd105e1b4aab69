/* Input: touches, clicks and keys turned into actions, and each action into a change of the
 * visit (or of the kiosk: volume, reload, voice). */
#include "app.h"

#include "source_file.h"
#include <stdio.h>

enum { APP_STAFF_HOLD_MS = 5000 };

const char *app_action_name(app_action action)
{
    static const char *const names[] = {
        "none",        "begin",        "language",    "kind",           "routine",   "page",
        "level",       "start",        "rate",        "pause",          "stop",      "stop-reason",
        "keep-going",  "back",         "thanks-done", "pin-digit",      "pin-erase", "pin-ok",
        "staff-leave", "staff-reload", "staff-quit",  "volume",         "mute",      "sound-test",
        "read-aloud",  "rate-keep",    "safety-read", "tell-staff-done"};
    return (unsigned)action < sizeof names / sizeof *names ? names[action] : "?";
}

void app_do(app *a, app_action action, int arg)
{
    flow *f = &a->flow;
    int64_t now = a->now_ms, utc = a->utc_ms;
    switch (action) {
    case ACTION_NONE:
        break;
    case ACTION_BEGIN:
        flow_begin(f, now);
        break;
    case ACTION_LANGUAGE:
        flow_set_language(f, app_language_code(a, arg));
        break;
    case ACTION_KIND:
        a->routine_page = 0;
        flow_choose_kind(f, (routine_kind)arg, now);
        break;
    case ACTION_ROUTINE:
        flow_choose_routine(f, flow_routine_at(f, f->kind, (size_t)arg), now);
        break;
    case ACTION_PAGE:
        a->routine_page += arg;
        break;
    case ACTION_LEVEL:
        flow_choose_level(f, arg);
        break;
    case ACTION_START:
        flow_start(f, now, utc);
        break;
    case ACTION_RATE:
        /* A number is chosen, and kept by Done, so a mis-tap can be corrected; Skip at once. */
        if (arg == SESSION_NO_RATING)
            flow_rate(f, arg, now, utc);
        else
            flow_rate_choose(f, arg);
        break;
    case ACTION_RATE_KEEP:
        flow_rate_keep(f, now, utc);
        break;
    case ACTION_SAFETY_READ:
        flow_safety_read(f, now, utc);
        break;
    case ACTION_TELL_STAFF_DONE:
        flow_tell_staff_done(f, now);
        break;
    case ACTION_PAUSE:
        flow_toggle_pause(f, now);
        break;
    case ACTION_STOP:
        flow_request_stop(f, now);
        break;
    case ACTION_STOP_REASON:
        flow_confirm_stop(f, (session_stop_reason)arg, now, utc);
        break;
    case ACTION_KEEP_GOING:
        flow_cancel_stop(f, now);
        break;
    case ACTION_BACK:
        flow_back(f, now, utc);
        break;
    case ACTION_THANKS_DONE:
        flow_finish_thanks(f, now);
        break;
    case ACTION_PIN_DIGIT:
        flow_pin_digit(f, arg, now);
        break;
    case ACTION_PIN_ERASE:
        flow_pin_erase(f, now);
        break;
    case ACTION_PIN_OK:
        flow_pin_submit(f, now, utc);
        if (f->pin_throttle.wrong_total > a->pin_wrong_said) {
            /* For the journal: a technician sees guessing in `journalctl -u ease-kiosk`. */
            a->pin_wrong_said = f->pin_throttle.wrong_total;
            fprintf(stderr,
                    "ease: a wrong staff PIN (%d in a row, %zu since Ease started); the keypad "
                    "waits %lld s before the next try\n",
                    f->pin_throttle.in_a_row, f->pin_throttle.wrong_total,
                    (long long)(flow_pin_wait_ms(f, now) + 999) / 1000);
        }
        break;
    case ACTION_STAFF_LEAVE:
        flow_staff_leave(f, now);
        break;
    case ACTION_STAFF_RELOAD:
        app_reload_routines_start(a);
        break;
    case ACTION_VOLUME:
        /* Until Ease restarts; the configuration keeps the clinic's setting. */
        a->volume = a->volume + arg < 0 ? 0 : a->volume + arg > 100 ? 100 : a->volume + arg;
        a->muted = false;
        audio_set_volume(a->audio, a->volume, a->muted);
        audio_play_test(a->audio);
        break;
    case ACTION_MUTE:
        a->muted = !a->muted;
        audio_set_volume(a->audio, a->volume, a->muted);
        break;
    case ACTION_SOUND_TEST:
        audio_play_test(a->audio);
        break;
    case ACTION_READ_ALOUD:
        a->read_aloud = !a->read_aloud;
        break;
    case ACTION_STAFF_QUIT:
        flow_staff_quit(f);
        break;
    }
    a->dirty = true;
}

/* Where a press lands in renderer pixels (window points differ on high-density screens). */
static void app_to_pixels(const app *a, float *x, float *y)
{
    int w = 0, h = 0;
    if (a->g.window)
        SDL_GetWindowSize(a->g.window, &w, &h);
    if (w > 0 && h > 0) {
        *x *= (float)a->g.width / (float)w;
        *y *= (float)a->g.height / (float)h;
    }
}

static bool app_in_staff_corner(const app *a, float x, float y)
{
    float corner = a->layout.target_px * 1.2f;
    return x < corner && y < corner;
}

static void app_press(app *a, float x, float y, SDL_FingerID finger)
{
    flow_input(&a->flow, a->now_ms);
    if (app_in_staff_corner(a, x, y)) {
        a->corner_held = true;
        a->corner_since_ms = a->now_ms;
        a->corner_finger = finger;
    }
    a->ui.pressed = ui_hit(&a->ui, x, y);
    a->ui.focus_visible = false;
    a->dirty = true;
}

static void app_release(app *a, float x, float y, SDL_FingerID finger)
{
    flow_input(&a->flow, a->now_ms);
    if (a->corner_held && a->corner_finger == finger)
        a->corner_held = false;
    int hit = ui_hit(&a->ui, x, y);
    int pressed = a->ui.pressed;
    a->ui.pressed = -1;
    a->dirty = true;
    /* A tap is a press and a release on the same target: sliding off cancels it. */
    if (hit >= 0 && hit == pressed)
        app_do(a, (app_action)a->ui.targets[hit].action, a->ui.targets[hit].arg);
}

static void app_key(app *a, const SDL_KeyboardEvent *key)
{
    flow_input(&a->flow, a->now_ms);
    SDL_Keycode code = key->keysym.sym;
    Uint16 mod = key->keysym.mod;
    flow_screen screen = a->flow.screen;
    a->dirty = true;
    if ((mod & KMOD_CTRL) && (mod & KMOD_ALT) && code == SDLK_e) {
        app_staff_request(a, a->now_ms, a->utc_ms);
        return;
    }
    if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
        return; /* Alt+F4, Ctrl+Q and friends do nothing here */
    int digit = -1;
    if (code >= SDLK_0 && code <= SDLK_9)
        digit = code - SDLK_0;
    else if (code >= SDLK_KP_1 && code <= SDLK_KP_9)
        digit = code - SDLK_KP_1 + 1;
    else if (code == SDLK_KP_0)
        digit = 0;
    switch (code) {
    case SDLK_TAB:
        ui_focus_move(&a->ui, (mod & KMOD_SHIFT) ? -1 : 1);
        return;
    case SDLK_RIGHT:
    case SDLK_DOWN:
        ui_focus_move(&a->ui, 1);
        return;
    case SDLK_LEFT:
    case SDLK_UP:
        ui_focus_move(&a->ui, -1);
        return;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        if (a->ui.focus_visible && a->ui.focus >= 0 && a->ui.focus < a->ui.count)
            app_do(a, (app_action)a->ui.targets[a->ui.focus].action,
                   a->ui.targets[a->ui.focus].arg);
        else if (screen == FLOW_ATTRACT)
            app_do(a, ACTION_BEGIN, 0);
        else if (screen == FLOW_THANKS)
            app_do(a, ACTION_THANKS_DONE, 0);
        else if (screen == FLOW_STAFF_PIN && code != SDLK_SPACE)
            app_do(a, ACTION_PIN_OK, 0);
        else if ((screen == FLOW_RATE_BEFORE || screen == FLOW_RATE_AFTER) &&
                 a->flow.rating_chosen != SESSION_NO_RATING)
            app_do(a, ACTION_RATE_KEEP, 0); /* a digit typed, then Enter keeps it */
        else
            ui_focus_move(&a->ui, 1);
        return;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        app_do(a, ACTION_BACK, 0);
        return;
    case SDLK_BACKSPACE:
        if (screen == FLOW_STAFF_PIN)
            app_do(a, ACTION_PIN_ERASE, 0);
        return;
    case SDLK_p:
        if (screen == FLOW_PLAY)
            app_do(a, ACTION_PAUSE, 0);
        return;
    default:
        break;
    }
    if (digit >= 0) {
        if (screen == FLOW_RATE_BEFORE || screen == FLOW_RATE_AFTER) {
            app_do(a, ACTION_RATE, digit); /* 10 is reached with the arrows and Enter */
        } else if (screen == FLOW_STAFF_PIN) {
            app_do(a, ACTION_PIN_DIGIT, digit);
        }
    }
}

void app_handle_event(app *a, const SDL_Event *event)
{
    switch (event->type) {
    case SDL_AUDIODEVICEREMOVED:
        /* The speaker went away: the routine goes on, silently. */
        if (!event->adevice.iscapture) {
            audio_device_removed(a->audio, (int64_t)SDL_GetTicks64());
            a->dirty = true;
        }
        return;
    case SDL_AUDIODEVICEADDED:
        if (!event->adevice.iscapture && a->options.sound && !audio_is_live(a->audio))
            a->sound_plugged = true;
        return;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
        if (event->button.which == SDL_TOUCH_MOUSEID || event->button.button != SDL_BUTTON_LEFT)
            return;
        float x = (float)event->button.x, y = (float)event->button.y;
        app_to_pixels(a, &x, &y);
        if (event->type == SDL_MOUSEBUTTONDOWN)
            app_press(a, x, y, -1);
        else
            app_release(a, x, y, -1);
        return;
    }
    case SDL_FINGERDOWN:
    case SDL_FINGERUP: {
        float x = event->tfinger.x * (float)a->g.width, y = event->tfinger.y * (float)a->g.height;
        if (event->type == SDL_FINGERDOWN)
            app_press(a, x, y, event->tfinger.fingerId);
        else
            app_release(a, x, y, event->tfinger.fingerId);
        return;
    }
    case SDL_MOUSEMOTION:
        if (event->motion.which != SDL_TOUCH_MOUSEID && event->motion.state)
            flow_input(&a->flow, a->now_ms);
        return;
    case SDL_KEYDOWN:
        app_key(a, &event->key);
        return;
    case SDL_WINDOWEVENT:
        if (event->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            event->window.event == SDL_WINDOWEVENT_EXPOSED ||
            event->window.event == SDL_WINDOWEVENT_RESTORED) {
            gfx_refresh_size(&a->g);
            theme_layout_for(a->g.width, a->g.height, a->g.pixels_per_mm, &a->layout);
            a->dirty = true;
        }
        return;
    default:
        return;
    }
}

bool app_staff_key_present(const app *a)
{
    return a->staff_key_path && source_file_is_regular(a->staff_key_path);
}

void app_staff_request(app *a, int64_t now_ms, int64_t utc_ms)
{
    flow_set_staff_key_present(&a->flow, !a->flow.staff_pin_hash && app_staff_key_present(a));
    flow_staff_request(&a->flow, now_ms, utc_ms);
}

/* The staff's gesture: the top-left corner held long enough. */
void app_input_update(app *a, int64_t now_ms, int64_t utc_ms)
{
    if (a->corner_held && now_ms - a->corner_since_ms >= APP_STAFF_HOLD_MS) {
        a->corner_held = false;
        app_staff_request(a, now_ms, utc_ms);
    }
}
