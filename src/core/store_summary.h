/* The store's summary of visits for report.c: per routine version and in all, how they ended
 * and the pain ratings, counted by SQLite where the rows are (over 100,000 visits a summary in
 * C would read every row). The rules of what counts as a change are the report's, handed in;
 * the SQL stays inside the store. */
#ifndef EASE_STORE_SUMMARY_H
#define EASE_STORE_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session.h"
#include "store.h"

typedef struct {
    char routine_id[65], routine_title[128], routine_hash[65]; /* "" in the totals row */
    int64_t visits, completed, stopped, abandoned;
    int64_t reasons[STOP_REASON_COUNT]; /* of the stopped, by reason */
    int64_t rated_before, rated_after, rated_both;
    double mean_before, mean_after, mean_change; /* NAN when nobody rated */
    int64_t rose;          /* of rated_both: pain up by change_points or more */
    int64_t from_baseline; /* of rated_both: pain before at baseline_min or more */
    int64_t fell_points;   /* of from_baseline: pain down by change_points or more */
    int64_t fell_percent;  /* of from_baseline: pain down by change_percent % or more */
} store_sums;

/* What counts as a change (report.h's REPORT_* give the values and why). */
typedef struct {
    int change_points, baseline_min, change_percent;
} store_sums_rule;

typedef struct {
    store_sums *rows; /* per routine version, by id then first visit; the caller frees */
    size_t count, capacity;
    store_sums total;
    int64_t open; /* visits playing now, not counted */
} store_summary;

/* Visits that started in [since_utc_ms, until_utc_ms) (0 and INT64_MAX for no bound) and are
 * not still open. On failure *out is untouched and err says why. */
bool store_summarise(store *s, int64_t since_utc_ms, int64_t until_utc_ms,
                     const store_sums_rule *rule, store_summary *out, store_error *err);

#endif
