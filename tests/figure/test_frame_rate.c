/* What moves is drawn at the display's rate, and nothing is drawn when nothing moves (issue 13:
 * at least 50 frames a second while the pacer or the figure moves). The frame loop decides when
 * the next frame is worth drawing; this test runs the real loop on a virtual clock, sleeping
 * exactly as long as loop_wait_ms says (as the kiosk does), and reads the frames it drew from
 * its own trace. Nothing here depends on how fast the machine is: only the loop's decisions
 * are counted, never the time a frame takes.
 *
 * It guards a real regression: once the pacer's words were put under the disc, the loop
 * measured the growing disc by the width of disc and words together, which the words kept
 * constant, and the pacer fell to 4 frames a second. */
#include "e2e_support.h"

typedef struct {
    const char *routine; /* under routines/ */
    int64_t from_ms;     /* a moment where it moves */
    bool reduced_motion;
    double least_moving_fps; /* frames a second while moving, at least */
    int least_frames;        /* frames drawn in the window, at least */
    int most_frames;         /* and at most (nothing drawn twice for one change) */
} rate_case;

enum { RATE_WINDOW_MS = 4000 };

/* The frames drawn over RATE_WINDOW_MS of routine time from c->from_ms. */
static void frames_at_the_display_rate(const rate_case *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/routines/%s.yaml", EASE_SOURCE_DIR, c->routine);
    app_options opts = {.speed_permille = 1000, .routine_file = path};
    app *a = e2e_open_with(1920, 1080, &opts);
    a->config.reduced_motion = c->reduced_motion;
    int64_t now = probe_now_ms(a);
    app_preview_start(a, 1, c->from_ms, now, 1700000000000 + now);
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);
    loop l;
    loop_options options = {.pause_at_ms = -1};
    loop_init(&l, a, &options, now);
    l.keep_stats = true;
    int64_t start = now, end = now + RATE_WINDOW_MS;
    int passes = 0;
    while (now < end && passes < 100000) {
        loop_time t = E2E_TIME(now, 1700000000000 + now);
        loop_pass(&l, a, t);
        int64_t wait = loop_wait_ms(&l, a, t);
        now += wait > 0 ? wait : 1;
        passes++;
    }
    assert_true(passes < 100000); /* the loop sleeps between frames, never spins */
    assert_int_equal(probe_flow(a)->screen, FLOW_PLAY);
    /* As bench_kiosk.sh counts: gaps under 100 ms are frames of one movement. */
    int frames = 0, gaps = 0;
    int64_t last = -1, moving_ms = 0, longest = 0;
    for (size_t i = 0; i < l.stats.count; i++) {
        int64_t at = l.stats.frames[i].at_ms;
        if (at < start)
            continue;
        frames++;
        if (last >= 0 && at - last < 100) {
            gaps++;
            moving_ms += at - last;
        }
        if (last >= 0 && at - last > longest)
            longest = at - last;
        last = at;
    }
    double fps = moving_ms > 0 ? gaps * 1000.0 / (double)moving_ms : 0;
    printf("%s from %lld ms%s: %d frames in %d ms, %.1f a second while moving, longest gap %lld "
           "ms\n",
           c->routine, (long long)c->from_ms, c->reduced_motion ? " (reduced motion)" : "", frames,
           RATE_WINDOW_MS, fps, (long long)longest);
    if (fps < c->least_moving_fps || frames < c->least_frames || frames > c->most_frames)
        fail_msg("%s from %lld ms: %d frames (%d to %d wanted), %.1f a second while moving "
                 "(at least %.0f)",
                 c->routine, (long long)c->from_ms, frames, c->least_frames, c->most_frames, fps,
                 c->least_moving_fps);
    loop_free(&l);
    e2e_close(a);
}

static void breathing_disc_at_the_display_rate(void **state)
{
    (void)state;
    /* Breaths of 5 s in and out: the disc grows and shrinks all the time but at the turn. */
    rate_case c = {"coherent-breathing", 30000, false, 50, 200, 4 * 63};
    frames_at_the_display_rate(&c);
}

static void box_breathing_at_the_display_rate(void **state)
{
    (void)state;
    /* Holds of 4 s: the rim fills a few times a second, the breaths at the display's rate. */
    rate_case c = {"box-breathing", 30000, false, 50, 60, 4 * 63};
    frames_at_the_display_rate(&c);
}

static void reduced_motion_breath_in_steps_of_light(void **state)
{
    (void)state;
    /* The disc keeps its size; its light changes, a level of colour at a time. */
    rate_case c = {"coherent-breathing", 30000, true, 20, 60, 4 * 63};
    frames_at_the_display_rate(&c);
}

static void tai_chi_figure_at_the_display_rate(void **state)
{
    (void)state;
    /* Parting the wild horse's mane: the figure steps and moves all the time. */
    rate_case c = {"tai-chi-short-form", 78000, false, 50, 200, 4 * 63};
    frames_at_the_display_rate(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(breathing_disc_at_the_display_rate),
        cmocka_unit_test(box_breathing_at_the_display_rate),
        cmocka_unit_test(reduced_motion_breath_in_steps_of_light),
        cmocka_unit_test(tai_chi_figure_at_the_display_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
