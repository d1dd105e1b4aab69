#include "watchdog.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

void watchdog_init(watchdog *w, int64_t now_ms)
{
    w->enabled = false;
    w->interval_ms = 0;
    w->next_ms = now_ms;
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0) {
        /* The service runs cage, and cage runs Ease: systemd set WATCHDOG_PID to cage, our
         * parent, and sd_watchdog_enabled only answers for that process. The unit's
         * NotifyAccess=all lets the child ping for it. */
        const char *pid = getenv("WATCHDOG_PID"), *interval = getenv("WATCHDOG_USEC");
        usec = 0;
        if (pid && interval && strtol(pid, NULL, 10) == (long)getppid())
            usec = strtoull(interval, NULL, 10);
    }
    if (usec >= 2000) {
        w->enabled = true;
        w->interval_ms = (int64_t)(usec / 2000); /* half the interval, in ms */
        fprintf(stderr, "ease: pinging the systemd watchdog every %lld ms\n",
                (long long)w->interval_ms);
        watchdog_ping(w, now_ms);
    }
}

void watchdog_ready(const char *status)
{
    sd_notifyf(0, "READY=1\nSTATUS=%s", status);
}

void watchdog_status(const char *status)
{
    sd_notifyf(0, "STATUS=%s", status);
}

void watchdog_ping(watchdog *w, int64_t now_ms)
{
    if (!w->enabled || now_ms < w->next_ms)
        return;
    sd_notify(0, "WATCHDOG=1");
    w->next_ms = now_ms + w->interval_ms;
}

int64_t watchdog_wait_ms(const watchdog *w, int64_t now_ms)
{
    if (!w->enabled)
        return INT64_MAX;
    return w->next_ms > now_ms ? w->next_ms - now_ms : 0;
}

void watchdog_stopping(void)
{
    sd_notify(0, "STOPPING=1");
}
