/* The --trace lines (JSON, through jansson): each cue with its planned, handed and started
 * samples, each utterance placed or dropped, pauses and resumes; written in the order handed
 * over, once each start is known. */
#include "audio_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "array.h"

/* Writes the trace lines whose start is known, in the order the cues were handed over; with
 * all, the rest too (never started: no sample). */
void audio_trace_flush(audio *au, bool all)
{
    if (!au->trace_file)
        return;
    pthread_mutex_lock(&au->lock);
    for (size_t i = 0; i < AUDIO_VOICES; i++) {
        audio_voice *v = &au->voices[i];
        if (v->trace != SIZE_MAX && (v->first_mixed >= 0 || !v->active)) {
            /* Started, or dropped before its first sample (its start stays unknown). */
            au->trace[v->trace].start_sample = v->first_mixed;
            au->trace[v->trace].settled = true;
            v->trace = SIZE_MAX;
        }
    }
    pthread_mutex_unlock(&au->lock);
    while (au->trace_written < au->trace_count && (all || au->trace[au->trace_written].settled)) {
        const audio_trace_entry *e = &au->trace[au->trace_written++];
        json_t *line;
        if (e->kind == AUDIO_TRACE_PAUSE)
            line =
                json_pack("{s:s, s:I}", "player", "pause", "sample", (json_int_t)e->planned_sample);
        else if (e->kind == AUDIO_TRACE_RESUME)
            line =
                json_pack("{s:s, s:I, s:I}", "player", "resume", "paused_ms",
                          (json_int_t)e->handed_ms, "shift_samples", (json_int_t)e->planned_sample);
        else if (e->kind == AUDIO_TRACE_SPEECH) {
            /* Words (or a recording) placed by the voice queue, or dropped (start null). */
            line = json_pack("{s:s, s:I, s:I, s:I}", "speech", e->said, "planned_ms",
                             (json_int_t)e->planned_ms, "wanted_sample",
                             (json_int_t)e->planned_sample, "frames", (json_int_t)e->frames);
            if (line) {
                json_object_set_new(line, "step",
                                    e->step >= 0 ? json_integer(e->step) : json_null());
                json_object_set_new(line, "start_sample",
                                    e->start_sample >= 0 ? json_integer(e->start_sample)
                                                         : json_null());
                json_object_set_new(line, "voice", json_string(e->voice ? e->voice : "espeak"));
            }
        } else
            line = json_pack("{s:s, s:I, s:I, s:I}", "cue", cue_event_name(e->event), "segment",
                             (json_int_t)e->segment, "planned_ms", (json_int_t)e->planned_ms,
                             "handed_ms", (json_int_t)e->handed_ms);
        if (!line)
            continue;
        if (e->kind != AUDIO_TRACE_CUE) {
            char *text = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (text)
                fprintf(au->trace_file, "%s\n", text);
            free(text);
            json_decref(line);
            continue;
        }
        json_object_set_new(line, "planned_sample",
                            e->planned_sample >= 0 ? json_integer(e->planned_sample) : json_null());
        json_object_set_new(line, "start_sample",
                            e->start_sample >= 0 ? json_integer(e->start_sample) : json_null());
        json_object_set_new(line, "mixed_sample",
                            e->mixed_sample >= 0 ? json_integer(e->mixed_sample) : json_null());
        json_object_set_new(line, "rate_hz",
                            audio_plays(au) ? json_integer(au->rate_hz) : json_null());
        json_object_set_new(line, "offset_ms", json_integer(e->offset_ms));
        json_object_set_new(line, "frames", json_integer(e->frames));
        char *text = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (text)
            fprintf(au->trace_file, "%s\n", text);
        free(text);
        json_decref(line);
    }
    fflush(au->trace_file);
}

size_t audio_trace_add(audio *au, audio_trace_kind kind, const plan_cue *cue, int64_t handed_ms,
                       int64_t planned_sample)
{
    if (!au->trace_file)
        return SIZE_MAX;
    audio_trace_entry *grown =
        array_grow(au->trace, &au->trace_capacity, au->trace_count + 1, sizeof *grown);
    if (!grown)
        return SIZE_MAX;
    au->trace = grown;
    au->trace[au->trace_count] = (audio_trace_entry){.kind = kind,
                                                     .event = cue ? cue->event : 0,
                                                     .segment = cue ? cue->segment : 0,
                                                     .planned_ms = cue ? cue->at_ms : -1,
                                                     .handed_ms = handed_ms,
                                                     .planned_sample = planned_sample,
                                                     .start_sample = -1,
                                                     .mixed_sample = -1,
                                                     .settled = !cue || planned_sample < 0};
    return au->trace_count++;
}
