#include "fleet_report.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet_db.h"
#include "store.h"

/* The same sums as report.c's, in PostgreSQL's words, in report_row's order. */
static const char fleet_report_sums[] =
    "count(*), count(*) FILTER (WHERE outcome = 'completed'),"
    " count(*) FILTER (WHERE outcome = 'stopped'), count(*) FILTER (WHERE outcome = 'abandoned'),"
    " count(*) FILTER (WHERE stop_reason = 'too-painful'),"
    " count(*) FILTER (WHERE stop_reason = 'too-tiring'),"
    " count(*) FILTER (WHERE stop_reason = 'had-to-go'),"
    " count(*) FILTER (WHERE stop_reason = 'other'),"
    " count(*) FILTER (WHERE stop_reason = 'dizzy-unwell'),"
    " count(pain_before), count(pain_after), count(pain_after - pain_before),"
    " avg(pain_before), avg(pain_after), avg(pain_after - pain_before),"
    /* The same descriptive measures as report.c, with its thresholds (REPORT_CHANGE_POINTS 2,
     * REPORT_BASELINE_MIN 3, REPORT_CHANGE_PERCENT 30): pain up by 2+ first (a safety signal),
     * then among those who started at 3+, pain down by 2 points and by 30 %. */
    " count(*) FILTER (WHERE pain_after - pain_before >= 2),"
    " count(*) FILTER (WHERE pain_after IS NOT NULL AND pain_before >= 3),"
    " count(*) FILTER (WHERE pain_before >= 3 AND pain_before - pain_after >= 2),"
    " count(*) FILTER (WHERE pain_before >= 3 AND (pain_before - pain_after) * 100 >= 30 * "
    "pain_before)";

/* The SQL above spells report.h's thresholds out: it must change with them. */
_Static_assert(REPORT_CHANGE_POINTS == 2 && REPORT_BASELINE_MIN == 3 && REPORT_CHANGE_PERCENT == 30,
               "fleet_report_sums repeats report.h's thresholds");

/* $1, $2: the range; $3, $4: clinic and kiosk or NULL. Written so the planner, which sees the
 * values (each query is planned with them), drops the unused conditions and uses the clinic's
 * or the kiosk's index. */
static const char fleet_report_where[] =
    "start_utc >= coalesce($1::timestamptz, '-infinity')"
    " AND start_utc < coalesce($2::timestamptz, 'infinity')"
    " AND ($3::text IS NULL OR clinic = $3) AND ($4::text IS NULL OR kiosk = $4)";

/* A statement over the visits the filter keeps: its text, and the filter as its parameters
 * $1 to $4 (fleet_report_where). */
typedef struct {
    char since[32], until[32], sql[2048];
    const char *params[4];
} fleet_query;

/* The format's one %s (or more) is filled from the arguments, like printf. */
__attribute__((format(printf, 3, 4))) static void
fleet_report_query(fleet_query *q, const fleet_filter *f, const char *format, ...)
{
    q->params[0] = q->params[1] = NULL;
    if (f->since_utc_ms > 0) {
        store_format_utc(f->since_utc_ms, q->since);
        q->params[0] = q->since;
    }
    if (f->until_utc_ms != INT64_MAX) {
        store_format_utc(f->until_utc_ms, q->until);
        q->params[1] = q->until;
    }
    q->params[2] = f->clinic && *f->clinic ? f->clinic : NULL;
    q->params[3] = f->kiosk && *f->kiosk ? f->kiosk : NULL;
    va_list args;
    va_start(args, format);
    vsnprintf(q->sql, sizeof q->sql, format, args);
    va_end(args);
}

static double fleet_report_mean(PGresult *r, int row, int column)
{
    return PQgetisnull(r, row, column) ? NAN : atof(PQgetvalue(r, row, column));
}

static void fleet_report_fill(PGresult *r, int row_index, int first, report_row *row)
{
    int c = first;
    row->visits = atoll(PQgetvalue(r, row_index, c++));
    row->completed = atoll(PQgetvalue(r, row_index, c++));
    row->stopped = atoll(PQgetvalue(r, row_index, c++));
    row->abandoned = atoll(PQgetvalue(r, row_index, c++));
    for (int why = STOP_REASON_TOO_PAINFUL; why < STOP_REASON_COUNT; why++)
        row->reasons[why] = atoll(PQgetvalue(r, row_index, c++));
    row->rated_before = atoll(PQgetvalue(r, row_index, c++));
    row->rated_after = atoll(PQgetvalue(r, row_index, c++));
    row->rated_both = atoll(PQgetvalue(r, row_index, c++));
    row->mean_before = fleet_report_mean(r, row_index, c++);
    row->mean_after = fleet_report_mean(r, row_index, c++);
    row->mean_change = fleet_report_mean(r, row_index, c++);
    row->rose = atoll(PQgetvalue(r, row_index, c++));
    row->from_baseline = atoll(PQgetvalue(r, row_index, c++));
    row->fell_points = atoll(PQgetvalue(r, row_index, c++));
    row->fell_percent = atoll(PQgetvalue(r, row_index, c++));
}

bool fleet_report_build(PGconn *conn, const fleet_filter *filter, report *out, char *message,
                        size_t size)
{
    fleet_query q;
    /* Per version, and the totals, in one statement (GROUPING SETS): one scan of the range. */
    fleet_report_query(
        &q, filter,
        "SELECT grouping(routine_id), routine_id, routine_hash,"
        " coalesce(max(routine_title) FILTER (WHERE language = 'en'), max(routine_title)),"
        " %s, min(start_utc) FROM ease.visit WHERE %s AND outcome != 'open'"
        " GROUP BY GROUPING SETS ((routine_id, routine_hash), ())"
        " ORDER BY grouping(routine_id), routine_id, min(start_utc)",
        fleet_report_sums, fleet_report_where);
    PGresult *r = NULL;
    if (!fleet_db_exec(conn, q.sql, 4, q.params, &r, "read the visits", message, size))
        return false;
    report result = {0};
    int rows = PQntuples(r);
    result.rows = calloc(rows > 0 ? (size_t)rows : 1, sizeof *result.rows);
    if (!result.rows) {
        PQclear(r);
        snprintf(message, size, "out of memory");
        return false;
    }
    for (int i = 0; i < rows; i++) {
        bool total = atoi(PQgetvalue(r, i, 0)) == 1;
        report_row *row = total ? &result.total : &result.rows[result.count++];
        if (!total) {
            snprintf(row->routine_id, sizeof row->routine_id, "%s", PQgetvalue(r, i, 1));
            snprintf(row->routine_hash, sizeof row->routine_hash, "%s", PQgetvalue(r, i, 2));
            snprintf(row->routine_title, sizeof row->routine_title, "%s", PQgetvalue(r, i, 3));
        }
        fleet_report_fill(r, i, 4, row);
    }
    PQclear(r);
    fleet_report_query(&q, filter, "SELECT count(*) FROM ease.visit WHERE %s AND outcome = 'open'",
                       fleet_report_where);
    if (!fleet_db_exec(conn, q.sql, 4, q.params, &r, "read the visits", message, size)) {
        free(result.rows);
        return false;
    }
    result.open = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    *out = result;
    return true;
}

/* A time the query gives as epoch milliseconds; 0 for none (an open visit's end). */
static int64_t fleet_report_time(PGresult *r, int row, int column)
{
    return PQgetisnull(r, row, column) ? 0 : atoll(PQgetvalue(r, row, column));
}

bool fleet_report_export_csv(PGconn *conn, const fleet_filter *filter, FILE *out, char *message,
                             size_t size)
{
    fleet_query q;
    fleet_report_query(
        &q, filter,
        "SELECT visit_id, kiosk, routine_id, routine_title, routine_hash, level, language,"
        " (extract(epoch FROM start_utc) * 1000)::bigint,"
        " (extract(epoch FROM end_utc) * 1000)::bigint,"
        " (planned_seconds * 1000)::bigint, (played_seconds * 1000)::bigint,"
        " steps_completed, steps_total, outcome, coalesce(stop_reason, ''),"
        " coalesce(pain_before, -1), coalesce(pain_after, -1), app_version"
        " FROM ease.visit WHERE %s ORDER BY start_utc, visit_id",
        fleet_report_where);
    /* A year of a large group is millions of rows: read them in single-row mode, never all in
     * memory at once. */
    if (!PQsendQueryParams(conn, q.sql, 4, NULL, q.params, NULL, NULL, 0) ||
        !PQsetSingleRowMode(conn)) {
        snprintf(message, size, "cannot read the visits: %s", PQerrorMessage(conn));
        return false;
    }
    report_csv_header(out);
    bool ok = true;
    PGresult *r;
    while ((r = PQgetResult(conn))) {
        ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_SINGLE_TUPLE && ok) {
            session v;
            memset(&v, 0, sizeof v);
            snprintf(v.visit_id, sizeof v.visit_id, "%s", PQgetvalue(r, 0, 0));
            snprintf(v.kiosk, sizeof v.kiosk, "%s", PQgetvalue(r, 0, 1));
            snprintf(v.routine_id, sizeof v.routine_id, "%s", PQgetvalue(r, 0, 2));
            snprintf(v.routine_title, sizeof v.routine_title, "%s", PQgetvalue(r, 0, 3));
            snprintf(v.routine_hash, sizeof v.routine_hash, "%s", PQgetvalue(r, 0, 4));
            v.level = atoi(PQgetvalue(r, 0, 5));
            snprintf(v.language, sizeof v.language, "%s", PQgetvalue(r, 0, 6));
            v.start_utc_ms = fleet_report_time(r, 0, 7);
            v.end_utc_ms = fleet_report_time(r, 0, 8);
            v.planned_ms = atoll(PQgetvalue(r, 0, 9));
            v.played_ms = atoll(PQgetvalue(r, 0, 10));
            v.steps_completed = atoi(PQgetvalue(r, 0, 11));
            v.steps_total = atoi(PQgetvalue(r, 0, 12));
            const char *outcome = PQgetvalue(r, 0, 13), *reason = PQgetvalue(r, 0, 14);
            for (int i = SESSION_OPEN; i <= SESSION_ABANDONED; i++)
                if (!strcmp(outcome, session_outcome_name((session_outcome)i)))
                    v.outcome = (session_outcome)i;
            for (int i = STOP_REASON_TOO_PAINFUL; i < STOP_REASON_COUNT; i++)
                if (!strcmp(reason, session_stop_reason_name((session_stop_reason)i)))
                    v.stop_reason = (session_stop_reason)i;
            v.pain_before = atoi(PQgetvalue(r, 0, 15));
            v.pain_after = atoi(PQgetvalue(r, 0, 16));
            snprintf(v.app_version, sizeof v.app_version, "%s", PQgetvalue(r, 0, 17));
            ok = report_csv_row(&v, out);
            if (!ok)
                snprintf(message, size, "cannot write the CSV");
        } else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK) {
            snprintf(message, size, "cannot read the visits: %s", PQresultErrorMessage(r));
            ok = false;
        }
        PQclear(r);
    }
    return ok;
}

bool fleet_report_kiosks(PGconn *conn, const char *clinic, FILE *out, size_t *silent, char *message,
                         size_t size)
{
    const char *params[] = {clinic && *clinic ? clinic : NULL};
    PGresult *r = NULL;
    if (!fleet_db_exec(
            conn,
            "SELECT k.clinic, k.kiosk, to_char(h.received_utc, 'YYYY-MM-DD HH24:MI:SS UTC'),"
            " (extract(epoch FROM now() - h.received_utc) * 1000)::bigint, h.app_version,"
            " h.routines_loaded, h.routines_rejected, h.visits_waiting, h.sound, h.last_error,"
            " h.kiosk_skew_ms, to_char(h.last_visit_utc, 'YYYY-MM-DD HH24:MI UTC'),"
            " (SELECT count(*) FROM ease.visit v WHERE v.kiosk = k.kiosk)"
            " FROM ease.kiosk k LEFT JOIN ease.heartbeat h USING (kiosk)"
            " WHERE $1::text IS NULL OR k.clinic = $1 ORDER BY k.clinic, k.kiosk",
            1, params, &r, "read the kiosks", message, size))
        return false;
    *silent = 0;
    int rows = PQntuples(r);
    fprintf(out, "%-16s %-20s %-8s %s\n", "clinic", "kiosk", "state",
            "last heard, and what it said");
    for (int i = 0; i < rows; i++) {
        bool never = PQgetisnull(r, i, 2);
        int64_t ago_ms = never ? 0 : atoll(PQgetvalue(r, i, 3));
        bool quiet = never || ago_ms > FLEET_SILENT_AFTER_MS;
        if (quiet)
            (*silent)++;
        fprintf(out, "%-16s %-20s %-8s ", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
                quiet ? "SILENT" : "ok");
        if (never) {
            fprintf(out, "never heard from (%s visits)\n", PQgetvalue(r, i, 12));
            continue;
        }
        int64_t skew = atoll(PQgetvalue(r, i, 10));
        fprintf(out,
                "%s (%" PRId64 " min ago); version %s; %s routines, %s left out; %s visits "
                "stored here, %s waiting; last visit %s; sound %s; clock %+.1f s",
                PQgetvalue(r, i, 2), ago_ms / 60000, PQgetvalue(r, i, 4), PQgetvalue(r, i, 5),
                PQgetvalue(r, i, 6), PQgetvalue(r, i, 12), PQgetvalue(r, i, 7),
                PQgetisnull(r, i, 11) ? "none" : PQgetvalue(r, i, 11), PQgetvalue(r, i, 8),
                (double)-skew / 1000.0);
        if (*PQgetvalue(r, i, 9))
            fprintf(out, "; error: %s", PQgetvalue(r, i, 9));
        fputc('\n', out);
    }
    PQclear(r);
    return true;
}
