/* The fleet's parts that need no server: the 'fleet:' section of kiosk.yaml, the store's
 * shipped marks and revisions (schema 2, migrated from 1), and the retry back-off. */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "config.h"
#include "fleet_worker.h"
#include "store.h"

static char *local_folder(void)
{
    char *path = strdup("/tmp/ease-fleet-local.XXXXXX");
    assert_non_null(mkdtemp(path));
    return path;
}

static int local_remove_one(const char *path, const struct stat *info, int flag, struct FTW *walk)
{
    (void)info;
    (void)flag;
    (void)walk;
    return remove(path);
}

/* The test's folder and everything in it, then the name. */
static void local_done(char *folder)
{
    nftw(folder, local_remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(folder);
}

static bool local_config(const char *folder, const char *yaml, ease_config *cfg, diag_list *diag)
{
    char path[512];
    snprintf(path, sizeof path, "%s/kiosk.yaml", folder);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(yaml, f);
    fclose(f);
    assert_true(config_defaults(cfg, "/usr/share/ease/routines", "/var/lib/ease"));
    return config_load(cfg, path, diag);
}

static bool local_diag_has(const diag_list *diag, int line, int col, const char *text)
{
    for (size_t i = 0; i < diag->count; i++)
        if (diag->entries[i].line == line && diag->entries[i].col == col &&
            strstr(diag->entries[i].message, text))
            return true;
    diag_print(diag, stderr);
    return false;
}

static void test_no_fleet_section(void **state)
{
    (void)state;
    char *folder = local_folder();
    ease_config cfg;
    diag_list diag;
    diag_init(&diag);
    assert_true(local_config(folder, "kiosk: lobby\n", &cfg, &diag));
    assert_false(cfg.fleet.enabled);
    assert_int_equal(cfg.routine_dir_count, 1);
    config_free(&cfg);
    diag_free(&diag);
    local_done(folder);
}

static void test_fleet_section(void **state)
{
    (void)state;
    char *folder = local_folder();
    char key[600];
    snprintf(key, sizeof key, "%s/kiosk.key", folder);
    FILE *f = fopen(key, "w");
    fclose(f);
    chmod(key, 0600);
    ease_config cfg;
    diag_list diag;
    diag_init(&diag);
    assert_true(local_config(folder,
                             "kiosk: lobby-1\n"
                             "data: data\n"
                             "fleet:\n"
                             "  server: db.clinic.example\n"
                             "  clinic: north\n"
                             "  certificate: kiosk.key\n"
                             "  key: kiosk.key\n"
                             "  ca: kiosk.key\n"
                             "  poll: 30s\n",
                             &cfg, &diag));
    assert_int_equal(diag.count, 0);
    assert_true(cfg.fleet.enabled);
    assert_string_equal(cfg.fleet.kiosk, "lobby-1");
    assert_string_equal(cfg.fleet.clinic, "north");
    assert_int_equal(cfg.fleet.port, 5432);
    assert_int_equal(cfg.fleet.tls, FLEET_TLS_VERIFY_FULL);
    assert_int_equal(cfg.fleet.poll_ms, 30000);
    assert_string_equal(cfg.fleet.key, key);
    /* The published routines' folder is in the data folder, and among the routine folders. */
    char published[600];
    snprintf(published, sizeof published, "%s/data/published", folder);
    assert_string_equal(cfg.fleet.routines, published);
    assert_int_equal(cfg.routine_dir_count, 2);
    assert_string_equal(cfg.routine_dirs[1], published);
    config_free(&cfg);
    unlink(key);
    diag_free(&diag);
    local_done(folder);
}

static void test_fleet_section_errors(void **state)
{
    (void)state;
    char *folder = local_folder();
    char secret[600];
    snprintf(secret, sizeof secret, "%s/pgpass", folder);
    FILE *f = fopen(secret, "w");
    fclose(f);
    chmod(secret, 0644);
    ease_config cfg;
    diag_list diag;
    diag_init(&diag);
    assert_false(local_config(folder,
                              "fleet:\n"
                              "  server: db\n"
                              "  kiosk: Lobby\n"
                              "  clinic: north\n"
                              "  port: 99999\n"
                              "  password: hunter2\n"
                              "  password-file: pgpass\n",
                              &cfg, &diag));
    assert_true(local_diag_has(&diag, 3, 10, "'kiosk' must be lower-case"));
    assert_true(local_diag_has(&diag, 5, 9, "'port'"));
    assert_true(local_diag_has(&diag, 6, 3, "password"));
    assert_true(local_diag_has(&diag, 7, 18, "can be read by other users"));
    /* A broken file leaves the defaults: no fleet. */
    assert_false(cfg.fleet.enabled);
    config_free(&cfg);
    diag_free(&diag);
    diag_init(&diag);
    assert_false(local_config(folder, "fleet:\n  server: db\n", &cfg, &diag));
    assert_true(local_diag_has(&diag, 2, 3, "'fleet' needs 'clinic'"));
    config_free(&cfg);
    diag_free(&diag);
    unlink(secret);
    local_done(folder);
}

static void local_visit(store *s, const char *id, session_outcome outcome, int pain_after)
{
    session v;
    memset(&v, 0, sizeof v);
    snprintf(v.visit_id, sizeof v.visit_id, "%s", id);
    snprintf(v.kiosk, sizeof v.kiosk, "lobby");
    snprintf(v.routine_id, sizeof v.routine_id, "box");
    snprintf(v.routine_title, sizeof v.routine_title, "Box");
    snprintf(v.routine_hash, sizeof v.routine_hash, "%064d", 1);
    v.level = 1;
    snprintf(v.language, sizeof v.language, "en");
    v.start_utc_ms = 1793491200000LL;
    v.end_utc_ms = outcome == SESSION_OPEN ? 0 : v.start_utc_ms + 60000;
    v.outcome = outcome;
    v.pain_before = 5;
    v.pain_after = pain_after;
    snprintf(v.app_version, sizeof v.app_version, "0.1.0");
    store_error err = {0};
    assert_true(store_save(s, &v, &err));
}

static void test_store_revisions_and_marks(void **state)
{
    (void)state;
    char *folder = local_folder();
    store *s = NULL;
    store_error err = {0};
    assert_true(store_open(folder, &s, &err));
    local_visit(s, "0123456789abcdef0123456789abcdef", SESSION_OPEN, SESSION_NO_RATING);
    store_revised_visit got[4];
    size_t count = 0;
    assert_true(store_unshipped(s, got, 4, &count, &err));
    assert_int_equal(count, 1);
    assert_int_equal(got[0].revision, 1);
    /* Ended while the first revision was on its way: the mark of revision 1 leaves it waiting. */
    local_visit(s, "0123456789abcdef0123456789abcdef", SESSION_COMPLETED, SESSION_NO_RATING);
    assert_true(store_mark_shipped(s, got, 1, &err));
    int64_t waiting = 0;
    assert_true(store_count_unshipped(s, &waiting, &err));
    assert_int_equal(waiting, 1);
    assert_true(store_unshipped(s, got, 4, &count, &err));
    assert_int_equal(got[0].revision, 2);
    assert_int_equal(got[0].visit.outcome, SESSION_COMPLETED);
    assert_true(store_mark_shipped(s, got, 1, &err));
    assert_true(store_count_unshipped(s, &waiting, &err));
    assert_int_equal(waiting, 0);
    /* The same values saved again change nothing, so nothing waits. */
    local_visit(s, "0123456789abcdef0123456789abcdef", SESSION_COMPLETED, SESSION_NO_RATING);
    assert_true(store_count_unshipped(s, &waiting, &err));
    assert_int_equal(waiting, 0);
    /* The after-rating does. */
    local_visit(s, "0123456789abcdef0123456789abcdef", SESSION_COMPLETED, 3);
    assert_true(store_count_unshipped(s, &waiting, &err));
    assert_int_equal(waiting, 1);
    store_close(s);
    local_done(folder);
}

static void test_store_migrates_version_1(void **state)
{
    (void)state;
    char *folder = local_folder();
    char path[600];
    snprintf(path, sizeof path, "%s/ease.sqlite", folder);
    /* A version-1 database as an older Ease left it, with one visit. */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "CREATE TABLE visit (visit_id TEXT PRIMARY KEY NOT NULL, kiosk TEXT NOT NULL,"
                     " routine_id TEXT NOT NULL, routine_title TEXT NOT NULL, routine_hash TEXT "
                     "NOT NULL, level INTEGER NOT NULL, language TEXT NOT NULL, start_utc TEXT NOT "
                     "NULL, end_utc TEXT, planned_seconds REAL NOT NULL, played_seconds REAL NOT "
                     "NULL, steps_completed INTEGER NOT NULL, steps_total INTEGER NOT NULL, "
                     "outcome TEXT NOT NULL, stop_reason TEXT, pain_before INTEGER, pain_after "
                     "INTEGER, app_version TEXT NOT NULL) STRICT;"
                     "INSERT INTO visit VALUES ('00000000000000000000000000000001', 'k', 'box', "
                     "'Box', 'h', 1, 'en', '2026-11-01T10:00:00.000Z', "
                     "'2026-11-01T10:01:00.000Z', 60, 60, 1, 1, 'completed', NULL, 5, 3, '0.1.0');"
                     "PRAGMA user_version = 1;",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    store *s = NULL;
    store_error err = {0};
    /* Read-only (a report before the kiosk ran): read, and counted as waiting. */
    assert_true(store_open_read_only(folder, &s, &err));
    int64_t waiting = 0;
    assert_true(store_count_unshipped(s, &waiting, &err));
    assert_int_equal(waiting, 1);
    store_close(s);
    /* The kiosk migrates it: the history waits to be sent. */
    assert_true(store_open(folder, &s, &err));
    assert_true(store_count_unshipped(s, &waiting, &err));
    assert_int_equal(waiting, 1);
    store_close(s);
    local_done(folder);
}

static void test_retry_backs_off(void **state)
{
    (void)state;
    assert_int_equal(fleet_retry_wait_ms(1), 2000);
    assert_int_equal(fleet_retry_wait_ms(2), 4000);
    assert_int_equal(fleet_retry_wait_ms(5), 32000);
    assert_int_equal(fleet_retry_wait_ms(8), 256000);
    assert_int_equal(fleet_retry_wait_ms(9), FLEET_RETRY_MAX_MS);
    assert_int_equal(fleet_retry_wait_ms(1000), FLEET_RETRY_MAX_MS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_fleet_section),
        cmocka_unit_test(test_fleet_section),
        cmocka_unit_test(test_fleet_section_errors),
        cmocka_unit_test(test_store_revisions_and_marks),
        cmocka_unit_test(test_store_migrates_version_1),
        cmocka_unit_test(test_retry_backs_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
