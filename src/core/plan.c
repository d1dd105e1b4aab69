#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"

const char *plan_segment_kind_name(plan_segment_kind kind)
{
    static const char *const names[SEGMENT_KIND_COUNT] = {"step", "inhale",   "hold",     "exhale",
                                                          "rep",  "rep-hold", "set-rest", "rest"};
    return (unsigned)kind < SEGMENT_KIND_COUNT ? names[kind] : "?";
}

int64_t plan_cycle_ms(const routine_step *step, int level)
{
    int64_t total = 0;
    for (size_t i = 0; i < step->phase_count; i++)
        total += routine_level_value_at(&step->phases[i].length_ms, level, 0);
    return total;
}

int64_t plan_cycles(const routine_step *step, int level)
{
    if (step->cycles.count)
        return routine_level_value_at(&step->cycles, level, 1);
    int64_t cycle = plan_cycle_ms(step, level);
    int64_t fit = cycle > 0 ? routine_level_value_at(&step->breathe_ms, level, 0) / cycle : 1;
    return fit < 1 ? 1 : fit;
}

int64_t plan_rep_ms(const routine_step *step, int level)
{
    if (step->rep_phase_count == 0)
        return routine_level_value_at(&step->rep_ms, level, 0);
    int64_t total = 0;
    for (size_t i = 0; i < step->rep_phase_count; i++)
        total += routine_level_value_at(&step->rep_phases[i].length_ms, level, 0);
    return total;
}

/* A breath ends with an exhale: the sigh's two inhales and one exhale are one breath, a pattern
 * of two in-out pairs is two. */
int64_t plan_breaths_per_cycle(const routine_step *step)
{
    int64_t exhales = 0;
    for (size_t i = 0; i < step->phase_count; i++)
        exhales += step->phases[i].kind == BREATH_EXHALE;
    return exhales > 0 ? exhales : 1;
}

int64_t plan_step_once_ms(const routine_step *step, int level)
{
    switch (step->kind) {
    case STEP_TIMED:
    case STEP_REST:
        return routine_level_value_at(&step->duration_ms, level, 0);
    case STEP_BREATHE:
        return plan_cycle_ms(step, level) * plan_cycles(step, level);
    case STEP_EXERCISE: {
        int64_t reps = routine_level_value_at(&step->reps, level, 1);
        int64_t sets = routine_level_value_at(&step->sets, level, 1);
        int64_t rep = plan_rep_ms(step, level) + routine_level_value_at(&step->hold_ms, level, 0) +
                      plan_return_ms(step, level);
        return sets * reps * rep + (sets - 1) * routine_level_value_at(&step->rest_ms, level, 0);
    }
    }
    return 0;
}

int64_t plan_return_ms(const routine_step *step, int level)
{
    /* Only a repetition that ends away from where it started has to come back; it comes back
     * as slowly as it went, unless the author says how long. */
    const routine_motion *m = &step->motion;
    if (step->kind != STEP_EXERCISE || m->count < 2 || !m->keys[0].pose ||
        !m->keys[m->count - 1].pose || !strcmp(m->keys[0].pose, m->keys[m->count - 1].pose))
        return 0;
    if (step->return_ms.count)
        return routine_level_value_at(&step->return_ms, level, 0);
    int64_t went = plan_rep_ms(step, level);
    if (m->timed && m->keys[m->count - 1].at_ms >= 0)
        went = m->keys[m->count - 1].at_ms - (m->keys[0].at_ms > 0 ? m->keys[0].at_ms : 0);
    return went < 1000 ? 1000 : went;
}

int64_t plan_step_total_ms(const routine_step *step, int level)
{
    return plan_step_once_ms(step, level) * routine_level_value_at(&step->repeat, level, 1);
}

int64_t plan_motion_unit_ms(const routine_step *step, int level)
{
    switch (step->kind) {
    case STEP_BREATHE:
        return plan_cycle_ms(step, level);
    case STEP_EXERCISE:
        return plan_rep_ms(step, level);
    default:
        return plan_step_once_ms(step, level);
    }
}

int64_t plan_routine_ms(const routine *r, int level)
{
    int64_t total = 0;
    for (size_t i = 0; i < r->step_count; i++)
        total += plan_step_total_ms(&r->steps[i], level);
    return total;
}

/* Growing arrays for the compile; one failure flag instead of a check at every push. */
typedef struct {
    plan *p;
    size_t segment_capacity, cue_capacity, keyframe_capacity;
    bool out_of_memory;
    const routine_cue *cues;      /* the routine's */
    const routine_cue *step_cues; /* the step being compiled's own, over the routine's */
} plan_builder;

/* Room for one more item (array_grow), remembering a failure for the whole build. */
static void *plan_grow(void *array, size_t *capacity, size_t count, size_t item, bool *failed)
{
    void *grown = array_grow(array, capacity, count + 1, item);
    if (!grown)
        *failed = true;
    return grown;
}

static plan_segment *plan_add_segment(plan_builder *b, const plan_segment *proto,
                                      plan_segment_kind kind, int64_t start_ms, int64_t length_ms)
{
    plan *p = b->p;
    plan_segment *grown = plan_grow(p->segments, &b->segment_capacity, p->segment_count,
                                    sizeof *p->segments, &b->out_of_memory);
    if (!grown)
        return NULL;
    p->segments = grown;
    plan_segment *s = &p->segments[p->segment_count++];
    *s = *proto;
    s->kind = kind;
    s->start_ms = start_ms;
    s->end_ms = start_ms + length_ms;
    return s;
}

/* A cue with its sound chosen: the phase's own (override, may be NULL), else the step's, else
 * the routine's; 'none' at the first level that speaks leaves the cue out. */
static const routine_cue *plan_cue_choice(const plan_builder *b, cue_event event,
                                          const routine_cue *override)
{
    return override && override->source != CUE_SOURCE_DEFAULT                 ? override
           : b->step_cues && b->step_cues[event].source != CUE_SOURCE_DEFAULT ? &b->step_cues[event]
                                                                              : &b->cues[event];
}

/* Whether the cue would be heard: not 'none', and asked for where only asked for is heard. */
static bool plan_cue_heard(const plan_builder *b, cue_event event, const routine_cue *override)
{
    const routine_cue *choice = plan_cue_choice(b, event, override);
    return choice->source != CUE_SOURCE_NONE &&
           (choice->source != CUE_SOURCE_DEFAULT || cue_event_heard_by_default(event));
}

static void plan_add_cue_from(plan_builder *b, int64_t at_ms, cue_event event,
                              const routine_cue *override)
{
    const routine_cue *choice = plan_cue_choice(b, event, override);
    if (!plan_cue_heard(b, event, override))
        return;
    int sound = choice != &b->cues[event] && choice->source == CUE_SOURCE_BUILTIN
                    ? (int)choice->builtin
                    : -1;
    plan *p = b->p;
    plan_cue *grown =
        plan_grow(p->cues, &b->cue_capacity, p->cue_count, sizeof *p->cues, &b->out_of_memory);
    if (!grown)
        return;
    p->cues = grown;
    p->cues[p->cue_count++] = (plan_cue){.at_ms = at_ms,
                                         .event = event,
                                         .segment = (uint32_t)(p->segment_count - 1),
                                         .sound = sound};
}

static void plan_add_cue(plan_builder *b, int64_t at_ms, cue_event event)
{
    plan_add_cue_from(b, at_ms, event, NULL);
}

/* Ticks for the last three seconds of a hold or rest, none at its very start. */
static void plan_add_countdown(plan_builder *b, const plan_segment *s)
{
    for (int64_t k = 3; k >= 1; k--) {
        int64_t at = s->end_ms - k * 1000;
        if (at > s->start_ms)
            plan_add_cue(b, at, CUE_EVENT_COUNTDOWN);
    }
}

/* Resolves a step's motion into keyframes once; segments share them. */
static bool plan_add_motion(plan_builder *b, const routine *r, const pose_library *shared,
                            const routine_step *step, int level, uint32_t *first, uint32_t *count,
                            diag_list *diag)
{
    plan *p = b->p;
    *first = (uint32_t)p->keyframe_count;
    *count = 0;
    size_t n = step->motion.count;
    int64_t unit = plan_motion_unit_ms(step, level);
    for (size_t i = 0; i < n; i++) {
        const motion_key *key = &step->motion.keys[i];
        const pose_def *def = pose_library_find(&r->poses, shared, key->pose);
        if (!def || !def->resolved) {
            diag_error(diag, r->path, key->place.line, key->place.col,
                       "pose '%s' is not known; run 'ease check' on this routine", key->pose);
            return false;
        }
        plan_keyframe *grown = plan_grow(p->keyframes, &b->keyframe_capacity, p->keyframe_count,
                                         sizeof *p->keyframes, &b->out_of_memory);
        if (!grown)
            return false;
        p->keyframes = grown;
        int64_t at = key->at_ms >= 0 ? key->at_ms
                     : n > 1         ? unit * (int64_t)i / (int64_t)(n - 1)
                                     : 0;
        p->keyframes[p->keyframe_count++] =
            (plan_keyframe){.at_ms = at, .pose = def->value, .name = key->pose};
        (*count)++;
    }
    /* The way back, from the last pose to the first, right after them (not counted). */
    int64_t back = plan_return_ms(step, level);
    for (int k = 0; back > 0 && k < 2; k++) {
        plan_keyframe *grown = plan_grow(p->keyframes, &b->keyframe_capacity, p->keyframe_count,
                                         sizeof *p->keyframes, &b->out_of_memory);
        if (!grown)
            return false;
        p->keyframes = grown;
        plan_keyframe from = p->keyframes[*first + (k == 0 ? *count - 1 : 0)];
        from.at_ms = k == 0 ? 0 : back;
        p->keyframes[p->keyframe_count++] = from;
    }
    return true;
}

static int plan_cue_compare(const void *a, const void *b)
{
    const plan_cue *x = a, *y = b;
    if (x->at_ms != y->at_ms)
        return x->at_ms < y->at_ms ? -1 : 1;
    /* Same moment: the step's bell before the phase tone, in insertion (segment) order. */
    if (x->segment != y->segment)
        return x->segment < y->segment ? -1 : 1;
    return (int)x->event - (int)y->event;
}

static void plan_compile_step(plan_builder *b, const routine *r, const routine_step *step,
                              uint32_t index, int level, uint32_t motion_first,
                              uint32_t motion_count, int64_t *clock)
{
    int64_t repeats = routine_level_value_at(&step->repeat, level, 1);
    plan_segment proto = {.step = index,
                          .repeats = (uint16_t)repeats,
                          .cycle = 1,
                          .cycles = 1,
                          .rep = 1,
                          .reps = 1,
                          .set = 1,
                          .sets = 1,
                          .title = &step->title,
                          .text = &step->text,
                          .motion_first = motion_first,
                          .motion_count = motion_count};
    for (int64_t repeat = 1; repeat <= repeats && !b->out_of_memory; repeat++) {
        proto.repeat = (uint16_t)repeat;
        int64_t t = *clock;
        plan_segment *s = NULL; /* set by each kind before use (GCC -O2 cannot see it) */
        switch (step->kind) {
        case STEP_TIMED:
        case STEP_REST: {
            int64_t length = routine_level_value_at(&step->duration_ms, level, 0);
            proto.motion_origin_ms = t;
            /* Prompts split the step: each part shows its own words over the same motion. A
             * prompt at 0 replaces the step's text from the start; one at or past the step's
             * end (at a short level) is left out. */
            size_t skip = step->prompt_count && step->prompts[0].at_ms == 0 ? 1 : 0;
            size_t later = skip;
            while (later < step->prompt_count && step->prompts[later].at_ms < length)
                later++;
            size_t parts = 1 + later - skip;
            proto.parts = (uint16_t)(parts > 1 ? parts : 0);
            for (size_t k = 0; k < parts; k++) {
                const step_prompt *prompt = k > 0  ? &step->prompts[skip + k - 1]
                                            : skip ? &step->prompts[0]
                                                   : NULL;
                int64_t from = k > 0 ? prompt->at_ms : 0;
                int64_t to = k + 1 < parts ? step->prompts[skip + k].at_ms : length;
                proto.part = (uint16_t)(parts > 1 ? k + 1 : 0);
                proto.text = prompt ? &prompt->text : &step->text;
                s = plan_add_segment(b, &proto,
                                     step->kind == STEP_REST ? SEGMENT_REST : SEGMENT_STEP,
                                     t + from, to - from);
                if (!s)
                    return;
                /* The bell marks a new step, not each repeat of one (a tai chi form played three
                 * times is one flowing step: 17 bells in 7 minutes was too many). */
                if (k > 0)
                    plan_add_cue(b, t + from, CUE_EVENT_PROMPT);
                else if (repeat == 1)
                    plan_add_cue(b, t + from, CUE_EVENT_STEP);
            }
            proto.part = proto.parts = 0;
            proto.text = &step->text;
            if (step->kind == STEP_REST)
                plan_add_countdown(b, s);
            t += length;
            break;
        }
        case STEP_BREATHE: {
            int64_t cycles = plan_cycles(step, level);
            int64_t per_cycle = plan_breaths_per_cycle(step);
            proto.cycles = (uint16_t)cycles;
            proto.breaths = (uint16_t)(cycles * per_cycle);
            int64_t breath = 1;
            for (int64_t c = 1; c <= cycles; c++) {
                proto.cycle = (uint16_t)c;
                proto.motion_origin_ms = t;
                for (size_t i = 0; i < step->phase_count; i++) {
                    const breath_phase *phase = &step->phases[i];
                    static const plan_segment_kind kinds[] = {SEGMENT_INHALE, SEGMENT_BREATH_HOLD,
                                                              SEGMENT_EXHALE};
                    static const cue_event events[] = {CUE_EVENT_INHALE, CUE_EVENT_HOLD,
                                                       CUE_EVENT_EXHALE};
                    int64_t length = routine_level_value_at(&phase->length_ms, level, 0);
                    proto.phase = phase->kind;
                    proto.breath = (uint16_t)breath;
                    proto.text = phase->text.count ? &phase->text : &step->text;
                    s = plan_add_segment(b, &proto, kinds[phase->kind], t, length);
                    if (!s)
                        return;
                    if (c == 1 && i == 0 && repeat == 1)
                        plan_add_cue(b, t, CUE_EVENT_STEP);
                    plan_add_cue(b, t, events[phase->kind]);
                    if (phase->kind == BREATH_HOLD)
                        plan_add_countdown(b, s);
                    if (phase->kind == BREATH_EXHALE && breath < proto.breaths)
                        breath++;
                    t += length;
                }
            }
            proto.text = &step->text;
            break;
        }
        case STEP_EXERCISE: {
            int64_t sets = routine_level_value_at(&step->sets, level, 1);
            int64_t reps = routine_level_value_at(&step->reps, level, 1);
            int64_t rep = routine_level_value_at(&step->rep_ms, level, 0);
            int64_t hold = routine_level_value_at(&step->hold_ms, level, 0);
            int64_t rest = routine_level_value_at(&step->rest_ms, level, 0);
            int64_t back = plan_return_ms(step, level);
            proto.sets = (uint16_t)sets;
            proto.reps = (uint16_t)reps;
            for (int64_t set = 1; set <= sets; set++) {
                proto.set = (uint16_t)set;
                for (int64_t k = 1; k <= reps; k++) {
                    proto.rep = (uint16_t)k;
                    proto.motion_origin_ms = t;
                    proto.motion_count = motion_count;
                    if (step->rep_phase_count == 0) {
                        s = plan_add_segment(b, &proto, SEGMENT_REP, t, rep);
                        if (!s)
                            return;
                        if (set == 1 && k == 1 && repeat == 1)
                            plan_add_cue(b, t, CUE_EVENT_STEP);
                        else if (k == 1 && set > 1)
                            plan_add_cue(b, t, CUE_EVENT_SET);
                        else if (k > 1)
                            plan_add_cue(b, t, CUE_EVENT_REP);
                        t += rep;
                    }
                    /* Named phases: one segment each with its own words, over one motion. */
                    proto.parts = (uint16_t)step->rep_phase_count;
                    for (size_t i = 0; i < step->rep_phase_count; i++) {
                        const rep_phase *phase = &step->rep_phases[i];
                        int64_t length = routine_level_value_at(&phase->length_ms, level, 0);
                        proto.part = (uint16_t)(i + 1);
                        proto.label = &phase->name;
                        proto.text = phase->text.count ? &phase->text : &step->text;
                        s = plan_add_segment(b, &proto, SEGMENT_REP, t, length);
                        if (!s)
                            return;
                        /* A new step, set or (where asked) repetition is marked as such;
                         * its first phase's own tone would sound on the same moment. */
                        if (set == 1 && k == 1 && i == 0 && repeat == 1)
                            plan_add_cue(b, t, CUE_EVENT_STEP);
                        else if (i == 0 && k == 1 && set > 1)
                            plan_add_cue(b, t, CUE_EVENT_SET);
                        else if (i == 0 && k > 1 && plan_cue_heard(b, CUE_EVENT_REP, NULL))
                            plan_add_cue(b, t, CUE_EVENT_REP);
                        else
                            plan_add_cue_from(b, t, CUE_EVENT_PHASE, &phase->cue);
                        t += length;
                    }
                    proto.part = proto.parts = 0;
                    proto.label = NULL;
                    proto.text = &step->text;
                    if (hold > 0) {
                        /* Same origin: past the motion's end the figure keeps its last pose. */
                        s = plan_add_segment(b, &proto, SEGMENT_REP_HOLD, t, hold);
                        if (!s)
                            return;
                        plan_add_cue(b, t, CUE_EVENT_HOLD);
                        plan_add_countdown(b, s);
                        t += hold;
                    }
                    if (back > 0) {
                        /* Still the same repetition: coming back is part of it. */
                        plan_segment way_back = proto;
                        way_back.motion_origin_ms = t;
                        way_back.motion_first = motion_first + motion_count;
                        way_back.motion_count = 2;
                        s = plan_add_segment(b, &way_back, SEGMENT_REP, t, back);
                        if (!s)
                            return;
                        t += back;
                    }
                }
                if (set < sets && rest > 0) {
                    proto.motion_origin_ms = t;
                    proto.motion_count = motion_count ? 1 : 0; /* rest in the starting pose */
                    s = plan_add_segment(b, &proto, SEGMENT_SET_REST, t, rest);
                    if (!s)
                        return;
                    plan_add_countdown(b, s);
                    t += rest;
                }
            }
            break;
        }
        }
        *clock = t;
    }
    (void)r;
}

bool plan_compile(const routine *r, const pose_library *shared, int level, plan **out,
                  diag_list *diag)
{
    if (level < 1 || level > r->levels) {
        if (r->levels == 1)
            diag_error(diag, r->path, 0, 0, "level %d does not exist; '%s' has only level 1", level,
                       r->id);
        else
            diag_error(diag, r->path, 0, 0, "level %d does not exist; '%s' has levels 1 to %d",
                       level, r->id, r->levels);
        return false;
    }
    int64_t length = plan_routine_ms(r, level);
    if (length > PLAN_MAX_LENGTH_MS) {
        diag_error(diag, r->path, r->steps_place.line, r->steps_place.col,
                   "the routine plays for more than 2 hours at level %d", level);
        return false;
    }
    plan *p = calloc(1, sizeof *p);
    if (!p) {
        diag_error(diag, r->path, 0, 0, "ran out of memory compiling the routine");
        return false;
    }
    p->routine = r;
    p->level = level;
    plan_builder b = {.p = p, .cues = r->cues};
    int64_t clock = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < r->step_count && !b.out_of_memory; i++) {
        uint32_t first, count;
        b.step_cues = r->steps[i].cues;
        ok = plan_add_motion(&b, r, shared, &r->steps[i], level, &first, &count, diag);
        if (ok)
            plan_compile_step(&b, r, &r->steps[i], (uint32_t)i, level, first, count, &clock);
    }
    if (ok && !b.out_of_memory) {
        b.step_cues = NULL; /* the end belongs to the routine */
        plan_add_cue(&b, clock, CUE_EVENT_END);
        if (p->cue_count > 1)
            qsort(p->cues, p->cue_count, sizeof *p->cues, plan_cue_compare);
        p->length_ms = clock;
    }
    if (b.out_of_memory) {
        diag_error(diag, r->path, 0, 0, "ran out of memory compiling the routine");
        ok = false;
    }
    if (!ok) {
        plan_free(p);
        return false;
    }
    *out = p;
    return true;
}

void plan_free(plan *p)
{
    if (!p)
        return;
    free(p->segments);
    free(p->cues);
    free(p->keyframes);
    free(p);
}

size_t plan_segment_at(const plan *p, int64_t t_ms)
{
    if (p->segment_count == 0)
        return 0;
    size_t low = 0, high = p->segment_count - 1;
    while (low < high) {
        size_t mid = low + (high - low + 1) / 2;
        if (p->segments[mid].start_ms <= t_ms)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}

bool plan_pose_at(const plan *p, size_t segment, int64_t t_ms, pose *out)
{
    if (segment >= p->segment_count)
        return false;
    const plan_segment *s = &p->segments[segment];
    if (s->motion_count == 0)
        return false;
    const plan_keyframe *keys = &p->keyframes[s->motion_first];
    size_t n = s->motion_count;
    int64_t local = t_ms - s->motion_origin_ms;
    if (n == 1 || local <= keys[0].at_ms) {
        *out = keys[0].pose;
        return true;
    }
    if (local >= keys[n - 1].at_ms) {
        *out = keys[n - 1].pose;
        return true;
    }
    size_t i = 0;
    while (i + 1 < n && keys[i + 1].at_ms <= local)
        i++;
    double t = (double)(local - keys[i].at_ms) / (double)(keys[i + 1].at_ms - keys[i].at_ms);
    pose_blend(&keys[i].pose, &keys[i + 1].pose, pose_ease(t), out);
    return true;
}
