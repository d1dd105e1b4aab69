/* What most screens share: the title at the top and the Back button at the bottom. */
#include "app.h"

float screen_title(app *a, const char *title)
{
    const theme_layout *l = &a->layout;
    SDL_FRect box = {l->margin, l->margin, (float)l->width - 2 * l->margin, l->title_px * 2.6f};
    float h = app_text(a, title, box, l->title_px, TEXT_BOLD, TEXT_LEFT, a->colours.text);
    return l->margin + h + l->gap;
}

float screen_back_button(app *a)
{
    const theme_layout *l = &a->layout;
    float h = l->target_px * 1.15f, w = l->unit * 0.3f;
    if (w < l->target_px * 2.5f)
        w = l->target_px * 2.5f;
    SDL_FRect rect = {l->margin, (float)l->height - l->margin - h, w, h};
    app_button(a, rect, app_str(a, "back"), BUTTON_SECONDARY, ACTION_BACK, 0);
    return h;
}
