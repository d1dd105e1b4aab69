/* Where Ease draws, and the shapes it draws with. One SDL renderer over one of three targets: a
 * window through SDL's software renderer (cheap and steady with no GPU), a window through an
 * accelerated renderer (a kiosk with a real GPU), or an offscreen surface (ease render, tests).
 * Shapes are convex polygons with a one-pixel feathered edge, so discs and limbs look smooth on
 * every target. */
#ifndef EASE_GFX_H
#define EASE_GFX_H

#include <SDL.h>
#include <stdbool.h>

typedef enum {
    GFX_RENDERER_AUTO,
    GFX_RENDERER_SOFTWARE,
    GFX_RENDERER_ACCELERATED
} gfx_renderer_kind;

typedef struct gfx_region gfx_region; /* gfx_region.h */
struct draw_moving_log;               /* draw_moving.h */

typedef struct {
    SDL_Window *window; /* NULL offscreen */
    SDL_Renderer *renderer;
    SDL_Surface *offscreen;  /* the target when there is no window */
    bool software;           /* drawing into the window's own surface */
    int width, height;       /* in pixels */
    float pixels_per_mm;     /* from the display's DPI, or 96 dpi */
    bool fullscreen_pending; /* borderless at the display's size until the first frame is up */
    char renderer_name[64];
    /* Partial frames: the pixels that may change (gfx_region.h), honoured while region_on; a
     * pass that only notes what it would draw (recording: nothing is drawn, and shapes over
     * watch are summed in watch_hash); and what moved in the last frame (draw_moving.h). */
    gfx_region *region;
    bool region_on;
    bool recording;
    SDL_Rect watch;
    uint64_t watch_hash;
    struct draw_moving_log *moving;
    uint64_t region_pixels; /* pixels in every region filled so far (tests and benches) */
} gfx;

typedef struct {
    float x, y;
} gfx_point;

/* A window: full-screen on the desktop, or width x height when both are positive. False and a
 * message in error (size bytes) when no window can be made. */
bool gfx_open_window(gfx *g, const char *title, int width, int height, gfx_renderer_kind kind,
                     char *error, size_t size);
/* An offscreen target of width x height pixels; needs no video driver. */
bool gfx_open_offscreen(gfx *g, int width, int height, char *error, size_t size);
void gfx_close(gfx *g);

/* Call after the window changed size: refreshes width and height. True when they changed. */
bool gfx_refresh_size(gfx *g);

/* Shows what was drawn: the whole frame, or only the given rectangles (software windows copy
 * just those; other targets show everything). */
void gfx_present(gfx *g, const SDL_Rect *rects, int count);

/* Makes a borderless start-up window truly full-screen (after the first frame is up: with some
 * window managers the switch takes 100 ms). */
void gfx_settle_fullscreen(gfx *g);

/* Writes the current frame as PNG (offscreen targets; SDL_image does the encoding). */
bool gfx_save_png(gfx *g, const char *path, char *error, size_t size);

/* Reads back one pixel of the current frame (tests). */
SDL_Color gfx_read_pixel(gfx *g, int x, int y);

void gfx_clear(gfx *g, SDL_Color colour);
void gfx_fill_rect(gfx *g, SDL_FRect rect, SDL_Color colour);
/* A convex polygon, anti-aliased: points in order around it. */
void gfx_fill_convex(gfx *g, const gfx_point *points, int count, SDL_Color colour);
void gfx_fill_disc(gfx *g, float cx, float cy, float radius, SDL_Color colour);
/* The band between two circles (a whole ring), anti-aliased. */
void gfx_fill_ring(gfx *g, float cx, float cy, float inner, float outer, SDL_Color colour);
void gfx_fill_rounded_rect(gfx *g, SDL_FRect rect, float radius, SDL_Color colour);
/* A rounded-rectangle outline of the given thickness, drawn inside rect. */
void gfx_stroke_rounded_rect(gfx *g, SDL_FRect rect, float radius, float thickness,
                             SDL_Color colour);
/* A thick line with round ends: a limb. */
void gfx_fill_capsule(gfx *g, float x1, float y1, float x2, float y2, float thickness,
                      SDL_Color colour);
/* Part of a ring between inner and outer radius, from angle start through sweep (radians,
 * clockwise from twelve o'clock). */
void gfx_fill_arc(gfx *g, float cx, float cy, float inner, float outer, float start, float sweep,
                  SDL_Color colour);

/* Colour helpers. */
SDL_Color gfx_rgb(unsigned hex);
SDL_Color gfx_with_alpha(SDL_Color colour, Uint8 alpha);
SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t);

#endif
