#include "draw_pacer.h"

#include <math.h>

#include "draw_moving.h"
#include "gfx_region.h"

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

float draw_pacer_travel(SDL_FRect box, const pacer_state *state, bool reduced_motion)
{
    float outer, radius = draw_pacer_radius(box, state, reduced_motion, &outer);
    return reduced_motion ? 25.0f * (float)state->fullness : radius;
}

float draw_pacer(gfx *g, SDL_FRect box, const pacer_state *state, const theme_colours *colours,
                 bool reduced_motion, pacer_style style)
{
    bool background = style == PACER_BACKGROUND;
    /* Behind the attract screen's words: dim enough for them to read at 7:1 at full breath. */
    float opacity = background ? 0.25f : 1.0f;
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    float outer, radius = draw_pacer_radius(box, state, reduced_motion, &outer);
    draw_moving_note_pacer(g, box, state, colours, reduced_motion, style);
    if (g->recording)
        return background ? radius * 0.9f : radius * 0.82f;
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
    /* The halo and the rim as whole discs, each covered by the next: only their outer edges
     * are worked out (a ring's inner edge, hidden under the next layer, cost as much as a
     * visible one), and a partial frame fills only the few pixels of them it redraws. */
    gfx_fill_disc(g, cx, cy, radius * 1.06f, gfx_mix(bg, body, 0.24f));
    gfx_fill_disc(g, cx, cy, radius, gfx_mix(body, bg, 0.25f));
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

bool draw_pacer_damage(gfx *g, SDL_FRect box, const pacer_state *before, const pacer_state *now,
                       bool reduced_motion, pacer_style style, float *skip_cx, float *skip_cy,
                       float *skip_r)
{
    /* Reduced motion changes the whole disc's colour; the attract screen's words lie all over
     * its disc; a new phase is a new colour. */
    if (reduced_motion || style != PACER_FULL || before->phase != now->phase)
        return false;
    float outer, r0 = draw_pacer_radius(box, before, false, &outer);
    float r1 = draw_pacer_radius(box, now, false, &outer);
    float lo = fminf(r0, r1), hi = fmaxf(r0, r1);
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    /* The body's edge, the rim's edge, the halo's edge: between them the colours stay as they
     * were (the words on the body are the caller's, see draw_moving.h). */
    float rings[4][2] = {{lo * 0.82f - 2, hi * 0.82f + 2},
                         {lo - 2, hi + 2},
                         {lo * 1.06f - 2, hi * 1.06f + 2},
                         /* the rim filling round a hold */
                         {lo * 1.12f - 2, hi * 1.12f + outer * 0.06f + 2}};
    gfx_region_add_rings(g, cx, cy, (const float(*)[2])rings, now->phase == BREATH_HOLD ? 4 : 3);
    /* The body is opaque and drawn before the words: under it, nothing needs clearing. */
    *skip_cx = cx;
    *skip_cy = cy;
    *skip_r = lo * 0.82f - 2;
    return true;
}
