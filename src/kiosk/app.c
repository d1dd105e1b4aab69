#include "app.h"
#include "app_fleet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "instance_lock.h"
#include "pacer.h"
#include "paths.h"
#include "source_file.h"

enum {
    APP_STAFF_HOLD_MS = 5000,
    APP_LATE_WORDS_MS = 4000, /* a step's words that come later than this are left unsaid */
};

/* The first error as "file:line:col: message" (a warning only when there is no error), for the
 * staff screen; the log has them all. */
static char *app_first_problem(const diag_list *diag)
{
    char *text = NULL;
    const diag_entry *e = NULL;
    for (size_t i = 0; i < diag->count && !e; i++)
        if (diag->entries[i].severity == DIAG_ERROR)
            e = &diag->entries[i];
    if (!e && diag->count)
        e = &diag->entries[0];
    if (!e || asprintf(&text, "%s:%d:%d: %s", e->file, e->line, e->col, e->message) < 0)
        return NULL;
    return text;
}

static void app_load_routines(app *a)
{
    library_init(&a->library);
    a->routines_loaded = true;
    if (a->options.routine_file) {
        library_add_file(&a->library, a->options.routine_file, NULL, &a->poses, &a->problems);
        return;
    }
    if (a->options.routines_dir) {
        library_load(&a->library, a->options.routines_dir, &a->poses, &a->problems);
        return;
    }
    for (size_t i = 0; i < a->config.routine_dir_count; i++)
        if (source_file_is_dir(a->config.routine_dirs[i]))
            library_load(&a->library, a->config.routine_dirs[i], &a->poses, &a->problems);
}

bool app_init(app *a, const app_options *opts, char *error, size_t size)
{
    /* a->g is already open: keep it, set up everything else. */
    gfx g = a->g;
    memset(a, 0, sizeof *a);
    a->g = g;
    a->options = *opts;
    diag_init(&a->problems);
    char *routines = paths_bundled_routines();
    char *data =
        paths_default_data_for(opts->config_path ? opts->config_path : paths_default_config());
    bool ok = routines && data && config_defaults(&a->config, routines, data);
    free(routines);
    free(data);
    if (!ok) {
        snprintf(error, size, "out of memory");
        return false;
    }
    /* A broken configuration must not keep the kiosk from starting: each bad key keeps its
     * default, every other key (the staff PIN above all) applies, and a note. */
    const char *config_path = opts->config_path ? opts->config_path : paths_default_config();
    if (config_path) {
        diag_list config_problems;
        diag_init(&config_problems);
        bool used = config_load(&a->config, config_path, &config_problems);
        /* Warnings too (a routine folder that is missing): the journal is where a technician
         * looks first. */
        diag_sort(&config_problems);
        diag_print(&config_problems, stderr);
        if (!used) {
            a->config_message = app_first_problem(&config_problems);
            fprintf(stderr,
                    a->config.path ? "ease: %s has errors; those keys keep their defaults, "
                                     "every other key applies\n"
                                   : "ease: %s cannot be read; starting with the defaults\n",
                    config_path);
        }
        diag_free(&config_problems);
    }
    {
        const char *data_dir = opts->data_dir ? opts->data_dir : a->config.data_dir;
        a->staff_key_path = data_dir ? source_file_join(data_dir, "staff-open") : NULL;
    }
    catalogue_init(&a->strings);
    char *lang_dir = source_file_join(paths_share_dir(), "assets/lang");
    if (!lang_dir || !catalogue_load_dir(&a->strings, lang_dir, &a->problems) ||
        !catalogue_find(&a->strings, "en")) {
        snprintf(error, size, "cannot read the kiosk's words from %s; reinstall Ease",
                 lang_dir ? lang_dir : "assets/lang");
        free(lang_dir);
        return false;
    }
    free(lang_dir);
    if (a->config.path) {
        /* A clinic's own language files beside its kiosk.yaml. */
        char *folder = source_file_dirname(a->config.path);
        char *own = folder ? source_file_join(folder, "lang") : NULL;
        if (own && source_file_is_dir(own))
            catalogue_load_dir(&a->strings, own, &a->problems);
        free(own);
        free(folder);
    }
    pose_library_init(&a->poses);
    char *poses_dir = paths_shared_poses();
    if (poses_dir)
        pose_library_load_dir(&a->poses, poses_dir, &a->problems);
    free(poses_dir);
    if (opts->defer_routines)
        library_init(&a->library);
    else
        app_load_routines(a);
    diag_sort(&a->problems);
    if (a->problems.errors)
        diag_print(&a->problems, stderr);

    flow_settings settings = {.idle_ms = a->config.idle_ms,
                              .rate_before = a->config.rate_before,
                              .rate_after = a->config.rate_after,
                              .language = a->config.language,
                              .kiosk = a->config.kiosk,
                              .app_version = EASE_VERSION,
                              .staff_pin_hash = a->config.staff_pin_hash,
                              .speed_permille = opts->speed_permille};
    /* Looking for a sound device can take a tenth of a second (longer where there is none):
     * the kiosk shows its first frame first and opens the sound after (app_open_sound). */
    bool sound_now = opts->sound && !opts->defer_routines;
    a->sound_pending = opts->sound && !sound_now;
    a->audio_opened = sound_now; /* its trace, if any, is open: a reopen must not truncate it */
    a->audio = audio_open(sound_now, opts->audio_trace, (int64_t)SDL_GetTicks64());
    if (!a->audio) {
        snprintf(error, size, "out of memory");
        return false;
    }
    a->volume = a->config.volume;
    audio_set_volume(a->audio, a->volume, false);
    a->now_ms = app_clock_ms(a, (int64_t)SDL_GetTicks64());
    flow_init(&a->flow, &a->library, &a->poses, &settings, a->now_ms);
    if (opts->keep_records) {
        const char *data_dir = opts->data_dir ? opts->data_dir : a->config.data_dir;
        /* One kiosk per data folder: a second start says so and stops. */
        a->instance_lock = instance_lock_take(data_dir ? data_dir : ".", error, size);
        if (a->instance_lock == INSTANCE_LOCK_HELD_BY_ANOTHER)
            return false;
        if (a->instance_lock < 0) /* a folder nobody can use: carry on, the records say why */
            fprintf(stderr, "ease: %s\n", error);
        struct timespec wall;
        clock_gettime(CLOCK_REALTIME, &wall); /* names a damaged database moved aside */
        recorder_init(&a->records, data_dir, a->now_ms,
                      (int64_t)wall.tv_sec * 1000 + wall.tv_nsec / 1000000);
        if (a->records.moved_aside[0])
            fprintf(stderr,
                    "ease: the records database could not be used; it was moved aside to %s "
                    "and a new one started\n",
                    a->records.moved_aside);
        if (a->records.replayed)
            fprintf(stderr, "ease: %zu visit(s) waiting from the last run read back from %s\n",
                    a->records.replayed, "ease.sqlite.pending");
        if (recorder_all_stored(&a->records))
            fprintf(stderr, "ease: keeping visits in %s/ease.sqlite\n", data_dir);
        else
            fprintf(stderr, "ease: %s\n", a->records.problem.message);
        if (a->records.interrupted)
            fprintf(stderr, "ease: %zu visit(s) cut short by a restart are kept as abandoned\n",
                    a->records.interrupted);
        app_fleet_start(a, data_dir);
    }
    theme_colours_for(a->config.theme, &a->colours);
    theme_layout_for(a->g.width, a->g.height, a->g.pixels_per_mm, &a->layout);
    if (!text_init(&a->text, a->g.renderer, error, size))
        return false;
    ui_reset(&a->ui);
    a->drawn_screen = FLOW_SCREEN_COUNT;
    a->traced = FLOW_SCREEN_COUNT;
    const char *trace = getenv("EASE_TRACE");
    a->trace = trace && *trace && strcmp(trace, "0") != 0;
    a->dirty = true;
    return true;
}

const char *app_action_name(app_action action)
{
    static const char *const names[] = {
        "none",       "begin",       "language",   "kind",        "routine",
        "page",       "level",       "start",      "rate",        "pause",
        "stop",       "stop-reason", "keep-going", "back",        "thanks-done",
        "pin-digit",  "pin-erase",   "pin-ok",     "staff-leave", "staff-reload",
        "staff-quit", "volume",      "mute",       "sound-test",  "read-aloud"};
    return (unsigned)action < sizeof names / sizeof *names ? names[action] : "?";
}

void app_set_notice(app *a, const char *text)
{
    free(a->notice);
    a->notice = text ? strdup(text) : NULL;
    a->dirty = true;
}

void app_free(app *a)
{
    app_fleet_stop(a);
    if (a->options.keep_records) {
        recorder_service(&a->records, INT64_MAX, a->utc_ms); /* one last try for anything */
        recorder_wait(&a->records);
        if (a->records.pending_count)
            fprintf(stderr,
                    "ease: %zu visit(s) could not be saved: %s; they wait in ease.sqlite.pending "
                    "for the next start\n",
                    a->records.pending_count, a->records.problem.message);
        recorder_free(&a->records);
    }
    report_free(&a->staff_today);
    report_free(&a->staff_week);
    free(a->notice);
    speech_stop(a->speech);
    a->speech = NULL;
    audio_close(a->audio);
    a->audio = NULL;
    flow_free(&a->flow);
    text_shutdown(&a->text);
    app_reload_routines_discard(a); /* its thread reads the poses */
    library_free(&a->library);
    pose_library_free(&a->poses);
    catalogue_free(&a->strings);
    config_free(&a->config);
    diag_free(&a->problems);
    free(a->config_message);
    free(a->staff_key_path);
    if (a->instance_lock > 0)
        close(a->instance_lock); /* after the records' last write */
}

void app_reload_routines(app *a)
{
    diag_clear(&a->problems);
    routine_library old = a->library;
    app_load_routines(a);
    app_routines_swapped(a, &old);
}

void app_routines_swapped(app *a, routine_library *old_library)
{
    routine_library old = *old_library;
    size_t kept = library_merge_last_good(&a->library, &old, &a->problems);
    diag_sort(&a->problems);
    if (a->problems.errors)
        diag_print(&a->problems, stderr);
    fprintf(stderr,
            "ease: routines reloaded: %zu ready, %zu left out, %zu kept at their last good "
            "version\n",
            a->library.count, a->library.files_rejected, kept);
    flow_set_library(&a->flow, &a->library);
    library_free(&old);
    a->dirty = true;
}

size_t app_routine_folders(const app *a, char *const **dirs)
{
    if (a->options.routine_file) {
        *dirs = NULL;
        return 0;
    }
    if (a->options.routines_dir) {
        /* A const char * from argv, seen through the same type as the configuration's. */
        *dirs = (char *const *)&a->options.routines_dir;
        return 1;
    }
    *dirs = a->config.routine_dirs;
    return a->config.routine_dir_count;
}

const char *app_lang(const app *a)
{
    return a->flow.language;
}

const char *app_str(const app *a, const char *key)
{
    return catalogue_get(&a->strings, app_lang(a), key);
}

int app_language_count(const app *a)
{
    int n = 0;
    for (size_t i = 0; i < a->config.language_count; i++)
        n += catalogue_find(&a->strings, a->config.languages[i]) != NULL;
    return n;
}

const char *app_language_code(const app *a, int index)
{
    for (size_t i = 0; i < a->config.language_count; i++)
        if (catalogue_find(&a->strings, a->config.languages[i]) && index-- == 0)
            return a->config.languages[i];
    return NULL;
}

void app_minutes(app *a, int64_t ms, const char *key, char *out, size_t size)
{
    if (ms < 45000) {
        snprintf(out, size, "%s", app_str(a, "under-a-minute"));
        return;
    }
    /* To the nearest half minute, so neighbouring levels rarely read the same. */
    long long halves = (long long)((ms + 15000) / 30000);
    if (halves < 1)
        halves = 1;
    char n[24];
    if (halves == 1)
        snprintf(n, sizeof n, "½");
    else
        snprintf(n, sizeof n, "%lld%s", halves / 2, halves % 2 ? "½" : "");
    catalogue_format(&a->strings, app_lang(a), key, out, size, "n", n, NULL);
}

const char *app_position_word(app *a, routine_position position)
{
    static const char *const keys[] = {"", "position-seated", "position-standing",
                                       "position-lying"};
    return position ? app_str(a, keys[position]) : "";
}

const char *app_kind_word(app *a, routine_kind kind)
{
    static const char *const keys[ROUTINE_KIND_COUNT] = {"kind-breathing", "kind-tai-chi",
                                                         "kind-graded-movement", "kind-relaxation"};
    return app_str(a, (unsigned)kind < ROUTINE_KIND_COUNT ? keys[kind] : "kind-breathing");
}

void app_focus_ring(app *a, SDL_FRect rect)
{
    float t = a->layout.unit * 0.006f < 3 ? 3 : a->layout.unit * 0.006f;
    SDL_FRect ring = {rect.x - 2 * t, rect.y - 2 * t, rect.w + 4 * t, rect.h + 4 * t};
    gfx_stroke_rounded_rect(&a->g, ring, a->layout.corner + 2 * t, t, a->colours.focus);
}

float app_text(app *a, const char *text, SDL_FRect box, int size_px, text_weight weight,
               text_align align, SDL_Color colour)
{
    text_style style = {.box = box,
                        .size_px = size_px,
                        .min_px = 24,
                        .weight = weight,
                        .align = align,
                        .colour = colour};
    float height = 0;
    text_draw(&a->text, text, &style, &height);
    return height;
}

int app_button(app *a, SDL_FRect rect, const char *label, button_style style, app_action action,
               int arg)
{
    int index = ui_add(&a->ui, rect, action, arg);
    bool pressed = index >= 0 && index == a->ui.pressed;
    SDL_Color fill = a->colours.card, ink = a->colours.text, edge = a->colours.text_soft;
    switch (style) {
    case BUTTON_PRIMARY:
        fill = a->colours.accent;
        ink = a->colours.accent_text;
        edge = a->colours.accent;
        break;
    case BUTTON_SECONDARY:
        break;
    case BUTTON_QUIET:
        edge = a->colours.track;
        break;
    case BUTTON_STOP:
        /* Vermillion tells it apart; the words stay light on dark to stay readable (9:1). */
        edge = a->colours.stop;
        break;
    }
    if (pressed)
        fill = style == BUTTON_PRIMARY ? gfx_mix(fill, a->colours.text, 0.3f)
                                       : a->colours.card_pressed;
    gfx_fill_rounded_rect(&a->g, rect, a->layout.corner, fill);
    float border = a->layout.unit * 0.004f < 2 ? 2 : a->layout.unit * 0.004f;
    if (style != BUTTON_PRIMARY)
        gfx_stroke_rounded_rect(&a->g, rect, a->layout.corner,
                                style == BUTTON_STOP ? border * 2 : border, edge);
    float pad = rect.h * 0.12f;
    SDL_FRect inside = {rect.x + pad, rect.y + pad * 0.5f, rect.w - 2 * pad, rect.h - pad};
    text_style text = {.box = inside,
                       .size_px = a->layout.text_px,
                       .min_px = 20,
                       .weight = TEXT_BOLD,
                       .align = TEXT_CENTRE,
                       .centre_vertically = true,
                       .colour = ink};
    text_draw(&a->text, label, &text, NULL);
    if (ui_is_focused(&a->ui, index))
        app_focus_ring(a, rect);
    return index;
}

bool app_animating(const app *a)
{
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
    int64_t clock = player_clock_at(&f->player, change);
    return clock > now_ms ? clock : now_ms + 1;
}

/* The size of what moves at time t (the pacer's or the attract breath's square). */
static float app_moving_size(app *a, int64_t t)
{
    int64_t saved = a->now_ms;
    a->now_ms = t;
    SDL_FRect bar, moving = a->flow.screen == FLOW_ATTRACT ? screen_attract_moving(a)
                                                           : screen_play_moving(a, &bar);
    a->now_ms = saved;
    return moving.w;
}

/* A moving figure gets a frame at the display's rate, skipping only frames in which no joint
 * would turn at all (a fiftieth of a degree), as at the very end of a slow movement. */
static int64_t app_next_figure_frame(const app *a, int64_t now_ms, int64_t frame_ms,
                                     int64_t deadline)
{
    const flow *f = &a->flow;
    int64_t t = player_position_at(&f->player, now_ms);
    size_t segment = plan_segment_at(f->plan, t);
    pose drawn, then;
    if (!plan_pose_at(f->plan, segment, t, &drawn))
        return now_ms + frame_ms;
    int64_t next = now_ms + frame_ms, limit = deadline < now_ms + 250 ? deadline : now_ms + 250;
    for (; next < limit; next += 10) {
        int64_t at = player_position_at(&f->player, next);
        if (plan_segment_at(f->plan, at) != segment || !plan_pose_at(f->plan, segment, at, &then))
            break;
        float most = 0;
        for (int j = 0; j < POSE_JOINT_COUNT; j++)
            most = fmaxf(most, fabsf(then.angle_deg[j] - drawn.angle_deg[j]));
        if (most >= 0.02f || fabsf(then.view_turn_deg - drawn.view_turn_deg) >= 0.02f)
            break;
    }
    return next < limit ? next : limit;
}

int64_t app_next_frame_ms(const app *a, int64_t now_ms, int64_t frame_ms)
{
    app *probe = (app *)a; /* sizes at other times are probed; nothing else changes */
    const flow *f = &a->flow;
    int64_t limit = now_ms + 250, step_px = 8;
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
            if (screen_play_figure_moves(a))
                return app_next_figure_frame(a, now_ms, frame_ms, deadline);
            int64_t every = s->kind == SEGMENT_BREATH_HOLD ? 125 : 250;
            return now_ms + every < deadline ? now_ms + every : deadline;
        }
        limit = deadline < limit ? deadline : limit;
        step_px = 1; /* the display's rate: the disc grows a pixel or so a frame */
    } else if (f->screen != FLOW_ATTRACT) {
        return now_ms + frame_ms;
    }
    /* A breath needs a frame once the disc has grown or shrunk by step_px: on the play screen
     * every frame mid-breath, on the attract screen's dim background breath a few pixels. */
    float drawn = app_moving_size(probe, now_ms);
    int64_t next = now_ms + frame_ms;
    while (next < limit && fabsf(app_moving_size(probe, next) - drawn) < (float)step_px)
        next += 10;
    return next < limit ? next : limit;
}

void app_do(app *a, app_action action, int arg)
{
    flow *f = &a->flow;
    int64_t now = a->now_ms, utc = a->utc_ms;
    switch (action) {
    case ACTION_NONE:
        break;
    case ACTION_BEGIN:
        flow_begin(f, now);
        break;
    case ACTION_LANGUAGE:
        flow_set_language(f, app_language_code(a, arg));
        break;
    case ACTION_KIND:
        a->routine_page = 0;
        flow_choose_kind(f, (routine_kind)arg, now);
        break;
    case ACTION_ROUTINE:
        flow_choose_routine(f, flow_routine_at(f, f->kind, (size_t)arg), now);
        break;
    case ACTION_PAGE:
        a->routine_page += arg;
        break;
    case ACTION_LEVEL:
        flow_choose_level(f, arg);
        break;
    case ACTION_START:
        flow_start(f, now, utc);
        break;
    case ACTION_RATE:
        flow_rate(f, arg, now, utc);
        break;
    case ACTION_PAUSE:
        flow_toggle_pause(f, now);
        break;
    case ACTION_STOP:
        flow_request_stop(f, now);
        break;
    case ACTION_STOP_REASON:
        flow_confirm_stop(f, (session_stop_reason)arg, now, utc);
        break;
    case ACTION_KEEP_GOING:
        flow_cancel_stop(f, now);
        break;
    case ACTION_BACK:
        flow_back(f, now, utc);
        break;
    case ACTION_THANKS_DONE:
        flow_finish_thanks(f, now);
        break;
    case ACTION_PIN_DIGIT:
        flow_pin_digit(f, arg, now);
        break;
    case ACTION_PIN_ERASE:
        flow_pin_erase(f, now);
        break;
    case ACTION_PIN_OK:
        flow_pin_submit(f, now, utc);
        if (f->pin_throttle.wrong_total > a->pin_wrong_said) {
            /* For the journal: a technician sees guessing in `journalctl -u ease-kiosk`. */
            a->pin_wrong_said = f->pin_throttle.wrong_total;
            fprintf(stderr,
                    "ease: a wrong staff PIN (%d in a row, %zu since Ease started); the keypad "
                    "waits %lld s before the next try\n",
                    f->pin_throttle.in_a_row, f->pin_throttle.wrong_total,
                    (long long)(flow_pin_wait_ms(f, now) + 999) / 1000);
        }
        break;
    case ACTION_STAFF_LEAVE:
        flow_staff_leave(f, now);
        break;
    case ACTION_STAFF_RELOAD:
        app_reload_routines_start(a);
        break;
    case ACTION_VOLUME:
        /* Until Ease restarts; the configuration keeps the clinic's setting. */
        a->volume = a->volume + arg < 0 ? 0 : a->volume + arg > 100 ? 100 : a->volume + arg;
        a->muted = false;
        audio_set_volume(a->audio, a->volume, a->muted);
        audio_play_test(a->audio);
        break;
    case ACTION_MUTE:
        a->muted = !a->muted;
        audio_set_volume(a->audio, a->volume, a->muted);
        break;
    case ACTION_SOUND_TEST:
        audio_play_test(a->audio);
        break;
    case ACTION_READ_ALOUD:
        a->read_aloud = !a->read_aloud;
        break;
    case ACTION_STAFF_QUIT:
        flow_staff_quit(f);
        break;
    }
    a->dirty = true;
}

/* Where a press lands in renderer pixels (window points differ on high-density screens). */
static void app_to_pixels(const app *a, float *x, float *y)
{
    int w = 0, h = 0;
    if (a->g.window)
        SDL_GetWindowSize(a->g.window, &w, &h);
    if (w > 0 && h > 0) {
        *x *= (float)a->g.width / (float)w;
        *y *= (float)a->g.height / (float)h;
    }
}

static bool app_in_staff_corner(const app *a, float x, float y)
{
    float corner = a->layout.target_px * 1.2f;
    return x < corner && y < corner;
}

static void app_press(app *a, float x, float y, SDL_FingerID finger)
{
    flow_input(&a->flow, a->now_ms);
    if (app_in_staff_corner(a, x, y)) {
        a->corner_held = true;
        a->corner_since_ms = a->now_ms;
        a->corner_finger = finger;
    }
    a->ui.pressed = ui_hit(&a->ui, x, y);
    a->ui.focus_visible = false;
    a->dirty = true;
}

static void app_release(app *a, float x, float y, SDL_FingerID finger)
{
    flow_input(&a->flow, a->now_ms);
    if (a->corner_held && a->corner_finger == finger)
        a->corner_held = false;
    int hit = ui_hit(&a->ui, x, y);
    int pressed = a->ui.pressed;
    a->ui.pressed = -1;
    a->dirty = true;
    /* A tap is a press and a release on the same target: sliding off cancels it. */
    if (hit >= 0 && hit == pressed)
        app_do(a, (app_action)a->ui.targets[hit].action, a->ui.targets[hit].arg);
}

static void app_key(app *a, const SDL_KeyboardEvent *key)
{
    flow_input(&a->flow, a->now_ms);
    SDL_Keycode code = key->keysym.sym;
    Uint16 mod = key->keysym.mod;
    flow_screen screen = a->flow.screen;
    a->dirty = true;
    if ((mod & KMOD_CTRL) && (mod & KMOD_ALT) && code == SDLK_e) {
        app_staff_request(a, a->now_ms, a->utc_ms);
        return;
    }
    if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
        return; /* Alt+F4, Ctrl+Q and friends do nothing here */
    int digit = -1;
    if (code >= SDLK_0 && code <= SDLK_9)
        digit = code - SDLK_0;
    else if (code >= SDLK_KP_1 && code <= SDLK_KP_9)
        digit = code - SDLK_KP_1 + 1;
    else if (code == SDLK_KP_0)
        digit = 0;
    switch (code) {
    case SDLK_TAB:
        ui_focus_move(&a->ui, (mod & KMOD_SHIFT) ? -1 : 1);
        return;
    case SDLK_RIGHT:
    case SDLK_DOWN:
        ui_focus_move(&a->ui, 1);
        return;
    case SDLK_LEFT:
    case SDLK_UP:
        ui_focus_move(&a->ui, -1);
        return;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        if (a->ui.focus_visible && a->ui.focus >= 0 && a->ui.focus < a->ui.count)
            app_do(a, (app_action)a->ui.targets[a->ui.focus].action,
                   a->ui.targets[a->ui.focus].arg);
        else if (screen == FLOW_ATTRACT)
            app_do(a, ACTION_BEGIN, 0);
        else if (screen == FLOW_THANKS)
            app_do(a, ACTION_THANKS_DONE, 0);
        else if (screen == FLOW_STAFF_PIN && code != SDLK_SPACE)
            app_do(a, ACTION_PIN_OK, 0);
        else
            ui_focus_move(&a->ui, 1);
        return;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        app_do(a, ACTION_BACK, 0);
        return;
    case SDLK_BACKSPACE:
        if (screen == FLOW_STAFF_PIN)
            app_do(a, ACTION_PIN_ERASE, 0);
        return;
    case SDLK_p:
        if (screen == FLOW_PLAY)
            app_do(a, ACTION_PAUSE, 0);
        return;
    default:
        break;
    }
    if (digit >= 0) {
        if (screen == FLOW_RATE_BEFORE || screen == FLOW_RATE_AFTER) {
            app_do(a, ACTION_RATE, digit); /* 10 is reached with the arrows and Enter */
        } else if (screen == FLOW_STAFF_PIN) {
            app_do(a, ACTION_PIN_DIGIT, digit);
        }
    }
}

void app_handle_event(app *a, const SDL_Event *event)
{
    switch (event->type) {
    case SDL_AUDIODEVICEREMOVED:
        /* The speaker went away: the routine goes on, silently. */
        if (!event->adevice.iscapture) {
            audio_device_removed(a->audio, (int64_t)SDL_GetTicks64());
            a->dirty = true;
        }
        return;
    case SDL_AUDIODEVICEADDED:
        if (!event->adevice.iscapture && a->options.sound && !audio_is_live(a->audio))
            a->sound_plugged = true;
        return;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
        if (event->button.which == SDL_TOUCH_MOUSEID || event->button.button != SDL_BUTTON_LEFT)
            return;
        float x = (float)event->button.x, y = (float)event->button.y;
        app_to_pixels(a, &x, &y);
        if (event->type == SDL_MOUSEBUTTONDOWN)
            app_press(a, x, y, -1);
        else
            app_release(a, x, y, -1);
        return;
    }
    case SDL_FINGERDOWN:
    case SDL_FINGERUP: {
        float x = event->tfinger.x * (float)a->g.width, y = event->tfinger.y * (float)a->g.height;
        if (event->type == SDL_FINGERDOWN)
            app_press(a, x, y, event->tfinger.fingerId);
        else
            app_release(a, x, y, event->tfinger.fingerId);
        return;
    }
    case SDL_MOUSEMOTION:
        if (event->motion.which != SDL_TOUCH_MOUSEID && event->motion.state)
            flow_input(&a->flow, a->now_ms);
        return;
    case SDL_KEYDOWN:
        app_key(a, &event->key);
        return;
    case SDL_WINDOWEVENT:
        if (event->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            event->window.event == SDL_WINDOWEVENT_EXPOSED ||
            event->window.event == SDL_WINDOWEVENT_RESTORED) {
            gfx_refresh_size(&a->g);
            theme_layout_for(a->g.width, a->g.height, a->g.pixels_per_mm, &a->layout);
            a->dirty = true;
        }
        return;
    default:
        return;
    }
}

/* The visit's record is handed over each time it changes (start, end, after-rating), so a
 * crash at any point loses at most what the patient did since. */
static void app_keep_records(app *a, int64_t now_ms)
{
    if (!a->options.keep_records)
        return;
    if (a->flow.session_dirty) {
        a->flow.session_dirty = false;
        recorder_submit(&a->records, &a->flow.session, now_ms, a->utc_ms);
    }
    /* The writer thread does the disk work, so this never waits on the disk, even while a
     * routine plays; a new problem is said once, for the journal. */
    store_status before = a->records.problem.status;
    recorder_service(&a->records, now_ms, a->utc_ms);
    if (a->records.problem.status != before && a->records.problem.status != STORE_OK)
        fprintf(stderr, "ease: %zu visit(s) kept waiting: %s\n", a->records.pending_count,
                a->records.problem.message);
}

/* The staff screen's counts, read from the records once each time it opens. */
static void app_read_staff_stats(app *a, int64_t utc_ms)
{
    if (!a->options.keep_records)
        return;
    if (a->flow.screen == FLOW_STAFF && !a->staff_stats_read) {
        a->staff_stats_read = true;
        report_free(&a->staff_today);
        report_free(&a->staff_week);
        store_error err;
        store *s = NULL;
        a->staff_stats_ok = false;
        if (store_open_read_only(a->records.data_dir, &s, &err)) {
            a->staff_stats_ok =
                report_build(s, report_day_start(utc_ms), INT64_MAX, &a->staff_today, &err) &&
                report_build(s, report_week_start(utc_ms), INT64_MAX, &a->staff_week, &err);
            store_close(s);
        }
        if (!a->staff_stats_ok)
            fprintf(stderr, "ease: cannot read the records for the staff screen: %s\n",
                    err.message);
    } else if (a->flow.screen != FLOW_STAFF) {
        a->staff_stats_read = false;
    }
}

void app_open_sound(app *a)
{
    if (!a->sound_pending)
        return;
    a->sound_pending = false;
    /* The new audio's clock starts where the kiosk's is now (this frame's time: the clock the
     * frame loop read, or a test's own), so it goes on without a jump (nothing is playing:
     * this is never called while a routine is on screen). */
    int64_t clock = a->now_ms;
    /* The old audio may still hold SDL_mixer's device (one that was unplugged): it is closed
     * before the new one opens, and a silent one is made first so there always is one. */
    audio *fallback = audio_open(false, NULL, clock);
    if (!fallback)
        return; /* out of memory: keep what there is */
    audio_close(a->audio);
    audio *live = audio_open(true, a->audio_opened ? NULL : a->options.audio_trace, clock);
    a->audio_opened = true;
    if (live) {
        audio_close(fallback);
        a->audio = live;
    } else {
        a->audio = fallback;
    }
    audio_set_volume(a->audio, a->volume, a->muted);
    a->dirty = true; /* the attract screen shows "Read aloud" only with sound */
}

/* A sound device that was removed (or never found) is looked for again on a back-off: 1 s, then
 * doubling to a minute, only while no routine plays (opening takes a moment), and never while
 * the first open, after the first frame, is still to come. */
static bool app_playing_screen(const app *a);

static void app_retry_sound(app *a)
{
    if (!a->options.sound || a->sound_pending || !audio_wants_device(a->audio) ||
        app_playing_screen(a)) {
        if (a->audio && !audio_wants_device(a->audio))
            a->sound_retry_at_ms = a->sound_retry_wait_ms = 0;
        return;
    }
    int64_t wall = a->now_ms; /* the kiosk's clock (a test's own, in tests) */
    if (a->sound_retry_wait_ms == 0) {
        a->sound_retry_wait_ms = 1000;
        a->sound_retry_at_ms = wall + a->sound_retry_wait_ms;
        return;
    }
    if (wall < a->sound_retry_at_ms)
        return;
    a->sound_pending = true;
    app_open_sound(a);
    if (audio_is_live(a->audio)) {
        fprintf(stderr, "ease: a sound device was found again\n");
        a->sound_retry_at_ms = a->sound_retry_wait_ms = 0;
        return;
    }
    a->sound_retry_wait_ms =
        a->sound_retry_wait_ms * 2 < 60000 ? a->sound_retry_wait_ms * 2 : 60000;
    a->sound_retry_at_ms = wall + a->sound_retry_wait_ms;
}

int64_t app_clock_ms(app *a, int64_t wall_ms)
{
    return a->audio ? audio_clock_ms(a->audio, wall_ms) : wall_ms;
}

static bool app_playing_screen(const app *a)
{
    return (a->flow.screen == FLOW_PLAY || a->flow.screen == FLOW_CONFIRM_STOP) && a->flow.plan;
}

int64_t app_next_cue_wait_ms(const app *a, int64_t now_ms)
{
    if (!app_playing_screen(a))
        return -1;
    int64_t at = player_next_cue_clock_ms(&a->flow.player);
    if (at < 0)
        return -1;
    int64_t wait = at - AUDIO_LOOKAHEAD_MS - now_ms;
    return wait > 0 ? wait : 0;
}

/* What is said for a step: its title, else its instruction (borrowed from the routine). */
static const char *app_step_words(const app *a, const routine *r, size_t step)
{
    const char *title = routine_text_get(&r->steps[step].title, app_lang(a));
    return title && *title ? title : routine_text_get(&r->steps[step].text, app_lang(a));
}

/* Voice for this routine (the configuration's, or the patient's button): its steps' words and
 * the breathing words are rendered off the frame loop and handed to the audio as they come. */
static void app_start_speech(app *a, const routine *r)
{
    speech_stop(a->speech);
    a->speech = NULL;
    a->speech_fed = 0;
    if (!r || !(a->config.voice || a->read_aloud) || !audio_is_live(a->audio))
        return;
    size_t count = r->step_count + 3;
    char **texts = calloc(count, sizeof *texts);
    if (!texts)
        return;
    const char *lang = app_lang(a);
    for (size_t i = 0; i < r->step_count; i++) {
        const char *title = routine_text_get(&r->steps[i].title, lang);
        const char *text = routine_text_get(&r->steps[i].text, lang);
        if (asprintf(&texts[i], "%s%s%s", title ? title : "", title && text ? ". " : "",
                     text ? text : "") < 0)
            texts[i] = NULL;
    }
    static const char *const breath_keys[] = {"breathe-in", "hold", "breathe-out"};
    for (size_t k = 0; k < 3; k++)
        texts[audio_speech_breath_index(r, (breath_phase_kind)k)] =
            strdup(app_str(a, breath_keys[k]));
    a->speech = speech_start((const char *const *)texts, count, lang);
    for (size_t i = 0; i < count; i++)
        free(texts[i]);
    free(texts);
}

/* Keeps the latest APP_CAPTIONS captions, oldest first. */
static void app_add_caption(app *a, app_caption caption)
{
    if (a->caption_count == APP_CAPTIONS) {
        memmove(a->captions, a->captions + 1, (APP_CAPTIONS - 1) * sizeof *a->captions);
        a->caption_count--;
    }
    a->captions[a->caption_count++] = caption;
}

/* Hands the audio the words that have been rendered since the last frame. */
static void app_feed_speech(app *a)
{
    size_t done = speech_done(a->speech);
    for (; a->speech_fed < done; a->speech_fed++) {
        const int16_t *pcm;
        size_t frames;
        int rate;
        if (!speech_result(a->speech, a->speech_fed, &pcm, &frames, &rate))
            continue;
        audio_add_speech(a->audio, a->speech_fed, pcm, frames, rate);
        /* Words ready only after their step's bell (the first step's, as espeak-ng starts):
         * still worth saying in the step's first seconds. */
        const flow *f = &a->flow;
        if (!app_playing_screen(a) || f->player.state != PLAYER_PLAYING)
            continue;
        const plan *p = f->plan;
        int64_t t = player_position_at(&f->player, a->now_ms);
        size_t segment = plan_segment_at(p, t);
        if (p->segments[segment].step != a->speech_fed)
            continue;
        while (segment > 0 && p->segments[segment - 1].step == a->speech_fed)
            segment--;
        if (t - p->segments[segment].start_ms < APP_LATE_WORDS_MS &&
            audio_speak_now(a->audio, a->speech_fed)) {
            app_add_caption(
                a, (app_caption){CUE_EVENT_STEP, t, app_step_words(a, p->routine, a->speech_fed)});
        }
    }
}

static void app_play_cues(app *a, const plan_cue *cues, size_t count)
{
    if (count == 0 || !a->flow.plan)
        return; /* a tick that ended the visit may have let go of the plan */
    const player *pl = &a->flow.player;
    int64_t handed = player_position_at(pl, a->now_ms);
    for (size_t i = 0; i < count; i++) {
        int64_t at = player_clock_at(pl, cues[i].at_ms);
        bool spoke = audio_play_cue(a->audio, a->flow.plan, &cues[i], at, handed);
        /* Everything heard is also shown: a caption for each cue, from its moment. */
        const plan *p = a->flow.plan;
        const char *said = NULL;
        if (spoke && cues[i].event == CUE_EVENT_STEP && cues[i].segment < p->segment_count)
            said = app_step_words(a, p->routine, p->segments[cues[i].segment].step);
        else if (spoke)
            said = app_str(a, cues[i].event == CUE_EVENT_INHALE   ? "breathe-in"
                              : cues[i].event == CUE_EVENT_EXHALE ? "breathe-out"
                                                                  : "hold");
        app_add_caption(a, (app_caption){cues[i].event, cues[i].at_ms, said});
    }
}

size_t app_visible_captions(const app *a, app_caption *out, size_t max)
{
    size_t n = 0;
    if (!a->flow.plan)
        return 0;
    int64_t position = player_position_at(&a->flow.player, a->now_ms);
    for (size_t i = 0; i < a->caption_count && n < max; i++) {
        int64_t age = position - a->captions[i].at_ms;
        if (age >= 0 && age < APP_CAPTION_MS)
            out[n++] = a->captions[i];
    }
    return n;
}

/* Tells the audio what changed in the routine since the last frame: a new one, a pause, a
 * resume, the end. */
static void app_follow_routine(app *a)
{
    const flow *f = &a->flow;
    const plan *playing = app_playing_screen(a) ? f->plan : NULL;
    if (playing != a->audio_plan) {
        bool voice = a->config.voice || a->read_aloud;
        if (playing)
            audio_begin_routine(a->audio, playing->routine, voice && a->config.speak_breathing);
        else
            audio_end_routine(a->audio, f->player.state == PLAYER_FINISHED);
        app_start_speech(a, playing ? playing->routine : NULL);
        a->audio_plan = playing;
        a->caption_count = 0;
        a->audio_paused = false;
        a->audio_paused_ms = playing ? f->player.paused_ms : 0;
    }
    if (!playing)
        return;
    bool paused = f->player.state == PLAYER_PAUSED;
    if (paused && !a->audio_paused) {
        audio_pause(a->audio, f->player.pause_began_ms);
        a->audio_paused = true;
    } else if (!paused && a->audio_paused) {
        audio_resume(a->audio, f->player.paused_ms - a->audio_paused_ms);
        a->audio_paused = false;
        a->audio_paused_ms = f->player.paused_ms;
    }
}

void app_update(app *a, int64_t now_ms, int64_t utc_ms)
{
    a->now_ms = now_ms;
    a->utc_ms = utc_ms;
    app_follow_routine(a);
    /* Cues due now (a frame that ran late), then those due before the next hand-over: each
     * reaches the audio a little before its moment, to start on its exact sample. */
    plan_cue cues[32];
    size_t count;
    do {
        count = flow_tick(&a->flow, now_ms, utc_ms, cues, 32);
        app_play_cues(a, cues, count);
    } while (count == 32);
    do {
        count = flow_cues_ahead(&a->flow, now_ms, AUDIO_LOOKAHEAD_MS, cues, 32);
        app_play_cues(a, cues, count);
    } while (count == 32);
    app_follow_routine(a);
    app_feed_speech(a);
    audio_poll(a->audio, now_ms);
    /* A speaker plugged in while Ease was silent: take it up once no routine is playing. */
    if (a->sound_plugged && !app_playing_screen(a)) {
        a->sound_plugged = false;
        a->sound_pending = !audio_is_live(a->audio);
        app_open_sound(a);
    }
    app_retry_sound(a);
    app_reload_routines_poll(a); /* routines loaded off the frame loop, swapped in when ready */
    app_keep_records(a, now_ms);
    app_fleet_update(a, now_ms);
    app_read_staff_stats(a, utc_ms);
    if (a->corner_held && now_ms - a->corner_since_ms >= APP_STAFF_HOLD_MS) {
        a->corner_held = false;
        app_staff_request(a, now_ms, utc_ms);
    }
    if (a->flow.screen != a->drawn_screen) {
        /* A new screen: nothing of the old one stays pressed or focused. */
        if (a->flow.screen == FLOW_ATTRACT) {
            text_flush(&a->text);
            a->read_aloud = false; /* the next patient chooses for themselves */
        }
        ui_reset(&a->ui);
        a->dirty = true;
    }
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
static void app_moving_now(const app *a, SDL_Rect now[2])
{
    SDL_FRect bar = {0, 0, 0, 0}, visual = {0, 0, 0, 0};
    if (a->flow.screen == FLOW_ATTRACT)
        visual = screen_attract_moving(a);
    else if (a->flow.screen == FLOW_PLAY)
        visual = screen_play_moving(a, &bar);
    now[0] = app_pixels(a, visual);
    now[1] = app_pixels(a, bar);
}

bool app_staff_key_present(const app *a)
{
    return a->staff_key_path && source_file_is_regular(a->staff_key_path);
}

void app_staff_request(app *a, int64_t now_ms, int64_t utc_ms)
{
    a->flow.staff_key_present = !a->flow.staff_pin_hash && app_staff_key_present(a);
    flow_staff_request(&a->flow, now_ms, utc_ms);
}

uint64_t app_signature(const app *a)
{
    const flow *f = &a->flow;
    uint64_t signature = (uint64_t)f->screen;
    if (f->screen == FLOW_STAFF_PIN) /* the keypad's wait counts down in seconds */
        signature = signature * 31 + (uint64_t)(flow_pin_wait_ms(f, a->now_ms) + 999) / 1000;
    if (f->screen == FLOW_ATTRACT) {
        /* The background breath changes colour between in and out: a whole frame then. */
        pacer_state breath;
        pacer_demo(a->now_ms, &breath);
        signature = signature * 31 + (uint64_t)breath.phase;
    }
    if ((f->screen == FLOW_PLAY || f->screen == FLOW_CONFIRM_STOP) && f->plan) {
        int64_t t = player_position_at(&f->player, a->now_ms);
        size_t segment = plan_segment_at(f->plan, t);
        const plan_segment *s = &f->plan->segments[segment];
        /* A countdown beside the picture changes every second; the pacer's own count is inside
         * what moves, and is redrawn with it. */
        bool countdown =
            s->kind == SEGMENT_REP_HOLD || s->kind == SEGMENT_SET_REST || s->kind == SEGMENT_REST;
        int64_t seconds_left = countdown ? (s->end_ms - t + 999) / 1000 : 0;
        signature = signature * 31 + segment;
        signature = signature * 31 + (uint64_t)seconds_left;
        signature = signature * 31 + (uint64_t)f->player.state;
        app_caption shown[APP_CAPTIONS];
        size_t captions = app_visible_captions(a, shown, APP_CAPTIONS);
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
    text_draw(&a->text, a->notice, &style, NULL);
}

static void app_draw_screen(app *a)
{
    switch (a->flow.screen) {
    case FLOW_ATTRACT:
        screen_attract_draw(a);
        break;
    case FLOW_CHOOSE_KIND:
        screen_choose_draw(a);
        break;
    case FLOW_CHOOSE_ROUTINE:
        screen_routines_draw(a);
        break;
    case FLOW_CARD:
        screen_card_draw(a);
        break;
    case FLOW_RATE_BEFORE:
    case FLOW_RATE_AFTER:
        screen_rate_draw(a);
        break;
    case FLOW_PLAY:
        screen_play_draw(a);
        break;
    case FLOW_CONFIRM_STOP:
        screen_stop_draw(a);
        break;
    case FLOW_THANKS:
        screen_thanks_draw(a);
        break;
    case FLOW_STAFF_PIN:
        screen_staff_pin_draw(a);
        break;
    case FLOW_STAFF:
        screen_staff_draw(a);
        break;
    case FLOW_SCREEN_COUNT:
        break;
    }
}

void app_draw(app *a)
{
    gfx_clear(&a->g, a->colours.background);
    ui_begin_frame(&a->ui);
    app_draw_screen(a);
    app_moving_now(a, a->moving);
    if (a->notice)
        app_draw_notice(a);
    if (a->trace && a->flow.screen != a->traced) {
        /* For tests that drive the real window: where each screen's targets are. */
        a->traced = a->flow.screen;
        fprintf(stderr, "trace: screen %s\n", flow_screen_name(a->flow.screen));
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

int app_draw_moving(app *a, SDL_Rect *shown)
{
    SDL_Rect now[2];
    app_moving_now(a, now);
    int count = 0;
    /* The attract screen's breath, near its turns, may not have moved a whole pixel. */
    if (a->flow.screen == FLOW_ATTRACT && SDL_RectEquals(&now[0], &a->moving[0]))
        return 0;
    for (int i = 0; i < 2; i++) {
        /* Where it was (to clear it) and where it is: one rectangle for both. */
        SDL_Rect region = a->moving[i];
        if (region.w <= 0 || region.h <= 0)
            region = now[i];
        else if (now[i].w > 0 && now[i].h > 0)
            SDL_UnionRect(&region, &now[i], &region);
        if (region.w <= 0 || region.h <= 0)
            continue;
        /* The whole screen drawn again but clipped to the region: cheap, and nothing can differ
         * from a full frame. (SDL_RenderClear ignores the clip, so the region is filled.) */
        SDL_RenderSetClipRect(a->g.renderer, &region);
        gfx_fill_rect(
            &a->g, (SDL_FRect){(float)region.x, (float)region.y, (float)region.w, (float)region.h},
            a->colours.background);
        ui_begin_frame(&a->ui);
        app_draw_screen(a);
        if (a->notice)
            app_draw_notice(a);
        SDL_RenderSetClipRect(a->g.renderer, NULL);
        shown[count++] = region;
    }
    a->moving[0] = now[0];
    a->moving[1] = now[1];
    return count;
}
