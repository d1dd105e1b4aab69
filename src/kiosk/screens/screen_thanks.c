/* Thank you, then back to the attract screen by itself (or at a touch). Praise lives here, after
 * the rating it must not colour, and only for a routine played to the end; after a stop, that
 * stopping is good pacing (and, after pain or dizziness, to tell the staff if it stays). */
#include "screen.h"

static void screen_thanks_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    ui_add(ctx->ui, (SDL_FRect){0, 0, w, h}, ACTION_THANKS_DONE, 0);
    flow_after_words after = flow_after_message(ctx->flow);
    const char *title = after == FLOW_AFTER_PRAISE ? "well-done" : "thanks";
    const char *note = after == FLOW_AFTER_PRAISE   ? "thanks-note"
                       : after == FLOW_AFTER_PACING ? "stop-ack"
                                                    : "stop-ack-pain";
    SDL_FRect big = {l->margin, h * 0.3f, w - 2 * l->margin, l->title_px * 2.0f};
    text_style style = {.box = big,
                        .size_px = (int)(l->title_px * 1.3f),
                        .min_px = 24,
                        .weight = TEXT_BOLD,
                        .align = TEXT_CENTRE,
                        .centre_vertically = true,
                        .colour = ctx->colours->text};
    text_draw(ctx->text, screen_str(ctx, title), &style, NULL);
    screen_read_aloud(ctx, screen_str(ctx, title));
    screen_text(ctx, screen_str(ctx, note),
                (SDL_FRect){l->margin, big.y + big.h + l->gap, w - 2 * l->margin, l->text_px * 5},
                l->text_px, TEXT_REGULAR, TEXT_CENTRE, ctx->colours->text_soft);
}

const screen_def screen_thanks = {.name = "thanks", .draw = screen_thanks_draw};
