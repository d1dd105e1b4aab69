#include "pacer.h"

#include <math.h>

static double pacer_ease(double t)
{
    if (t <= 0)
        return 0;
    if (t >= 1)
        return 1;
    return 0.5 - 0.5 * cos(M_PI * t);
}

static bool pacer_is_phase(const plan_segment *s)
{
    return s->kind == SEGMENT_INHALE || s->kind == SEGMENT_BREATH_HOLD || s->kind == SEGMENT_EXHALE;
}

static bool pacer_same_cycle(const plan_segment *a, const plan_segment *b)
{
    return a->step == b->step && a->repeat == b->repeat && a->cycle == b->cycle;
}

/* Lungs at the start of each phase of the cycle holding segment: a run of inhales fills them in
 * proportion to each inhale's length (the sigh's second, "top-up" inhale adds the last bit), a
 * run of exhales empties them the same way, a hold keeps them. */
bool pacer_at(const plan *p, size_t segment, int64_t t_ms, pacer_state *out)
{
    if (segment >= p->segment_count || !pacer_is_phase(&p->segments[segment]))
        return false;
    size_t first = segment, last = segment;
    while (first > 0 && pacer_same_cycle(&p->segments[first - 1], &p->segments[segment]))
        first--;
    while (last + 1 < p->segment_count &&
           pacer_same_cycle(&p->segments[last + 1], &p->segments[segment]))
        last++;
    /* A cycle that begins by breathing out begins full. */
    double level = 0;
    for (size_t i = first; i <= last; i++)
        if (p->segments[i].phase != BREATH_HOLD) {
            level = p->segments[i].phase == BREATH_EXHALE ? 1 : 0;
            break;
        }
    double from = level, to = level;
    for (size_t i = first; i <= segment; i++) {
        const plan_segment *s = &p->segments[i];
        from = level;
        if (s->phase == BREATH_HOLD) {
            to = level;
        } else {
            /* The length of the run of same-direction phases from here on. */
            int64_t run = 0, mine = s->end_ms - s->start_ms;
            for (size_t j = i; j <= last && p->segments[j].phase == s->phase; j++)
                run += p->segments[j].end_ms - p->segments[j].start_ms;
            double goal = s->phase == BREATH_INHALE ? 1.0 : 0.0;
            to = level + (goal - level) * (double)mine / (double)(run > 0 ? run : 1);
        }
        level = to;
    }
    const plan_segment *s = &p->segments[segment];
    int64_t length = s->end_ms - s->start_ms;
    double t = length > 0 ? (double)(t_ms - s->start_ms) / (double)length : 1;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    out->phase = s->phase;
    out->progress = t;
    out->fullness = from + (to - from) * pacer_ease(t);
    out->remaining_ms = s->end_ms - t_ms > 0 ? s->end_ms - t_ms : 0;
    return true;
}

void pacer_demo(int64_t t_ms, pacer_state *out)
{
    const int64_t in_ms = 4000, out_ms = 6000;
    int64_t t = t_ms % (in_ms + out_ms);
    if (t < 0)
        t += in_ms + out_ms;
    if (t < in_ms) {
        out->phase = BREATH_INHALE;
        out->progress = (double)t / (double)in_ms;
        out->fullness = pacer_ease(out->progress);
        out->remaining_ms = in_ms - t;
    } else {
        out->phase = BREATH_EXHALE;
        out->progress = (double)(t - in_ms) / (double)out_ms;
        out->fullness = 1 - pacer_ease(out->progress);
        out->remaining_ms = in_ms + out_ms - t;
    }
}
