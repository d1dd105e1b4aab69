/* The breathing pacer: a soft disc that grows as the lungs fill and shrinks as they empty (the
 * pacer state says how full), with a rim that fills during a hold. In reduced-motion mode its
 * size stays still and its brightness follows the breath instead. */
#ifndef EASE_DRAW_PACER_H
#define EASE_DRAW_PACER_H

#include "gfx.h"
#include "pacer.h"
#include "theme.h"

/* Draws the pacer centred in box; returns the disc's current radius (for placing words in it). */
float draw_pacer(gfx *g, SDL_FRect box, const pacer_state *state, const theme_colours *colours,
                 bool reduced_motion, float opacity);

/* The colour of a phase. */
SDL_Color draw_pacer_colour(const theme_colours *colours, breath_phase_kind phase);

#endif
