#include "fleet_ship.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet_db.h"

/* The batch arrives as one JSON array and is unpacked by the server, so a batch of any size is
 * one statement, one round trip and one transaction. */
static const char fleet_ship_sql[] =
    "INSERT INTO ease.visit AS v (visit_id, kiosk, clinic, revision, routine_id, routine_title,"
    " routine_hash, level, language, start_utc, end_utc, planned_seconds, played_seconds,"
    " steps_completed, steps_total, outcome, stop_reason, pain_before, pain_after, app_version,"
    " kiosk_skew_ms)"
    " SELECT r.visit_id, r.kiosk, r.clinic, r.revision, r.routine_id, r.routine_title,"
    " r.routine_hash, r.level, r.language, r.start_utc, r.end_utc, r.planned_seconds,"
    " r.played_seconds, r.steps_completed, r.steps_total, r.outcome, r.stop_reason,"
    " r.pain_before, r.pain_after, r.app_version,"
    " (extract(epoch FROM clock_timestamp()) * 1000)::bigint - $2::bigint"
    " FROM json_to_recordset($1::json) AS r(visit_id text, kiosk text, clinic text,"
    " revision bigint, routine_id text, routine_title text, routine_hash text, level integer,"
    " language text, start_utc timestamptz, end_utc timestamptz,"
    " planned_seconds double precision, played_seconds double precision,"
    " steps_completed integer, steps_total integer, outcome text, stop_reason text,"
    " pain_before smallint, pain_after smallint, app_version text)"
    " ON CONFLICT (visit_id) DO UPDATE SET revision = excluded.revision,"
    " end_utc = excluded.end_utc, played_seconds = excluded.played_seconds,"
    " steps_completed = excluded.steps_completed, outcome = excluded.outcome,"
    " stop_reason = excluded.stop_reason, pain_before = excluded.pain_before,"
    " pain_after = excluded.pain_after, received_utc = now(),"
    " kiosk_skew_ms = excluded.kiosk_skew_ms"
    " WHERE v.revision < excluded.revision";

static json_t *fleet_ship_time(int64_t utc_ms)
{
    if (utc_ms <= 0)
        return json_null();
    char text[32];
    store_format_utc(utc_ms, text);
    return json_string(text);
}

static json_t *fleet_ship_rating(int rating)
{
    return rating >= 0 && rating <= 10 ? json_integer(rating) : json_null();
}

static json_t *fleet_ship_json(const fleet_config *fleet, const store_revised_visit *visits,
                               size_t count)
{
    json_t *all = json_array();
    for (size_t i = 0; all && i < count; i++) {
        const session *v = &visits[i].visit;
        const char *reason = session_stop_reason_name(v->stop_reason);
        json_t *row = json_pack(
            "{s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:i, s:s, s:o, s:o, s:f, s:f, s:i, s:i, s:s, "
            "s:o, s:o, s:o, s:s}",
            "visit_id", v->visit_id, "kiosk", fleet->kiosk, "clinic", fleet->clinic, "revision",
            (json_int_t)visits[i].revision, "routine_id", v->routine_id, "routine_title",
            v->routine_title, "routine_hash", v->routine_hash, "level", v->level, "language",
            v->language, "start_utc", fleet_ship_time(v->start_utc_ms), "end_utc",
            fleet_ship_time(v->outcome == SESSION_OPEN ? 0 : v->end_utc_ms), "planned_seconds",
            (double)v->planned_ms / 1000.0, "played_seconds", (double)v->played_ms / 1000.0,
            "steps_completed", v->steps_completed, "steps_total", v->steps_total, "outcome",
            session_outcome_name(v->outcome), "stop_reason",
            v->outcome == SESSION_STOPPED && *reason ? json_string(reason) : json_null(),
            "pain_before", fleet_ship_rating(v->pain_before), "pain_after",
            fleet_ship_rating(v->pain_after), "app_version", v->app_version);
        if (!row || json_array_append_new(all, row) != 0) {
            json_decref(all);
            return NULL;
        }
    }
    return all;
}

/* A refusal by row-level security is a configuration problem: say which. */
static void fleet_ship_explain(const fleet_config *fleet, char *message, size_t size)
{
    if (!strstr(message, "row-level security"))
        return;
    size_t used = strlen(message);
    snprintf(message + used, size - used,
             " (the server does not know kiosk '%s' in clinic '%s': check fleet: kiosk and "
             "clinic against 'ease fleet status')",
             fleet->kiosk, fleet->clinic);
}

bool fleet_ship_visits(PGconn *conn, const fleet_config *fleet, const store_revised_visit *visits,
                       size_t count, int64_t kiosk_now_utc_ms, char *message, size_t size)
{
    if (count == 0)
        return true;
    json_t *batch = fleet_ship_json(fleet, visits, count);
    char *text = batch ? json_dumps(batch, JSON_COMPACT) : NULL;
    json_decref(batch);
    if (!text) {
        snprintf(message, size, "cannot send visits: out of memory");
        return false;
    }
    char now[32];
    snprintf(now, sizeof now, "%" PRId64, kiosk_now_utc_ms);
    const char *params[] = {text, now};
    bool ok = fleet_db_exec(conn, fleet_ship_sql, 2, params, NULL, "send visits", message, size);
    free(text);
    if (!ok)
        fleet_ship_explain(fleet, message, size);
    return ok;
}

bool fleet_ship_pending(PGconn *conn, store *s, const fleet_config *fleet, size_t max,
                        int64_t kiosk_now_utc_ms, size_t *shipped, char *message, size_t size)
{
    *shipped = 0;
    if (max == 0)
        max = FLEET_SHIP_BATCH;
    store_revised_visit *visits = calloc(max, sizeof *visits);
    if (!visits) {
        snprintf(message, size, "cannot send visits: out of memory");
        return false;
    }
    size_t count = 0;
    store_error err = {0};
    bool ok = store_unshipped(s, visits, max, &count, &err);
    if (!ok) {
        snprintf(message, size, "cannot read the visits to send: %s", err.message);
    } else if (fleet_ship_visits(conn, fleet, visits, count, kiosk_now_utc_ms, message, size)) {
        /* Committed on the server: only now is the store told. A crash between the two sends
         * this batch again, which the server takes as no change. */
        ok = store_mark_shipped(s, visits, count, &err);
        if (ok)
            *shipped = count;
        else
            snprintf(message, size, "sent %zu visits but cannot mark them sent: %s", count,
                     err.message);
    } else if (count > 1 && !fleet_db_broken(conn)) {
        /* One visit the server will not take must not hold back the others. */
        char first[FLEET_MESSAGE_MAX];
        snprintf(first, sizeof first, "%s", message);
        ok = true;
        for (size_t i = 0; i < count && ok; i++) {
            if (!fleet_ship_visits(conn, fleet, &visits[i], 1, kiosk_now_utc_ms, message, size)) {
                if (fleet_db_broken(conn))
                    ok = false;
                continue;
            }
            ok = store_mark_shipped(s, &visits[i], 1, &err);
            if (ok)
                (*shipped)++;
        }
        snprintf(message, size, "%s", first);
        ok = false; /* said: some visit is still refused */
    } else {
        ok = false;
    }
    free(visits);
    return ok;
}

static const char fleet_heartbeat_sql[] =
    "INSERT INTO ease.heartbeat AS h (kiosk, clinic, received_utc, kiosk_utc, kiosk_skew_ms,"
    " app_version, routines_loaded, routines_rejected, last_visit_utc, visits_waiting, sound,"
    " last_error)"
    " VALUES ($1, $2, now(), to_timestamp($3::bigint / 1000.0),"
    " (extract(epoch FROM clock_timestamp()) * 1000)::bigint - $3::bigint, $4, $5, $6,"
    " $7::timestamptz, $8, $9, $10)"
    " ON CONFLICT (kiosk) DO UPDATE SET clinic = excluded.clinic,"
    " received_utc = excluded.received_utc, kiosk_utc = excluded.kiosk_utc,"
    " kiosk_skew_ms = excluded.kiosk_skew_ms, app_version = excluded.app_version,"
    " routines_loaded = excluded.routines_loaded, routines_rejected = excluded.routines_rejected,"
    " last_visit_utc = excluded.last_visit_utc, visits_waiting = excluded.visits_waiting,"
    " sound = excluded.sound, last_error = excluded.last_error";

bool fleet_heartbeat(PGconn *conn, store *s, const fleet_config *fleet, const fleet_health *health,
                     int64_t kiosk_now_utc_ms, char *message, size_t size)
{
    int64_t visits = 0, newest = 0, waiting = 0;
    store_error err = {0};
    if (s && (!store_count(s, &visits, &newest, &err) || !store_count_unshipped(s, &waiting, &err)))
        snprintf(message, size, "cannot read the records: %s", err.message);
    char now[32], loaded[16], rejected[16], last[32], waits[32];
    snprintf(now, sizeof now, "%" PRId64, kiosk_now_utc_ms);
    snprintf(loaded, sizeof loaded, "%d", health->routines_loaded);
    snprintf(rejected, sizeof rejected, "%d", health->routines_rejected);
    snprintf(waits, sizeof waits, "%" PRId64, waiting);
    if (newest > 0)
        store_format_utc(newest, last);
    const char *params[] = {fleet->kiosk,
                            fleet->clinic,
                            now,
                            health->version,
                            loaded,
                            rejected,
                            newest > 0 ? last : NULL,
                            waits,
                            health->sound,
                            health->last_error};
    bool ok = fleet_db_exec(conn, fleet_heartbeat_sql, 10, params, NULL, "write the heartbeat",
                            message, size);
    if (!ok)
        fleet_ship_explain(fleet, message, size);
    return ok;
}
