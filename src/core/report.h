/* What the clinic reads from the records: a summary per routine version (visits, how they
 * ended, pain before and after), one CSV row per visit for a spreadsheet, and the pain ratings
 * as a FHIR R4 Bundle for a health record. Visits still open (playing now) are left out of the
 * summary and in the exports as 'open'. */
#ifndef EASE_REPORT_H
#define EASE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "session.h"
#include "store.h"

enum { REPORT_MEANINGFUL_CHANGE = 2 }; /* pain down by 2 points or more: clinically meaningful */

typedef struct {
    char routine_id[65], routine_title[128], routine_hash[65]; /* "" in the totals row */
    int64_t visits, completed, stopped, abandoned;
    int64_t reasons[STOP_REASON_COUNT]; /* of the stopped, by reason */
    int64_t rated_before, rated_after, rated_both;
    double mean_before, mean_after, mean_change; /* NAN when nobody rated */
    int64_t improved; /* of rated_both, pain fell by REPORT_MEANINGFUL_CHANGE or more */
} report_row;

typedef struct {
    report_row *rows; /* per routine version, by id then first visit */
    size_t count;
    report_row total;
    int64_t open; /* visits playing now, not counted */
} report;

/* Visits that started in [since_utc_ms, until_utc_ms); 0 and INT64_MAX for no bound. */
bool report_build(store *s, int64_t since_utc_ms, int64_t until_utc_ms, report *out,
                  store_error *err);
void report_free(report *r);

/* The summary as a table for a terminal; the range as the user gave it ("" for all). */
void report_print(const report *r, const char *range, FILE *out);

/* RFC 4180: CRLF, quoted where needed, a UTF-8 byte order mark so spreadsheets read the text
 * right, and cells that a spreadsheet would run as a formula (= + - @) neutralised. */
bool report_export_csv(store *s, int64_t since_utc_ms, int64_t until_utc_ms, FILE *out,
                       store_error *err);

/* The same CSV from another source of visits (the fleet server): the header with the byte order
 * mark, then one row per visit. */
void report_csv_header(FILE *out);
bool report_csv_row(const session *v, FILE *out);

/* A FHIR R4 Bundle (type collection) of Observations, one per pain rating, LOINC 72514-3, no
 * subject; generated_utc_ms stamps the bundle. */
bool report_export_fhir(store *s, int64_t since_utc_ms, int64_t until_utc_ms,
                        int64_t generated_utc_ms, FILE *out, store_error *err);

/* A local calendar date "YYYY-MM-DD" as the UTC time of its midnight (in the local time zone);
 * false for anything else. */
bool report_parse_date(const char *text, int64_t *utc_ms);

/* Local midnight of the day holding utc_ms, and of the Monday of its week. */
int64_t report_day_start(int64_t utc_ms);
int64_t report_week_start(int64_t utc_ms);

#endif
