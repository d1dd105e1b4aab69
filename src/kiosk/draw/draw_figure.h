/* The guide figure: a calm, faceless person drawn from a pose's joint angles with the anti-aliased
 * shapes of gfx, so any pose (and any blend of two) can be shown on any renderer. */
#ifndef EASE_DRAW_FIGURE_H
#define EASE_DRAW_FIGURE_H

#include "body_focus.h"
#include "gfx.h"
#include "pose.h"

typedef struct {
    SDL_Color body;  /* the figure's fill */
    SDL_Color far;   /* limbs on the far side in side view (slightly darker/dimmer than body) */
    SDL_Color chair; /* the chair, when the pose has one (quiet, low contrast) */
    SDL_Color floor; /* a short floor line / soft shadow under the feet */
    /* The parts a step is about ('focus'): their fill is drawn towards focus, steady (no
     * flashing: the tint never changes while the step lasts). 0: no part singled out. */
    SDL_Color focus;
    body_regions focus_regions;
} figure_colours;

/* Draws the figure in pose p, as large as fits in box (keeping proportions), feet (or seat, or
 * back when lying) resting on the bottom of the box, centred horizontally. */
void draw_figure(gfx *g, const pose *p, SDL_FRect box, const figure_colours *colours);

/* The figure's bounding box for pose p when drawn in box (for partial redraws). */
SDL_FRect draw_figure_bounds(const pose *p, SDL_FRect box);

/* How far, in pixels, the figure drawn in box moves from pose a to pose b: the most any of
 * its round parts moves or grows (INFINITY when more changes: parts drawn in another order or
 * colour). Under a quarter of a pixel, a new frame would show nothing anyone could see. */
float draw_figure_moved_px(const pose *a, const pose *b, SDL_FRect box);

/* The box the figure's parts of regions (body_focus.h) cover when pose p is drawn in box,
 * outline and anti-aliased edge included: the only pixels a focus tint of those regions may
 * change (for tests). w = 0 when no part is of those regions. */
SDL_FRect draw_figure_region_bounds(const pose *p, SDL_FRect box, body_regions regions);

/* For a partial frame (draw_moving.h): adds to g's region the parts of the figure in box that
 * move from one pose to the next (where they were and where they are). False when the whole
 * figure changes. */
bool draw_figure_damage(gfx *g, SDL_FRect box, const pose *before, const pose *now,
                        const figure_colours *colours);

#endif
