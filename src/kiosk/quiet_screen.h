/* Quiet hours on the screen: the kiosk loop asks each pass whether to be dark (quiet_hours.h has
 * the rule), and hands each event here first so a touch on the dark screen wakes it without
 * also pressing whatever lies under the finger. */
#ifndef EASE_QUIET_SCREEN_H
#define EASE_QUIET_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "app.h"
#include "quiet_hours.h"

/* Goes dark (one black frame, the idle inhibitor released so the display may sleep) or light
 * again as the quiet hours say at now_ms (monotonic) and utc_ms (for the local time of day).
 * Returns whether the screen is dark: the loop then draws nothing and waits up to a second. */
bool quiet_screen_update(quiet_hours *q, app *a, int64_t now_ms, int64_t utc_ms);

/* True when the event was a touch, click or key that woke the dark screen (the caller drops it). */
bool quiet_screen_wake(quiet_hours *q, app *a, const SDL_Event *event, int64_t now_ms);

#endif
