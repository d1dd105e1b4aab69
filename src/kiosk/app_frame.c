/* Frames: what a screen sees (a screen_context made from the app at a given time), whole frames
 * and the parts that move between them, and when the next frame is worth drawing. */
#include "app.h"

#include <math.h>
#include <stdio.h>

#include "draw_moving.h"
#include "gfx_region.h"
#include "pacer.h"

/* A screen_context and what it points to, made from the app for one moment. */
typedef struct {
    screen_context ctx;
    screen_kiosk kiosk;
    screen_caption captions[SCREEN_CAPTIONS];
    const char *languages[CONFIG_MAX_LANGUAGES];
} app_view;

/* What the screens see at now_ms: the drawing tools, the visit, and the kiosk around it. */
static void app_view_at(app *a, int64_t now_ms, app_view *v)
{
    int languages = 0;
    for (size_t i = 0; i < a->config.language_count && languages < CONFIG_MAX_LANGUAGES; i++)
        if (catalogue_find(&a->strings, a->config.languages[i]))
            v->languages[languages++] = a->config.languages[i];
    const recorder *r = &a->records;
    v->kiosk = (screen_kiosk){
        .clinic = a->config.clinic,
        .reduced_motion = a->config.reduced_motion,
        .languages = v->languages,
        .language_count = languages,
        .routine_page = a->routine_page,
        .library = &a->library,
        .poses = &a->poses,
        .problems = &a->problems,
        .config_message = a->config_message,
        .staff_key_path = a->staff_key_path,
        .sound_live = audio_is_live(a->audio),
        .read_aloud = a->read_aloud,
        .volume = a->volume,
        .muted = a->muted,
        .sound_files_skipped = audio_files_skipped(a->audio),
        .captions = v->captions,
        .caption_count = app_visible_captions(a, now_ms, v->captions, SCREEN_CAPTIONS),
        .keep_records = a->options.keep_records,
        .records_all_stored = !a->options.keep_records || recorder_all_stored(r),
        .records_waiting = r->pending_count,
        .records_problem_status = r->problem.status,
        .records_problem = r->problem.message,
        .records_moved_aside = r->moved_aside,
        .today = &a->staff_today,
        .week = &a->staff_week,
        .stats_ok = a->staff_stats_ok,
    };
    v->ctx = (screen_context){
        .g = &a->g,
        .text = a->text,
        .colours = &a->colours,
        .layout = &a->layout,
        .ui = &a->ui,
        .strings = &a->strings,
        .lang = app_lang(a),
        .flow = &a->flow,
        .now_ms = now_ms,
        .kiosk = &v->kiosk,
        .pictures = &a->pictures,
    };
}

bool app_animating(const app *a)
{
    if (app_fade_active(a))
        return true;
    switch (a->flow.screen) {
    case FLOW_ATTRACT:
        return true;
    case FLOW_PLAY:
        return a->flow.player.state == PLAYER_PLAYING;
    default:
        return false;
    }
}

/* The first clock time after now_ms at which the play screen's words change: the next segment,
 * or the next second of a countdown. A frame must land on each. */
static int64_t app_play_deadline(const app *a, int64_t now_ms)
{
    const flow *f = &a->flow;
    int64_t t = player_position_at(&f->player, now_ms);
    const plan_segment *s = &f->plan->segments[plan_segment_at(f->plan, t)];
    int64_t remaining = s->end_ms - t, shown = (remaining + 999) / 1000;
    int64_t change = shown > 1 ? s->end_ms - 1000 * (shown - 1) : s->end_ms;
    int64_t countdown_end = player_countdown_end_ms(&f->player, t);
    if (countdown_end >= 0) {
        int64_t second = player_countdown_next_change_ms(countdown_end, t);
        change = second < change ? second : change;
    }
    int64_t clock = player_clock_at(&f->player, change);
    return clock > now_ms ? clock : now_ms + 1;
}

/* What moves on the current screen at time t (nothing, on a screen where nothing does). */
static screen_motion app_moving_at(app *a, int64_t t)
{
    const screen_def *s = screen_table[a->flow.screen];
    screen_motion out = {{0, 0, 0, 0}, {0, 0, 0, 0}, 0, {0, 0, 0, 0}};
    if (!s->moving)
        return out;
    app_view view;
    app_view_at(a, t, &view);
    s->moving(&view.ctx, &out);
    return out;
}

/* A moving figure gets a frame once some part of it has moved a quarter of a pixel on the
 * screen, as the pacer's disc does: at the display's rate while it moves, fewer near the turn
 * of a slow movement, where a frame would change nothing anyone could see. */
static int64_t app_next_figure_frame(app *a, int64_t now_ms, int64_t frame_ms, int64_t deadline)
{
    const flow *f = &a->flow;
    int64_t t = player_position_at(&f->player, now_ms);
    size_t segment = plan_segment_at(f->plan, t);
    pose drawn, then;
    SDL_FRect box = app_moving_at(a, now_ms).figure_box;
    if (!(box.w > 0 && box.h > 0) || !plan_pose_at(f->plan, segment, t, &drawn))
        return now_ms + frame_ms;
    int64_t next = now_ms + frame_ms, limit = deadline < now_ms + 250 ? deadline : now_ms + 250;
    for (; next < limit; next += 10) {
        int64_t at = player_position_at(&f->player, next);
        if (plan_segment_at(f->plan, at) != segment || !plan_pose_at(f->plan, segment, at, &then) ||
            draw_figure_moved_px(&drawn, &then, box) >= 0.25f)
            break;
    }
    return next < limit ? next : limit;
}

int64_t app_next_frame_ms(app *a, int64_t now_ms, int64_t frame_ms)
{
    const flow *f = &a->flow;
    int64_t limit = now_ms + 250;
    float step_px = 8;
    if (app_fade_active(a)) /* a frame's length from this one, not from the old screen's grid */
        return now_ms + frame_ms - 1;
    if (f->screen == FLOW_PLAY) {
        if (f->player.state != PLAYER_PLAYING || !f->plan)
            return now_ms + frame_ms;
        int64_t deadline = app_play_deadline(a, now_ms);
        int64_t t = player_position_at(&f->player, now_ms);
        const plan_segment *s = &f->plan->segments[plan_segment_at(f->plan, t)];
        bool breathing = s->kind == SEGMENT_INHALE || s->kind == SEGMENT_EXHALE;
        if (!breathing) {
            /* A moving figure: steady frames; a hold's filling rim: 8 a second; nothing moving
             * (a still pose, a picture): only the progress bar, 4 times a second. Never past
             * the moment the words change. */
            app_view view;
            app_view_at(a, now_ms, &view);
            if (screen_play_figure_moves(&view.ctx))
                return app_next_figure_frame(a, now_ms, frame_ms, deadline);
            int64_t every = s->kind == SEGMENT_BREATH_HOLD ? 125 : 250;
            return now_ms + every < deadline ? now_ms + every : deadline;
        }
        limit = deadline < limit ? deadline : limit;
        /* The display's rate: the disc's soft edge shows a quarter of a pixel's growth, and
         * mid-breath it grows about a pixel in two frames. */
        step_px = 0.25f;
    } else if (f->screen != FLOW_ATTRACT) {
        return now_ms + frame_ms;
    }
    /* A breath needs a frame once the disc has grown or shrunk by step_px: on the play screen
     * every frame but at the turn of a breath, on the attract screen's dim background breath
     * a few pixels. */
    float drawn = app_moving_at(a, now_ms).travel;
    int64_t next = now_ms + frame_ms;
    while (next < limit && fabsf(app_moving_at(a, next).travel - drawn) < step_px)
        next += 10;
    return next < limit ? next : limit;
}

/* A float rectangle grown to whole pixels (with a margin for anti-aliasing) and kept on
 * screen; empty when off it. */
static SDL_Rect app_pixels(const app *a, SDL_FRect rect)
{
    SDL_Rect r = {(int)floorf(rect.x) - 2, (int)floorf(rect.y) - 2, (int)ceilf(rect.w) + 4,
                  (int)ceilf(rect.h) + 4};
    SDL_Rect screen = {0, 0, a->g.width, a->g.height}, clipped = {0, 0, 0, 0};
    if (rect.w <= 0 || rect.h <= 0 || !SDL_IntersectRect(&r, &screen, &clipped))
        return (SDL_Rect){0, 0, 0, 0};
    return clipped;
}

/* What moves by itself on the current screen, now. */
static void app_moving_now(app *a, SDL_Rect now[2])
{
    screen_motion moving = app_moving_at(a, a->now_ms);
    now[0] = app_pixels(a, moving.area);
    now[1] = app_pixels(a, moving.bar);
}

uint64_t app_signature(const app *a)
{
    const flow *f = &a->flow;
    uint64_t signature = (uint64_t)f->screen;
    if (app_fade_active(a)) /* every frame of a cross-fade is a whole one */
        signature = signature * 31 + 1 + (uint64_t)(a->now_ms - a->fade_start_ms);
    if (f->screen == FLOW_STAFF_PIN) /* the keypad's wait counts down in seconds */
        signature = signature * 31 + (uint64_t)(flow_pin_wait_ms(f, a->now_ms) + 999) / 1000;
    if (f->screen == FLOW_ATTRACT) {
        /* The background breath changes colour between in and out: a whole frame then. */
        pacer_state breath;
        pacer_demo(a->now_ms, &breath);
        signature = signature * 31 + (uint64_t)breath.phase;
    }
    if (flow_routine_live(f)) {
        int64_t t = player_position_at(&f->player, a->now_ms);
        size_t segment = plan_segment_at(f->plan, t);
        /* Not the countdown's seconds: its line of words is redrawn on its own as it changes
         * (draw_moving_changed_lines), and the pacer's own count with the disc. */
        signature = signature * 31 + segment;
        signature = signature * 31 + (uint64_t)f->player.state;
        screen_caption shown[SCREEN_CAPTIONS];
        size_t captions = app_visible_captions(a, a->now_ms, shown, SCREEN_CAPTIONS);
        for (size_t i = 0; i < captions; i++)
            signature = signature * 31 + (uint64_t)shown[i].at_ms * 7 + shown[i].event;
    }
    return signature;
}

/* A panel across the top of the screen: the preview's word on a file it could not use. */
static void app_draw_notice(app *a)
{
    const theme_layout *l = &a->layout;
    SDL_FRect panel = {l->margin / 2, l->margin / 2, (float)l->width - l->margin,
                       (float)l->height * 0.45f};
    gfx_fill_rounded_rect(&a->g, panel, l->corner, a->colours.card);
    gfx_stroke_rounded_rect(&a->g, panel, l->corner, 4, a->colours.stop);
    SDL_FRect inside = {panel.x + l->gap, panel.y + l->gap, panel.w - 2 * l->gap,
                        panel.h - 2 * l->gap};
    text_style style = {.box = inside,
                        .size_px = l->small_px,
                        .min_px = 14,
                        .weight = TEXT_REGULAR,
                        .align = TEXT_LEFT,
                        .colour = a->colours.text};
    text_draw(a->text, a->notice, &style, NULL);
}

static void app_draw_screen(app *a)
{
    app_view view;
    app_view_at(a, a->now_ms, &view);
    view.ctx.read_aloud = app_read_aloud_collect(a);
    screen_table[a->flow.screen]->draw(&view.ctx);
    app_read_aloud_drawn(a);
}

void app_draw(app *a)
{
    gfx_clear(&a->g, a->colours.background);
    ui_begin_frame(&a->ui);
    draw_moving_begin(&a->g, a->text, false, (SDL_Rect){0, 0, 0, 0});
    app_draw_screen(a);
    draw_moving_commit(&a->g);
    a->bar_drawn = 0; /* unknown: the next partial frame draws the bar again */
    app_moving_now(a, a->moving);
    if (a->notice)
        app_draw_notice(a);
    app_fade_draw(a);
    a->drawn_once = true;
    if (a->trace && (a->flow.screen != a->traced || a->ui.count != a->traced_targets)) {
        /* For tests that drive the real window: where each screen's targets are, again when a
         * target comes or goes on the same screen ("trace: targets", not a new screen). */
        bool same_screen = a->flow.screen == a->traced;
        a->traced = a->flow.screen;
        a->traced_targets = a->ui.count;
        fprintf(stderr, "trace: %s %s\n", same_screen ? "targets" : "screen",
                screen_table[a->flow.screen]->name);
        for (int i = 0; i < a->ui.count; i++) {
            const ui_target *t = &a->ui.targets[i];
            fprintf(stderr, "trace: target %s %d %.0f %.0f %.0f %.0f\n",
                    app_action_name((app_action)t->action), t->arg, t->rect.x, t->rect.y, t->rect.w,
                    t->rect.h);
        }
        fflush(stderr);
    }
    a->drawn_screen = a->flow.screen;
    a->shown = app_signature(a);
    a->dirty = false;
}

/* The whole screen drawn again, but only inside region (its clip): the background first,
 * except where skip_r names a disc an opaque shape covers anyway. */
static void app_redraw_in(app *a, SDL_Rect region, bool spans, float skip_cx, float skip_cy,
                          float skip_r)
{
    /* SDL_RenderClear ignores the clip, so the region is filled. */
    SDL_RenderSetClipRect(a->g.renderer, &region);
    if (spans)
        gfx_region_fill(&a->g, a->colours.background, skip_cx, skip_cy, skip_r);
    else
        gfx_fill_rect(
            &a->g, (SDL_FRect){(float)region.x, (float)region.y, (float)region.w, (float)region.h},
            a->colours.background);
    gfx_region_use(&a->g, spans);
    ui_begin_frame(&a->ui);
    draw_moving_begin(&a->g, a->text, false, (SDL_Rect){0, 0, 0, 0});
    app_draw_screen(a);
    if (a->notice)
        app_draw_notice(a);
    gfx_region_use(&a->g, false);
    SDL_RenderSetClipRect(a->g.renderer, NULL);
}

int app_draw_moving(app *a, SDL_Rect *shown, int max)
{
    SDL_Rect now[2];
    app_moving_now(a, now);
    int count = 0;
    /* The attract screen's breath, near its turns, may not have moved a whole pixel. */
    if (a->flow.screen == FLOW_ATTRACT && SDL_RectEquals(&now[0], &a->moving[0]))
        return 0;
    /* Where it was (to clear it) and where it is: one rectangle for both. */
    SDL_Rect region[2];
    for (int i = 0; i < 2; i++) {
        region[i] = a->moving[i];
        if (region[i].w <= 0 || region[i].h <= 0)
            region[i] = now[i];
        else if (now[i].w > 0 && now[i].h > 0)
            SDL_UnionRect(&region[i], &now[i], &region[i]);
    }
    /* First what the screen would draw, drawing nothing: what moves notes itself, and what is
     * drawn over the progress bar is summed, so only what changed is drawn again. */
    draw_moving_begin(&a->g, a->text, true, region[1]);
    ui_begin_frame(&a->ui);
    app_draw_screen(a);
    uint64_t bar = draw_moving_end_recording(&a->g);
    /* Words that changed away from what moves (a countdown beside the figure, each second):
     * each redrawn on its own, last. When the notes cannot tell, the whole frame. */
    SDL_Rect lines[4];
    int changed = draw_moving_changed_lines(&a->g, region[0], lines, 4);
    if (changed < 0 || changed + 2 > max) {
        app_draw(a);
        return -1;
    }
    max -= changed;
    float skip_cx = 0, skip_cy = 0, skip_r = 0;
    bool spans = !a->notice && region[0].w > 0 && region[0].h > 0 &&
                 draw_moving_damage(&a->g, region[0], &skip_cx, &skip_cy, &skip_r);
    if (spans) {
        SDL_Rect bounds = gfx_region_bounds(&a->g);
        if (bounds.w > 0 && bounds.h > 0) {
            app_redraw_in(a, bounds, true, skip_cx, skip_cy, skip_r);
            count += gfx_region_rects(&a->g, shown + count, max - 1);
        }
    } else if (region[0].w > 0 && region[0].h > 0 && max > 1) {
        app_redraw_in(a, region[0], false, 0, 0, 0);
        shown[count++] = region[0];
    }
    if (region[1].w > 0 && region[1].h > 0 && bar != a->bar_drawn && count < max) {
        app_redraw_in(a, region[1], false, 0, 0, 0);
        shown[count++] = region[1];
        a->bar_drawn = bar;
    }
    SDL_Rect screen = {0, 0, a->g.width, a->g.height};
    for (int i = 0; i < changed; i++)
        if (SDL_IntersectRect(&lines[i], &screen, &lines[i])) {
            app_redraw_in(a, lines[i], false, 0, 0, 0);
            shown[count++] = lines[i];
        }
    draw_moving_commit(&a->g);
    a->moving[0] = now[0];
    a->moving[1] = now[1];
    return count;
}

void app_frame_update(app *a)
{
    if (a->flow.screen != a->drawn_screen) {
        /* A new screen: nothing of the old one stays pressed or focused. */
        if (a->flow.screen == FLOW_ATTRACT) {
            text_flush(a->text);
            a->read_aloud = false; /* the next patient chooses for themselves */
        }
        ui_reset(&a->ui);
        app_fade_begin(a);
        a->dirty = true;
    }
}
