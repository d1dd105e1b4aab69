#include "player.h"

#include <stdio.h>
#include <string.h>

void player_init(player *pl, const plan *p, int speed_permille)
{
    memset(pl, 0, sizeof *pl);
    pl->plan = p;
    pl->state = PLAYER_READY;
    pl->speed_permille = speed_permille > 0 ? speed_permille : 1000;
}

void player_clear(player *pl)
{
    player_init(pl, NULL, pl->speed_permille);
}

/* Every other entry point does nothing unless playing or paused, and only player_start leaves
 * READY: refusing to start (or seek) without a plan is what keeps a cleared player safe. */
void player_start(player *pl, int64_t now_ms)
{
    if (pl->state != PLAYER_READY || !pl->plan)
        return;
    pl->start_ms = now_ms;
    pl->state = PLAYER_PLAYING;
    pl->steps_started = pl->plan->segment_count ? 1 : 0;
    pl->last_step = pl->plan->segment_count ? pl->plan->segments[0].step : 0;
}

void player_seek(player *pl, int64_t now_ms, int64_t from_ms)
{
    if (!pl->plan)
        return;
    if (from_ms < 0)
        from_ms = 0;
    if (from_ms > pl->plan->length_ms)
        from_ms = pl->plan->length_ms;
    /* Shift the start so that now is at from_ms; pauses so far stay counted. */
    int64_t elapsed_wall = from_ms * 1000 / pl->speed_permille;
    pl->start_ms = now_ms - elapsed_wall - pl->paused_ms;
    if (pl->state == PLAYER_PAUSED)
        pl->start_ms -= now_ms - pl->pause_began_ms;
    pl->next_cue = 0;
    while (pl->next_cue < pl->plan->cue_count && pl->plan->cues[pl->next_cue].at_ms < from_ms)
        pl->next_cue++;
    pl->position_ms = from_ms;
    pl->segment = plan_segment_at(pl->plan, from_ms);
    pl->last_step = pl->plan->segment_count ? pl->plan->segments[pl->segment].step : 0;
}

int64_t player_position_at(const player *pl, int64_t now_ms)
{
    if (pl->state == PLAYER_READY)
        return 0;
    if (pl->state == PLAYER_FINISHED)
        return pl->plan->length_ms;
    if (pl->state == PLAYER_STOPPED)
        return pl->position_ms;
    int64_t clock = pl->state == PLAYER_PAUSED ? pl->pause_began_ms : now_ms;
    int64_t elapsed = clock - pl->start_ms - pl->paused_ms;
    if (elapsed < 0)
        elapsed = 0;
    int64_t position = elapsed * pl->speed_permille / 1000;
    return position < pl->plan->length_ms ? position : pl->plan->length_ms;
}

int64_t player_clock_at(const player *pl, int64_t at_ms)
{
    return pl->start_ms + pl->paused_ms + at_ms * 1000 / pl->speed_permille;
}

void player_pause(player *pl, int64_t now_ms)
{
    if (pl->state != PLAYER_PLAYING)
        return;
    pl->state = PLAYER_PAUSED;
    pl->pause_began_ms = now_ms;
}

void player_resume(player *pl, int64_t now_ms)
{
    if (pl->state != PLAYER_PAUSED)
        return;
    pl->paused_ms += now_ms - pl->pause_began_ms;
    pl->state = PLAYER_PLAYING;
}

void player_stop(player *pl, int64_t now_ms)
{
    if (pl->state != PLAYER_PLAYING && pl->state != PLAYER_PAUSED)
        return;
    pl->position_ms = player_position_at(pl, now_ms);
    pl->state = PLAYER_STOPPED;
}

/* Hands out, once each and in order, the cues at or before position_ms (up to max_cues). */
static size_t player_take_cues_until(player *pl, int64_t position_ms, plan_cue *cues,
                                     size_t max_cues)
{
    const plan *p = pl->plan;
    size_t written = 0;
    while (written < max_cues && pl->next_cue < p->cue_count &&
           p->cues[pl->next_cue].at_ms <= position_ms)
        cues[written++] = p->cues[pl->next_cue++];
    return written;
}

size_t player_advance(player *pl, int64_t now_ms, plan_cue *cues, size_t max_cues)
{
    if (pl->state != PLAYER_PLAYING && pl->state != PLAYER_PAUSED)
        return 0;
    const plan *p = pl->plan;
    int64_t position = player_position_at(pl, now_ms);
    pl->position_ms = position;
    size_t segment = plan_segment_at(p, position);
    /* Count every step passed, even ones a slow frame skipped over. */
    for (size_t s = pl->segment + 1; s <= segment && s < p->segment_count; s++) {
        if (p->segments[s].step != pl->last_step) {
            pl->last_step = p->segments[s].step;
            pl->steps_started++;
        }
    }
    pl->segment = segment;
    size_t written = player_take_cues_until(pl, position, cues, max_cues);
    bool cues_left = pl->next_cue < p->cue_count && p->cues[pl->next_cue].at_ms <= position;
    if (position >= p->length_ms && !cues_left)
        pl->state = PLAYER_FINISHED;
    return written;
}

size_t player_take_cues_ahead(player *pl, int64_t now_ms, int64_t lookahead_ms, plan_cue *cues,
                              size_t max_cues)
{
    if (pl->state != PLAYER_PLAYING)
        return 0;
    int64_t horizon = player_position_at(pl, now_ms + (lookahead_ms > 0 ? lookahead_ms : 0));
    return player_take_cues_until(pl, horizon, cues, max_cues);
}

int64_t player_next_cue_clock_ms(const player *pl)
{
    if (pl->state != PLAYER_PLAYING || pl->next_cue >= pl->plan->cue_count)
        return -1;
    return player_clock_at(pl, pl->plan->cues[pl->next_cue].at_ms);
}

size_t player_steps_completed(const player *pl)
{
    if (pl->state == PLAYER_FINISHED)
        return pl->plan->routine->step_count;
    return pl->steps_started ? pl->steps_started - 1 : 0;
}

static bool player_counted(plan_segment_kind kind)
{
    return kind == SEGMENT_STEP || kind == SEGMENT_REST || kind == SEGMENT_SET_REST ||
           kind == SEGMENT_REP_HOLD;
}

int64_t player_countdown_end_ms(const player *pl, int64_t t_ms)
{
    const plan *p = pl->plan;
    if (!p || p->segment_count == 0)
        return -1;
    size_t i = plan_segment_at(p, t_ms);
    const plan_segment *s = &p->segments[i];
    if (!player_counted(s->kind))
        return -1;
    /* A step split at its prompts is one count: run on through the pieces of the same play. */
    while (i + 1 < p->segment_count && p->segments[i + 1].kind == s->kind &&
           p->segments[i + 1].step == s->step && p->segments[i + 1].repeat == s->repeat &&
           p->segments[i + 1].set == s->set && p->segments[i + 1].rep == s->rep)
        i++;
    return p->segments[i].end_ms;
}

int64_t player_countdown_seconds(int64_t end_ms, int64_t t_ms)
{
    return end_ms > t_ms ? (end_ms - t_ms + 999) / 1000 : 0;
}

void player_countdown_format(int64_t seconds, char *out, size_t size)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 60)
        snprintf(out, size, "%lld", (long long)seconds);
    else
        snprintf(out, size, "%lld:%02lld", (long long)(seconds / 60), (long long)(seconds % 60));
}

int64_t player_countdown_next_change_ms(int64_t end_ms, int64_t t_ms)
{
    int64_t shown = player_countdown_seconds(end_ms, t_ms);
    return shown > 1 ? end_ms - 1000 * (shown - 1) : end_ms;
}
