#include "session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *session_outcome_name(session_outcome outcome)
{
    static const char *const names[] = {"open", "completed", "stopped", "abandoned"};
    return (unsigned)outcome < 4 ? names[outcome] : "?";
}

const char *session_stop_reason_name(session_stop_reason why)
{
    static const char *const names[] = {"",          "too-painful", "too-tiring",
                                        "had-to-go", "other",       "dizzy-unwell"};
    return (unsigned)why < STOP_REASON_COUNT ? names[why] : "";
}

void session_begin(session *s, const plan *p, const char *language, const char *kiosk,
                   const char *app_version, int pain_before, int64_t utc_ms)
{
    memset(s, 0, sizeof *s);
    unsigned char id[16];
    if (sodium_init() >= 0)
        randombytes_buf(id, sizeof id);
    else
        memset(id, 0, sizeof id); /* not reached on a working system; the visit still counts */
    sodium_bin2hex(s->visit_id, sizeof s->visit_id, id, sizeof id);
    const routine *r = p->routine;
    snprintf(s->kiosk, sizeof s->kiosk, "%s", kiosk ? kiosk : "");
    snprintf(s->routine_id, sizeof s->routine_id, "%s", r->id);
    const char *title = routine_text_get(&r->title, language);
    snprintf(s->routine_title, sizeof s->routine_title, "%s", title ? title : r->id);
    snprintf(s->routine_hash, sizeof s->routine_hash, "%s", r->content_hash);
    snprintf(s->language, sizeof s->language, "%s", language ? language : "");
    snprintf(s->app_version, sizeof s->app_version, "%s", app_version ? app_version : "");
    s->level = p->level;
    s->start_utc_ms = utc_ms;
    s->planned_ms = p->length_ms;
    s->steps_total = (int)r->step_count;
    s->outcome = SESSION_OPEN;
    s->pain_before = pain_before;
    s->pain_after = SESSION_NO_RATING;
}

void session_end(session *s, session_outcome outcome, session_stop_reason why, int64_t played_ms,
                 int steps_completed, int64_t utc_ms)
{
    s->outcome = outcome;
    s->stop_reason = outcome == SESSION_STOPPED ? why : STOP_REASON_NONE;
    s->played_ms = played_ms;
    s->steps_completed = steps_completed;
    s->end_utc_ms = utc_ms;
}
