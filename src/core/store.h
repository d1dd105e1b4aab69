/* The records: one row per visit in an embedded SQLite database (WAL, synchronous=FULL), so a
 * finished visit survives a power cut, a crash or a full disk. Opening creates the database
 * (mode 0600) and migrates its schema; saving a visit is an idempotent upsert by visit id, so
 * the start row, the end and the after-rating are the same row written three times. */
#ifndef EASE_STORE_H
#define EASE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session.h"

/* 1: the visit table; 2: each visit's revision and the revision the fleet server has
 * acknowledged (store_ship.c), for store-and-forward to a clinic group's server. */
enum { STORE_SCHEMA_VERSION = 3 };

typedef enum {
    STORE_OK,
    STORE_FULL,      /* the disk is full: nothing was written, earlier rows are intact */
    STORE_READ_ONLY, /* the folder or the file system cannot be written */
    STORE_BUSY,      /* another program holds the database locked */
    STORE_NEWER,     /* made by a newer Ease: left alone */
    STORE_DAMAGED,   /* not a database, or corrupt */
    STORE_FAILED,    /* anything else (the message says what) */
} store_status;

typedef struct {
    store_status status;
    char message[320]; /* what happened and what to do, for a technician */
} store_error;

typedef struct store store;

/* The database file inside a data folder: a new string. */
char *store_path_in(const char *data_dir);

/* Opens (creating the folder and the database when missing) and migrates. On failure *out is
 * untouched and err says why. */
bool store_open(const char *data_dir, store **out, store_error *err);
/* Opens an existing database for reading only (reports, exports): never creates or migrates. */
bool store_open_read_only(const char *data_dir, store **out, store_error *err);
void store_close(store *s);

/* Moves a database that cannot be used (STORE_DAMAGED: not a database, corrupt, a folder or a
 * FIFO in its place) aside as ease-damaged-YYYYMMDDTHHMMSSZ.sqlite (its -wal and -shm beside it),
 * named with utc_ms and never deleted, so the next open starts a new one. The new path goes
 * into moved_to. */
bool store_move_aside(const char *data_dir, int64_t utc_ms, char *moved_to, size_t size,
                      store_error *err);
const char *store_file(const store *s);

/* Writes the visit (insert or update by visit id) and commits durably. */
bool store_save(store *s, const session *visit, store_error *err);

/* Visits still 'open' were interrupted (a crash, a power cut) while playing: marks them
 * abandoned. Only the kiosk calls this, at start-up; the count marked goes to *marked. */
bool store_close_interrupted(store *s, size_t *marked, store_error *err);

/* Reads one visit back by id; false with STORE_OK status when there is none. */
bool store_load(store *s, const char *visit_id, session *out, store_error *err);

/* Calls each(visit, context) for every visit that started in [since_utc_ms, until_utc_ms), in
 * order of start; each returning false stops early. */
bool store_each(store *s, int64_t since_utc_ms, int64_t until_utc_ms,
                bool (*each)(const session *visit, void *context), void *context, store_error *err);

/* The number of visits stored, and the start of the newest (0 when none). */
bool store_count(store *s, int64_t *visits, int64_t *newest_start_utc_ms, store_error *err);

/* Store-and-forward to the clinic group's server (store_ship.c). Each save that changes a visit
 * raises its revision; the revision the server acknowledged is kept beside it, so a visit
 * waits while revision > shipped_revision. */
typedef struct {
    session visit;
    int64_t revision;
} store_revised_visit;

/* Up to max visits waiting to be shipped, oldest first, into out (*count set). */
bool store_unshipped(store *s, store_revised_visit *out, size_t max, size_t *count,
                     store_error *err);
/* Marks the visits as acknowledged at the revisions given (one transaction); a visit saved
 * again since keeps waiting, at its newer revision. */
bool store_mark_shipped(store *s, const store_revised_visit *visits, size_t count,
                        store_error *err);
/* How many visits wait to be shipped (with a version-1 database, all of them). */
bool store_count_unshipped(store *s, int64_t *waiting, store_error *err);

/* ISO 8601 UTC with milliseconds ("2026-11-22T10:15:03.123Z") and back. */
void store_format_utc(int64_t utc_ms, char out[32]);
bool store_parse_utc(const char *text, int64_t *utc_ms);

#endif
