/* The routines of the chosen kind as tiles: a drawn still of each (its figure at the height of
 * its first movement, or a breathing pacer), its title, one plain line from its summary, how
 * long, the position and how many levels. More than fit are shown a page at a time. */
#include "draw_pacer.h"
#include "screen.h"

#include "plan.h"

/* The pose that says what a routine is: the far end of its first movement (arms up, the turn
 * of the head), else the first pose it names. */
static const char *routine_still_pose(const routine *r)
{
    const char *first = NULL;
    for (size_t i = 0; i < r->step_count; i++) {
        const routine_motion *m = &r->steps[i].motion;
        if (m->count >= 2)
            return m->keys[1].pose;
        if (m->count == 1 && !first)
            first = m->keys[0].pose;
    }
    return first;
}

static void routine_still(screen_context *ctx, const routine *r, SDL_FRect box)
{
    if (r->kind == ROUTINE_KIND_BREATHING) {
        pacer_state calm = {.phase = BREATH_INHALE, .fullness = 0.75, .progress = 0.5};
        draw_pacer(ctx->g, box, &calm, ctx->colours, false, PACER_FULL);
        return;
    }
    const char *name = routine_still_pose(r);
    const pose_def *def = name ? pose_library_find(&r->poses, ctx->kiosk->poses, name) : NULL;
    screen_still_figure(ctx, def, box);
}

/* Without a 'description', the summary's first sentence: one plain line of what it does. */
static void routine_description(const char *summary, char *out, size_t size)
{
    out[0] = '\0';
    if (!summary)
        return;
    size_t n = 0;
    while (summary[n] && !(summary[n] == '.' && (summary[n + 1] == ' ' || !summary[n + 1])))
        n++;
    snprintf(out, size, "%.*s%s", (int)n, summary, summary[n] == '.' ? "." : "");
}

static void screen_routines_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    const flow *f = ctx->flow;
    float top = screen_title(ctx, screen_kind_word(ctx, f->kind));
    float back = screen_back_button(ctx);
    float w = (float)l->width, bottom = (float)l->height - l->margin - back - l->gap;
    int count = (int)flow_routine_count(f, f->kind);
    if (count == 0) {
        SDL_FRect box = {l->margin, top, w - 2 * l->margin, bottom - top};
        screen_text(ctx, screen_str(ctx, "no-routines"), box, l->text_px, TEXT_REGULAR, TEXT_LEFT,
                    ctx->colours->text_soft);
        return;
    }
    /* Two columns only on a wide screen: a tile needs room for a line of words. */
    int columns = w >= l->unit * 1.7f ? 2 : 1;
    /* At least room for the title, a line of description and the facts beside the still; when
     * fewer routines than rows, the tiles grow into the space (a second and third line). */
    float tile_h = fmaxf(l->target_px * 2.3f, (float)l->text_px * 4.4f);
    int rows = (int)((bottom - top + l->gap) / (tile_h + l->gap));
    if (rows < 1)
        rows = 1;
    int per_page = rows * columns;
    int pages = (count + per_page - 1) / per_page;
    int used_rows = (count < per_page ? count + columns - 1 : per_page) / columns;
    float grown = (bottom - top - (float)(used_rows - 1) * l->gap) / (float)used_rows;
    tile_h = fminf(fmaxf(tile_h, grown), (float)l->text_px * 7);
    if (pages > 1) {
        /* "More" beside Back, so every routine can be reached and no tile is lost to it. */
        float more_w = l->unit * 0.3f < l->target_px * 2.5f ? l->target_px * 2.5f : l->unit * 0.3f;
        SDL_FRect more = {w - l->margin - more_w, (float)l->height - l->margin - back, more_w,
                          back};
        screen_button(ctx, more, screen_str(ctx, "more"), BUTTON_SECONDARY, ACTION_PAGE, 1);
    }
    int page = ((ctx->kiosk->routine_page % pages) + pages) % pages;
    float tile_w = (w - 2 * l->margin - (float)(columns - 1) * l->gap) / (float)columns;
    for (int slot = 0; slot < per_page; slot++) {
        float x = l->margin + (float)(slot % columns) * (tile_w + l->gap);
        float y = top + (float)(slot / columns) * (tile_h + l->gap);
        SDL_FRect tile = {x, y, tile_w, tile_h};
        int index = page * per_page + slot;
        if (index >= count)
            break;
        const routine *r = flow_routine_at(f, f->kind, (size_t)index);
        int target = ui_add(ctx->ui, tile, ACTION_ROUTINE, index);
        gfx_fill_rounded_rect(ctx->g, tile, l->corner,
                              target == ctx->ui->pressed ? ctx->colours->card_pressed
                                                         : ctx->colours->card);
        float pad = l->gap;
        float side = tile_h - 2 * pad;
        routine_still(ctx, r, (SDL_FRect){x + pad, y + pad, side, side});
        float tx = x + side + 2 * pad, tw = tile_w - side - 3 * pad, ty = y + pad * 0.7f;
        float bottom_y = y + tile_h - pad * 0.5f;
        /* One size for every tile's title (wrapping to a second line if it must), and the
         * description only where it fits whole: say less rather than shrink. */
        int title_px = (int)((float)l->text_px * 1.1f);
        text_style title = {.box = {tx, ty, tw, (float)title_px * 2.6f},
                            .size_px = title_px,
                            .min_px = title_px,
                            .weight = TEXT_BOLD,
                            .align = TEXT_LEFT,
                            .colour = ctx->colours->text,
                            .max_lines = 2};
        float title_h = 0;
        text_draw(ctx->text, routine_text_get(&r->title, ctx->lang), &title, &title_h);
        ty += title_h;
        char minutes[48], levels[48] = "", line[200], about[400];
        screen_minutes(ctx, plan_routine_ms(r, 1), "minutes", minutes, sizeof minutes);
        if (r->levels > 1) {
            char n[16];
            snprintf(n, sizeof n, "%d", r->levels);
            catalogue_format(ctx->strings, ctx->lang, "levels", levels, sizeof levels, "n", n,
                             NULL);
        }
        const char *position = screen_position_word(ctx, r->position);
        snprintf(line, sizeof line, "%s%s%s%s%s", minutes, position[0] ? "  ·  " : "", position,
                 levels[0] ? "  ·  " : "", levels);
        float facts_h = (float)l->text_px * 1.3f;
        const char *own = routine_text_get(&r->description, ctx->lang);
        if (own) /* the routine's own line for its tile */
            snprintf(about, sizeof about, "%s", own);
        else
            routine_description(routine_text_get(&r->summary, ctx->lang), about, sizeof about);
        int about_px = (int)((float)l->text_px * 0.8f);
        if (about_px < l->floor_px)
            about_px = l->floor_px;
        text_style description = {.box = {tx, ty, tw, bottom_y - facts_h - ty},
                                  .size_px = about_px,
                                  .min_px = about_px,
                                  .weight = TEXT_REGULAR,
                                  .align = TEXT_LEFT,
                                  .colour = ctx->colours->text,
                                  .max_lines = 3};
        if (description.box.h > 0 && text_fits(ctx->text, about, &description))
            text_draw(ctx->text, about, &description, NULL);
        screen_text(ctx, line, (SDL_FRect){tx, bottom_y - facts_h, tw, facts_h}, l->text_px,
                    TEXT_BOLD, TEXT_LEFT, ctx->colours->text_soft);
        if (ui_is_focused(ctx->ui, target))
            screen_focus_ring(ctx, tile);
    }
}

const screen_def screen_routines = {.name = "routines", .draw = screen_routines_draw};
