/* A partial frame's region: the pixels that may change since the last frame, as a few spans on
 * each row (an annulus is two spans a row, which no short list of rectangles covers well). While
 * it is in use, the shapes gfx writes straight into the pixels (gfx.c) write only inside it, so a
 * moving pacer or figure costs the pixels that changed, not its whole square. */
#ifndef EASE_GFX_REGION_H
#define EASE_GFX_REGION_H

#include <stdint.h>

#include "gfx.h"

enum {
    GFX_REGION_SPANS = 6,  /* per row; more are merged (a larger region is still right) */
    GFX_REGION_STRIP = 64, /* rows per rectangle shown */
};

typedef struct {
    int16_t count;
    int16_t from[GFX_REGION_SPANS], to[GFX_REGION_SPANS]; /* [from, to), sorted, apart */
} gfx_region_row;

struct gfx_region {
    int width, height;
    int top, bottom; /* the rows that have spans: [top, bottom) */
    gfx_region_row *rows;
};

/* An empty region over the whole target (made, or remade at a new size, on first use). False
 * when out of memory. */
bool gfx_region_reset(gfx *g);
/* Adds the pixels a shape could touch: a rectangle; the band between two circles (inner 0: a
 * disc), anti-aliased edges included. */
void gfx_region_add_rect(gfx *g, SDL_Rect rect);
void gfx_region_add_annulus(gfx *g, float cx, float cy, float inner, float outer);
/* Several such bands round one centre ({inner, outer} each, at most 8), added row by row. */
void gfx_region_add_rings(gfx *g, float cx, float cy, const float (*rings)[2], int count);
/* Whether any pixel of rect is in it; whether all are. */
bool gfx_region_touches(const gfx *g, SDL_Rect rect);
bool gfx_region_covers(const gfx *g, SDL_Rect rect);
/* Only the part inside rect is kept. */
void gfx_region_clip(gfx *g, SDL_Rect rect);
/* The smallest rectangle round it (empty when it is). */
SDL_Rect gfx_region_bounds(const gfx *g);
/* Fills it with colour, except the pixels wholly inside the disc (skip_r <= 0: none) that an
 * opaque shape drawn next covers anyway. */
void gfx_region_fill(gfx *g, SDL_Color colour, float skip_cx, float skip_cy, float skip_r);
/* While on, gfx's direct shapes write only inside the region. */
void gfx_region_use(gfx *g, bool on);
/* Rectangles covering it, GFX_REGION_STRIP rows at a time, for showing it; at most max (the
 * rest joined into the last). */
int gfx_region_rects(const gfx *g, SDL_Rect *out, int max);
void gfx_region_free(gfx *g);

#endif
