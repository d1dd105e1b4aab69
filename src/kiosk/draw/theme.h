/* How the kiosk looks: the colours of the calm and high-contrast themes (text at least 7:1 on
 * its background), and sizes that follow the screen's shorter side so one layout serves
 * 800x480 to 3840x2160, portrait or landscape. */
#ifndef EASE_THEME_H
#define EASE_THEME_H

#include <SDL.h>
#include <stdbool.h>

#include "config.h"

typedef struct {
    SDL_Color background, card, card_pressed, text, text_soft, accent, accent_text, focus;
    SDL_Color inhale, hold, exhale, stop, track, figure, figure_far, chair;
    SDL_Color hold_disc;    /* the pacer's body during a hold: soft, no glare; the rim says hold */
    SDL_Color figure_focus; /* the warm tint of the parts a step is about ('focus') */
    bool high_contrast;
} theme_colours;

typedef struct {
    int width, height;
    bool portrait;
    float unit;        /* the shorter side, px */
    float margin, gap; /* px */
    int title_px, text_px, phase_px, small_px, huge_px;
    int floor_px;    /* the smallest text: 24 px at 1080p-equivalent, never under 20 px */
    float target_px; /* smallest touch target: 9 mm at the display's density, at least 64 px at
                        1080p */
    float corner;    /* rounded corners */
} theme_layout;

void theme_colours_for(config_theme theme, theme_colours *out);
void theme_layout_for(int width, int height, float pixels_per_mm, theme_layout *out);

#endif
