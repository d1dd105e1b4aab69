#include "quiet_hours.h"

void quiet_hours_init(quiet_hours *q)
{
    q->dark = false;
    q->woken_ms = INT64_MIN;
}

bool quiet_hours_update(quiet_hours *q, const ease_config *cfg, int minute_of_day, bool at_attract,
                        int64_t now_ms, int64_t last_input_ms)
{
    bool dark = false;
    if (at_attract && config_quiet_at(cfg, minute_of_day)) {
        /* Woken: stays light until untouched on the attract screen for the idle time. */
        int64_t since = q->woken_ms > last_input_ms ? q->woken_ms : last_input_ms;
        dark = q->woken_ms == INT64_MIN || now_ms - since >= cfg->idle_ms;
    }
    if (dark && !q->dark)
        q->woken_ms = INT64_MIN;
    bool changed = dark != q->dark;
    q->dark = dark;
    return changed;
}

void quiet_hours_wake(quiet_hours *q, int64_t now_ms)
{
    q->dark = false;
    q->woken_ms = now_ms;
}
