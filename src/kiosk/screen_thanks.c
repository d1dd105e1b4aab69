/* Thank you: a kind word, then back to the attract screen by itself (or at a touch). */
#include "app.h"

void screen_thanks_draw(app *a)
{
    const theme_layout *l = &a->layout;
    float w = (float)l->width, h = (float)l->height;
    ui_add(&a->ui, (SDL_FRect){0, 0, w, h}, ACTION_THANKS_DONE, 0);
    SDL_FRect big = {l->margin, h * 0.3f, w - 2 * l->margin, l->title_px * 2.0f};
    text_style style = {.box = big,
                        .size_px = (int)(l->title_px * 1.3f),
                        .min_px = 24,
                        .weight = TEXT_BOLD,
                        .align = TEXT_CENTRE,
                        .centre_vertically = true,
                        .colour = a->colours.text};
    text_draw(&a->text, app_str(a, "thanks"), &style, NULL);
    app_text(a, app_str(a, "thanks-note"),
             (SDL_FRect){l->margin, big.y + big.h + l->gap, w - 2 * l->margin, l->text_px * 3},
             l->text_px, TEXT_REGULAR, TEXT_CENTRE, a->colours.text_soft);
}
