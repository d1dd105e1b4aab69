#include "store_summary.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "store_db.h"

static const char summary_sums[] =
    "count(*), "
    "sum(outcome = 'completed'), sum(outcome = 'stopped'), sum(outcome = 'abandoned'), "
    "sum(stop_reason = 'too-painful'), sum(stop_reason = 'too-tiring'), "
    "sum(stop_reason = 'had-to-go'), sum(stop_reason = 'other'), "
    "sum(stop_reason = 'dizzy-unwell'), "
    "count(pain_before), count(pain_after), count(pain_after - pain_before), "
    "avg(pain_before), avg(pain_after), avg(pain_after - pain_before), "
    "coalesce(sum(pain_after - pain_before >= ?3), 0), "
    "coalesce(sum(pain_after IS NOT NULL AND pain_before >= ?4), 0), "
    "coalesce(sum(pain_after IS NOT NULL AND pain_before >= ?4 AND "
    "pain_before - pain_after >= ?3), 0), "
    "coalesce(sum(pain_after IS NOT NULL AND pain_before >= ?4 AND "
    "(pain_before - pain_after) * 100 >= ?5 * pain_before), 0)";
enum { SUMMARY_SUMS_COLUMNS = 19 };

static void summary_bounds(int64_t since_utc_ms, int64_t until_utc_ms, char since[32],
                           char until[32])
{
    if (since_utc_ms <= 0)
        since[0] = '\0';
    else
        store_format_utc(since_utc_ms, since);
    if (until_utc_ms == INT64_MAX)
        snprintf(until, 32, "~"); /* after every digit: no upper bound */
    else
        store_format_utc(until_utc_ms, until);
}

static double summary_mean(sqlite3_stmt *q, int column)
{
    return sqlite3_column_type(q, column) == SQLITE_NULL ? NAN : sqlite3_column_double(q, column);
}

/* Columns from `first` on, in summary_sums order. */
static void summary_fill(sqlite3_stmt *q, int first, store_sums *row)
{
    int c = first;
    row->visits = sqlite3_column_int64(q, c++);
    row->completed = sqlite3_column_int64(q, c++);
    row->stopped = sqlite3_column_int64(q, c++);
    row->abandoned = sqlite3_column_int64(q, c++);
    for (int why = STOP_REASON_TOO_PAINFUL; why < STOP_REASON_COUNT; why++)
        row->reasons[why] = sqlite3_column_int64(q, c++);
    row->rated_before = sqlite3_column_int64(q, c++);
    row->rated_after = sqlite3_column_int64(q, c++);
    row->rated_both = sqlite3_column_int64(q, c++);
    row->mean_before = summary_mean(q, c++);
    row->mean_after = summary_mean(q, c++);
    row->mean_change = summary_mean(q, c++);
    row->rose = sqlite3_column_int64(q, c++);
    row->from_baseline = sqlite3_column_int64(q, c++);
    row->fell_points = sqlite3_column_int64(q, c++);
    row->fell_percent = sqlite3_column_int64(q, c++);
}

static bool summary_query(store *s, const char *sql, const char *since, const char *until,
                          const store_sums_rule *rule, sqlite3_stmt **out, store_error *err)
{
    sqlite3 *db = store_db(s);
    if (sqlite3_prepare_v2(db, sql, -1, out, NULL) != SQLITE_OK) {
        snprintf(err->message, sizeof err->message, "cannot read %s: %s", store_file(s),
                 sqlite3_errmsg(db));
        err->status = STORE_FAILED;
        return false;
    }
    sqlite3_bind_text(*out, 1, since, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(*out, 2, until, -1, SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(*out) >= 5) {
        sqlite3_bind_int(*out, 3, rule->change_points);
        sqlite3_bind_int(*out, 4, rule->baseline_min);
        sqlite3_bind_int(*out, 5, rule->change_percent);
    }
    return true;
}

static bool summary_read_failed(store *s, sqlite3_stmt *q, store_error *err)
{
    sqlite3 *db = store_db(s);
    snprintf(err->message, sizeof err->message, "cannot read %s: %s", store_file(s),
             sqlite3_errmsg(db));
    err->status = STORE_FAILED;
    sqlite3_finalize(q);
    return false;
}

bool store_summarise(store *s, int64_t since_utc_ms, int64_t until_utc_ms,
                     const store_sums_rule *rule, store_summary *out, store_error *err)
{
    char since[32], until[32], sql[1536];
    summary_bounds(since_utc_ms, until_utc_ms, since, until);
    store_summary r = {0};
    /* The index on start_utc pays for a narrow range; over all visits a plain scan is faster
     * (the unary + keeps the planner from the index). */
    const char *range = since_utc_ms <= 0 && until_utc_ms == INT64_MAX
                            ? "+start_utc >= ?1 AND +start_utc < ?2"
                            : "start_utc >= ?1 AND start_utc < ?2";

    /* A title per version: the English one where a patient chose English, else any. */
    snprintf(sql, sizeof sql,
             "SELECT routine_id, routine_hash, "
             "coalesce(max(CASE WHEN language = 'en' THEN routine_title END), "
             "max(routine_title)), %s FROM visit WHERE %s AND outcome != 'open' "
             "GROUP BY routine_id, routine_hash ORDER BY routine_id, min(start_utc)",
             summary_sums, range);
    sqlite3_stmt *q = NULL;
    if (!summary_query(s, sql, since, until, rule, &q, err))
        return false;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        store_sums *grown = array_grow(r.rows, &r.capacity, r.count + 1, sizeof *grown);
        if (!grown) {
            free(r.rows);
            sqlite3_finalize(q);
            snprintf(err->message, sizeof err->message, "out of memory");
            err->status = STORE_FAILED;
            return false;
        }
        r.rows = grown;
        store_sums *row = &r.rows[r.count++];
        memset(row, 0, sizeof *row);
        snprintf(row->routine_id, sizeof row->routine_id, "%s", sqlite3_column_text(q, 0));
        snprintf(row->routine_hash, sizeof row->routine_hash, "%s", sqlite3_column_text(q, 1));
        snprintf(row->routine_title, sizeof row->routine_title, "%s", sqlite3_column_text(q, 2));
        summary_fill(q, 3, row);
    }
    if (rc != SQLITE_DONE) {
        free(r.rows);
        return summary_read_failed(s, q, err);
    }
    sqlite3_finalize(q);

    snprintf(sql, sizeof sql,
             "SELECT %s, (SELECT count(*) FROM visit WHERE %s AND outcome = 'open') "
             "FROM visit WHERE %s AND outcome != 'open'",
             summary_sums, range, range);
    if (!summary_query(s, sql, since, until, rule, &q, err)) {
        free(r.rows);
        return false;
    }
    if (sqlite3_step(q) != SQLITE_ROW) {
        free(r.rows);
        return summary_read_failed(s, q, err);
    }
    summary_fill(q, 0, &r.total);
    r.open = sqlite3_column_int64(q, SUMMARY_SUMS_COLUMNS);
    sqlite3_finalize(q);
    *out = r;
    return true;
}
