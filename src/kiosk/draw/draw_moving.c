#include "draw_moving.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gfx_region.h"

static draw_moving_log *draw_moving_log_of(gfx *g)
{
    if (!g->moving)
        g->moving = calloc(1, sizeof *g->moving);
    return g->moving;
}

static void draw_moving_note_line(void *data, SDL_FRect where, const SDL_Texture *shows)
{
    draw_moving_log *log = ((gfx *)data)->moving;
    if (!log || log->frozen)
        return;
    if (log->lines_now_count == DRAW_MOVING_LINES) {
        log->now_whole = false;
        return;
    }
    log->lines_now[log->lines_now_count++] = (draw_moving_line){where, shows};
}

/* Whether a line of words is drawn the same in both lists (same words, same place). */
static bool draw_moving_same_line(const draw_moving_line *a, const draw_moving_line *b)
{
    /* The very same place: how the renderer rounds a fraction of a pixel is its own. */
    return a->shows == b->shows && a->at.x == b->at.x && a->at.y == b->at.y && a->at.w == b->at.w &&
           a->at.h == b->at.h;
}

/* Line i of both lists (those last drawn, then those now), and whether it changed: the other
 * list has not the very same line (it went, came, moved or shows other words). */
static const draw_moving_line *draw_moving_line_at(const draw_moving_log *log, int i, bool *changed)
{
    bool drawn = i < log->lines_drawn_count;
    const draw_moving_line *line =
        drawn ? &log->lines_drawn[i] : &log->lines_now[i - log->lines_drawn_count];
    const draw_moving_line *other = drawn ? log->lines_now : log->lines_drawn;
    int others = drawn ? log->lines_now_count : log->lines_drawn_count;
    *changed = true;
    for (int j = 0; j < others && *changed; j++)
        *changed = !draw_moving_same_line(&other[j], line);
    return line;
}

/* A line's pixels, and one round them for however the renderer rounds. */
static SDL_Rect draw_moving_line_rect(const draw_moving_line *line)
{
    int x = (int)floorf(line->at.x) - 1, y = (int)floorf(line->at.y) - 1;
    return (SDL_Rect){x, y, (int)ceilf(line->at.x + line->at.w) + 2 - x,
                      (int)ceilf(line->at.y + line->at.h) + 2 - y};
}

void draw_moving_begin(gfx *g, text_system *ts, bool record_only, SDL_Rect watch)
{
    draw_moving_log *log = draw_moving_log_of(g);
    if (log && !record_only && log->frozen) {
        text_on_line(ts, draw_moving_note_line, g); /* which notes nothing while frozen */
        return;
    }
    if (log) {
        log->frozen = false;
        log->now_count = 0;
        log->lines_now_count = 0;
        log->now_whole = true;
    }
    text_on_line(ts, draw_moving_note_line, g);
    if (!record_only)
        return;
    g->recording = true;
    g->watch = watch;
    g->watch_hash = 0;
    /* Words and pictures (which the renderer draws itself) go to a one-pixel target, laid out
     * as ever so each line says where it would be. */
    if (log && !log->nowhere)
        log->nowhere = SDL_CreateTexture(g->renderer, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_TARGET, 1, 1);
    if (!log || !log->nowhere || SDL_SetRenderTarget(g->renderer, log->nowhere) != 0) {
        /* Nowhere to draw them: they are clipped away unseen, and this frame is redrawn
         * whole where things move. */
        if (log)
            log->now_whole = false;
        SDL_RenderSetClipRect(g->renderer, &(SDL_Rect){0, 0, 1, 1});
    }
}

uint64_t draw_moving_end_recording(gfx *g)
{
    g->recording = false;
    if (g->moving)
        g->moving->frozen = true;
    if (SDL_GetRenderTarget(g->renderer))
        SDL_SetRenderTarget(g->renderer, NULL);
    SDL_RenderSetClipRect(g->renderer, NULL);
    return g->watch_hash;
}

void draw_moving_free(gfx *g)
{
    if (g->moving && g->moving->nowhere)
        SDL_DestroyTexture(g->moving->nowhere);
    free(g->moving);
    g->moving = NULL;
}

void draw_moving_commit(gfx *g)
{
    draw_moving_log *log = g->moving;
    if (!log)
        return;
    memcpy(log->drawn, log->now, sizeof log->drawn);
    memcpy(log->lines_drawn, log->lines_now, sizeof log->lines_drawn);
    log->drawn_count = log->now_count;
    log->lines_drawn_count = log->lines_now_count;
    log->drawn_whole = log->now_whole;
    log->frozen = false;
}

static draw_moving_shape *draw_moving_add(gfx *g, draw_moving_kind kind, SDL_FRect box)
{
    draw_moving_log *log = draw_moving_log_of(g);
    if (!log || log->frozen)
        return NULL;
    if (log->now_count == DRAW_MOVING_MAX) {
        log->now_whole = false;
        return NULL;
    }
    draw_moving_shape *s = &log->now[log->now_count++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->box = box;
    return s;
}

void draw_moving_note_pacer(gfx *g, SDL_FRect box, const pacer_state *state,
                            const theme_colours *colours, bool reduced_motion, pacer_style style)
{
    draw_moving_shape *s = draw_moving_add(g, DRAW_MOVING_PACER, box);
    if (!s)
        return;
    s->breath = *state;
    s->colours = *colours;
    s->reduced_motion = reduced_motion;
    s->style = style;
}

void draw_moving_note_figure(gfx *g, const pose *p, SDL_FRect box, const figure_colours *colours)
{
    draw_moving_shape *s = draw_moving_add(g, DRAW_MOVING_FIGURE, box);
    if (!s)
        return;
    s->figure = *p;
    s->figure_colours = *colours;
}

bool draw_moving_damage(gfx *g, SDL_Rect within, float *skip_cx, float *skip_cy, float *skip_r)
{
    const draw_moving_log *log = g->moving;
    *skip_r = 0;
    /* One shape alone in what moves: with two (the figure beside the pacer, words under it),
     * what lies between them is not theirs to redraw. */
    if (!log || !log->now_whole || !log->drawn_whole || log->now_count != 1 ||
        log->drawn_count != 1 || !gfx_region_reset(g))
        return false;
    const draw_moving_shape *before = &log->drawn[0], *now = &log->now[0];
    if (before->kind != now->kind || memcmp(&before->box, &now->box, sizeof now->box) != 0)
        return false;
    bool known = false;
    if (now->kind == DRAW_MOVING_PACER) {
        known = before->style == now->style && before->reduced_motion == now->reduced_motion &&
                !memcmp(&before->colours, &now->colours, sizeof now->colours) &&
                draw_pacer_damage(g, now->box, &before->breath, &now->breath, now->reduced_motion,
                                  now->style, skip_cx, skip_cy, skip_r);
    } else {
        known =
            !memcmp(&before->figure_colours, &now->figure_colours, sizeof now->figure_colours) &&
            draw_figure_damage(g, now->box, &before->figure, &now->figure, &now->figure_colours);
    }
    if (!known)
        return false;
    /* Words over what moves: a line that changed (other words, another place) where it was and
     * where it is; a line that did not, wherever the redrawn rectangle (the region's bounds,
     * the clip of the redraw) reaches it, since it is drawn whole there (and drawn twice over
     * pixels not cleared, its soft edge would darken). */
    for (int i = 0; i < log->lines_drawn_count + log->lines_now_count; i++) {
        bool changed;
        SDL_Rect r = draw_moving_line_rect(draw_moving_line_at(log, i, &changed));
        if (changed && SDL_HasIntersection(&r, &within))
            gfx_region_add_rect(g, r);
    }
    gfx_region_clip(g, within);
    bool grown = true;
    for (int round = 0; round < 4 && grown; round++) {
        grown = false;
        SDL_Rect bounds = gfx_region_bounds(g);
        for (int i = 0; i < log->lines_now_count; i++) {
            SDL_Rect r = draw_moving_line_rect(&log->lines_now[i]), inside;
            if (SDL_IntersectRect(&r, &bounds, &inside) && !gfx_region_covers(g, inside)) {
                gfx_region_add_rect(g, inside);
                grown = true;
            }
        }
    }
    /* Still short after four rounds (lines in a chain): the whole rectangle is redrawn. */
    if (grown)
        gfx_region_add_rect(g, gfx_region_bounds(g));
    return true;
}

/* Adds r to the list, joined with every rectangle it overlaps (and those with each other). */
static int draw_moving_add_rect(SDL_Rect *out, int count, int max, SDL_Rect r)
{
    for (int i = 0; i < count; i++)
        if (SDL_HasIntersection(&out[i], &r)) {
            SDL_UnionRect(&out[i], &r, &r);
            out[i] = out[--count];
            i = -1; /* the grown one may now reach another */
        }
    if (count < max) {
        out[count++] = r;
    } else if (count > 0) {
        SDL_UnionRect(&out[count - 1], &r, &out[count - 1]);
    }
    return count;
}

int draw_moving_changed_lines(const gfx *g, SDL_Rect away, SDL_Rect *out, int max)
{
    const draw_moving_log *log = g->moving;
    if (!log || !log->now_whole || !log->drawn_whole || max <= 0)
        return -1;
    int count = 0;
    for (int i = 0; i < log->lines_drawn_count + log->lines_now_count; i++) {
        bool changed;
        SDL_Rect r = draw_moving_line_rect(draw_moving_line_at(log, i, &changed)), inside;
        bool within = SDL_IntersectRect(&r, &away, &inside) && SDL_RectEquals(&inside, &r);
        if (changed && !within)
            count = draw_moving_add_rect(out, count, max, r);
    }
    return count;
}
