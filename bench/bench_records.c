/* bench_records: how long the kiosk waits to store one visit (the recorder opens the database,
 * writes one row durably and closes it, as at every start, end and rating), how long a save on
 * an already open store takes, and how long 'ease report' takes over 100,000 visits. Prints
 * medians; never asserts (timings depend on the machine and its disk). */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recorder.h"
#include "report.h"
#include "store.h"
#include "store_db.h"

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

static double bench_median(double *values, size_t n)
{
    qsort(values, n, sizeof *values, bench_compare);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static session bench_visit(long n)
{
    session v = {0};
    snprintf(v.visit_id, sizeof v.visit_id, "%032lx", n);
    snprintf(v.kiosk, sizeof v.kiosk, "waiting-room-1");
    snprintf(v.routine_id, sizeof v.routine_id, "routine-%02ld", n % 12);
    snprintf(v.routine_title, sizeof v.routine_title, "Routine %ld", n % 12);
    snprintf(v.routine_hash, sizeof v.routine_hash, "%064ld", n % 12 + (n % 7 == 0));
    snprintf(v.language, sizeof v.language, n % 3 ? "en" : "es");
    snprintf(v.app_version, sizeof v.app_version, "bench");
    v.level = 1 + (int)(n % 3);
    v.start_utc_ms = 1790000000000 + n * 300000; /* one visit every 5 minutes */
    v.end_utc_ms = v.start_utc_ms + 240000;
    v.planned_ms = 300000;
    v.played_ms = 240000;
    v.steps_total = 5;
    v.steps_completed = 4;
    v.outcome = (session_outcome)(SESSION_COMPLETED + n % 3);
    v.stop_reason = v.outcome == SESSION_STOPPED ? (session_stop_reason)(1 + n % 4) : 0;
    v.pain_before = n % 5 ? (int)(n % 11) : SESSION_NO_RATING;
    v.pain_after = n % 4 ? (int)((n * 7) % 11) : SESSION_NO_RATING;
    return v;
}

int main(int argc, char **argv)
{
    long visits = argc > 1 ? atol(argv[1]) : 100000;
    int saves = argc > 2 ? atoi(argv[2]) : 200;
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char dir[512];
    snprintf(dir, sizeof dir, "%s/ease-bench-records-XXXXXX", base);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    printf("bench_records (%s build), records in %s\n", EASE_BUILD_TYPE, dir);

    /* 1. The kiosk's way: the recorder opens, writes durably and closes, per save. */
    recorder r;
    recorder_init(&r, dir, 0, 0);
    double *times = malloc((size_t)saves * sizeof *times);
    double *handed = malloc((size_t)saves * sizeof *handed);
    for (int i = 0; i < saves; i++) {
        session v = bench_visit(i);
        double t0 = bench_now_ms();
        recorder_submit(&r, &v, i, 0);
        handed[i] = bench_now_ms() - t0; /* what the frame loop pays */
        recorder_wait(&r);
        times[i] = bench_now_ms() - t0; /* until the writer thread has it on the disk */
        if (!recorder_all_stored(&r)) {
            fprintf(stderr, "save failed: %s\n", r.problem.message);
            return 1;
        }
    }
    double worst = 0, worst_handed = 0;
    for (int i = 0; i < saves; i++) {
        worst = times[i] > worst ? times[i] : worst;
        worst_handed = handed[i] > worst_handed ? handed[i] : worst_handed;
    }
    printf("store one visit (handed to the writer thread, which opens, writes with fsync, "
           "closes): median %.2f ms, worst %.2f ms, %d saves\n",
           bench_median(times, (size_t)saves), worst, saves);
    printf("hand one visit over on the frame loop: median %.3f ms, worst %.3f ms\n",
           bench_median(handed, (size_t)saves), worst_handed);
    free(handed);
    recorder_free(&r);

    /* 2. A save on an open store: the durable commit alone. */
    store *s = NULL;
    store_error err;
    if (!store_open(dir, &s, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    for (int i = 0; i < saves; i++) {
        session v = bench_visit(saves + i);
        double t0 = bench_now_ms();
        store_save(s, &v, &err);
        times[i] = bench_now_ms() - t0;
    }
    printf("save on an open store (one commit, synchronous=FULL): median %.2f ms\n",
           bench_median(times, (size_t)saves));

    /* 3. Fill to `visits` (in one transaction: this is setup, not what is measured). */
    double t0 = bench_now_ms();
    sqlite3_exec(store_db(s), "BEGIN", NULL, NULL, NULL);
    for (long n = 2L * saves; n < visits; n++) {
        session v = bench_visit(n);
        if (!store_save(s, &v, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
    }
    sqlite3_exec(store_db(s), "COMMIT", NULL, NULL, NULL);
    printf("filled to %ld visits in %.0f ms\n", visits, bench_now_ms() - t0);
    store_close(s);

    /* 4. The report over all of them, as 'ease report' does it (open read-only, build). */
    enum { ROUNDS = 7 };
    double report_ms[ROUNDS], csv_ms[ROUNDS];
    size_t rows = 0;
    for (int round = 0; round < ROUNDS; round++) {
        t0 = bench_now_ms();
        if (!store_open_read_only(dir, &s, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        report rep;
        if (!report_build(s, 0, INT64_MAX, &rep, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        FILE *sink = fopen("/dev/null", "w");
        report_print(&rep, "", sink);
        rows = rep.count;
        report_free(&rep);
        report_ms[round] = bench_now_ms() - t0;
        t0 = bench_now_ms();
        report_export_csv(s, 0, INT64_MAX, sink, &err);
        csv_ms[round] = bench_now_ms() - t0;
        fclose(sink);
        store_close(s);
    }
    printf("report over %ld visits (%zu routine versions): median %.1f ms\n", visits, rows,
           bench_median(report_ms, ROUNDS));
    printf("CSV export of %ld visits: median %.1f ms\n", visits, bench_median(csv_ms, ROUNDS));
    free(times);
    char command[600];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    return system(command) == 0 ? 0 : 1;
}
