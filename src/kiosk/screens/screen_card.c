/* A routine's card: what it is, how long, seated or standing, the level for graded routines
 * (with "start with level 1 if you are unsure"), its safety note and the kiosk's general one,
 * and one big Start. */
#include "screen.h"

#include "plan.h"

static float card_levels(screen_context *ctx, const routine *r, SDL_FRect area)
{
    const theme_layout *l = ctx->layout;
    float y = area.y;
    /* How levels work, in a graded programme: start low, stay, move up on a plan. */
    char hint[512];
    snprintf(hint, sizeof hint, "%s %s", screen_str(ctx, "level-hint"),
             screen_str(ctx, "level-advice"));
    float hint_h = screen_text(ctx, hint, (SDL_FRect){area.x, y, area.w, l->text_px * 5.4f},
                               l->text_px, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text_soft);
    y += hint_h + l->gap * 0.6f;
    float button_h = l->target_px * 2.1f; /* two lines: the level and its length */
    float button_w = (area.w - (float)(r->levels - 1) * l->gap) / (float)r->levels;
    for (int level = 1; level <= r->levels; level++) {
        char label[96], name[48], minutes[48], n[16];
        snprintf(n, sizeof n, "%d", level);
        const char *own = level <= r->level_label_count
                              ? routine_text_get(&r->level_labels[level - 1], ctx->lang)
                              : NULL;
        if (own) /* the routine's own name for the level: "2 · Steady" */
            snprintf(name, sizeof name, "%d · %s", level, own);
        else
            catalogue_format(ctx->strings, ctx->lang, "level", name, sizeof name, "n", n, NULL);
        screen_minutes(ctx, plan_routine_ms(r, level), "minutes", minutes, sizeof minutes);
        snprintf(label, sizeof label, "%s\n%s", name, minutes);
        SDL_FRect rect = {area.x + (float)(level - 1) * (button_w + l->gap), y, button_w, button_h};
        screen_button(ctx, rect, label,
                      level == ctx->flow->level ? BUTTON_PRIMARY : BUTTON_SECONDARY, ACTION_LEVEL,
                      level);
    }
    return y + button_h - area.y;
}

static void screen_card_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    const routine *r = ctx->flow->routine;
    if (!r)
        return;
    const char *lang = ctx->lang;
    float top = screen_title(ctx, routine_text_get(&r->title, lang));
    float back = screen_back_button(ctx);
    float w = (float)l->width, h = (float)l->height;
    float bottom = h - l->margin - back - l->gap;

    /* The big Start sits bottom right, level with Back. */
    float start_w = l->unit * 0.42f, start_h = back;
    SDL_FRect start = {w - l->margin - start_w, h - l->margin - start_h, start_w, start_h};
    screen_button(ctx, start, screen_str(ctx, "start"), BUTTON_PRIMARY, ACTION_START, 0);

    float column_w = l->portrait ? w - 2 * l->margin : (w - 3 * l->margin) * 0.55f;
    float y = top;
    char about[64], facts[160];
    screen_minutes(ctx, plan_routine_ms(r, ctx->flow->level), "about-minutes", about, sizeof about);
    const char *position = screen_position_word(ctx, r->position);
    snprintf(facts, sizeof facts, "%s%s%s", about, position[0] ? "  ·  " : "", position);
    y += screen_text(ctx, facts, (SDL_FRect){l->margin, y, column_w, l->text_px * 1.5f}, l->text_px,
                     TEXT_BOLD, TEXT_LEFT, ctx->colours->accent) +
         l->gap * 0.6f;
    const char *summary = routine_text_get(&r->summary, lang);
    if (summary)
        y += screen_text(ctx, summary, (SDL_FRect){l->margin, y, column_w, (bottom - y) * 0.45f},
                         l->text_px, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text) +
             l->gap;

    SDL_FRect side;
    if (l->portrait) {
        side = (SDL_FRect){l->margin, y, column_w, bottom - y};
    } else {
        side =
            (SDL_FRect){2 * l->margin + column_w, top, w - 3 * l->margin - column_w, bottom - top};
    }
    float levels_h = 0;
    if (r->levels > 1) {
        levels_h = card_levels(ctx, r, side) + l->gap;
        if (l->portrait)
            y += levels_h;
    }
    /* The routine's own safety words (the kiosk's general notice has a screen of its own, once a
     * visit: screen_safety.c); in landscape under the levels, where there is room, or across the
     * page when there are none. */
    SDL_FRect safety = {l->margin, y, column_w, bottom - y};
    if (!l->portrait && r->levels > 1 && side.h - levels_h > bottom - y)
        safety = (SDL_FRect){side.x, side.y + levels_h, side.w, side.h - levels_h};
    else if (!l->portrait && r->levels <= 1)
        safety = (SDL_FRect){l->margin, y, w - 2 * l->margin, bottom - y};
    const char *notice = routine_text_get(&r->safety, lang);
    if (notice && *notice && safety.h > l->small_px) {
        float bar = l->unit * 0.008f < 4 ? 4 : l->unit * 0.008f;
        float used = screen_text(
            ctx, notice, (SDL_FRect){safety.x + bar * 3, safety.y, safety.w - bar * 3, safety.h},
            l->small_px > 24 ? l->small_px : 24, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text);
        gfx_fill_rect(ctx->g, (SDL_FRect){safety.x, safety.y, bar, used}, ctx->colours->accent);
    }
}

const screen_def screen_card = {.name = "card", .draw = screen_card_draw};
