#include "test_support.h"

#include "flow.h"
#include "staff_pin.h"

/* Two routines, one of them graded: enough for every screen of a visit. */
typedef struct {
    routine_library lib;
    diag_list diag;
    flow f;
    char hash[STAFF_PIN_HASH_SIZE];
} fixture;

static routine *add(fixture *x, const char *yaml)
{
    routine *r = test_load_checked(yaml, NULL, &x->diag);
    assert_non_null(r);
    if (x->lib.count == x->lib.capacity) {
        x->lib.capacity = x->lib.capacity ? x->lib.capacity * 2 : 4;
        x->lib.routines = realloc(x->lib.routines, x->lib.capacity * sizeof *x->lib.routines);
    }
    x->lib.routines[x->lib.count++] = r;
    return r;
}

static int setup(void **state)
{
    fixture *x = calloc(1, sizeof *x);
    diag_init(&x->diag);
    library_init(&x->lib);
    add(x, "id: calm\ntitle: {en: Calm, es: Calma}\nkind: breathing\nsteps:\n"
           "  - breathe: {pattern: [{inhale: 4s}, {exhale: 6s}], cycles: 2}\n");
    add(x, "id: lift\ntitle: Lift\nkind: graded-movement\nlevels: 3\nsteps:\n"
           "  - reps: [2, 3, 4]\n    rep: 4s\n");
    assert_true(staff_pin_hash("2468", x->hash, sizeof x->hash));
    flow_settings settings = {.idle_ms = 90000,
                              .rate_before = true,
                              .rate_after = true,
                              .language = "en",
                              .kiosk = "room-1",
                              .app_version = "0.1.0",
                              .staff_pin_hash = x->hash,
                              .speed_permille = 1000};
    flow_init(&x->f, &x->lib, NULL, &settings, 0);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    flow_free(&x->f);
    library_free(&x->lib);
    diag_free(&x->diag);
    free(x);
    return 0;
}

static void tick_until(flow *f, int64_t from, int64_t to)
{
    plan_cue cues[16];
    for (int64_t t = from; t <= to; t += 20)
        flow_tick(f, t, 1700000000000 + t, cues, 16);
}

static void a_whole_visit_to_the_end(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    assert_int_equal(f->screen, FLOW_ATTRACT);
    flow_set_language(f, "es");
    flow_begin(f, 1000);
    assert_int_equal(f->screen, FLOW_CHOOSE_KIND);
    assert_int_equal(flow_routine_count(f, ROUTINE_KIND_BREATHING), 1);
    assert_int_equal(flow_routine_count(f, ROUTINE_KIND_TAI_CHI), 0);
    flow_choose_kind(f, ROUTINE_KIND_GRADED_MOVEMENT, 2000);
    assert_int_equal(f->screen, FLOW_CHOOSE_ROUTINE);
    flow_choose_routine(f, flow_routine_at(f, ROUTINE_KIND_GRADED_MOVEMENT, 0), 3000);
    assert_int_equal(f->screen, FLOW_CARD);
    flow_choose_level(f, 4); /* no such level: ignored */
    assert_int_equal(f->level, 1);
    flow_choose_level(f, 2);
    assert_true(flow_start(f, 4000, 0));
    /* The general safety notice first, once a visit: Back returns to the card, and it shows
     * again until it has been read; then no more in this visit. */
    assert_int_equal(f->screen, FLOW_SAFETY);
    flow_back(f, 4000, 0);
    assert_int_equal(f->screen, FLOW_CARD);
    assert_null(f->plan);
    assert_true(flow_start(f, 4000, 0));
    assert_int_equal(f->screen, FLOW_SAFETY);
    flow_safety_read(f, 4000, 0);
    assert_int_equal(f->screen, FLOW_RATE_BEFORE);
    flow_back(f, 4000, 0);
    assert_int_equal(f->screen, FLOW_CARD);
    flow_choose_level(f, 2);
    assert_true(flow_start(f, 4000, 0));
    assert_int_equal(f->screen, FLOW_RATE_BEFORE); /* read already */
    assert_false(f->session_open);                 /* no record before the play screen */
    /* A tap chooses, another corrects, Done keeps. */
    flow_rate_choose(f, 7);
    assert_int_equal(f->screen, FLOW_RATE_BEFORE);
    assert_int_equal(f->rating_chosen, 7);
    flow_rate_choose(f, 11); /* no such rating: ignored */
    flow_rate_choose(f, 6);
    assert_int_equal(f->rating_chosen, 6);
    flow_rate_keep(f, 5000, 1700000005000);
    assert_int_equal(f->screen, FLOW_PLAY);
    assert_int_equal(f->rating_chosen, SESSION_NO_RATING);
    assert_true(f->session_open);
    assert_int_equal(f->session.pain_before, 6);
    assert_string_equal(f->session.language, "es");
    assert_int_equal(f->session.level, 2);
    assert_int_equal(f->session.planned_ms, 12000);
    tick_until(f, 5000, 17020);
    assert_int_equal(f->screen, FLOW_RATE_AFTER);
    flow_rate(f, 3, 18000, 1700000018000);
    assert_int_equal(f->screen, FLOW_THANKS);
    assert_false(f->session_open);
    assert_true(f->session_dirty);
    /* The shell takes each change once: the flag is the flow's, not the shell's to clear. */
    assert_true(flow_take_session_change(f));
    assert_false(flow_take_session_change(f));
    assert_false(f->session_dirty);
    assert_int_equal(f->session.outcome, SESSION_COMPLETED);
    assert_int_equal(f->session.pain_after, 3);
    assert_int_equal(f->session.played_ms, 12000);
    assert_int_equal(f->session.steps_completed, 1);
    assert_int_equal(f->session.steps_total, 1);
    tick_until(f, 18000, 18000 + FLOW_THANKS_MS);
    assert_int_equal(f->screen, FLOW_ATTRACT);
    assert_null(f->routine); /* nothing of this visit is left for the next patient */
    assert_string_equal(f->language, "en");
}

static void stop_asks_then_records_the_reason(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    flow_begin(f, 0);
    flow_choose_kind(f, ROUTINE_KIND_BREATHING, 0);
    flow_choose_routine(f, flow_routine_at(f, ROUTINE_KIND_BREATHING, 0), 0);
    assert_true(flow_start(f, 0, 0));
    flow_safety_read(f, 0, 0);
    flow_rate(f, SESSION_NO_RATING, 0, 0);
    tick_until(f, 0, 5000);
    flow_request_stop(f, 5000);
    assert_int_equal(f->screen, FLOW_CONFIRM_STOP);
    assert_int_equal(f->player.state, PLAYER_PAUSED);
    flow_cancel_stop(f, 8000);
    assert_int_equal(f->screen, FLOW_PLAY);
    assert_int_equal(player_position_at(&f->player, 8000), 5000); /* the question paused it */
    flow_back(f, 9000, 0); /* Escape on the play screen asks too */
    assert_int_equal(f->screen, FLOW_CONFIRM_STOP);
    flow_confirm_stop(f, STOP_REASON_TOO_TIRING, 9000, 0);
    assert_int_equal(f->screen, FLOW_RATE_AFTER);
    assert_int_equal(f->session.outcome, SESSION_STOPPED);
    assert_int_equal(f->session.stop_reason, STOP_REASON_TOO_TIRING);
    assert_int_equal(f->session.played_ms, 6000);
    assert_int_equal(f->session.pain_before, SESSION_NO_RATING);
    flow_rate(f, 4, 10000, 0);
    assert_int_equal(f->session.outcome, SESSION_STOPPED); /* the rating does not change it */
    assert_int_equal(f->session.pain_after, 4);
}

static void walking_away_returns_to_attract(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    flow_begin(f, 0);
    flow_choose_kind(f, ROUTINE_KIND_BREATHING, 0);
    tick_until(f, 0, 89980);
    assert_int_equal(f->screen, FLOW_CHOOSE_ROUTINE);
    tick_until(f, 90000, 90000);
    assert_int_equal(f->screen, FLOW_ATTRACT);
    assert_int_equal(f->visits_ended, 0);

    /* Paused for 5 minutes: abandoned. */
    flow_begin(f, 100000);
    flow_input(f, 100000);
    flow_choose_kind(f, ROUTINE_KIND_BREATHING, 100000);
    flow_choose_routine(f, flow_routine_at(f, ROUTINE_KIND_BREATHING, 0), 100000);
    flow_start(f, 100000, 0);
    flow_safety_read(f, 100000, 0);
    flow_rate(f, 5, 100000, 0);
    flow_toggle_pause(f, 102000);
    tick_until(f, 102000, 102000 + FLOW_PAUSE_ABANDON_MS - 20);
    assert_int_equal(f->screen, FLOW_PLAY);
    tick_until(f, 102000 + FLOW_PAUSE_ABANDON_MS, 102000 + FLOW_PAUSE_ABANDON_MS);
    assert_int_equal(f->screen, FLOW_ATTRACT);
    assert_int_equal(f->session.outcome, SESSION_ABANDONED);
    assert_int_equal(f->session.played_ms, 2000);

    /* Played to the end, then gone before the after-rating: completed, unrated after. */
    int64_t t = 1000000;
    flow_begin(f, t);
    flow_input(f, t);
    flow_choose_kind(f, ROUTINE_KIND_BREATHING, t);
    flow_choose_routine(f, flow_routine_at(f, ROUTINE_KIND_BREATHING, 0), t);
    flow_start(f, t, 0);
    flow_safety_read(f, t, 0);
    flow_rate(f, 5, t, 0);
    tick_until(f, t, t + 20000);
    assert_int_equal(f->screen, FLOW_RATE_AFTER);
    assert_int_equal(f->session.outcome, SESSION_COMPLETED); /* stored before the rating */
    assert_true(f->session_dirty);
    tick_until(f, t + 20000, t + 90000);
    assert_int_equal(f->screen, FLOW_ATTRACT);
    assert_int_equal(f->session.outcome, SESSION_COMPLETED);
    assert_int_equal(f->session.pain_after, SESSION_NO_RATING);
    assert_int_equal(f->session.steps_completed, 1);
    assert_int_equal(f->visits_ended, 2);
}

static void staff_need_the_pin(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    flow_begin(f, 0);
    flow_staff_request(f, 0, 0);
    assert_int_equal(f->screen, FLOW_STAFF_PIN);
    flow_pin_digit(f, 1, 0);
    flow_pin_digit(f, 2, 0);
    flow_pin_digit(f, 3, 0);
    flow_pin_digit(f, 4, 0);
    flow_pin_submit(f, 0, 0);
    assert_int_equal(f->screen, FLOW_STAFF_PIN);
    assert_true(f->pin_wrong);
    assert_string_equal(f->pin_entry, "");
    flow_back(f, 0, 0);
    assert_int_equal(f->screen, FLOW_CHOOSE_KIND);
    flow_staff_request(f, 0, 0);
    const int pin[] = {2, 4, 6, 9};
    for (int i = 0; i < 4; i++)
        flow_pin_digit(f, pin[i], 0);
    flow_pin_erase(f, 0);
    flow_pin_digit(f, 8, 0);
    flow_pin_submit(f, 0, 0);
    assert_int_equal(f->screen, FLOW_STAFF);
    flow_staff_quit(f);
    assert_true(f->quit_requested);
    flow_staff_leave(f, 0);
    assert_int_equal(f->screen, FLOW_ATTRACT);
}

static void escape_never_leaves_the_kiosk(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    for (int i = 0; i < 20; i++)
        flow_back(f, 0, 0);
    assert_int_equal(f->screen, FLOW_ATTRACT);
    assert_false(f->quit_requested);
}

/* A reload found by the folder watcher waits for the patient to finish: only the attract
 * screen and the staff screens take a new library. */
static void a_new_library_waits_for_the_visit_to_end(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    assert_true(flow_library_swap_safe(f));
    flow_begin(f, 1000);
    assert_false(flow_library_swap_safe(f)); /* choosing */
    flow_choose_kind(f, ROUTINE_KIND_BREATHING, 1000);
    flow_choose_routine(f, x->lib.routines[0], 1000);
    assert_false(flow_library_swap_safe(f));
    assert_true(flow_start(f, 1000, 0));
    flow_safety_read(f, 1000, 0);
    flow_rate(f, SESSION_NO_RATING, 1000, 0);
    assert_int_equal(f->screen, FLOW_PLAY);
    assert_false(flow_library_swap_safe(f));
    /* Staff take over: the visit ends, and the library may change. */
    flow_staff_request(f, 2000, 0);
    assert_true(flow_library_swap_safe(f));
}

static void type_pin(flow *f, const char *pin, int64_t now_ms)
{
    for (const char *p = pin; *p; p++)
        flow_pin_digit(f, *p - '0', now_ms);
    flow_pin_submit(f, now_ms, 1700000000000 + now_ms);
}

/* The case: 50 wrong PINs as fast as they can be typed. A few are free, then each wrong
 * one doubles the wait (shown on the keypad, not counted while it lasts), up to five minutes;
 * never a lock-out: the right PIN still opens once the wait is over. */
static void fifty_wrong_pins_are_slowed_never_locked_out(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    flow_staff_request(f, 0, 0);
    for (int i = 0; i < 50; i++)
        type_pin(f, "1111", 0);
    assert_int_equal(f->pin_throttle.wrong_total, STAFF_PIN_FREE_TRIES + 1);
    assert_int_equal(flow_pin_wait_ms(f, 0), STAFF_PIN_FIRST_WAIT_MS);
    assert_int_equal(f->pin_throttle.last_wrong_utc_ms, 1700000000000);
    /* During the wait even the right PIN is not checked, and digits are not taken. */
    type_pin(f, "2468", 4999);
    assert_int_equal(f->screen, FLOW_STAFF_PIN);
    flow_pin_digit(f, 1, 4999);
    assert_string_equal(f->pin_entry, "");
    /* The keypad's count is redrawn each second. */
    assert_true(flow_next_deadline(f, 4000) <= 1000);
    /* Each wrong PIN after the wait doubles it, up to the most. */
    int64_t now = 0, expected = STAFF_PIN_FIRST_WAIT_MS;
    for (int i = 0; i < 10; i++) {
        now += flow_pin_wait_ms(f, now);
        flow_input(f, now);
        type_pin(f, "1111", now);
        expected = expected * 2 < STAFF_PIN_MAX_WAIT_MS ? expected * 2 : STAFF_PIN_MAX_WAIT_MS;
        assert_int_equal(flow_pin_wait_ms(f, now), expected);
        if (f->screen != FLOW_STAFF_PIN) /* the keypad gave up after 30 s idle: ask again */
            flow_staff_request(f, now, 0);
    }
    assert_int_equal(flow_pin_wait_ms(f, now), STAFF_PIN_MAX_WAIT_MS);
    assert_int_equal(f->pin_throttle.wrong_total, STAFF_PIN_FREE_TRIES + 11);
    /* Every 4-digit PIN would now take over a month. */
    assert_true((int64_t)10000 * STAFF_PIN_MAX_WAIT_MS / 86400000 > 30);
    now += STAFF_PIN_MAX_WAIT_MS;
    flow_staff_request(f, now, 0);
    if (f->screen != FLOW_STAFF_PIN)
        flow_staff_request(f, now, 0);
    type_pin(f, "2468", now);
    assert_int_equal(f->screen, FLOW_STAFF);
    assert_int_equal(f->pin_throttle.in_a_row, 0);
    assert_int_equal(flow_pin_wait_ms(f, now), 0);
    assert_int_equal(f->pin_throttle.wrong_total, STAFF_PIN_FREE_TRIES + 11); /* kept */
}

/* No PIN (never set, or lost to a broken configuration): the staff screen stays shut unless the
 * technician's key file is there. */
static void with_no_pin_only_the_key_file_opens_the_staff_screen(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    free(f->staff_pin_hash);
    f->staff_pin_hash = NULL;
    f->staff_key_present = false;
    flow_staff_request(f, 0, 0);
    assert_int_equal(f->screen, FLOW_STAFF_PIN);
    type_pin(f, "0000", 0); /* nothing to check against: nothing happens */
    assert_int_equal(f->screen, FLOW_STAFF_PIN);
    assert_int_equal(f->pin_throttle.wrong_total, 0);
    flow_back(f, 0, 0);
    assert_int_equal(f->screen, FLOW_ATTRACT);
    f->staff_key_present = true;
    flow_staff_request(f, 0, 0);
    assert_int_equal(f->screen, FLOW_STAFF);
}

/* The flow's screens are a table: every screen has its row, a name of its own, and only the
 * screens over a playing routine keep the player running. */
static void every_screen_has_its_rules(void **state)
{
    (void)state;
    for (int i = 0; i < FLOW_SCREEN_COUNT; i++) {
        const flow_screen_rules *rules = flow_screen_rules_of((flow_screen)i);
        assert_string_not_equal(rules->name, "?");
        for (int j = 0; j < i; j++)
            assert_string_not_equal(rules->name, flow_screen_name((flow_screen)j));
        assert_int_equal(rules->routine_live, i == FLOW_PLAY || i == FLOW_CONFIRM_STOP);
        /* A screen that stays until someone acts is one nobody is asked to leave by a clock. */
        if (rules->ends == FLOW_ENDS_NEVER)
            assert_true(i == FLOW_ATTRACT || i == FLOW_STAFF || i == FLOW_TELL_STAFF);
        assert_int_equal(rules->ends == FLOW_ENDS_ROUTINE, rules->routine_live);
        /* Every screen a patient can reach has a way back, except the first. */
        assert_true(rules->back != NULL || i == FLOW_ATTRACT);
    }
    assert_string_equal(flow_screen_name(FLOW_SCREEN_COUNT), "?");
    assert_null(flow_screen_rules_of(FLOW_SCREEN_COUNT)->back);
}

/* Plays the breathing routine to 5 s and opens the stop question. */
static void play_then_ask_to_stop(flow *f, int64_t t)
{
    flow_input(f, t);
    flow_begin(f, t);
    flow_choose_kind(f, ROUTINE_KIND_BREATHING, t);
    flow_choose_routine(f, flow_routine_at(f, ROUTINE_KIND_BREATHING, 0), t);
    assert_true(flow_start(f, t, 0));
    flow_safety_read(f, t, 0);
    flow_rate(f, 5, t, 0);
    tick_until(f, t, t + 5000);
    flow_request_stop(f, t + 5000);
    assert_int_equal(f->screen, FLOW_CONFIRM_STOP);
}

/* Each answer to "Stop here?": stopping with no reason is the default; each reason is recorded;
 * dizziness first says to sit down and tell the staff, a screen no timeout takes away; and what
 * the screens after say: pacing, not praise, and after pain or dizziness, to tell the staff. */
static void each_stop_reason_leads_where_it_should(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    static const struct {
        session_stop_reason why;
        flow_screen next;
        flow_after_words words;
    } cases[] = {
        {STOP_REASON_NONE, FLOW_RATE_AFTER, FLOW_AFTER_PACING},
        {STOP_REASON_TOO_PAINFUL, FLOW_RATE_AFTER, FLOW_AFTER_PACING_PAIN},
        {STOP_REASON_TOO_TIRING, FLOW_RATE_AFTER, FLOW_AFTER_PACING},
        {STOP_REASON_OTHER, FLOW_RATE_AFTER, FLOW_AFTER_PACING},
        {STOP_REASON_DIZZY, FLOW_TELL_STAFF, FLOW_AFTER_PACING_PAIN},
    };
    int64_t t = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++, t += 10000000) {
        play_then_ask_to_stop(f, t);
        flow_confirm_stop(f, cases[i].why, t + 6000, 1700000000000 + t);
        assert_int_equal(f->screen, cases[i].next);
        assert_false(f->session_open);
        assert_int_equal(f->session.outcome, SESSION_STOPPED);
        assert_int_equal(f->session.stop_reason, cases[i].why);
        assert_true(flow_take_session_change(f)); /* recorded at once, before anything else */
        assert_int_equal(flow_after_message(f), cases[i].words);
        if (cases[i].next == FLOW_TELL_STAFF) {
            /* Stays: no idle timeout, no deadline, the rating screen not yet. */
            assert_int_equal(flow_next_deadline(f, t + 6000), -1);
            tick_until(f, t + 6000, t + 6000 + 30 * 60000);
            assert_int_equal(f->screen, FLOW_TELL_STAFF);
            flow_tell_staff_done(f, t + 30 * 60000);
            assert_int_equal(f->screen, FLOW_RATE_AFTER);
            assert_int_equal(f->session.stop_reason, STOP_REASON_DIZZY);
        }
        /* Then a rating, corrected before it is kept, and thanks without praise. */
        flow_rate_keep(f, t + 7000000, 0); /* nothing chosen: nothing kept */
        assert_int_equal(f->screen, FLOW_RATE_AFTER);
        flow_rate_choose(f, 8);
        flow_rate_choose(f, 2);
        flow_rate_keep(f, t + 7000000, 0);
        assert_int_equal(f->screen, FLOW_THANKS);
        assert_int_equal(f->session.pain_after, 2);
        assert_int_equal(flow_after_message(f), cases[i].words);
        flow_finish_thanks(f, t + 7000000);
        assert_int_equal(f->screen, FLOW_ATTRACT);
    }
    assert_int_equal(f->visits_ended, 5);
}

/* Without the after-rating, dizziness still stops at the staff screen, then thanks. A visit
 * played to the end is the only one praised. */
static void dizzy_without_ratings_and_praise_only_when_completed(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    f->settings.rate_after = false;
    play_then_ask_to_stop(f, 0);
    flow_confirm_stop(f, STOP_REASON_DIZZY, 6000, 0);
    assert_int_equal(f->screen, FLOW_TELL_STAFF);
    flow_back(f, 7000, 0); /* a key pressed: someone is there */
    assert_int_equal(f->screen, FLOW_THANKS);
    assert_int_equal(flow_after_message(f), FLOW_AFTER_PACING_PAIN);
    flow_finish_thanks(f, 8000);
    flow_confirm_stop(f, (session_stop_reason)99, 8000, 0); /* not on the question: ignored */
    assert_int_equal(f->screen, FLOW_ATTRACT);

    play_then_ask_to_stop(f, 100000);
    flow_cancel_stop(f, 105000);
    tick_until(f, 105000, 125000);
    assert_int_equal(f->screen, FLOW_THANKS);
    assert_int_equal(f->session.outcome, SESSION_COMPLETED);
    assert_int_equal(flow_after_message(f), FLOW_AFTER_PRAISE);
}

/* The notice is once a visit: the next patient reads it again; an author's preview skips it. */
static void the_safety_notice_is_shown_once_a_visit(void **state)
{
    fixture *x = *state;
    flow *f = &x->f;
    play_then_ask_to_stop(f, 0);
    assert_true(f->safety_shown);
    flow_confirm_stop(f, STOP_REASON_NONE, 6000, 0);
    flow_rate(f, SESSION_NO_RATING, 6000, 0);
    flow_finish_thanks(f, 6000);
    assert_false(f->safety_shown);
    flow_begin(f, 7000);
    flow_choose_kind(f, ROUTINE_KIND_BREATHING, 7000);
    flow_choose_routine(f, flow_routine_at(f, ROUTINE_KIND_BREATHING, 0), 7000);
    assert_true(flow_start(f, 7000, 0));
    assert_int_equal(f->screen, FLOW_SAFETY);
    flow_rate(f, 5, 7000, 0); /* the rating is not asked here */
    assert_int_equal(f->screen, FLOW_SAFETY);
    tick_until(f, 7000, 7000 + 90000); /* walked away from the notice */
    assert_int_equal(f->screen, FLOW_ATTRACT);
    assert_true(flow_preview_start(f, flow_routine_at(f, ROUTINE_KIND_BREATHING, 0), 1, 200000, 0));
    assert_int_equal(f->screen, FLOW_PLAY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_screen_has_its_rules),
        cmocka_unit_test_setup_teardown(a_whole_visit_to_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(stop_asks_then_records_the_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(walking_away_returns_to_attract, setup, teardown),
        cmocka_unit_test_setup_teardown(each_stop_reason_leads_where_it_should, setup, teardown),
        cmocka_unit_test_setup_teardown(dizzy_without_ratings_and_praise_only_when_completed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_safety_notice_is_shown_once_a_visit, setup, teardown),
        cmocka_unit_test_setup_teardown(staff_need_the_pin, setup, teardown),
        cmocka_unit_test_setup_teardown(fifty_wrong_pins_are_slowed_never_locked_out, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(with_no_pin_only_the_key_file_opens_the_staff_screen, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(escape_never_leaves_the_kiosk, setup, teardown),
        cmocka_unit_test_setup_teardown(a_new_library_waits_for_the_visit_to_end, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
