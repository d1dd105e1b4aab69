/* "How much pain do you feel right now?": 0 to 10 as eleven large buttons anchored "No pain"
 * and "Worst pain imaginable", and Skip. The same words before and after the routine. A tap
 * chooses a number (shown as chosen; another tap changes it) and Done keeps it, so a mis-tap can
 * be corrected. No praise here, where it could colour the rating (it waits for the thank-you);
 * after a stop, first that stopping is good pacing. */
#include "screen.h"

/* The words the screens after a routine say of how it ended (flow_after_message). */
static const char *rate_after_key(flow_after_words words)
{
    static const char *const keys[] = {
        [FLOW_AFTER_PRAISE] = "well-done",
        [FLOW_AFTER_PACING] = "stop-ack",
        [FLOW_AFTER_PACING_PAIN] = "stop-ack-pain",
    };
    return keys[words];
}

static void screen_rate_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    float y = l->margin;
    flow_after_words after = flow_after_message(ctx->flow);
    if (ctx->flow->screen == FLOW_RATE_AFTER && after != FLOW_AFTER_PRAISE)
        y += screen_text(ctx, screen_str(ctx, rate_after_key(after)),
                         (SDL_FRect){l->margin, y, w - 2 * l->margin, l->text_px * 5.2f},
                         l->text_px, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text) +
             l->gap * 0.5f;
    y += screen_text(ctx, screen_str(ctx, "rate-question"),
                     (SDL_FRect){l->margin, y, w - 2 * l->margin, l->title_px * 2.6f}, l->title_px,
                     TEXT_BOLD, TEXT_LEFT, ctx->colours->text) +
         l->gap * 1.5f;

    float skip_h = l->target_px * 1.15f, skip_w = l->unit * 0.3f;
    SDL_FRect skip = {l->margin, h - l->margin - skip_h, skip_w, skip_h};
    float done_w = l->portrait ? w - 3 * l->margin - skip_w : l->unit * 0.5f;
    SDL_FRect done = {w - l->margin - done_w, h - l->margin - skip_h, done_w, skip_h};
    int chosen = ctx->flow->rating_chosen;

    /* The largest buttons the screen holds, at least 16 px apart: one row of eleven wherever
     * each is still a full touch target wide (portrait too), else two rows on one grid. */
    float gap = l->gap * 0.6f < 16 ? 16 : l->gap * 0.6f;
    int per_row = (w - 2 * l->margin - 10 * gap) / 11 >= l->target_px ? 11 : 6;
    int rows = per_row == 11 ? 1 : 2;
    float size = (w - 2 * l->margin - (float)(per_row - 1) * gap) / (float)per_row;
    float anchors_h = l->small_px * 2.8f;
    /* Room kept for the line that says which number is chosen, so nothing moves when it shows. */
    float chosen_h = l->text_px * 1.5f;
    float room = h - y - skip_h - l->margin - 2 * l->gap - anchors_h - chosen_h;
    float most = (room - (float)(rows - 1) * gap) / (float)rows;
    if (size > most)
        size = most;
    if (size > l->unit * 0.2f)
        size = l->unit * 0.2f;
    /* Taller than wide where there is room: the largest targets on the screen. */
    float tall = size * 1.7f < most ? size * 1.7f : most;
    if (tall < size)
        tall = size;
    float row_w = (float)per_row * size + (float)(per_row - 1) * gap;
    float x0 = (w - row_w) / 2;
    SDL_FRect first = {0}, last = {0};
    for (int value = 0; value <= 10; value++) {
        int row = value / per_row, col = value % per_row;
        float row_x = x0; /* the second row on the first's grid: one scale, read on */
        SDL_FRect rect = {row_x + (float)col * (size + gap), y + (float)row * (tall + gap), size,
                          tall};
        char label[4];
        snprintf(label, sizeof label, "%d", value);
        /* All alike: a colour scale could nudge the answer, and the anchors say what ends mean. */
        int index = ui_add(ctx->ui, rect, ACTION_RATE, value);
        SDL_Color fill =
            index == ctx->ui->pressed ? ctx->colours->card_pressed : ctx->colours->card;
        SDL_Color ink = ctx->colours->text;
        if (value == chosen) { /* the chosen one: filled, and its words say which below */
            fill = ctx->colours->accent;
            ink = ctx->colours->accent_text;
        }
        gfx_fill_rounded_rect(ctx->g, rect, ctx->layout->corner, fill);
        gfx_stroke_rounded_rect(ctx->g, rect, ctx->layout->corner, 2, ctx->colours->text_soft);
        text_style style = {.box = rect,
                            .size_px = (int)(size * 0.5f),
                            .min_px = 24,
                            .weight = TEXT_BOLD,
                            .align = TEXT_CENTRE,
                            .centre_vertically = true,
                            .colour = ink};
        text_draw(ctx->text, label, &style, NULL);
        if (ui_is_focused(ctx->ui, index))
            screen_focus_ring(ctx, rect);
        if (value == 0)
            first = rect;
        if (value == 10)
            last = rect;
    }
    float anchors_y = y + (float)rows * (tall + gap) + gap;
    float anchor_w = l->unit * 0.38f;
    screen_text(ctx, screen_str(ctx, "rate-no-pain"),
                (SDL_FRect){first.x, anchors_y, anchor_w, anchors_h}, l->text_px, TEXT_BOLD,
                TEXT_LEFT, ctx->colours->text);
    float right = last.x + last.w; /* under 10, where the scale ends */
    screen_text(ctx, screen_str(ctx, "rate-worst"),
                (SDL_FRect){right - anchor_w, anchors_y, anchor_w, anchors_h}, l->text_px,
                TEXT_BOLD, TEXT_RIGHT, ctx->colours->text);
    /* Once a number is chosen: which, how to change it, and Done to keep it. */
    if (chosen != SESSION_NO_RATING) {
        char n[4], line[256];
        snprintf(n, sizeof n, "%d", chosen);
        catalogue_format(ctx->strings, ctx->lang, "rate-chosen", line, sizeof line, "n", n, NULL);
        float line_y = anchors_y + anchors_h;
        float line_h = done.y - line_y - l->gap * 0.5f;
        if (line_h >= 24)
            screen_text(ctx, line, (SDL_FRect){l->margin, line_y, w - 2 * l->margin, line_h},
                        l->text_px, TEXT_REGULAR, TEXT_CENTRE, ctx->colours->text);
        screen_button(ctx, done, screen_str(ctx, "rate-keep"), BUTTON_PRIMARY, ACTION_RATE_KEEP, 0);
    }
    /* Last, so keyboard focus meets the numbers first. */
    screen_button(ctx, skip, screen_str(ctx, "skip"), BUTTON_QUIET, ACTION_RATE, SESSION_NO_RATING);
}

const screen_def screen_rate_before = {.name = "rate-before", .draw = screen_rate_draw};

const screen_def screen_rate_after = {.name = "rate-after", .draw = screen_rate_draw};
