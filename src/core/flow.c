#include "flow.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "staff_pin.h"

static void flow_copy(char *out, size_t size, const char *text, const char *fallback)
{
    snprintf(out, size, "%s", text && *text ? text : fallback);
}

void flow_init(flow *f, const routine_library *library, const pose_library *poses,
               const flow_settings *settings, int64_t now_ms)
{
    memset(f, 0, sizeof *f);
    f->library = library;
    f->poses = poses;
    f->settings = *settings;
    if (f->settings.idle_ms <= 0)
        f->settings.idle_ms = 90000;
    if (f->settings.speed_permille <= 0)
        f->settings.speed_permille = 1000;
    flow_copy(f->default_language, sizeof f->default_language, settings->language, "en");
    flow_copy(f->language, sizeof f->language, settings->language, "en");
    flow_copy(f->kiosk, sizeof f->kiosk, settings->kiosk, "kiosk");
    flow_copy(f->app_version, sizeof f->app_version, settings->app_version, "");
    f->staff_pin_hash = settings->staff_pin_hash ? strdup(settings->staff_pin_hash) : NULL;
    f->settings.language = f->settings.kiosk = f->settings.app_version = NULL;
    f->settings.staff_pin_hash = NULL;
    f->screen = FLOW_ATTRACT;
    f->last_input_ms = f->screen_since_ms = now_ms;
    f->level = 1;
    f->pain_before = SESSION_NO_RATING;
    f->rating_chosen = SESSION_NO_RATING;
}

static void flow_drop_plan(flow *f)
{
    player_clear(&f->player); /* the player borrows the plan: never leave it a freed one */
    plan_free(f->plan);
    f->plan = NULL;
}

void flow_free(flow *f)
{
    flow_drop_plan(f);
    free(f->staff_pin_hash);
    f->staff_pin_hash = NULL;
}

static void flow_go(flow *f, flow_screen screen, int64_t now_ms)
{
    f->screen = screen;
    f->screen_since_ms = now_ms;
    f->rating_chosen = SESSION_NO_RATING; /* each rating screen starts with nothing chosen */
}

/* Back to the start, forgetting every choice: the next patient sees nothing of the last. */
static void flow_reset(flow *f, int64_t now_ms)
{
    flow_drop_plan(f);
    f->routine = NULL;
    f->level = 1;
    f->pain_before = SESSION_NO_RATING;
    f->safety_shown = false; /* the next patient reads the notice again */
    snprintf(f->language, sizeof f->language, "%s", f->default_language);
    memset(f->pin_entry, 0, sizeof f->pin_entry);
    f->pin_wrong = false;
    flow_go(f, FLOW_ATTRACT, now_ms);
}

size_t flow_routine_count(const flow *f, routine_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < f->library->count; i++)
        n += f->library->routines[i]->kind == kind;
    return n;
}

const routine *flow_routine_at(const flow *f, routine_kind kind, size_t index)
{
    for (size_t i = 0; i < f->library->count; i++)
        if (f->library->routines[i]->kind == kind && index-- == 0)
            return f->library->routines[i];
    return NULL;
}

void flow_input(flow *f, int64_t now_ms)
{
    f->last_input_ms = now_ms;
}

void flow_set_language(flow *f, const char *language)
{
    if (language && *language)
        snprintf(f->language, sizeof f->language, "%s", language);
}

void flow_begin(flow *f, int64_t now_ms)
{
    if (f->screen == FLOW_ATTRACT)
        flow_go(f, FLOW_CHOOSE_KIND, now_ms);
}

void flow_choose_kind(flow *f, routine_kind kind, int64_t now_ms)
{
    if (f->screen != FLOW_CHOOSE_KIND)
        return;
    f->kind = kind;
    flow_go(f, FLOW_CHOOSE_ROUTINE, now_ms);
}

void flow_choose_routine(flow *f, const routine *r, int64_t now_ms)
{
    if (f->screen != FLOW_CHOOSE_ROUTINE || !r)
        return;
    f->routine = r;
    f->level = 1;
    flow_go(f, FLOW_CARD, now_ms);
}

void flow_choose_level(flow *f, int level)
{
    if (f->screen == FLOW_CARD && f->routine && level >= 1 && level <= f->routine->levels)
        f->level = level;
}

static void flow_close_session(flow *f, session_outcome outcome, session_stop_reason why,
                               int64_t now_ms, int64_t utc_ms)
{
    if (!f->session_open)
        return;
    session_end(&f->session, outcome, why, player_position_at(&f->player, now_ms),
                (int)player_steps_completed(&f->player), utc_ms);
    f->session_open = false;
    f->session_dirty = true;
    f->visits_ended++;
}

static void flow_play(flow *f, int64_t now_ms, int64_t utc_ms)
{
    player_init(&f->player, f->plan, f->settings.speed_permille);
    player_start(&f->player, now_ms);
    session_begin(&f->session, f->plan, f->language, f->kiosk, f->app_version, f->pain_before,
                  utc_ms);
    f->session_open = true;
    f->session_dirty = true;
    flow_go(f, FLOW_PLAY, now_ms);
}

bool flow_start(flow *f, int64_t now_ms, int64_t utc_ms)
{
    if (f->screen != FLOW_CARD || !f->routine)
        return false;
    diag_list diag;
    diag_init(&diag);
    plan *p = NULL;
    bool ok = plan_compile(f->routine, f->poses, f->level, &p, &diag);
    diag_free(&diag);
    if (!ok)
        return false;
    flow_drop_plan(f);
    f->plan = p;
    f->pain_before = SESSION_NO_RATING;
    if (!f->safety_shown)
        flow_go(f, FLOW_SAFETY, now_ms); /* once a visit, before the first routine */
    else if (f->settings.rate_before)
        flow_go(f, FLOW_RATE_BEFORE, now_ms);
    else
        flow_play(f, now_ms, utc_ms);
    return true;
}

void flow_safety_read(flow *f, int64_t now_ms, int64_t utc_ms)
{
    if (f->screen != FLOW_SAFETY || !f->plan)
        return;
    f->safety_shown = true;
    if (f->settings.rate_before)
        flow_go(f, FLOW_RATE_BEFORE, now_ms);
    else
        flow_play(f, now_ms, utc_ms);
}

void flow_rate(flow *f, int rating, int64_t now_ms, int64_t utc_ms)
{
    if (rating < SESSION_NO_RATING || rating > 10)
        return;
    if (f->screen == FLOW_RATE_BEFORE) {
        f->pain_before = rating;
        flow_play(f, now_ms, utc_ms);
    } else if (f->screen == FLOW_RATE_AFTER) {
        /* The visit already ended (completed or stopped); the rating updates its record. */
        f->session.pain_after = rating;
        f->session_dirty = true;
        flow_go(f, FLOW_THANKS, now_ms);
    }
}

void flow_rate_choose(flow *f, int rating)
{
    if ((f->screen == FLOW_RATE_BEFORE || f->screen == FLOW_RATE_AFTER) && rating >= 0 &&
        rating <= 10)
        f->rating_chosen = rating;
}

void flow_rate_keep(flow *f, int64_t now_ms, int64_t utc_ms)
{
    if (f->rating_chosen != SESSION_NO_RATING)
        flow_rate(f, f->rating_chosen, now_ms, utc_ms);
}

void flow_toggle_pause(flow *f, int64_t now_ms)
{
    if (f->screen != FLOW_PLAY)
        return;
    if (f->player.state == PLAYER_PLAYING)
        player_pause(&f->player, now_ms);
    else if (f->player.state == PLAYER_PAUSED)
        player_resume(&f->player, now_ms);
}

void flow_request_stop(flow *f, int64_t now_ms)
{
    if (f->screen != FLOW_PLAY)
        return;
    player_pause(&f->player, now_ms);
    flow_go(f, FLOW_CONFIRM_STOP, now_ms);
}

void flow_cancel_stop(flow *f, int64_t now_ms)
{
    if (f->screen != FLOW_CONFIRM_STOP)
        return;
    player_resume(&f->player, now_ms);
    flow_go(f, FLOW_PLAY, now_ms);
}

/* After the routine, by its end or by Stop: the after-rating, or straight to thanks. */
static void flow_after(flow *f, int64_t now_ms)
{
    flow_go(f, f->settings.rate_after ? FLOW_RATE_AFTER : FLOW_THANKS, now_ms);
}

void flow_confirm_stop(flow *f, session_stop_reason why, int64_t now_ms, int64_t utc_ms)
{
    if (f->screen != FLOW_CONFIRM_STOP)
        return;
    if ((unsigned)why >= STOP_REASON_COUNT)
        why = STOP_REASON_NONE;
    player_stop(&f->player, now_ms);
    flow_close_session(f, SESSION_STOPPED, why, now_ms, utc_ms);
    /* Dizzy or unwell: first sit down and tell the staff, until someone taps the screen. */
    if (why == STOP_REASON_DIZZY)
        flow_go(f, FLOW_TELL_STAFF, now_ms);
    else
        flow_after(f, now_ms);
}

void flow_tell_staff_done(flow *f, int64_t now_ms)
{
    if (f->screen == FLOW_TELL_STAFF)
        flow_after(f, now_ms);
}

flow_after_words flow_after_message(const flow *f)
{
    if (f->session.outcome != SESSION_STOPPED)
        return FLOW_AFTER_PRAISE;
    bool hurt = f->session.stop_reason == STOP_REASON_TOO_PAINFUL ||
                f->session.stop_reason == STOP_REASON_DIZZY;
    return hurt ? FLOW_AFTER_PACING_PAIN : FLOW_AFTER_PACING;
}

void flow_finish_thanks(flow *f, int64_t now_ms)
{
    if (f->screen == FLOW_THANKS)
        flow_reset(f, now_ms);
}

void flow_staff_request(flow *f, int64_t now_ms, int64_t utc_ms)
{
    if (f->screen == FLOW_STAFF_PIN || f->screen == FLOW_STAFF)
        return;
    /* Staff taking over ends a visit in progress: the patient is no longer there. */
    if (f->session_open) {
        player_stop(&f->player, now_ms);
        flow_close_session(f, SESSION_ABANDONED, STOP_REASON_NONE, now_ms, utc_ms);
        flow_reset(f, now_ms);
    }
    f->before_staff = f->screen;
    memset(f->pin_entry, 0, sizeof f->pin_entry);
    f->pin_wrong = false;
    /* No PIN: only the technician's key file opens the staff screen; without it the keypad
     * screen says how to set one (a broken configuration must never leave it open). */
    flow_go(f, f->staff_pin_hash || !f->staff_key_present ? FLOW_STAFF_PIN : FLOW_STAFF, now_ms);
}

int64_t flow_pin_wait_ms(const flow *f, int64_t now_ms)
{
    return staff_pin_wait_left_ms(&f->pin_throttle, now_ms);
}

void flow_pin_digit(flow *f, int digit, int64_t now_ms)
{
    size_t n = strlen(f->pin_entry);
    if (f->screen != FLOW_STAFF_PIN || !f->staff_pin_hash || digit < 0 || digit > 9 ||
        n >= FLOW_PIN_MAX_DIGITS || flow_pin_wait_ms(f, now_ms) > 0)
        return;
    f->pin_entry[n] = (char)('0' + digit);
    f->pin_wrong = false;
}

void flow_pin_erase(flow *f, int64_t now_ms)
{
    size_t n = strlen(f->pin_entry);
    if (f->screen == FLOW_STAFF_PIN && n > 0)
        f->pin_entry[n - 1] = '\0';
    (void)now_ms;
}

void flow_pin_submit(flow *f, int64_t now_ms, int64_t utc_ms)
{
    if (f->screen != FLOW_STAFF_PIN || !f->staff_pin_hash)
        return;
    if (flow_pin_wait_ms(f, now_ms) > 0) {
        sodium_memzero(f->pin_entry, sizeof f->pin_entry);
        return; /* not checked, not counted: the keypad shows the wait */
    }
    bool right = staff_pin_verify(f->staff_pin_hash, f->pin_entry);
    sodium_memzero(f->pin_entry, sizeof f->pin_entry);
    if (right) {
        staff_pin_note_right(&f->pin_throttle);
        flow_go(f, FLOW_STAFF, now_ms);
    } else {
        f->pin_wrong = true;
        staff_pin_note_wrong(&f->pin_throttle, now_ms, utc_ms);
    }
}

void flow_staff_leave(flow *f, int64_t now_ms)
{
    if (f->screen == FLOW_STAFF)
        flow_reset(f, now_ms);
}

void flow_staff_quit(flow *f)
{
    if (f->screen == FLOW_STAFF)
        f->quit_requested = true;
}

/* Back, as each screen does it (the rules' table names one per screen). */
static void flow_back_go(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    flow_go(f, flow_screen_rules_of(f->screen)->back_to, now_ms);
}

static void flow_back_reset(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    flow_reset(f, now_ms);
}

static void flow_back_to_card(flow *f, int64_t now_ms, int64_t utc_ms)
{
    flow_drop_plan(f); /* made again by the next Start, at the level then chosen */
    flow_back_go(f, now_ms, utc_ms);
}

static void flow_back_stop(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    flow_request_stop(f, now_ms);
}

static void flow_back_keep_going(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    flow_cancel_stop(f, now_ms);
}

static void flow_back_skip(flow *f, int64_t now_ms, int64_t utc_ms)
{
    flow_rate(f, SESSION_NO_RATING, now_ms, utc_ms); /* Back is a Skip here */
}

static void flow_back_thanks(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    flow_finish_thanks(f, now_ms);
}

static void flow_back_pin(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    memset(f->pin_entry, 0, sizeof f->pin_entry);
    flow_go(f, f->before_staff, now_ms);
}

static void flow_back_tell_staff(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    flow_tell_staff_done(f, now_ms); /* a key pressed: someone is there */
}

static void flow_back_staff(flow *f, int64_t now_ms, int64_t utc_ms)
{
    (void)utc_ms;
    flow_staff_leave(f, now_ms);
}

/* Every screen's rules, made from flow.h's list of screens (FLOW_SCREENS). */
#define FLOW_SCREEN_RULES(id, draw, screen_name, back_fn, back_screen, end, live, no_visit)        \
    [FLOW_##id] = {.name = screen_name,                                                            \
                   .back = back_fn,                                                                \
                   .back_to = FLOW_##back_screen,                                                  \
                   .ends = FLOW_ENDS_##end,                                                        \
                   .routine_live = live,                                                           \
                   .quiet = no_visit},
static const flow_screen_rules flow_screens[FLOW_SCREEN_COUNT] = {FLOW_SCREENS(FLOW_SCREEN_RULES)};
#undef FLOW_SCREEN_RULES

const flow_screen_rules *flow_screen_rules_of(flow_screen screen)
{
    static const flow_screen_rules none = {.name = "?", .ends = FLOW_ENDS_NEVER};
    if ((unsigned)screen >= FLOW_SCREEN_COUNT || !flow_screens[screen].name)
        return &none;
    return &flow_screens[screen];
}

const char *flow_screen_name(flow_screen screen)
{
    return flow_screen_rules_of(screen)->name;
}

void flow_back(flow *f, int64_t now_ms, int64_t utc_ms)
{
    const flow_screen_rules *rules = flow_screen_rules_of(f->screen);
    if (rules->back)
        rules->back(f, now_ms, utc_ms);
}

bool flow_routine_live(const flow *f)
{
    return flow_screen_rules_of(f->screen)->routine_live && f->plan;
}

void flow_set_library(flow *f, const routine_library *library)
{
    f->library = library;
    f->routine = NULL;
    flow_drop_plan(f);
}

bool flow_library_swap_safe(const flow *f)
{
    return flow_screen_rules_of(f->screen)->quiet && !f->session_open;
}

size_t flow_tick(flow *f, int64_t now_ms, int64_t utc_ms, plan_cue *cues, size_t max_cues)
{
    size_t written = 0;
    int64_t idle = now_ms - f->last_input_ms;
    switch (flow_screen_rules_of(f->screen)->ends) {
    case FLOW_ENDS_ROUTINE:
        written = player_advance(&f->player, now_ms, cues, max_cues);
        if (f->player.state == PLAYER_FINISHED && f->screen == FLOW_PLAY) {
            /* Played to the end: completed now, so the record is stored before the patient
             * answers (or walks away from) the after-rating, which only adds to it. */
            flow_close_session(f, SESSION_COMPLETED, STOP_REASON_NONE, now_ms, utc_ms);
            flow_after(f, now_ms);
        } else if (f->player.state == PLAYER_PAUSED &&
                   now_ms - f->player.pause_began_ms >= FLOW_PAUSE_ABANDON_MS &&
                   idle >= FLOW_PAUSE_ABANDON_MS) {
            player_stop(&f->player, now_ms);
            flow_close_session(f, SESSION_ABANDONED, STOP_REASON_NONE, now_ms, utc_ms);
            flow_reset(f, now_ms);
        }
        break;
    case FLOW_ENDS_IDLE:
        if (idle >= f->settings.idle_ms)
            flow_reset(f, now_ms);
        break;
    case FLOW_ENDS_SHOWN:
        if (now_ms - f->screen_since_ms >= FLOW_THANKS_MS)
            flow_reset(f, now_ms);
        break;
    case FLOW_ENDS_PIN_IDLE:
        if (idle >= FLOW_PIN_IDLE_MS)
            flow_back(f, now_ms, utc_ms);
        break;
    case FLOW_ENDS_NEVER:
        break;
    }
    return written;
}

size_t flow_cues_ahead(flow *f, int64_t now_ms, int64_t lookahead_ms, plan_cue *cues,
                       size_t max_cues)
{
    if (!flow_routine_live(f))
        return 0;
    return player_take_cues_ahead(&f->player, now_ms, lookahead_ms, cues, max_cues);
}

int64_t flow_next_deadline(const flow *f, int64_t now_ms)
{
    int64_t idle_left = f->last_input_ms + f->settings.idle_ms - now_ms;
    switch (flow_screen_rules_of(f->screen)->ends) {
    case FLOW_ENDS_ROUTINE:
        if (f->player.state == PLAYER_PAUSED)
            return f->player.pause_began_ms + FLOW_PAUSE_ABANDON_MS - now_ms;
        return 0; /* playing: the frame loop paces itself */
    case FLOW_ENDS_SHOWN:
        return f->screen_since_ms + FLOW_THANKS_MS - now_ms;
    case FLOW_ENDS_PIN_IDLE: {
        int64_t idle = f->last_input_ms + FLOW_PIN_IDLE_MS - now_ms;
        int64_t wait = flow_pin_wait_ms(f, now_ms);
        /* While the keypad waits, its count goes down each second. */
        int64_t tick = wait > 0 ? (wait - 1) % 1000 + 1 : idle;
        return tick < idle ? tick : idle;
    }
    case FLOW_ENDS_NEVER:
        return -1;
    case FLOW_ENDS_IDLE:
        break;
    }
    return idle_left;
}

bool flow_preview_start(flow *f, const routine *r, int level, int64_t now_ms, int64_t utc_ms)
{
    f->settings.rate_before = f->settings.rate_after = false;
    f->session_open = false; /* an author's replay is not a visit */
    f->safety_shown = true;  /* nor a patient who needs the notice */
    f->kind = r->kind;
    flow_go(f, FLOW_CHOOSE_ROUTINE, now_ms);
    flow_choose_routine(f, r, now_ms);
    flow_choose_level(f, level);
    return flow_start(f, now_ms, utc_ms);
}

void flow_set_rating_before(flow *f, bool ask)
{
    f->settings.rate_before = ask;
}

void flow_set_staff_key_present(flow *f, bool present)
{
    f->staff_key_present = present;
}

bool flow_set_staff_pin_hash(flow *f, const char *hash)
{
    char *copy = hash ? strdup(hash) : NULL;
    if (hash && !copy)
        return false;
    free(f->staff_pin_hash);
    f->staff_pin_hash = copy;
    return true;
}

bool flow_take_session_change(flow *f)
{
    bool changed = f->session_dirty;
    f->session_dirty = false;
    return changed;
}
