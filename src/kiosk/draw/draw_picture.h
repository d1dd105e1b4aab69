/* Pictures from files: a routine step's picture, loaded once and kept while it is shown. The
 * cache belongs to the app and is let go before the renderer it was made for (so no texture
 * outlives its renderer); a picture that cannot be shown is remembered, not tried every frame. */
#ifndef EASE_DRAW_PICTURE_H
#define EASE_DRAW_PICTURE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char path[1024];
    SDL_Texture *texture; /* NULL: none, or it could not be shown */
    bool loaded;          /* path was tried */
    size_t skipped;       /* pictures that could not be shown: the staff screen says so */
} draw_picture_cache;

/* The picture at path (name is how the routine names it, for the journal), loaded with
 * renderer the first time it is asked for; NULL when it cannot be shown: not a regular file,
 * over the limits of media_limits.h (seconds and gigabytes to decode), or unreadable. */
SDL_Texture *draw_picture(draw_picture_cache *cache, SDL_Renderer *renderer, const char *path,
                          const char *name);
/* Lets go of the texture (the count of skipped pictures stays). */
void draw_picture_free(draw_picture_cache *cache);

#endif
