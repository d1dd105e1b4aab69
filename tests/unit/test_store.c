#include "test_support.h"

#include <dirent.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recorder.h"
#include "store.h"
#include "store_db.h"

static char *temp_folder(void)
{
    char *dir = strdup("/tmp/ease-store-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_folder(const char *dir)
{
    char command[512];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

static session visit(const char *id, session_outcome outcome, int before, int after)
{
    session v = {0};
    snprintf(v.visit_id, sizeof v.visit_id, "%s", id);
    snprintf(v.kiosk, sizeof v.kiosk, "room-1");
    snprintf(v.routine_id, sizeof v.routine_id, "box-breathing");
    snprintf(v.routine_title, sizeof v.routine_title, "Box, \"square\" breathing");
    snprintf(v.routine_hash, sizeof v.routine_hash, "%064d", 7);
    snprintf(v.language, sizeof v.language, "en");
    snprintf(v.app_version, sizeof v.app_version, "0.2.0");
    v.level = 2;
    v.start_utc_ms = 1795000000123;
    v.end_utc_ms = outcome == SESSION_OPEN ? 0 : 1795000240456;
    v.planned_ms = 240000;
    v.played_ms = outcome == SESSION_OPEN ? 0 : 180500;
    v.steps_completed = 3;
    v.steps_total = 4;
    v.outcome = outcome;
    v.stop_reason = outcome == SESSION_STOPPED ? STOP_REASON_TOO_TIRING : STOP_REASON_NONE;
    v.pain_before = before;
    v.pain_after = after;
    return v;
}

static void assert_same_visit(const session *a, const session *b)
{
    assert_string_equal(a->visit_id, b->visit_id);
    assert_string_equal(a->kiosk, b->kiosk);
    assert_string_equal(a->routine_id, b->routine_id);
    assert_string_equal(a->routine_title, b->routine_title);
    assert_string_equal(a->routine_hash, b->routine_hash);
    assert_int_equal(a->level, b->level);
    assert_string_equal(a->language, b->language);
    assert_int_equal(a->start_utc_ms, b->start_utc_ms);
    assert_int_equal(a->end_utc_ms, b->end_utc_ms);
    assert_int_equal(a->planned_ms, b->planned_ms);
    assert_int_equal(a->played_ms, b->played_ms);
    assert_int_equal(a->steps_completed, b->steps_completed);
    assert_int_equal(a->steps_total, b->steps_total);
    assert_int_equal(a->outcome, b->outcome);
    assert_int_equal(a->stop_reason, b->stop_reason);
    assert_int_equal(a->pain_before, b->pain_before);
    assert_int_equal(a->pain_after, b->pain_after);
    assert_string_equal(a->app_version, b->app_version);
}

static void times_round_trip(void **state)
{
    (void)state;
    char text[32];
    store_format_utc(1795000000123, text);
    assert_string_equal(text, "2026-11-18T11:06:40.123Z");
    int64_t back = 0;
    assert_true(store_parse_utc(text, &back));
    assert_int_equal(back, 1795000000123);
    assert_false(store_parse_utc("2026-11-18T08:26:40Z", &back));
    assert_false(store_parse_utc("2026-11-18T08:26:40.123Zjunk", &back));
}

static void a_new_store_is_private_and_versioned(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char data[600];
    snprintf(data, sizeof data, "%s/deeper/ease", dir); /* folders made as needed */
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(data, &s, &err));
    struct stat st;
    assert_int_equal(stat(store_file(s), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(data, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);

    sqlite3 *db = store_db(s);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 2); /* FULL */
    sqlite3_finalize(q);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), STORE_SCHEMA_VERSION);
    sqlite3_finalize(q);
    store_close(s);

    /* Opened again: already migrated, nothing changes. */
    assert_true(store_open(data, &s, &err));
    store_close(s);
    remove_folder(dir);
    free(dir);
}

static void a_visit_is_one_row_written_three_times(void **state)
{
    (void)state;
    char *dir = temp_folder();
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(dir, &s, &err));
    session v = visit("a1", SESSION_OPEN, 6, SESSION_NO_RATING);
    assert_true(store_save(s, &v, &err));
    session back;
    assert_true(store_load(s, "a1", &back, &err));
    assert_int_equal(back.outcome, SESSION_OPEN);
    assert_int_equal(back.end_utc_ms, 0);
    assert_int_equal(back.pain_before, 6);
    assert_int_equal(back.pain_after, SESSION_NO_RATING);

    v = visit("a1", SESSION_STOPPED, 6, SESSION_NO_RATING);
    assert_true(store_save(s, &v, &err));
    v.pain_after = 4;
    assert_true(store_save(s, &v, &err));
    assert_true(store_load(s, "a1", &back, &err));
    assert_same_visit(&back, &v); /* every field, exactly */

    int64_t count = 0, newest = 0;
    assert_true(store_count(s, &count, &newest, &err));
    assert_int_equal(count, 1);
    assert_int_equal(newest, v.start_utc_ms);
    assert_false(store_load(s, "nobody", &back, &err));
    assert_int_equal(err.status, STORE_OK);
    store_close(s);
    remove_folder(dir);
    free(dir);
}

static void a_crash_leaves_an_abandoned_visit(void **state)
{
    (void)state;
    char *dir = temp_folder();
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(dir, &s, &err));
    session playing = visit("p1", SESSION_OPEN, 5, SESSION_NO_RATING);
    session done = visit("d1", SESSION_COMPLETED, 5, 3);
    assert_true(store_save(s, &playing, &err));
    assert_true(store_save(s, &done, &err));
    store_close(s); /* the kiosk died here */

    recorder r;
    recorder_init(&r, dir, 0, 0);
    assert_true(recorder_all_stored(&r));
    assert_int_equal(r.interrupted, 1);
    recorder_free(&r);
    assert_true(store_open_read_only(dir, &s, &err));
    session back;
    assert_true(store_load(s, "p1", &back, &err));
    assert_int_equal(back.outcome, SESSION_ABANDONED);
    assert_true(store_load(s, "d1", &back, &err));
    assert_int_equal(back.outcome, SESSION_COMPLETED);
    store_close(s);
    remove_folder(dir);
    free(dir);
}

static void visits_wait_in_memory_while_the_folder_cannot_be_written(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char data[600];
    /* A regular file where the data folder should be: no user, root included, can write there. */
    snprintf(data, sizeof data, "%s/data", dir);
    FILE *blocker = fopen(data, "w");
    assert_non_null(blocker);
    fclose(blocker);

    recorder r;
    recorder_init(&r, data, 0, 0);
    assert_false(recorder_all_stored(&r));
    assert_int_equal(r.problem.status, STORE_READ_ONLY);
    assert_non_null(strstr(r.problem.message, data));
    session a = visit("a", SESSION_COMPLETED, 7, 5), b = visit("b", SESSION_OPEN, 4, -1);
    recorder_submit(&r, &a, 100, 0);
    recorder_submit(&r, &b, 200, 0);
    b = visit("b", SESSION_ABANDONED, 4, -1);
    recorder_submit(&r, &b, 300, 0); /* the same visit again: still one waiting */
    recorder_wait(&r);
    assert_int_equal(r.pending_count, 2);
    recorder_service(&r, 300, 0);
    assert_true(recorder_next_deadline(&r, 300) > 0);

    /* Nothing is tried before its time; then the folder is fixed and the retry stores all,
     * within RECORDER_RETRY_MAX_MS (a few seconds) of the fault clearing. */
    assert_int_equal(unlink(data), 0);
    recorder_service(&r, 301, 0);
    recorder_wait(&r);
    assert_int_equal(r.pending_count, 2);
    recorder_service(&r, 301 + RECORDER_RETRY_MAX_MS, 0);
    recorder_wait(&r);
    assert_true(recorder_all_stored(&r));
    assert_int_equal(r.problem.status, STORE_OK);
    assert_int_equal(r.saved, 2);
    assert_int_equal(recorder_next_deadline(&r, 400000), -1);
    recorder_free(&r);
    session back;
    store_error err;
    store *s = NULL;
    assert_true(store_open_read_only(data, &s, &err));
    assert_true(store_load(s, "b", &back, &err));
    assert_int_equal(back.outcome, SESSION_ABANDONED);
    assert_true(store_load(s, "a", &back, &err));
    assert_int_equal(back.pain_after, 5);
    store_close(s);
    remove_folder(dir);
    free(dir);
}

static int64_t visit_count(store *s)
{
    int64_t count = 0, newest = 0;
    store_error err;
    assert_true(store_count(s, &count, &newest, &err));
    return count;
}

static void a_full_disk_keeps_what_was_stored(void **state)
{
    (void)state;
    char *dir = temp_folder();
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(dir, &s, &err));
    session first = visit("first", SESSION_COMPLETED, 8, 6);
    assert_true(store_save(s, &first, &err));

    /* SQLite's ceiling on the file's size stands in for a full disk: the same SQLITE_FULL. */
    sqlite3 *db = store_db(s);
    sqlite3_stmt *pages = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &pages, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(pages), SQLITE_ROW);
    char ceiling[64];
    snprintf(ceiling, sizeof ceiling, "PRAGMA max_page_count = %d", sqlite3_column_int(pages, 0));
    sqlite3_finalize(pages);
    assert_int_equal(sqlite3_exec(db, ceiling, NULL, NULL, NULL), SQLITE_OK);
    char id[16];
    int written = 0;
    bool full = false;
    for (; written < 500 && !full; written++) {
        snprintf(id, sizeof id, "more-%d", written);
        session v = visit(id, SESSION_COMPLETED, 5, 5);
        full = !store_save(s, &v, &err);
    }
    assert_true(full);
    assert_int_equal(err.status, STORE_FULL);
    assert_non_null(strstr(err.message, "disk is full"));
    assert_true(sqlite3_get_autocommit(db));   /* nothing left half-done */
    assert_int_equal(visit_count(s), written); /* the first and all before the failure */
    session back;
    assert_true(store_load(s, "first", &back, &err));
    assert_same_visit(&back, &first);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    store_close(s);
    remove_folder(dir);
    free(dir);
}

static void a_newer_database_is_left_alone(void **state)
{
    (void)state;
    char *dir = temp_folder();
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(dir, &s, &err));
    assert_int_equal(sqlite3_exec(store_db(s), "PRAGMA user_version = 99", NULL, NULL, NULL),
                     SQLITE_OK);
    store_close(s);
    s = NULL;
    assert_false(store_open(dir, &s, &err));
    assert_null(s);
    assert_int_equal(err.status, STORE_NEWER);
    assert_non_null(strstr(err.message, "newer Ease"));
    assert_false(store_open_read_only(dir, &s, &err));
    assert_int_equal(err.status, STORE_NEWER);
    remove_folder(dir);
    free(dir);
}

static void not_a_database_is_said_plainly(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char *path = store_path_in(dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("this is a shopping list, not a database\n", f);
    fclose(f);
    store *s = NULL;
    store_error err = {0};
    assert_false(store_open(dir, &s, &err));
    assert_int_equal(err.status, STORE_DAMAGED);
    assert_non_null(strstr(err.message, "move it aside"));
    /* And reading where the kiosk never ran says so. */
    assert_false(store_open_read_only("/nonexistent/ease", &s, &err));
    assert_non_null(strstr(err.message, "no records"));
    free(path);
    remove_folder(dir);
    free(dir);
}

/* How many files in dir start with prefix. */
static int count_named(const char *dir, const char *prefix)
{
    DIR *folder = opendir(dir);
    assert_non_null(folder);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(folder)))
        n += !strncmp(e->d_name, prefix, strlen(prefix));
    closedir(folder);
    return n;
}

static bool stored(const char *dir, const char *id)
{
    store *s = NULL;
    store_error err;
    if (!store_open_read_only(dir, &s, &err))
        return false;
    session back;
    bool found = store_load(s, id, &back, &err);
    store_close(s);
    return found;
}

/* The case: a damaged database, with visits before and after a restart. The damaged
 * file is moved aside (named with the time, never deleted), a new one started, and the staff
 * screen's field says where it went. */
static void a_damaged_database_is_moved_aside_and_a_new_one_started(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char *path = store_path_in(dir);
    recorder r;
    recorder_init(&r, dir, 0, 0);
    session before = visit("before", SESSION_COMPLETED, 6, 4);
    recorder_submit(&r, &before, 10, 0);
    recorder_wait(&r);
    assert_true(recorder_all_stored(&r));
    /* Damaged while the kiosk runs: the first page overwritten. */
    FILE *f = fopen(path, "r+");
    assert_non_null(f);
    for (int i = 0; i < 4096; i++)
        fputc('x', f);
    fclose(f);
    session during = visit("during", SESSION_COMPLETED, 5, 3);
    recorder_submit(&r, &during, 20, 1764490323000); /* 2025-11-30T08:12:03Z */
    recorder_wait(&r);
    assert_true(recorder_all_stored(&r));
    assert_non_null(strstr(r.moved_aside, "ease-damaged-20251130T081203Z.sqlite"));
    assert_int_equal(access(r.moved_aside, F_OK), 0); /* kept, not deleted */
    recorder_free(&r);
    assert_true(stored(dir, "during"));

    /* After a restart: the new database goes on, the damaged one stays where it was put. */
    recorder_init(&r, dir, 0, 1764490400000);
    assert_true(recorder_all_stored(&r));
    assert_int_equal(r.moved_aside[0], '\0');
    session after = visit("after", SESSION_STOPPED, 7, 7);
    recorder_submit(&r, &after, 30, 1764490400000);
    recorder_wait(&r);
    assert_true(recorder_all_stored(&r));
    recorder_free(&r);
    assert_true(stored(dir, "during"));
    assert_true(stored(dir, "after"));
    assert_int_equal(count_named(dir, "ease-damaged-"), 1);
    free(path);
    remove_folder(dir);
    free(dir);
}

/* A folder or a FIFO where the database should be: named for what it is (not "make the folder
 * writable"), never waited on, and moved aside by the kiosk. */
static void a_folder_or_fifo_in_place_of_the_database_is_named_and_moved(void **state)
{
    (void)state;
    for (int kind = 0; kind < 2; kind++) {
        char *dir = temp_folder();
        char *path = store_path_in(dir);
        assert_int_equal(kind == 0 ? mkdir(path, 0700) : mkfifo(path, 0600), 0);
        store *s = NULL;
        store_error err = {0};
        assert_false(store_open_read_only(dir, &s, &err));
        assert_int_equal(err.status, STORE_DAMAGED);
        assert_non_null(strstr(err.message, kind == 0 ? "is a folder, not a records database"
                                                      : "is a named pipe (FIFO), not a records"));
        assert_null(strstr(err.message, "writable"));
        assert_false(store_open(dir, &s, &err));
        assert_int_equal(err.status, STORE_DAMAGED);
        recorder r;
        recorder_init(&r, dir, 0, 1764490323000);
        assert_true(recorder_all_stored(&r));
        assert_non_null(strstr(r.moved_aside, "ease-damaged-"));
        struct stat info;
        assert_int_equal(lstat(r.moved_aside, &info), 0);
        assert_true(kind == 0 ? S_ISDIR(info.st_mode) : S_ISFIFO(info.st_mode));
        session v = visit("v", SESSION_COMPLETED, 6, 4);
        recorder_submit(&r, &v, 10, 1764490323000);
        recorder_wait(&r);
        assert_true(recorder_all_stored(&r));
        recorder_free(&r);
        assert_true(stored(dir, "v"));
        free(path);
        remove_folder(dir);
        free(dir);
    }
}

/* Visits that cannot be stored (here: another program holds the database locked) are appended
 * to the journal beside it, so a restart loses none: the next start replays them. */
static void waiting_visits_survive_a_restart_in_the_journal(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char *path = store_path_in(dir), *journal = recorder_journal_path(dir);
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(dir, &s, &err));
    store_close(s);
    sqlite3 *holder = NULL;
    assert_int_equal(sqlite3_open(path, &holder), SQLITE_OK);
    assert_int_equal(sqlite3_exec(holder, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);

    recorder r;
    recorder_init(&r, dir, 0, 0);
    assert_false(recorder_all_stored(&r));
    assert_int_equal(r.problem.status, STORE_BUSY);
    session a = visit("a", SESSION_COMPLETED, 7, 5), b = visit("b", SESSION_OPEN, 4, -1);
    recorder_submit(&r, &a, 100, 0);
    recorder_submit(&r, &b, 200, 0);
    b = visit("b", SESSION_STOPPED, 4, 6);
    recorder_submit(&r, &b, 300, 0);
    recorder_wait(&r);
    assert_int_equal(r.pending_count, 2);
    recorder_free(&r); /* the kiosk restarts while the lock is still held */
    struct stat info;
    assert_int_equal(stat(journal, &info), 0);
    assert_true(info.st_size > 0);

    assert_int_equal(sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(holder);
    recorder_init(&r, dir, 0, 0);
    assert_int_equal(r.replayed, 2);
    assert_true(recorder_all_stored(&r));
    recorder_free(&r);
    assert_int_equal(stat(journal, &info), -1); /* all in the database: the journal is gone */
    assert_true(store_open_read_only(dir, &s, &err));
    session back;
    assert_true(store_load(s, "b", &back, &err));
    assert_int_equal(back.outcome, SESSION_STOPPED); /* the newest version of the visit */
    assert_int_equal(back.pain_after, 6);
    assert_true(store_load(s, "a", &back, &err));
    assert_int_equal(back.pain_after, 5);
    store_close(s);

    recorder_free(&r);
    free(path);
    free(journal);
    remove_folder(dir);
    free(dir);
}

/* A power cut mid-append tears the journal's last record: the whole ones before it are read
 * back, the torn one ignored. */
static void a_torn_journal_keeps_its_whole_records(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char *path = store_path_in(dir), *journal = recorder_journal_path(dir);
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(dir, &s, &err));
    store_close(s);
    sqlite3 *holder = NULL;
    assert_int_equal(sqlite3_open(path, &holder), SQLITE_OK);
    assert_int_equal(sqlite3_exec(holder, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
    recorder r;
    recorder_init(&r, dir, 0, 0);
    session a = visit("a", SESSION_COMPLETED, 7, 5), b = visit("b", SESSION_COMPLETED, 4, 2);
    recorder_submit(&r, &a, 100, 0);
    recorder_wait(&r);
    recorder_submit(&r, &b, 200, 0);
    recorder_wait(&r);
    recorder_free(&r);
    sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(holder);
    struct stat info;
    assert_int_equal(stat(journal, &info), 0);
    assert_int_equal(truncate(journal, info.st_size - 10), 0);
    recorder_init(&r, dir, 0, 0);
    assert_int_equal(r.replayed, 1);
    assert_true(recorder_all_stored(&r));
    recorder_free(&r);
    assert_true(stored(dir, "a"));
    assert_false(stored(dir, "b"));
    free(path);
    free(journal);
    remove_folder(dir);
    free(dir);
}

/* Version 3 adds the stop reason 'dizzy-unwell'. A version-2 database, with a visit stopped for
 * pain and not yet shipped, is made again with the new CHECK: its visit, revision and mark stay,
 * a dizzy stop is then kept, and the revision trigger still counts changes. */
static void a_version_2_database_takes_the_dizzy_reason_and_keeps_its_visits(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char *path = store_path_in(dir);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(
            db,
            "CREATE TABLE visit (visit_id TEXT PRIMARY KEY NOT NULL, kiosk TEXT NOT NULL,"
            " routine_id TEXT NOT NULL, routine_title TEXT NOT NULL, routine_hash TEXT NOT NULL,"
            " level INTEGER NOT NULL CHECK (level >= 1), language TEXT NOT NULL,"
            " start_utc TEXT NOT NULL, end_utc TEXT, planned_seconds REAL NOT NULL,"
            " played_seconds REAL NOT NULL, steps_completed INTEGER NOT NULL,"
            " steps_total INTEGER NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('open',"
            " 'completed', 'stopped', 'abandoned')), stop_reason TEXT CHECK (stop_reason IN"
            " ('too-painful', 'too-tiring', 'had-to-go', 'other')), pain_before INTEGER,"
            " pain_after INTEGER, app_version TEXT NOT NULL) STRICT;"
            "ALTER TABLE visit ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
            "ALTER TABLE visit ADD COLUMN shipped_revision INTEGER NOT NULL DEFAULT 0;"
            "INSERT INTO visit VALUES ('old', 'k', 'box', 'Box', 'h', 1, 'en',"
            " '2026-11-01T10:00:00.000Z', '2026-11-01T10:01:00.000Z', 60, 30, 1, 2, 'stopped',"
            " 'too-painful', 5, 6, '0.1.0', 3, 2);"
            "PRAGMA user_version = 2;",
            NULL, NULL, NULL),
        SQLITE_OK);
    /* The old CHECK refuses the new reason: why the table is made again. */
    assert_int_not_equal(
        sqlite3_exec(db, "UPDATE visit SET stop_reason = 'dizzy-unwell'", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);

    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(dir, &s, &err));
    session back;
    assert_true(store_load(s, "old", &back, &err));
    assert_int_equal(back.outcome, SESSION_STOPPED);
    assert_int_equal(back.stop_reason, STOP_REASON_TOO_PAINFUL);
    assert_int_equal(back.pain_after, 6);
    int64_t waiting = 0;
    assert_true(store_count_unshipped(s, &waiting, &err));
    assert_int_equal(waiting, 1); /* revision 3, shipped 2: still waiting */

    session dizzy = visit("dizzy", SESSION_STOPPED, 4, SESSION_NO_RATING);
    dizzy.stop_reason = STOP_REASON_DIZZY;
    assert_true(store_save(s, &dizzy, &err));
    assert_true(store_load(s, "dizzy", &back, &err));
    assert_same_visit(&dizzy, &back);
    assert_string_equal(session_stop_reason_name(back.stop_reason), "dizzy-unwell");

    sqlite3_stmt *q = NULL;
    db = store_db(s);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT revision, shipped_revision FROM visit WHERE "
                                        "visit_id = 'old'",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 3);
    assert_int_equal(sqlite3_column_int(q, 1), 2);
    sqlite3_finalize(q);
    /* The trigger came back with the table: a changed rating raises the revision. */
    dizzy.pain_after = 3;
    assert_true(store_save(s, &dizzy, &err));
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT revision FROM visit WHERE visit_id = 'dizzy'", -1, &q, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 2);
    sqlite3_finalize(q);
    store_close(s);
    free(path);
    remove_folder(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(times_round_trip),
        cmocka_unit_test(a_new_store_is_private_and_versioned),
        cmocka_unit_test(a_visit_is_one_row_written_three_times),
        cmocka_unit_test(a_crash_leaves_an_abandoned_visit),
        cmocka_unit_test(visits_wait_in_memory_while_the_folder_cannot_be_written),
        cmocka_unit_test(a_full_disk_keeps_what_was_stored),
        cmocka_unit_test(a_newer_database_is_left_alone),
        cmocka_unit_test(not_a_database_is_said_plainly),
        cmocka_unit_test(a_damaged_database_is_moved_aside_and_a_new_one_started),
        cmocka_unit_test(a_folder_or_fifo_in_place_of_the_database_is_named_and_moved),
        cmocka_unit_test(waiting_visits_survive_a_restart_in_the_journal),
        cmocka_unit_test(a_torn_journal_keeps_its_whole_records),
        cmocka_unit_test(a_version_2_database_takes_the_dizzy_reason_and_keeps_its_visits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
