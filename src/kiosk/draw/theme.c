#include "theme.h"

#include "gfx.h"

void theme_colours_for(config_theme theme, theme_colours *out)
{
    if (theme == CONFIG_THEME_HIGH_CONTRAST) {
        *out = (theme_colours){.background = gfx_rgb(0x000000),
                               .card = gfx_rgb(0x000000),
                               .card_pressed = gfx_rgb(0x333333),
                               .text = gfx_rgb(0xFFFFFF),
                               .text_soft = gfx_rgb(0xFFFFFF),
                               .accent = gfx_rgb(0xFFD400),
                               .accent_text = gfx_rgb(0x000000),
                               .focus = gfx_rgb(0xFFD400),
                               .inhale = gfx_rgb(0x56B4E9),
                               .hold = gfx_rgb(0xF0E442),
                               .exhale = gfx_rgb(0x009E73),
                               .stop = gfx_rgb(0xFF7A1A),
                               .track = gfx_rgb(0x555555),
                               .figure = gfx_rgb(0xFFFFFF),
                               .figure_far = gfx_rgb(0xB0B0B0),
                               .chair = gfx_rgb(0x666666),
                               .hold_disc = gfx_rgb(0x7A7A7A),
                               /* A pale yellow, the theme's own, soft enough to cover a limb. */
                               .figure_focus = gfx_rgb(0xFFE566),
                               .high_contrast = true};
        return;
    }
    /* Deep blue-green and off-white (12:1), a warm accent with dark text (9:1), and the
     * Okabe-Ito colours for what must be told apart. */
    *out = (theme_colours){.background = gfx_rgb(0x12303F),
                           .card = gfx_rgb(0x1A4152),
                           .card_pressed = gfx_rgb(0x245468),
                           .text = gfx_rgb(0xF2F2EE),
                           .text_soft = gfx_rgb(0xC9D6DA),
                           .accent = gfx_rgb(0xF2B950),
                           .accent_text = gfx_rgb(0x0E2430),
                           .focus = gfx_rgb(0xF0E442),
                           .inhale = gfx_rgb(0x56B4E9),
                           .hold = gfx_rgb(0xF0E442),
                           .exhale = gfx_rgb(0x009E73),
                           .stop = gfx_rgb(0xD55E00),
                           .track = gfx_rgb(0x2C5A6E),
                           .figure = gfx_rgb(0xF2E6D8),
                           .figure_far = gfx_rgb(0xB9AFA4),
                           .chair = gfx_rgb(0x3A6A7E),
                           /* A soft grey-blue, not the Okabe-Ito yellow over a fifth of the
                            * screen: light-sensitive patients hold their breath in calm. */
                           .hold_disc = gfx_rgb(0x6F8E9B),
                           /* A soft apricot near the accent: warm, not the red of an alarm. */
                           .figure_focus = gfx_rgb(0xF0A868),
                           .high_contrast = false};
}

static int theme_px(float unit, float share, int floor_px)
{
    int px = (int)(unit * share + 0.5f);
    return px < floor_px ? floor_px : px;
}

void theme_layout_for(int width, int height, float pixels_per_mm, theme_layout *out)
{
    float unit = (float)(width < height ? width : height);
    out->width = width;
    out->height = height;
    out->portrait = height > width;
    out->unit = unit;
    out->margin = unit * 0.045f;
    out->gap = unit * 0.025f < 16 ? 16 : unit * 0.025f;
    /* The design's shares of the shorter side, never below 24 px. */
    out->title_px = theme_px(unit, 0.07f, 24);
    out->text_px = theme_px(unit, 0.045f, 24);
    out->phase_px = theme_px(unit, 0.09f, 28);
    out->small_px = theme_px(unit, 0.034f, 20);
    out->huge_px = theme_px(unit, 0.16f, 40);
    out->floor_px = theme_px(unit, 24.0f / 1080.0f, 20);
    float nine_mm = 9 * (pixels_per_mm > 0 ? pixels_per_mm : 96 / 25.4f);
    float at_1080p = unit * 64.0f / 1080.0f;
    out->target_px = nine_mm > at_1080p ? nine_mm : at_1080p;
    if (out->target_px < 40)
        out->target_px = 40;
    out->corner = unit * 0.02f;
}
