/* Routines published centrally. 'ease publish' stores a checked routine file in the server
 * (its content, SHA-256, for one clinic or all, who and when); each kiosk pulls what is
 * published for its clinic into a folder of its own, which the kiosk's folder watch already
 * reloads. A routine unpublished is removed from that folder; when the server cannot be read,
 * the folder is left as it is (the last good set). */
#ifndef EASE_FLEET_ROUTINES_H
#define EASE_FLEET_ROUTINES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/* A published routine's file name: letters, digits, '.', '-', '_', ending .yaml or .yml. */
bool fleet_routine_name_ok(const char *name);

/* Stores (or replaces) a routine under name, for clinic ("" for every clinic). */
bool fleet_routine_publish(PGconn *conn, const char *name, const char *clinic,
                           const unsigned char *content, size_t size, char sha256_hex[65],
                           char *message, size_t message_size);

/* Unpublishes it; false with a message when nothing was published under that name. */
bool fleet_routine_withdraw(PGconn *conn, const char *name, const char *clinic, char *message,
                            size_t size);

/* Brings folder (created, 0700, when missing) to what the server publishes for this kiosk:
 * new and changed files written whole (a hidden temporary file renamed into place), files no
 * longer published removed. *changed counts both. On any failure to read from the server the
 * folder is untouched. */
bool fleet_routine_pull(PGconn *conn, const char *folder, size_t *changed, char *message,
                        size_t size);

#endif
