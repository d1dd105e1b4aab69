/* The breathing pacer: a soft disc that grows as the lungs fill and shrinks as they empty (the
 * pacer state says how full), with a rim that fills during a hold. In reduced-motion mode its
 * size stays still and its brightness follows the breath instead. */
#ifndef EASE_DRAW_PACER_H
#define EASE_DRAW_PACER_H

#include "gfx.h"
#include "pacer.h"
#include "theme.h"

typedef enum {
    PACER_FULL,       /* the play screen: track, halo, rim and body */
    PACER_BACKGROUND, /* behind the attract screen's words: dim, two layers, no track */
} pacer_style;

/* Draws the pacer centred in box; returns the disc's current radius (for placing words in it). */
float draw_pacer(gfx *g, SDL_FRect box, const pacer_state *state, const theme_colours *colours,
                 bool reduced_motion, pacer_style style);

/* The square the pacer covers at this state (its halo, or its hold rim), for redrawing only
 * what moves. */
SDL_FRect draw_pacer_extent(SDL_FRect box, const pacer_state *state, bool reduced_motion);

/* How far the pacer has got, in pixels: its disc's radius; in reduced motion, where the disc
 * keeps its size and the breath shows as light, its fullness as 25 "pixels" (a quarter of
 * one is about one level of its colour). */
float draw_pacer_travel(SDL_FRect box, const pacer_state *state, bool reduced_motion);

/* For a partial frame (draw_moving.h): adds to g's region the pixels that change when the
 * pacer in box goes from one state to the next, and names a disc its opaque body covers (no
 * need to clear it first). False when the whole pacer changes. */
bool draw_pacer_damage(gfx *g, SDL_FRect box, const pacer_state *before, const pacer_state *now,
                       bool reduced_motion, pacer_style style, float *skip_cx, float *skip_cy,
                       float *skip_r);

/* The colour of a phase. */
SDL_Color draw_pacer_colour(const theme_colours *colours, breath_phase_kind phase);

#endif
