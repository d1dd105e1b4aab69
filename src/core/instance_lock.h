/* One kiosk per data folder: two kiosks writing one database (a second `ease` started beside the
 * first on a desktop session) would interleave visits and fight over the screen. The first takes
 * an advisory lock on ease.lock in the data folder and holds it while it runs; the kernel drops
 * it when the process ends, however it ends, so a crash never leaves a stale lock. */
#ifndef EASE_INSTANCE_LOCK_H
#define EASE_INSTANCE_LOCK_H

#include <stdbool.h>
#include <stddef.h>

enum { INSTANCE_LOCK_HELD_BY_ANOTHER = -2, INSTANCE_LOCK_UNAVAILABLE = -1 };

/* Takes the lock (making the folder if missing). Returns the descriptor that holds it (close it
 * to let go), or with what happened and what to do in message:
 * INSTANCE_LOCK_HELD_BY_ANOTHER when another kiosk has it (its process id named when known): this
 * one must stop; INSTANCE_LOCK_UNAVAILABLE when the folder cannot be used (a file in its place, a
 * read-only disk): no second kiosk can use it either, so this one carries on, and the records say
 * what is wrong. */
int instance_lock_take(const char *data_dir, char *message, size_t size);

#endif
