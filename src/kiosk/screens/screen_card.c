/* A routine's card: what it is, how long (one duration, for the chosen level), seated or
 * standing, the levels of a graded routine (one hint, the chosen level marked, not a second
 * call to action), the safety words in a column of short lines, and one big Start. */
#include "screen.h"

#include "plan.h"

static float card_levels(screen_context *ctx, const routine *r, SDL_FRect area)
{
    const theme_layout *l = ctx->layout;
    float y = area.y;
    y += screen_text(ctx, screen_str(ctx, "level-hint"),
                     (SDL_FRect){area.x, y, area.w, (float)l->text_px * 2.6f}, l->text_px,
                     TEXT_REGULAR, TEXT_LEFT, ctx->colours->text_soft) +
         l->gap * 0.6f;
    float button_h = l->target_px * 1.3f;
    float button_w = (area.w - (float)(r->levels - 1) * l->gap) / (float)r->levels;
    for (int level = 1; level <= r->levels; level++) {
        char name[48], n[16];
        snprintf(n, sizeof n, "%d", level);
        const char *own = level <= r->level_label_count
                              ? routine_text_get(&r->level_labels[level - 1], ctx->lang)
                              : NULL;
        if (own) /* the routine's own name for the level: "2 · Steady" */
            snprintf(name, sizeof name, "%d · %s", level, own);
        else
            catalogue_format(ctx->strings, ctx->lang, "level", name, sizeof name, "n", n, NULL);
        SDL_FRect rect = {area.x + (float)(level - 1) * (button_w + l->gap), y, button_w, button_h};
        screen_button(ctx, rect, name, level == ctx->flow->level ? BUTTON_CHOSEN : BUTTON_SECONDARY,
                      ACTION_LEVEL, level);
    }
    return y + button_h - area.y;
}

/* The routine's own safety words and the kiosk's general notice, with a warm bar beside them, in
 * lines short enough to read (the design's ~45 characters). */
static void card_safety(screen_context *ctx, const routine *r, SDL_FRect area)
{
    const theme_layout *l = ctx->layout;
    if (area.h < (float)l->floor_px * 1.5f)
        return;
    /* The routine's own safety words only: the kiosk's general notice has a screen of its own,
     * once a visit (screen_safety.c), so no sentence stands twice. */
    const char *notice = routine_text_get(&r->safety, ctx->lang);
    if (!notice || !*notice)
        return;
    float bar = l->unit * 0.008f < 4 ? 4 : l->unit * 0.008f;
    int size = l->small_px > l->floor_px ? l->small_px : l->floor_px;
    float most_w = (float)size * 0.55f * 45;
    float width = area.w - bar * 3 < most_w ? area.w - bar * 3 : most_w;
    float used = screen_text(ctx, notice, (SDL_FRect){area.x + bar * 3, area.y, width, area.h},
                             size, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text);
    gfx_fill_rect(ctx->g, (SDL_FRect){area.x, area.y, bar, used}, ctx->colours->accent);
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

    /* The big Start sits bottom right, level with Back: the one primary button. */
    float start_w = l->unit * 0.42f, start_h = back;
    SDL_FRect start = {w - l->margin - start_w, h - l->margin - start_h, start_w, start_h};
    screen_button(ctx, start, screen_str(ctx, "start"), BUTTON_PRIMARY, ACTION_START, 0);

    /* Landscape: what it is and the levels on the left, the safety words on the right.
     * Portrait: one column. */
    float column_w = l->portrait ? w - 2 * l->margin : (w - 3 * l->margin) * 0.55f;
    float y = top;
    char about[64], facts[160];
    screen_minutes(ctx, plan_routine_ms(r, ctx->flow->level), "about-minutes", about, sizeof about);
    const char *position = screen_position_word(ctx, r->position);
    snprintf(facts, sizeof facts, "%s%s%s", about, position[0] ? "  ·  " : "", position);
    y += screen_text(ctx, facts, (SDL_FRect){l->margin, y, column_w, l->text_px * 1.5f}, l->text_px,
                     TEXT_BOLD, TEXT_LEFT, ctx->colours->accent) +
         l->gap * 0.6f;
    float levels_h = 0;
    if (r->levels > 1)
        levels_h = (float)l->text_px * 2.6f + l->gap * 1.6f + l->target_px * 1.3f;
    const char *summary = routine_text_get(&r->summary, lang);
    float summary_room = bottom - y - levels_h;
    if (l->portrait)
        summary_room *= 0.5f; /* the other half for the safety words */
    if (summary)
        y += screen_text(ctx, summary, (SDL_FRect){l->margin, y, column_w, summary_room},
                         l->text_px, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text) +
             l->gap;
    if (r->levels > 1)
        y += card_levels(ctx, r, (SDL_FRect){l->margin, y, column_w, levels_h}) + l->gap;
    if (l->portrait)
        card_safety(ctx, r, (SDL_FRect){l->margin, y, column_w, bottom - y});
    else
        card_safety(
            ctx, r,
            (SDL_FRect){2 * l->margin + column_w, top, w - 3 * l->margin - column_w, bottom - top});
}

const screen_def screen_card = {.name = "card", .draw = screen_card_draw};
