/* bench_fleet: the clinic group's central database at scale. Loads a year of visits for a group
 * of kiosks (default 100 kiosks, 100 visits a kiosk a day: 3.65 million rows, a tenth of the
 * 1,000-kiosk group), part through the kiosks' own path (batched upserts as each kiosk's role,
 * row-level security on) and the rest in bulk, then prints the ingest rates, the database's
 * size, and the time of the report for one clinic's month and for the whole group's year, with
 * the extrapolation to 1,000 kiosks. Never asserts: timings depend on the machine.
 *
 *   tests/fleet/pg.sh run 15440 -- build/bench/bench_fleet [--kiosks N] [--kiosk-visits N]
 *   bench_fleet --server "host=... user=postgres" (a user who may create a database)
 */
#include <inttypes.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fleet_db.h"
#include "fleet_report.h"
#include "fleet_schema.h"
#include "fleet_ship.h"

static double bench_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int bench_compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static PGconn *bench_connect(const char *server, const char *user, const char *database)
{
    char info[2048], message[FLEET_MESSAGE_MAX];
    if (server)
        snprintf(info, sizeof info, "%s%s%s dbname=%s", server, user ? " user=" : "",
                 user ? user : "", database);
    else
        snprintf(info, sizeof info, "host=%s port=%s user=%s dbname=%s", getenv("EASE_PG_DIR"),
                 getenv("EASE_PG_PORT"), user ? user : "postgres", database);
    PGconn *conn = NULL;
    if (!fleet_db_connect_string(info, 30, &conn, message, sizeof message)) {
        fprintf(stderr, "bench_fleet: %s\n", message);
        exit(1);
    }
    return conn;
}

static void bench_exec(PGconn *conn, const char *sql)
{
    char message[FLEET_MESSAGE_MAX];
    if (!fleet_db_exec(conn, sql, 0, NULL, NULL, "run the benchmark", message, sizeof message)) {
        fprintf(stderr, "bench_fleet: %s\n  %s\n", message, sql);
        exit(1);
    }
}

static long long bench_number(PGconn *conn, const char *sql)
{
    PGresult *r = NULL;
    char message[FLEET_MESSAGE_MAX];
    if (!fleet_db_exec(conn, sql, 0, NULL, &r, "read", message, sizeof message)) {
        fprintf(stderr, "bench_fleet: %s\n", message);
        exit(1);
    }
    long long n = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return n;
}

/* The median time of runs of the report over filter. */
static double bench_report(PGconn *conn, const fleet_filter *filter, int runs, int64_t *visits)
{
    double times[16];
    for (int i = 0; i < runs; i++) {
        report r;
        char message[FLEET_MESSAGE_MAX];
        double t0 = bench_now_ms();
        if (!fleet_report_build(conn, filter, &r, message, sizeof message)) {
            fprintf(stderr, "bench_fleet: %s\n", message);
            exit(1);
        }
        times[i] = bench_now_ms() - t0;
        *visits = r.total.visits + r.open;
        report_free(&r);
    }
    qsort(times, (size_t)runs, sizeof *times, bench_compare);
    return times[runs / 2];
}

int main(int argc, char **argv)
{
    const char *server = NULL;
    int kiosks = 100, per_clinic = 10, per_day = 100, days = 365, kiosk_path = 60000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--server") && i + 1 < argc)
            server = argv[++i];
        else if (!strcmp(argv[i], "--kiosks") && i + 1 < argc)
            kiosks = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--kiosk-visits") && i + 1 < argc)
            kiosk_path = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_fleet [--server CONNINFO] [--kiosks N] "
                            "[--kiosk-visits N]\n");
            return 64;
        }
    }
    if (!server && !getenv("EASE_PG_DIR")) {
        fprintf(stderr, "bench_fleet: give --server, or run it through tests/fleet/pg.sh run\n");
        return 64;
    }
    if (kiosks < per_clinic)
        kiosks = per_clinic;
    printf("bench_fleet (%s build): %d kiosks in %d clinics, %d visits a kiosk a day, %d days\n",
           EASE_BUILD_TYPE, kiosks, kiosks / per_clinic, per_day, days);
    PGconn *root = bench_connect(server, NULL, "postgres");
    bench_exec(root, "DROP DATABASE IF EXISTS ease_bench WITH (FORCE)");
    bench_exec(root, "CREATE DATABASE ease_bench");
    PQfinish(root);
    PGconn *admin = bench_connect(server, NULL, "ease_bench");
    int from = 0, to = 0;
    char message[FLEET_MESSAGE_MAX];
    if (!fleet_schema_migrate(admin, &from, &to, message, sizeof message)) {
        fprintf(stderr, "bench_fleet: %s\n", message);
        return 1;
    }
    for (int k = 0; k < kiosks; k++) {
        char name[32], clinic[32];
        snprintf(name, sizeof name, "bench-k%04d", k);
        snprintf(clinic, sizeof clinic, "bench-c%03d", k / per_clinic);
        if (!fleet_schema_add_kiosk(admin, name, clinic, message, sizeof message)) {
            fprintf(stderr, "bench_fleet: %s\n", message);
            return 1;
        }
    }
    const int64_t year_start_ms = 1767225600000LL; /* 2026-01-01T00:00:00Z */

    /* 1. The kiosks' own path: batches of FLEET_SHIP_BATCH upserts, as each kiosk's role. The
     * visits are the first days of kiosk 0..19's year. */
    int shippers = kiosks < 20 ? kiosks : 20;
    int each = kiosk_path / shippers;
    store_revised_visit *batch = calloc(FLEET_SHIP_BATCH, sizeof *batch);
    double t0 = bench_now_ms();
    long long shipped = 0;
    for (int k = 0; k < shippers; k++) {
        char name[32];
        snprintf(name, sizeof name, "bench-k%04d", k);
        fleet_config fleet;
        fleet_config_defaults(&fleet);
        snprintf(fleet.kiosk, sizeof fleet.kiosk, "%s", name);
        snprintf(fleet.clinic, sizeof fleet.clinic, "bench-c%03d", k / per_clinic);
        PGconn *conn = bench_connect(server, name, "ease_bench");
        for (int v = 0; v < each; v += FLEET_SHIP_BATCH) {
            size_t n = 0;
            for (; n < FLEET_SHIP_BATCH && v + (int)n < each; n++) {
                store_revised_visit *r = &batch[n];
                memset(r, 0, sizeof *r);
                int index = v + (int)n;
                r->revision = 2;
                snprintf(r->visit.visit_id, sizeof r->visit.visit_id, "%016x%016x", (unsigned)k + 1,
                         (unsigned)index);
                snprintf(r->visit.routine_id, sizeof r->visit.routine_id, "routine-%d", index % 12);
                snprintf(r->visit.routine_title, sizeof r->visit.routine_title, "Routine %d",
                         index % 12);
                snprintf(r->visit.routine_hash, sizeof r->visit.routine_hash, "%064d", index % 12);
                r->visit.level = 1 + index % 3;
                snprintf(r->visit.language, sizeof r->visit.language, "%s",
                         index % 4 ? "en" : "es");
                r->visit.start_utc_ms = year_start_ms + (int64_t)(index / per_day) * 86400000LL +
                                        (int64_t)(index % per_day) * 86400000LL / per_day;
                r->visit.end_utc_ms = r->visit.start_utc_ms + 300000;
                r->visit.planned_ms = r->visit.played_ms = 300000;
                r->visit.steps_completed = r->visit.steps_total = 5;
                r->visit.outcome = SESSION_COMPLETED;
                r->visit.pain_before = 4 + index % 6;
                r->visit.pain_after = 2 + index % 6;
                snprintf(r->visit.app_version, sizeof r->visit.app_version, "0.1.0");
            }
            if (!fleet_ship_visits(conn, &fleet, batch, n, year_start_ms, message,
                                   sizeof message)) {
                fprintf(stderr, "bench_fleet: %s\n", message);
                return 1;
            }
            shipped += (long long)n;
        }
        PQfinish(conn);
    }
    double kiosk_ms = bench_now_ms() - t0;
    free(batch);
    printf("kiosk path: %lld visits in batches of %d as %d kiosk roles (RLS on): %.1f s, "
           "%.0f visits/s\n",
           shipped, FLEET_SHIP_BATCH, shippers, kiosk_ms / 1000, shipped * 1000.0 / kiosk_ms);

    /* 2. The rest of the year in bulk, a month at a time (indexes in place, as in use). */
    t0 = bench_now_ms();
    for (int month = 0; month < 12; month++) {
        char sql[4096];
        snprintf(
            sql, sizeof sql,
            "INSERT INTO ease.visit (visit_id, kiosk, clinic, revision, routine_id,"
            " routine_title, routine_hash, level, language, start_utc, end_utc, planned_seconds,"
            " played_seconds, steps_completed, steps_total, outcome, stop_reason, pain_before,"
            " pain_after, app_version, kiosk_skew_ms)"
            " SELECT md5(k::text || '/' || d::text || '/' || v::text), format('bench-k%%s',"
            " lpad(k::text, 4, '0')), format('bench-c%%s', lpad((k / %d)::text, 3, '0')), 2,"
            " 'routine-' || (v %% 12), 'Routine ' || (v %% 12), lpad((v %% 12)::text, 64, '0'),"
            " 1 + v %% 3, CASE WHEN v %% 4 = 0 THEN 'es' ELSE 'en' END,"
            " timestamptz '2026-01-01 00:00:00+00' + d * interval '1 day' + v * interval '%d"
            " seconds', timestamptz '2026-01-01 00:05:00+00' + d * interval '1 day' + v *"
            " interval '%d seconds', 300, CASE WHEN v %% 7 = 0 THEN 120 ELSE 300 END,"
            " 5, 5, CASE WHEN v %% 7 = 0 THEN 'stopped' WHEN v %% 11 = 0 THEN 'abandoned' ELSE"
            " 'completed' END, CASE WHEN v %% 7 = 0 THEN 'too-tiring' END, 3 + (k + v) %% 7,"
            " CASE WHEN v %% 5 = 0 THEN NULL ELSE 1 + (k + v + d) %% 7 END, '0.1.0', 0"
            " FROM generate_series(0, %d) AS k,"
            " generate_series(%d, %d) AS d, generate_series(0, %d) AS v"
            " WHERE k >= %d OR d >= %d",
            per_clinic, 86400 / per_day, 86400 / per_day, kiosks - 1, month * days / 12,
            (month + 1) * days / 12 - 1, per_day - 1, shippers, (each + per_day - 1) / per_day);
        bench_exec(admin, sql);
    }
    double bulk_ms = bench_now_ms() - t0;
    long long rows = bench_number(admin, "SELECT count(*) FROM ease.visit");
    printf("bulk load: %lld visits in %.1f s, %.0f visits/s\n", rows - shipped, bulk_ms / 1000,
           (rows - shipped) * 1000.0 / bulk_ms);
    t0 = bench_now_ms();
    bench_exec(admin, "VACUUM ANALYZE ease.visit");
    printf("vacuum analyze: %.1f s\n", (bench_now_ms() - t0) / 1000);

    long long table = bench_number(admin, "SELECT pg_relation_size('ease.visit')");
    long long total = bench_number(admin, "SELECT pg_total_relation_size('ease.visit')");
    long long database = bench_number(admin, "SELECT pg_database_size(current_database())");
    printf("rows: %lld; table %.0f MB, with its indexes %.0f MB (%.0f bytes a visit); "
           "database %.0f MB\n",
           rows, table / 1048576.0, total / 1048576.0, (double)total / (double)rows,
           database / 1048576.0);

    /* 3. The reports, as 'ease report --server' runs them (the reporting role's view is the
     * same rows). */
    PQfinish(admin);
    admin = bench_connect(server, NULL, "ease_bench");
    int64_t visits = 0;
    char clinic[32], kiosk[32];
    snprintf(clinic, sizeof clinic, "bench-c%03d", kiosks / per_clinic / 2);
    snprintf(kiosk, sizeof kiosk, "bench-k%04d", kiosks / 2);
    fleet_filter month = {year_start_ms + 181LL * 86400000, year_start_ms + 212LL * 86400000,
                          clinic, NULL};
    double month_ms = bench_report(admin, &month, 7, &visits);
    printf("report, one clinic's month (%d kiosks, July): %.1f ms median of 7, %" PRId64
           " visits\n",
           per_clinic, month_ms, visits);
    fleet_filter kiosk_month = {month.since_utc_ms, month.until_utc_ms, NULL, kiosk};
    double kiosk_month_ms = bench_report(admin, &kiosk_month, 7, &visits);
    printf("report, one kiosk's month: %.1f ms median of 7, %" PRId64 " visits\n", kiosk_month_ms,
           visits);
    fleet_filter year = {year_start_ms, year_start_ms + 365LL * 86400000, NULL, NULL};
    double year_ms = bench_report(admin, &year, 3, &visits);
    printf("report, the whole group's year: %.1f s median of 3, %" PRId64 " visits\n",
           year_ms / 1000, visits);
    double scale = 1000.0 / kiosks;
    printf("extrapolated to 1,000 kiosks (x%.0f, linear in rows): %.1f million visits, about "
           "%.1f GB with indexes, the group's year report about %.0f s; a clinic's month stays "
           "about %.0f ms (an index range of the same size)\n",
           scale, rows * scale / 1e6, total * scale / 1073741824.0, year_ms * scale / 1000,
           month_ms);
    PQfinish(admin);
    return 0;
}
