/* bench_frames [ROUTINE [FROM [SECONDS]]]: what drawing a moving play screen costs, in CPU time a
 * frame, at 1920x1080 on SDL's software renderer (an offscreen image: no X server, so the numbers
 * hold still on a busy machine, and showing the frame is left out). The real frame loop draws
 * SECONDS (default 20) of the routine from FROM (default 30s) at 60 frames a second of routine
 * time: whole frames when the words change, otherwise only what moved, as in the kiosk.
 *
 * Prints the CPU a drawn frame takes (mean and the worst tenth), the frames drawn, how many of
 * them whole, and what that costs at 60 frames a second as a share of one core (the number
 * bench_kiosk.sh measures, less the showing). Not a test: ctest never runs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "duration.h"
#include "loop.h"

static double bench_cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1000 + (double)t.tv_nsec / 1e6;
}

static int bench_compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : EASE_SOURCE_DIR "/routines/coherent-breathing.yaml";
    int64_t from_ms = 30000, seconds = 20;
    char error[512] = "";
    if ((argc > 2 && !duration_parse_ms(argv[2], &from_ms)) ||
        (argc > 3 && (seconds = atoll(argv[3])) <= 0) || argc > 4) {
        fprintf(stderr, "usage: bench_frames [ROUTINE [FROM [SECONDS]]]   (FROM like 1m18s)\n");
        return 2;
    }
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "bench_frames: %s\n", SDL_GetError());
        return 1;
    }
    app *a = calloc(1, sizeof *a);
    app_options opts = {.speed_permille = 1000, .routine_file = path};
    if (!a || !gfx_open_offscreen(&a->g, 1920, 1080, error, sizeof error) ||
        !app_init(a, &opts, error, sizeof error) || a->library.count == 0) {
        fprintf(stderr, "bench_frames: cannot play %s: %s\n", path, a ? error : "no memory");
        return 1;
    }
    int64_t now = 1000;
    app_preview_start(a, 1, from_ms, now, 1700000000000);
    loop_options options = {.pause_at_ms = -1, .level = 1, .from_ms = from_ms};
    loop l;
    loop_init(&l, a, &options, now);
    app_draw(a);
    /* Frames at 60 a second of routine time, drawn when the loop would draw them. */
    int64_t frames = seconds * 60, drawn = 0, whole = 0;
    double *costs = calloc((size_t)frames, sizeof *costs), total = 0;
    for (int64_t k = 1; k <= frames && costs; k++) {
        now = 1000 + k * 1000 / 60;
        app_update(a, now, 1700000000000 + now);
        if (!app_animating(a) || (!a->dirty && now < l.next_frame_ms))
            continue;
        bool full = a->dirty || app_signature(a) != a->shown;
        double started = bench_cpu_ms();
        loop_draw_frame(&l, a, now);
        double cost = bench_cpu_ms() - started;
        costs[drawn++] = cost;
        total += cost;
        whole += full;
    }
    if (drawn == 0) {
        fprintf(stderr, "bench_frames: nothing moved from %lld ms\n", (long long)from_ms);
        return 1;
    }
    qsort(costs, (size_t)drawn, sizeof *costs, bench_compare);
    double mean = total / (double)drawn;
    printf("routine: %s from %lld ms, %lld s at 60 frames a second, 1920x1080 offscreen (%s)\n",
           path, (long long)from_ms, (long long)seconds, EASE_BUILD_TYPE);
    printf("frames_drawn: %lld (%lld whole)\n", (long long)drawn, (long long)whole);
    printf("frame_cpu_mean: %.3f ms\n", mean);
    printf("frame_cpu_p90: %.3f ms\n", costs[(size_t)((double)drawn * 0.9)]);
    printf("drawing_share: %.2f %% of one core (frames drawn per second x mean)\n",
           total / (double)seconds / 1000 * 100);
    free(costs);
    loop_free(&l);
    app_free(a);
    gfx_close(&a->g);
    free(a);
    SDL_Quit();
    return 0;
}
