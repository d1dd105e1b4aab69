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
    pose p;
    if (def && def->resolved)
        p = def->value;
    else
        pose_neutral(&p);
    figure_colours colours = {ctx->colours->figure, ctx->colours->figure_far, ctx->colours->chair,
                              ctx->colours->track};
    draw_figure(ctx->g, &p, box, &colours);
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
    for (int i = 0; i < CARDS; i++) {
        SDL_FRect card;
        if (l->portrait) {
            float ch = (bottom - top - (CARDS - 1) * l->gap) / CARDS;
            card = (SDL_FRect){l->margin, top + (float)i * (ch + l->gap), w - 2 * l->margin, ch};
        } else {
            float cw = (w - 2 * l->margin - (CARDS - 1) * l->gap) / CARDS;
            card = (SDL_FRect){l->margin + (float)i * (cw + l->gap), top, cw, bottom - top};
        }
        int index = ui_add(ctx->ui, card, ACTION_KIND, (int)kinds[i]);
        bool pressed = index == ctx->ui->pressed;
        gfx_fill_rounded_rect(ctx->g, card, l->corner * 1.5f,
                              pressed ? ctx->colours->card_pressed : ctx->colours->card);
        float pad = l->gap;
        SDL_FRect picture, words;
        if (l->portrait) {
            float side = card.h - 2 * pad;
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
                        TEXT_BOLD, l->portrait ? TEXT_LEFT : TEXT_CENTRE, ctx->colours->text);
        SDL_FRect hint = {words.x, words.y + name_h + pad * 0.3f, words.w,
                          words.h - name_h - pad * 0.3f};
        if (hint.h > l->small_px)
            screen_text(ctx, screen_str(ctx, hints[i]), hint, l->text_px, TEXT_REGULAR,
                        l->portrait ? TEXT_LEFT : TEXT_CENTRE, ctx->colours->text_soft);
        if (ui_is_focused(ctx->ui, index))
            screen_focus_ring(ctx, card);
    }
}

const screen_def screen_choose = {.name = "choose", .draw = screen_choose_draw};
