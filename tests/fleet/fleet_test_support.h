/* Shared by the fleet tests: the throw-away server pg.sh started (EASE_PG_DIR, EASE_PG_PORT),
 * connections as its superuser and as kiosks, and visits made in a kiosk's own store. */
#ifndef EASE_FLEET_TEST_SUPPORT_H
#define EASE_FLEET_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "fleet_config.h"
#include "fleet_db.h"
#include "fleet_schema.h"
#include "fleet_ship.h"
#include "fleet_worker.h"
#include "store.h"

static inline const char *fleet_test_env(const char *name)
{
    const char *value = getenv(name);
    if (!value || !*value) {
        fprintf(stderr, "%s is not set: run this test through tests/fleet/pg.sh run\n", name);
        exit(1);
    }
    return value;
}

/* A kiosk's fleet section, reaching the test server over its Unix socket. */
static inline fleet_config fleet_test_kiosk(const char *kiosk, const char *clinic)
{
    fleet_config c;
    fleet_config_defaults(&c);
    c.enabled = true;
    snprintf(c.server, sizeof c.server, "%s", fleet_test_env("EASE_PG_DIR"));
    c.port = atoi(fleet_test_env("EASE_PG_PORT"));
    snprintf(c.kiosk, sizeof c.kiosk, "%s", kiosk);
    snprintf(c.clinic, sizeof c.clinic, "%s", clinic);
    c.tls = FLEET_TLS_DISABLE;
    c.poll_ms = 1000;
    return c;
}

/* Connects to database (NULL: "ease") as user. */
static inline PGconn *fleet_test_connect(const char *user, const char *database)
{
    char info[1200], message[FLEET_MESSAGE_MAX];
    snprintf(info, sizeof info, "host=%s port=%s user=%s dbname=%s", fleet_test_env("EASE_PG_DIR"),
             fleet_test_env("EASE_PG_PORT"), user, database ? database : "ease");
    PGconn *conn = NULL;
    if (!fleet_db_connect_string(info, 30, &conn, message, sizeof message))
        fail_msg("%s", message);
    return conn;
}

/* One number from sql run by conn. */
static inline long long fleet_test_number(PGconn *conn, const char *sql)
{
    PGresult *r = PQexec(conn, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    long long n = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return n;
}

/* The database 'ease' made afresh and migrated, and kiosks added (name, clinic pairs, NULL
 * ended). */
static inline void fleet_test_database(const char *const *kiosks)
{
    PGconn *admin = fleet_test_connect("postgres", "postgres");
    PQclear(PQexec(admin, "DROP DATABASE IF EXISTS ease WITH (FORCE)"));
    PGresult *r = PQexec(admin, "CREATE DATABASE ease");
    assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
    PQfinish(admin);
    admin = fleet_test_connect("postgres", NULL);
    int from = -1, to = -1;
    char message[FLEET_MESSAGE_MAX];
    if (!fleet_schema_migrate(admin, &from, &to, message, sizeof message))
        fail_msg("%s", message);
    for (size_t i = 0; kiosks && kiosks[i]; i += 2)
        if (!fleet_schema_add_kiosk(admin, kiosks[i], kiosks[i + 1], message, sizeof message))
            fail_msg("%s", message);
    PQfinish(admin);
}

/* A fresh private data folder under the test's own temporary folder. */
static inline char *fleet_test_folder(const char *name)
{
    char *path = NULL;
    if (asprintf(&path, "%s/kiosk-%s-XXXXXX", fleet_test_env("EASE_PG_DIR"), name) < 0 ||
        !mkdtemp(path))
        fail_msg("cannot make a folder for %s", name);
    return path;
}

/* A visit as the kiosk's flow would store it, started at start_utc_ms; open first, then ended
 * (two saves: revision 2). */
static inline void fleet_test_visit(store *s, const char *kiosk, int64_t start_utc_ms, bool end,
                                    session *out)
{
    session v;
    memset(&v, 0, sizeof v);
    unsigned char id[16];
    randombytes_buf(id, sizeof id);
    sodium_bin2hex(v.visit_id, sizeof v.visit_id, id, sizeof id);
    snprintf(v.kiosk, sizeof v.kiosk, "%s", kiosk);
    snprintf(v.routine_id, sizeof v.routine_id, "box-breathing");
    snprintf(v.routine_title, sizeof v.routine_title, "Box breathing");
    snprintf(v.routine_hash, sizeof v.routine_hash, "%064d", 7);
    v.level = 1;
    snprintf(v.language, sizeof v.language, "en");
    v.start_utc_ms = start_utc_ms;
    v.planned_ms = 240000;
    v.steps_total = 4;
    v.outcome = SESSION_OPEN;
    v.pain_before = (int)(start_utc_ms / 1000 % 11);
    v.pain_after = SESSION_NO_RATING;
    snprintf(v.app_version, sizeof v.app_version, "0.1.0");
    store_error err = {0};
    if (!store_save(s, &v, &err))
        fail_msg("%s", err.message);
    if (end) {
        v.outcome = SESSION_COMPLETED;
        v.end_utc_ms = start_utc_ms + 240000;
        v.played_ms = 240000;
        v.steps_completed = 4;
        if (!store_save(s, &v, &err))
            fail_msg("%s", err.message);
    }
    if (out)
        *out = v;
}

static inline int64_t fleet_test_waiting(const char *data_dir)
{
    store *s = NULL;
    store_error err = {0};
    if (!store_open(data_dir, &s, &err))
        fail_msg("%s", err.message);
    int64_t waiting = -1;
    assert_true(store_count_unshipped(s, &waiting, &err));
    store_close(s);
    return waiting;
}

/* Passes until nothing waits (bounded by count, never by time). */
static inline void fleet_test_ship_all(const fleet_config *fleet, const char *data_dir,
                                       int64_t now_ms)
{
    void *conn = NULL;
    fleet_status status = {0};
    for (int pass = 0; pass < 100; pass++) {
        fleet_health health = {.version = "0.1.0", .sound = "test"};
        bool ok = fleet_worker_pass(fleet, data_dir, NULL, &health, now_ms, &conn, &status);
        if (ok && status.waiting == 0)
            break;
        if (!ok)
            fprintf(stderr, "pass %d: %s\n", pass, status.last_error);
    }
    fleet_worker_disconnect(&conn);
    assert_int_equal(status.waiting, 0);
    assert_string_equal(status.last_error, "");
}

#endif
