/* Whole visits through the real kiosk, headless: by touch, by mouse, by keyboard alone, at
 * several screen sizes, with what is on screen checked at every step. */
#include "e2e_support.h"

#include <unistd.h>

#include "staff_pin.h"

/* The routine_index-th graded-movement routine, by walking attract -> card. */
static void reach_card(app *a, e2e_pointer how)
{
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    e2e_tap(a, ACTION_BEGIN, 0, how);
    assert_int_equal(probe_flow(a)->screen, FLOW_CHOOSE_KIND);
    /* Three cards, each a large target. */
    for (int kind = 0; kind < 3; kind++)
        assert_true(e2e_find(a, ACTION_KIND, kind, false) >= 0);
    e2e_tap(a, ACTION_KIND, ROUTINE_KIND_GRADED_MOVEMENT, how);
    assert_int_equal(probe_flow(a)->screen, FLOW_CHOOSE_ROUTINE);
    e2e_tap(a, ACTION_ROUTINE, 0, how);
    assert_int_equal(probe_flow(a)->screen, FLOW_CARD);
    assert_int_equal(probe_flow(a)->routine->kind, ROUTINE_KIND_GRADED_MOVEMENT);
}

/* Somewhere in rect, the frame is not plain background: something is drawn there. */
static bool drawn_in(app *a, SDL_FRect rect)
{
    SDL_Color bg = probe_colours(a)->background;
    for (float y = rect.y + 4; y < rect.y + rect.h; y += rect.h / 24)
        for (float x = rect.x + 4; x < rect.x + rect.w; x += rect.w / 24) {
            SDL_Color c = gfx_read_pixel(probe_gfx(a), (int)x, (int)y);
            if (abs(c.r - bg.r) + abs(c.g - bg.g) + abs(c.b - bg.b) > 60)
                return true;
        }
    return false;
}

static void visit(int width, int height, e2e_pointer how)
{
    app *a = e2e_open(width, height, NULL, 20000); /* twenty times as fast */
    reach_card(a, how);
    int levels = probe_flow(a)->routine->levels;
    assert_true(levels >= 2);
    e2e_tap(a, ACTION_LEVEL, 2, how);
    assert_int_equal(probe_flow(a)->level, 2);
    e2e_start(a, how);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_BEFORE);
    for (int value = 0; value <= 10; value++)
        assert_true(e2e_find(a, ACTION_RATE, value, false) >= 0);
    e2e_rate(a, 6, how);
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);
    /* Pause and Stop are there, and the figure is drawn in the upper or left part. */
    assert_true(e2e_find(a, ACTION_PAUSE, 0, false) >= 0);
    assert_true(e2e_find(a, ACTION_STOP, 0, false) >= 0);
    e2e_run(a, 2000);
    SDL_FRect visual =
        probe_layout(a)->portrait
            ? (SDL_FRect){0, (float)height * 0.15f, (float)width, (float)height * 0.35f}
            : (SDL_FRect){0, (float)height * 0.15f, (float)width * 0.45f, (float)height * 0.65f};
    assert_true(drawn_in(a, visual));
    /* Pausing freezes everything: the same frame a while later. */
    e2e_tap(a, ACTION_PAUSE, 0, how);
    assert_int_equal(probe_flow(a)->player.state, PLAYER_PAUSED);
    int64_t at = player_position_at(&probe_flow(a)->player, probe_now_ms(a));
    e2e_run(a, 1000);
    SDL_Surface *before = e2e_snapshot(a);
    e2e_run(a, 5000);
    SDL_Surface *after = e2e_snapshot(a);
    assert_true(e2e_difference(before, after, (SDL_Rect){0, 0, width, height}) == 0);
    assert_int_equal(player_position_at(&probe_flow(a)->player, probe_now_ms(a)), at);
    SDL_FreeSurface(before);
    SDL_FreeSurface(after);
    e2e_tap(a, ACTION_PAUSE, 0, how);
    assert_int_equal(probe_flow(a)->player.state, PLAYER_PLAYING);
    /* Play on to the end (twenty times as fast). */
    for (int i = 0; i < 2000 && probe_flow(a)->screen == FLOW_PLAY; i++)
        e2e_run(a, 100);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_AFTER);
    e2e_rate(a, 3, how);
    assert_int_equal(probe_flow(a)->screen, FLOW_THANKS);
    const session *s = &probe_flow(a)->session;
    assert_int_equal(s->outcome, SESSION_COMPLETED);
    assert_int_equal(s->pain_before, 6);
    assert_int_equal(s->pain_after, 3);
    assert_int_equal(s->level, 2);
    assert_int_equal(s->steps_completed, s->steps_total);
    e2e_run(a, FLOW_THANKS_MS + 100);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    assert_null(probe_flow(a)->routine);
    e2e_close(a);
}

static void a_whole_visit_by_touch(void **state)
{
    visit(1920, 1080, E2E_TOUCH);
}

static void a_whole_visit_by_mouse_in_portrait(void **state)
{
    visit(480, 800, E2E_MOUSE);
}

static void a_whole_visit_by_touch_on_a_small_screen(void **state)
{
    visit(800, 480, E2E_TOUCH);
}

static void a_whole_visit_by_keyboard_alone(void **state)
{
    app *a = e2e_open(1280, 720, NULL, 20000);
    e2e_key(a, SDLK_RETURN, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_CHOOSE_KIND);
    e2e_key_to(a, ACTION_KIND, ROUTINE_KIND_BREATHING);
    assert_int_equal(probe_flow(a)->screen, FLOW_CHOOSE_ROUTINE);
    e2e_key_to(a, ACTION_ROUTINE, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_CARD);
    e2e_key(a, SDLK_ESCAPE, 0); /* back one screen, then forward again */
    assert_int_equal(probe_flow(a)->screen, FLOW_CHOOSE_ROUTINE);
    e2e_key_to(a, ACTION_ROUTINE, 0);
    e2e_key_to(a, ACTION_START, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_SAFETY);
    e2e_key_to(a, ACTION_SAFETY_READ, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_BEFORE);
    e2e_key(a, SDLK_7, 0); /* digits choose a rating, Enter keeps it */
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_BEFORE);
    e2e_key(a, SDLK_RETURN, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);
    assert_int_equal(probe_flow(a)->pain_before, 7);
    e2e_key(a, SDLK_p, 0);
    assert_int_equal(probe_flow(a)->player.state, PLAYER_PAUSED);
    e2e_key(a, SDLK_p, 0);
    assert_int_equal(probe_flow(a)->player.state, PLAYER_PLAYING);
    for (int i = 0; i < 4000 && probe_flow(a)->screen == FLOW_PLAY; i++)
        e2e_run(a, 100);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_AFTER);
    e2e_key(a, SDLK_2, 0);
    e2e_key(a, SDLK_RETURN, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_THANKS);
    assert_int_equal(probe_flow(a)->session.outcome, SESSION_COMPLETED);
    e2e_key(a, SDLK_RETURN, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    e2e_close(a);
}

/* From the card to the stop question, eight seconds into the routine. */
static void play_then_stop(app *a, e2e_pointer how)
{
    reach_card(a, how);
    e2e_start(a, how);
    e2e_rate(a, SESSION_NO_RATING, how); /* Skip */
    e2e_run(a, 8000);
    e2e_tap(a, ACTION_STOP, 0, how);
    assert_int_equal(probe_flow(a)->screen, FLOW_CONFIRM_STOP);
}

static float area(const app *a, app_action action, int arg)
{
    int i = e2e_find(a, action, arg, false);
    assert_true(i >= 0);
    return probe_ui(a)->targets[i].rect.w * probe_ui(a)->targets[i].rect.h;
}

static void stop_asks_and_records_a_reason(void **state)
{
    app *a = e2e_open(1920, 1080, NULL, 1000);
    play_then_stop(a, E2E_TOUCH);
    /* Stopping is the big primary answer, "Keep going" the smaller one; every reason is one tap. */
    assert_true(area(a, ACTION_STOP_REASON, STOP_REASON_NONE) >
                1.3f * area(a, ACTION_KEEP_GOING, 0));
    static const session_stop_reason offered[] = {STOP_REASON_TOO_PAINFUL, STOP_REASON_DIZZY,
                                                  STOP_REASON_TOO_TIRING, STOP_REASON_OTHER};
    for (size_t i = 0; i < sizeof offered / sizeof *offered; i++)
        assert_true(e2e_find(a, ACTION_STOP_REASON, offered[i], false) >= 0);
    e2e_tap(a, ACTION_KEEP_GOING, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);

    /* Stopped because it hurts: acknowledged, not praised; a mis-tapped rating corrected. */
    e2e_tap(a, ACTION_STOP, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_STOP_REASON, STOP_REASON_TOO_PAINFUL, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_AFTER);
    assert_int_equal(probe_flow(a)->session.outcome, SESSION_STOPPED);
    assert_int_equal(probe_flow(a)->session.stop_reason, STOP_REASON_TOO_PAINFUL);
    assert_int_equal(probe_flow(a)->session.pain_before, SESSION_NO_RATING);
    assert_int_equal(flow_after_message(probe_flow(a)), FLOW_AFTER_PACING_PAIN);
    assert_true(e2e_find(a, ACTION_RATE_KEEP, 0, false) < 0); /* nothing chosen, nothing to keep */
    e2e_tap(a, ACTION_RATE, 8, E2E_TOUCH);
    e2e_tap(a, ACTION_RATE, 7, E2E_TOUCH); /* the patient meant 7 */
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_AFTER);
    /* Kept to look at: the acknowledgement, the chosen 7, Done. */
    char shot[600], error[256];
    snprintf(shot, sizeof shot, "%s/rate-after-pain-chosen.png", TEST_OUTPUT_DIR);
    assert_true(gfx_save_png(probe_gfx(a), shot, error, sizeof error));
    e2e_tap(a, ACTION_RATE_KEEP, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_THANKS);
    assert_int_equal(probe_flow(a)->session.pain_after, 7);
    assert_int_equal(flow_after_message(probe_flow(a)), FLOW_AFTER_PACING_PAIN); /* no praise */
    e2e_tap(a, ACTION_THANKS_DONE, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);

    /* Dizzy or unwell: sit down and tell the staff, a screen that stays until tapped. */
    play_then_stop(a, E2E_TOUCH);
    e2e_tap(a, ACTION_STOP_REASON, STOP_REASON_DIZZY, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_TELL_STAFF);
    assert_int_equal(probe_flow(a)->session.stop_reason, STOP_REASON_DIZZY);
    e2e_run(a, 10 * 60000); /* ten minutes, untouched */
    assert_int_equal(probe_flow(a)->screen, FLOW_TELL_STAFF);
    e2e_tap(a, ACTION_TELL_STAFF_DONE, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_AFTER);
    e2e_rate(a, SESSION_NO_RATING, E2E_TOUCH);
    e2e_tap(a, ACTION_THANKS_DONE, 0, E2E_TOUCH);

    /* By keyboard, the first target is stopping: Tab, Enter stops with no reason. */
    play_then_stop(a, E2E_TOUCH);
    e2e_key(a, SDLK_TAB, 0);
    assert_int_equal(probe_ui(a)->targets[probe_ui(a)->focus].action, ACTION_STOP_REASON);
    assert_int_equal(probe_ui(a)->targets[probe_ui(a)->focus].arg, STOP_REASON_NONE);
    e2e_key(a, SDLK_RETURN, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_AFTER);
    assert_int_equal(probe_flow(a)->session.outcome, SESSION_STOPPED);
    assert_int_equal(probe_flow(a)->session.stop_reason, STOP_REASON_NONE);
    assert_int_equal(flow_after_message(probe_flow(a)), FLOW_AFTER_PACING);
    e2e_close(a);
}

/* The two halves of the screen table agree: every screen of the flow is drawn by a screen_def
 * of the same name, which draws. */
static void every_screen_of_the_flow_is_drawn(void **state)
{
    (void)state;
    for (int i = 0; i < FLOW_SCREEN_COUNT; i++) {
        const screen_def *s = screen_table[i];
        assert_non_null(s);
        assert_non_null(s->draw);
        assert_string_equal(s->name, flow_screen_name((flow_screen)i));
    }
}

static void nothing_lets_a_patient_out(void **state)
{
    app *a = e2e_open(1280, 720, NULL, 1000);
    e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
    e2e_key(a, SDLK_F4, KMOD_LALT);
    e2e_key(a, SDLK_q, KMOD_LCTRL);
    e2e_key(a, SDLK_w, KMOD_LCTRL);
    for (int i = 0; i < 10; i++)
        e2e_key(a, SDLK_ESCAPE, 0);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    assert_false(probe_flow(a)->quit_requested);
    e2e_close(a);
}

static void staff_reach_their_screen_by_corner_or_keys(void **state)
{
    app *a = e2e_open(1280, 720, NULL, 1000);
    /* No PIN and no key file: the corner leads to the keypad screen, which stays shut and says
     * how a technician gets in. */
    unlink(probe_staff_key_path(a));
    e2e_key(a, SDLK_e, KMOD_LCTRL | KMOD_LALT);
    assert_int_equal(probe_flow(a)->screen, FLOW_STAFF_PIN);
    e2e_frame(a);
    char shot[600], error[256];
    snprintf(shot, sizeof shot, "%s/staff-locked.png", TEST_OUTPUT_DIR);
    assert_true(gfx_save_png(probe_gfx(a), shot, error, sizeof error));
    e2e_tap(a, ACTION_BACK, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    e2e_allow_staff(a);
    /* Holding the top-left corner for five seconds. */
    SDL_Event down = {0};
    down.type = SDL_FINGERDOWN;
    down.tfinger.fingerId = 7;
    down.tfinger.x = 0.01f;
    down.tfinger.y = 0.01f;
    app_handle_event(a, &down);
    e2e_run(a, 4000);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    e2e_run(a, 1200);
    /* No PIN is configured here, but the key file is there: the staff screen opens and says
     * so. */
    assert_int_equal(probe_flow(a)->screen, FLOW_STAFF);
    SDL_Event up = down;
    up.type = SDL_FINGERUP;
    app_handle_event(a, &up);
    e2e_frame(a);
    e2e_tap(a, ACTION_STAFF_LEAVE, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    e2e_allow_staff(a);
    e2e_key(a, SDLK_e, KMOD_LCTRL | KMOD_LALT);
    assert_int_equal(probe_flow(a)->screen, FLOW_STAFF);
    e2e_tap(a, ACTION_STAFF_RELOAD, 0, E2E_TOUCH);
    /* Loaded off the frame loop, then swapped in by it (generous: a loaded machine). */
    for (int i = 0; i < 12000 && !app_reload_routines_poll(a); i++)
        SDL_Delay(10);
    assert_false(probe_library_loading(a));
    assert_true(probe_library(a)->count >= 11);
    e2e_tap(a, ACTION_STAFF_QUIT, 0, E2E_TOUCH);
    assert_true(probe_flow(a)->quit_requested);
    e2e_close(a);
}

static void walking_away_clears_the_screen(void **state)
{
    app *a = e2e_open(1280, 720, NULL, 1000);
    e2e_tap(a, ACTION_LANGUAGE, 1, E2E_TOUCH); /* Español */
    assert_string_equal(app_lang(a), "es");
    assert_string_equal(app_str(a, "start"), "Empezar");
    reach_card(a, E2E_TOUCH);
    e2e_run(a, probe_config(a)->idle_ms + 100);
    assert_int_equal(probe_flow(a)->screen, FLOW_ATTRACT);
    assert_null(probe_flow(a)->routine);
    assert_string_equal(app_lang(a), "en"); /* the next patient starts afresh */
    e2e_close(a);
}

/* Every target is big enough to touch, on screen, and clear of the others, at every size. */
static void targets_are_large_and_apart_at_every_size(void **state)
{
    static const int sizes[][2] = {{800, 480},   {480, 800},   {1280, 720},
                                   {1920, 1080}, {1080, 1920}, {3840, 2160}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        app *a = e2e_open(sizes[k][0], sizes[k][1], NULL, 20000);
        float least = probe_layout(a)->unit * 64.0f / 1080.0f;
        if (least < 40)
            least = 40;
        for (int screen = 0; screen < 7; screen++) {
            e2e_frame(a);
            for (int i = 0; i < probe_ui(a)->count; i++) {
                SDL_FRect r = probe_ui(a)->targets[i].rect;
                bool whole =
                    r.w >= (float)probe_gfx(a)->width - 1 && r.h >= (float)probe_gfx(a)->height - 1;
                if (whole)
                    continue; /* "touch anywhere" */
                if (r.w < least || r.h < least || r.x < 0 || r.y < 0 ||
                    r.x + r.w > (float)probe_gfx(a)->width + 0.5f ||
                    r.y + r.h > (float)probe_gfx(a)->height + 0.5f)
                    fail_msg("%dx%d %s: target %d is %.0fx%.0f at %.0f,%.0f", sizes[k][0],
                             sizes[k][1], flow_screen_name(probe_flow(a)->screen), i, r.w, r.h, r.x,
                             r.y);
                for (int j = 0; j < i; j++) {
                    SDL_FRect o = probe_ui(a)->targets[j].rect;
                    if (o.w >= (float)probe_gfx(a)->width - 1 &&
                        o.h >= (float)probe_gfx(a)->height - 1)
                        continue;
                    bool overlap =
                        r.x < o.x + o.w && o.x < r.x + r.w && r.y < o.y + o.h && o.y < r.y + r.h;
                    if (overlap)
                        fail_msg("%dx%d %s: targets %d and %d overlap", sizes[k][0], sizes[k][1],
                                 flow_screen_name(probe_flow(a)->screen), i, j);
                }
            }
            /* On to the next screen of the visit. */
            switch (probe_flow(a)->screen) {
            case FLOW_ATTRACT:
                e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
                break;
            case FLOW_CHOOSE_KIND:
                e2e_tap(a, ACTION_KIND, ROUTINE_KIND_GRADED_MOVEMENT, E2E_TOUCH);
                break;
            case FLOW_CHOOSE_ROUTINE:
                e2e_tap(a, ACTION_ROUTINE, 0, E2E_TOUCH);
                break;
            case FLOW_CARD:
                e2e_start(a, E2E_TOUCH);
                break;
            case FLOW_RATE_BEFORE:
                e2e_rate(a, 5, E2E_TOUCH);
                break;
            case FLOW_PLAY:
                e2e_tap(a, ACTION_STOP, 0, E2E_TOUCH);
                break;
            default:
                break;
            }
        }
        e2e_close(a);
    }
}

/* At time t, the frame the loop would draw (whole, or only what moved since the last one) must
 * equal a whole frame drawn afresh. */
static void assert_partial_is_whole(app *a, int64_t t, const char *where, int64_t shown_ms)
{
    app_update(a, t, 0);
    loop_draw_frame(e2e_loop(a), a, t);
    SDL_Surface *partial = e2e_snapshot(a);
    app_draw(a);
    SDL_Surface *whole = e2e_snapshot(a);
    double d =
        e2e_difference(partial, whole, (SDL_Rect){0, 0, probe_gfx(a)->width, probe_gfx(a)->height});
    SDL_FreeSurface(partial);
    SDL_FreeSurface(whole);
    if (d > 0)
        fail_msg("%s at %lld ms: the partial frame differs in %.4f%% of pixels", where,
                 (long long)shown_ms, d * 100);
}

/* Frames drawn in part (only what moves) must equal frames drawn whole: on the attract screen,
 * and through a breathing routine's inhales, holds and exhales. */
static void partial_frames_match_whole_ones(void **state)
{
    app *a = e2e_open(1920, 1080, NULL, 1000);
    /* Attract: whole at 0, then only what moves, in steps, compared with whole frames. */
    for (int64_t t = 100; t <= 12000; t += 700)
        assert_partial_is_whole(a, t, "attract", t);
    /* Box breathing: every phase, including holds with their filling rim. */
    e2e_tap(a, ACTION_BEGIN, 0, E2E_MOUSE);
    e2e_tap(a, ACTION_KIND, ROUTINE_KIND_BREATHING, E2E_MOUSE);
    int box = -1;
    for (size_t i = 0; i < flow_routine_count(probe_flow(a), ROUTINE_KIND_BREATHING); i++)
        if (!strcmp(flow_routine_at(probe_flow(a), ROUTINE_KIND_BREATHING, i)->id, "box-breathing"))
            box = (int)i;
    assert_true(box >= 0);
    e2e_tap(a, ACTION_ROUTINE, box, E2E_MOUSE);
    e2e_start(a, E2E_MOUSE);
    e2e_rate(a, SESSION_NO_RATING, E2E_MOUSE);
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);
    int64_t start = probe_now_ms(a);
    e2e_run(a, 30000); /* past the settling step, into the breathing */
    for (int64_t step = 0; step < 40; step++)
        assert_partial_is_whole(a, start + 30000 + step * 420, "box breathing", 30000 + step * 420);
    e2e_close(a);
}

/* The cases through the real kiosk: a bad key beside a valid PIN keeps the PIN (the
 * staff screen does not open without it), and wrong PINs make the keypad wait, saying so. */
static void a_bad_key_keeps_the_pin_and_wrong_pins_wait(void **state)
{
    char hash[STAFF_PIN_HASH_SIZE];
    assert_true(staff_pin_hash("2468", hash, sizeof hash));
    char path[] = "/tmp/ease-visit-pin-XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    char text[512];
    int n = snprintf(text, sizeof text, "idle: 5s\ntheme: dark\nstaff-pin: \"%s\"\n", hash);
    assert_int_equal(write(fd, text, (size_t)n), n);
    close(fd);
    app *a = e2e_open(1280, 720, path, 1000);
    e2e_allow_staff(a); /* the key file does not matter when a PIN is set */
    assert_non_null(probe_config(a)->staff_pin_hash);
    e2e_key(a, SDLK_e, KMOD_LCTRL | KMOD_LALT);
    assert_int_equal(probe_flow(a)->screen, FLOW_STAFF_PIN);
    for (int i = 0; i < 4; i++) {
        for (int d = 0; d < 4; d++)
            e2e_tap(a, ACTION_PIN_DIGIT, 1, E2E_TOUCH);
        e2e_tap(a, ACTION_PIN_OK, 0, E2E_TOUCH);
    }
    assert_int_equal(probe_flow(a)->screen, FLOW_STAFF_PIN);
    assert_int_equal(probe_flow(a)->pin_throttle.wrong_total, 4);
    assert_true(flow_pin_wait_ms(probe_flow(a), probe_now_ms(a)) > 0);
    e2e_frame(a);
    char shot[600], error[256];
    snprintf(shot, sizeof shot, "%s/staff-pin-wait.png", TEST_OUTPUT_DIR);
    assert_true(gfx_save_png(probe_gfx(a), shot, error, sizeof error));
    /* The wait ends; the right PIN opens the staff screen, which shows the count. */
    e2e_run(a, STAFF_PIN_FIRST_WAIT_MS + 100);
    if (probe_flow(a)->screen != FLOW_STAFF_PIN)
        e2e_key(a, SDLK_e, KMOD_LCTRL | KMOD_LALT);
    const int pin[] = {2, 4, 6, 8};
    for (int d = 0; d < 4; d++)
        e2e_tap(a, ACTION_PIN_DIGIT, pin[d], E2E_TOUCH);
    e2e_tap(a, ACTION_PIN_OK, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_STAFF);
    e2e_frame(a);
    snprintf(shot, sizeof shot, "%s/staff-wrong-pins.png", TEST_OUTPUT_DIR);
    assert_true(gfx_save_png(probe_gfx(a), shot, error, sizeof error));
    e2e_close(a);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_screen_of_the_flow_is_drawn),
        cmocka_unit_test(a_whole_visit_by_touch),
        cmocka_unit_test(a_whole_visit_by_mouse_in_portrait),
        cmocka_unit_test(a_whole_visit_by_touch_on_a_small_screen),
        cmocka_unit_test(a_whole_visit_by_keyboard_alone),
        cmocka_unit_test(stop_asks_and_records_a_reason),
        cmocka_unit_test(nothing_lets_a_patient_out),
        cmocka_unit_test(staff_reach_their_screen_by_corner_or_keys),
        cmocka_unit_test(a_bad_key_keeps_the_pin_and_wrong_pins_wait),
        cmocka_unit_test(walking_away_clears_the_screen),
        cmocka_unit_test(targets_are_large_and_apart_at_every_size),
        cmocka_unit_test(partial_frames_match_whole_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
