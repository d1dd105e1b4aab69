#include "signals.h"

#include <signal.h>
#include <stddef.h>
#include <unistd.h>

static volatile sig_atomic_t signals_received;

static void signals_on_stop(int signal_number)
{
    if (!signals_received)
        signals_received = signal_number;
    /* A loop stuck inside the display library (a compositor gone mid-present) never sees the
     * flag: the alarm's default action ends the process, as a failure, 3 s on. The frame loop
     * cancels it once it is out (alarm(0) in command_kiosk.c). */
    alarm(3);
}

/* Every signal whose default would end the process at once, with visits held in memory, and
 * that someone may send a kiosk on purpose: each asks it to stop, as SIGTERM does. */
static const int signals_stopping[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1};

void signals_install(void)
{
    struct sigaction stop = {0};
    stop.sa_handler = signals_on_stop;
    sigemptyset(&stop.sa_mask);
    for (size_t i = 0; i < sizeof signals_stopping / sizeof *signals_stopping; i++)
        sigaction(signals_stopping[i], &stop, NULL);
    struct sigaction ignore = {0};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, NULL);
}

int signals_stop_requested(void)
{
    return signals_received;
}
