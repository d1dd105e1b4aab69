/* One patient's visit, as the records will keep it: which routine (and which version of its
 * file), level, language, times, how much was played, how it ended, and the pain ratings.
 * Nothing here identifies a person. Filled by the flow; stored by the records store. */
#ifndef EASE_SESSION_H
#define EASE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"

typedef enum {
    SESSION_OPEN,      /* playing; a crash now leaves it 'abandoned' */
    SESSION_COMPLETED, /* played to the end */
    SESSION_STOPPED,   /* the patient pressed Stop */
    SESSION_ABANDONED, /* the patient walked away */
} session_outcome;

typedef enum {
    STOP_REASON_NONE,
    STOP_REASON_TOO_PAINFUL,
    STOP_REASON_TOO_TIRING,
    STOP_REASON_HAD_TO_GO, /* no longer offered; kept for the records that hold it */
    STOP_REASON_OTHER,
    STOP_REASON_DIZZY, /* "I feel dizzy or unwell": the kiosk then says to tell the staff */
    STOP_REASON_COUNT
} session_stop_reason;

enum { SESSION_NO_RATING = -1 };

typedef struct {
    char visit_id[33]; /* 128 random bits, hex */
    char kiosk[64];
    char routine_id[65];
    char routine_title[128];
    char routine_hash[65];
    int level;
    char language[16];
    int64_t start_utc_ms, end_utc_ms; /* Unix time in ms; end 0 while open */
    int64_t planned_ms, played_ms;
    int steps_completed, steps_total;
    session_outcome outcome;
    session_stop_reason stop_reason;
    int pain_before, pain_after; /* 0-10, or SESSION_NO_RATING */
    char app_version[16];
} session;

const char *session_outcome_name(session_outcome outcome);     /* "completed" */
const char *session_stop_reason_name(session_stop_reason why); /* "too-painful", "" for none */
/* The SQL list of every reason's name, for the stores' CHECK constraints. */
#define SESSION_STOP_REASONS_SQL "'too-painful', 'too-tiring', 'had-to-go', 'other', 'dizzy-unwell'"

/* Opens a visit of p's routine as playing starts; utc_ms is wall-clock time. */
void session_begin(session *s, const plan *p, const char *language, const char *kiosk,
                   const char *app_version, int pain_before, int64_t utc_ms);

/* Closes it: how it ended, how far it got. */
void session_end(session *s, session_outcome outcome, session_stop_reason why, int64_t played_ms,
                 int steps_completed, int64_t utc_ms);

#endif
