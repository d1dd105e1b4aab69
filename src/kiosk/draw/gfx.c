#include "gfx.h"

#include <SDL_image.h>
#include <stdlib.h>

#include "draw_moving.h"
#include "gfx_region.h"
#include <glob.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

enum { GFX_MAX_POINTS = 512 };

SDL_Color gfx_rgb(unsigned hex)
{
    return (SDL_Color){(Uint8)(hex >> 16), (Uint8)(hex >> 8), (Uint8)hex, 255};
}

SDL_Color gfx_with_alpha(SDL_Color colour, Uint8 alpha)
{
    colour.a = (Uint8)(colour.a * alpha / 255);
    return colour;
}

SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t)
{
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    return (SDL_Color){(Uint8)(a.r + (b.r - a.r) * t), (Uint8)(a.g + (b.g - a.g) * t),
                       (Uint8)(a.b + (b.b - a.b) * t), (Uint8)(a.a + (b.a - a.a) * t)};
}

static void gfx_set_error(char *error, size_t size, const char *what)
{
    snprintf(error, size, "%s: %s", what, SDL_GetError());
}

static void gfx_read_dpi(gfx *g)
{
    float dpi = 96;
    if (g->window) {
        float ddpi, hdpi, vdpi;
        int display = SDL_GetWindowDisplayIndex(g->window);
        /* Some drivers report nonsense; trust only a plausible screen. */
        if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, &hdpi, &vdpi) == 0 && hdpi > 50 &&
            hdpi < 600)
            dpi = hdpi;
    }
    g->pixels_per_mm = dpi / 25.4f;
}

/* GL drivers that draw on the CPU cost far more than SDL's own software renderer. */
static bool gfx_renderer_is_software_gl(SDL_Renderer *renderer)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer, &info) != 0)
        return true;
    if (info.flags & SDL_RENDERER_SOFTWARE)
        return true;
    if (strncmp(info.name, "opengl", 6) != 0)
        return false;
    typedef const unsigned char *(*get_string_fn)(unsigned int);
    get_string_fn get_string = (get_string_fn)SDL_GL_GetProcAddress("glGetString");
    const char *name = get_string ? (const char *)get_string(0x1F01 /* GL_RENDERER */) : NULL;
    return !name || strstr(name, "llvmpipe") || strstr(name, "softpipe") ||
           strstr(name, "Software");
}

/* A GPU's render node: without one, an accelerated renderer can only be Mesa on the CPU. */
static bool gfx_has_gpu(void)
{
    glob_t found;
    bool any = glob("/dev/dri/renderD*", 0, NULL, &found) == 0 && found.gl_pathc > 0;
    globfree(&found);
    return any;
}

static bool gfx_make_window(gfx *g, const char *title, int width, int height, Uint32 flags)
{
    bool full = width <= 0 || height <= 0;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    if (full) {
        /* Borderless over the whole display first: going full-screen can take a window manager
         * 100 ms, so it happens after the first frame is up (gfx_present). */
        SDL_Rect bounds = {0, 0, 1280, 720};
        SDL_GetDisplayBounds(0, &bounds);
        x = bounds.x;
        y = bounds.y;
        width = bounds.w;
        height = bounds.h;
        flags |= SDL_WINDOW_BORDERLESS;
        g->fullscreen_pending = true;
    } else {
        flags |= SDL_WINDOW_RESIZABLE;
    }
    g->window = SDL_CreateWindow(title, x, y, width, height, flags | SDL_WINDOW_ALLOW_HIGHDPI);
    return g->window != NULL;
}

bool gfx_open_window(gfx *g, const char *title, int width, int height, gfx_renderer_kind kind,
                     char *error, size_t size)
{
    memset(g, 0, sizeof *g);
    if (kind == GFX_RENDERER_AUTO && !gfx_has_gpu())
        kind = GFX_RENDERER_SOFTWARE; /* no GPU: skip a slow probe of Mesa's CPU renderer */
    if (kind != GFX_RENDERER_SOFTWARE) {
        if (gfx_make_window(g, title, width, height, 0)) {
            g->renderer = SDL_CreateRenderer(g->window, -1,
                                             SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
            if (g->renderer &&
                (kind == GFX_RENDERER_ACCELERATED || !gfx_renderer_is_software_gl(g->renderer))) {
                SDL_RendererInfo info;
                SDL_GetRendererInfo(g->renderer, &info);
                snprintf(g->renderer_name, sizeof g->renderer_name, "%s", info.name);
                gfx_refresh_size(g);
                gfx_read_dpi(g);
                return true;
            }
            if (g->renderer)
                SDL_DestroyRenderer(g->renderer);
            SDL_DestroyWindow(g->window);
            memset(g, 0, sizeof *g);
        }
        if (kind == GFX_RENDERER_ACCELERATED) {
            gfx_set_error(error, size, "no accelerated renderer");
            return false;
        }
    }
    /* The window's own surface in system memory: no GL in between. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (!gfx_make_window(g, title, width, height, 0)) {
        gfx_set_error(error, size, "cannot open a window");
        return false;
    }
    g->renderer = SDL_CreateRenderer(g->window, -1, SDL_RENDERER_SOFTWARE);
    if (!g->renderer) {
        gfx_set_error(error, size, "cannot draw in the window");
        SDL_DestroyWindow(g->window);
        g->window = NULL;
        return false;
    }
    g->software = true;
    snprintf(g->renderer_name, sizeof g->renderer_name, "software");
    gfx_refresh_size(g);
    gfx_read_dpi(g);
    return true;
}

bool gfx_open_offscreen(gfx *g, int width, int height, char *error, size_t size)
{
    memset(g, 0, sizeof *g);
    g->offscreen = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!g->offscreen) {
        gfx_set_error(error, size, "cannot make an image to draw in");
        return false;
    }
    g->renderer = SDL_CreateSoftwareRenderer(g->offscreen);
    if (!g->renderer) {
        gfx_set_error(error, size, "cannot draw in an image");
        SDL_FreeSurface(g->offscreen);
        g->offscreen = NULL;
        return false;
    }
    g->width = width;
    g->height = height;
    g->pixels_per_mm = 96 / 25.4f;
    snprintf(g->renderer_name, sizeof g->renderer_name, "offscreen");
    return true;
}

void gfx_close(gfx *g)
{
    gfx_region_free(g);
    draw_moving_free(g);
    if (g->renderer)
        SDL_DestroyRenderer(g->renderer);
    if (g->window)
        SDL_DestroyWindow(g->window);
    if (g->offscreen)
        SDL_FreeSurface(g->offscreen);
    memset(g, 0, sizeof *g);
}

bool gfx_refresh_size(gfx *g)
{
    int w = g->width, h = g->height;
    if (g->renderer)
        SDL_GetRendererOutputSize(g->renderer, &w, &h);
    bool changed = w != g->width || h != g->height;
    g->width = w;
    g->height = h;
    return changed;
}

void gfx_present(gfx *g, const SDL_Rect *rects, int count)
{
    if (g->offscreen) {
        SDL_RenderFlush(g->renderer);
        return;
    }
    if (g->software && rects && count > 0) {
        /* Copy only what changed to the screen: most of a calm frame stays as it was. */
        SDL_RenderFlush(g->renderer);
        SDL_UpdateWindowSurfaceRects(g->window, rects, count);
    } else {
        SDL_RenderPresent(g->renderer);
    }
}

void gfx_settle_fullscreen(gfx *g)
{
    if (g->fullscreen_pending) {
        g->fullscreen_pending = false;
        SDL_SetWindowFullscreen(g->window, SDL_WINDOW_FULLSCREEN_DESKTOP);
    }
}

bool gfx_save_png(gfx *g, const char *path, char *error, size_t size)
{
    SDL_Surface *shot =
        SDL_CreateRGBSurfaceWithFormat(0, g->width, g->height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!shot) {
        gfx_set_error(error, size, "cannot copy the frame");
        return false;
    }
    SDL_RenderFlush(g->renderer);
    bool ok = SDL_RenderReadPixels(g->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, shot->pixels,
                                   shot->pitch) == 0 &&
              IMG_SavePNG(shot, path) == 0;
    if (!ok)
        snprintf(error, size, "cannot write %s: %s", path, SDL_GetError());
    SDL_FreeSurface(shot);
    return ok;
}

SDL_Color gfx_read_pixel(gfx *g, int x, int y)
{
    Uint32 pixel = 0;
    SDL_Rect one = {x, y, 1, 1};
    SDL_RenderFlush(g->renderer);
    SDL_RenderReadPixels(g->renderer, &one, SDL_PIXELFORMAT_ARGB8888, &pixel, 4);
    return (SDL_Color){(Uint8)(pixel >> 16), (Uint8)(pixel >> 8), (Uint8)pixel,
                       (Uint8)(pixel >> 24)};
}

/* While recording, a shape is only noted: when it reaches over the watched rectangle, its
 * colour and shape (to a whole pixel: the progress bar's end creeps a twentieth of a pixel a
 * frame, and is drawn again once it has moved one) go into watch_hash, so the caller can tell
 * whether anything drawn there changed. True when recording (draw nothing). */
static bool gfx_noted(gfx *g, float x0, float y0, float x1, float y1, const float *values,
                      int count, SDL_Color colour)
{
    if (!g->recording)
        return false;
    SDL_Rect w = g->watch;
    if (w.w <= 0 || w.h <= 0 || x1 < (float)w.x || x0 > (float)(w.x + w.w) || y1 < (float)w.y ||
        y0 > (float)(w.y + w.h))
        return true;
    uint64_t h = g->watch_hash ^ 0xcbf29ce484222325u;
    h = (h ^ ((uint64_t)colour.r << 24 | (uint64_t)colour.g << 16 | (uint64_t)colour.b << 8 |
              colour.a)) *
        0x100000001b3u;
    for (int i = 0; i < count; i++)
        h = (h ^ (uint64_t)(int64_t)lrintf(values[i])) * 0x100000001b3u;
    g->watch_hash = h;
    return true;
}

/* Whether nothing of the box [x0, x1] x [y0, y1] can be drawn: outside the clip of a partial
 * frame, or (recording) outside the watched rectangle. Shapes check it before working out their
 * outline, which for the many shapes a screen draws costs more than the few it redraws. */
static bool gfx_unseen(gfx *g, float x0, float y0, float x1, float y1)
{
    SDL_Rect c;
    if (g->recording)
        c = g->watch;
    else if (SDL_RenderIsClipEnabled(g->renderer))
        SDL_RenderGetClipRect(g->renderer, &c);
    else
        return false;
    return c.w <= 0 || c.h <= 0 || x1 + 2 < (float)c.x || x0 - 2 > (float)(c.x + c.w) ||
           y1 + 2 < (float)c.y || y0 - 2 > (float)(c.y + c.h);
}

void gfx_clear(gfx *g, SDL_Color colour)
{
    if (g->recording)
        return;
    SDL_SetRenderDrawColor(g->renderer, colour.r, colour.g, colour.b, 255);
    SDL_RenderClear(g->renderer);
}

/* Opaque colours are copied, not blended: a plain fill costs a fraction of a blended one. */
static void gfx_fill_mode(gfx *g, SDL_Color colour)
{
    SDL_SetRenderDrawBlendMode(g->renderer,
                               colour.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

static bool gfx_fill_rect_direct(gfx *g, SDL_FRect rect, SDL_Color colour);

void gfx_fill_rect(gfx *g, SDL_FRect rect, SDL_Color colour)
{
    const float values[4] = {rect.x, rect.y, rect.w, rect.h};
    if (gfx_noted(g, rect.x, rect.y, rect.x + rect.w, rect.y + rect.h, values, 4, colour))
        return;
    if (gfx_fill_rect_direct(g, rect, colour))
        return;
    gfx_fill_mode(g, colour);
    SDL_SetRenderDrawColor(g->renderer, colour.r, colour.g, colour.b, colour.a);
    SDL_RenderFillRectF(g->renderer, &rect);
}

static SDL_Vertex gfx_vertex(float x, float y, SDL_Color colour)
{
    return (SDL_Vertex){.position = {x, y}, .color = colour, .tex_coord = {0, 0}};
}

/* Fills the inside of a convex polygon (its vertices' positions) with one rectangle per row,
 * reaching out to the pixels its edge touches (the feathered edge drawn over them blends to the
 * same opaque colour). False when there is nothing sensible to fill. */
static bool gfx_fill_convex_rows(gfx *g, const SDL_Vertex *v, int count, SDL_Color colour)
{
    enum { MAX_ROWS = 4096 };
    static SDL_FRect rows[MAX_ROWS];
    float top = v[0].position.y, bottom = v[0].position.y;
    for (int i = 1; i < count; i++) {
        top = v[i].position.y < top ? v[i].position.y : top;
        bottom = v[i].position.y > bottom ? v[i].position.y : bottom;
    }
    int from = (int)floorf(top), to = (int)ceilf(bottom), n = 0;
    if (SDL_RenderIsClipEnabled(g->renderer)) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(g->renderer, &clip);
        from = from > clip.y ? from : clip.y;
        to = to < clip.y + clip.h ? to : clip.y + clip.h;
    }
    if (to - from > MAX_ROWS)
        to = from + MAX_ROWS;
    if (to <= from)
        return false;
    /* Where each row's centre line crosses the outline (a convex shape has one run): each edge
     * visits only the rows it spans, so a many-sided outline costs its height, not its height
     * times its sides. */
    static float left[MAX_ROWS], right[MAX_ROWS];
    for (int y = from; y < to; y++) {
        left[y - from] = 1e9f;
        right[y - from] = -1e9f;
    }
    for (int i = 0; i < count; i++) {
        SDL_FPoint a = v[i].position, b = v[(i + 1) % count].position;
        if (a.y == b.y)
            continue;
        float low = a.y < b.y ? a.y : b.y, high = a.y < b.y ? b.y : a.y;
        /* Rows whose centre y + 0.5 lies in [low, high). */
        int first = (int)ceilf(low - 0.5f), last = (int)ceilf(high - 0.5f);
        first = first > from ? first : from;
        last = last < to ? last : to;
        for (int y = first; y < last; y++) {
            float centre = (float)y + 0.5f;
            float x = a.x + (centre - a.y) * (b.x - a.x) / (b.y - a.y);
            left[y - from] = x < left[y - from] ? x : left[y - from];
            right[y - from] = x > right[y - from] ? x : right[y - from];
        }
    }
    for (int y = from; y < to; y++) {
        if (right[y - from] <= left[y - from])
            continue;
        float x0 = floorf(left[y - from]), x1 = ceilf(right[y - from]);
        rows[n++] = (SDL_FRect){x0, (float)y, x1 - x0, 1};
    }
    if (n == 0)
        return false;
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(g->renderer, colour.r, colour.g, colour.b, 255);
    SDL_RenderFillRectsF(g->renderer, rows, n);
    return true;
}

static bool gfx_fill_convex_direct(gfx *g, const gfx_point *points, int count, SDL_Color colour);

void gfx_fill_convex(gfx *g, const gfx_point *points, int count, SDL_Color colour)
{
    if (count < 3 || count > GFX_MAX_POINTS || colour.a == 0)
        return;
    if (g->recording) {
        float x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
        for (int i = 1; i < count; i++) {
            x0 = fminf(x0, points[i].x);
            x1 = fmaxf(x1, points[i].x);
            y0 = fminf(y0, points[i].y);
            y1 = fmaxf(y1, points[i].y);
        }
        gfx_noted(g, x0, y0, x1, y1, &points[0].x, 2 * count, colour);
        return;
    }
    if (gfx_fill_convex_direct(g, points, count, colour))
        return;
    /* Inner polygon pulled in half a pixel, and a one-pixel feather ring fading out from it. */
    static SDL_Vertex vertices[GFX_MAX_POINTS * 2 + 1];
    static int indices[GFX_MAX_POINTS * 9];
    float cx = 0, cy = 0;
    for (int i = 0; i < count; i++) {
        cx += points[i].x;
        cy += points[i].y;
    }
    cx /= (float)count;
    cy /= (float)count;
    SDL_Color clear = gfx_with_alpha(colour, 0);
    for (int i = 0; i < count; i++) {
        gfx_point prev = points[(i + count - 1) % count], here = points[i],
                  next = points[(i + 1) % count];
        /* The outward normal at a corner: the sum of its two edges' normals. */
        float e1x = here.x - prev.x, e1y = here.y - prev.y, e2x = next.x - here.x,
              e2y = next.y - here.y;
        float l1 = sqrtf(e1x * e1x + e1y * e1y), l2 = sqrtf(e2x * e2x + e2y * e2y);
        float nx = 0, ny = 0;
        if (l1 > 1e-4f) {
            nx += e1y / l1;
            ny += -e1x / l1;
        }
        if (l2 > 1e-4f) {
            nx += e2y / l2;
            ny += -e2x / l2;
        }
        /* Orientation: make the normal point away from the centre. */
        if (nx * (here.x - cx) + ny * (here.y - cy) < 0) {
            nx = -nx;
            ny = -ny;
        }
        float ln = sqrtf(nx * nx + ny * ny);
        if (ln > 1e-4f) {
            nx /= ln;
            ny /= ln;
        }
        vertices[1 + i] = gfx_vertex(here.x - nx * 0.5f, here.y - ny * 0.5f, colour);
        vertices[1 + count + i] = gfx_vertex(here.x + nx * 0.5f, here.y + ny * 0.5f, clear);
    }
    vertices[0] = gfx_vertex(cx, cy, colour);
    /* An opaque inside is filled row by row as plain rectangles (far cheaper than SDL's
     * per-pixel triangles); the triangles then only draw the one-pixel feathered edge. */
    bool spans = colour.a == 255 && gfx_fill_convex_rows(g, vertices + 1, count, colour);
    int n = 0;
    for (int i = 0; i < count; i++) {
        int a = 1 + i, b = 1 + (i + 1) % count;
        if (!spans) {
            indices[n++] = 0;
            indices[n++] = a;
            indices[n++] = b;
        }
        int oa = a + count, ob = b + count;
        indices[n++] = a;
        indices[n++] = oa;
        indices[n++] = ob;
        indices[n++] = a;
        indices[n++] = ob;
        indices[n++] = b;
    }
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(g->renderer, NULL, vertices, 1 + 2 * count, indices, n);
}

/* Enough segments that the outline looks round at this size. */
static int gfx_segments(float radius, float sweep)
{
    int n = (int)(sqrtf(radius) * 4.0f * sweep / (2 * (float)M_PI)) + 8;
    return n > 256 ? 256 : n;
}

/* The horizontal extent of a circle of radius r at height dy from its centre, or false. */
static bool gfx_circle_row(float r, float dy, float *half)
{
    float h2 = r * r - dy * dy;
    *half = h2 > 0 ? sqrtf(h2) : 0;
    return h2 > 0;
}

/* Plain comparisons: fminf and fmaxf are library calls without -ffast-math, and these run for
 * every edge pixel of every frame. */
static inline float gfx_min(float a, float b)
{
    return a < b ? a : b;
}

static inline float gfx_max(float a, float b)
{
    return a > b ? a : b;
}

/* floorf and ceilf to an int, inline: without SSE4.1 (not in baseline x86-64) they are library
 * calls, made several times a row of every shape. For finite values within int's range. */
static inline int gfx_floor_int(float v)
{
    int i = (int)v;
    return i - ((float)i > v);
}

static inline int gfx_ceil_int(float v)
{
    int i = (int)v;
    return i + ((float)i < v);
}

/* How much of pixel column [x, x+1] the span [a, b] covers. */
static inline float gfx_cover(float x, float a, float b)
{
    float from = gfx_max(x, a), to = gfx_min(x + 1, b);
    return to > from ? to - from : 0;
}

/* Writing straight into the software renderer's pixels: a shape's solid runs as plain stores
 * and its edge pixels blended by their coverage, with no renderer call per row or per pixel
 * (at 1080p those calls were most of a moving frame's cost). Only for an opaque colour on a
 * 32-bit surface the renderer draws into (a software window, or an offscreen image); anything
 * else takes the renderer's own path. */
typedef struct {
    Uint8 *pixels;
    int pitch;
    int x0, y0, x1, y1; /* the clip: [x0, x1) x [y0, y1) */
    Uint32 solid, alpha_mask;
    const gfx_region *region; /* a partial frame's: only its spans are written */
} gfx_direct;

static bool gfx_direct_begin(gfx *g, SDL_Color colour, gfx_direct *d)
{
    if (colour.a != 255 || !(g->offscreen || (g->software && g->window)))
        return false;
    SDL_Surface *surface = g->offscreen ? g->offscreen : SDL_GetWindowSurface(g->window);
    if (!surface || !surface->pixels || SDL_MUSTLOCK(surface) ||
        surface->format->BytesPerPixel != 4 || surface->format->Rloss || surface->format->Gloss ||
        surface->format->Bloss)
        return false;
    /* What the renderer has queued lands first, so the order of drawing is kept. */
    SDL_RenderFlush(g->renderer);
    d->pixels = surface->pixels;
    d->pitch = surface->pitch;
    d->x0 = 0;
    d->y0 = 0;
    d->x1 = surface->w;
    d->y1 = surface->h;
    if (SDL_RenderIsClipEnabled(g->renderer)) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(g->renderer, &clip);
        d->x0 = clip.x > 0 ? clip.x : 0;
        d->y0 = clip.y > 0 ? clip.y : 0;
        d->x1 = clip.x + clip.w < surface->w ? clip.x + clip.w : surface->w;
        d->y1 = clip.y + clip.h < surface->h ? clip.y + clip.h : surface->h;
    }
    d->alpha_mask = surface->format->Amask;
    d->solid = SDL_MapRGB(surface->format, colour.r, colour.g, colour.b) | d->alpha_mask;
    d->region = g->region_on ? g->region : NULL;
    return true;
}

/* Pixels [from, to) of a row set to one value: a plain loop the compiler turns into wide
 * stores (SDL_memset4 is a loop of 4-byte stores on x86-64, and these spans are most of what
 * a moving frame writes). */
static inline void gfx_fill_pixels(Uint32 *row, int from, int to, Uint32 value)
{
    for (int x = from; x < to; x++)
        row[x] = value;
}

static void gfx_direct_span(const gfx_direct *d, int y, int from, int to)
{
    if (y < d->y0 || y >= d->y1)
        return;
    from = from > d->x0 ? from : d->x0;
    to = to < d->x1 ? to : d->x1;
    if (to <= from)
        return;
    Uint32 *row = (Uint32 *)(d->pixels + (size_t)y * (size_t)d->pitch);
    if (!d->region) {
        gfx_fill_pixels(row, from, to, d->solid);
        return;
    }
    const gfx_region_row *spans = &d->region->rows[y];
    for (int k = 0; k < spans->count; k++) {
        int a = from > spans->from[k] ? from : spans->from[k];
        int b = to < spans->to[k] ? to : spans->to[k];
        gfx_fill_pixels(row, a, b, d->solid);
    }
}

/* Whether a pixel is inside the partial frame's region (always, with none). */
static bool gfx_direct_inside(const gfx_direct *d, int y, int x)
{
    if (!d->region)
        return true;
    const gfx_region_row *spans = &d->region->rows[y];
    for (int k = 0; k < spans->count; k++)
        if (x >= spans->from[k] && x < spans->to[k])
            return true;
    return false;
}

/* A pixel known to be inside the clip and the region, blended by its coverage. */
static inline void gfx_direct_blend_at(const gfx_direct *d, int y, int x, float cover)
{
    if (cover <= 0.002f)
        return;
    Uint32 *at = (Uint32 *)(d->pixels + (size_t)y * (size_t)d->pitch) + x;
    if (cover >= 0.998f) {
        *at = d->solid;
        return;
    }
    /* Two channels at once in 16-bit lanes (old * (256 - a) + new * a fits in one), which is
     * old + floor((new - old) * a / 256) exactly; the fourth byte goes the same way and is then
     * set opaque where the surface has alpha. */
    Uint32 old = *at, a = (Uint32)(cover * 256.0f + 0.5f), keep = 256 - a;
    Uint32 rb = ((old & 0x00FF00FFu) * keep + (d->solid & 0x00FF00FFu) * a) >> 8;
    Uint32 ag = ((old >> 8) & 0x00FF00FFu) * keep + ((d->solid >> 8) & 0x00FF00FFu) * a;
    *at = (rb & 0x00FF00FFu) | (ag & 0xFF00FF00u) | d->alpha_mask;
}

static void gfx_direct_blend(const gfx_direct *d, int y, int x, float cover)
{
    if (y < d->y0 || y >= d->y1 || x < d->x0 || x >= d->x1 || !gfx_direct_inside(d, y, x))
        return;
    gfx_direct_blend_at(d, y, x, cover);
}

/* An opaque rectangle on whole pixels (cut as the renderer cuts them), straight into the pixels:
 * ordinary stores, which leave the region in the cache for what is drawn over it next. */
static bool gfx_fill_rect_direct(gfx *g, SDL_FRect rect, SDL_Color colour)
{
    gfx_direct d;
    if (!(rect.w > 0 && rect.h > 0) || !gfx_direct_begin(g, colour, &d))
        return false;
    int x0 = (int)rect.x, y0 = (int)rect.y; /* as SDL's software renderer cuts them */
    int x1 = x0 + ((int)rect.w > 1 ? (int)rect.w : 1),
        y1 = y0 + ((int)rect.h > 1 ? (int)rect.h : 1);
    for (int y = y0 > d.y0 ? y0 : d.y0; y < y1 && y < d.y1; y++)
        gfx_direct_span(&d, y, x0, x1);
    return true;
}

enum { GFX_CONVEX_MAX_ROWS = 4096, GFX_SUB = 4 };

/* Where each of the GFX_SUB sub-rows a row of [from, to) crosses a convex outline: left[k] and
 * right[k] (right <= left: the sub-row misses it). */
static void gfx_convex_scan(const gfx_point *points, int count, int from, int to, float *left,
                            float *right)
{
    int subs = (to - from) * GFX_SUB;
    for (int k = 0; k < subs; k++) {
        left[k] = INFINITY;
        right[k] = -INFINITY;
    }
    for (int i = 0; i < count; i++) {
        gfx_point a = points[i], b = points[(i + 1) % count];
        if (a.y == b.y)
            continue;
        float low = gfx_min(a.y, b.y), high = gfx_max(a.y, b.y);
        /* Sub-row k's centre is from + (k + 0.5) / GFX_SUB; those in [low, high). */
        int first = gfx_ceil_int((low - (float)from) * GFX_SUB - 0.5f);
        int last = gfx_ceil_int((high - (float)from) * GFX_SUB - 0.5f);
        first = first > 0 ? first : 0;
        last = last < subs ? last : subs;
        /* The slope once an edge, not a division a sub-row. */
        float slope = (b.x - a.x) / (b.y - a.y);
        for (int k = first; k < last; k++) {
            float y = (float)from + ((float)k + 0.5f) * (1.0f / GFX_SUB);
            float x = a.x + (y - a.y) * slope;
            left[k] = gfx_min(left[k], x);
            right[k] = gfx_max(right[k], x);
        }
    }
}

/* A row's sub-row crossings: its extent [min_l, max_r] and its fully covered run
 * [run_from, run_to) (empty when no pixel is wholly inside). False when the row misses. */
typedef struct {
    float min_l, max_r;
    int run_from, run_to;
} gfx_convex_row;

static bool gfx_convex_row_of(const float *l, const float *r, gfx_convex_row *out)
{
    float min_l = INFINITY, max_l = -INFINITY, min_r = INFINITY, max_r = -INFINITY;
    bool all = true, any = false;
    for (int k = 0; k < GFX_SUB; k++) {
        if (!(r[k] > l[k])) {
            all = false;
            continue;
        }
        any = true;
        min_l = gfx_min(min_l, l[k]);
        max_l = gfx_max(max_l, l[k]);
        min_r = gfx_min(min_r, r[k]);
        max_r = gfx_max(max_r, r[k]);
    }
    if (!any)
        return false;
    out->min_l = min_l;
    out->max_r = max_r;
    out->run_from = gfx_ceil_int(max_l);
    out->run_to = gfx_floor_int(min_r);
    if (!all || out->run_to <= out->run_from)
        out->run_from = out->run_to = gfx_ceil_int(max_r); /* no fully covered run */
    return true;
}

/* Four floats at once, a pixel's four sub-rows (the vector extension of GCC and Clang: SSE on
 * x86-64, NEON on ARM); the compiler left these sums as one float at a time, and they are most
 * of an edge pixel's cost. */
_Static_assert(GFX_SUB == 4, "a pixel's sub-rows are summed four at once");
typedef float gfx_f4 __attribute__((vector_size(16)));
typedef int32_t gfx_i4 __attribute__((vector_size(16)));

static inline gfx_f4 gfx_f4_pick(gfx_i4 mask, gfx_f4 a, gfx_f4 b)
{
    return (gfx_f4)((mask & (gfx_i4)a) | (~mask & (gfx_i4)b));
}

/* How much of pixel column [x, x+1] the sub-rows' spans [l, r] cover, summed (a sub-row that
 * misses the shape holds an empty span, left above right, which covers nothing). */
static inline float gfx_cover4(float x, gfx_f4 l, gfx_f4 r)
{
    const gfx_f4 zero = {0, 0, 0, 0};
    gfx_f4 lo = {x, x, x, x}, hi = {x + 1, x + 1, x + 1, x + 1};
    gfx_f4 from = gfx_f4_pick(l > lo, l, lo), to = gfx_f4_pick(r < hi, r, hi);
    gfx_f4 d = to - from;
    d = gfx_f4_pick(d > zero, d, zero);
    return (d[0] + d[1]) + (d[2] + d[3]);
}

/* An opaque convex polygon straight into the pixels: four sub-rows a row, each crossing the
 * outline at a left and a right x, so a pixel's coverage is exact across and sampled four
 * times down; the rows' fully covered runs are plain stores. False when it cannot (then the
 * renderer draws it). */
static bool gfx_fill_convex_direct(gfx *g, const gfx_point *points, int count, SDL_Color colour)
{
    gfx_direct d;
    float top = points[0].y, bottom = points[0].y;
    for (int i = 1; i < count; i++) {
        top = gfx_min(top, points[i].y);
        bottom = gfx_max(bottom, points[i].y);
    }
    if (!(bottom > top) || bottom - top > GFX_CONVEX_MAX_ROWS - 2 ||
        !gfx_direct_begin(g, colour, &d))
        return false;
    int from = (int)floorf(top), to = (int)ceilf(bottom);
    from = from > d.y0 ? from : d.y0;
    to = to < d.y1 ? to : d.y1;
    if (to <= from)
        return true; /* all clipped away: nothing to draw */
    if (d.region) {
        /* A partial frame: a part that did not move, away from what did, is left as it is. */
        float x0 = points[0].x, x1 = points[0].x;
        for (int i = 1; i < count; i++) {
            x0 = gfx_min(x0, points[i].x);
            x1 = gfx_max(x1, points[i].x);
        }
        SDL_Rect box = {(int)floorf(x0) - 1, from, (int)ceilf(x1) - (int)floorf(x0) + 2, to - from};
        if (!gfx_region_touches(g, box))
            return true;
    }
    static float left[GFX_CONVEX_MAX_ROWS * GFX_SUB], right[GFX_CONVEX_MAX_ROWS * GFX_SUB];
    gfx_convex_scan(points, count, from, to, left, right);
    for (int y = from; y < to; y++) {
        if (d.region && d.region->rows[y].count == 0)
            continue; /* a partial frame: nothing of this row is redrawn */
        const float *l = &left[(y - from) * GFX_SUB], *r = &right[(y - from) * GFX_SUB];
        gfx_convex_row row;
        if (!gfx_convex_row_of(l, r, &row))
            continue;
        int run_from = row.run_from, run_to = row.run_to;
        int x_from = gfx_floor_int(row.min_l) > d.x0 ? gfx_floor_int(row.min_l) : d.x0;
        int x_to = gfx_ceil_int(row.max_r) < d.x1 ? gfx_ceil_int(row.max_r) : d.x1;
        /* Usually one span of the region holds the whole row of the shape (then no pixel needs
         * looking up in it), or none reaches it (a part that did not move, beside one that
         * did: nothing to draw). */
        bool all_inside = !d.region, any_inside = !d.region;
        for (int k = 0; d.region && k < d.region->rows[y].count && !all_inside; k++) {
            int span_from = d.region->rows[y].from[k], span_to = d.region->rows[y].to[k];
            all_inside = span_from <= x_from && span_to >= x_to;
            any_inside = any_inside || (span_from < x_to && span_to > x_from);
        }
        if (!any_inside)
            continue;
        gfx_direct_span(&d, y, run_from, run_to);
        gfx_f4 l4, r4;
        memcpy(&l4, l, sizeof l4);
        memcpy(&r4, r, sizeof r4);
        for (int x = x_from; x < x_to; x++) {
            if (x >= run_from && x < run_to) {
                x = run_to - 1; /* skip the solid run */
                continue;
            }
            if (!all_inside && !gfx_direct_inside(&d, y, x))
                continue;
            gfx_direct_blend_at(&d, y, x, gfx_cover4((float)x, l4, r4) * (1.0f / GFX_SUB));
        }
    }
    return true;
}

/* Whether a partial frame redraws any pixel an annulus covers on row y (checked before the
 * row's exact edges are worked out: most rows of a large disc lie outside a thin region). */
static bool gfx_annulus_row_redrawn(const gfx_direct *d, int y, float cx, float cy, float inner,
                                    float outer)
{
    if (y < d->y0 || y >= d->y1)
        return false;
    const gfx_region_row *spans = &d->region->rows[y];
    if (spans->count == 0)
        return false;
    float d0 = fabsf((float)y - cy), d1 = fabsf((float)y + 1 - cy);
    float nearest = (float)y <= cy && cy <= (float)y + 1 ? 0 : gfx_min(d0, d1);
    float farthest = gfx_max(d0, d1), half, hole = 0;
    if (!gfx_circle_row(outer, nearest, &half))
        return false;
    if (inner > farthest)
        gfx_circle_row(inner, farthest, &hole);
    float left_from = cx - half - 1, left_to = cx - hole + 1;
    float right_from = cx + hole - 1, right_to = cx + half + 1;
    for (int k = 0; k < spans->count; k++) {
        float from = spans->from[k], to = spans->to[k];
        if ((from < left_to && to > left_from) || (from < right_to && to > right_from))
            return true;
    }
    return false;
}

/* The region between two circles (inner 0: a disc), row by row as rectangles: the fully
 * covered run of each row is one plain fill, and the partly covered pixels get their coverage
 * (four sub-rows sampled) as alpha, grouped into a few levels so each level is one batched
 * fill. Far cheaper than rasterising triangles: a large pacer disc is a quarter of a million
 * pixels, many times a second. */
static void gfx_fill_annulus(gfx *g, float cx, float cy, float inner, float outer, SDL_Color colour)
{
    const float values[4] = {cx, cy, inner, outer};
    if (gfx_noted(g, cx - outer, cy - outer, cx + outer, cy + outer, values, 4, colour) ||
        gfx_unseen(g, cx - outer, cy - outer, cx + outer, cy + outer))
        return;
    enum { LEVELS = 8, MAX_SOLID = 8192, MAX_EDGE = 32768 };
    static SDL_FRect solid[MAX_SOLID];
    static SDL_FRect edge[LEVELS][MAX_EDGE / LEVELS];
    int n_solid = 0, n_edge[LEVELS] = {0};
    gfx_direct direct;
    bool straight = gfx_direct_begin(g, colour, &direct);
    int top = (int)floorf(cy - outer), bottom = (int)ceilf(cy + outer);
    /* Only the rows and pixels inside the clip: partial frames redraw a small region. */
    int clip_left = INT32_MIN, clip_right = INT32_MAX;
    if (SDL_RenderIsClipEnabled(g->renderer)) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(g->renderer, &clip);
        top = top > clip.y ? top : clip.y;
        bottom = bottom < clip.y + clip.h ? bottom : clip.y + clip.h;
        clip_left = clip.x;
        clip_right = clip.x + clip.w;
    }
    for (int y = top; y < bottom; y++) {
        if (straight && direct.region && !gfx_annulus_row_redrawn(&direct, y, cx, cy, inner, outer))
            continue; /* a partial frame: nothing of this row is redrawn */
        /* Each sub-row covers [a, c] and [d, b]: the outer span less the inner one (for a disc,
         * or below the hole, c = d = the centre, so the two halves meet). */
        float a[4], b[4], c[4], d[4];
        bool any = false;
        float min_a = 1e9f, max_a = -1e9f, min_b = 1e9f, max_b = -1e9f, min_c = 1e9f, max_c = -1e9f,
              min_d = 1e9f, max_d = -1e9f;
        for (int k = 0; k < 4; k++) {
            float dy = (float)y + 0.125f + 0.25f * (float)k - cy, half;
            if (!gfx_circle_row(outer, dy, &half)) {
                a[k] = b[k] = c[k] = d[k] = cx; /* covers nothing */
                min_a = gfx_min(min_a, cx);
                max_b = gfx_max(max_b, cx);
                max_a = gfx_max(max_a, cx);
                min_b = gfx_min(min_b, cx);
                continue;
            }
            any = true;
            a[k] = cx - half;
            b[k] = cx + half;
            c[k] = d[k] = cx;
            if (inner > 0 && gfx_circle_row(inner, dy, &half)) {
                c[k] = cx - half;
                d[k] = cx + half;
            }
            min_a = gfx_min(min_a, a[k]);
            max_a = gfx_max(max_a, a[k]);
            min_b = gfx_min(min_b, b[k]);
            max_b = gfx_max(max_b, b[k]);
        }
        if (!any)
            continue;
        for (int k = 0; k < 4; k++) {
            min_c = gfx_min(min_c, c[k]);
            max_c = gfx_max(max_c, c[k]);
            min_d = gfx_min(min_d, d[k]);
            max_d = gfx_max(max_d, d[k]);
        }
        /* Fully covered: [max a, min c] and [max d, min b]; one run where no sub-row has a
         * hole (a disc, or above and below a ring's hole). */
        bool hole = false;
        for (int k = 0; k < 4; k++)
            hole |= c[k] != d[k];
        int left_from = (int)ceilf(max_a), left_to = (int)floorf(hole ? min_c : min_b);
        int right_from = (int)ceilf(max_d), right_to = (int)floorf(min_b);
        if (!hole)
            right_from = right_to; /* no right run */
        if (straight) {
            if (left_to > left_from)
                gfx_direct_span(&direct, y, left_from, left_to);
            if (right_to > right_from)
                gfx_direct_span(&direct, y, right_from, right_to);
        } else {
            if (left_to > left_from && n_solid < MAX_SOLID)
                solid[n_solid++] =
                    (SDL_FRect){(float)left_from, (float)y, (float)(left_to - left_from), 1};
            if (right_to > right_from && n_solid < MAX_SOLID)
                solid[n_solid++] =
                    (SDL_FRect){(float)right_from, (float)y, (float)(right_to - right_from), 1};
        }
        /* The partly covered pixels lie in four bands round the four edges. */
        int bands[4][2] = {{(int)floorf(min_a), (int)ceilf(max_a)},
                           {(int)floorf(min_c), (int)ceilf(max_c)},
                           {(int)floorf(min_d), (int)ceilf(max_d)},
                           {(int)floorf(min_b), (int)ceilf(max_b)}};
        int last = INT32_MIN, run_level = -1, run_end = INT32_MIN;
        for (int band = 0; band < 4; band++) {
            int from = bands[band][0] > last ? bands[band][0] : last + 1;
            int to = bands[band][1] < clip_right ? bands[band][1] : clip_right;
            if (from < clip_left)
                from = clip_left;
            for (int x = from; x < to; x++) {
                last = x;
                bool in_run = (x >= left_from && x < left_to) || (x >= right_from && x < right_to);
                if (in_run || (straight && !gfx_direct_inside(&direct, y, x)))
                    continue;
                float cover = 0;
                for (int k = 0; k < 4; k++)
                    cover +=
                        (gfx_cover((float)x, a[k], c[k]) + gfx_cover((float)x, d[k], b[k])) / 4;
                if (straight) {
                    gfx_direct_blend(&direct, y, x, cover);
                    continue;
                }
                int level = (int)(cover * LEVELS + 0.5f);
                if (level <= 0)
                    continue;
                level = level > LEVELS ? LEVELS - 1 : level - 1;
                if (level == run_level && x == run_end) {
                    /* The same coverage as its neighbour: one wider rectangle, one fill. */
                    edge[level][n_edge[level] - 1].w += 1;
                    run_end = x + 1;
                } else if (n_edge[level] < MAX_EDGE / LEVELS) {
                    edge[level][n_edge[level]++] = (SDL_FRect){(float)x, (float)y, 1, 1};
                    run_level = level;
                    run_end = x + 1;
                }
            }
        }
    }
    if (straight)
        return;
    gfx_fill_mode(g, colour);
    SDL_SetRenderDrawColor(g->renderer, colour.r, colour.g, colour.b, colour.a);
    SDL_RenderFillRectsF(g->renderer, solid, n_solid);
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
    for (int level = 0; level < LEVELS; level++) {
        if (!n_edge[level])
            continue;
        SDL_SetRenderDrawColor(g->renderer, colour.r, colour.g, colour.b,
                               (Uint8)(colour.a * (level + 1) / LEVELS));
        SDL_RenderFillRectsF(g->renderer, edge[level], n_edge[level]);
    }
}

void gfx_fill_disc(gfx *g, float cx, float cy, float radius, SDL_Color colour)
{
    if (radius <= 0.5f || colour.a == 0)
        return;
    gfx_fill_annulus(g, cx, cy, 0, radius, colour);
}

void gfx_fill_ring(gfx *g, float cx, float cy, float inner, float outer, SDL_Color colour)
{
    if (outer <= inner || outer <= 0.5f || colour.a == 0)
        return;
    gfx_fill_annulus(g, cx, cy, inner, outer, colour);
}

/* Points of a rounded rectangle's outline, clockwise; per_corner 0 picks a count for the
 * radius (an outline and its inset must share one count to be joined). */
static int gfx_rounded_outline(SDL_FRect rect, float radius, int per_corner, gfx_point *points,
                               int max)
{
    float limit = fminf(rect.w, rect.h) / 2;
    if (radius > limit)
        radius = limit;
    if (radius < 0)
        radius = 0;
    if (per_corner <= 0)
        per_corner = radius > 0.5f ? gfx_segments(radius, (float)M_PI / 2) : 1;
    if (per_corner * 4 > max)
        per_corner = max / 4;
    const float corners[4][3] = {{rect.x + rect.w - radius, rect.y + radius, -(float)M_PI / 2},
                                 {rect.x + rect.w - radius, rect.y + rect.h - radius, 0},
                                 {rect.x + radius, rect.y + rect.h - radius, (float)M_PI / 2},
                                 {rect.x + radius, rect.y + radius, (float)M_PI}};
    int n = 0;
    for (int c = 0; c < 4; c++)
        for (int i = 0; i < per_corner; i++) {
            float a = corners[c][2] +
                      (per_corner > 1 ? (float)M_PI / 2 * (float)i / (float)(per_corner - 1) : 0);
            points[n++] =
                (gfx_point){corners[c][0] + radius * cosf(a), corners[c][1] + radius * sinf(a)};
        }
    return n;
}

void gfx_fill_rounded_rect(gfx *g, SDL_FRect rect, float radius, SDL_Color colour)
{
    /* Noted by its rectangle, not its outline's many points (some point crosses a pixel
     * almost every frame). */
    const float values[5] = {rect.x, rect.y, rect.w, rect.h, radius};
    if (gfx_noted(g, rect.x, rect.y, rect.x + rect.w, rect.y + rect.h, values, 5, colour) ||
        gfx_unseen(g, rect.x, rect.y, rect.x + rect.w, rect.y + rect.h))
        return;
    gfx_point points[256];
    int n = gfx_rounded_outline(rect, radius, 0, points, 256);
    gfx_fill_convex(g, points, n, colour);
}

/* A rounded rectangle's signed distance at a point: negative inside (the exact rounded box,
 * as shaders draw one). */
static float gfx_rounded_distance(float px, float py, SDL_FRect rect, float radius)
{
    float hw = rect.w / 2, hh = rect.h / 2;
    float qx = fabsf(px - (rect.x + hw)) - (hw - radius);
    float qy = fabsf(py - (rect.y + hh)) - (hh - radius);
    float ox = qx > 0 ? qx : 0, oy = qy > 0 ? qy : 0;
    float in = qx > qy ? qx : qy;
    return sqrtf(ox * ox + oy * oy) + (in < 0 ? in : 0) - radius;
}

/* An opaque outline straight into the pixels: each pixel near the edge covered by the outer
 * rounded box less the inner one, from their distances at its centre, so every edge and corner
 * is anti-aliased alike, with no seam or notch where the outline closes. */
static bool gfx_stroke_rounded_rect_direct(gfx *g, SDL_FRect rect, float radius, float thickness,
                                           SDL_Color colour)
{
    gfx_direct d;
    if (!gfx_direct_begin(g, colour, &d))
        return false;
    SDL_FRect in = {rect.x + thickness, rect.y + thickness, rect.w - 2 * thickness,
                    rect.h - 2 * thickness};
    float r_in = radius - thickness > 0 ? radius - thickness : 0;
    int x0 = (int)floorf(rect.x) - 1, x1 = (int)ceilf(rect.x + rect.w) + 1;
    int y0 = (int)floorf(rect.y) - 1, y1 = (int)ceilf(rect.y + rect.h) + 1;
    int band = (int)ceilf(radius > thickness ? radius : thickness) + 2;
    for (int y = y0 < d.y0 ? d.y0 : y0; y < y1 && y < d.y1; y++) {
        bool end_row = y < y0 + band || y >= y1 - band;
        for (int x = x0 < d.x0 ? d.x0 : x0; x < x1 && x < d.x1; x++) {
            /* Between the corners' rows only the sides can be touched. */
            if (!end_row && x >= x0 + band && x < x1 - band) {
                x = x1 - band - 1;
                continue;
            }
            float px = (float)x + 0.5f, py = (float)y + 0.5f;
            float outer = 0.5f - gfx_rounded_distance(px, py, rect, radius);
            float inner = 0.5f - gfx_rounded_distance(px, py, in, r_in);
            outer = outer < 0 ? 0 : outer > 1 ? 1 : outer;
            inner = inner < 0 ? 0 : inner > 1 ? 1 : inner;
            gfx_direct_blend(&d, y, x, outer - inner);
        }
    }
    return true;
}

void gfx_stroke_rounded_rect(gfx *g, SDL_FRect rect, float radius, float thickness,
                             SDL_Color colour)
{
    const float values[6] = {rect.x, rect.y, rect.w, rect.h, radius, thickness};
    if (gfx_noted(g, rect.x, rect.y, rect.x + rect.w, rect.y + rect.h, values, 6, colour))
        return;
    float limit = fminf(rect.w, rect.h) / 2;
    if (thickness > 0 && rect.w > 2 * thickness + 1 && rect.h > 2 * thickness + 1 &&
        gfx_stroke_rounded_rect_direct(g, rect, radius > limit ? limit : radius, thickness, colour))
        return;
    /* Four outlines of one point count, the last joined to the first: feather out, edge, edge,
     * feather in, the feathers clear, so the outline is anti-aliased like the discs and has no
     * seam where it closes. */
    enum { MAX_POINTS = 256 };
    if (thickness <= 0 || rect.w <= 2 * thickness + 1 || rect.h <= 2 * thickness + 1)
        return;
    static gfx_point rings[4][MAX_POINTS];
    static SDL_Vertex vertices[4 * MAX_POINTS];
    static int indices[MAX_POINTS * 18];
    const float inset[4] = {-0.5f, 0.5f, thickness - 0.5f, thickness + 0.5f};
    float r = radius > limit ? limit : radius;
    int per_corner = r > 0.5f ? gfx_segments(r + 0.5f, (float)M_PI / 2) : 1;
    int n = 0;
    for (int ring = 0; ring < 4; ring++) {
        float d = inset[ring];
        SDL_FRect at = {rect.x + d, rect.y + d, rect.w - 2 * d, rect.h - 2 * d};
        n = gfx_rounded_outline(at, fmaxf(r - d, 0), per_corner, rings[ring], MAX_POINTS);
    }
    SDL_Color clear = gfx_with_alpha(colour, 0);
    for (int i = 0; i < n; i++)
        for (int ring = 0; ring < 4; ring++)
            vertices[i * 4 + ring] = gfx_vertex(rings[ring][i].x, rings[ring][i].y,
                                                ring == 0 || ring == 3 ? clear : colour);
    int k = 0;
    for (int i = 0; i < n; i++)
        for (int ring = 0; ring < 3; ring++) {
            int a = i * 4 + ring, b = a + 1, c = ((i + 1) % n) * 4 + ring, e = c + 1;
            indices[k++] = a;
            indices[k++] = b;
            indices[k++] = c;
            indices[k++] = b;
            indices[k++] = e;
            indices[k++] = c;
        }
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(g->renderer, NULL, vertices, 4 * n, indices, k);
}

void gfx_fill_capsule(gfx *g, float x1, float y1, float x2, float y2, float thickness,
                      SDL_Color colour)
{
    float dx = x2 - x1, dy = y2 - y1, length = sqrtf(dx * dx + dy * dy), r = thickness / 2;
    const float values[5] = {x1, y1, x2, y2, thickness};
    float x0 = fminf(x1, x2) - r, y0 = fminf(y1, y2) - r, x3 = fmaxf(x1, x2) + r,
          y3 = fmaxf(y1, y2) + r;
    if (gfx_noted(g, x0, y0, x3, y3, values, 5, colour) || gfx_unseen(g, x0, y0, x3, y3))
        return;
    if (length < 0.01f) {
        gfx_fill_disc(g, x1, y1, r, colour);
        return;
    }
    float angle = atan2f(dy, dx);
    int half = gfx_segments(r, (float)M_PI);
    gfx_point points[512];
    int n = 0;
    /* Half a circle round each end, joined by the two long sides. */
    for (int i = 0; i <= half; i++) {
        float a = angle - (float)M_PI / 2 + (float)M_PI * (float)i / (float)half;
        points[n++] = (gfx_point){x2 + r * cosf(a), y2 + r * sinf(a)};
    }
    for (int i = 0; i <= half; i++) {
        float a = angle + (float)M_PI / 2 + (float)M_PI * (float)i / (float)half;
        points[n++] = (gfx_point){x1 + r * cosf(a), y1 + r * sinf(a)};
    }
    gfx_fill_convex(g, points, n, colour);
}

void gfx_fill_arc(gfx *g, float cx, float cy, float inner, float outer, float start, float sweep,
                  SDL_Color colour)
{
    if (sweep <= 0 || outer <= inner)
        return;
    const float values[6] = {cx, cy, inner, outer, start, sweep};
    if (gfx_noted(g, cx - outer - 1, cy - outer - 1, cx + outer + 1, cy + outer + 1, values, 6,
                  colour))
        return;
    int n = gfx_segments(outer, sweep);
    if (n > 255)
        n = 255;
    static SDL_Vertex vertices[1024];
    static int indices[256 * 18];
    SDL_Color clear = gfx_with_alpha(colour, 0);
    /* Four rings of vertices: feather out, edge, edge, feather in. */
    const float radii[4] = {outer + 0.5f, outer - 0.5f, inner + 0.5f, inner - 0.5f};
    for (int i = 0; i <= n; i++) {
        float a = start + sweep * (float)i / (float)n - (float)M_PI / 2;
        float c = cosf(a), s = sinf(a);
        for (int ring = 0; ring < 4; ring++)
            vertices[i * 4 + ring] = gfx_vertex(cx + radii[ring] * c, cy + radii[ring] * s,
                                                ring == 0 || ring == 3 ? clear : colour);
    }
    int k = 0;
    for (int i = 0; i < n; i++)
        for (int ring = 0; ring < 3; ring++) {
            int a = i * 4 + ring, b = a + 1, c = a + 4, d = b + 4;
            indices[k++] = a;
            indices[k++] = b;
            indices[k++] = c;
            indices[k++] = b;
            indices[k++] = d;
            indices[k++] = c;
        }
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(g->renderer, NULL, vertices, (n + 1) * 4, indices, k);
}

void gfx_region_fill(gfx *g, SDL_Color colour, float skip_cx, float skip_cy, float skip_r)
{
    gfx_direct d;
    const gfx_region *r = g->region;
    colour.a = 255;
    bool was_on = g->region_on;
    g->region_on = false; /* the spans are walked here */
    bool direct = r && gfx_direct_begin(g, colour, &d);
    g->region_on = was_on;
    if (!direct)
        return;
    for (int y = r->top > d.y0 ? r->top : d.y0; y < r->bottom && y < d.y1; y++) {
        /* The pixels wholly inside the disc all along this row: left as they are. */
        int skip_from = 0, skip_to = 0;
        float far = fmaxf(fabsf((float)y - skip_cy), fabsf((float)y + 1 - skip_cy));
        if (skip_r > far) {
            float half = sqrtf(skip_r * skip_r - far * far);
            skip_from = (int)ceilf(skip_cx - half);
            skip_to = (int)floorf(skip_cx + half);
        }
        const gfx_region_row *row = &r->rows[y];
        for (int k = 0; k < row->count; k++) {
            int from = row->from[k], to = row->to[k];
            g->region_pixels += (uint64_t)(to - from);
            if (skip_to > skip_from && skip_from < to && skip_to > from) {
                gfx_direct_span(&d, y, from, skip_from);
                gfx_direct_span(&d, y, skip_to, to);
            } else {
                gfx_direct_span(&d, y, from, to);
            }
        }
    }
}
