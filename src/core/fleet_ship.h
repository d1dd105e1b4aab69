/* Store-and-forward: the visits the kiosk's SQLite store holds and the server has not
 * acknowledged are sent in batches, each batch one idempotent statement (an upsert by visit id
 * that changes a row only when the kiosk's revision is newer), and marked shipped in the store
 * only after the server has committed it. A batch lost on the way (the server gone, the kiosk
 * killed) is sent again and changes nothing twice. The kiosk's clock is sent beside each batch
 * and the difference from the server's is recorded, never used to order anything. Time is
 * handed in. */
#ifndef EASE_FLEET_SHIP_H
#define EASE_FLEET_SHIP_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fleet_config.h"
#include "store.h"

enum { FLEET_SHIP_BATCH = 200 };

/* What a heartbeat says besides what the store knows (last visit, visits waiting). */
typedef struct {
    char version[16];
    int routines_loaded, routines_rejected;
    char sound[32];       /* "playing", "silent: no device", ... */
    char last_error[512]; /* "" when all is well */
} fleet_health;

/* Sends these visits as one upsert (committed when this returns true). */
bool fleet_ship_visits(PGconn *conn, const fleet_config *fleet, const store_revised_visit *visits,
                       size_t count, int64_t kiosk_now_utc_ms, char *message, size_t size);

/* One batch of up to max waiting visits: sent, then marked shipped. *shipped is how many were
 * acknowledged (0 when nothing waits). A batch the server refuses for one bad visit is sent one
 * visit at a time, so the rest still arrive; the bad one waits, and message says why. */
bool fleet_ship_pending(PGconn *conn, store *s, const fleet_config *fleet, size_t max,
                        int64_t kiosk_now_utc_ms, size_t *shipped, char *message, size_t size);

/* Writes this kiosk's heartbeat (one row per kiosk, replaced each time). */
bool fleet_heartbeat(PGconn *conn, store *s, const fleet_config *fleet, const fleet_health *health,
                     int64_t kiosk_now_utc_ms, char *message, size_t size);

#endif
