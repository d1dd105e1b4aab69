#include "quiet_screen.h"

#include <stdio.h>
#include <time.h>

static int quiet_screen_minute_of_day(int64_t utc_ms)
{
    time_t seconds = (time_t)(utc_ms / 1000);
    struct tm local;
    if (!localtime_r(&seconds, &local))
        return 0;
    return local.tm_hour * 60 + local.tm_min;
}

bool quiet_screen_update(quiet_hours *q, app *a, int64_t now_ms, int64_t utc_ms)
{
    if (!quiet_hours_update(q, &a->config, quiet_screen_minute_of_day(utc_ms),
                            a->flow.screen == FLOW_ATTRACT, now_ms, a->flow.last_input_ms))
        return q->dark;
    if (q->dark) {
        SDL_SetRenderDrawColor(a->g.renderer, 0, 0, 0, 255);
        SDL_RenderClear(a->g.renderer);
        gfx_present(&a->g, NULL, 0);
        SDL_EnableScreenSaver(); /* no idle inhibitor: the display may power down */
        fprintf(stderr, "ease: quiet hours: the screen is dark until a touch\n");
    } else {
        SDL_DisableScreenSaver();
        a->dirty = true;
        fprintf(stderr, "ease: quiet hours over: showing the kiosk\n");
    }
    return q->dark;
}

bool quiet_screen_wake(quiet_hours *q, app *a, const SDL_Event *event, int64_t now_ms)
{
    if (!q->dark)
        return false;
    if (event->type != SDL_FINGERDOWN && event->type != SDL_MOUSEBUTTONDOWN &&
        event->type != SDL_KEYDOWN)
        return false;
    quiet_hours_wake(q, now_ms);
    SDL_DisableScreenSaver();
    a->dirty = true;
    fprintf(stderr, "ease: woken from quiet hours by a touch\n");
    return true;
}
