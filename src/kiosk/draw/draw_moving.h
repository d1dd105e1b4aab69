/* What moves between whole frames, and the pixels it changed. The pacer and the figure note
 * each time they are drawn what they drew (the box, the breath, the pose, the colours); a
 * partial frame first runs the screen's drawing in a recording pass that draws nothing, to
 * learn what they will draw now, then redraws only the region where that differs from the last
 * frame: for a growing disc the rings at its edges and the words inside it, for a figure the
 * parts that moved, and every line of words drawn over them (where it was and where it is).
 * Nothing can differ from a whole frame, as long as what is drawn over a moving shape is drawn
 * with gfx or text_draw (which say where). */
#ifndef EASE_DRAW_MOVING_H
#define EASE_DRAW_MOVING_H

#include "draw_figure.h"
#include "draw_pacer.h"
#include "gfx.h"
#include "text.h"

enum {
    DRAW_MOVING_MAX = 4,   /* shapes noted a frame; with more, partial frames are not used */
    DRAW_MOVING_LINES = 32 /* lines of words noted a frame; likewise */
};

typedef enum { DRAW_MOVING_PACER, DRAW_MOVING_FIGURE } draw_moving_kind;

typedef struct {
    draw_moving_kind kind;
    SDL_FRect box;
    /* The pacer */
    pacer_state breath;
    bool reduced_motion;
    pacer_style style;
    theme_colours colours;
    /* The figure */
    pose figure;
    figure_colours figure_colours;
} draw_moving_shape;

/* A line of words where it was asked to go, and what it shows. */
typedef struct {
    SDL_FRect at;
    const SDL_Texture *shows;
} draw_moving_line;

typedef struct draw_moving_log {
    draw_moving_shape now[DRAW_MOVING_MAX], drawn[DRAW_MOVING_MAX];
    draw_moving_line lines_now[DRAW_MOVING_LINES], lines_drawn[DRAW_MOVING_LINES]; /* words */
    int now_count, drawn_count, lines_now_count, lines_drawn_count;
    bool now_whole, drawn_whole; /* every shape and line fitted in the lists */
    /* A partial frame's notes are its recording pass's, which saw the whole screen: its
     * redraws, clipped to what changed, skip lines outside the clip and note nothing. */
    bool frozen;
    SDL_Texture *nowhere; /* the recording pass's target: one pixel, never shown */
} draw_moving_log;

/* A drawing pass begins: what it draws is noted afresh, and words drawn through ts too. With
 * record_only, nothing is drawn (the shapes only note themselves, words are drawn nowhere, and
 * whatever gfx draws over watch is summed, see gfx.watch_hash). */
void draw_moving_begin(gfx *g, text_system *ts, bool record_only, SDL_Rect watch);
/* The recording pass is over; the summed watch_hash is returned. Its notes stand for the frame
 * until draw_moving_commit: the drawing passes in between note nothing. */
uint64_t draw_moving_end_recording(gfx *g);
/* The pass drew what it noted: it is now what the screen shows. */
void draw_moving_commit(gfx *g);
/* Frees the notes (gfx_close calls it). */
void draw_moving_free(gfx *g);

/* The region (gfx_region.h) a partial frame must redraw, within `within`, for the shapes just
 * recorded to replace those last drawn; *skip_r > 0 names a disc an opaque shape covers first
 * (see gfx_region_fill). False when it cannot tell (a new shape, a different screen or colour,
 * too many shapes): then the caller redraws all of `within`. */
bool draw_moving_damage(gfx *g, SDL_Rect within, float *skip_cx, float *skip_cy, float *skip_r);

/* The lines of words that changed since the last frame (other words, another place, come or
 * gone) and do not lie wholly inside away (what moves, which draw_moving_damage redraws): a
 * rectangle each where it was and where it is, those that overlap joined, at most max. A
 * countdown beside the figure changes this way every second; each rectangle is redrawn on its
 * own. -1 when the notes cannot tell (more lines than they hold): then a whole frame. */
int draw_moving_changed_lines(const gfx *g, SDL_Rect away, SDL_Rect *out, int max);

/* Called by draw_pacer and draw_figure. */
void draw_moving_note_pacer(gfx *g, SDL_FRect box, const pacer_state *state,
                            const theme_colours *colours, bool reduced_motion, pacer_style style);
void draw_moving_note_figure(gfx *g, const pose *p, SDL_FRect box, const figure_colours *colours);

#endif
