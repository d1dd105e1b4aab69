/* The signals a kiosk meets: systemd's SIGTERM, a terminal's SIGINT, SIGHUP (the session or the
 * compositor going away), SIGQUIT, SIGUSR1 (an operator's "stop") all end the kiosk cleanly, its
 * visits saved, rather than killing it with the records still in memory. SIGPIPE is ignored: a
 * write to a closed socket or pipe (the watchdog's, a trace read by a script) is an error to
 * handle where it happens, never a reason to die. */
#ifndef EASE_SIGNALS_H
#define EASE_SIGNALS_H

#include <stdbool.h>

/* Installs the handlers (no SA_RESTART, so a blocking wait returns). */
void signals_install(void);
/* The number of the first stop signal received, or 0. */
int signals_stop_requested(void);

#endif
