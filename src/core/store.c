#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "source_file.h"
#include "store_db.h"

struct store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *save; /* prepared once: a visit is saved several times */
};

/* A locked database is waited for this long (a backup or a report holding it briefly); longer
 * would stall the kiosk's frames, and the recorder tries again later anyway. */
enum { STORE_BUSY_WAIT_MS = 100 };

static const char store_schema_v1[] =
    "CREATE TABLE visit ("
    " visit_id TEXT PRIMARY KEY NOT NULL,"
    " kiosk TEXT NOT NULL,"
    " routine_id TEXT NOT NULL,"
    " routine_title TEXT NOT NULL,"
    " routine_hash TEXT NOT NULL,"
    " level INTEGER NOT NULL CHECK (level >= 1),"
    " language TEXT NOT NULL,"
    " start_utc TEXT NOT NULL," /* ISO 8601 with ms: sorts as time does */
    " end_utc TEXT,"            /* NULL while open, or when a crash ended it */
    " planned_seconds REAL NOT NULL,"
    " played_seconds REAL NOT NULL,"
    " steps_completed INTEGER NOT NULL,"
    " steps_total INTEGER NOT NULL,"
    " outcome TEXT NOT NULL CHECK (outcome IN ('open', 'completed', 'stopped', 'abandoned')),"
    " stop_reason TEXT CHECK (stop_reason IN ('too-painful', 'too-tiring', 'had-to-go', "
    "'other')),"
    " pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
    " pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
    " app_version TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX visit_by_start ON visit (start_utc);"
    "CREATE INDEX visit_by_routine ON visit (routine_id, routine_hash);";

/* What version 2 added beside its columns, made again by version 3 with the new table: the
 * index of visits waiting for the fleet server, and the trigger that raises the revision only
 * when a saved value really changed (store_save rewrites the row at each step of a visit). */
#define STORE_SHIPPING_SQL                                                                         \
    "CREATE INDEX visit_to_ship ON visit (start_utc) WHERE shipped_revision < revision;"           \
    "CREATE TRIGGER visit_revised AFTER UPDATE OF end_utc, played_seconds, steps_completed, "      \
    "outcome, stop_reason, pain_before, pain_after ON visit "                                      \
    "WHEN OLD.end_utc IS NOT NEW.end_utc OR OLD.played_seconds IS NOT NEW.played_seconds "         \
    "OR OLD.steps_completed IS NOT NEW.steps_completed OR OLD.outcome IS NOT NEW.outcome "         \
    "OR OLD.stop_reason IS NOT NEW.stop_reason OR OLD.pain_before IS NOT NEW.pain_before "         \
    "OR OLD.pain_after IS NOT NEW.pain_after "                                                     \
    "BEGIN UPDATE visit SET revision = OLD.revision + 1 WHERE visit_id = NEW.visit_id; END;"

/* Version 2: store-and-forward to a fleet server. Existing visits start unshipped, so a kiosk
 * joining a group sends its history. The trigger raises the revision only when a saved value
 * really changed (store_save rewrites the row at each step of a visit). */
static const char store_schema_v2[] =
    "ALTER TABLE visit ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE visit ADD COLUMN shipped_revision INTEGER NOT NULL DEFAULT 0;" STORE_SHIPPING_SQL;

/* Version 3: the reason 'dizzy-unwell'. SQLite cannot change a CHECK constraint in place, so the
 * table is made again with it (SQLite's documented twelve steps, in the migration's
 * transaction) and every visit, revision and mark copied across; the indexes and the trigger
 * go with the old table and are made again. */
static const char store_schema_v3[] =
    "CREATE TABLE visit_v3 ("
    " visit_id TEXT PRIMARY KEY NOT NULL,"
    " kiosk TEXT NOT NULL,"
    " routine_id TEXT NOT NULL,"
    " routine_title TEXT NOT NULL,"
    " routine_hash TEXT NOT NULL,"
    " level INTEGER NOT NULL CHECK (level >= 1),"
    " language TEXT NOT NULL,"
    " start_utc TEXT NOT NULL,"
    " end_utc TEXT,"
    " planned_seconds REAL NOT NULL,"
    " played_seconds REAL NOT NULL,"
    " steps_completed INTEGER NOT NULL,"
    " steps_total INTEGER NOT NULL,"
    " outcome TEXT NOT NULL CHECK (outcome IN ('open', 'completed', 'stopped', 'abandoned')),"
    " stop_reason TEXT CHECK (stop_reason IN (" SESSION_STOP_REASONS_SQL ")),"
    " pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
    " pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
    " app_version TEXT NOT NULL,"
    " revision INTEGER NOT NULL DEFAULT 1,"
    " shipped_revision INTEGER NOT NULL DEFAULT 0"
    ") STRICT;"
    "INSERT INTO visit_v3 SELECT visit_id, kiosk, routine_id, routine_title, routine_hash, level,"
    " language, start_utc, end_utc, planned_seconds, played_seconds, steps_completed,"
    " steps_total, outcome, stop_reason, pain_before, pain_after, app_version, revision,"
    " shipped_revision FROM visit;"
    "DROP TABLE visit;"
    "ALTER TABLE visit_v3 RENAME TO visit;"
    "CREATE INDEX visit_by_start ON visit (start_utc);"
    "CREATE INDEX visit_by_routine ON visit (routine_id, routine_hash);" STORE_SHIPPING_SQL;

static const char store_columns[] =
    "visit_id, kiosk, routine_id, routine_title, routine_hash, level, language, start_utc, "
    "end_utc, planned_seconds, played_seconds, steps_completed, steps_total, outcome, "
    "stop_reason, pain_before, pain_after, app_version";

static void store_say(store_error *err, store_status status, const char *format, ...)
{
    if (!err)
        return;
    err->status = status;
    va_list args;
    va_start(args, format);
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
}

/* SQLite's code and the system's errno, as one of our statuses and words a technician can act
 * on. */
static void store_fail(store_error *err, sqlite3 *db, int code, const char *doing, const char *path)
{
    int system_errno = db ? sqlite3_system_errno(db) : 0;
    const char *detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    int primary = code & 0xff;
    if (primary == SQLITE_FULL || system_errno == ENOSPC || system_errno == EDQUOT)
        store_say(err, STORE_FULL,
                  "cannot %s %s: the disk is full; free some space (visits are kept in memory "
                  "until then)",
                  doing, path);
    else if (primary == SQLITE_READONLY || primary == SQLITE_PERM || system_errno == EROFS ||
             system_errno == EACCES || system_errno == EPERM ||
             (primary == SQLITE_CANTOPEN && system_errno != ENOENT))
        store_say(err, STORE_READ_ONLY,
                  "cannot %s %s: %s; make the folder writable for the user running Ease", doing,
                  path, system_errno ? strerror(system_errno) : "it is read-only");
    else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        store_say(err, STORE_BUSY,
                  "cannot %s %s: another program has it locked; close it (Ease tries again)", doing,
                  path);
    else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        store_say(err, STORE_DAMAGED,
                  "cannot %s %s: it is not an Ease database or it is damaged (%s); move it "
                  "aside and Ease starts a new one",
                  doing, path, detail);
    else
        store_say(err, STORE_FAILED, "cannot %s %s: %s", doing, path, detail);
}

char *store_path_in(const char *data_dir)
{
    return source_file_join(data_dir, "ease.sqlite");
}

static bool store_exec(store *s, const char *sql, const char *doing, store_error *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return true;
    store_fail(err, s->db, sqlite3_extended_errcode(s->db), doing, s->path);
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

/* Runs a query that answers one row, left in *q for the caller to read and finalize. */
static bool store_one_row(store *s, const char *sql, sqlite3_stmt **q, store_error *err)
{
    *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(*q);
    if (rc == SQLITE_ROW)
        return true;
    store_fail(err, s->db, sqlite3_extended_errcode(s->db), "read", s->path);
    sqlite3_finalize(*q);
    *q = NULL;
    return false;
}

static bool store_user_version(store *s, int *version, store_error *err)
{
    sqlite3_stmt *q;
    if (!store_one_row(s, "PRAGMA user_version", &q, err))
        return false;
    *version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return true;
}

/* Brings the schema to STORE_SCHEMA_VERSION, one step per version, each in a transaction. */
static bool store_migrate(store *s, store_error *err)
{
    if (!store_exec(s, "BEGIN IMMEDIATE", "update", err))
        return false;
    int version = 0;
    if (!store_user_version(s, &version, err)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    if (version > STORE_SCHEMA_VERSION) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        store_say(err, STORE_NEWER,
                  "%s was written by a newer Ease (records version %d; this one knows %d): "
                  "update Ease, or give this one another data folder",
                  s->path, version, STORE_SCHEMA_VERSION);
        return false;
    }
    if (version < 1 && !store_exec(s, store_schema_v1, "set up", err))
        return false;
    if (version < 2 && !store_exec(s, store_schema_v2, "set up", err))
        return false;
    if (version < 3 && !store_exec(s, store_schema_v3, "set up", err))
        return false;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
    if (version < STORE_SCHEMA_VERSION && !store_exec(s, sql, "set up", err))
        return false;
    return store_exec(s, "COMMIT", "set up", err);
}

/* Whether a first read works (opening is lazy: a missing -shm shows only here). */
static bool store_readable(sqlite3 *db)
{
    return sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK;
}

static bool store_open_with(const char *data_dir, bool writable, store **out, store_error *err)
{
    store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = store_path_in(data_dir))) {
        free(s);
        store_say(err, STORE_FAILED, "out of memory");
        return false;
    }
    /* Not a regular file where the database should be (a folder, a FIFO that would block the
     * open forever, a device): named for what it is, and DAMAGED so the kiosk moves it aside. */
    struct stat info;
    if (lstat(s->path, &info) == 0 && !S_ISREG(info.st_mode)) {
        store_say(err, STORE_DAMAGED,
                  "%s is %s, not a records database; move it aside (the kiosk does so itself) "
                  "and Ease starts a new one",
                  s->path, source_file_kind(info.st_mode));
        store_close(s);
        return false;
    }
    if (writable) {
        int made = source_file_make_folder(data_dir);
        if (made) {
            store_say(err, made == ENOSPC ? STORE_FULL : STORE_READ_ONLY,
                      "cannot make the data folder %s: %s; create it, writable for the user "
                      "running Ease",
                      data_dir, strerror(made));
            store_close(s);
            return false;
        }
        /* The file first, so SQLite (and its -wal and -shm, which copy its mode) is 0600. */
        int fd = open(s->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW, 0600);
        if (fd >= 0 && (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))) {
            /* Swapped in since the check above. */
            store_say(err, STORE_DAMAGED, "%s is not a regular file; move it aside", s->path);
            close(fd);
            store_close(s);
            return false;
        }
        if (fd < 0 && (errno == EISDIR || errno == ELOOP || errno == ENXIO)) {
            store_say(err, STORE_DAMAGED,
                      "%s is %s, not a records database; move it aside and Ease starts a new one",
                      s->path, errno == EISDIR ? "a folder" : "not a regular file");
            store_close(s);
            return false;
        }
        if (fd < 0 && errno == ENOTDIR) {
            store_say(err, STORE_READ_ONLY,
                      "the data folder %s is not a folder (a file has its name); move that file "
                      "aside, or set 'data' in kiosk.yaml to a folder",
                      data_dir);
            store_close(s);
            return false;
        }
        if (fd < 0) {
            int why = errno;
            store_say(err, why == ENOSPC ? STORE_FULL : STORE_READ_ONLY,
                      "cannot write the records at %s: %s; make the folder writable for the "
                      "user running Ease",
                      s->path, strerror(why));
            store_close(s);
            return false;
        }
        close(fd);
    } else if (access(s->path, R_OK) != 0) {
        store_say(err, STORE_FAILED,
                  "no records at %s: %s (has the kiosk run with this data folder?)", s->path,
                  strerror(errno));
        store_close(s);
        return false;
    }
    int flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(s->path, &s->db, flags | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK && !writable && !store_readable(s->db)) {
        /* A reader of a WAL database needs to make its -shm file; on a read-only file system it
         * cannot. With no -wal file nobody is writing (the kiosk closes the database after each
         * write, and it could not write here either), so the file alone is the whole truth. */
        char *wal = NULL;
        if (!strpbrk(s->path, "?#%") && asprintf(&wal, "%s-wal", s->path) >= 0 &&
            access(wal, F_OK) != 0) {
            char *uri = sqlite3_mprintf("file:%s?immutable=1", s->path);
            sqlite3_close(s->db);
            s->db = NULL;
            rc = uri ? sqlite3_open_v2(uri, &s->db, flags | SQLITE_OPEN_URI, NULL) : SQLITE_NOMEM;
            sqlite3_free(uri);
        }
        free(wal);
    }
    if (rc != SQLITE_OK) {
        store_fail(err, s->db, rc, "open", s->path);
        store_close(s);
        return false;
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_WAIT_MS);
    sqlite3_extended_result_codes(s->db, 1);
    if (writable) {
        /* WAL: a commit appends, so a power cut mid-write leaves the last commit intact;
         * FULL: each commit is on the disk before it returns. */
        if (!store_exec(s, "PRAGMA journal_mode = WAL", "open", err) ||
            !store_exec(s, "PRAGMA synchronous = FULL", "open", err) || !store_migrate(s, err)) {
            store_close(s);
            return false;
        }
    } else {
        int version = 0;
        if (!store_user_version(s, &version, err)) {
            store_close(s);
            return false;
        }
        /* Reports read only version 1's columns: an older database not yet migrated by the
         * kiosk is still read. */
        if (version < 1 || version > STORE_SCHEMA_VERSION) {
            store_say(err, version > STORE_SCHEMA_VERSION ? STORE_NEWER : STORE_DAMAGED,
                      "%s holds records version %d; this Ease reads version %d", s->path, version,
                      STORE_SCHEMA_VERSION);
            store_close(s);
            return false;
        }
    }
    *out = s;
    return true;
}

bool store_move_aside(const char *data_dir, int64_t utc_ms, char *moved_to, size_t size,
                      store_error *err)
{
    char stamp[32], name[64];
    store_format_utc(utc_ms, stamp);
    /* 2026-11-30T08:12:03.123Z -> 20261130T081203Z: sorts as time does, no colons. */
    snprintf(name, sizeof name, "ease-damaged-%.4s%.2s%.2sT%.2s%.2s%.2sZ.sqlite", stamp, stamp + 5,
             stamp + 8, stamp + 11, stamp + 14, stamp + 17);
    static const char *const parts[] = {"", "-wal", "-shm"};
    char *base = store_path_in(data_dir);
    char *aside = source_file_join(data_dir, name);
    bool ok = base && aside;
    for (size_t i = 0; ok && i < sizeof parts / sizeof *parts; i++) {
        char from[4200], to[4200];
        snprintf(from, sizeof from, "%s%s", base, parts[i]);
        snprintf(to, sizeof to, "%s%s", aside, parts[i]);
        struct stat info;
        if (access(to, F_OK) == 0 || (i > 0 && lstat(from, &info) != 0))
            continue; /* never over an earlier one; a missing -wal or -shm is normal */
        if (rename(from, to) != 0) {
            store_say(err, errno == ENOSPC ? STORE_FULL : STORE_READ_ONLY,
                      "cannot move the damaged records %s aside: %s; move it by hand", from,
                      strerror(errno));
            ok = false;
        }
    }
    if (ok && moved_to)
        snprintf(moved_to, size, "%s", aside);
    free(base);
    free(aside);
    return ok;
}

bool store_open(const char *data_dir, store **out, store_error *err)
{
    return store_open_with(data_dir, true, out, err);
}

bool store_open_read_only(const char *data_dir, store **out, store_error *err)
{
    return store_open_with(data_dir, false, out, err);
}

void store_close(store *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->save);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

const char *store_file(const store *s)
{
    return s->path;
}

sqlite3 *store_db(store *s)
{
    return s->db;
}

void store_format_utc(int64_t utc_ms, char out[32])
{
    time_t seconds = (time_t)(utc_ms / 1000);
    int ms = (int)(utc_ms % 1000);
    if (ms < 0) {
        ms += 1000;
        seconds -= 1;
    }
    struct tm tm;
    if (!gmtime_r(&seconds, &tm)) {
        snprintf(out, 32, "1970-01-01T00:00:00.000Z");
        return;
    }
    char text[96]; /* wide enough for any int the compiler imagines; real times take 24 */
    snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
    snprintf(out, 32, "%.31s", text);
}

bool store_parse_utc(const char *text, int64_t *utc_ms)
{
    struct tm tm = {0};
    int ms = 0, used = 0;
    if (!text ||
        sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms, &used) != 7 ||
        text[used] != '\0')
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *utc_ms = (int64_t)timegm(&tm) * 1000 + ms;
    return true;
}

static int store_bind_text(sqlite3_stmt *q, int column, const char *text)
{
    return text ? sqlite3_bind_text(q, column, text, -1, SQLITE_TRANSIENT)
                : sqlite3_bind_null(q, column);
}

static int store_bind_rating(sqlite3_stmt *q, int column, int rating)
{
    return rating >= 0 && rating <= 10 ? sqlite3_bind_int(q, column, rating)
                                       : sqlite3_bind_null(q, column);
}

bool store_save(store *s, const session *v, store_error *err)
{
    if (!s->save) {
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "INSERT INTO visit (%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                 "?12, ?13, ?14, ?15, ?16, ?17, ?18) ON CONFLICT (visit_id) DO UPDATE SET "
                 "end_utc = excluded.end_utc, played_seconds = excluded.played_seconds, "
                 "steps_completed = excluded.steps_completed, outcome = excluded.outcome, "
                 "stop_reason = excluded.stop_reason, pain_before = excluded.pain_before, "
                 "pain_after = excluded.pain_after",
                 store_columns);
        int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->save, NULL);
        if (rc != SQLITE_OK) {
            store_fail(err, s->db, sqlite3_extended_errcode(s->db), "write to", s->path);
            return false;
        }
    }
    char start[32], end[32];
    store_format_utc(v->start_utc_ms, start);
    store_format_utc(v->end_utc_ms, end);
    const char *reason = session_stop_reason_name(v->stop_reason);
    sqlite3_stmt *q = s->save;
    sqlite3_reset(q);
    store_bind_text(q, 1, v->visit_id);
    store_bind_text(q, 2, v->kiosk);
    store_bind_text(q, 3, v->routine_id);
    store_bind_text(q, 4, v->routine_title);
    store_bind_text(q, 5, v->routine_hash);
    sqlite3_bind_int(q, 6, v->level);
    store_bind_text(q, 7, v->language);
    store_bind_text(q, 8, start);
    store_bind_text(q, 9, v->outcome == SESSION_OPEN ? NULL : end);
    sqlite3_bind_double(q, 10, (double)v->planned_ms / 1000.0);
    sqlite3_bind_double(q, 11, (double)v->played_ms / 1000.0);
    sqlite3_bind_int(q, 12, v->steps_completed);
    sqlite3_bind_int(q, 13, v->steps_total);
    store_bind_text(q, 14, session_outcome_name(v->outcome));
    store_bind_text(q, 15, v->outcome == SESSION_STOPPED && *reason ? reason : NULL);
    store_bind_rating(q, 16, v->pain_before);
    store_bind_rating(q, 17, v->pain_after);
    store_bind_text(q, 18, v->app_version);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
        store_fail(err, s->db, sqlite3_extended_errcode(s->db), "write to", s->path);
        /* A failed statement may leave a transaction open; nothing of it may stay. */
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    return true;
}

bool store_close_interrupted(store *s, size_t *marked, store_error *err)
{
    if (!store_exec(s, "UPDATE visit SET outcome = 'abandoned' WHERE outcome = 'open'", "write to",
                    err))
        return false;
    *marked = (size_t)sqlite3_changes(s->db);
    return true;
}

static session_outcome store_outcome_from(const char *name)
{
    for (int i = SESSION_OPEN; i <= SESSION_ABANDONED; i++)
        if (name && !strcmp(name, session_outcome_name((session_outcome)i)))
            return (session_outcome)i;
    return SESSION_ABANDONED;
}

static session_stop_reason store_reason_from(const char *name)
{
    for (int i = STOP_REASON_TOO_PAINFUL; i < STOP_REASON_COUNT; i++)
        if (name && !strcmp(name, session_stop_reason_name((session_stop_reason)i)))
            return (session_stop_reason)i;
    return STOP_REASON_NONE;
}

static void store_copy_column(sqlite3_stmt *q, int column, char *out, size_t size)
{
    const unsigned char *text = sqlite3_column_text(q, column);
    snprintf(out, size, "%s", text ? (const char *)text : "");
}

static void store_row(sqlite3_stmt *q, session *v)
{
    memset(v, 0, sizeof *v);
    store_copy_column(q, 0, v->visit_id, sizeof v->visit_id);
    store_copy_column(q, 1, v->kiosk, sizeof v->kiosk);
    store_copy_column(q, 2, v->routine_id, sizeof v->routine_id);
    store_copy_column(q, 3, v->routine_title, sizeof v->routine_title);
    store_copy_column(q, 4, v->routine_hash, sizeof v->routine_hash);
    v->level = sqlite3_column_int(q, 5);
    store_copy_column(q, 6, v->language, sizeof v->language);
    store_parse_utc((const char *)sqlite3_column_text(q, 7), &v->start_utc_ms);
    if (!store_parse_utc((const char *)sqlite3_column_text(q, 8), &v->end_utc_ms))
        v->end_utc_ms = 0;
    v->planned_ms = (int64_t)(sqlite3_column_double(q, 9) * 1000.0 + 0.5);
    v->played_ms = (int64_t)(sqlite3_column_double(q, 10) * 1000.0 + 0.5);
    v->steps_completed = sqlite3_column_int(q, 11);
    v->steps_total = sqlite3_column_int(q, 12);
    v->outcome = store_outcome_from((const char *)sqlite3_column_text(q, 13));
    v->stop_reason = store_reason_from((const char *)sqlite3_column_text(q, 14));
    v->pain_before =
        sqlite3_column_type(q, 15) == SQLITE_NULL ? SESSION_NO_RATING : sqlite3_column_int(q, 15);
    v->pain_after =
        sqlite3_column_type(q, 16) == SQLITE_NULL ? SESSION_NO_RATING : sqlite3_column_int(q, 16);
    store_copy_column(q, 17, v->app_version, sizeof v->app_version);
}

bool store_load(store *s, const char *visit_id, session *out, store_error *err)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM visit WHERE visit_id = ?1", store_columns);
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, visit_id, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(q);
    }
    bool found = rc == SQLITE_ROW;
    if (found)
        store_row(q, out);
    else if (rc == SQLITE_DONE)
        store_say(err, STORE_OK, "no visit %s", visit_id);
    else
        store_fail(err, s->db, sqlite3_extended_errcode(s->db), "read", s->path);
    sqlite3_finalize(q);
    return found;
}

/* Bounds as text that compares with start_utc: "" before every time, "~" after. */
static void store_bound(int64_t utc_ms, bool lower, char out[32])
{
    if (lower && utc_ms <= 0)
        snprintf(out, 32, "%s", "");
    else if (!lower && utc_ms == INT64_MAX)
        snprintf(out, 32, "%s", "~");
    else
        store_format_utc(utc_ms, out);
}

bool store_each(store *s, int64_t since_utc_ms, int64_t until_utc_ms,
                bool (*each)(const session *visit, void *context), void *context, store_error *err)
{
    char sql[512], since[32], until[32];
    snprintf(sql, sizeof sql,
             "SELECT %s FROM visit WHERE start_utc >= ?1 AND start_utc < ?2 "
             "ORDER BY start_utc, visit_id",
             store_columns);
    store_bound(since_utc_ms, true, since);
    store_bound(until_utc_ms, false, until);
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, since, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, until, -1, SQLITE_TRANSIENT);
        session v;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            store_row(q, &v);
            if (!each(&v, context)) {
                rc = SQLITE_DONE;
                break;
            }
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        store_fail(err, s->db, sqlite3_extended_errcode(s->db), "read", s->path);
        return false;
    }
    return true;
}

bool store_count(store *s, int64_t *visits, int64_t *newest_start_utc_ms, store_error *err)
{
    sqlite3_stmt *q;
    if (!store_one_row(s, "SELECT count(*), max(start_utc) FROM visit", &q, err))
        return false;
    *visits = sqlite3_column_int64(q, 0);
    if (!store_parse_utc((const char *)sqlite3_column_text(q, 1), newest_start_utc_ms))
        *newest_start_utc_ms = 0;
    sqlite3_finalize(q);
    return true;
}

/* Store-and-forward to the clinic group's server (see store.h and fleet_ship.c). */

bool store_unshipped(store *s, store_revised_visit *out, size_t max, size_t *count,
                     store_error *err)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT %s, revision FROM visit WHERE shipped_revision < revision "
             "ORDER BY start_utc, visit_id LIMIT ?1",
             store_columns);
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    size_t n = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, (sqlite3_int64)max);
        while (n < max && (rc = sqlite3_step(q)) == SQLITE_ROW) {
            store_row(q, &out[n].visit);
            out[n].revision = sqlite3_column_int64(q, 18);
            n++;
        }
        if (rc == SQLITE_ROW)
            rc = SQLITE_DONE;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        store_fail(err, s->db, sqlite3_extended_errcode(s->db), "read", s->path);
        return false;
    }
    *count = n;
    return true;
}

bool store_mark_shipped(store *s, const store_revised_visit *visits, size_t count, store_error *err)
{
    if (!store_exec(s, "BEGIN IMMEDIATE", "write to", err))
        return false;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE visit SET shipped_revision = max(shipped_revision, ?2) "
                                "WHERE visit_id = ?1",
                                -1, &q, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < count; i++) {
        sqlite3_bind_text(q, 1, visits[i].visit.visit_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, visits[i].revision);
        rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(q);
    }
    if (rc != SQLITE_OK) {
        store_fail(err, s->db, sqlite3_extended_errcode(s->db), "write to", s->path);
        sqlite3_finalize(q);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    sqlite3_finalize(q);
    return store_exec(s, "COMMIT", "write to", err);
}

bool store_count_unshipped(store *s, int64_t *waiting, store_error *err)
{
    int version = 0;
    if (!store_user_version(s, &version, err))
        return false;
    /* Version 1 (not yet migrated by the kiosk): every visit will be sent. */
    sqlite3_stmt *q;
    if (!store_one_row(s,
                       version < 2 ? "SELECT count(*) FROM visit"
                                   : "SELECT count(*) FROM visit WHERE shipped_revision < revision",
                       &q, err))
        return false;
    *waiting = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return true;
}
