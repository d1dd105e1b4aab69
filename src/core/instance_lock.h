/* One kiosk per data folder: two kiosks writing one database (a second `ease` started beside the
 * first on a desktop session) would interleave visits and fight over the screen. The first takes
 * an advisory lock on ease.lock in the data folder and holds it while it runs; the kernel drops
 * it when the process ends, however it ends, so a crash never leaves a stale lock. */
#ifndef EASE_INSTANCE_LOCK_H
#define EASE_INSTANCE_LOCK_H

#include <stdbool.h>
#include <stddef.h>

/* Takes the lock (making the folder if missing). Returns the descriptor that holds it (close it
 * to let go), or -1 with what happened and what to do in message: another kiosk has it (its
 * process id named when known), or the folder cannot be used. */
int instance_lock_take(const char *data_dir, char *message, size_t size);

#endif
