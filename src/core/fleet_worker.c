#include "fleet_worker.h"

#include <errno.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fleet_db.h"
#include "fleet_routines.h"
#include "source_file.h"
#include "store.h"

struct fleet_worker {
    fleet_config fleet;
    char *data_dir, *routines_folder;
    int64_t (*utc_ms)(void);
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool stopping, woken;
    bool health_known;   /* no heartbeat before the kiosk has said how it is */
    fleet_health health; /* under lock */
    fleet_status status; /* under lock */
};

int64_t fleet_retry_wait_ms(int failures)
{
    int64_t wait = FLEET_RETRY_FIRST_MS;
    for (int i = 1; i < failures && wait < FLEET_RETRY_MAX_MS; i++)
        wait *= 2;
    return wait < FLEET_RETRY_MAX_MS ? wait : FLEET_RETRY_MAX_MS;
}

void fleet_worker_disconnect(void **conn)
{
    if (*conn)
        PQfinish(*conn);
    *conn = NULL;
}

bool fleet_worker_pass(const fleet_config *fleet, const char *data_dir, const char *routines_folder,
                       const fleet_health *health, int64_t kiosk_now_utc_ms, void **conn,
                       fleet_status *status)
{
    char message[FLEET_MESSAGE_MAX] = "";
    if (*conn && fleet_db_broken(*conn))
        fleet_worker_disconnect(conn);
    if (!*conn) {
        PGconn *made = NULL;
        if (!fleet_db_connect(fleet, NULL, FLEET_CONNECT_TIMEOUT_S, &made, message,
                              sizeof message)) {
            status->connected = false;
            snprintf(status->last_error, sizeof status->last_error, "%s", message);
            /* Still say how many wait: what 'ease status' shows while the server is away. */
            store *s = NULL;
            store_error err = {0};
            if (store_open(data_dir, &s, &err))
                store_count_unshipped(s, &status->waiting, &err);
            store_close(s);
            return false;
        }
        *conn = made;
    }
    status->connected = true;
    store *s = NULL;
    store_error err = {0};
    bool ok = store_open(data_dir, &s, &err);
    if (!ok)
        snprintf(message, sizeof message, "cannot open the records: %s", err.message);
    /* Everything waiting, a batch at a time: a week offline is tens of batches. */
    while (ok) {
        size_t shipped = 0;
        ok = fleet_ship_pending(*conn, s, fleet, FLEET_SHIP_BATCH, kiosk_now_utc_ms, &shipped,
                                message, sizeof message);
        status->shipped += (int64_t)shipped;
        if (shipped < FLEET_SHIP_BATCH)
            break;
    }
    if (s && !store_count_unshipped(s, &status->waiting, &err) && ok) {
        snprintf(message, sizeof message, "cannot count the visits waiting: %s", err.message);
        ok = false;
    }
    bool sent = ok;
    if (routines_folder && !fleet_db_broken(*conn)) {
        size_t changed = 0;
        char pulled[FLEET_MESSAGE_MAX];
        if (!fleet_routine_pull(*conn, routines_folder, &changed, pulled, sizeof pulled)) {
            if (ok)
                snprintf(message, sizeof message, "%s", pulled);
            ok = false;
        }
        status->routines_changed += changed;
    }
    if (health && !fleet_db_broken(*conn)) {
        fleet_health said = *health;
        if (!ok && !said.last_error[0])
            snprintf(said.last_error, sizeof said.last_error, "%s", message);
        char beat[FLEET_MESSAGE_MAX];
        if (!fleet_heartbeat(*conn, s, fleet, &said, kiosk_now_utc_ms, beat, sizeof beat)) {
            if (ok)
                snprintf(message, sizeof message, "%s", beat);
            ok = false;
        }
    }
    store_close(s);
    if (sent)
        status->last_sync_utc_ms = kiosk_now_utc_ms;
    status->connected = !fleet_db_broken(*conn);
    snprintf(status->last_error, sizeof status->last_error, "%s", ok ? "" : message);
    if (!status->connected)
        fleet_worker_disconnect(conn);
    return ok;
}

static char *fleet_state_path(const char *data_dir)
{
    return source_file_join(data_dir, "fleet-state.json");
}

bool fleet_state_write(const char *data_dir, const fleet_status *status)
{
    char *path = fleet_state_path(data_dir), *temporary = NULL;
    if (!path || asprintf(&temporary, "%s/.fleet-state.json.part", data_dir) < 0) {
        free(path);
        return false;
    }
    char last[32] = "";
    if (status->last_sync_utc_ms > 0)
        store_format_utc(status->last_sync_utc_ms, last);
    json_t *state =
        json_pack("{s:b, s:s, s:I, s:I, s:s}", "connected", status->connected, "last_sync_utc",
                  last, "waiting", (json_int_t)status->waiting, "shipped",
                  (json_int_t)status->shipped, "last_error", status->last_error);
    bool ok = state && json_dump_file(state, temporary, JSON_INDENT(1)) == 0 &&
              rename(temporary, path) == 0;
    if (!ok)
        unlink(temporary);
    json_decref(state);
    free(path);
    free(temporary);
    return ok;
}

bool fleet_state_read(const char *data_dir, fleet_status *status)
{
    char *path = fleet_state_path(data_dir);
    json_t *state = path ? json_load_file(path, 0, NULL) : NULL;
    free(path);
    memset(status, 0, sizeof *status);
    const char *last = "", *error = "";
    json_int_t waiting = 0, shipped = 0;
    int connected = 0;
    bool ok = state && json_unpack(state, "{s:b, s:s, s:I, s:I, s:s}", "connected", &connected,
                                   "last_sync_utc", &last, "waiting", &waiting, "shipped", &shipped,
                                   "last_error", &error) == 0;
    if (ok) {
        status->connected = connected;
        if (!store_parse_utc(last, &status->last_sync_utc_ms))
            status->last_sync_utc_ms = 0;
        status->waiting = waiting;
        status->shipped = shipped;
        snprintf(status->last_error, sizeof status->last_error, "%s", error);
    }
    json_decref(state);
    return ok;
}

/* Waits until deadline (monotonic ms) or a wake or stop; under the lock. */
static void fleet_worker_wait(fleet_worker *w, int64_t wait_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t)(wait_ms / 1000);
    until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (!w->stopping && !w->woken)
        if (pthread_cond_timedwait(&w->changed, &w->lock, &until) == ETIMEDOUT)
            break;
    w->woken = false;
}

static void *fleet_worker_run(void *context)
{
    fleet_worker *w = context;
    void *conn = NULL;
    int failures = 0;
    int64_t next_heartbeat_ms = 0;
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        fleet_health health = w->health;
        fleet_status status = w->status;
        bool health_known = w->health_known;
        pthread_mutex_unlock(&w->lock);
        int64_t now = w->utc_ms();
        bool beat = health_known && now >= next_heartbeat_ms;
        bool ok = fleet_worker_pass(&w->fleet, w->data_dir, w->routines_folder,
                                    beat ? &health : NULL, now, &conn, &status);
        if (beat && status.connected)
            next_heartbeat_ms = now + w->fleet.heartbeat_ms;
        failures = ok ? 0 : failures + 1;
        fleet_state_write(w->data_dir, &status);
        pthread_mutex_lock(&w->lock);
        w->status = status;
        int64_t wait = ok ? w->fleet.poll_ms : fleet_retry_wait_ms(failures);
        if (!ok && wait > w->fleet.poll_ms && status.connected)
            wait = w->fleet.poll_ms; /* connected but something refused: the usual pace */
        if (wait > next_heartbeat_ms - now && next_heartbeat_ms > now)
            wait = next_heartbeat_ms - now;
        fleet_worker_wait(w, wait);
    }
    pthread_mutex_unlock(&w->lock);
    fleet_worker_disconnect(&conn);
    return NULL;
}

fleet_worker *fleet_worker_start(const fleet_config *fleet, const char *data_dir,
                                 const char *routines_folder, int64_t (*utc_ms)(void),
                                 char *message, size_t size)
{
    fleet_worker *w = calloc(1, sizeof *w);
    if (!w || !(w->data_dir = strdup(data_dir)) ||
        (routines_folder && !(w->routines_folder = strdup(routines_folder)))) {
        if (w)
            free(w->data_dir);
        free(w);
        snprintf(message, size, "cannot start the fleet worker: out of memory");
        return NULL;
    }
    w->fleet = *fleet;
    w->utc_ms = utc_ms;
    pthread_mutex_init(&w->lock, NULL);
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_init(&w->changed, &attributes);
    pthread_condattr_destroy(&attributes);
    int failed = pthread_create(&w->thread, NULL, fleet_worker_run, w);
    if (!failed) /* named, so 'ps -L' and the tests can tell it from SDL's threads */
        pthread_setname_np(w->thread, "ease-fleet");
    if (failed) {
        snprintf(message, size, "cannot start the fleet worker: %s", strerror(failed));
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
        free(w->data_dir);
        free(w->routines_folder);
        free(w);
        return NULL;
    }
    return w;
}

void fleet_worker_set_health(fleet_worker *w, const fleet_health *health)
{
    pthread_mutex_lock(&w->lock);
    w->health = *health;
    if (!w->health_known) { /* the first heartbeat need not wait for the next poll */
        w->health_known = true;
        w->woken = true;
        pthread_cond_signal(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
}

void fleet_worker_wake(fleet_worker *w)
{
    pthread_mutex_lock(&w->lock);
    w->woken = true;
    pthread_cond_signal(&w->changed);
    pthread_mutex_unlock(&w->lock);
}

void fleet_worker_status(fleet_worker *w, fleet_status *out)
{
    pthread_mutex_lock(&w->lock);
    *out = w->status;
    pthread_mutex_unlock(&w->lock);
}

void fleet_worker_stop(fleet_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->changed);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->lock);
    free(w->data_dir);
    free(w->routines_folder);
    free(w);
}
