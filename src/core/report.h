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
#include "store_summary.h"

/* Descriptive shares of one visit's before/after change, never called clinically meaningful:
 * Farrar's 2-point / 30 % threshold holds over weeks against the patient's global impression,
 * and one uncontrolled 5-minute change regresses to the mean and misses next-day flares. A rise
 * of 2 or more is the safety signal, reported first. */
enum {
    REPORT_CHANGE_POINTS = 2,   /* down (or up) by 2 points or more */
    REPORT_CHANGE_PERCENT = 30, /* down by 30 % or more of the pain before */
    REPORT_BASELINE_MIN = 3     /* the shares of pain down count those who started at 3+ */
};

/* A row per routine version, and the totals: the store counts them (store_summary.h). */
typedef store_sums report_row;
typedef store_summary report;

/* Visits that started in [since_utc_ms, until_utc_ms); 0 and INT64_MAX for no bound. */
bool report_build(store *s, int64_t since_utc_ms, int64_t until_utc_ms, report *out,
                  store_error *err);
void report_free(report *r);

/* The LOINC answer code of a 0-10 rating from the LL2335-9 answer list ("LA6111-4" for 0), with
 * its display ("0"); NULL for anything else. */
const char *report_pain_answer_code(int rating);

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

/* A FHIR R4 Bundle (type collection) of Observations, one per pain rating, no subject:
 * code LOINC 72514-3 with a component saying whether it was rated before or after the routine,
 * the answer as its LOINC answer code (LA6111-4 for 0 ... LA13942-0 for 10) in a
 * valueCodeableConcept; generated_utc_ms stamps the bundle. */
bool report_export_fhir(store *s, int64_t since_utc_ms, int64_t until_utc_ms,
                        int64_t generated_utc_ms, FILE *out, store_error *err);

/* A local calendar date "YYYY-MM-DD" as the UTC time of its midnight (in the local time zone);
 * false for anything else. */
bool report_parse_date(const char *text, int64_t *utc_ms);

/* Local midnight of the day holding utc_ms, and of the Monday of its week. */
int64_t report_day_start(int64_t utc_ms);
int64_t report_week_start(int64_t utc_ms);

#endif
