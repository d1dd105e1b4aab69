/* The connection to the clinic group's PostgreSQL server (libpq), from a fleet configuration,
 * with libpq's failures turned into what happened and what to do. Every SQL statement the
 * fleet sends lives in the fleet_*.c files of the core. */
#ifndef EASE_FLEET_DB_H
#define EASE_FLEET_DB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "fleet_config.h"

enum { FLEET_MESSAGE_MAX = 512 };

/* Connects as the configured kiosk (role = the kiosk's name unless role_override is given: the
 * administration commands connect as another user). On failure *out is untouched and message
 * says why and what to do. connect_timeout_s bounds the attempt. */
bool fleet_db_connect(const fleet_config *fleet, const char *role_override, int connect_timeout_s,
                      PGconn **out, char *message, size_t size);

/* Connects with a libpq connection string or URI as given by an administrator
 * ("host=... dbname=..." or "postgresql://..."), for 'ease fleet init', 'publish', reports. */
bool fleet_db_connect_string(const char *conninfo, int connect_timeout_s, PGconn **out,
                             char *message, size_t size);

/* Runs sql with text parameters; true when it succeeded (rows or not). The result goes to *out
 * when out is given (the caller clears it), else it is cleared here. On failure message holds
 * the server's words, prefixed by doing. */
bool fleet_db_exec(PGconn *conn, const char *sql, int count, const char *const *params,
                   PGresult **out, const char *doing, char *message, size_t size);

/* Whether the connection broke (the server went away): the caller drops it and reconnects. */
bool fleet_db_broken(PGconn *conn);

#endif
