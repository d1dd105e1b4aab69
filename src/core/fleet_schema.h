/* The clinic group's central schema in PostgreSQL (schema 'ease'), created and migrated by
 * 'ease fleet init', one numbered step at a time, each in the same transaction as the record of
 * its version, under an advisory lock so two administrators cannot migrate at once.
 *
 * Roles: ease_kiosk (each kiosk's login role is a member; row-level security lets it insert,
 * update and read only its own visits and heartbeat, and read the routines published for its
 * clinic), ease_report (reads everything), ease_admin (publishes routines, adds kiosks). */
#ifndef EASE_FLEET_SCHEMA_H
#define EASE_FLEET_SCHEMA_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/* The number of the newest step this Ease knows. */
int fleet_schema_latest(void);

/* Applies the steps the database lacks; *from and *to say which ran (equal when none). A
 * database migrated by a newer Ease is left alone, with a message. */
bool fleet_schema_migrate(PGconn *conn, int *from, int *to, char *message, size_t size);

/* Makes (or moves) a kiosk: its login role, a member of ease_kiosk, and its clinic. Needs a
 * user who may create roles. */
bool fleet_schema_add_kiosk(PGconn *conn, const char *kiosk, const char *clinic, char *message,
                            size_t size);

#endif
