/* Choose what to do: four large cards (Breathing, Tai chi, Gentle movement, Relaxation), each
 * with a small picture, so the choice reads at a glance and not only by its words. */
#include "app.h"
#include "draw_pacer.h"

static void choose_picture(app *a, routine_kind kind, SDL_FRect box)
{
    if (kind == ROUTINE_KIND_BREATHING) {
        pacer_state calm = {.phase = BREATH_INHALE, .fullness = 0.7, .progress = 0.5};
        draw_pacer(&a->g, box, &calm, &a->colours, false, PACER_FULL);
        return;
    }
    const char *name = kind == ROUTINE_KIND_TAI_CHI      ? "cloud-hands-left"
                       : kind == ROUTINE_KIND_RELAXATION ? "seated-hands-on-thighs"
                                                         : "arms-up";
    const pose_def *def = pose_library_find(&a->poses, NULL, name);
    pose p;
    if (def && def->resolved)
        p = def->value;
    else
        pose_neutral(&p);
    figure_colours colours = {a->colours.figure, a->colours.figure_far, a->colours.chair,
                              a->colours.track};
    draw_figure(&a->g, &p, box, &colours);
}

void screen_choose_draw(app *a)
{
    const theme_layout *l = &a->layout;
    float top = screen_title(a, app_str(a, "choose-title"));
    float back = screen_back_button(a);
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
        int index = ui_add(&a->ui, card, ACTION_KIND, (int)kinds[i]);
        bool pressed = index == a->ui.pressed;
        gfx_fill_rounded_rect(&a->g, card, l->corner * 1.5f,
                              pressed ? a->colours.card_pressed : a->colours.card);
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
        choose_picture(a, kinds[i], picture);
        float name_h = app_text(a, app_kind_word(a, kinds[i]), words, (int)(l->title_px * 0.85f),
                                TEXT_BOLD, l->portrait ? TEXT_LEFT : TEXT_CENTRE, a->colours.text);
        SDL_FRect hint = {words.x, words.y + name_h + pad * 0.3f, words.w,
                          words.h - name_h - pad * 0.3f};
        if (hint.h > l->small_px)
            app_text(a, app_str(a, hints[i]), hint, l->text_px, TEXT_REGULAR,
                     l->portrait ? TEXT_LEFT : TEXT_CENTRE, a->colours.text_soft);
        if (ui_is_focused(&a->ui, index))
            app_focus_ring(a, card);
    }
}
