/* Quiet hours (kiosk.yaml 'quiet-hours'): when the waiting room is closed, the kiosk shows nothing
 * (a black screen, Ease drawing nothing, the display allowed to sleep) instead of animating all
 * night. Only on the attract screen: a visit in progress is never blanked. A touch wakes it for a
 * visit; it goes dark again once it has been back on the attract screen, untouched, for the idle
 * time. Times are handed in (minute of the local day, monotonic ms), as everywhere in the core. */
#ifndef EASE_QUIET_HOURS_H
#define EASE_QUIET_HOURS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

typedef struct {
    bool dark;        /* the screen is dark now */
    int64_t woken_ms; /* when a touch last woke it; INT64_MIN: not woken */
} quiet_hours;

void quiet_hours_init(quiet_hours *q);

/* Whether the screen should be dark at now_ms; true when this call changed it (to dark or back).
 * last_input_ms is the last touch, key or click the flow saw. */
bool quiet_hours_update(quiet_hours *q, const ease_config *cfg, int minute_of_day, bool at_attract,
                        int64_t now_ms, int64_t last_input_ms);

/* A touch while dark: light for a visit. */
void quiet_hours_wake(quiet_hours *q, int64_t now_ms);

#endif
