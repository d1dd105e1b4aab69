#include "test_support.h"

#include "flow.h"
#include "player.h"

static const char *const breathing =
    "id: b\ntitle: B\nkind: breathing\nsteps:\n"
    "  - duration: 5s\n"
    "  - breathe: {pattern: [{inhale: 4s}, {exhale: 6s}], cycles: 3}\n";

typedef struct {
    routine *r;
    plan *p;
    diag_list diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    diag_init(&f->diag);
    f->r = test_load_checked(breathing, NULL, &f->diag);
    assert_non_null(f->r);
    assert_true(plan_compile(f->r, NULL, 1, &f->p, &f->diag));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    plan_free(f->p);
    routine_free(f->r);
    diag_free(&f->diag);
    free(f);
    return 0;
}

/* Every cue handed out while advancing in frames of frame_ms from start to end. */
static size_t play(player *pl, int64_t start, int64_t end, int64_t frame_ms, plan_cue *out,
                   int64_t *handed_at)
{
    size_t n = 0;
    for (int64_t now = start; now <= end; now += frame_ms) {
        plan_cue due[8];
        size_t k = player_advance(pl, now, due, 8);
        for (size_t i = 0; i < k; i++) {
            handed_at[n] = now;
            out[n++] = due[i];
        }
    }
    return n;
}

static void hands_out_every_cue_once_on_the_first_frame_after_it(void **state)
{
    fixture *f = *state;
    player pl;
    player_init(&pl, f->p, 1000);
    player_start(&pl, 10000);
    plan_cue cues[64];
    int64_t at[64];
    size_t n = play(&pl, 10000, 10000 + 40000, 16, cues, at);
    assert_int_equal(n, f->p->cue_count);
    for (size_t i = 0; i < n; i++) {
        int64_t planned = 10000 + cues[i].at_ms;
        assert_true(at[i] >= planned);
        assert_true(at[i] - planned < 16);
    }
    assert_int_equal(pl.state, PLAYER_FINISHED);
    assert_int_equal(player_steps_completed(&pl), 2);
}

static void a_pause_shifts_everything_after_it_by_exactly_the_pause(void **state)
{
    fixture *f = *state;
    player pl;
    player_init(&pl, f->p, 1000);
    player_start(&pl, 0);
    plan_cue cues[64];
    int64_t at[64];
    size_t n = play(&pl, 0, 7000, 1, cues, at);
    player_pause(&pl, 7000);
    assert_int_equal(player_position_at(&pl, 7000), 7000);
    assert_int_equal(player_advance(&pl, 9000, cues + n, 8), 0); /* frozen */
    assert_int_equal(player_position_at(&pl, 60000), 7000);
    player_resume(&pl, 67000); /* paused for 60 s */
    n += play(&pl, 67001, 100000, 1, cues + n, at + n);
    assert_int_equal(n, f->p->cue_count);
    for (size_t i = 0; i < n; i++) {
        int64_t planned = cues[i].at_ms + (cues[i].at_ms > 7000 ? 60000 : 0);
        assert_int_equal(at[i], planned);
        assert_int_equal(player_clock_at(&pl, cues[i].at_ms),
                         cues[i].at_ms > 7000 ? planned : planned + 60000);
    }
}

static void previews_play_faster_and_can_start_anywhere(void **state)
{
    fixture *f = *state;
    player pl;
    player_init(&pl, f->p, 4000);
    player_start(&pl, 0);
    player_seek(&pl, 0, 15000);
    plan_cue due[8];
    size_t k = player_advance(&pl, 0, due, 8);
    assert_int_equal(k, 1); /* the inhale at exactly 15 s */
    assert_int_equal(due[0].at_ms, 15000);
    assert_int_equal(player_position_at(&pl, 1000), 19000);
    assert_int_equal(f->p->segments[pl.segment].kind, SEGMENT_INHALE);
}

static void stopping_keeps_the_position(void **state)
{
    fixture *f = *state;
    player pl;
    player_init(&pl, f->p, 1000);
    player_start(&pl, 0);
    plan_cue due[8];
    player_advance(&pl, 12000, due, 8);
    player_stop(&pl, 12500);
    assert_int_equal(pl.state, PLAYER_STOPPED);
    assert_int_equal(player_position_at(&pl, 99999), 12500);
    assert_int_equal(player_steps_completed(&pl), 1);
    assert_int_equal(player_advance(&pl, 20000, due, 8), 0);
}

/* The audio's hand-over: each cue once, a little before its moment, never again by advance,
 * and none while paused. */
static void cues_ahead_are_handed_early_and_only_once(void **state)
{
    fixture *f = *state;
    player pl;
    player_init(&pl, f->p, 1000);
    player_start(&pl, 1000);
    plan_cue cues[64];
    size_t n = 0;
    for (int64_t now = 1000; now <= 1000 + 40000; now += 5) {
        plan_cue due[8];
        assert_true(player_next_cue_clock_ms(&pl) == -1 || player_next_cue_clock_ms(&pl) >= now);
        size_t k = player_take_cues_ahead(&pl, now, 15, due, 8);
        for (size_t i = 0; i < k; i++) {
            int64_t planned = player_clock_at(&pl, due[i].at_ms);
            assert_true(planned - now <= 15 && (planned - now > 15 - 5 || now == 1000));
            cues[n++] = due[i];
        }
        assert_int_equal(player_advance(&pl, now, due, 8), 0); /* already handed */
        if (n == 3 && pl.state == PLAYER_PLAYING) {
            player_pause(&pl, now);
            assert_int_equal(player_take_cues_ahead(&pl, now + 100000, 15, due, 8), 0);
            assert_int_equal(player_next_cue_clock_ms(&pl), -1);
            player_resume(&pl, now + 1);
        }
    }
    assert_int_equal(n, f->p->cue_count);
    for (size_t i = 1; i < n; i++)
        assert_true(cues[i].at_ms >= cues[i - 1].at_ms);
}

/* A cleared player (its plan about to be freed) answers "nothing playing" to every question and
 * refuses to start or seek, so nothing can reach the plan through it afterwards. */
static void a_cleared_player_forgets_its_plan(void **state)
{
    fixture *f = *state;
    player pl;
    player_init(&pl, f->p, 500);
    player_start(&pl, 0);
    plan_cue due[8];
    player_advance(&pl, 6000, due, 8);
    player_clear(&pl);
    assert_null(pl.plan);
    assert_int_equal(pl.state, PLAYER_READY);
    assert_int_equal(pl.speed_permille, 500);
    player_start(&pl, 7000);
    player_seek(&pl, 7000, 3000);
    assert_int_equal(pl.state, PLAYER_READY);
    assert_int_equal(player_advance(&pl, 9000, due, 8), 0);
    assert_int_equal(player_take_cues_ahead(&pl, 9000, 15, due, 8), 0);
    assert_int_equal(player_next_cue_clock_ms(&pl), -1);
    assert_int_equal(player_position_at(&pl, 9000), 0);
    assert_int_equal(player_steps_completed(&pl), 0);
}

/* The flow owns the plan and frees it between routines (stop, walking away, a new library): its
 * player must let go at the same moment, or the shell would read a freed plan through it. */
static void the_flow_clears_its_player_when_it_frees_the_plan(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine_library lib;
    library_init(&lib);
    lib.capacity = lib.count = 1;
    lib.routines = calloc(1, sizeof *lib.routines);
    lib.routines[0] = test_load_checked(breathing, NULL, &diag);
    assert_non_null(lib.routines[0]);
    flow_settings settings = {.idle_ms = 90000, .speed_permille = 1000};
    flow f;
    flow_init(&f, &lib, NULL, &settings, 0);
    flow_begin(&f, 100);
    flow_choose_kind(&f, ROUTINE_KIND_BREATHING, 200);
    flow_choose_routine(&f, flow_routine_at(&f, ROUTINE_KIND_BREATHING, 0), 300);
    assert_true(flow_start(&f, 400, 0));
    assert_int_equal(f.screen, FLOW_SAFETY); /* the general notice, once a visit */
    flow_safety_read(&f, 450, 450);
    assert_int_equal(f.screen, FLOW_PLAY);
    assert_ptr_equal(f.player.plan, f.plan);
    plan_cue cues[8];
    flow_tick(&f, 2000, 2000, cues, 8);
    flow_request_stop(&f, 2500);
    flow_confirm_stop(&f, STOP_REASON_TOO_TIRING, 3000, 3000);
    /* Back at the start, whatever screen the stop leads to, the plan is gone and so is the
     * player's view of it. */
    for (int64_t t = 3000; f.screen != FLOW_ATTRACT && t < 3000 + 10 * 90000; t += 1000)
        flow_tick(&f, t, t, cues, 8);
    assert_int_equal(f.screen, FLOW_ATTRACT);
    assert_null(f.plan);
    assert_null(f.player.plan);
    assert_int_equal(player_next_cue_clock_ms(&f.player), -1);
    assert_int_equal(player_position_at(&f.player, 5000), 0);
    flow_free(&f);
    library_free(&lib);
    diag_free(&diag);
}

/* Every timed step, rest and hold counts down, so a screen never looks frozen: a timed step to
 * the end of the play it is in (its prompts do not restart it, each repeat does), the hold at
 * the end of a repetition, a rest between sets and a rest step to their own end; repetitions
 * and breaths are counted otherwise. */
static void timed_steps_rests_and_holds_count_down(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine *r = test_load_checked("id: c\ntitle: C\nkind: graded-movement\nsteps:\n"
                                   "  - duration: 10s\n    repeat: 2\n    text: Turn\n"
                                   "    prompts:\n      - {at: 4s, text: Now back}\n"
                                   "  - {reps: 2, rep: 3s, hold: 2s, sets: 2, rest: 5s}\n"
                                   "  - rest: 6s\n",
                                   NULL, &diag);
    assert_non_null(r);
    plan *p = NULL;
    assert_true(plan_compile(r, NULL, 1, &p, &diag));
    player pl;
    player_init(&pl, p, 1000);
    /* The timed step: 0-10 s then 10-20 s, a prompt at 4 s in each. */
    assert_int_equal(player_countdown_end_ms(&pl, 0), 10000);
    assert_int_equal(player_countdown_seconds(10000, 0), 10);
    assert_int_equal(player_countdown_end_ms(&pl, 3999), 10000);
    assert_int_equal(player_countdown_end_ms(&pl, 4000), 10000); /* the prompt goes on counting */
    assert_int_equal(player_countdown_seconds(10000, 4000), 6);
    assert_int_equal(player_countdown_seconds(10000, 9001), 1);
    assert_int_equal(player_countdown_seconds(10000, 10000), 0);
    assert_int_equal(player_countdown_end_ms(&pl, 10000), 20000); /* the second repeat */
    assert_int_equal(player_countdown_end_ms(&pl, 15000), 20000);
    /* The exercise from 20 s: rep 3 s (not counted), hold 2 s, rep, hold, rest 5 s, ... */
    bool saw_hold = false, saw_set_rest = false;
    for (int64_t t = 20000; t < p->length_ms; t += 250) {
        const plan_segment *s = &p->segments[plan_segment_at(p, t)];
        int64_t end = player_countdown_end_ms(&pl, t);
        switch (s->kind) {
        case SEGMENT_REP:
            assert_int_equal(end, -1);
            break;
        case SEGMENT_REP_HOLD:
        case SEGMENT_SET_REST:
        case SEGMENT_REST:
            assert_int_equal(end, s->end_ms);
            saw_hold |= s->kind == SEGMENT_REP_HOLD;
            saw_set_rest |= s->kind == SEGMENT_SET_REST;
            assert_true(player_countdown_seconds(end, t) >= 1);
            assert_true(player_countdown_seconds(end, t) <= (s->end_ms - s->start_ms) / 1000);
            break;
        default:
            fail_msg("unexpected segment %s", plan_segment_kind_name(s->kind));
        }
    }
    assert_true(saw_hold && saw_set_rest);
    /* The rest step is the last 6 s. */
    assert_int_equal(player_countdown_end_ms(&pl, p->length_ms - 6000), p->length_ms);
    assert_int_equal(player_countdown_seconds(p->length_ms, p->length_ms - 6000), 6);
    /* Shown as seconds under a minute, minutes and seconds from one on. */
    char text[16];
    player_countdown_format(45, text, sizeof text);
    assert_string_equal(text, "45");
    player_countdown_format(59, text, sizeof text);
    assert_string_equal(text, "59");
    player_countdown_format(60, text, sizeof text);
    assert_string_equal(text, "1:00");
    player_countdown_format(285, text, sizeof text);
    assert_string_equal(text, "4:45");
    player_countdown_format(3605, text, sizeof text);
    assert_string_equal(text, "60:05");
    player_countdown_format(-3, text, sizeof text);
    assert_string_equal(text, "0");
    /* The next change of the number: at each whole second before the end, then the end. */
    assert_int_equal(player_countdown_next_change_ms(10000, 0), 1000);
    assert_int_equal(player_countdown_next_change_ms(10000, 1000), 2000);
    assert_int_equal(player_countdown_next_change_ms(10000, 8500), 9000);
    assert_int_equal(player_countdown_next_change_ms(10000, 9500), 10000);
    plan_free(p);
    routine_free(r);
    diag_free(&diag);
}

/* Breathing is counted by the pacer, phase by phase: no second countdown beside it. */
static void breathing_has_no_step_countdown(void **state)
{
    fixture *f = *state;
    player pl;
    player_init(&pl, f->p, 1000);
    assert_int_equal(player_countdown_end_ms(&pl, 1000), 5000); /* the settling step */
    assert_int_equal(player_countdown_end_ms(&pl, 6000), -1);
    assert_int_equal(player_countdown_end_ms(&pl, 12000), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hands_out_every_cue_once_on_the_first_frame_after_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_pause_shifts_everything_after_it_by_exactly_the_pause,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(previews_play_faster_and_can_start_anywhere, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(stopping_keeps_the_position, setup, teardown),
        cmocka_unit_test_setup_teardown(cues_ahead_are_handed_early_and_only_once, setup, teardown),
        cmocka_unit_test(timed_steps_rests_and_holds_count_down),
        cmocka_unit_test_setup_teardown(breathing_has_no_step_countdown, setup, teardown),
        cmocka_unit_test_setup_teardown(a_cleared_player_forgets_its_plan, setup, teardown),
        cmocka_unit_test(the_flow_clears_its_player_when_it_frees_the_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
