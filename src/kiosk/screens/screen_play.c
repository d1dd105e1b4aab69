/* The play screen: the routine's title and progress across the top; the figure or the breathing
 * pacer, the largest thing, with the step's title, instruction, counts and countdown beside (or
 * below) it; "Next: ..." and the always-there Pause and Stop at the bottom. Everything is looked
 * up in the plan at the player's position, so a frame shows exactly where the routine is. */
#include "draw_pacer.h"
#include "media_limits.h"
#include "pacer.h"
#include "screen.h"

static const char *play_step_title(screen_context *ctx, const plan_segment *s)
{
    const char *title = routine_text_get(s->title, ctx->lang);
    if (title)
        return title;
    return s->kind == SEGMENT_REST ? screen_str(ctx, "rest") : "";
}

/* The next step's title, or NULL on the last one. */
static const char *play_next_title(screen_context *ctx, const plan *p, size_t segment)
{
    for (size_t i = segment + 1; i < p->segment_count; i++)
        if (p->segments[i].step != p->segments[segment].step)
            return play_step_title(ctx, &p->segments[i]);
    return NULL;
}

static void play_count(screen_context *ctx, const char *key, unsigned n, unsigned total, char *out,
                       size_t size)
{
    char a_text[12], b_text[12];
    snprintf(a_text, sizeof a_text, "%u", n);
    snprintf(b_text, sizeof b_text, "%u", total);
    catalogue_format(ctx->strings, ctx->lang, key, out, size, "n", a_text, "total", b_text, NULL);
}

/* "Rep 3 of 6 · Set 1 of 2", "Breath 2 of 4", "2 of 3": what the patient is counting. */
static void play_counts(screen_context *ctx, const plan_segment *s, char *out, size_t size)
{
    char first[64] = "", second[64] = "";
    switch (s->kind) {
    case SEGMENT_INHALE:
    case SEGMENT_BREATH_HOLD:
    case SEGMENT_EXHALE:
        /* Counted per breath: the sigh's double inhale is one breath, not a cycle of phases. */
        if (s->breaths > 1)
            play_count(ctx, "breath-count", s->breath, s->breaths, first, sizeof first);
        break;
    case SEGMENT_REP:
        if (s->label) {
            /* A named phase: "Rep 3 of 12  ·  Left", the rep counting pairs, not sides. */
            char count[64];
            play_count(ctx, "rep-count", s->rep, s->reps, count, sizeof count);
            catalogue_format(ctx->strings, ctx->lang, "rep-part", first, sizeof first, "count",
                             count, "part", routine_text_get(s->label, ctx->lang), NULL);
            if (s->sets > 1)
                play_count(ctx, "set-count", s->set, s->sets, second, sizeof second);
            break;
        }
        /* fall through */
    case SEGMENT_REP_HOLD:
    case SEGMENT_SET_REST:
        play_count(ctx, "rep-count", s->rep, s->reps, first, sizeof first);
        if (s->sets > 1)
            play_count(ctx, "set-count", s->set, s->sets, second, sizeof second);
        break;
    default:
        break;
    }
    if (!first[0] && s->repeats > 1)
        play_count(ctx, "repeat-count", s->repeat, s->repeats, first, sizeof first);
    snprintf(out, size, "%s%s%s", first, first[0] && second[0] ? "  ·  " : "", second);
}

/* A step's picture, loaded once and kept while it is shown. A picture that cannot be shown
 * (unreadable, or over the limits of media_limits.h, which would cost seconds and gigabytes
 * to decode) is remembered as such, not tried again on every frame. */
static SDL_Texture *play_image(screen_context *ctx, const routine *r, const char *relative)
{
    char path[1024];
    const char *slash = strrchr(r->path, '/');
    snprintf(path, sizeof path, "%.*s%s", slash ? (int)(slash - r->path + 1) : 0, r->path,
             relative);
    return draw_picture(ctx->pictures, ctx->g->renderer, path, relative);
}

/* A breathing step with a motion shows both, the figure moving once a breath beside the pacer:
 * side by side in a wide box, one above the other in a tall one. */
static bool play_split(const plan *p, size_t index, SDL_FRect visual, SDL_FRect *figure,
                       SDL_FRect *pacer)
{
    const plan_segment *s = &p->segments[index];
    bool breathing =
        s->kind == SEGMENT_INHALE || s->kind == SEGMENT_BREATH_HOLD || s->kind == SEGMENT_EXHALE;
    if (!breathing || s->motion_count < 2)
        return false;
    if (visual.w >= visual.h * 0.8f) {
        float w = visual.w * 0.42f;
        *figure = (SDL_FRect){visual.x, visual.y, w, visual.h};
        *pacer = (SDL_FRect){visual.x + w, visual.y, visual.w - w, visual.h};
    } else {
        float h = visual.h * 0.5f;
        *figure = (SDL_FRect){visual.x, visual.y, visual.w, h};
        *pacer = (SDL_FRect){visual.x, visual.y + h, visual.w, visual.h - h};
    }
    return true;
}

static const char *const play_phase_keys[] = {"breathe-in", "hold", "breathe-out"};

/* How the pacer's words are set under it, the same for the whole routine: the phase word at the
 * design's 9 % of the shorter side (or the largest size at which the longest of the three fits
 * the width on one line, never under the floor), the seconds left at four fifths of it, beside
 * the word when both fit on one line, else under it. */
typedef struct {
    int word_px, count_px;
    bool one_line;
    float height;
} play_phase_set;

static play_phase_set play_phase_setting(const screen_context *ctx, float width)
{
    const theme_layout *l = ctx->layout;
    play_phase_set set = {.word_px = l->phase_px};
    int widest = 0;
    for (int i = 0; i < 3; i++) {
        int w = text_width(ctx->text, screen_str(ctx, play_phase_keys[i]), set.word_px, TEXT_BOLD);
        widest = w > widest ? w : widest;
    }
    if ((float)widest > width) {
        set.word_px = (int)((float)set.word_px * width / (float)widest);
        widest = (int)width;
    }
    if (set.word_px < l->floor_px)
        set.word_px = l->floor_px;
    set.count_px = (int)((float)set.word_px * 0.8f);
    if (set.count_px < l->floor_px)
        set.count_px = l->floor_px;
    int count_w = text_width(ctx->text, "00", set.count_px, TEXT_BOLD);
    set.one_line = (float)(widest + count_w) + (float)set.word_px * 0.6f <= width;
    set.height = set.one_line ? (float)set.word_px * 1.3f
                              : (float)set.word_px * 1.25f + (float)set.count_px * 1.25f;
    return set;
}

/* The pacer's disc, and the band under it for its words: the phase word and the seconds left
 * sit on the background, not on the disc, so they read at 7:1 in every phase, theme and mode,
 * and keep one size while the disc grows and shrinks. */
static void play_pacer_boxes(const screen_context *ctx, SDL_FRect box, SDL_FRect *disc,
                             SDL_FRect *band)
{
    float h = play_phase_setting(ctx, box.w).height;
    if (h > box.h * 0.45f)
        h = box.h * 0.45f;
    *disc = (SDL_FRect){box.x, box.y, box.w, box.h - h};
    *band = (SDL_FRect){box.x, box.y + box.h - h, box.w, h};
}

static void play_phase_words(screen_context *ctx, SDL_FRect band, const pacer_state *breath)
{
    play_phase_set set = play_phase_setting(ctx, band.w);
    const char *word = screen_str(ctx, play_phase_keys[breath->phase]);
    char seconds[24];
    snprintf(seconds, sizeof seconds, "%lld", (long long)((breath->remaining_ms + 999) / 1000));
    float word_h = set.one_line ? band.h : (float)set.word_px * 1.25f;
    SDL_FRect word_box = {band.x, band.y, band.w, word_h};
    SDL_FRect count_box = {band.x, band.y + word_h, band.w, band.h - word_h};
    text_align align = TEXT_CENTRE;
    if (set.one_line) {
        /* "Breathe in  4", centred as one line. */
        float word_w = (float)text_width(ctx->text, word, set.word_px, TEXT_BOLD);
        float count_w = (float)text_width(ctx->text, seconds, set.count_px, TEXT_BOLD);
        float space = (float)set.word_px * 0.5f,
              x = band.x + (band.w - word_w - space - count_w) / 2;
        word_box = (SDL_FRect){x, band.y, word_w + 1, band.h};
        count_box = (SDL_FRect){x + word_w + space, band.y, count_w + 1, band.h};
        align = TEXT_LEFT;
    }
    text_style style = {.box = word_box,
                        .size_px = set.word_px,
                        .min_px = set.word_px,
                        .weight = TEXT_BOLD,
                        .align = align,
                        .centre_vertically = true,
                        .colour = ctx->colours->text,
                        .max_lines = 1};
    text_draw(ctx->text, word, &style, NULL);
    style.box = count_box;
    style.size_px = set.count_px;
    style.min_px = set.count_px;
    style.colour = ctx->colours->text_soft;
    text_draw(ctx->text, seconds, &style, NULL);
}

static void play_figure(screen_context *ctx, const pose *now, SDL_FRect box,
                        const routine_step *step)
{
    figure_colours colours = {ctx->colours->figure,       ctx->colours->figure_far,
                              ctx->colours->chair,        ctx->colours->track,
                              ctx->colours->figure_focus, routine_step_focus_regions(step)};
    draw_figure(ctx->g, now, box, &colours);
}

static void play_visual(screen_context *ctx, const plan *p, size_t index, int64_t t, SDL_FRect box,
                        const plan_segment *s)
{
    pacer_state breath;
    SDL_FRect figure_box;
    pose moving;
    const routine_step *step = &p->routine->steps[s->step];
    bool split = play_split(p, index, box, &figure_box, &box);
    if (split && plan_pose_at(p, index, t, &moving))
        play_figure(ctx, &moving, figure_box, step);
    if (pacer_at(p, index, t, &breath)) {
        SDL_FRect disc, band;
        play_pacer_boxes(ctx, box, &disc, &band);
        draw_pacer(ctx->g, disc, &breath, ctx->colours, ctx->kiosk->reduced_motion, PACER_FULL);
        play_phase_words(ctx, band, &breath);
        return;
    }
    if (step->image) {
        SDL_Texture *picture = play_image(ctx, p->routine, step->image);
        int tw, th;
        if (picture && SDL_QueryTexture(picture, NULL, NULL, &tw, &th) == 0 && tw > 0 && th > 0) {
            float scale = fminf(box.w / (float)tw, box.h / (float)th);
            SDL_FRect to = {box.x + (box.w - (float)tw * scale) / 2,
                            box.y + (box.h - (float)th * scale) / 2, (float)tw * scale,
                            (float)th * scale};
            SDL_RenderCopyF(ctx->g->renderer, picture, NULL, &to);
            return;
        }
    }
    pose now;
    if (plan_pose_at(p, index, t, &now))
        play_figure(ctx, &now, box, step);
}

/* A small drawn symbol for a cue, in a square box: a bell, an arrow up for breathing in and
 * down for breathing out (shape, not colour alone), a bar for a hold, a dot for a tick, three
 * rising dots for the closing chime. */
static void play_cue_symbol(screen_context *ctx, cue_event event, SDL_FRect box)
{
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2, r = box.h / 2;
    const theme_colours *c = ctx->colours;
    switch (event) {
    case CUE_EVENT_SET: /* a new set: a bell too (a smaller one is heard) */
    case CUE_EVENT_STEP: {
        gfx_point bell[] = {{cx - r * 0.35f, cy - r * 0.55f},
                            {cx + r * 0.35f, cy - r * 0.55f},
                            {cx + r * 0.75f, cy + r * 0.45f},
                            {cx - r * 0.75f, cy + r * 0.45f}};
        gfx_fill_disc(ctx->g, cx, cy - r * 0.55f, r * 0.35f, c->text);
        gfx_fill_convex(ctx->g, bell, 4, c->text);
        gfx_fill_disc(ctx->g, cx, cy + r * 0.65f, r * 0.2f, c->text);
        break;
    }
    case CUE_EVENT_INHALE:
    case CUE_EVENT_EXHALE: {
        float d = event == CUE_EVENT_INHALE ? -1 : 1; /* up, or down */
        gfx_point head[] = {{cx, cy + d * r * 0.9f},
                            {cx - r * 0.7f, cy + d * r * 0.1f},
                            {cx + r * 0.7f, cy + d * r * 0.1f}};
        gfx_fill_convex(ctx->g, head, 3, event == CUE_EVENT_INHALE ? c->inhale : c->exhale);
        gfx_fill_capsule(ctx->g, cx, cy + d * r * 0.2f, cx, cy - d * r * 0.8f, r * 0.35f,
                         event == CUE_EVENT_INHALE ? c->inhale : c->exhale);
        break;
    }
    case CUE_EVENT_HOLD:
    case CUE_EVENT_PHASE: /* the same soft tone marks a hold and a change of phase or prompt */
    case CUE_EVENT_PROMPT:
        gfx_fill_capsule(ctx->g, cx - r * 0.7f, cy, cx + r * 0.7f, cy, r * 0.4f, c->hold);
        break;
    case CUE_EVENT_REP: /* a soft pulse each repetition: a dot, like a tick */
    case CUE_EVENT_COUNTDOWN:
        gfx_fill_disc(ctx->g, cx, cy, r * 0.3f, c->text_soft);
        break;
    case CUE_EVENT_END:
        for (int i = 0; i < 3; i++)
            gfx_fill_disc(ctx->g, cx + ((float)i - 1) * r * 0.7f, cy + (1 - (float)i) * r * 0.45f,
                          r * 0.28f, c->accent);
        break;
    case CUE_EVENT_COUNT:
        break;
    }
}

/* The captions band: a symbol and a word for each cue heard in the last moments. */
static void play_captions(screen_context *ctx, SDL_FRect band)
{
    const screen_caption *shown = ctx->kiosk->captions;
    size_t count = ctx->kiosk->caption_count;
    /* As many as fit at a readable size, the newest kept: a narrow screen shows one. */
    size_t room = (size_t)(band.w / ((float)ctx->layout->small_px * 16));
    if (room < 1)
        room = 1;
    if (count > room) {
        shown += count - room;
        count = room;
    }
    float x = band.x;
    char key[32];
    for (size_t i = 0; i < count && x < band.x + band.w; i++) {
        float item_w = band.w / (float)(room == 1 ? 1 : count < 2 ? 2 : count);
        play_cue_symbol(ctx, shown[i].event, (SDL_FRect){x, band.y, band.h, band.h});
        snprintf(key, sizeof key, "caption-%s", cue_event_name(shown[i].event));
        char said[256];
        const char *label = screen_str(ctx, key);
        if (shown[i].spoken) {
            catalogue_format(ctx->strings, ctx->lang, "caption-spoken", said, sizeof said, "text",
                             shown[i].spoken, NULL);
            label = said;
        }
        text_style style = {.box = {x + band.h * 1.2f, band.y, item_w - band.h * 1.4f, band.h},
                            .size_px = ctx->layout->small_px,
                            .min_px = ctx->layout->floor_px,
                            .weight = TEXT_REGULAR,
                            .align = TEXT_LEFT,
                            .centre_vertically = true,
                            .colour = ctx->colours->text_soft};
        text_draw(ctx->text, label, &style, NULL);
        x += item_w;
    }
}

/* Where everything on the play screen goes. */
typedef struct {
    SDL_FRect title, bar, stop, pause, next, visual, words, captions;
} play_layout;

static void play_layout_for(const screen_context *ctx, play_layout *out)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    float bar_h = l->unit * 0.012f < 6 ? 6 : l->unit * 0.012f;
    out->title = (SDL_FRect){l->margin, l->margin * 0.6f, w - 2 * l->margin, l->text_px * 1.4f};
    float bar_y = out->title.y + out->title.h + l->gap * 0.4f;
    out->bar = (SDL_FRect){l->margin, bar_y, w - 2 * l->margin, bar_h};
    float button_h = l->target_px * 1.3f, button_w = l->unit * 0.28f;
    if (button_w < l->target_px * 2.4f)
        button_w = l->target_px * 2.4f;
    float bottom_y = h - l->margin - button_h;
    out->stop = (SDL_FRect){w - l->margin - button_w, bottom_y, button_w, button_h};
    out->pause = (SDL_FRect){w - l->margin - 2 * button_w - l->gap, bottom_y, button_w, button_h};
    out->next =
        (SDL_FRect){l->margin, bottom_y, w - 3 * l->margin - 2 * button_w - l->gap, button_h};
    float above = bottom_y;
    if (out->next.w < l->unit * 0.6f) {
        /* Too narrow beside the buttons (portrait): "Next" gets a row of its own above them. */
        float next_h = (float)l->text_px * 1.4f;
        above = bottom_y - l->gap * 0.3f - next_h;
        out->next = (SDL_FRect){l->margin, above, w - 2 * l->margin, next_h};
    }
    /* Captions of what is heard, in a band of their own just above the bottom bar. */
    float caption_h = (float)l->small_px * 1.5f;
    out->captions =
        (SDL_FRect){l->margin, above - l->gap * 0.5f - caption_h, w - 2 * l->margin, caption_h};
    float top = bar_y + bar_h + l->gap, bottom = out->captions.y - l->gap * 0.5f;
    if (l->portrait) {
        float vh = (bottom - top) * 0.5f;
        out->visual = (SDL_FRect){l->margin, top, w - 2 * l->margin, vh};
        out->words = (SDL_FRect){l->margin, top + vh + l->gap, w - 2 * l->margin,
                                 bottom - top - vh - l->gap};
    } else {
        float vw = (w - 3 * l->margin) * 0.48f;
        out->visual = (SDL_FRect){l->margin, top, vw, bottom - top};
        out->words = (SDL_FRect){2 * l->margin + vw, top, w - 3 * l->margin - vw, bottom - top};
    }
}

/* What moves between full frames: the pacer or the figure (just the space they take now), and
 * the progress bar; how far the pacer's disc has got. */
static void screen_play_moving(const screen_context *ctx, screen_motion *out)
{
    const flow *f = ctx->flow;
    play_layout layout;
    play_layout_for(ctx, &layout);
    *out = (screen_motion){.bar = layout.bar};
    if (!f->plan || f->plan->segment_count == 0)
        return;
    int64_t t = player_position_at(&f->player, ctx->now_ms);
    size_t index = plan_segment_at(f->plan, t);
    bool reduced = ctx->kiosk->reduced_motion;
    pacer_state breath;
    pose now;
    SDL_FRect figure_box, pacer_box = layout.visual;
    bool split = play_split(f->plan, index, layout.visual, &figure_box, &pacer_box) &&
                 plan_pose_at(f->plan, index, t, &now);
    if (pacer_at(f->plan, index, t, &breath)) {
        /* The disc, and the words under it (the seconds change); beside it, the figure. */
        SDL_FRect disc, words;
        play_pacer_boxes(ctx, split ? pacer_box : layout.visual, &disc, &words);
        SDL_FRect extent = draw_pacer_extent(disc, &breath, reduced);
        SDL_UnionFRect(&extent, &words, &out->area);
        if (split) {
            SDL_FRect figure = draw_figure_bounds(&now, figure_box);
            SDL_UnionFRect(&out->area, &figure, &out->area);
        }
        out->travel = draw_pacer_travel(disc, &breath, reduced);
        return;
    }
    if (screen_play_figure_moves(ctx) && plan_pose_at(f->plan, index, t, &now)) {
        out->area = draw_figure_bounds(&now, layout.visual);
        out->figure_box = layout.visual;
    }
    /* else a still pose, a picture, or nothing: nothing moves */
}

bool screen_play_figure_moves(const screen_context *ctx)
{
    const flow *f = ctx->flow;
    if (!f->plan || f->plan->segment_count == 0)
        return false;
    int64_t t = player_position_at(&f->player, ctx->now_ms);
    const plan_segment *s = &f->plan->segments[plan_segment_at(f->plan, t)];
    /* One keyframe is a still pose; a rest between sets holds the starting one. */
    return s->motion_count >= 2 && s->kind != SEGMENT_SET_REST &&
           !f->plan->routine->steps[s->step].image;
}

static void screen_play_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    const flow *f = ctx->flow;
    const plan *p = f->plan;
    if (!p || p->segment_count == 0)
        return;
    int64_t t = player_position_at(&f->player, ctx->now_ms);
    size_t index = plan_segment_at(p, t);
    const plan_segment *s = &p->segments[index];
    const char *lang = ctx->lang;
    play_layout layout;
    play_layout_for(ctx, &layout);

    /* Top: the routine's title, and the whole routine's progress as a thin bar. */
    screen_text(ctx, routine_text_get(&p->routine->title, lang), layout.title, l->text_px,
                TEXT_BOLD, TEXT_LEFT, ctx->colours->text_soft);
    SDL_FRect bar = layout.bar;
    gfx_fill_rounded_rect(ctx->g, bar, bar.h / 2, ctx->colours->track);
    float done = p->length_ms > 0 ? (float)t / (float)p->length_ms : 1;
    if (done > 0)
        gfx_fill_rounded_rect(ctx->g, (SDL_FRect){bar.x, bar.y, bar.w * done, bar.h}, bar.h / 2,
                              ctx->colours->accent);

    /* Bottom: what comes next, then Pause and Stop, always there. */
    bool paused = f->player.state == PLAYER_PAUSED;
    screen_button(ctx, layout.pause, screen_str(ctx, paused ? "resume" : "pause"),
                  paused ? BUTTON_PRIMARY : BUTTON_SECONDARY, ACTION_PAUSE, 0);
    screen_button(ctx, layout.stop, screen_str(ctx, "stop"), BUTTON_STOP, ACTION_STOP, 0);
    const char *next = play_next_title(ctx, p, index);
    char next_line[256];
    if (next)
        catalogue_format(ctx->strings, lang, "next", next_line, sizeof next_line, "title", next,
                         NULL);
    else
        snprintf(next_line, sizeof next_line, "%s", screen_str(ctx, "last-step"));
    text_style next_style = {.box = layout.next,
                             .size_px = l->text_px,
                             .min_px = l->floor_px,
                             .weight = TEXT_REGULAR,
                             .align = TEXT_LEFT,
                             .centre_vertically = true,
                             .colour = ctx->colours->text_soft};
    text_draw(ctx->text, next_line, &next_style, NULL);
    play_captions(ctx, layout.captions);

    /* Middle: the visual, the largest thing, and the words beside or below it. */
    SDL_FRect visual = layout.visual, words = layout.words;
    play_visual(ctx, p, index, t, visual, s);

    float y = words.y;
    y += screen_text(ctx, play_step_title(ctx, s),
                     (SDL_FRect){words.x, y, words.w, l->title_px * 2.5f}, l->title_px, TEXT_BOLD,
                     TEXT_LEFT, ctx->colours->text) +
         l->gap * 0.6f;
    char counts[160];
    play_counts(ctx, s, counts, sizeof counts);
    if (counts[0])
        y += screen_text(ctx, counts, (SDL_FRect){words.x, y, words.w, l->text_px * 1.5f},
                         l->text_px, TEXT_BOLD, TEXT_LEFT, ctx->colours->accent) +
             l->gap * 0.6f;
    /* The step's instruction; a phase's own words ("in through the nose") come first. */
    const routine_step *step = &p->routine->steps[s->step];
    const char *phase_words = s->text != &step->text ? routine_text_get(s->text, lang) : NULL;
    /* A prompt's or a named phase's own words replace the instruction ("Let go" is not shown
     * beside "Make a loose fist"); a breathing phase's words come with it. */
    bool replaces = phase_words && (s->label || s->parts > 0);
    const char *instruction = replaces ? NULL : routine_text_get(&step->text, lang);
    const char *holding = s->kind == SEGMENT_REP_HOLD   ? screen_str(ctx, "hold-still")
                          : s->kind == SEGMENT_SET_REST ? screen_str(ctx, "rest-between-sets")
                                                        : NULL;
    /* Time left in every timed step, rest and hold, as the core counts it. */
    int64_t countdown_end = player_countdown_end_ms(&f->player, t);
    bool countdown = countdown_end >= 0;
    /* The words come first: the countdown keeps a title's height for itself and takes up to
     * its full size from what the words leave, so it never shrinks them on a small screen. */
    float countdown_h = countdown ? l->title_px * 1.4f : 0;
    float room = words.y + words.h - y - countdown_h;
    const char *lines[] = {holding, phase_words, instruction};
    for (int i = 0; i < 3 && room > l->small_px; i++) {
        if (!lines[i])
            continue;
        /* Said whole at a readable size or not at all (on a small screen a rest's words
         * stand in for the step's instruction): never shrunk past the floor into the next. */
        text_style at_floor = {.box = {words.x, y, words.w, room},
                               .size_px = l->floor_px,
                               .weight = i == 2 ? TEXT_REGULAR : TEXT_BOLD};
        if (!text_fits(ctx->text, lines[i], &at_floor))
            continue;
        float used = screen_text(ctx, lines[i], (SDL_FRect){words.x, y, words.w, room},
                                 i == 2 ? l->text_px : (int)(l->text_px * 1.15f),
                                 i == 2 ? TEXT_REGULAR : TEXT_BOLD, TEXT_LEFT, ctx->colours->text);
        y += used + l->gap * 0.5f;
        room -= used + l->gap * 0.5f;
    }
    if (countdown) {
        char seconds[24];
        player_countdown_format(player_countdown_seconds(countdown_end, t), seconds,
                                sizeof seconds);
        float left = words.y + words.h - y;
        if (left > countdown_h)
            countdown_h = left < l->huge_px * 1.3f ? left : l->huge_px * 1.3f;
        int size_px =
            (int)(countdown_h / 1.3f) < l->huge_px ? (int)(countdown_h / 1.3f) : l->huge_px;
        SDL_FRect box = {words.x, words.y + words.h - countdown_h, words.w, countdown_h};
        text_style big = {.box = box,
                          .size_px = size_px,
                          .min_px = 24,
                          .weight = TEXT_BOLD,
                          .align = TEXT_LEFT,
                          .centre_vertically = true,
                          .colour = ctx->colours->accent};
        text_draw(ctx->text, seconds, &big, NULL);
    }
    if (paused) {
        /* The whole picture dims evenly (nothing cut in half), and "Paused" sits on a plate
         * of its own at the top, clear of the figure's body. */
        gfx_fill_rect(ctx->g, visual, gfx_with_alpha(ctx->colours->background, 150));
        /* The plate as tall as its words need: one line where they fit, else two. */
        const char *said = screen_str(ctx, "paused");
        float pad = (float)l->text_px * 0.45f;
        text_style note = {.box = {visual.x + visual.w * 0.05f + pad, visual.y,
                                   visual.w * 0.9f - 2 * pad, (float)l->text_px * 1.3f},
                           .size_px = l->text_px,
                           .min_px = l->text_px,
                           .weight = TEXT_BOLD,
                           .align = TEXT_CENTRE,
                           .centre_vertically = true,
                           .colour = ctx->colours->text,
                           .max_lines = 1};
        if (!text_fits(ctx->text, said, &note)) {
            note.box.h *= 2;
            note.max_lines = 2;
            note.min_px = l->floor_px;
        }
        SDL_FRect plate = {note.box.x - pad, note.box.y, note.box.w + 2 * pad, note.box.h + pad};
        note.box.y += pad / 2;
        float round = fminf(plate.h / 2, l->corner * 2);
        gfx_fill_rounded_rect(ctx->g, plate, round, ctx->colours->card);
        gfx_stroke_rounded_rect(ctx->g, plate, round, 2, ctx->colours->text_soft);
        text_draw(ctx->text, said, &note, NULL);
    }
}

const screen_def screen_play = {
    .name = "play", .draw = screen_play_draw, .moving = screen_play_moving};
