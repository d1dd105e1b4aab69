#include "test_support.h"

#include <jansson.h>
#include <math.h>
#include <time.h>

#include "report.h"
#include "store.h"

typedef struct {
    char dir[64];
    store *s;
} fixture;

static void add(fixture *x, const char *id, const char *routine_id, const char *hash,
                session_outcome outcome, session_stop_reason why, int before, int after,
                int64_t start_utc_ms)
{
    session v = {0};
    snprintf(v.visit_id, sizeof v.visit_id, "%s", id);
    snprintf(v.kiosk, sizeof v.kiosk, "room-1");
    snprintf(v.routine_id, sizeof v.routine_id, "%s", routine_id);
    snprintf(v.routine_title, sizeof v.routine_title, "%s title", routine_id);
    snprintf(v.routine_hash, sizeof v.routine_hash, "%s", hash);
    snprintf(v.language, sizeof v.language, "en");
    snprintf(v.app_version, sizeof v.app_version, "0.2.0");
    v.level = 1;
    v.start_utc_ms = start_utc_ms;
    v.end_utc_ms = outcome == SESSION_OPEN ? 0 : start_utc_ms + 60000;
    v.planned_ms = 60000;
    v.played_ms = outcome == SESSION_COMPLETED ? 60000 : 30000;
    v.steps_total = 2;
    v.steps_completed = outcome == SESSION_COMPLETED ? 2 : 1;
    v.outcome = outcome;
    v.stop_reason = why;
    v.pain_before = before;
    v.pain_after = after;
    store_error err;
    assert_true(store_save(x->s, &v, &err));
}

enum { DAY = 86400000 };
static const int64_t T0 = 1795000000000; /* 2026-11-18 */

static int setup(void **state)
{
    fixture *x = calloc(1, sizeof *x);
    snprintf(x->dir, sizeof x->dir, "/tmp/ease-report-XXXXXX");
    assert_non_null(mkdtemp(x->dir));
    store_error err;
    assert_true(store_open(x->dir, &x->s, &err));
    /* calm v1: 4 visits; calm v2: 1; lift: 2 (one playing now). */
    add(x, "c1", "calm", "aaaa", SESSION_COMPLETED, STOP_REASON_NONE, 7, 4, T0);
    add(x, "c2", "calm", "aaaa", SESSION_COMPLETED, STOP_REASON_NONE, 6, 5, T0 + 1000);
    add(x, "c3", "calm", "aaaa", SESSION_STOPPED, STOP_REASON_TOO_PAINFUL, 8, SESSION_NO_RATING,
        T0 + 2000);
    add(x, "c4", "calm", "aaaa", SESSION_ABANDONED, STOP_REASON_NONE, SESSION_NO_RATING,
        SESSION_NO_RATING, T0 + DAY);
    add(x, "c5", "calm", "bbbb", SESSION_COMPLETED, STOP_REASON_NONE, 5, 5, T0 + 2 * DAY);
    add(x, "l1", "lift", "cccc", SESSION_STOPPED, STOP_REASON_OTHER, 3, 1, T0 + 3000);
    add(x, "l2", "lift", "cccc", SESSION_OPEN, STOP_REASON_NONE, 4, SESSION_NO_RATING, T0 + 4000);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    store_close(x->s);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", x->dir);
    assert_int_equal(system(command), 0);
    free(x);
    return 0;
}

static void the_summary_counts_each_version(void **state)
{
    fixture *x = *state;
    report r;
    store_error err;
    assert_true(report_build(x->s, 0, INT64_MAX, &r, &err));
    assert_int_equal(r.count, 3);
    assert_int_equal(r.open, 1);
    const report_row *v1 = &r.rows[0];
    assert_string_equal(v1->routine_id, "calm");
    assert_string_equal(v1->routine_hash, "aaaa");
    assert_string_equal(v1->routine_title, "calm title");
    assert_int_equal(v1->visits, 4);
    assert_int_equal(v1->completed, 2);
    assert_int_equal(v1->stopped, 1);
    assert_int_equal(v1->abandoned, 1);
    assert_int_equal(v1->reasons[STOP_REASON_TOO_PAINFUL], 1);
    assert_int_equal(v1->rated_before, 3);
    assert_int_equal(v1->rated_after, 2);
    assert_int_equal(v1->rated_both, 2);
    assert_float_equal(v1->mean_before, 7.0, 1e-9);
    assert_float_equal(v1->mean_after, 4.5, 1e-9);
    assert_float_equal(v1->mean_change, -2.0, 1e-9); /* (4-7 + 5-6) / 2 */
    assert_int_equal(v1->rose, 0);
    assert_int_equal(v1->from_baseline, 2);
    assert_int_equal(v1->fell_points, 1);  /* 7 -> 4 only */
    assert_int_equal(v1->fell_percent, 1); /* 7 -> 4 is 43 %, 6 -> 5 only 17 % */
    assert_string_equal(r.rows[1].routine_hash, "bbbb");
    assert_int_equal(r.rows[1].from_baseline, 1);
    assert_int_equal(r.rows[1].fell_points, 0);
    const report_row *lift = &r.rows[2];
    assert_int_equal(lift->visits, 1); /* the open one is not counted */
    assert_int_equal(lift->reasons[STOP_REASON_OTHER], 1);
    assert_int_equal(lift->fell_points, 1); /* 3 -> 1 */
    assert_int_equal(lift->fell_percent, 1);
    assert_int_equal(r.total.visits, 6);
    assert_int_equal(r.total.completed, 3);
    assert_int_equal(r.total.rated_both, 4);
    assert_float_equal(r.total.mean_change, (-3 - 1 + 0 - 2) / 4.0, 1e-9);

    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    report_print(&r, "", out);
    fclose(out);
    assert_non_null(strstr(text, "calm (aaaa)"));
    assert_non_null(strstr(text, "too-painful 1"));
    assert_non_null(strstr(text, "50% (1 of 2)"));
    assert_non_null(strstr(text, "1 visit playing now is not counted"));
    free(text);
    report_free(&r);

    /* A range: only the first day. */
    assert_true(report_build(x->s, T0, T0 + DAY, &r, &err));
    assert_int_equal(r.total.visits, 4);
    report_free(&r);
    assert_true(report_build(x->s, T0 + 10 * DAY, INT64_MAX, &r, &err));
    assert_int_equal(r.count, 0);
    assert_true(isnan(r.total.mean_before));
    report_free(&r);
}

static char *csv_of(fixture *x)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    store_error err;
    assert_true(report_export_csv(x->s, 0, INT64_MAX, out, &err));
    fclose(out);
    return text;
}

static void the_csv_is_rfc_4180_for_excel(void **state)
{
    fixture *x = *state;
    char *text = csv_of(x);
    assert_memory_equal(text, "\xEF\xBB\xBFvisit_id,kiosk,", 18);
    size_t lines = 0;
    for (char *p = text; (p = strchr(p, '\n')); p++) {
        assert_int_equal(p[-1], '\r'); /* every line ends CRLF */
        lines++;
    }
    assert_int_equal(lines, 8); /* header + 7 visits, in order of start */
    assert_non_null(strstr(text,
                           "\r\nc1,room-1,calm,calm title,aaaa,1,en,2026-11-18T11:06:40.000Z,"
                           "2026-11-18T11:07:40.000Z,60.000,60.000,2,2,completed,,7,4,0.2.0\r\n"));
    assert_non_null(strstr(text, ",stopped,too-painful,8,,"));
    assert_non_null(
        strstr(text, "\r\nl2,room-1,lift,lift title,cccc,1,en,2026-11-18T11:06:44.000Z,,"));
    free(text);

    /* A title with a comma and quotes is quoted; one a spreadsheet would run is neutralised. */
    session v = {0};
    snprintf(v.visit_id, sizeof v.visit_id, "z9");
    snprintf(v.routine_id, sizeof v.routine_id, "odd");
    snprintf(v.routine_title, sizeof v.routine_title, "Say \"hi\", then rest");
    snprintf(v.kiosk, sizeof v.kiosk, "=HYPERLINK(\"http://x\")");
    snprintf(v.routine_hash, sizeof v.routine_hash, "@SUM(A1)");
    v.level = 1;
    v.start_utc_ms = T0 + 5 * DAY;
    v.outcome = SESSION_OPEN;
    v.pain_before = v.pain_after = SESSION_NO_RATING;
    store_error err;
    assert_true(store_save(x->s, &v, &err));
    text = csv_of(x);
    assert_non_null(strstr(text, "\"Say \"\"hi\"\", then rest\""));
    assert_non_null(strstr(text, "\"'=HYPERLINK(\"\"http://x\"\")\""));
    assert_non_null(strstr(text, "\"'@SUM(A1)\""));
    free(text);
}

static void fhir_has_one_observation_per_rating(void **state)
{
    fixture *x = *state;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    store_error err;
    assert_true(report_export_fhir(x->s, 0, INT64_MAX, T0 + 9 * DAY, out, &err));
    fclose(out);
    /* Kept for tests/fhir/check_fhir.py, which validates it against the FHIR R4 schema. */
    const char *keep = getenv("EASE_FHIR_OUT");
    if (keep) {
        FILE *copy = fopen(keep, "w");
        assert_non_null(copy);
        fputs(text, copy);
        fclose(copy);
    }
    json_error_t error;
    json_t *bundle = json_loads(text, 0, &error);
    assert_non_null(bundle);
    assert_string_equal(json_string_value(json_object_get(bundle, "resourceType")), "Bundle");
    assert_string_equal(json_string_value(json_object_get(bundle, "type")), "collection");
    json_t *entries = json_object_get(bundle, "entry");
    /* Ratings: c1 2, c2 2, c3 1, c5 2, l1 2, l2 1 = 10. */
    assert_int_equal(json_array_size(entries), 10);
    size_t i;
    json_t *entry;
    json_array_foreach(entries, i, entry)
    {
        json_t *o = json_object_get(entry, "resource");
        assert_string_equal(json_string_value(json_object_get(o, "resourceType")), "Observation");
        assert_string_equal(json_string_value(json_object_get(o, "status")), "final");
        json_t *coding = json_array_get(json_object_get(json_object_get(o, "code"), "coding"), 0);
        assert_string_equal(json_string_value(json_object_get(coding, "system")),
                            "http://loinc.org");
        assert_string_equal(json_string_value(json_object_get(coding, "code")), "72514-3");
        assert_null(json_object_get(o, "subject"));
        /* The answer as its LOINC answer code, and whether it came before or after. */
        assert_null(json_object_get(o, "valueInteger"));
        json_t *answer = json_array_get(
            json_object_get(json_object_get(o, "valueCodeableConcept"), "coding"), 0);
        assert_string_equal(json_string_value(json_object_get(answer, "system")),
                            "http://loinc.org");
        assert_non_null(strstr(json_string_value(json_object_get(answer, "code")), "LA"));
        json_t *component = json_array_get(json_object_get(o, "component"), 0);
        const char *timing = json_string_value(json_object_get(
            json_array_get(
                json_object_get(json_object_get(component, "valueCodeableConcept"), "coding"), 0),
            "code"));
        assert_non_null(timing);
        assert_true(!strcmp(timing, "before") || !strcmp(timing, "after"));
        assert_non_null(json_string_value(json_object_get(o, "effectiveDateTime")));
        assert_non_null(strstr(json_string_value(json_object_get(entry, "fullUrl")), "urn:uuid:"));
    }
    json_t *first = json_object_get(json_array_get(entries, 0), "resource");
    assert_string_equal(json_string_value(json_object_get(first, "id")), "c1-before");
    json_t *seven = json_array_get(
        json_object_get(json_object_get(first, "valueCodeableConcept"), "coding"), 0);
    assert_string_equal(json_string_value(json_object_get(seven, "code")), "LA10139-6");
    assert_string_equal(json_string_value(json_object_get(seven, "display")), "7");
    const char *note = json_string_value(
        json_object_get(json_array_get(json_object_get(first, "note"), 0), "text"));
    assert_non_null(strstr(note, "before the routine \"calm title\""));
    json_decref(bundle);
    free(text);
}

/* Shares are descriptive: a rise of 2 or more is counted (and printed first); the shares down
 * count only those who started at 3 or more, by 2 points and by 30 %. */
static void the_shares_say_what_they_can(void **state)
{
    fixture *x = *state;
    int64_t later = T0 + 5 * DAY;
    add(x, "r1", "calm", "aaaa", SESSION_COMPLETED, STOP_REASON_NONE, 2, 4, later);      /* up 2 */
    add(x, "r2", "calm", "aaaa", SESSION_COMPLETED, STOP_REASON_NONE, 10, 7, later + 1); /* 30 % */
    add(x, "r3", "calm", "aaaa", SESSION_COMPLETED, STOP_REASON_NONE, 4, 3, later + 2);  /* 25 % */
    add(x, "r4", "calm", "aaaa", SESSION_COMPLETED, STOP_REASON_NONE, 2, 0, later + 3); /* from 2 */
    report r;
    store_error err;
    assert_true(report_build(x->s, later, INT64_MAX, &r, &err));
    assert_int_equal(r.total.rated_both, 4);
    assert_int_equal(r.total.rose, 1);
    assert_int_equal(r.total.from_baseline, 2);
    assert_int_equal(r.total.fell_points, 1);
    assert_int_equal(r.total.fell_percent, 1);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    report_print(&r, "", out);
    fclose(out);
    const char *up = strstr(text, "Pain up 2+"), *down = strstr(text, "Down 2+ (3+)");
    assert_non_null(up);
    assert_non_null(down);
    assert_true(up < down);
    assert_non_null(strstr(text, "25% (1 of 4)"));
    assert_non_null(strstr(text, "50% (1 of 2)"));
    assert_non_null(strstr(text, "not evidence that a routine works"));
    assert_null(strstr(text, "meaningful"));
    free(text);
    report_free(&r);
    for (int rating = 0; rating <= 10; rating++)
        assert_non_null(report_pain_answer_code(rating));
    assert_string_equal(report_pain_answer_code(0), "LA6111-4");
    assert_string_equal(report_pain_answer_code(10), "LA13942-0");
    assert_null(report_pain_answer_code(11));
    assert_null(report_pain_answer_code(-1));
}

/* A stop for dizziness ("I feel dizzy or unwell") is counted, exported and named in FHIR. */
static void a_dizzy_stop_is_counted_and_exported(void **state)
{
    fixture *x = *state;
    add(x, "d1", "lift", "cccc", SESSION_STOPPED, STOP_REASON_DIZZY, 4, 6, T0 + 5000);
    report r;
    store_error err;
    assert_true(report_build(x->s, 0, INT64_MAX, &r, &err));
    const report_row *lift = &r.rows[2];
    assert_string_equal(lift->routine_id, "lift");
    assert_int_equal(lift->stopped, 2);
    assert_int_equal(lift->reasons[STOP_REASON_DIZZY], 1);
    assert_int_equal(lift->reasons[STOP_REASON_OTHER], 1);
    assert_int_equal(r.total.reasons[STOP_REASON_DIZZY], 1);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    report_print(&r, "", out);
    fclose(out);
    assert_non_null(strstr(text, "dizzy-unwell 1"));
    free(text);
    report_free(&r);
    text = csv_of(x);
    assert_non_null(strstr(text, ",stopped,dizzy-unwell,4,6,"));
    free(text);
    out = open_memstream(&text, &size);
    assert_true(report_export_fhir(x->s, 0, INT64_MAX, T0 + 9 * DAY, out, &err));
    fclose(out);
    assert_non_null(strstr(text, "the visit was stopped: dizzy-unwell."));
    assert_non_null(strstr(text, "the visit was completed."));
    free(text);
}

static void dates_are_local_calendar_days(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Madrid", 1);
    tzset();
    int64_t t = 0;
    assert_true(report_parse_date("2026-11-18", &t));
    assert_int_equal(t, 1794956400000); /* 2026-11-17T23:00Z: midnight in Madrid */
    assert_false(report_parse_date("2026-02-30", &t));
    assert_false(report_parse_date("18/11/2026", &t));
    assert_false(report_parse_date("2026-11-18x", &t));
    /* Wednesday 2026-11-18 10:00 local: the day starts at its midnight, the week on Monday. */
    int64_t wednesday = 1794956400000 + 10 * 3600000LL;
    assert_int_equal(report_day_start(wednesday), 1794956400000);
    assert_int_equal(report_week_start(wednesday), 1794956400000 - 2 * 86400000LL);
    unsetenv("TZ");
    tzset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_summary_counts_each_version, setup, teardown),
        cmocka_unit_test_setup_teardown(the_csv_is_rfc_4180_for_excel, setup, teardown),
        cmocka_unit_test_setup_teardown(fhir_has_one_observation_per_rating, setup, teardown),
        cmocka_unit_test_setup_teardown(the_shares_say_what_they_can, setup, teardown),
        cmocka_unit_test_setup_teardown(a_dizzy_stop_is_counted_and_exported, setup, teardown),
        cmocka_unit_test(dates_are_local_calendar_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
