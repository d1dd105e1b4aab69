#include "recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "source_file.h"

/* One visit waiting to be stored. version grows with each hand-over of the same visit, so the
 * writer removes it only when what it stored is still the newest. */
typedef struct {
    session visit;
    uint64_t version, journaled_version;
} recorder_entry;

struct recorder_shared {
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    char *data_dir; /* a copy; read only */
    recorder_entry *pending;
    size_t count, capacity;
    uint64_t next_version;
    uint64_t asked, answered;
    bool stop;
    int64_t utc_ms; /* handed in with the last request: names a database moved aside */
    /* the writer's results */
    bool opened;
    size_t dropped, saved, interrupted, replayed;
    store_error problem;
    char moved_aside[4200];
};

/* ---- the journal: a header, then one record per visit version, each with a checksum ---- */

static const char recorder_journal_magic[8] = {'E', 'A', 'S', 'E', 'J', 'N', 'L', '1'};

typedef struct {
    char magic[8];
    uint32_t record_size; /* sizeof(session) of the Ease that wrote it */
    uint32_t reserved;
} recorder_journal_header;

char *recorder_journal_path(const char *data_dir)
{
    return source_file_join(data_dir, "ease.sqlite.pending");
}

static uint32_t recorder_checksum(const void *data, size_t size)
{
    const unsigned char *p = data;
    uint32_t hash = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < size; i++)
        hash = (hash ^ p[i]) * 16777619u;
    return hash;
}

static bool recorder_write_all(int fd, const void *data, size_t size)
{
    const char *p = data;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= (size_t)n;
    }
    return true;
}

/* Appends the visits and fsyncs: after this returns true, a restart (or a power cut) loses none
 * of them. */
static bool recorder_journal_append(const char *path, const session *const *visits, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0)
        return false;
    struct stat info;
    bool ok = fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    if (ok && info.st_size == 0) {
        recorder_journal_header header = {.record_size = (uint32_t)sizeof(session)};
        memcpy(header.magic, recorder_journal_magic, sizeof header.magic);
        ok = recorder_write_all(fd, &header, sizeof header);
    }
    for (size_t i = 0; ok && i < n; i++) {
        uint32_t sum = recorder_checksum(visits[i], sizeof *visits[i]);
        ok = recorder_write_all(fd, visits[i], sizeof *visits[i]) &&
             recorder_write_all(fd, &sum, sizeof sum);
    }
    ok = ok && fsync(fd) == 0;
    close(fd);
    if (ok && info.st_size == 0) {
        /* A new file: its name is on the disk only once its folder is synced too. */
        char *folder = source_file_dirname(path);
        int dir = folder ? open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
        if (dir >= 0) {
            fsync(dir);
            close(dir);
        }
        free(folder);
    }
    return ok;
}

/* Adds one visit to the waiting list (or updates its waiting version). Lock held. */
static recorder_entry *recorder_put(recorder_shared *sh, const session *visit)
{
    for (size_t i = 0; i < sh->count; i++)
        if (!strcmp(sh->pending[i].visit.visit_id, visit->visit_id)) {
            sh->pending[i].visit = *visit;
            sh->pending[i].version = ++sh->next_version;
            return &sh->pending[i];
        }
    if (sh->count == RECORDER_MAX_PENDING) {
        /* Never reached in practice (weeks without a disk); keep the newest. */
        memmove(sh->pending, sh->pending + 1, (sh->count - 1) * sizeof *sh->pending);
        sh->count--;
        sh->dropped++;
    }
    recorder_entry *grown = array_grow(sh->pending, &sh->capacity, sh->count + 1, sizeof *grown);
    if (!grown) {
        sh->dropped++;
        return NULL;
    }
    sh->pending = grown;
    recorder_entry *slot = &sh->pending[sh->count++];
    memset(slot, 0, sizeof *slot);
    slot->visit = *visit;
    slot->version = ++sh->next_version;
    return slot;
}

/* Reads back what a previous run left waiting; a torn last record (a power cut mid-append) and
 * anything after it is ignored. Lock not needed: the writer is not started yet. */
static void recorder_journal_read(recorder_shared *sh)
{
    char *path = recorder_journal_path(sh->data_dir);
    diag_list ignored;
    diag_init(&ignored);
    unsigned char *data = NULL;
    size_t size = 0;
    size_t limit = sizeof(recorder_journal_header) +
                   (size_t)RECORDER_MAX_PENDING * 8 * (sizeof(session) + sizeof(uint32_t));
    if (path && access(path, F_OK) == 0 && source_file_read(path, limit, &data, &size, &ignored)) {
        recorder_journal_header header;
        if (size >= sizeof header) {
            memcpy(&header, data, sizeof header);
            if (!memcmp(header.magic, recorder_journal_magic, sizeof header.magic) &&
                header.record_size == sizeof(session)) {
                size_t record = sizeof(session) + sizeof(uint32_t);
                for (size_t at = sizeof header; at + record <= size; at += record) {
                    session visit;
                    uint32_t sum;
                    memcpy(&visit, data + at, sizeof visit);
                    memcpy(&sum, data + at + sizeof visit, sizeof sum);
                    if (sum != recorder_checksum(&visit, sizeof visit))
                        break;
                    visit.visit_id[sizeof visit.visit_id - 1] = '\0';
                    recorder_entry *e = recorder_put(sh, &visit);
                    if (e)
                        e->journaled_version = e->version;
                }
            }
        }
    }
    sh->replayed = sh->count;
    free(data);
    free(path);
    diag_free(&ignored);
}

/* ---- the writer thread ---- */

typedef struct {
    recorder_entry entry;
    bool saved, journaled;
} recorder_job;

/* Opens the store; a damaged one is moved aside (once a flush) and a new one started. */
static bool recorder_open(recorder_shared *sh, int64_t utc_ms, bool *moved, store **s,
                          store_error *problem, char *moved_to, size_t size)
{
    if (store_open(sh->data_dir, s, problem))
        return true;
    if (problem->status != STORE_DAMAGED || *moved)
        return false;
    *moved = true;
    store_error aside;
    if (!store_move_aside(sh->data_dir, utc_ms, moved_to, size, &aside)) {
        *problem = aside;
        return false;
    }
    return store_open(sh->data_dir, s, problem);
}

/* One flush: everything waiting, written outside the lock, oldest first, stopping at the first
 * failure so the order is kept; what did not land goes to the journal. */
static void recorder_flush(recorder_shared *sh)
{
    pthread_mutex_lock(&sh->lock);
    size_t n = sh->count;
    recorder_job *jobs = n ? calloc(n, sizeof *jobs) : NULL;
    for (size_t i = 0; jobs && i < n; i++)
        jobs[i].entry = sh->pending[i];
    int64_t utc_ms = sh->utc_ms;
    bool opened = sh->opened;
    pthread_mutex_unlock(&sh->lock);
    if (n && !jobs)
        return; /* out of memory: the visits stay waiting */

    store *s = NULL;
    store_error problem = {0};
    char moved_to[sizeof sh->moved_aside] = "";
    bool moved = false;
    size_t marked = 0, saved = 0;
    bool ok = recorder_open(sh, utc_ms, &moved, &s, &problem, moved_to, sizeof moved_to);
    if (ok && !opened)
        ok = store_close_interrupted(s, &marked, &problem);
    bool opened_now = ok;
    for (size_t i = 0; ok && i < n; i++) {
        if (store_save(s, &jobs[i].entry.visit, &problem)) {
            jobs[i].saved = true;
            saved++;
            continue;
        }
        if (problem.status != STORE_DAMAGED || moved) {
            ok = false;
            break;
        }
        /* Damage found by a write (a corrupt page): aside, a new database, this visit again. */
        store_close(s);
        s = NULL;
        ok = recorder_open(sh, utc_ms, &moved, &s, &problem, moved_to, sizeof moved_to);
        i--;
    }
    store_close(s);

    char *journal = recorder_journal_path(sh->data_dir);
    if (ok && journal) {
        unlink(journal); /* every visit it held is in the database now */
    } else if (journal) {
        const session **fresh = calloc(n ? n : 1, sizeof *fresh);
        size_t count = 0;
        for (size_t i = 0; fresh && i < n; i++)
            if (!jobs[i].saved && jobs[i].entry.journaled_version != jobs[i].entry.version)
                fresh[count++] = &jobs[i].entry.visit;
        if (count && recorder_journal_append(journal, fresh, count))
            for (size_t i = 0; i < n; i++)
                jobs[i].journaled = !jobs[i].saved;
        free(fresh);
    }
    free(journal);

    pthread_mutex_lock(&sh->lock);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < sh->count; j++) {
            recorder_entry *e = &sh->pending[j];
            if (strcmp(e->visit.visit_id, jobs[i].entry.visit.visit_id))
                continue;
            if (jobs[i].saved && e->version == jobs[i].entry.version) {
                memmove(e, e + 1, (sh->count - j - 1) * sizeof *e);
                sh->count--;
            } else if (jobs[i].journaled && e->version == jobs[i].entry.version) {
                e->journaled_version = e->version;
            }
            break;
        }
    }
    sh->saved += saved;
    sh->interrupted += marked;
    sh->opened |= opened_now;
    if (ok) {
        sh->problem.status = STORE_OK;
        sh->problem.message[0] = '\0';
    } else {
        sh->problem = problem;
    }
    if (moved_to[0])
        snprintf(sh->moved_aside, sizeof sh->moved_aside, "%s", moved_to);
    pthread_mutex_unlock(&sh->lock);
    free(jobs);
}

static void *recorder_writer(void *arg)
{
    recorder_shared *sh = arg;
    pthread_mutex_lock(&sh->lock);
    for (;;) {
        while (sh->answered == sh->asked && !sh->stop)
            pthread_cond_wait(&sh->wake, &sh->lock);
        if (sh->answered == sh->asked)
            break; /* stopping, nothing left to do */
        uint64_t target = sh->asked;
        pthread_mutex_unlock(&sh->lock);
        recorder_flush(sh);
        pthread_mutex_lock(&sh->lock);
        sh->answered = target;
        pthread_cond_broadcast(&sh->done);
    }
    pthread_mutex_unlock(&sh->lock);
    return NULL;
}

/* ---- the frame loop's side ---- */

/* Takes up the writer's results. Lock held. */
static void recorder_take_up(recorder *r)
{
    recorder_shared *sh = r->shared;
    r->answered = sh->answered;
    r->opened = sh->opened;
    r->pending_count = sh->count;
    r->dropped = sh->dropped;
    r->saved = sh->saved;
    r->interrupted = sh->interrupted;
    r->replayed = sh->replayed;
    r->problem = sh->problem;
    snprintf(r->moved_aside, sizeof r->moved_aside, "%s", sh->moved_aside);
}

/* Asks the writer for a flush. Lock held. */
static void recorder_ask(recorder *r, int64_t utc_ms)
{
    r->shared->utc_ms = utc_ms;
    r->asked = ++r->shared->asked;
    r->retry_at_ms = 0;
    pthread_cond_signal(&r->shared->wake);
}

/* After a finished flush: back off while visits still wait, reset once all landed. */
static void recorder_schedule(recorder *r, int64_t now_ms)
{
    if (r->answered != r->asked)
        return; /* the writer is still at it */
    if (r->pending_count == 0 && r->problem.status == STORE_OK && r->opened) {
        r->retry_at_ms = 0;
        r->retry_wait_ms = RECORDER_RETRY_FIRST_MS;
    } else if (r->retry_at_ms == 0) {
        r->retry_at_ms = now_ms + r->retry_wait_ms;
        r->retry_wait_ms = r->retry_wait_ms * 2 > RECORDER_RETRY_MAX_MS ? RECORDER_RETRY_MAX_MS
                                                                        : r->retry_wait_ms * 2;
    }
}

void recorder_init(recorder *r, const char *data_dir, int64_t now_ms, int64_t utc_ms)
{
    memset(r, 0, sizeof *r);
    r->data_dir = strdup(data_dir ? data_dir : ".");
    r->retry_wait_ms = RECORDER_RETRY_FIRST_MS;
    r->shared = calloc(1, sizeof *r->shared);
    if (!r->data_dir || !r->shared) {
        r->problem.status = STORE_FAILED;
        snprintf(r->problem.message, sizeof r->problem.message, "out of memory");
        return;
    }
    recorder_shared *sh = r->shared;
    pthread_mutex_init(&sh->lock, NULL);
    pthread_cond_init(&sh->wake, NULL);
    pthread_cond_init(&sh->done, NULL);
    sh->data_dir = r->data_dir;
    recorder_journal_read(sh);
    r->writer_running = pthread_create(&r->writer, NULL, recorder_writer, sh) == 0;
    if (!r->writer_running) {
        r->problem.status = STORE_FAILED;
        snprintf(r->problem.message, sizeof r->problem.message,
                 "cannot start the records writer; visits are not kept");
        return;
    }
    pthread_mutex_lock(&sh->lock);
    recorder_ask(r, utc_ms);
    pthread_mutex_unlock(&sh->lock);
    recorder_wait(r);
    recorder_schedule(r, now_ms);
}

void recorder_wait(recorder *r)
{
    if (!r->shared || !r->writer_running)
        return;
    pthread_mutex_lock(&r->shared->lock);
    while (r->shared->answered < r->asked)
        pthread_cond_wait(&r->shared->done, &r->shared->lock);
    recorder_take_up(r);
    pthread_mutex_unlock(&r->shared->lock);
}

void recorder_free(recorder *r)
{
    recorder_shared *sh = r->shared;
    if (sh && r->writer_running) {
        pthread_mutex_lock(&sh->lock);
        if (sh->count)
            recorder_ask(r, sh->utc_ms); /* one last try for anything waiting */
        sh->stop = true;
        pthread_cond_signal(&sh->wake);
        pthread_mutex_unlock(&sh->lock);
        pthread_join(r->writer, NULL);
    }
    if (sh) {
        pthread_mutex_destroy(&sh->lock);
        pthread_cond_destroy(&sh->wake);
        pthread_cond_destroy(&sh->done);
        free(sh->pending);
        free(sh);
    }
    free(r->data_dir);
    memset(r, 0, sizeof *r);
}

void recorder_submit(recorder *r, const session *visit, int64_t now_ms, int64_t utc_ms)
{
    if (!r->shared || !r->writer_running)
        return;
    pthread_mutex_lock(&r->shared->lock);
    recorder_put(r->shared, visit);
    /* A new visit is a good moment to try at once, even while backing off. */
    recorder_ask(r, utc_ms);
    recorder_take_up(r);
    pthread_mutex_unlock(&r->shared->lock);
    (void)now_ms;
}

void recorder_service(recorder *r, int64_t now_ms, int64_t utc_ms)
{
    if (!r->shared || !r->writer_running)
        return;
    pthread_mutex_lock(&r->shared->lock);
    recorder_take_up(r);
    recorder_schedule(r, now_ms);
    if (r->retry_at_ms != 0 && now_ms >= r->retry_at_ms && r->answered == r->asked)
        recorder_ask(r, utc_ms);
    pthread_mutex_unlock(&r->shared->lock);
}

int64_t recorder_next_deadline(const recorder *r, int64_t now_ms)
{
    if (r->answered != r->asked)
        return RECORDER_RETRY_FIRST_MS / 4; /* the writer is at it: look again soon */
    if (r->retry_at_ms == 0)
        return -1;
    return r->retry_at_ms > now_ms ? r->retry_at_ms - now_ms : 0;
}

bool recorder_all_stored(const recorder *r)
{
    return r->pending_count == 0 && r->opened && r->problem.status == STORE_OK &&
           r->answered == r->asked;
}
