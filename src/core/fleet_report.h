/* Reports across the clinic group, from the central database: the same summary per routine
 * version as 'ease report' (report.h), and the same CSV, over every kiosk, narrowed to one
 * clinic or one kiosk; and the kiosks' health from their heartbeats. */
#ifndef EASE_FLEET_REPORT_H
#define EASE_FLEET_REPORT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

enum { FLEET_SILENT_AFTER_MS = 10 * 60 * 1000 }; /* a kiosk silent this long is flagged */

typedef struct {
    int64_t since_utc_ms, until_utc_ms; /* 0 and INT64_MAX for no bound */
    const char *clinic, *kiosk;         /* NULL or "" for all */
} fleet_filter;

bool fleet_report_build(PGconn *conn, const fleet_filter *filter, report *out, char *message,
                        size_t size);

/* Every visit as report_export_csv writes them (the kiosk's name, unique in the group, tells
 * where it was). */
bool fleet_report_export_csv(PGconn *conn, const fleet_filter *filter, FILE *out, char *message,
                             size_t size);

/* One line per kiosk: clinic, last heartbeat (and how long ago, by the server's clock), what it
 * said; a kiosk silent for more than 10 minutes, or never heard, is flagged SILENT. *silent
 * counts them. */
bool fleet_report_kiosks(PGconn *conn, const char *clinic, FILE *out, size_t *silent, char *message,
                         size_t size);

#endif
