/* 'focus' on the figure: the focused parts drawn in the warm tint and nothing else changed. For
 * each case the figure is drawn twice into an image, without focus and with it, and the pixels
 * that differ are counted inside the focused parts' box (draw_figure_region_bounds) and
 * outside it: many inside, none outside. Pixels, not timing. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "body_focus.h"
#include "diag.h"
#include "draw_figure.h"
#include "gfx.h"
#include "pose.h"
#include "theme.h"

static pose_library shared;

typedef struct {
    const char *pose, *focus;
} focus_case;

/* WCAG relative luminance of an sRGB colour. */
static double focus_luminance(SDL_Color c)
{
    double channel[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0}, sum = 0;
    static const double weight[3] = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; i++) {
        double v = channel[i];
        v = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
        sum += weight[i] * v;
    }
    return sum;
}

static double focus_contrast(SDL_Color a, SDL_Color b)
{
    double la = focus_luminance(a), lb = focus_luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

static void focus_draw(gfx *g, const theme_colours *theme, const pose *p, SDL_FRect box,
                       body_regions regions)
{
    figure_colours colours = {theme->figure, theme->figure_far,   theme->chair,
                              theme->track,  theme->figure_focus, regions};
    gfx_clear(g, theme->background);
    draw_figure(g, p, box, &colours);
}

static void focused_parts_change_and_nothing_else(config_theme which, int width, int height)
{
    static const focus_case cases[] = {{"seated-neck-tilt-left", "neck"},
                                       {"seated-shoulders-up", "shoulders"},
                                       {"seated-wrists-back", "wrists"},
                                       {"seated-hands-forward", "hands"},
                                       {"standing-side", "ankles"},
                                       {"knee-lift-left", "legs"},
                                       {"side-bend-left", "trunk"},
                                       {"seated-pelvis-back", "lower-back"},
                                       {"mini-squat", "knees"},
                                       {"seated-knee-lift-left", "hips"},
                                       {"side-shoulders-back", "upper-back"},
                                       {"arms-out", "arms"}};
    theme_colours theme;
    theme_colours_for(which, &theme);
    gfx g;
    char error[256];
    assert_true(gfx_open_offscreen(&g, width, height, error, sizeof error));
    SDL_FRect box = {(float)width * 0.05f, (float)height * 0.05f, (float)width * 0.6f,
                     (float)height * 0.9f};
    size_t bytes = (size_t)g.offscreen->pitch * (size_t)height;
    Uint8 *plain = malloc(bytes);
    assert_non_null(plain);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const pose_def *def = pose_library_find(&shared, NULL, cases[i].pose);
        if (!def || !def->resolved)
            fail_msg("no shared pose '%s'", cases[i].pose);
        int index = body_focus_find(cases[i].focus);
        assert_true(index >= 0);
        body_regions regions = body_focus_regions(index);
        focus_draw(&g, &theme, &def->value, box, 0);
        memcpy(plain, g.offscreen->pixels, bytes);
        focus_draw(&g, &theme, &def->value, box, regions);
        SDL_FRect part = draw_figure_region_bounds(&def->value, box, regions);
        assert_true(part.w > 0 && part.h > 0);
        long inside = 0, outside = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) {
                size_t at = (size_t)y * (size_t)g.offscreen->pitch + (size_t)x * 4;
                if (!memcmp(plain + at, (Uint8 *)g.offscreen->pixels + at, 4))
                    continue;
                bool in = x >= part.x && x < part.x + part.w && y >= part.y && y < part.y + part.h;
                inside += in;
                outside += !in;
            }
        /* The focused parts are a real share of their box: a tenth of it at least. */
        double share = (double)inside / (double)(part.w * part.h);
        printf("%s %dx%d %-22s %-10s changed %6ld px in its %4.0fx%-4.0f box (%2.0f%%), %ld "
               "outside\n",
               which == CONFIG_THEME_CALM ? "calm" : "high-contrast", width, height, cases[i].pose,
               cases[i].focus, inside, part.w, part.h, share * 100, outside);
        assert_int_equal(outside, 0);
        assert_true(share >= 0.10);
        /* And with no regions named, the very same picture as with none. */
        focus_draw(&g, &theme, &def->value, box, 0);
        assert_memory_equal(plain, g.offscreen->pixels, bytes);
    }
    free(plain);
    gfx_close(&g);
}

/* The tint is a colour a patient sees from two metres, but calm: it stands off the background
 * as much as non-text graphics must (WCAG 1.4.11: 3:1), differs from the body, and is warm
 * (more red than blue), not the hue of a warning (the stop button's). */
static void the_tint_is_seen_and_calm(void **state)
{
    (void)state;
    for (int which = 0; which < 2; which++) {
        theme_colours theme;
        theme_colours_for(which ? CONFIG_THEME_HIGH_CONTRAST : CONFIG_THEME_CALM, &theme);
        SDL_Color tint = gfx_mix(theme.figure, theme.figure_focus, 0.75f);
        double against_background = focus_contrast(tint, theme.background);
        int from_body = abs(tint.r - theme.figure.r) + abs(tint.g - theme.figure.g) +
                        abs(tint.b - theme.figure.b);
        int from_stop =
            abs(tint.r - theme.stop.r) + abs(tint.g - theme.stop.g) + abs(tint.b - theme.stop.b);
        printf("%s: tint #%02X%02X%02X, %.1f:1 on the background, %d from the body, %d from "
               "the stop colour\n",
               which ? "high-contrast" : "calm", tint.r, tint.g, tint.b, against_background,
               from_body, from_stop);
        assert_true(against_background >= 3.0);
        assert_true(from_body >= 60);
        assert_true(from_stop >= 120);
        assert_true(tint.r > tint.b);
    }
}

static void calm_theme(void **state)
{
    (void)state;
    focused_parts_change_and_nothing_else(CONFIG_THEME_CALM, 1200, 1000);
    focused_parts_change_and_nothing_else(CONFIG_THEME_CALM, 480, 800);
}

static void high_contrast_theme(void **state)
{
    (void)state;
    focused_parts_change_and_nothing_else(CONFIG_THEME_HIGH_CONTRAST, 1200, 1000);
}

static int load_poses(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    pose_library_init(&shared);
    bool ok = pose_library_load_dir(&shared, EASE_SOURCE_DIR "/assets/poses", &diag);
    if (!ok)
        diag_print(&diag, stderr);
    diag_free(&diag);
    return ok ? 0 : -1;
}

static int free_poses(void **state)
{
    (void)state;
    pose_library_free(&shared);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calm_theme),
        cmocka_unit_test(high_contrast_theme),
        cmocka_unit_test(the_tint_is_seen_and_calm),
    };
    return cmocka_run_group_tests(tests, load_poses, free_poses);
}
