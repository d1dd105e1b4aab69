/* The routines of the chosen kind as tiles: title, how long, the position, how many levels.
 * More than fit are shown a page at a time. */
#include "app.h"

#include "plan.h"

void screen_routines_draw(app *a)
{
    const theme_layout *l = &a->layout;
    flow *f = &a->flow;
    float top = screen_title(a, app_kind_word(a, f->kind));
    float back = screen_back_button(a);
    float w = (float)l->width, bottom = (float)l->height - l->margin - back - l->gap;
    int count = (int)flow_routine_count(f, f->kind);
    if (count == 0) {
        SDL_FRect box = {l->margin, top, w - 2 * l->margin, bottom - top};
        app_text(a, app_str(a, "no-routines"), box, l->text_px, TEXT_REGULAR, TEXT_LEFT,
                 a->colours.text_soft);
        return;
    }
    int columns = l->portrait ? 1 : 2;
    float tile_h = l->target_px * 2.3f;
    int rows = (int)((bottom - top + l->gap) / (tile_h + l->gap));
    if (rows < 1)
        rows = 1;
    int per_page = rows * columns;
    int pages = (count + per_page - 1) / per_page;
    if (pages > 1) {
        /* The last slot pages on, so every routine can be reached. */
        per_page -= 1;
        pages = (count + per_page - 1) / per_page;
    }
    int page = ((a->routine_page % pages) + pages) % pages;
    float tile_w = (w - 2 * l->margin - (float)(columns - 1) * l->gap) / (float)columns;
    for (int slot = 0; slot < per_page + (pages > 1); slot++) {
        float x = l->margin + (float)(slot % columns) * (tile_w + l->gap);
        float y = top + (float)(slot / columns) * (tile_h + l->gap);
        SDL_FRect tile = {x, y, tile_w, tile_h};
        if (slot == per_page) {
            app_button(a, tile, app_str(a, "more"), BUTTON_SECONDARY, ACTION_PAGE, 1);
            break;
        }
        int index = page * per_page + slot;
        if (index >= count)
            break;
        const routine *r = flow_routine_at(f, f->kind, (size_t)index);
        int target = ui_add(&a->ui, tile, ACTION_ROUTINE, index);
        gfx_fill_rounded_rect(&a->g, tile, l->corner,
                              target == a->ui.pressed ? a->colours.card_pressed : a->colours.card);
        float pad = l->gap;
        SDL_FRect name = {x + pad, y + pad * 0.7f, tile_w - 2 * pad, tile_h * 0.55f - pad};
        app_text(a, routine_text_get(&r->title, app_lang(a)), name, (int)(l->text_px * 1.15f),
                 TEXT_BOLD, TEXT_LEFT, a->colours.text);
        char minutes[48], levels[48] = "", line[200];
        app_minutes(a, plan_routine_ms(r, 1), "minutes", minutes, sizeof minutes);
        if (r->levels > 1) {
            char n[16];
            snprintf(n, sizeof n, "%d", r->levels);
            catalogue_format(&a->strings, app_lang(a), "levels", levels, sizeof levels, "n", n,
                             NULL);
        }
        const char *position = app_position_word(a, r->position);
        snprintf(line, sizeof line, "%s%s%s%s%s", minutes, position[0] ? "  ·  " : "", position,
                 levels[0] ? "  ·  " : "", levels);
        SDL_FRect facts = {x + pad, y + tile_h * 0.55f, tile_w - 2 * pad,
                           tile_h * 0.45f - pad * 0.5f};
        app_text(a, line, facts, l->text_px, TEXT_REGULAR, TEXT_LEFT, a->colours.text_soft);
        if (ui_is_focused(&a->ui, target))
            app_focus_ring(a, tile);
    }
}
