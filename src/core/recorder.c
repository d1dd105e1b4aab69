#include "recorder.h"

#include <stdlib.h>
#include <string.h>

void recorder_init(recorder *r, const char *data_dir, int64_t now_ms)
{
    memset(r, 0, sizeof *r);
    r->data_dir = strdup(data_dir ? data_dir : ".");
    r->retry_wait_ms = RECORDER_RETRY_FIRST_MS;
    recorder_service(r, now_ms);
}

void recorder_free(recorder *r)
{
    free(r->pending);
    free(r->data_dir);
    memset(r, 0, sizeof *r);
}

static void recorder_failed(recorder *r, int64_t now_ms)
{
    r->retry_at_ms = now_ms + r->retry_wait_ms;
    r->retry_wait_ms =
        r->retry_wait_ms * 2 > RECORDER_RETRY_MAX_MS ? RECORDER_RETRY_MAX_MS : r->retry_wait_ms * 2;
}

/* Writes what waits, oldest first, stopping at the first failure so the order is kept. */
static void recorder_flush(recorder *r, int64_t now_ms)
{
    store *s = NULL;
    if (!r->data_dir || !store_open(r->data_dir, &s, &r->problem)) {
        recorder_failed(r, now_ms);
        return;
    }
    if (!r->opened) {
        size_t marked = 0;
        if (!store_close_interrupted(s, &marked, &r->problem)) {
            store_close(s);
            recorder_failed(r, now_ms);
            return;
        }
        r->interrupted += marked;
        r->opened = true;
    }
    size_t done = 0;
    while (done < r->pending_count) {
        if (!store_save(s, &r->pending[done], &r->problem))
            break;
        done++;
        r->saved++;
    }
    store_close(s);
    if (done > 0) {
        memmove(r->pending, r->pending + done, (r->pending_count - done) * sizeof *r->pending);
        r->pending_count -= done;
    }
    if (r->pending_count > 0) {
        recorder_failed(r, now_ms);
        return;
    }
    r->problem.status = STORE_OK;
    r->problem.message[0] = '\0';
    r->retry_at_ms = 0;
    r->retry_wait_ms = RECORDER_RETRY_FIRST_MS;
}

void recorder_submit(recorder *r, const session *visit, int64_t now_ms)
{
    session *slot = NULL;
    for (size_t i = 0; i < r->pending_count; i++)
        if (!strcmp(r->pending[i].visit_id, visit->visit_id))
            slot = &r->pending[i];
    if (!slot) {
        if (r->pending_count == RECORDER_MAX_PENDING) {
            /* Never reached in practice (weeks without a disk); keep the newest. */
            memmove(r->pending, r->pending + 1, (r->pending_count - 1) * sizeof *r->pending);
            r->pending_count--;
            r->dropped++;
        }
        if (r->pending_count == r->pending_capacity) {
            size_t capacity = r->pending_capacity ? r->pending_capacity * 2 : 8;
            session *grown = realloc(r->pending, capacity * sizeof *grown);
            if (!grown) {
                r->dropped++;
                return;
            }
            r->pending = grown;
            r->pending_capacity = capacity;
        }
        slot = &r->pending[r->pending_count++];
    }
    *slot = *visit;
    /* A new visit is a good moment to try at once, even while backing off. */
    recorder_flush(r, now_ms);
}

void recorder_service(recorder *r, int64_t now_ms)
{
    if (recorder_all_stored(r))
        return;
    if (r->retry_at_ms != 0 && now_ms < r->retry_at_ms)
        return;
    recorder_flush(r, now_ms);
}

int64_t recorder_next_deadline(const recorder *r, int64_t now_ms)
{
    if (r->retry_at_ms == 0)
        return -1;
    return r->retry_at_ms > now_ms ? r->retry_at_ms - now_ms : 0;
}

bool recorder_all_stored(const recorder *r)
{
    return r->pending_count == 0 && r->opened && r->problem.status == STORE_OK;
}
