#include "gfx_region.h"

#include <math.h>
#include <stdlib.h>

bool gfx_region_reset(gfx *g)
{
    gfx_region *r = g->region;
    if (r && (r->width != g->width || r->height != g->height)) {
        gfx_region_free(g);
        r = NULL;
    }
    if (!r) {
        if (g->width <= 0 || g->height <= 0 || g->width > INT16_MAX)
            return false;
        r = calloc(1, sizeof *r);
        gfx_region_row *rows = r ? calloc((size_t)g->height, sizeof *rows) : NULL;
        if (!rows) {
            free(r);
            return false;
        }
        *r = (gfx_region){.width = g->width, .height = g->height, .rows = rows};
        g->region = r;
    }
    for (int y = r->top; y < r->bottom; y++)
        r->rows[y].count = 0;
    r->top = r->height;
    r->bottom = 0;
    return true;
}

void gfx_region_free(gfx *g)
{
    if (g->region)
        free(g->region->rows);
    free(g->region);
    g->region = NULL;
    g->region_on = false;
}

/* Adds [from, to) to row y, merging what overlaps or touches; past GFX_REGION_SPANS spans, the
 * two closest are joined (the region grows, which is always safe). */
static void gfx_region_add_span(gfx_region *r, int y, int from, int to)
{
    from = from > 0 ? from : 0;
    to = to < r->width ? to : r->width;
    if (y < 0 || y >= r->height || to <= from)
        return;
    gfx_region_row *row = &r->rows[y];
    r->top = y < r->top ? y : r->top;
    r->bottom = y + 1 > r->bottom ? y + 1 : r->bottom;
    /* The usual cases first: already inside a span (the parts of a limb overlap), an empty
     * row, or a span after the last. */
    for (int k = 0; k < row->count; k++)
        if (row->from[k] <= from && row->to[k] >= to)
            return;
    if (row->count == 0 || (row->to[row->count - 1] < from && row->count < GFX_REGION_SPANS)) {
        row->from[row->count] = (int16_t)from;
        row->to[row->count++] = (int16_t)to;
        return;
    }
    int16_t f[GFX_REGION_SPANS + 1], t[GFX_REGION_SPANS + 1];
    int n = 0, i = 0;
    /* The spans before the new one, the new one merged with all it touches, the rest. */
    for (; i < row->count && row->to[i] < from; i++, n++) {
        f[n] = row->from[i];
        t[n] = row->to[i];
    }
    for (; i < row->count && row->from[i] <= to; i++) {
        from = row->from[i] < from ? row->from[i] : from;
        to = row->to[i] > to ? row->to[i] : to;
    }
    f[n] = (int16_t)from;
    t[n++] = (int16_t)to;
    for (; i < row->count; i++, n++) {
        f[n] = row->from[i];
        t[n] = row->to[i];
    }
    if (n > GFX_REGION_SPANS) {
        int closest = 0;
        for (int k = 1; k + 1 < n; k++)
            if (f[k + 1] - t[k] < f[closest + 1] - t[closest])
                closest = k;
        t[closest] = t[closest + 1];
        for (int k = closest + 1; k + 1 < n; k++) {
            f[k] = f[k + 1];
            t[k] = t[k + 1];
        }
        n--;
    }
    for (int k = 0; k < n; k++) {
        row->from[k] = f[k];
        row->to[k] = t[k];
    }
    row->count = (int16_t)n;
}

void gfx_region_add_rect(gfx *g, SDL_Rect rect)
{
    if (!g->region || rect.w <= 0 || rect.h <= 0)
        return;
    for (int y = rect.y; y < rect.y + rect.h; y++)
        gfx_region_add_span(g->region, y, rect.x, rect.x + rect.w);
}

void gfx_region_add_rings(gfx *g, float cx, float cy, const float (*rings)[2], int count)
{
    enum { MAX_RINGS = 8 };
    gfx_region *r = g->region;
    if (!r || count <= 0 || count > MAX_RINGS || !isfinite(cx) || !isfinite(cy))
        return;
    float reach = 0;
    for (int i = 0; i < count; i++)
        reach = fmaxf(reach, rings[i][1]);
    int top = (int)floorf(cy - reach) - 1, bottom = (int)ceilf(cy + reach) + 1;
    top = top > 0 ? top : 0;
    bottom = bottom < r->height ? bottom : r->height;
    for (int y = top; y < bottom; y++) {
        /* The row spans [y, y + 1]: its nearest and farthest distances from the centre. */
        float d0 = fabsf((float)y - cy), d1 = fabsf((float)y + 1 - cy);
        float nearest = (float)y <= cy && cy <= (float)y + 1 ? 0 : fminf(d0, d1);
        float farthest = fmaxf(d0, d1);
        /* Each ring's spans on this row, left to right, kept sorted by where they start. */
        int from[2 * MAX_RINGS], to[2 * MAX_RINGS], n = 0;
        for (int i = 0; i < count; i++) {
            float inner = rings[i][0], outer = rings[i][1];
            if (nearest >= outer)
                continue;
            float half = sqrtf(outer * outer - nearest * nearest);
            int a = (int)floorf(cx - half) - 1, b = (int)ceilf(cx + half) + 1;
            /* The hole: pixels inside the inner circle all along the row, a pixel in from its
             * edge, are never touched. */
            float hole = inner > farthest ? sqrtf(inner * inner - farthest * farthest) : 0;
            int hole_from = (int)ceilf(cx - hole) + 1, hole_to = (int)floorf(cx + hole) - 1;
            int spans[2][2] = {{a, hole_to > hole_from ? hole_from : b}, {hole_to, b}};
            for (int k = 0; k < (hole_to > hole_from ? 2 : 1); k++) {
                int at = n++;
                for (; at > 0 && from[at - 1] > spans[k][0]; at--) {
                    from[at] = from[at - 1];
                    to[at] = to[at - 1];
                }
                from[at] = spans[k][0];
                to[at] = spans[k][1];
            }
        }
        for (int k = 0; k < n;) {
            int left = from[k], right = to[k];
            for (k++; k < n && from[k] <= right; k++)
                right = to[k] > right ? to[k] : right;
            gfx_region_add_span(r, y, left, right);
        }
    }
}

void gfx_region_add_annulus(gfx *g, float cx, float cy, float inner, float outer)
{
    const float ring[1][2] = {{inner, outer}};
    gfx_region_add_rings(g, cx, cy, ring, 1);
}

void gfx_region_clip(gfx *g, SDL_Rect rect)
{
    gfx_region *r = g->region;
    if (!r)
        return;
    int top = r->height, bottom = 0;
    for (int y = r->top; y < r->bottom; y++) {
        gfx_region_row *row = &r->rows[y];
        int n = 0;
        for (int k = 0; k < row->count && y >= rect.y && y < rect.y + rect.h; k++) {
            int from = row->from[k] > rect.x ? row->from[k] : rect.x;
            int to = row->to[k] < rect.x + rect.w ? row->to[k] : rect.x + rect.w;
            if (to > from) {
                row->from[n] = (int16_t)from;
                row->to[n++] = (int16_t)to;
            }
        }
        row->count = (int16_t)n;
        if (n) {
            top = y < top ? y : top;
            bottom = y + 1;
        }
    }
    r->top = top;
    r->bottom = bottom;
}

SDL_Rect gfx_region_bounds(const gfx *g)
{
    const gfx_region *r = g->region;
    if (!r || r->bottom <= r->top)
        return (SDL_Rect){0, 0, 0, 0};
    int left = r->width, right = 0;
    for (int y = r->top; y < r->bottom; y++) {
        const gfx_region_row *row = &r->rows[y];
        if (row->count) {
            left = row->from[0] < left ? row->from[0] : left;
            right = row->to[row->count - 1] > right ? row->to[row->count - 1] : right;
        }
    }
    return right > left ? (SDL_Rect){left, r->top, right - left, r->bottom - r->top}
                        : (SDL_Rect){0, 0, 0, 0};
}

void gfx_region_use(gfx *g, bool on)
{
    g->region_on = on && g->region;
}

int gfx_region_rects(const gfx *g, SDL_Rect *out, int max)
{
    const gfx_region *r = g->region;
    int n = 0;
    if (!r || max <= 0)
        return 0;
    for (int strip = r->top; strip < r->bottom; strip += GFX_REGION_STRIP) {
        int end = strip + GFX_REGION_STRIP < r->bottom ? strip + GFX_REGION_STRIP : r->bottom;
        /* The union of the strip's spans: each row's sorted spans merged into the sorted,
         * disjoint list so far (a step of a merge sort a row). */
        enum { MOST = GFX_REGION_STRIP * GFX_REGION_SPANS };
        int from[MOST], to[MOST], m = 0;
        for (int y = strip; y < end; y++) {
            const gfx_region_row *row = &r->rows[y];
            int merged_from[MOST], merged_to[MOST], count = 0, i = 0, k = 0;
            while (i < m || k < row->count) {
                bool take_old = k == row->count || (i < m && from[i] <= row->from[k]);
                int a = take_old ? from[i] : row->from[k], b = take_old ? to[i++] : row->to[k++];
                if (count > 0 && a <= merged_to[count - 1])
                    merged_to[count - 1] = b > merged_to[count - 1] ? b : merged_to[count - 1];
                else {
                    merged_from[count] = a;
                    merged_to[count++] = b;
                }
            }
            for (i = 0; i < count; i++) {
                from[i] = merged_from[i];
                to[i] = merged_to[i];
            }
            m = count;
        }
        for (int k = 0; k < m; k++) {
            int left = from[k], right = to[k];
            SDL_Rect rect = {left, strip, right - left, end - strip};
            if (n < max)
                out[n++] = rect;
            else
                SDL_UnionRect(&out[max - 1], &rect, &out[max - 1]);
        }
    }
    return n;
}

bool gfx_region_touches(const gfx *g, SDL_Rect rect)
{
    const gfx_region *r = g->region;
    if (!r)
        return false;
    int top = rect.y > r->top ? rect.y : r->top;
    int bottom = rect.y + rect.h < r->bottom ? rect.y + rect.h : r->bottom;
    for (int y = top; y < bottom; y++)
        for (int k = 0; k < r->rows[y].count; k++)
            if (r->rows[y].from[k] < rect.x + rect.w && r->rows[y].to[k] > rect.x)
                return true;
    return false;
}

bool gfx_region_covers(const gfx *g, SDL_Rect rect)
{
    const gfx_region *r = g->region;
    if (!r || rect.y < 0 || rect.y + rect.h > r->height)
        return false;
    for (int y = rect.y; y < rect.y + rect.h; y++) {
        bool inside = false;
        for (int k = 0; k < r->rows[y].count && !inside; k++)
            inside = r->rows[y].from[k] <= rect.x && r->rows[y].to[k] >= rect.x + rect.w;
        if (!inside)
            return false;
    }
    return true;
}
