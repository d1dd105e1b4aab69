#include "report.h"

#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array.h"

bool report_build(store *s, int64_t since_utc_ms, int64_t until_utc_ms, report *out,
                  store_error *err)
{
    static const store_sums_rule rule = {.change_points = REPORT_CHANGE_POINTS,
                                         .baseline_min = REPORT_BASELINE_MIN,
                                         .change_percent = REPORT_CHANGE_PERCENT};
    return store_summarise(s, since_utc_ms, until_utc_ms, &rule, out, err);
}

void report_free(report *r)
{
    free(r->rows);
    memset(r, 0, sizeof *r);
}

static void report_percent(int64_t part, int64_t whole, char *out, size_t size)
{
    if (whole <= 0)
        snprintf(out, size, "-");
    else
        snprintf(out, size, "%.0f%%", 100.0 * (double)part / (double)whole);
}

static void report_number(double value, bool sign, char *out, size_t size)
{
    if (isnan(value))
        snprintf(out, size, "-");
    else
        snprintf(out, size, sign ? "%+.1f" : "%.1f", value);
}

/* "12% (3 of 25)", or "-" when nobody is in the group. */
static void report_share(int64_t part, int64_t whole, char *out, size_t size)
{
    if (whole <= 0) {
        snprintf(out, size, "-");
        return;
    }
    char share[8];
    report_percent(part, whole, share, sizeof share);
    snprintf(out, size, "%s (%lld of %lld)", share, (long long)part, (long long)whole);
}

static void report_print_row(const report_row *row, const char *name, FILE *out)
{
    char done[8], stopped[8], gone[8], rated[32], before[16], after[16], change[16];
    char rose[48], fell_points[48], fell_percent[48];
    report_percent(row->completed, row->visits, done, sizeof done);
    report_percent(row->stopped, row->visits, stopped, sizeof stopped);
    report_percent(row->abandoned, row->visits, gone, sizeof gone);
    snprintf(rated, sizeof rated, "%lld/%lld", (long long)row->rated_before,
             (long long)row->rated_after);
    report_number(row->mean_before, false, before, sizeof before);
    report_number(row->mean_after, false, after, sizeof after);
    report_number(row->mean_change, true, change, sizeof change);
    report_share(row->rose, row->rated_both, rose, sizeof rose);
    report_share(row->fell_points, row->from_baseline, fell_points, sizeof fell_points);
    report_share(row->fell_percent, row->from_baseline, fell_percent, sizeof fell_percent);
    fprintf(out, "%-32s %6lld %6s %8s %9s %11s %7s %6s %7s  %-16s  %-16s  %s\n", name,
            (long long)row->visits, done, stopped, gone, rated, before, after, change, rose,
            fell_points, fell_percent);
    if (row->stopped > 0) {
        fputs("    stopped because:", out);
        const char *sep = " ";
        for (int why = STOP_REASON_TOO_PAINFUL; why < STOP_REASON_COUNT; why++) {
            if (row->reasons[why] == 0)
                continue;
            fprintf(out, "%s%s %lld", sep, session_stop_reason_name((session_stop_reason)why),
                    (long long)row->reasons[why]);
            sep = ", ";
        }
        fputc('\n', out);
    }
}

void report_print(const report *r, const char *range, FILE *out)
{
    fprintf(out, "Ease report: %s\n\n", range && *range ? range : "all visits");
    if (r->total.visits == 0) {
        fputs("No visits ended in this time.\n", out);
    } else {
        fprintf(out, "%-32s %6s %6s %8s %9s %11s %7s %6s %7s  %-16s  %-16s  %s\n",
                "Routine (version)", "Visits", "Done", "Stopped", "Left", "Rated b/a", "Before",
                "After", "Change", "Pain up 2+", "Down 2+ (3+)", "Down 30%+ (3+)");
        for (size_t i = 0; i < r->count; i++) {
            const report_row *row = &r->rows[i];
            char name[96];
            snprintf(name, sizeof name, "%.22s (%.8s)", row->routine_id, row->routine_hash);
            report_print_row(row, name, out);
            fprintf(out, "    %s\n", row->routine_title);
        }
        report_print_row(&r->total, "Total", out);
        fputs("\nDone: played to the end. Left: walked away. Rated b/a: how many rated their "
              "pain before / after.\nBefore, After: mean pain (0-10). Change: mean of after "
              "minus before, for those who gave both.\nPain up 2+: of those who rated both, "
              "pain rose by 2 points or more (a safety signal).\nDown 2+ (3+), Down 30%+ (3+): "
              "of those who started at 3 or more and rated both, pain fell by 2 points, or by\n"
              "30 %, or more. These describe one visit each, with no comparison group: not "
              "evidence that a routine works.\n",
              out);
    }
    if (r->open > 0)
        fprintf(out, "%lld visit%s playing now %s not counted.\n", (long long)r->open,
                r->open == 1 ? "" : "s", r->open == 1 ? "is" : "are");
}

/* One CSV cell: quoted when it holds a separator, a quote or a line break; a text a spreadsheet
 * would take for a formula gets a leading apostrophe (OWASP's advice for CSV injection). */
static void report_csv_cell(FILE *out, const char *text, bool last)
{
    bool formula = strchr("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
    bool quote = formula || strpbrk(text, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
    fputs(last ? "\r\n" : ",", out);
}

static bool report_csv_visit(const session *v, void *context)
{
    FILE *out = context;
    char start[32], end[32], planned[32], played[32], level[16], done[16], total[16];
    char before[8] = "", after[8] = "";
    store_format_utc(v->start_utc_ms, start);
    if (v->end_utc_ms > 0)
        store_format_utc(v->end_utc_ms, end);
    else
        end[0] = '\0';
    snprintf(planned, sizeof planned, "%.3f", (double)v->planned_ms / 1000.0);
    snprintf(played, sizeof played, "%.3f", (double)v->played_ms / 1000.0);
    snprintf(level, sizeof level, "%d", v->level);
    snprintf(done, sizeof done, "%d", v->steps_completed);
    snprintf(total, sizeof total, "%d", v->steps_total);
    if (v->pain_before != SESSION_NO_RATING)
        snprintf(before, sizeof before, "%d", v->pain_before);
    if (v->pain_after != SESSION_NO_RATING)
        snprintf(after, sizeof after, "%d", v->pain_after);
    const char *cells[] = {v->visit_id,
                           v->kiosk,
                           v->routine_id,
                           v->routine_title,
                           v->routine_hash,
                           level,
                           v->language,
                           start,
                           end,
                           planned,
                           played,
                           done,
                           total,
                           session_outcome_name(v->outcome),
                           session_stop_reason_name(v->stop_reason),
                           before,
                           after,
                           v->app_version};
    size_t n = sizeof cells / sizeof *cells;
    for (size_t i = 0; i < n; i++)
        report_csv_cell(out, cells[i], i + 1 == n);
    return !ferror(out);
}

void report_csv_header(FILE *out)
{
    static const char *const header[] = {
        "visit_id",       "kiosk",           "routine_id",  "routine_title", "routine_version",
        "level",          "language",        "start_utc",   "end_utc",       "planned_seconds",
        "played_seconds", "steps_completed", "steps_total", "outcome",       "stop_reason",
        "pain_before",    "pain_after",      "app_version"};
    fputs("\xEF\xBB\xBF", out);
    size_t n = sizeof header / sizeof *header;
    for (size_t i = 0; i < n; i++)
        report_csv_cell(out, header[i], i + 1 == n);
}

bool report_csv_row(const session *v, FILE *out)
{
    return report_csv_visit(v, out);
}

bool report_export_csv(store *s, int64_t since_utc_ms, int64_t until_utc_ms, FILE *out,
                       store_error *err)
{
    report_csv_header(out);
    return store_each(s, since_utc_ms, until_utc_ms, report_csv_visit, out, err);
}

/* A stable urn:uuid for an Observation: the same visit and moment always give the same one, so
 * exporting twice does not make two resources of one rating. */
static void report_uuid(const char *visit_id, const char *moment, char out[48])
{
    unsigned char h[16];
    crypto_generichash_state state;
    crypto_generichash_init(&state, NULL, 0, sizeof h);
    crypto_generichash_update(&state, (const unsigned char *)visit_id, strlen(visit_id));
    crypto_generichash_update(&state, (const unsigned char *)moment, strlen(moment));
    crypto_generichash_final(&state, h, sizeof h);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x50); /* version 5 style: name-based */
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(out, 48, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
             hex + 20);
}

const char *report_pain_answer_code(int rating)
{
    /* LOINC answer list LL2335-9, the answers of 72514-3 (0 "No pain" to 10 "Worst pain
     * imaginable"). */
    static const char *const codes[11] = {"LA6111-4",  "LA6112-2",  "LA6113-0",  "LA6114-8",
                                          "LA6115-5",  "LA10137-0", "LA10138-8", "LA10139-6",
                                          "LA10140-4", "LA10141-2", "LA13942-0"};
    return rating >= 0 && rating <= 10 ? codes[rating] : NULL;
}

static json_t *report_observation(const session *v, bool before)
{
    int rating = before ? v->pain_before : v->pain_after;
    const char *answer = report_pain_answer_code(rating);
    if (!answer)
        return NULL;
    int64_t when = before ? v->start_utc_ms : (v->end_utc_ms > 0 ? v->end_utc_ms : v->start_utc_ms);
    char at[32], id[72], note[512], display[4];
    store_format_utc(when, at);
    snprintf(id, sizeof id, "%s-%s", v->visit_id, before ? "before" : "after");
    snprintf(display, sizeof display, "%d", rating);
    /* A stop's reason goes with the rating it may explain ("stopped: too-painful"). */
    const char *reason = session_stop_reason_name(v->stop_reason);
    snprintf(note, sizeof note,
             "Rated %s the routine \"%s\" (%s, level %d, version %.12s) on the Ease kiosk "
             "\"%s\"; the visit was %s%s%s.",
             before ? "before" : "after", v->routine_title, v->routine_id, v->level,
             v->routine_hash, v->kiosk, session_outcome_name(v->outcome),
             v->outcome == SESSION_STOPPED && *reason ? ": " : "",
             v->outcome == SESSION_STOPPED ? reason : "");
    /* Before or after the routine is a component: LOINC has no before/after variant of 72514-3,
     * so a code system of Ease's own names it, with text for a human reader. */
    json_t *timing = json_pack(
        "{s:{s:[{s:s, s:s, s:s}], s:s}, s:{s:[{s:s, s:s, s:s}], s:s}}", "code", "coding", "system",
        "https://ease.invalid/fhir/CodeSystem/observation-component", "code",
        "timing-relative-to-routine", "display", "Timing relative to the routine", "text",
        "Timing relative to the routine", "valueCodeableConcept", "coding", "system",
        "https://ease.invalid/fhir/CodeSystem/routine-timing", "code", before ? "before" : "after",
        "display", before ? "Before the routine" : "After the routine", "text",
        before ? "Before the routine" : "After the routine");
    if (!timing)
        return NULL;
    return json_pack(
        "{s:s, s:s, s:s, s:[{s:[{s:s, s:s, s:s}]}], s:{s:[{s:s, s:s, s:s}], s:s}, s:s, "
        "s:{s:[{s:s, s:s, s:s}], s:s}, s:[o], s:[{s:s}]}",
        "resourceType", "Observation", "id", id, "status", "final", "category", "coding", "system",
        "http://terminology.hl7.org/CodeSystem/observation-category", "code", "survey", "display",
        "Survey", "code", "coding", "system", "http://loinc.org", "code", "72514-3", "display",
        "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "text",
        "Pain severity (0-10)", "effectiveDateTime", at, "valueCodeableConcept", "coding", "system",
        "http://loinc.org", "code", answer, "display", display, "text", display, "component",
        timing, "note", "text", note);
}

typedef struct {
    json_t *entries;
    bool failed;
} report_fhir_context;

static bool report_fhir_visit(const session *v, void *context)
{
    report_fhir_context *c = context;
    for (int moment = 0; moment < 2; moment++) {
        bool before = moment == 0;
        if ((before ? v->pain_before : v->pain_after) == SESSION_NO_RATING)
            continue;
        char url[48];
        report_uuid(v->visit_id, before ? "before" : "after", url);
        json_t *resource = report_observation(v, before);
        json_t *entry =
            resource ? json_pack("{s:s, s:o}", "fullUrl", url, "resource", resource) : NULL;
        if (!entry || json_array_append_new(c->entries, entry) != 0) {
            c->failed = true;
            return false;
        }
    }
    return true;
}

bool report_export_fhir(store *s, int64_t since_utc_ms, int64_t until_utc_ms,
                        int64_t generated_utc_ms, FILE *out, store_error *err)
{
    if (sodium_init() < 0) {
        snprintf(err->message, sizeof err->message, "libsodium could not start");
        err->status = STORE_FAILED;
        return false;
    }
    report_fhir_context c = {json_array(), false};
    if (!c.entries || !store_each(s, since_utc_ms, until_utc_ms, report_fhir_visit, &c, err) ||
        c.failed) {
        if (c.failed) {
            snprintf(err->message, sizeof err->message, "out of memory");
            err->status = STORE_FAILED;
        }
        json_decref(c.entries);
        return false;
    }
    char stamp[32];
    store_format_utc(generated_utc_ms, stamp);
    json_t *bundle = json_pack("{s:s, s:s, s:s, s:o}", "resourceType", "Bundle", "type",
                               "collection", "timestamp", stamp, "entry", c.entries);
    bool ok = bundle && json_dumpf(bundle, out, JSON_INDENT(1) | JSON_ENSURE_ASCII) == 0 &&
              fputc('\n', out) != EOF;
    json_decref(bundle);
    if (!ok) {
        snprintf(err->message, sizeof err->message, "cannot write the export");
        err->status = STORE_FAILED;
    }
    return ok;
}

bool report_parse_date(const char *text, int64_t *utc_ms)
{
    int year, month, day, used = 0;
    if (!text || sscanf(text, "%4d-%2d-%2d%n", &year, &month, &day, &used) != 3 ||
        text[used] != '\0' || strlen(text) != 10 || month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day, .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t == (time_t)-1 || tm.tm_mday != day) /* 2026-02-30 rolls over: refuse it */
        return false;
    *utc_ms = (int64_t)t * 1000;
    return true;
}

static int64_t report_midnight(int64_t utc_ms, int days_back_to_monday)
{
    time_t t = (time_t)(utc_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    int back = days_back_to_monday ? (tm.tm_wday + 6) % 7 : 0;
    tm.tm_mday -= back;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm) * 1000;
}

int64_t report_day_start(int64_t utc_ms)
{
    return report_midnight(utc_ms, 0);
}

int64_t report_week_start(int64_t utc_ms)
{
    return report_midnight(utc_ms, 1);
}
