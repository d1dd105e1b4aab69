/* The records survive being killed at any moment: a child process records visits (start, end,
 * after-rating, as the kiosk does) in a loop, telling the parent each time one is stored; the
 * parent kills it with SIGKILL after a random number of stored stages, at a random moment within
 * the next write, hundreds of times (counted, not timed: the test means the same on any machine).
 * Afterwards the database passes PRAGMA integrity_check, and every visit the child reported as
 * stored is there, intact (or further on: the kill can fall between a commit and its report). */
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "recorder.h"
#include "store.h"
#include "store_db.h"

enum { STAGES = 3, IDS_PER_RUN = 100000 };

/* Visit number n at stage 0 (playing), 1 (ended) or 2 (rated after): always the same fields. */
static session crash_visit(long n, int stage)
{
    session v = {0};
    snprintf(v.visit_id, sizeof v.visit_id, "%032lx", n);
    snprintf(v.kiosk, sizeof v.kiosk, "crash-test");
    snprintf(v.routine_id, sizeof v.routine_id, "routine-%ld", n % 5);
    snprintf(v.routine_title, sizeof v.routine_title, "Respiración \"%ld\", calma", n % 5);
    snprintf(v.routine_hash, sizeof v.routine_hash, "%064ld", n % 5);
    snprintf(v.language, sizeof v.language, n % 2 ? "es" : "en");
    snprintf(v.app_version, sizeof v.app_version, "test");
    v.level = 1 + (int)(n % 3);
    v.start_utc_ms = 1795000000000 + n * 1000;
    v.planned_ms = 120000;
    v.steps_total = 4;
    v.pain_before = (int)(n % 11);
    v.pain_after = SESSION_NO_RATING;
    v.outcome = SESSION_OPEN;
    if (stage >= 1) {
        v.outcome = (session_outcome)(SESSION_COMPLETED + n % 3);
        v.stop_reason = v.outcome == SESSION_STOPPED ? STOP_REASON_TOO_PAINFUL : STOP_REASON_NONE;
        v.end_utc_ms = v.start_utc_ms + 90500;
        v.played_ms = 90500;
        v.steps_completed = 3;
    }
    if (stage >= 2)
        v.pain_after = (int)((n * 7) % 11);
    return v;
}

static bool crash_same(const session *a, const session *b)
{
    return !strcmp(a->visit_id, b->visit_id) && !strcmp(a->kiosk, b->kiosk) &&
           !strcmp(a->routine_id, b->routine_id) && !strcmp(a->routine_title, b->routine_title) &&
           !strcmp(a->routine_hash, b->routine_hash) && a->level == b->level &&
           !strcmp(a->language, b->language) && a->start_utc_ms == b->start_utc_ms &&
           a->end_utc_ms == b->end_utc_ms && a->planned_ms == b->planned_ms &&
           a->played_ms == b->played_ms && a->steps_completed == b->steps_completed &&
           a->steps_total == b->steps_total && a->outcome == b->outcome &&
           a->stop_reason == b->stop_reason && a->pain_before == b->pain_before &&
           a->pain_after == b->pain_after && !strcmp(a->app_version, b->app_version);
}

/* The child: records visits from first on, forever, writing "n stage\n" once each is stored. */
static void crash_child(const char *dir, long first, int report_fd)
{
    recorder r;
    int64_t now = 0;
    recorder_init(&r, dir, now, 0);
    for (long n = first;; n++) {
        for (int stage = 0; stage < STAGES; stage++) {
            session v = crash_visit(n, stage);
            recorder_submit(&r, &v, ++now, 0);
            recorder_wait(&r); /* the writer thread has it on the disk */
            if (!recorder_all_stored(&r)) {
                fprintf(stderr, "child: %s\n", r.problem.message);
                _exit(3);
            }
            char line[64];
            int len = snprintf(line, sizeof line, "%ld %d\n", n, stage);
            if (write(report_fd, line, (size_t)len) != len)
                _exit(4);
        }
    }
}

/* Notes that the child reported visit n stored at stage (a visit's stages come in order). */
static void crash_note(long **ids, int **stages, size_t *count, size_t *capacity, long n, int stage)
{
    if (*count > 0 && (*ids)[*count - 1] == n) {
        (*stages)[*count - 1] = stage;
        return;
    }
    if (*count == *capacity) {
        *capacity *= 2;
        *ids = realloc(*ids, *capacity * sizeof **ids);
        *stages = realloc(*stages, *capacity * sizeof **stages);
        if (!*ids || !*stages) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    (*ids)[*count] = n;
    (*stages)[(*count)++] = stage;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 300;
    char dir[] = "/tmp/ease-crash-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    /* reported[n - base] = the last stage the child said was stored, or -1. */
    size_t capacity = (size_t)runs * 64;
    long *ids = malloc(capacity * sizeof *ids);
    int *stages = malloc(capacity * sizeof *stages);
    size_t count = 0;
    long killed_mid_write = 0;
    for (int run = 0; run < runs; run++) {
        int fds[2];
        if (pipe(fds) != 0) {
            perror("pipe");
            return 1;
        }
        pid_t child = fork();
        if (child == 0) {
            close(fds[0]);
            crash_child(dir, (long)(run + 1) * IDS_PER_RUN, fds[1]);
        }
        close(fds[1]);
        FILE *in = fdopen(fds[0], "r");
        /* After a random number of stored stages (counted, so the kill lands inside the stream
         * of writes however slow the machine is: a visit takes 55 ms on a loaded machine under
         * ASan, far more than a fixed delay after the fork could assume), then at a random
         * moment within the next write. Every seventh run is killed while still opening. */
        int wanted = run % 7 == 0 ? 0 : 1 + rand() % 6;
        long n;
        int stage;
        for (int seen = 0; seen < wanted && fscanf(in, "%ld %d", &n, &stage) == 2; seen++)
            crash_note(&ids, &stages, &count, &capacity, n, stage);
        struct timespec delay = {0, (long)(rand() % 3000) * 1000L};
        if (wanted == 0)
            delay.tv_nsec = (long)(rand() % 20000) * 1000L;
        nanosleep(&delay, NULL);
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        if (!WIFSIGNALED(status)) {
            fprintf(stderr, "run %d: the child ended by itself (status %d)\n", run, status);
            return 1;
        }
        /* What it reported before it died (the pipe keeps it after the writer is gone). */
        while (fscanf(in, "%ld %d", &n, &stage) == 2)
            crash_note(&ids, &stages, &count, &capacity, n, stage);
        fclose(in);
        killed_mid_write++;
    }

    /* Every reported visit: present, intact, at its reported stage or a later one. A visit the
     * next run found still open was closed as abandoned by it, as the kiosk does at start-up. */
    store *s = NULL;
    store_error err;
    if (!store_open(dir, &s, &err)) {
        fprintf(stderr, "cannot open the records after the crashes: %s\n", err.message);
        return 1;
    }
    sqlite3_stmt *q = NULL;
    sqlite3_prepare_v2(store_db(s), "PRAGMA integrity_check", -1, &q, NULL);
    const char *verdict =
        sqlite3_step(q) == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : "no answer";
    bool ok = verdict && !strcmp(verdict, "ok");
    if (!ok)
        fprintf(stderr, "integrity_check: %s\n", verdict ? verdict : "(null)");
    sqlite3_finalize(q);
    size_t lost = 0, damaged = 0;
    for (size_t i = 0; i < count; i++) {
        session stored;
        if (!store_load(s, crash_visit(ids[i], 0).visit_id, &stored, &err)) {
            fprintf(stderr, "visit %ld (stage %d) was reported stored and is missing\n", ids[i],
                    stages[i]);
            lost++;
            continue;
        }
        bool intact = false;
        for (int stage = stages[i]; stage < STAGES && !intact; stage++) {
            session expected = crash_visit(ids[i], stage);
            intact = crash_same(&stored, &expected);
            if (!intact && stage == 0) {
                expected.outcome = SESSION_ABANDONED;
                intact = crash_same(&stored, &expected);
            }
        }
        if (!intact) {
            fprintf(stderr, "visit %ld (stage %d) is not as stored\n", ids[i], stages[i]);
            damaged++;
        }
    }
    int64_t rows = 0, newest = 0;
    store_count(s, &rows, &newest, &err);
    store_close(s);
    printf("%ld kills; %zu visits reported stored, %lld rows in the database; %zu lost, %zu "
           "damaged; integrity_check %s\n",
           killed_mid_write, count, (long long)rows, lost, damaged, ok ? "ok" : "FAILED");
    free(ids);
    free(stages);
    char command[64];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return ok && lost == 0 && damaged == 0 && count > 0 ? 0 : 1;
}
