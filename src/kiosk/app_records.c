/* The records: each change of the visit handed to the recorder, and the staff screen's counts
 * read as it opens. Only the kiosk keeps records. */
#include "app.h"

#include "app_fleet.h"
#include <stdint.h>
#include <stdio.h>

/* The visit's record is handed over each time it changes (start, end, after-rating), so a
 * crash at any point loses at most what the patient did since. */
static void app_keep_records(app *a, int64_t now_ms)
{
    if (!a->options.keep_records)
        return;
    if (flow_take_session_change(&a->flow))
        recorder_submit(&a->records, &a->flow.session, now_ms, a->utc_ms);
    /* The writer thread does the disk work, so this never waits on the disk, even while a
     * routine plays; a new problem is said once, for the journal. */
    store_status before = a->records.problem.status;
    recorder_service(&a->records, now_ms, a->utc_ms);
    if (a->records.problem.status != before && a->records.problem.status != STORE_OK)
        fprintf(stderr, "ease: %zu visit(s) kept waiting: %s\n", a->records.pending_count,
                a->records.problem.message);
}

/* The staff screen's counts, read from the records once each time it opens. */
static void app_read_staff_stats(app *a, int64_t utc_ms)
{
    if (!a->options.keep_records)
        return;
    if (a->flow.screen == FLOW_STAFF && !a->staff_stats_read) {
        a->staff_stats_read = true;
        report_free(&a->staff_today);
        report_free(&a->staff_week);
        store_error err;
        store *s = NULL;
        a->staff_stats_ok = false;
        if (store_open_read_only(a->records.data_dir, &s, &err)) {
            a->staff_stats_ok =
                report_build(s, report_day_start(utc_ms), INT64_MAX, &a->staff_today, &err) &&
                report_build(s, report_week_start(utc_ms), INT64_MAX, &a->staff_week, &err);
            store_close(s);
        }
        if (!a->staff_stats_ok)
            fprintf(stderr, "ease: cannot read the records for the staff screen: %s\n",
                    err.message);
    } else if (a->flow.screen != FLOW_STAFF) {
        a->staff_stats_read = false;
    }
}

void app_records_update(app *a, int64_t now_ms, int64_t utc_ms)
{
    app_keep_records(a, now_ms);
    app_fleet_update(a, now_ms);
    app_read_staff_stats(a, utc_ms);
}
