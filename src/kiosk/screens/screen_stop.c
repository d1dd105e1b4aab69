/* "Stop here?": the routine waits paused while the patient chooses. Stopping is the answer the
 * screen leads to: "Stop now" is the big primary button (and the first the keyboard reaches),
 * "Keep going" the quiet one, and nothing nudges to continue. A reason is optional, one tap that
 * stops and records why; "I feel dizzy or unwell" then says to sit down and tell the staff. */
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

    /* Bottom: "Stop now", wide and primary, on the right; "Keep going" beside it. Added first so
     * that the keyboard's first stop is stopping. */
    float bottom_h = l->target_px * 1.4f;
    float bottom_y = h - l->margin - bottom_h;
    float stop_w = l->portrait ? (w - 2 * l->margin - l->gap) * 0.58f : l->unit * 0.7f;
    float keep_w = l->portrait ? w - 2 * l->margin - l->gap - stop_w : l->unit * 0.45f;
    screen_button(ctx, (SDL_FRect){w - l->margin - stop_w, bottom_y, stop_w, bottom_h},
                  screen_str(ctx, "stop-now"), BUTTON_PRIMARY, ACTION_STOP_REASON,
                  STOP_REASON_NONE);

    /* The reasons, each one tap: pain first, then dizziness (it leads to the staff). */
    static const struct {
        const char *key;
        session_stop_reason why;
    } reasons[] = {{"reason-too-painful", STOP_REASON_TOO_PAINFUL},
                   {"reason-dizzy", STOP_REASON_DIZZY},
                   {"reason-too-tiring", STOP_REASON_TOO_TIRING},
                   {"reason-other", STOP_REASON_OTHER}};
    enum { REASONS = sizeof reasons / sizeof *reasons };
    float reasons_bottom = bottom_y - l->gap * 1.5f;
    int columns = l->portrait ? 1 : 2, rows = (REASONS + columns - 1) / columns;
    float bw = (w - 2 * l->margin - (float)(columns - 1) * l->gap) / (float)columns;
    float bh = (reasons_bottom - y - (float)(rows - 1) * l->gap) / (float)rows;
    if (bh > l->target_px * 1.9f) /* room for a reason on two lines at full size */
        bh = l->target_px * 1.9f;
    for (int i = 0; i < REASONS; i++) {
        SDL_FRect rect = {l->margin + (float)(i % columns) * (bw + l->gap),
                          y + (float)(i / columns) * (bh + l->gap), bw, bh};
        screen_button(ctx, rect, screen_str(ctx, reasons[i].key), BUTTON_SECONDARY,
                      ACTION_STOP_REASON, (int)reasons[i].why);
    }
    screen_button(ctx,
                  (SDL_FRect){w - l->margin - stop_w - l->gap - keep_w, bottom_y, keep_w, bottom_h},
                  screen_str(ctx, "keep-going"), BUTTON_QUIET, ACTION_KEEP_GOING, 0);
}

const screen_def screen_stop = {.name = "stop", .draw = screen_stop_draw};
