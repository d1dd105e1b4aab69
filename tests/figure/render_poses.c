/* Contact sheets of the guide figure in every shared pose, and in blends between pairs of
 * poses, to judge by eye; also checks that every pixel drawn lies inside draw_figure_bounds and
 * inside the box. Not part of the build; from the repository root (one command per line):
 *   cmake -S . -B /tmp/fig-core -DEASE_TESTS=OFF
 *   cmake --build /tmp/fig-core --target ease_core
 *   gcc -std=c17 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Isrc/kiosk -Isrc/core
 *       $(sdl2-config --cflags) tests/figure/render_poses.c src/kiosk/draw_figure.c
 *       src/kiosk/gfx.c /tmp/fig-core/src/core/libease_core.a $(sdl2-config --libs)
 *       -lSDL2_image -lyaml -lsodium -ljansson -lm -o /tmp/render_poses
 * Usage: render_poses [pose-dir [out-dir [pose...]]]; with poses, only those, in one row
 * (FIGURE_CELL=WxH sets the cell size). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "draw_figure.h"
#include "gfx.h"
#include "pose.h"

static const char *figure_test_dir = "/work/main/assets/poses";
static const char *figure_test_out = "/tmp";

/* The kiosk's own theme colours (src/kiosk/theme.c): the calm theme on its deep blue-green, the
 * high-contrast theme on black; any other background gets colours mixed from it. */
static figure_colours figure_test_colours(SDL_Color background)
{
    if (background.r == 0x12 && background.g == 0x30 && background.b == 0x3F)
        return (figure_colours){gfx_rgb(0xF2E6D8), gfx_rgb(0xB9AFA4), gfx_rgb(0x3A6A7E),
                                gfx_rgb(0x2C5A6E)};
    if (background.r == 0 && background.g == 0 && background.b == 0)
        return (figure_colours){gfx_rgb(0xFFFFFF), gfx_rgb(0xB0B0B0), gfx_rgb(0x666666),
                                gfx_rgb(0x555555)};
    SDL_Color body = gfx_rgb(0xF2F2EE);
    return (figure_colours){.body = body,
                            .far = gfx_mix(body, background, 0.38f),
                            .chair = gfx_mix(background, body, 0.2f),
                            .floor = gfx_mix(background, (SDL_Color){0, 0, 0, 255}, 0.3f)};
}

static const pose *figure_test_find(const pose_library *lib, const char *name)
{
    const pose_def *def = pose_library_find(lib, NULL, name);
    if (!def || !def->resolved) {
        fprintf(stderr, "no pose %s\n", name);
        return NULL;
    }
    return &def->value;
}

/* Every resolved pose, in cells of cell_w x cell_h, columns per row, pages of rows rows. */
static int figure_test_sheet(const pose_library *lib, int cell_w, int cell_h, int columns, int rows,
                             const char *prefix, SDL_Color background)
{
    int per_page = columns * rows, failures = 0;
    figure_colours colours = figure_test_colours(background);
    int total = (int)lib->count;
    for (int first = 0, page = 0; first < total; first += per_page, page++) {
        gfx g;
        char error[256];
        if (!gfx_open_offscreen(&g, cell_w * columns, cell_h * rows, error, sizeof error)) {
            fprintf(stderr, "%s\n", error);
            return 1;
        }
        gfx_clear(&g, background);
        for (int i = first; i < total && i < first + per_page; i++) {
            const pose_def *def = &lib->defs[i];
            if (!def->resolved)
                continue;
            int cell = i - first, cx = cell % columns, cy = cell / columns;
            float pad = (float)cell_w * 0.06f;
            SDL_FRect box = {(float)(cx * cell_w) + pad, (float)(cy * cell_h) + pad,
                             (float)cell_w - 2 * pad, (float)cell_h - 2 * pad};
            gfx_stroke_rounded_rect(&g, box, 4, 1, gfx_mix(background, colours.body, 0.08f));
            draw_figure(&g, &def->value, box, &colours);
        }
        char path[512];
        snprintf(path, sizeof path, "%s/%s-%d.png", figure_test_out, prefix, page + 1);
        if (!gfx_save_png(&g, path, error, sizeof error)) {
            fprintf(stderr, "%s\n", error);
            failures++;
        } else {
            printf("wrote %s\n", path);
        }
        gfx_close(&g);
    }
    return failures;
}

/* Draws each pose alone and looks for drawn pixels outside its bounds or outside the box. */
static int figure_test_bounds(const pose_library *lib, int w, int h)
{
    SDL_Color background = gfx_rgb(0x12303F);
    figure_colours colours = figure_test_colours(background);
    int failures = 0;
    gfx g;
    char error[256];
    if (!gfx_open_offscreen(&g, w + 40, h + 40, error, sizeof error))
        return 1;
    SDL_FRect box = {20, 20, (float)w, (float)h};
    for (size_t i = 0; i < lib->count; i++) {
        if (!lib->defs[i].resolved)
            continue;
        const pose *p = &lib->defs[i].value;
        gfx_clear(&g, background);
        draw_figure(&g, p, box, &colours);
        SDL_FRect b = draw_figure_bounds(p, box);
        SDL_RenderFlush(g.renderer);
        SDL_Surface *s = g.offscreen;
        int outside = 0, out_of_box = 0;
        for (int y = 0; y < s->h; y++)
            for (int x = 0; x < s->w; x++) {
                Uint32 px = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
                Uint8 r = (Uint8)(px >> 16), gg = (Uint8)(px >> 8), bb = (Uint8)px;
                bool drawn = r != background.r || gg != background.g || bb != background.b;
                if (drawn && ((float)x < b.x || (float)x >= b.x + b.w || (float)y < b.y ||
                              (float)y >= b.y + b.h))
                    outside++;
                if (drawn && ((float)x < box.x || (float)x >= box.x + box.w || (float)y < box.y ||
                              (float)y >= box.y + box.h))
                    out_of_box++;
            }
        if (outside || out_of_box) {
            printf("bounds %dx%d %s: %d pixels outside bounds, %d outside the box; bounds "
                   "%.1f,%.1f %.1fx%.1f\n",
                   w, h, lib->defs[i].name, outside, out_of_box, b.x, b.y, b.w, b.h);
            failures++;
        }
    }
    gfx_close(&g);
    return failures;
}

/* The named poses side by side in one row, for a closer look. */
static int figure_test_pick(const pose_library *lib, char **names, int count, int cell_w,
                            int cell_h, SDL_Color background, const char *path)
{
    gfx g;
    char error[256];
    if (!gfx_open_offscreen(&g, cell_w * count, cell_h, error, sizeof error))
        return 1;
    figure_colours colours = figure_test_colours(background);
    gfx_clear(&g, background);
    for (int i = 0; i < count; i++) {
        const pose *p = figure_test_find(lib, names[i]);
        if (!p)
            continue;
        SDL_FRect box = {(float)(i * cell_w) + 10, 10, (float)cell_w - 20, (float)cell_h - 20};
        gfx_stroke_rounded_rect(&g, box, 4, 1, gfx_mix(background, colours.body, 0.1f));
        draw_figure(&g, p, box, &colours);
    }
    bool ok = gfx_save_png(&g, path, error, sizeof error);
    gfx_close(&g);
    printf("wrote %s\n", path);
    return ok ? 0 : 1;
}

static int figure_test_blends(const pose_library *lib, SDL_Color background, const char *name)
{
    static const char *pairs[][2] = {
        {"standing", "arms-up"},
        {"standing", "side-bend-left"},
        {"tai-chi-ready", "horse-stance"},
        {"cloud-hands-left", "cloud-hands-right"},
        {"standing-side", "seated"},
        {"seated", "seated-front"},
        {"standing-side", "lying"},
        {"lying", "lying-knees-bent"},
        {"tai-chi-ready-side", "commencement-rise"},
        {"commencement-sink", "hold-ball-right"},
        {"wild-horse-mane-left", "wild-horse-mane-right"},
        {"brush-knee-prep-left", "brush-knee-left"},
        {"knee-lift-left", "knee-lift-right"},
        {"seated", "seated-forward-bend"},
        {"seated-wrists-back", "seated-wrists-down"},
        {"standing-side", "mini-squat"},
    };
    const int count = (int)(sizeof pairs / sizeof pairs[0]), steps = 5, cell_w = 150, cell_h = 200;
    figure_colours colours = figure_test_colours(background);
    int half = (count + 1) / 2;
    for (int part = 0; part < 2; part++) {
        gfx g;
        char error[256];
        if (!gfx_open_offscreen(&g, cell_w * steps, cell_h * half, error, sizeof error))
            return 1;
        gfx_clear(&g, background);
        for (int row = 0; row < half && part * half + row < count; row++) {
            const pose *a = figure_test_find(lib, pairs[part * half + row][0]);
            const pose *b = figure_test_find(lib, pairs[part * half + row][1]);
            if (!a || !b)
                continue;
            for (int col = 0; col < steps; col++) {
                pose mid;
                pose_blend(a, b, (double)col / (steps - 1), &mid);
                SDL_FRect box = {(float)(col * cell_w) + 8, (float)(row * cell_h) + 8,
                                 (float)cell_w - 16, (float)cell_h - 16};
                gfx_stroke_rounded_rect(&g, box, 4, 1, gfx_mix(background, colours.body, 0.08f));
                draw_figure(&g, &mid, box, &colours);
            }
        }
        char path[512];
        snprintf(path, sizeof path, "%s/%s-%d.png", figure_test_out, name, part + 1);
        if (gfx_save_png(&g, path, error, sizeof error))
            printf("wrote %s\n", path);
        gfx_close(&g);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        figure_test_dir = argv[1];
    if (argc > 2)
        figure_test_out = argv[2];
    pose_library lib;
    diag_list diag;
    pose_library_init(&lib);
    diag_init(&diag);
    if (!pose_library_load_dir(&lib, figure_test_dir, &diag))
        diag_print(&diag, stderr);
    SDL_Color dark = gfx_rgb(0x12303F);
    if (argc > 3) {
        char path[512];
        snprintf(path, sizeof path, "%s/figure-pick.png", figure_test_out);
        /* FIGURE_CELL=WxH picks another cell size. */
        int cell_w = 300, cell_h = 400;
        const char *cell = getenv("FIGURE_CELL");
        if (cell && sscanf(cell, "%dx%d", &cell_w, &cell_h) != 2)
            cell_w = 300, cell_h = 400;
        int status = figure_test_pick(&lib, argv + 3, argc - 3, cell_w, cell_h, dark, path);
        pose_library_free(&lib);
        diag_free(&diag);
        return status;
    }
    for (size_t i = 0; i < lib.count; i++)
        printf("%zu %s\n", i, lib.defs[i].name);

    int failures = 0;
    failures += figure_test_sheet(&lib, 300, 400, 6, 2, "figure-large", dark);
    failures += figure_test_sheet(&lib, 120, 160, 10, 9, "figure-small", dark);
    failures += figure_test_sheet(&lib, 120, 160, 10, 9, "figure-small-black", gfx_rgb(0x000000));
    failures += figure_test_blends(&lib, dark, "figure-blends");
    failures += figure_test_bounds(&lib, 300, 400);
    failures += figure_test_bounds(&lib, 120, 160);
    failures += figure_test_bounds(&lib, 500, 200);
    printf("%d failures\n", failures);
    diag_free(&diag);
    pose_library_free(&lib);
    return failures ? 1 : 0;
}
