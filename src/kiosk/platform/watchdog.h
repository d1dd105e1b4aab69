/* systemd's notification protocol for the kiosk service: READY=1 once the first frame is shown,
 * WATCHDOG=1 from the frame loop at half the unit's WatchdogSec=, and STATUS= lines for
 * 'systemctl status'. Outside systemd (no NOTIFY_SOCKET) every call does nothing. */
#ifndef EASE_WATCHDOG_H
#define EASE_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    bool enabled;        /* systemd expects pings */
    int64_t interval_ms; /* between pings: half of WatchdogSec= */
    int64_t next_ms;     /* monotonic time of the next ping */
} watchdog;

/* Reads what systemd asks for. now_ms: the frame loop's monotonic clock. */
void watchdog_init(watchdog *w, int64_t now_ms);

/* The kiosk is up (first frame shown); status is shown by 'systemctl status'. */
void watchdog_ready(const char *status);

/* A new STATUS= line. */
void watchdog_status(const char *status);

/* From every pass of the frame loop: pings when one is due. A loop that stops passing here
 * (hung) is killed and restarted by systemd. */
void watchdog_ping(watchdog *w, int64_t now_ms);

/* The longest the frame loop may wait before its next pass; INT64_MAX when disabled. */
int64_t watchdog_wait_ms(const watchdog *w, int64_t now_ms);

/* The kiosk is ending on purpose (SIGTERM, staff). */
void watchdog_stopping(void);

#endif
