/* The sound device goes away in the middle of a routine (a speaker unplugged): the routine plays
 * on to its end, the kiosk goes silent, and the staff screen says so; plugged back in, it is
 * taken up once no routine plays. Runs on SDL's dummy audio driver, which opens like a real
 * device. */
#include "e2e_support.h"

#include "audio.h"

static void a_device_lost_mid_routine_does_not_stop_it(void **state)
{
    (void)state;
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_AUDIO), 0);
    app_options opts = {.speed_permille = 1000,
                        .routines_dir = EASE_SOURCE_DIR "/tests/e2e/short-routines",
                        .sound = true};
    app *a = e2e_open_with(1280, 800, &opts);
    assert_true(audio_is_live(a->audio));

    e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_KIND, ROUTINE_KIND_BREATHING, E2E_TOUCH);
    e2e_tap(a, ACTION_ROUTINE, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_START, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_RATE, 5, E2E_TOUCH);
    assert_int_equal(a->flow.screen, FLOW_PLAY);
    e2e_run(a, 3000);
    int64_t before = player_position_at(&a->flow.player, a->now_ms);
    assert_true(before >= 2900);

    SDL_Event unplugged = {.type = SDL_AUDIODEVICEREMOVED};
    app_handle_event(a, &unplugged);
    assert_false(audio_is_live(a->audio));
    assert_non_null(strstr(audio_silent_reason(a->audio), "removed"));
    e2e_run(a, 1000);
    /* The routine's clock went on, without a jump back or a stall. */
    int64_t after = player_position_at(&a->flow.player, a->now_ms);
    assert_true(after - before >= 900 && after - before <= 1100);
    for (int i = 0; i < 100 && a->flow.screen == FLOW_PLAY; i++)
        e2e_run(a, 500);
    assert_int_equal(a->flow.screen, FLOW_RATE_AFTER);
    assert_int_equal(a->flow.session.outcome, SESSION_COMPLETED);

    /* The staff screen says Ease is silent now. */
    e2e_tap(a, ACTION_RATE, 4, E2E_TOUCH);
    e2e_allow_staff(a);
    e2e_key(a, SDLK_e, KMOD_LCTRL | KMOD_LALT);
    assert_int_equal(a->flow.screen, FLOW_STAFF);
    e2e_frame(a);
    char shot[600], error[256];
    snprintf(shot, sizeof shot, "%s/staff-sound-lost.png", TEST_OUTPUT_DIR);
    assert_true(gfx_save_png(&a->g, shot, error, sizeof error));
    e2e_tap(a, ACTION_STAFF_LEAVE, 0, E2E_TOUCH);

    /* The speaker is plugged back in during the next routine: taken up once it is over, with
     * the kiosk's clock going on without a jump. */
    e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_KIND, ROUTINE_KIND_BREATHING, E2E_TOUCH);
    e2e_tap(a, ACTION_ROUTINE, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_START, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_RATE, 5, E2E_TOUCH);
    SDL_Event plugged = {.type = SDL_AUDIODEVICEADDED};
    plugged.adevice.iscapture = 0;
    app_handle_event(a, &plugged);
    e2e_run(a, 1000);
    assert_false(audio_is_live(a->audio)); /* not in the middle of a routine */
    for (int i = 0; i < 100 && a->flow.screen == FLOW_PLAY; i++)
        e2e_run(a, 500);
    int64_t clock_before = app_clock_ms(a, (int64_t)SDL_GetTicks64());
    e2e_run(a, 100);
    assert_true(audio_is_live(a->audio));
    int64_t clock_after = app_clock_ms(a, (int64_t)SDL_GetTicks64());
    assert_true(clock_after >= clock_before && clock_after - clock_before < 1000);
    SDL_Delay(200); /* real time: the device's own callbacks run, through our mixing hook */
    audio_stats stats;
    audio_get_stats(a->audio, &stats);
    assert_true(stats.callbacks >= 5);
    e2e_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_device_lost_mid_routine_does_not_stop_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
