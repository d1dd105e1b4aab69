#include "draw_pacer.h"

#include <math.h>

SDL_Color draw_pacer_colour(const theme_colours *colours, breath_phase_kind phase)
{
    switch (phase) {
    case BREATH_INHALE:
        return colours->inhale;
    case BREATH_HOLD:
        return colours->hold;
    case BREATH_EXHALE:
        return colours->exhale;
    }
    return colours->inhale;
}

/* The disc's radius at a state, and the outer ring it grows to. */
static float draw_pacer_radius(SDL_FRect box, const pacer_state *state, bool reduced_motion,
                               float *outer)
{
    *outer = fminf(box.w, box.h) / 2 * 0.8f; /* room for the hold rim outside it */
    float smallest = *outer * 0.42f;
    return reduced_motion ? *outer * 0.8f : smallest + (*outer - smallest) * (float)state->fullness;
}

SDL_FRect draw_pacer_extent(SDL_FRect box, const pacer_state *state, bool reduced_motion)
{
    float outer, radius = draw_pacer_radius(box, state, reduced_motion, &outer);
    float reach = state->phase == BREATH_HOLD ? radius * 1.12f + outer * 0.06f : radius * 1.08f;
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    return (SDL_FRect){cx - reach - 2, cy - reach - 2, 2 * reach + 4, 2 * reach + 4};
}

float draw_pacer(gfx *g, SDL_FRect box, const pacer_state *state, const theme_colours *colours,
                 bool reduced_motion, pacer_style style)
{
    bool background = style == PACER_BACKGROUND;
    /* Behind the attract screen's words: dim enough for them to read at 7:1 at full breath. */
    float opacity = background ? 0.25f : 1.0f;
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    float outer, radius = draw_pacer_radius(box, state, reduced_motion, &outer);
    float fullness = (float)state->fullness;
    SDL_Color colour = draw_pacer_colour(colours, state->phase);
    if (state->phase == BREATH_HOLD)
        colour = colours->hold_disc; /* soft; the filling rim keeps the hold's colour */
    if (reduced_motion) {
        /* Still in size: the breath shows as light, from dim to bright. */
        colour = gfx_mix(gfx_mix(colours->background, colour, 0.35f), colour, fullness);
    }
    /* Every layer is the colour already mixed with the background, so it is drawn opaque:
     * plain fills, no blending, and overlapping layers cannot leave seams. */
    SDL_Color bg = colours->background;
    SDL_Color body = gfx_mix(bg, colour, opacity);
    float track = outer * 0.012f < 2 ? 2 : outer * 0.012f;
    if (!reduced_motion && !background)
        gfx_fill_ring(g, cx, cy, outer - track / 2, outer + track / 2,
                      gfx_mix(bg, colours->track, opacity));
    /* Soft halo, rim and body, opaque, largest first: each edge blends over the right colour. */
    if (background) {
        /* Behind words, a dim disc in two layers is enough, and it is drawn many times. */
        gfx_fill_disc(g, cx, cy, radius * 1.05f, gfx_mix(bg, body, 0.5f));
        gfx_fill_disc(g, cx, cy, radius * 0.9f, body);
        return radius * 0.9f;
    }
    /* The halo and the rim only as rings reaching 2 px under the next layer (which covers
     * their inner edge): the same picture with a third of the pixels to fill, every frame. */
    gfx_fill_ring(g, cx, cy, fmaxf(radius - 2, 0), radius * 1.06f, gfx_mix(bg, body, 0.24f));
    gfx_fill_ring(g, cx, cy, fmaxf(radius * 0.82f - 2, 0), radius, gfx_mix(body, bg, 0.25f));
    gfx_fill_disc(g, cx, cy, radius * 0.82f, body);
    Uint8 alpha = (Uint8)(255 * opacity);
    if (state->phase == BREATH_HOLD) {
        /* The rim fills clockwise over the hold: shape, not only colour, says "hold". */
        float rim = outer * 0.06f;
        float r_in = radius * 1.12f, r_out = r_in + rim;
        gfx_fill_ring(g, cx, cy, r_in, r_out, gfx_with_alpha(colours->track, alpha));
        gfx_fill_arc(g, cx, cy, r_in, r_out, 0, 2 * (float)M_PI * (float)state->progress,
                     gfx_with_alpha(colours->hold, alpha));
    }
    return radius * 0.82f;
}
