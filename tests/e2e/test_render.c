/* 'ease render' as an author or a test uses it: the real command, PNGs read back with
 * SDL_image. An inhale and an exhale give visibly different pacers; two moments of a tai chi
 * form give different poses; every screen renders at every size. */
#include <SDL_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e_support.h"

static const char *ease_binary;

static SDL_Surface *render(const char *args, const char *name)
{
    char out[256], command[1024];
    snprintf(out, sizeof out, "%s/render-%s.png", TEST_OUTPUT_DIR, name);
    snprintf(command, sizeof command, "'%s' render %s -o '%s'", ease_binary, args, out);
    if (system(command) != 0)
        fail_msg("failed: %s", command);
    SDL_Surface *loaded = IMG_Load(out);
    assert_non_null(loaded);
    SDL_Surface *argb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    return argb;
}

static void inhale_and_exhale_look_different(void **state)
{
    /* Coherent breathing: in 30-35 s, out 35-40 s. Early in each, the pacer is small and
     * large respectively, and the words differ. */
    SDL_Surface *in = render(EASE_SOURCE_DIR "/routines/coherent-breathing.yaml --at 31s", "in");
    SDL_Surface *out = render(EASE_SOURCE_DIR "/routines/coherent-breathing.yaml --at 36s", "out");
    SDL_Rect pacer = {0, 150, 900, 800};
    double d = e2e_difference(in, out, pacer);
    if (d < 0.05)
        fail_msg("the pacers differ in only %.1f%% of pixels", d * 100);
    /* Same moment, same picture: rendering is deterministic. */
    SDL_Surface *again =
        render(EASE_SOURCE_DIR "/routines/coherent-breathing.yaml --at 31s", "in2");
    assert_true(e2e_difference(in, again, (SDL_Rect){0, 0, in->w, in->h}) == 0);
    SDL_FreeSurface(in);
    SDL_FreeSurface(out);
    SDL_FreeSurface(again);
}

static void tai_chi_moves_between_two_moments(void **state)
{
    /* Wave hands like clouds (1:18-1:42): its keyframes differ at 6 s and 18 s in. */
    SDL_Surface *a = render(EASE_SOURCE_DIR "/routines/tai-chi-short-form.yaml --at 1m24s", "tc1");
    SDL_Surface *b = render(EASE_SOURCE_DIR "/routines/tai-chi-short-form.yaml --at 1m36s", "tc2");
    SDL_Rect figure = {0, 150, 900, 800};
    double d = e2e_difference(a, b, figure);
    if (d < 0.01)
        fail_msg("the figures differ in only %.2f%% of pixels", d * 100);
    /* The words beside the figure are the same step's. */
    SDL_Rect words = {1000, 150, 900, 200};
    assert_true(e2e_difference(a, b, words) < 0.01);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
}

/* Pixels of (nearly) colour rgb, in steps of 2, in the whole picture. */
static long count_colour(const SDL_Surface *shot, Uint32 rgb)
{
    long n = 0;
    for (int j = 0; j < shot->h; j += 2)
        for (int i = 0; i < shot->w; i += 2) {
            Uint32 p = *(const Uint32 *)((const Uint8 *)shot->pixels + j * shot->pitch + i * 4);
            int d = abs((int)((p >> 16) & 255) - (int)((rgb >> 16) & 255)) +
                    abs((int)((p >> 8) & 255) - (int)((rgb >> 8) & 255)) +
                    abs((int)(p & 255) - (int)(rgb & 255));
            n += d < 12;
        }
    return n;
}

/* A breathing step with a motion shows the figure and the pacer together at every size, and
 * the figure moves with the breath (arms up on the breath in, down on the breath out). */
static void breathing_with_motion_shows_figure_and_pacer(void **state)
{
    static const char *const sizes[] = {"800x480", "480x800", "1920x1080"};
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        char args[512], name[64];
        SDL_Surface *shot[2];
        for (int k = 0; k < 2; k++) {
            snprintf(args, sizeof args,
                     EASE_SOURCE_DIR "/tests/e2e/breath-with-motion/breath-motion.yaml --size %s "
                                     "--at %s",
                     sizes[z], k == 0 ? "3500ms" : "9s");
            snprintf(name, sizeof name, "breath-motion-%s-%d", sizes[z], k);
            shot[k] = render(args, name);
        }
        int w, h;
        sscanf(sizes[z], "%dx%d", &w, &h);
        long area = (long)w * h / 4; /* pixels sampled */
        /* The calm theme: the figure's cream body, the pacer's blue (in) and green (out). */
        long figure = count_colour(shot[0], 0xF2E6D8), pacer = count_colour(shot[0], 0x56B4E9);
        if (figure < area / 400 || pacer < area / 400)
            fail_msg("%s: the figure covers %ld and the pacer %ld of %ld sampled pixels", sizes[z],
                     figure, pacer, area);
        assert_true(count_colour(shot[1], 0xF2E6D8) > area / 400);
        assert_true(count_colour(shot[1], 0x009E73) > area / 400);
        /* The figure moved: the arms were up, now they are down. */
        assert_true(e2e_difference(shot[0], shot[1], (SDL_Rect){0, 0, w, h}) > 0.01);
        SDL_FreeSurface(shot[0]);
        SDL_FreeSurface(shot[1]);
    }
}

static void every_screen_renders_at_every_size(void **state)
{
    static const char *const screens[] = {
        "attract", "choose", "routines",  "card",  "safety",     "rate",       "play",       "stop",
        "after",   "thanks", "staff-pin", "staff", "tell-staff", "after-pain", "thanks-pain"};
    static const char *const sizes[] = {"800x480", "480x800", "3840x2160"};
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++)
        for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
            char args[512], name[64];
            snprintf(args, sizeof args,
                     EASE_SOURCE_DIR "/routines/neck-shoulders-seated.yaml --screen %s --size %s "
                                     "--at 40s --level 2",
                     screens[s], sizes[z]);
            snprintf(name, sizeof name, "%s-%s", screens[s], sizes[z]);
            SDL_Surface *shot = render(args, name);
            int w, h;
            sscanf(sizes[z], "%dx%d", &w, &h);
            assert_int_equal(shot->w, w);
            assert_int_equal(shot->h, h);
            SDL_FreeSurface(shot);
        }
}

/* Each screen is the one asked for, not another it could fall back to (after the routine, an
 * idle timeout could leave the attract screen; with no PIN set, the staff screen). */
static void each_screen_is_the_one_asked_for(void **state)
{
    static const char *const pairs[][2] = {
        {"after", "attract"},      {"staff-pin", "staff"},       {"thanks", "attract"},
        {"stop", "play"},          {"safety", "card"},           {"after-pain", "after"},
        {"thanks-pain", "thanks"}, {"tell-staff", "thanks-pain"}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        SDL_Surface *shots[2];
        for (int k = 0; k < 2; k++) {
            char args[512], name[64];
            snprintf(args, sizeof args,
                     EASE_SOURCE_DIR "/routines/neck-shoulders-seated.yaml --screen %s --at 50s",
                     pairs[i][k]);
            snprintf(name, sizeof name, "which-%s", pairs[i][k]);
            shots[k] = render(args, name);
        }
        double d = e2e_difference(shots[0], shots[1], (SDL_Rect){0, 0, 1920, 1080});
        if (d < 0.02)
            fail_msg("--screen %s looks like --screen %s (%.2f%% of pixels differ)", pairs[i][0],
                     pairs[i][1], d * 100);
        SDL_FreeSurface(shots[0]);
        SDL_FreeSurface(shots[1]);
    }
}

static void a_broken_routine_is_refused_with_its_errors(void **state)
{
    char path[] = "/tmp/ease-render-XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(write(fd, "id: x\ntitle: X\nkind: breathing\nsteps: []\n", 40) == 40);
    close(fd);
    char command[512];
    snprintf(command, sizeof command, "'%s' render '%s' -o /dev/null 2>/dev/null", ease_binary,
             path);
    int status = system(command);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    unlink(path);
}

int main(int argc, char **argv)
{
    ease_binary = argc > 1 ? argv[1] : "ease";
    IMG_Init(IMG_INIT_PNG);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inhale_and_exhale_look_different),
        cmocka_unit_test(tai_chi_moves_between_two_moments),
        cmocka_unit_test(breathing_with_motion_shows_figure_and_pacer),
        cmocka_unit_test(every_screen_renders_at_every_size),
        cmocka_unit_test(each_screen_is_the_one_asked_for),
        cmocka_unit_test(a_broken_routine_is_refused_with_its_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
