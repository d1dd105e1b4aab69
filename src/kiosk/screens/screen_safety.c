/* The kiosk's general safety notice, once a visit, before the first routine plays: what is OK
 * (usual aches), when to stop and rest and tell the staff (sudden or sharp pain, pain much worse
 * than usual, dizziness or faintness, chest pain, breathlessness), and who should ask their
 * clinician first, in the words of the clinical notes, at the size of instructions. */
#include "screen.h"

static void screen_safety_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    float y = screen_title(ctx, screen_str(ctx, "safety-title"));
    float button_h = l->target_px * 1.4f;
    float button_w = l->portrait ? (w - 2 * l->margin - l->gap) * 0.6f : l->unit * 0.6f;
    float bottom = h - l->margin - button_h - l->gap * 1.5f;
    /* Lines of about 45 characters, as the design asks, not the screen's whole width. */
    float column = l->portrait ? w - 2 * l->margin : (float)l->text_px * 26.0f;
    if (column > w - 2 * l->margin)
        column = w - 2 * l->margin;
    float bar = l->unit * 0.008f < 4 ? 4 : l->unit * 0.008f;
    float used = screen_text(ctx, screen_str(ctx, "general-safety"),
                             (SDL_FRect){l->margin + bar * 3, y, column - bar * 3, bottom - y},
                             l->text_px, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text);
    gfx_fill_rect(ctx->g, (SDL_FRect){l->margin, y, bar, used}, ctx->colours->accent);
    screen_button(
        ctx, (SDL_FRect){w - l->margin - button_w, h - l->margin - button_h, button_w, button_h},
        screen_str(ctx, "safety-read"), BUTTON_PRIMARY, ACTION_SAFETY_READ, 0);
    screen_back_button(ctx);
}

const screen_def screen_safety = {.name = "safety", .draw = screen_safety_draw};
