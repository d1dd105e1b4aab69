#include "test_support.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recorder.h"
#include "store.h"

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

    sqlite3 *db = store_handle(s);
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
    recorder_init(&r, dir, 0);
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
    recorder_init(&r, data, 0);
    assert_false(recorder_all_stored(&r));
    assert_int_equal(r.problem.status, STORE_READ_ONLY);
    assert_non_null(strstr(r.problem.message, data));
    session a = visit("a", SESSION_COMPLETED, 7, 5), b = visit("b", SESSION_OPEN, 4, -1);
    recorder_submit(&r, &a, 100);
    recorder_submit(&r, &b, 200);
    b = visit("b", SESSION_ABANDONED, 4, -1);
    recorder_submit(&r, &b, 300); /* the same visit again: still one waiting */
    assert_int_equal(r.pending_count, 2);
    assert_true(recorder_next_deadline(&r, 300) > 0);

    /* Nothing is tried before its time; then the folder is fixed and the retry stores all. */
    assert_int_equal(unlink(data), 0);
    recorder_service(&r, 301);
    assert_int_equal(r.pending_count, 2);
    recorder_service(&r, 301 + RECORDER_RETRY_MAX_MS);
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
    sqlite3 *db = store_handle(s);
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
    assert_int_equal(sqlite3_exec(store_handle(s), "PRAGMA user_version = 99", NULL, NULL, NULL),
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
