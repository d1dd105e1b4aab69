#include "draw_picture.h"

#include <SDL_image.h>
#include <stdio.h>
#include <string.h>

#include "media_limits.h"
#include "source_file.h"

SDL_Texture *draw_picture(draw_picture_cache *cache, SDL_Renderer *renderer, const char *path,
                          const char *name)
{
    if (cache->loaded && !strcmp(path, cache->path))
        return cache->texture; /* NULL: it failed, and is not tried again */
    draw_picture_free(cache);
    media_image_info info;
    char why[256];
    if (!source_file_is_regular(path)) {
        /* not a regular file, which would block SDL_image: the step goes on without it */
        cache->skipped++;
    } else if (media_probe_image(path, &info) &&
               !media_image_within_limits(&info, why, sizeof why)) {
        fprintf(stderr, "ease: skipping the picture \"%s\": it %s\n", name, why);
        cache->skipped++;
    } else {
        cache->texture = IMG_LoadTexture(renderer, path); /* NULL when unreadable */
    }
    cache->loaded = true;
    snprintf(cache->path, sizeof cache->path, "%s", path);
    return cache->texture;
}

void draw_picture_free(draw_picture_cache *cache)
{
    if (cache->texture)
        SDL_DestroyTexture(cache->texture);
    cache->texture = NULL;
    cache->loaded = false;
    cache->path[0] = '\0';
}
