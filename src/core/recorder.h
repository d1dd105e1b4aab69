/* The kiosk's side of the records: visits handed in are written to the store by a writer
 * thread, never on the frame loop (a commit's fsync, a locked database or a slow disk cannot
 * stall a routine); when the store cannot take them (a full disk, a read-only folder, a locked
 * or missing database) they wait in memory, are appended to a small fsynced journal beside the
 * database (ease.sqlite.pending) so a restart loses none, and are retried every few seconds until
 * they land. A database that cannot be opened (damaged, a folder or a FIFO in its place) is moved
 * aside with a time-stamped name, never deleted, and a new one started. Nothing already stored is
 * touched by a failure.
 *
 * The database is opened for each write and closed after it: the kiosk never holds it open, so a
 * folder made read-only, a disk remounted, or a file moved away by a technician is seen at the
 * next write, not hidden behind an old handle.
 *
 * Threads: every function here is called from one thread (the kiosk's frame loop). The fields
 * below the line are that thread's copy of the writer's results, refreshed by recorder_submit,
 * recorder_service and recorder_wait; read them freely there. No clock is read: times are
 * handed in. */
#ifndef EASE_RECORDER_H
#define EASE_RECORDER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session.h"
#include "store.h"

enum {
    RECORDER_RETRY_FIRST_MS = 1000, /* the first retry after a failure; doubles each time */
    RECORDER_RETRY_MAX_MS = 4000,   /* a fault cleared: waiting visits land within this */
    RECORDER_MAX_PENDING = 10000,   /* ~6 MB: weeks of visits on a kiosk whose disk is gone */
};

typedef struct recorder_shared recorder_shared; /* the writer's side, behind a lock */

typedef struct {
    char *data_dir;
    recorder_shared *shared;
    pthread_t writer;
    bool writer_running;
    int64_t retry_at_ms; /* when to try again; 0 when nothing waits */
    int64_t retry_wait_ms;
    uint64_t asked, answered; /* flushes asked of the writer, and the last one it finished */
    /* ---- the frame loop's copy of the writer's results ---- */
    bool opened;            /* the store has been opened once, and interrupted visits closed */
    size_t pending_count;   /* visits not yet stored */
    size_t dropped;         /* only past RECORDER_MAX_PENDING; said on the staff screen */
    size_t saved;           /* writes that reached the disk since start-up */
    size_t interrupted;     /* visits a crash had left open, marked abandoned at start-up */
    size_t replayed;        /* visits read back from the journal at start-up */
    store_error problem;    /* the last failure; status STORE_OK when all is stored */
    char moved_aside[4200]; /* where a damaged database was moved, "" when none was */
} recorder;

/* Starts the writer, reads back any journal a previous run left, and opens the store in
 * data_dir once (waiting for that first flush: start-up, not a frame) to close the visits a
 * crash left open and replay the journal. A store that cannot be opened is not an error here:
 * the recorder keeps visits and tries again. utc_ms names a database moved aside. */
void recorder_init(recorder *r, const char *data_dir, int64_t now_ms, int64_t utc_ms);
/* One last flush (waited for), then the writer stops. */
void recorder_free(recorder *r);

/* A visit started, ended or was rated: handed to the writer at once (returns without waiting). */
void recorder_submit(recorder *r, const session *visit, int64_t now_ms, int64_t utc_ms);

/* Asks the writer to retry what waits, when its time has come, and takes up its results.
 * Cheap when nothing waits; never waits on the disk. */
void recorder_service(recorder *r, int64_t now_ms, int64_t utc_ms);

/* Waits until the writer has finished what it was asked, then takes up its results: for
 * shutdown and tests. */
void recorder_wait(recorder *r);

/* Milliseconds until the recorder next wants recorder_service, or -1 for never. */
int64_t recorder_next_deadline(const recorder *r, int64_t now_ms);

/* True when every visit handed in is stored (as of the last results taken up). */
bool recorder_all_stored(const recorder *r);

/* The journal file of a data folder: a new string. */
char *recorder_journal_path(const char *data_dir);

#endif
