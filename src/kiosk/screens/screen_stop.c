/* "Stop here?": the routine waits paused while the patient chooses. One tap on a reason stops
 * (and records why); "Keep going" goes back to the routine where it was. */
#include "screen.h"

static void screen_stop_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    float y = screen_title(ctx, screen_str(ctx, "stop-question"));
    y += screen_text(ctx, screen_str(ctx, "stop-reason-prompt"),
                     (SDL_FRect){l->margin, y, w - 2 * l->margin, l->text_px * 2.6f}, l->text_px,
                     TEXT_REGULAR, TEXT_LEFT, ctx->colours->text_soft) +
         l->gap;
    static const struct {
        const char *key;
        session_stop_reason why;
    } reasons[] = {{"reason-too-painful", STOP_REASON_TOO_PAINFUL},
                   {"reason-too-tiring", STOP_REASON_TOO_TIRING},
                   {"reason-had-to-go", STOP_REASON_HAD_TO_GO},
                   {"reason-other", STOP_REASON_OTHER}};
    float keep_h = l->target_px * 1.4f;
    float bottom = h - l->margin - keep_h - l->gap * 1.5f;
    int columns = l->portrait ? 1 : 2, rows = 4 / columns;
    float bw = (w - 2 * l->margin - (float)(columns - 1) * l->gap) / (float)columns;
    float bh = (bottom - y - (float)(rows - 1) * l->gap) / (float)rows;
    if (bh > l->target_px * 1.8f)
        bh = l->target_px * 1.8f;
    for (int i = 0; i < 4; i++) {
        SDL_FRect rect = {l->margin + (float)(i % columns) * (bw + l->gap),
                          y + (float)(i / columns) * (bh + l->gap), bw, bh};
        screen_button(ctx, rect, screen_str(ctx, reasons[i].key), BUTTON_SECONDARY,
                      ACTION_STOP_REASON, (int)reasons[i].why);
    }
    float keep_w = l->portrait ? w - 2 * l->margin : l->unit * 0.6f;
    screen_button(ctx, (SDL_FRect){w - l->margin - keep_w, h - l->margin - keep_h, keep_w, keep_h},
                  screen_str(ctx, "keep-going"), BUTTON_PRIMARY, ACTION_KEEP_GOING, 0);
}

const screen_def screen_stop = {.name = "stop", .draw = screen_stop_draw};
