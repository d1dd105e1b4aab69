/* The routines of the chosen kind as tiles: title, how long, the position, how many levels.
 * More than fit are shown a page at a time. */
#include "screen.h"

#include "plan.h"

static void screen_routines_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    const flow *f = ctx->flow;
    float top = screen_title(ctx, screen_kind_word(ctx, f->kind));
    float back = screen_back_button(ctx);
    float w = (float)l->width, bottom = (float)l->height - l->margin - back - l->gap;
    int count = (int)flow_routine_count(f, f->kind);
    if (count == 0) {
        SDL_FRect box = {l->margin, top, w - 2 * l->margin, bottom - top};
        screen_text(ctx, screen_str(ctx, "no-routines"), box, l->text_px, TEXT_REGULAR, TEXT_LEFT,
                    ctx->colours->text_soft);
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
    int page = ((ctx->kiosk->routine_page % pages) + pages) % pages;
    float tile_w = (w - 2 * l->margin - (float)(columns - 1) * l->gap) / (float)columns;
    for (int slot = 0; slot < per_page + (pages > 1); slot++) {
        float x = l->margin + (float)(slot % columns) * (tile_w + l->gap);
        float y = top + (float)(slot / columns) * (tile_h + l->gap);
        SDL_FRect tile = {x, y, tile_w, tile_h};
        if (slot == per_page) {
            screen_button(ctx, tile, screen_str(ctx, "more"), BUTTON_SECONDARY, ACTION_PAGE, 1);
            break;
        }
        int index = page * per_page + slot;
        if (index >= count)
            break;
        const routine *r = flow_routine_at(f, f->kind, (size_t)index);
        int target = ui_add(ctx->ui, tile, ACTION_ROUTINE, index);
        gfx_fill_rounded_rect(ctx->g, tile, l->corner,
                              target == ctx->ui->pressed ? ctx->colours->card_pressed
                                                         : ctx->colours->card);
        float pad = l->gap;
        SDL_FRect name = {x + pad, y + pad * 0.7f, tile_w - 2 * pad, tile_h * 0.55f - pad};
        screen_text(ctx, routine_text_get(&r->title, ctx->lang), name, (int)(l->text_px * 1.15f),
                    TEXT_BOLD, TEXT_LEFT, ctx->colours->text);
        char minutes[48], levels[48] = "", line[200];
        screen_minutes(ctx, plan_routine_ms(r, 1), "minutes", minutes, sizeof minutes);
        if (r->levels > 1) {
            char n[16];
            snprintf(n, sizeof n, "%d", r->levels);
            catalogue_format(ctx->strings, ctx->lang, "levels", levels, sizeof levels, "n", n,
                             NULL);
        }
        const char *position = screen_position_word(ctx, r->position);
        snprintf(line, sizeof line, "%s%s%s%s%s", minutes, position[0] ? "  ·  " : "", position,
                 levels[0] ? "  ·  " : "", levels);
        SDL_FRect facts = {x + pad, y + tile_h * 0.55f, tile_w - 2 * pad,
                           tile_h * 0.45f - pad * 0.5f};
        screen_text(ctx, line, facts, l->text_px, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text_soft);
        if (ui_is_focused(ctx->ui, target))
            screen_focus_ring(ctx, tile);
    }
}

const screen_def screen_routines = {.name = "routines", .draw = screen_routines_draw};
