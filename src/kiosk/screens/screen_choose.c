/* Choose what to do: four large cards (Breathing, Tai chi, Gentle movement, Relaxation), each
 * with a small picture, so the choice reads at a glance and not only by its words. */
#include "draw_pacer.h"
#include "screen.h"

static void choose_picture(screen_context *ctx, routine_kind kind, SDL_FRect box)
{
    if (kind == ROUTINE_KIND_BREATHING) {
        pacer_state calm = {.phase = BREATH_INHALE, .fullness = 0.7, .progress = 0.5};
        draw_pacer(ctx->g, box, &calm, ctx->colours, false, PACER_FULL);
        return;
    }
    const char *name = kind == ROUTINE_KIND_TAI_CHI      ? "cloud-hands-left"
                       : kind == ROUTINE_KIND_RELAXATION ? "seated-hands-on-thighs"
                                                         : "arms-up";
    const pose_def *def = pose_library_find(ctx->kiosk->poses, NULL, name);
    screen_still_figure(ctx, def, box);
}

static void screen_choose_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float top = screen_title(ctx, screen_str(ctx, "choose-title"));
    float back = screen_back_button(ctx);
    float w = (float)l->width, bottom = (float)l->height - l->margin - back - l->gap;
    static const routine_kind kinds[] = {ROUTINE_KIND_BREATHING, ROUTINE_KIND_TAI_CHI,
                                         ROUTINE_KIND_GRADED_MOVEMENT, ROUTINE_KIND_RELAXATION};
    static const char *const hints[] = {"kind-breathing-hint", "kind-tai-chi-hint",
                                        "kind-graded-movement-hint", "kind-relaxation-hint"};
    enum { CARDS = 4 };
    /* Four in a row on a wide screen, two by two on a squarer one, one above another in
     * portrait: the words keep their size, the cards change shape. */
    int columns = l->portrait ? 1 : w >= l->unit * 1.7f ? CARDS : 2;
    int rows = CARDS / columns;
    bool beside = columns < CARDS; /* the picture beside the words, not above them */
    float cw = (w - 2 * l->margin - (float)(columns - 1) * l->gap) / (float)columns;
    float ch = (bottom - top - (float)(rows - 1) * l->gap) / (float)rows;
    for (int i = 0; i < CARDS; i++) {
        SDL_FRect card = {l->margin + (float)(i % columns) * (cw + l->gap),
                          top + (float)(i / columns) * (ch + l->gap), cw, ch};
        int index = ui_add(ctx->ui, card, ACTION_KIND, (int)kinds[i]);
        bool pressed = index == ctx->ui->pressed;
        gfx_fill_rounded_rect(ctx->g, card, l->corner * 1.5f,
                              pressed ? ctx->colours->card_pressed : ctx->colours->card);
        float pad = l->gap;
        SDL_FRect picture, words;
        if (beside) {
            float side = fminf(card.h - 2 * pad, card.w * 0.3f);
            picture = (SDL_FRect){card.x + pad, card.y + pad, side, side};
            words = (SDL_FRect){picture.x + side + pad, card.y + pad, card.w - side - 3 * pad,
                                card.h - 2 * pad};
        } else {
            float side = fminf(card.w - 2 * pad, (card.h - 2 * pad) * 0.55f);
            picture = (SDL_FRect){card.x + (card.w - side) / 2, card.y + pad, side, side};
            words = (SDL_FRect){card.x + pad, picture.y + side + pad, card.w - 2 * pad,
                                card.y + card.h - (picture.y + side + 2 * pad)};
        }
        choose_picture(ctx, kinds[i], picture);
        float name_h =
            screen_text(ctx, screen_kind_word(ctx, kinds[i]), words, (int)(l->title_px * 0.85f),
                        TEXT_BOLD, beside ? TEXT_LEFT : TEXT_CENTRE, ctx->colours->text);
        SDL_FRect hint = {words.x, words.y + name_h + pad * 0.3f, words.w,
                          words.h - name_h - pad * 0.3f};
        /* The hint only where it fits at a readable size: the picture and the name say enough. */
        text_style hint_style = {.box = hint,
                                 .size_px = l->text_px,
                                 .min_px = l->floor_px,
                                 .weight = TEXT_REGULAR,
                                 .align = beside ? TEXT_LEFT : TEXT_CENTRE,
                                 .colour = ctx->colours->text_soft};
        const char *hint_text = screen_str(ctx, hints[i]);
        hint_style.size_px = l->floor_px;
        bool fits = hint.h > 0 && text_fits(ctx->text, hint_text, &hint_style);
        hint_style.size_px = l->text_px;
        if (fits)
            text_draw(ctx->text, hint_text, &hint_style, NULL);
        if (ui_is_focused(ctx->ui, index))
            screen_focus_ring(ctx, card);
    }
}

const screen_def screen_choose = {.name = "choose", .draw = screen_choose_draw};
