#include "cue_policy.h"

#include <string.h>

#include "synth.h"

const char *cue_phrase_key(cue_phrase phrase)
{
    static const char *const keys[CUE_PHRASE_COUNT] = {"breathe-in", "hold", "breathe-out"};
    return (unsigned)phrase < CUE_PHRASE_COUNT ? keys[phrase] : "hold";
}

static bool cue_policy_breathing(cue_event event)
{
    return event == CUE_EVENT_INHALE || event == CUE_EVENT_HOLD || event == CUE_EVENT_EXHALE;
}

/* The sound of a cue, before any timing: its own choice, the routine's, or the default. */
static void cue_policy_sound(const plan *p, const plan_cue *cue, cue_action *out)
{
    const routine_cue *choice =
        p->routine && (unsigned)cue->event < CUE_EVENT_COUNT ? &p->routine->cues[cue->event] : NULL;
    out->heard = true;
    out->from_file = false;
    if (cue->sound >= 0 && cue->sound < CUE_SOUND_COUNT)
        out->sound = cue->sound;
    else if (choice && choice->source == CUE_SOURCE_BUILTIN)
        out->sound = (int)choice->builtin;
    else if (choice && choice->source == CUE_SOURCE_NONE)
        out->heard = false;
    else {
        out->from_file = choice && choice->source == CUE_SOURCE_FILE && choice->file;
        out->sound = (int)cue_sound_default(cue->event);
    }
    /* A hold on empty lungs: the breathing segment before it was an exhale. */
    const plan_segment *s = cue->segment < p->segment_count ? &p->segments[cue->segment] : NULL;
    if (out->sound == CUE_SOUND_HOLD_TONE && cue->event == CUE_EVENT_HOLD && s &&
        s->kind == SEGMENT_BREATH_HOLD && cue->segment > 0 &&
        p->segments[cue->segment - 1].kind == SEGMENT_EXHALE)
        out->sound = SYNTH_HOLD_EMPTY_TONE;
}

/* The first of p's cues at at_ms or later (binary search: cues are sorted by time). */
static size_t cue_policy_first_at(const plan *p, int64_t at_ms)
{
    size_t lo = 0, hi = p->cue_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->cues[mid].at_ms < at_ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The cue of the given kind (a bell: step or set; or a breathing one) on the same moment. */
static const plan_cue *cue_policy_same_moment(const plan *p, int64_t at_ms, bool bell)
{
    for (size_t i = cue_policy_first_at(p, at_ms); i < p->cue_count && p->cues[i].at_ms == at_ms;
         i++) {
        cue_event e = p->cues[i].event;
        if (bell ? e == CUE_EVENT_STEP || e == CUE_EVENT_SET : cue_policy_breathing(e))
            return &p->cues[i];
    }
    return NULL;
}

static bool cue_policy_same_text(const routine_text *a, const routine_text *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->entries[i].lang, b->entries[i].lang) ||
            strcmp(a->entries[i].text ? a->entries[i].text : "",
                   b->entries[i].text ? b->entries[i].text : ""))
            return false;
    return true;
}

/* Whether step's words were already said for an earlier pass of the block it is in. */
static bool cue_policy_said_before(const routine *r, uint32_t step)
{
    const routine_step *s = &r->steps[step];
    if (s->block_pass <= 1)
        return false;
    for (uint32_t j = 0; j < step; j++)
        if (r->steps[j].block_pass >= 1 && r->steps[j].block_pass < s->block_pass &&
            cue_policy_same_text(&r->steps[j].title, &s->title) &&
            cue_policy_same_text(&r->steps[j].text, &s->text))
            return true;
    return false;
}

/* Where the step's first segment starts (a step cue sits there, but a late hand-over is
 * measured from it). */
static int64_t cue_policy_step_start(const plan *p, uint32_t segment)
{
    while (segment > 0 && p->segments[segment - 1].step == p->segments[segment].step)
        segment--;
    return p->segments[segment].start_ms;
}

void cue_policy_decide(const plan *p, const plan_cue *cue, const cue_policy_options *options,
                       cue_action *out)
{
    memset(out, 0, sizeof *out);
    out->cue = *cue;
    cue_policy_sound(p, cue, out);
    out->sound_at_ms = cue->at_ms;
    const plan_segment *s = cue->segment < p->segment_count ? &p->segments[cue->segment] : NULL;
    out->step = s ? s->step : 0;
    const routine *r = p->routine;
    bool breathing = cue_policy_breathing(cue->event);
    if (breathing && cue_policy_same_moment(p, cue->at_ms, true))
        out->sound_at_ms = cue->at_ms + CUE_POLICY_AFTER_BELL_MS;

    if (cue->event == CUE_EVENT_STEP && s && r && s->step < r->step_count) {
        if (r->steps[s->step].sound) {
            out->recording = true; /* the step's own voice, instead of ours */
            return;
        }
        if (!options->voice || cue_policy_said_before(r, s->step))
            return;
        out->words = CUE_WORDS_STEP;
        out->words_at_ms = cue->at_ms + CUE_POLICY_WORDS_AFTER_BELL_MS;
        /* A breathing tone follows the bell: the words wait until it has been heard. */
        const plan_cue *breath = cue_policy_same_moment(p, cue->at_ms, false);
        if (breath) {
            cue_action tone;
            memset(&tone, 0, sizeof tone);
            cue_policy_sound(p, breath, &tone);
            int64_t after = cue->at_ms + CUE_POLICY_AFTER_BELL_MS +
                            (tone.heard ? synth_length_ms(tone.sound) : 0) +
                            CUE_POLICY_WORDS_GAP_MS;
            if (after > out->words_at_ms)
                out->words_at_ms = after;
        }
        out->words_latest_ms = cue_policy_step_start(p, cue->segment) + CUE_POLICY_LATE_WORDS_MS;
        return;
    }
    if (breathing && options->voice && options->speak_breathing && s) {
        static const cue_phrase phrases[CUE_EVENT_COUNT] = {
            [CUE_EVENT_INHALE] = CUE_PHRASE_BREATHE_IN,
            [CUE_EVENT_HOLD] = CUE_PHRASE_HOLD,
            [CUE_EVENT_EXHALE] = CUE_PHRASE_BREATHE_OUT};
        out->words = CUE_WORDS_PHRASE;
        out->phrase = phrases[cue->event];
        out->words_at_ms = out->sound_at_ms;
        /* Outdated once a third of its phase has gone (or a second, whichever is sooner). */
        int64_t late = (s->end_ms - out->words_at_ms) / 3;
        out->words_latest_ms =
            out->words_at_ms +
            (late < CUE_POLICY_PHRASE_LATE_MS ? late : CUE_POLICY_PHRASE_LATE_MS);
        out->instead_of_sound = true;
    }
}

size_t cue_policy_window(const plan *p, int64_t from_ms, int64_t to_ms,
                         const cue_policy_options *options, cue_action *out, size_t max)
{
    size_t n = 0;
    for (size_t i = cue_policy_first_at(p, from_ms); i < p->cue_count && p->cues[i].at_ms < to_ms;
         i++, n++)
        if (n < max)
            cue_policy_decide(p, &p->cues[i], options, &out[n]);
    return n;
}
