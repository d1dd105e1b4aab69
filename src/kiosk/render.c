/* 'ease render': one screen drawn headlessly to a PNG, reached as a patient would reach it. */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "kiosk.h"

/* The names --screen takes beyond the screens' own: the two ratings' short names, and the
 * screens after a stop for pain (the routine stopped at the time asked, not played out). */
static const struct {
    const char *name;
    flow_screen screen;
    session_stop_reason stopped;
} render_aliases[] = {{"rate", FLOW_RATE_BEFORE, STOP_REASON_NONE},
                      {"after", FLOW_RATE_AFTER, STOP_REASON_NONE},
                      {"after-pain", FLOW_RATE_AFTER, STOP_REASON_TOO_PAINFUL},
                      {"thanks-pain", FLOW_THANKS, STOP_REASON_TOO_PAINFUL}};

static bool render_screen_named(const char *name, flow_screen *screen, session_stop_reason *stopped)
{
    *stopped = STOP_REASON_NONE;
    for (size_t i = 0; i < sizeof render_aliases / sizeof *render_aliases; i++)
        if (!strcmp(name, render_aliases[i].name)) {
            *screen = render_aliases[i].screen;
            *stopped = render_aliases[i].stopped;
            return true;
        }
    for (int s = 0; s < FLOW_SCREEN_COUNT; s++)
        if (!strcmp(name, flow_screen_name((flow_screen)s))) {
            *screen = (flow_screen)s;
            if (s == FLOW_TELL_STAFF)
                *stopped = STOP_REASON_DIZZY; /* reached only that way */
            return true;
        }
    return false;
}

bool kiosk_render_screen_known(const char *name)
{
    flow_screen screen;
    session_stop_reason stopped;
    return render_screen_named(name, &screen, &stopped);
}

/* Walks the flow to the screen asked for, as a patient would, at routine time at_ms (stopped
 * there for a reason when one is given). */
static bool render_reach(app *a, flow_screen screen, session_stop_reason stopped, int level,
                         int64_t at_ms)
{
    flow *f = &a->flow;
    const routine *r = a->library.count ? a->library.routines[0] : NULL;
    int64_t when = 0;
    if (screen == FLOW_ATTRACT) {
        when = at_ms; /* the background breath at that moment */
    } else if (screen == FLOW_STAFF || screen == FLOW_STAFF_PIN) {
        /* The keypad shows only when a PIN is set: any hash will do for a picture of it. */
        flow_set_staff_pin_hash(f, screen == FLOW_STAFF_PIN ? "$argon2id$render" : NULL);
        flow_set_staff_key_present(f, true); /* the staff screen itself, as the key file opens it */
        flow_staff_request(f, 0, 0);
    } else {
        flow_begin(f, 0);
        bool more = screen != FLOW_CHOOSE_KIND;
        if (more && !r)
            return false;
        if (more) {
            flow_choose_kind(f, r->kind, 0);
            more = screen != FLOW_CHOOSE_ROUTINE;
        }
        if (more) {
            flow_choose_routine(f, r, 0);
            flow_choose_level(f, level);
            more = screen != FLOW_CARD;
        }
        if (more) {
            flow_set_rating_before(f, true);
            if (!flow_start(f, 0, 0))
                return false;
            more = screen != FLOW_SAFETY;
        }
        if (more) {
            flow_safety_read(f, 0, 0);
            more = screen != FLOW_RATE_BEFORE;
        }
        if (more) {
            flow_rate(f, SESSION_NO_RATING, 0, 0);
            when = at_ms;
            if (screen == FLOW_CONFIRM_STOP) {
                app_update(a, at_ms, 0);
                flow_request_stop(f, at_ms);
            } else if (stopped != STOP_REASON_NONE) {
                /* Stopped there for that reason, then the screens after it, as tapped. */
                app_update(a, at_ms, 0);
                flow_request_stop(f, at_ms);
                flow_confirm_stop(f, stopped, at_ms, 0);
                if (screen == FLOW_THANKS)
                    flow_rate(f, 6, at_ms, 0);
            } else if (screen == FLOW_RATE_AFTER || screen == FLOW_THANKS) {
                when = f->plan->length_ms + 1;
                flow_input(f, when);
                app_update(a, when, 0);
                if (screen == FLOW_THANKS)
                    flow_rate(f, 3, when, 0);
            } else if (screen != FLOW_PLAY) {
                return false;
            }
        }
    }
    /* The patient is there at that moment: no idle timeout may empty the screen. */
    flow_input(f, when);
    app_update(a, when, 0);
    return true;
}

kiosk_status kiosk_render(const kiosk_render_options *o)
{
    char error[512];
    flow_screen screen;
    session_stop_reason stopped;
    if (!render_screen_named(o->screen, &screen, &stopped))
        return KIOSK_UNREACHABLE;
    /* Events only: no display is needed to draw into an offscreen surface. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "ease render: %s\n", SDL_GetError());
        return KIOSK_FAILED;
    }
    app *a = calloc(1, sizeof *a);
    kiosk_status status = KIOSK_FAILED;
    app_options opts = {.speed_permille = 1000, .routine_file = o->file};
    if (a && gfx_open_offscreen(&a->g, o->width, o->height, error, sizeof error) &&
        app_init(a, &opts, error, sizeof error)) {
        if (o->theme)
            theme_colours_for(!strcmp(o->theme, "high-contrast") ? CONFIG_THEME_HIGH_CONTRAST
                                                                 : CONFIG_THEME_CALM,
                              &a->colours);
        if (o->lang)
            flow_set_language(&a->flow, o->lang);
        if (o->reduced_motion)
            a->config.reduced_motion = true;
        text_set_record(a->text, o->record);
        if (o->file && a->library.count == 0) {
            diag_sort(&a->problems);
            diag_print(&a->problems, stderr);
            status = KIOSK_PROBLEMS;
        } else if (!render_reach(a, screen, stopped, o->level, o->at_ms)) {
            fprintf(stderr, "ease render: cannot reach the %s screen%s\n", o->screen,
                    o->file ? "" : " without a routine FILE");
            status = KIOSK_UNREACHABLE;
        } else {
            app_draw(a);
            status = gfx_save_png(&a->g, o->out, error, sizeof error) ? KIOSK_OK : KIOSK_FAILED;
            if (status != KIOSK_OK)
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
