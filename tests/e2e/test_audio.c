/* The sound device goes away in the middle of a routine (a speaker unplugged): the routine plays
 * on to its end, the kiosk goes silent, and the staff screen says so; plugged back in, it is
 * taken up once no routine plays. Runs on SDL's dummy audio driver, which opens like a real
 * device. */
#include "e2e_support.h"

#include <unistd.h>

#include "audio.h"
#include "plan.h"
#include "routine_load.h"

/* The kiosk on the short routines with a sound device (SDL's dummy driver). */
static app *open_with_sound(void)
{
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_AUDIO), 0);
    app_options opts = {.speed_permille = 1000,
                        .routines_dir = EASE_SOURCE_DIR "/tests/e2e/short-routines",
                        .sound = true};
    app *a = e2e_open_with(1280, 800, &opts);
    assert_true(audio_is_live(probe_audio(a)));
    return a;
}

static void a_device_lost_mid_routine_does_not_stop_it(void **state)
{
    (void)state;
    app *a = open_with_sound();

    e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_KIND, ROUTINE_KIND_BREATHING, E2E_TOUCH);
    e2e_tap(a, ACTION_ROUTINE, 0, E2E_TOUCH);
    e2e_start(a, E2E_TOUCH);
    e2e_rate(a, 5, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);
    e2e_run(a, 3000);
    int64_t before = player_position_at(&probe_flow(a)->player, probe_now_ms(a));
    assert_true(before >= 2900);
    /* The test's clock is the device's (e2e_run): the first step's bell was placed on its stream
     * and mixed, not handed over in the device's past. */
    audio_stats heard;
    audio_get_stats(probe_audio(a), &heard);
    assert_true(heard.cues >= 1);

    SDL_Event unplugged = {.type = SDL_AUDIODEVICEREMOVED};
    app_handle_event(a, &unplugged);
    assert_false(audio_is_live(probe_audio(a)));
    assert_non_null(strstr(audio_silent_reason(probe_audio(a)), "removed"));
    e2e_run(a, 1000);
    /* The routine's clock went on, without a jump back or a stall. */
    int64_t after = player_position_at(&probe_flow(a)->player, probe_now_ms(a));
    assert_true(after - before >= 900 && after - before <= 1100);
    for (int i = 0; i < 100 && probe_flow(a)->screen == FLOW_PLAY; i++)
        e2e_run(a, 500);
    assert_int_equal(probe_flow(a)->screen, FLOW_RATE_AFTER);
    assert_int_equal(probe_flow(a)->session.outcome, SESSION_COMPLETED);

    /* The staff screen says Ease is silent now. */
    e2e_rate(a, 4, E2E_TOUCH);
    e2e_allow_staff(a);
    e2e_key(a, SDLK_e, KMOD_LCTRL | KMOD_LALT);
    assert_int_equal(probe_flow(a)->screen, FLOW_STAFF);
    e2e_frame(a);
    char shot[600], error[256];
    snprintf(shot, sizeof shot, "%s/staff-sound-lost.png", TEST_OUTPUT_DIR);
    assert_true(gfx_save_png(probe_gfx(a), shot, error, sizeof error));
    e2e_tap(a, ACTION_STAFF_LEAVE, 0, E2E_TOUCH);

    /* With no routine playing, the device is looked for again a second later (then on a
     * back-off): the dummy driver opens, and there is sound again without any event. */
    e2e_run(a, 1500);
    assert_true(audio_is_live(probe_audio(a)));

    /* Taken away again in the next routine, and plugged back in during it: taken up once it is
     * over, with the kiosk's clock going on without a jump. */
    e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
    e2e_tap(a, ACTION_KIND, ROUTINE_KIND_BREATHING, E2E_TOUCH);
    e2e_tap(a, ACTION_ROUTINE, 0, E2E_TOUCH);
    e2e_start(a, E2E_TOUCH);
    e2e_rate(a, 5, E2E_TOUCH);
    app_handle_event(a, &unplugged);
    assert_false(audio_is_live(probe_audio(a)));
    SDL_Event plugged = {.type = SDL_AUDIODEVICEADDED};
    plugged.adevice.iscapture = 0;
    app_handle_event(a, &plugged);
    e2e_run(a, 1000);
    assert_false(audio_is_live(probe_audio(a))); /* not in the middle of a routine */
    for (int i = 0; i < 100 && probe_flow(a)->screen == FLOW_PLAY; i++)
        e2e_run(a, 500);
    int64_t clock_before = app_clock_ms(a, (int64_t)SDL_GetTicks64());
    e2e_run(a, 100);
    assert_true(audio_is_live(probe_audio(a)));
    int64_t clock_after = app_clock_ms(a, (int64_t)SDL_GetTicks64());
    assert_true(clock_after >= clock_before && clock_after - clock_before < 1000);
    SDL_Delay(200); /* real time: the device's own callbacks run, through our mixing hook */
    audio_stats stats;
    audio_get_stats(probe_audio(a), &stats);
    assert_true(stats.callbacks >= 5);
    e2e_close(a);
}

/* The header of a 48 kHz stereo 16-bit WAV whose samples (data bytes of them) follow. */
static void write_wav_header(FILE *f, uint32_t data)
{
    unsigned char h[44] =
        "RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x02\0\x80\xbb\0\0\0\xee\x02\0\x04\0\x10\0data";
    for (int i = 0; i < 4; i++) {
        h[4 + i] = (unsigned char)((36 + data) >> (8 * i));
        h[40 + i] = (unsigned char)(data >> (8 * i));
    }
    assert_int_equal(fwrite(h, 1, sizeof h, f), sizeof h);
}

/* A routine whose files changed after it was checked: twelve steps each naming a sound of six
 * minutes (a WAV header and a sparse file of the right size: 69 MB of silence). The audio
 * measures each from its header and skips it, never decoding (which once cost seconds on the
 * frame loop per file, and with enough of them, a crash), and counts them for the staff. */
static void sounds_over_the_limits_are_skipped_not_decoded(void **state)
{
    (void)state;
    char dir[] = "/tmp/ease-audio-limits-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/six-minutes.wav", dir);
    uint32_t data = 48000u * 4 * 360;
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    write_wav_header(f, data);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(truncate(path, (off_t)(44 + data)), 0);
    snprintf(path, sizeof path, "%s/long.yaml", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "id: long\ntitle: Long\nkind: breathing\nsteps:\n");
    for (int i = 0; i < 12; i++)
        fprintf(f, "  - duration: 10s\n    sound: six-minutes.wav\n");
    assert_int_equal(fclose(f), 0);

    diag_list diag;
    diag_init(&diag);
    routine *r = NULL;
    assert_true(routine_load_file(path, &r, &diag)); /* loaded, not checked */
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_AUDIO), 0);
    audio *au = audio_open(true, NULL, (int64_t)SDL_GetTicks64());
    assert_non_null(au);
    assert_true(audio_is_live(au));
    audio_begin_routine(au, r);
    audio_wait_files(au); /* decoded (here: measured and skipped) off the frame loop */
    assert_int_equal(audio_files_skipped(au), 12);
    audio_end_routine(au, false);
    audio_close(au);
    routine_free(r);
    diag_free(&diag);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

/* A step's recorded instruction is decoded off the frame loop: the bell is handed over at once,
 * before the recording can be ready, and the recording still plays (joined part-way, in step
 * with the routine, once it is decoded), on the device's own thread. */
static void a_step_recording_decoded_off_the_frame_loop_still_plays(void **state)
{
    (void)state;
    char dir[] = "/tmp/ease-audio-step-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/words.wav", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    enum { FRAMES = 48000 * 2 };
    write_wav_header(f, FRAMES * 4);
    for (int i = 0; i < FRAMES; i++) {
        int16_t x = (int16_t)(8000 * ((i / 50) % 2 ? 1 : -1)); /* a 480 Hz square wave */
        int16_t frame[2] = {x, x};
        assert_int_equal(fwrite(frame, sizeof frame, 1, f), 1);
    }
    assert_int_equal(fclose(f), 0);
    snprintf(path, sizeof path, "%s/step.yaml", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "id: step\ntitle: Step\nkind: breathing\nsteps:\n  - duration: 10s\n"
               "    sound: words.wav\n");
    assert_int_equal(fclose(f), 0);

    diag_list diag;
    diag_init(&diag);
    routine *r = NULL;
    plan *p = NULL;
    assert_true(routine_load_file(path, &r, &diag));
    assert_true(plan_compile(r, NULL, 1, &p, &diag));
    assert_true(p->cue_count >= 1 && p->cues[0].event == CUE_EVENT_STEP);
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_AUDIO), 0);
    audio *au = audio_open(true, NULL, (int64_t)SDL_GetTicks64());
    assert_true(audio_is_live(au));
    audio_begin_routine(au, r);
    int64_t now = audio_clock_ms(au, (int64_t)SDL_GetTicks64());
    cue_action action;
    cue_policy_decide(p, &p->cues[0], &(cue_policy_options){.voice = false}, &action);
    assert_true(action.recording);
    int64_t at = now + AUDIO_LOOKAHEAD_MS;
    audio_play_action(au, &action, at, at, at, 0);
    audio_stats stats = {0};
    for (int i = 0; i < 3000 && stats.cues < 2; i++) { /* 30 s: a loaded machine */
        SDL_Delay(10);
        audio_poll(au, (int64_t)SDL_GetTicks64());
        audio_get_stats(au, &stats);
    }
    assert_int_equal(stats.cues, 2); /* the bell, and the recording */
    audio_end_routine(au, false);
    audio_close(au);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

/* Whether the words being read aloud for the screen on show include text. */
static bool reading(const app *a, const char *text)
{
    for (size_t i = 0; i < probe_read_said(a)->count; i++)
        if (strstr(probe_read_said(a)->items[i].text, text))
            return true;
    return false;
}

/* Runs until the audio has mixed more voices than before (the screen's words, rendered by
 * espeak-ng off the frame loop), for at most 60 virtual seconds: a count, not a speed. */
static int64_t run_until_heard(app *a, int64_t before)
{
    audio_stats stats = {0};
    for (int i = 0; i < 120; i++) {
        e2e_run(a, 500);
        audio_get_stats(probe_audio(a), &stats);
        if (stats.cues > before)
            break;
    }
    return stats.cues;
}

/* "Read aloud": a patient who asks hears each screen's question, choices and safety note, once
 * per screen (a screen drawn again is not read again), the stop question too, and never the
 * play screen (the routine has its own voice). */
static void read_aloud_reads_each_screen_once(void **state)
{
    (void)state;
    app *a = open_with_sound();
    e2e_frame(a);
    assert_int_equal(probe_read_said(a)->count, 0); /* nobody asked */
    e2e_tap(a, ACTION_READ_ALOUD, 0, E2E_TOUCH);
    assert_true(probe_read_aloud(a));
    assert_true(reading(a, catalogue_get(probe_strings(a), "en", "touch-to-begin")));
    audio_stats stats;
    audio_get_stats(probe_audio(a), &stats);
    int64_t heard = run_until_heard(a, stats.cues);
    assert_true(heard > stats.cues);
    /* Drawn again and again (the attract screen moves): the same words, not read again. */
    size_t said = probe_read_fed(a);
    e2e_run(a, 2000);
    assert_int_equal(probe_read_fed(a), said);

    e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
    assert_true(reading(a, catalogue_get(probe_strings(a), "en", "choose-title")));
    assert_true(reading(a, catalogue_get(probe_strings(a), "en", "kind-breathing")));
    assert_false(reading(a, catalogue_get(probe_strings(a), "en", "touch-to-begin")));
    heard = run_until_heard(a, heard);
    e2e_tap(a, ACTION_KIND, ROUTINE_KIND_BREATHING, E2E_TOUCH);
    e2e_tap(a, ACTION_ROUTINE, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_CARD);
    const routine *r = probe_flow(a)->routine;
    assert_non_null(r);
    assert_true(reading(a, routine_text_get(&r->safety, "en"))); /* the card's safety note */
    heard = run_until_heard(a, heard);
    e2e_tap(a, ACTION_START, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_SAFETY); /* the general notice, read too */
    assert_true(reading(a, catalogue_get(probe_strings(a), "en", "general-safety")));
    e2e_tap(a, ACTION_SAFETY_READ, 0, E2E_TOUCH);
    assert_true(reading(a, catalogue_get(probe_strings(a), "en", "rate-question")));
    e2e_rate(a, 5, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);
    e2e_frame(a);
    assert_int_equal(probe_read_said(a)->count, 0); /* the routine speaks for itself */
    e2e_run(a, 2000);
    e2e_tap(a, ACTION_STOP, 0, E2E_TOUCH);
    assert_int_equal(probe_flow(a)->screen, FLOW_CONFIRM_STOP);
    assert_true(reading(a, catalogue_get(probe_strings(a), "en", "stop-question")));
    /* Heard while the routine waits, paused. */
    audio_get_stats(probe_audio(a), &stats);
    assert_true(run_until_heard(a, stats.cues) > stats.cues);
    e2e_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_device_lost_mid_routine_does_not_stop_it),
        cmocka_unit_test(sounds_over_the_limits_are_skipped_not_decoded),
        cmocka_unit_test(a_step_recording_decoded_off_the_frame_loop_still_plays),
        cmocka_unit_test(read_aloud_reads_each_screen_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
