/* Cross-fades between screens: when the visit moves to another screen, the last frame of the old
 * one is kept as a picture and drawn over the new one, fading out over APP_FADE_MS (the design's
 * "quick cross-fades, 200 ms at most"), so a screen never cuts. None in reduced-motion mode, and
 * none where the last frame cannot be read back as drawn: a GPU's back buffer is undefined after
 * it is shown, so the kiosk fades only on the software and offscreen renderers (the small boxes'
 * way of drawing). */
#include "app.h"

static void app_fade_drop(app *a)
{
    if (a->fade_from)
        SDL_DestroyTexture(a->fade_from);
    a->fade_from = NULL;
}

void app_fade_begin(app *a)
{
    if (!a->options.cross_fade || a->config.reduced_motion || a->fade_pending || !a->drawn_once ||
        !(a->g.software || a->g.offscreen))
        return;
    app_fade_drop(a);
    a->fade_pending = true; /* one picture per change, however many updates before a frame */
    SDL_Surface *last =
        SDL_CreateRGBSurfaceWithFormat(0, a->g.width, a->g.height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!last)
        return; /* out of memory: this change simply cuts */
    SDL_RenderFlush(a->g.renderer);
    if (SDL_RenderReadPixels(a->g.renderer, NULL, SDL_PIXELFORMAT_ARGB8888, last->pixels,
                             last->pitch) == 0)
        a->fade_from = SDL_CreateTextureFromSurface(a->g.renderer, last);
    SDL_FreeSurface(last);
    if (a->fade_from)
        SDL_SetTextureBlendMode(a->fade_from, SDL_BLENDMODE_BLEND);
    a->fade_start_ms = a->now_ms;
}

/* Until the whole frame after its end has let the old picture go. */
bool app_fade_active(const app *a)
{
    return a->fade_from != NULL;
}

void app_fade_draw(app *a)
{
    a->fade_pending = false;
    if (!a->fade_from)
        return;
    int64_t t = a->now_ms - a->fade_start_ms;
    if (t >= APP_FADE_MS || t < 0) {
        app_fade_drop(a); /* done: the new screen alone */
        return;
    }
    /* Eased out, so the new screen is there at once and the old one lets go softly. */
    float left = 1.0f - (float)t / (float)APP_FADE_MS;
    SDL_SetTextureAlphaMod(a->fade_from, (Uint8)(255 * left * left));
    SDL_RenderCopy(a->g.renderer, a->fade_from, NULL, NULL);
}

void app_fade_free(app *a)
{
    app_fade_drop(a);
    a->fade_pending = false;
}
