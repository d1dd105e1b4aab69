/* The attract screen: the clinic's name, a gently breathing pacer as a living background,
 * "Touch to begin", and a button per language. The whole screen begins a visit. */
#include "draw_pacer.h"
#include "screen.h"

static SDL_FRect attract_pacer_box(const screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float size = l->unit * 0.56f;
    return (SDL_FRect){((float)l->width - size) / 2,
                       ((float)l->height - size) / 2 - l->unit * 0.04f, size, size};
}

static void screen_attract_moving(const screen_context *ctx, screen_motion *out)
{
    pacer_state breath;
    pacer_demo(ctx->now_ms, &breath);
    SDL_FRect box = attract_pacer_box(ctx);
    *out = (screen_motion){.area = draw_pacer_extent(box, &breath, ctx->kiosk->reduced_motion),
                           .travel = draw_pacer_travel(box, &breath, ctx->kiosk->reduced_motion)};
}

static void screen_attract_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    /* Everything but the language buttons begins: added first, so they win where they overlap. */
    ui_add(ctx->ui, (SDL_FRect){0, 0, w, h}, ACTION_BEGIN, 0);

    pacer_state breath;
    pacer_demo(ctx->now_ms, &breath);
    SDL_FRect pacer = attract_pacer_box(ctx);
    draw_pacer(ctx->g, pacer, &breath, ctx->colours, ctx->kiosk->reduced_motion, PACER_BACKGROUND);

    const char *clinic = ctx->kiosk->clinic[0] ? ctx->kiosk->clinic : screen_str(ctx, "welcome");
    SDL_FRect top = {l->margin, l->margin, w - 2 * l->margin, l->title_px * 1.5f};
    screen_text(ctx, clinic, top, l->title_px, TEXT_BOLD, TEXT_CENTRE, ctx->colours->text);

    SDL_FRect middle = {l->margin, pacer.y + pacer.h / 2 - l->title_px * 0.9f, w - 2 * l->margin,
                        l->title_px * 1.8f};
    text_style big = {.box = middle,
                      .size_px = (int)(l->title_px * 1.15f),
                      .min_px = l->floor_px,
                      .weight = TEXT_BOLD,
                      .align = TEXT_CENTRE,
                      .centre_vertically = true,
                      .colour = ctx->colours->text};
    text_draw(ctx->text, screen_str(ctx, "touch-to-begin"), &big, NULL);
    screen_read_aloud(ctx, screen_str(ctx, "touch-to-begin"));

    /* For a patient who cannot read the screen well: instructions spoken for this visit. The
     * top-left corner is the staff's; this is in the top right, clear of "Touch to begin". */
    if (ctx->kiosk->sound_live) {
        float rw = l->target_px * 4.5f, rh = l->target_px * 1.2f;
        screen_button(ctx, (SDL_FRect){w - l->margin - rw, l->margin + l->title_px * 1.6f, rw, rh},
                      screen_str(ctx, ctx->kiosk->read_aloud ? "read-aloud-on" : "read-aloud"),
                      ctx->kiosk->read_aloud ? BUTTON_CHOSEN : BUTTON_SECONDARY, ACTION_READ_ALOUD,
                      0);
    }

    int languages = ctx->kiosk->language_count;
    float button_h = l->target_px * 1.2f;
    float hint_y = pacer.y + pacer.h + l->gap * 0.5f;
    float buttons_y = h - l->margin - button_h;
    SDL_FRect hint = {l->margin * 2, hint_y, w - 4 * l->margin, buttons_y - hint_y - l->gap};
    if (hint.h > l->small_px)
        screen_text(ctx, screen_str(ctx, "attract-hint"), hint, l->small_px, TEXT_REGULAR,
                    TEXT_CENTRE, ctx->colours->text_soft);
    if (languages < 2)
        return;
    float button_w = l->unit * 0.3f < l->target_px * 2.5f ? l->target_px * 2.5f : l->unit * 0.3f;
    float total = (float)languages * button_w + (float)(languages - 1) * l->gap;
    if (total > w - 2 * l->margin) {
        button_w = (w - 2 * l->margin - (float)(languages - 1) * l->gap) / (float)languages;
        total = w - 2 * l->margin;
    }
    float x = (w - total) / 2;
    for (int i = 0; i < languages; i++, x += button_w + l->gap) {
        const catalogue_language *lang = catalogue_find(ctx->strings, ctx->kiosk->languages[i]);
        bool chosen = !strcmp(lang->code, ctx->lang);
        screen_button(ctx, (SDL_FRect){x, buttons_y, button_w, button_h}, lang->name,
                      chosen ? BUTTON_CHOSEN : BUTTON_SECONDARY, ACTION_LANGUAGE, i);
    }
}

const screen_def screen_attract = {
    .name = "attract", .draw = screen_attract_draw, .moving = screen_attract_moving};
