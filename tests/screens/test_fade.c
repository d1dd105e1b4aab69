/* Screens cross-fade: a tap that changes the screen shows the old one letting go over less than
 * 200 ms (the design's), whole frames all the way, and then exactly the new screen; in
 * reduced-motion mode the screen changes at once. Driven by the frame loop's own passes on a
 * virtual clock, so nothing here depends on the machine's speed. */
#include <SDL_image.h>

#include "../e2e/e2e_support.h"

/* The mean difference of two frames, per channel (0-255): how far one is from the other. */
static double mean_difference(const SDL_Surface *x, const SDL_Surface *y)
{
    double sum = 0;
    for (int j = 0; j < x->h; j++)
        for (int i = 0; i < x->w; i++) {
            const Uint8 *p = (const Uint8 *)x->pixels + j * x->pitch + i * 4;
            const Uint8 *q = (const Uint8 *)y->pixels + j * y->pitch + i * 4;
            sum += abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]);
        }
    return sum / (3.0 * x->w * x->h);
}

static void fades_then_settles(bool reduced_motion)
{
    app_options opts = {.speed_permille = 1000, .cross_fade = true};
    app *a = e2e_open_with(800, 480, &opts);
    a->config.reduced_motion = reduced_motion;
    e2e_run(a, 500);
    SDL_Surface *attract = e2e_snapshot(a);
    e2e_tap(a, ACTION_BEGIN, 0, E2E_TOUCH);
    assert_int_equal(a->flow.screen, FLOW_CHOOSE_KIND);
    SDL_Rect all = {0, 0, 800, 480};
    SDL_Surface *first = e2e_snapshot(a); /* the new screen's first frame */
    e2e_run(a, 90);
    SDL_Surface *middle = e2e_snapshot(a);
    e2e_run(a, 400);
    SDL_Surface *settled = e2e_snapshot(a);
    app_draw(a);
    SDL_Surface *fresh = e2e_snapshot(a);
    if (!reduced_motion) { /* to look at: ctest's folder, tests/ under the build */
        IMG_SavePNG(first, "fade-0ms.png");
        IMG_SavePNG(middle, "fade-90ms.png");
        IMG_SavePNG(settled, "fade-settled.png");
    }
    /* Afterwards, nothing of the old screen is left. */
    assert_true(e2e_difference(settled, fresh, all) == 0);
    double from_old = mean_difference(first, attract);
    double to_new = mean_difference(first, settled);
    double middle_new = mean_difference(middle, settled);
    printf("%s: the first frame is %.2f from the old screen and %.2f from the new; 90 ms in, "
           "%.2f from the new (mean difference a channel)\n",
           reduced_motion ? "reduced motion" : "cross-fade", from_old, to_new, middle_new);
    if (reduced_motion) {
        assert_true(to_new == 0); /* the new screen at once */
    } else {
        assert_true(from_old < to_new);   /* it starts from the old screen */
        assert_true(middle_new > 0);      /* half-way, something of the old remains */
        assert_true(middle_new < to_new); /* and less than at first */
        assert_true(mean_difference(middle, first) > 0); /* frames were drawn meanwhile */
    }
    SDL_FreeSurface(attract);
    SDL_FreeSurface(first);
    SDL_FreeSurface(middle);
    SDL_FreeSurface(settled);
    SDL_FreeSurface(fresh);
    e2e_close(a);
}

static void a_new_screen_fades_in(void **state)
{
    (void)state;
    fades_then_settles(false);
}

static void reduced_motion_cuts(void **state)
{
    (void)state;
    fades_then_settles(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_new_screen_fades_in),
        cmocka_unit_test(reduced_motion_cuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
