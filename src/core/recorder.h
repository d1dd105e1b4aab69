/* The kiosk's side of the records: visits handed in are written to the store at once; when the
 * store cannot take them (a full disk, a read-only folder, a locked or missing database) they
 * are kept in memory and retried, backing off, until it can. Nothing the kiosk does waits on
 * the disk for long, and nothing already stored is touched by a failure.
 *
 * The database is opened for each write and closed after it (a few milliseconds, a few times
 * a visit): the kiosk never holds it open, so a folder made read-only, a disk remounted, or a
 * file moved away by a technician is seen at the next write, not hidden behind an old handle. */
#ifndef EASE_RECORDER_H
#define EASE_RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session.h"
#include "store.h"

enum {
    RECORDER_RETRY_FIRST_MS = 2000, /* the first retry after a failure; doubles each time */
    RECORDER_RETRY_MAX_MS = 60000,
    RECORDER_MAX_PENDING = 10000, /* ~6 MB: weeks of visits on a kiosk whose disk is gone */
};

typedef struct {
    char *data_dir;
    bool opened;      /* the store has been opened once, and interrupted visits closed */
    session *pending; /* visits not yet stored, oldest first; one per visit id */
    size_t pending_count, pending_capacity;
    size_t dropped;      /* only past RECORDER_MAX_PENDING; said on the staff screen */
    size_t saved;        /* writes that reached the disk since start-up */
    size_t interrupted;  /* visits a crash had left open, marked abandoned at start-up */
    int64_t retry_at_ms; /* when to try again; 0 when nothing waits */
    int64_t retry_wait_ms;
    store_error problem; /* the last failure; status STORE_OK when all is stored */
} recorder;

/* Opens the store in data_dir once, to close the visits a crash left open. A store that cannot
 * be opened is not an error here: the recorder keeps visits and tries again. */
void recorder_init(recorder *r, const char *data_dir, int64_t now_ms);
void recorder_free(recorder *r);

/* A visit started, ended or was rated: store it now, or keep it to retry. */
void recorder_submit(recorder *r, const session *visit, int64_t now_ms);

/* Retries what waits, when its time has come. Cheap when nothing waits. */
void recorder_service(recorder *r, int64_t now_ms);

/* Milliseconds until the recorder next wants recorder_service, or -1 for never. */
int64_t recorder_next_deadline(const recorder *r, int64_t now_ms);

/* True when every visit handed in is stored. */
bool recorder_all_stored(const recorder *r);

#endif
