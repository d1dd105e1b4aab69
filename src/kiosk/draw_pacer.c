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

float draw_pacer(gfx *g, SDL_FRect box, const pacer_state *state, const theme_colours *colours,
                 bool reduced_motion, float opacity)
{
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    float outer = fminf(box.w, box.h) / 2 * 0.8f; /* room for the hold rim outside it */
    float smallest = outer * 0.42f;
    float fullness = (float)state->fullness;
    float radius = reduced_motion ? outer * 0.8f : smallest + (outer - smallest) * fullness;
    SDL_Color colour = draw_pacer_colour(colours, state->phase);
    Uint8 alpha = (Uint8)(255 * opacity);
    if (reduced_motion) {
        /* Still in size: the breath shows as light, from dim to bright. */
        colour = gfx_mix(gfx_mix(colours->background, colour, 0.35f), colour, fullness);
    }
    /* The track where a full breath ends, so the growth can be judged against it. */
    float track = outer * 0.012f < 2 ? 2 : outer * 0.012f;
    if (!reduced_motion)
        gfx_fill_arc(g, cx, cy, outer - track / 2, outer + track / 2, 0, 2 * (float)M_PI,
                     gfx_with_alpha(colours->track, alpha));
    /* A soft halo: wider, fainter discs behind the body of the pacer. */
    gfx_fill_disc(g, cx, cy, radius * 1.08f, gfx_with_alpha(colour, (Uint8)(alpha * 0.18f)));
    gfx_fill_disc(g, cx, cy, radius * 1.03f, gfx_with_alpha(colour, (Uint8)(alpha * 0.3f)));
    gfx_fill_disc(g, cx, cy, radius,
                  gfx_with_alpha(gfx_mix(colour, colours->background, 0.25f), alpha));
    gfx_fill_disc(g, cx, cy, radius * 0.82f, gfx_with_alpha(colour, alpha));
    if (state->phase == BREATH_HOLD) {
        /* The rim fills clockwise over the hold: shape, not only colour, says "hold". */
        float rim = outer * 0.06f;
        float r_in = radius * 1.12f, r_out = r_in + rim;
        gfx_fill_arc(g, cx, cy, r_in, r_out, 0, 2 * (float)M_PI,
                     gfx_with_alpha(colours->track, alpha));
        gfx_fill_arc(g, cx, cy, r_in, r_out, 0, 2 * (float)M_PI * (float)state->progress,
                     gfx_with_alpha(colours->hold, alpha));
    }
    return radius * 0.82f;
}
