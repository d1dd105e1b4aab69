/* The kiosk's fleet worker: one thread (never the frame loop) that, every poll interval, ships
 * the visits waiting in the kiosk's store, pulls the published routines into their folder and,
 * every heartbeat interval, says how the kiosk is. A failure (the server away, the network
 * down) is retried with a back-off from 2 s to 5 minutes; nothing is lost meanwhile, since the
 * visits wait in the store. The thread owns its libpq connection and its own store handle.
 *
 * It writes what it last saw to fleet-state.json in the data folder, for 'ease status'. Started
 * only when kiosk.yaml has a 'fleet:' section. Time comes from the clock handed in (wall time,
 * for records and skew); the thread only waits on its own. */
#ifndef EASE_FLEET_WORKER_H
#define EASE_FLEET_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fleet_config.h"
#include "fleet_ship.h"

enum { FLEET_RETRY_FIRST_MS = 2000, FLEET_RETRY_MAX_MS = 300000, FLEET_CONNECT_TIMEOUT_S = 5 };

typedef struct {
    bool connected;
    int64_t last_sync_utc_ms; /* the last pass that shipped all it could; 0 never */
    int64_t waiting;          /* visits not yet acknowledged */
    int64_t shipped;          /* acknowledged since start-up */
    size_t routines_changed;  /* published routine files written or removed since start-up */
    char last_error[512];     /* "" when the last pass went well */
} fleet_status;

typedef struct fleet_worker fleet_worker;

/* The wait after the given number of failures in a row (pure: tested on its own). */
int64_t fleet_retry_wait_ms(int failures);

/* Starts the thread. routines_folder is where published routines go. NULL with message on
 * failure (out of memory, no thread). */
fleet_worker *fleet_worker_start(const fleet_config *fleet, const char *data_dir,
                                 const char *routines_folder, int64_t (*utc_ms)(void),
                                 char *message, size_t size);

/* What the next heartbeat says of the kiosk (copied); no heartbeat is sent before the first. */
void fleet_worker_set_health(fleet_worker *w, const fleet_health *health);
/* Ship now rather than at the next poll (a visit was just stored). */
void fleet_worker_wake(fleet_worker *w);
void fleet_worker_status(fleet_worker *w, fleet_status *out);
/* Stops and joins the thread (at most one connection attempt's time), frees everything. */
void fleet_worker_stop(fleet_worker *w);

/* One pass, as the thread makes it, for tests and tools: connect if needed (*conn kept
 * between passes), ship everything waiting (in batches), pull routines into routines_folder
 * (when given) and write the heartbeat (when health is given). */
bool fleet_worker_pass(const fleet_config *fleet, const char *data_dir, const char *routines_folder,
                       const fleet_health *health, int64_t kiosk_now_utc_ms, void **conn,
                       fleet_status *status);
void fleet_worker_disconnect(void **conn);

/* fleet-state.json in data_dir: written by the worker, read by 'ease status'. */
bool fleet_state_write(const char *data_dir, const fleet_status *status);
bool fleet_state_read(const char *data_dir, fleet_status *status);

#endif
