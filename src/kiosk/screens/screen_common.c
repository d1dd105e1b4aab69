/* What most screens share: words, text, buttons, the title at the top and the Back button at
 * the bottom. */
#include "screen.h"

#include <stdio.h>

const char *screen_str(const screen_context *ctx, const char *key)
{
    return catalogue_get(ctx->strings, ctx->lang, key);
}

void screen_minutes(const screen_context *ctx, int64_t ms, const char *key, char *out, size_t size)
{
    if (ms < 45000) {
        snprintf(out, size, "%s", screen_str(ctx, "under-a-minute"));
        return;
    }
    /* To the nearest half minute, so neighbouring levels rarely read the same. */
    long long halves = (long long)((ms + 15000) / 30000);
    if (halves < 1)
        halves = 1;
    char n[24];
    if (halves == 1)
        snprintf(n, sizeof n, "½");
    else
        snprintf(n, sizeof n, "%lld%s", halves / 2, halves % 2 ? "½" : "");
    catalogue_format(ctx->strings, ctx->lang, key, out, size, "n", n, NULL);
}

const char *screen_position_word(const screen_context *ctx, routine_position position)
{
    static const char *const keys[] = {"", "position-seated", "position-standing",
                                       "position-lying"};
    return position ? screen_str(ctx, keys[position]) : "";
}

const char *screen_kind_word(const screen_context *ctx, routine_kind kind)
{
    static const char *const keys[ROUTINE_KIND_COUNT] = {"kind-breathing", "kind-tai-chi",
                                                         "kind-graded-movement", "kind-relaxation"};
    return screen_str(ctx, (unsigned)kind < ROUTINE_KIND_COUNT ? keys[kind] : "kind-breathing");
}

void screen_focus_ring(screen_context *ctx, SDL_FRect rect)
{
    float t = ctx->layout->unit * 0.006f < 3 ? 3 : ctx->layout->unit * 0.006f;
    SDL_FRect ring = {rect.x - 2 * t, rect.y - 2 * t, rect.w + 4 * t, rect.h + 4 * t};
    gfx_stroke_rounded_rect(ctx->g, ring, ctx->layout->corner + 2 * t, t, ctx->colours->focus);
}

float screen_text(screen_context *ctx, const char *text, SDL_FRect box, int size_px,
                  text_weight weight, text_align align, SDL_Color colour)
{
    text_style style = {.box = box,
                        .size_px = size_px,
                        .min_px = ctx->layout->floor_px,
                        .weight = weight,
                        .align = align,
                        .colour = colour};
    float height = 0;
    text_draw(ctx->text, text, &style, &height);
    screen_read_aloud(ctx, text);
    return height;
}

int screen_button(screen_context *ctx, SDL_FRect rect, const char *label, button_style style,
                  app_action action, int arg)
{
    int index = ui_add(ctx->ui, rect, action, arg);
    bool pressed = index >= 0 && index == ctx->ui->pressed;
    SDL_Color fill = ctx->colours->card, ink = ctx->colours->text, edge = ctx->colours->text_soft;
    switch (style) {
    case BUTTON_PRIMARY:
        fill = ctx->colours->accent;
        ink = ctx->colours->accent_text;
        edge = ctx->colours->accent;
        break;
    case BUTTON_SECONDARY:
        break;
    case BUTTON_QUIET:
        edge = ctx->colours->track;
        break;
    case BUTTON_CHOSEN:
        /* Chosen, not a second call to action: a thick warm edge around the usual card. */
        edge = ctx->colours->accent;
        break;
    case BUTTON_STOP:
        /* Vermillion tells it apart; the words stay light on dark to stay readable (9:1). */
        edge = ctx->colours->stop;
        break;
    }
    if (pressed)
        fill = style == BUTTON_PRIMARY ? gfx_mix(fill, ctx->colours->text, 0.3f)
                                       : ctx->colours->card_pressed;
    gfx_fill_rounded_rect(ctx->g, rect, ctx->layout->corner, fill);
    float border = ctx->layout->unit * 0.004f < 2 ? 2 : ctx->layout->unit * 0.004f;
    if (style != BUTTON_PRIMARY)
        gfx_stroke_rounded_rect(
            ctx->g, rect, ctx->layout->corner,
            style == BUTTON_STOP || style == BUTTON_CHOSEN ? border * 2 : border, edge);
    float pad = rect.h * 0.12f;
    SDL_FRect inside = {rect.x + pad, rect.y + pad * 0.5f, rect.w - 2 * pad, rect.h - pad};
    text_style text = {.box = inside,
                       .size_px = ctx->layout->text_px,
                       .min_px = ctx->layout->floor_px,
                       .weight = TEXT_BOLD,
                       .align = TEXT_CENTRE,
                       .centre_vertically = true,
                       .colour = ink};
    text_draw(ctx->text, label, &text, NULL);
    screen_read_aloud(ctx, label); /* the choices are read after the question */
    if (ui_is_focused(ctx->ui, index))
        screen_focus_ring(ctx, rect);
    return index;
}

float screen_title(screen_context *ctx, const char *title)
{
    const theme_layout *l = ctx->layout;
    SDL_FRect box = {l->margin, l->margin, (float)l->width - 2 * l->margin, l->title_px * 2.6f};
    float h = screen_text(ctx, title, box, l->title_px, TEXT_BOLD, TEXT_LEFT, ctx->colours->text);
    return l->margin + h + l->gap;
}

float screen_back_button(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float h = l->target_px * 1.15f, w = l->unit * 0.3f;
    if (w < l->target_px * 2.5f)
        w = l->target_px * 2.5f;
    SDL_FRect rect = {l->margin, (float)l->height - l->margin - h, w, h};
    screen_button(ctx, rect, screen_str(ctx, "back"), BUTTON_SECONDARY, ACTION_BACK, 0);
    return h;
}

void screen_still_figure(screen_context *ctx, const pose_def *def, SDL_FRect box)
{
    pose p;
    if (def && def->resolved)
        p = def->value;
    else
        pose_neutral(&p);
    figure_colours colours = {ctx->colours->figure, ctx->colours->figure_far,   ctx->colours->chair,
                              ctx->colours->track,  ctx->colours->figure_focus, 0};
    draw_figure(ctx->g, &p, box, &colours);
}
