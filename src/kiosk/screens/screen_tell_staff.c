/* After "I feel dizzy or unwell": sit down and tell a member of staff. The visit is already
 * recorded as stopped for that reason; this screen stays, with no timeout, until someone taps
 * OK (a patient who felt unwell is not left to a screen that moves on by itself). */
#include "screen.h"

static void screen_tell_staff_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    float ok_h = l->target_px * 1.6f;
    float ok_w = l->portrait ? w - 2 * l->margin : l->unit * 0.6f;
    SDL_FRect ok = {(w - ok_w) / 2, h - l->margin - ok_h, ok_w, ok_h};
    SDL_FRect big = {l->margin, h * 0.18f, w - 2 * l->margin, ok.y - h * 0.18f - l->gap * 4};
    text_style style = {.box = {big.x, big.y, big.w, big.h * 0.6f},
                        .size_px = (int)(l->title_px * 1.2f),
                        .min_px = 24,
                        .weight = TEXT_BOLD,
                        .align = TEXT_CENTRE,
                        .centre_vertically = true,
                        .colour = ctx->colours->text};
    text_draw(ctx->text, screen_str(ctx, "tell-staff"), &style, NULL);
    screen_text(ctx, screen_str(ctx, "tell-staff-note"),
                (SDL_FRect){big.x, big.y + big.h * 0.6f + l->gap, big.w, big.h * 0.4f - l->gap},
                l->text_px, TEXT_REGULAR, TEXT_CENTRE, ctx->colours->text_soft);
    screen_button(ctx, ok, screen_str(ctx, "ok"), BUTTON_PRIMARY, ACTION_TELL_STAFF_DONE, 0);
}

const screen_def screen_tell_staff = {.name = "tell-staff", .draw = screen_tell_staff_draw};
