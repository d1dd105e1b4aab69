/* Paused: the whole picture dims evenly, so the figure is never cut in two by a band across its
 * chest (issue 15), and "Paused" is said on a plate of its own. Checked on the figure's box: the
 * paused frame differs from the playing one near its top and near its bottom alike. Driven by
 * the frame loop's own passes on a virtual clock. */
#include <SDL_image.h>

#include "../e2e/e2e_support.h"

/* The mean difference a channel (0-255) of two frames within rect. */
static double mean_difference_in(const SDL_Surface *x, const SDL_Surface *y, SDL_Rect r)
{
    double sum = 0;
    for (int j = r.y; j < r.y + r.h; j++)
        for (int i = r.x; i < r.x + r.w; i++) {
            const Uint8 *p = (const Uint8 *)x->pixels + j * x->pitch + i * 4;
            const Uint8 *q = (const Uint8 *)y->pixels + j * y->pitch + i * 4;
            sum += abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]);
        }
    return sum / (3.0 * r.w * r.h);
}

static void paused_dims_the_whole_picture(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {480, 800}};
    for (int z = 0; z < 2; z++) {
        app_options opts = {.speed_permille = 1000};
        app *a = e2e_open_with(sizes[z][0], sizes[z][1], &opts);
        /* To the play screen of a movement routine, as the flow goes there. */
        const routine *r = NULL;
        for (size_t i = 0; i < a->library.count && !r; i++)
            if (a->library.routines[i]->kind == ROUTINE_KIND_GRADED_MOVEMENT)
                r = a->library.routines[i];
        assert_non_null(r);
        flow_set_rating_before(&a->flow, false);
        flow_begin(&a->flow, a->now_ms);
        flow_choose_kind(&a->flow, r->kind, a->now_ms);
        flow_choose_routine(&a->flow, r, a->now_ms);
        assert_true(flow_start(&a->flow, a->now_ms, a->utc_ms));
        flow_safety_read(&a->flow, a->now_ms, a->utc_ms); /* the general notice, once a visit */
        e2e_run(a, 40000);                                /* into the first movement */
        assert_int_equal(a->flow.screen, FLOW_PLAY);
        app_draw(a);
        SDL_Surface *playing = e2e_snapshot(a);
        e2e_tap(a, ACTION_PAUSE, 0, E2E_TOUCH);
        assert_int_equal(a->flow.player.state, PLAYER_PAUSED);
        app_draw(a);
        SDL_Surface *paused = e2e_snapshot(a);
        char name[64];
        snprintf(name, sizeof name, "paused-%dx%d.png", sizes[z][0], sizes[z][1]);
        IMG_SavePNG(paused, name); /* to look at: in ctest's folder */
        /* The figure's box: the left or upper part, below the progress bar. */
        int w = sizes[z][0], h = sizes[z][1];
        SDL_Rect visual = a->layout.portrait ? (SDL_Rect){0, h / 8, w, h * 3 / 8}
                                             : (SDL_Rect){0, h / 8, w * 9 / 20, h * 5 / 8};
        SDL_Rect top = {visual.x, visual.y + visual.h / 4, visual.w, visual.h / 8};
        SDL_Rect bottom = {visual.x, visual.y + visual.h * 5 / 8, visual.w, visual.h / 4};
        double at_top = mean_difference_in(paused, playing, top);
        double at_bottom = mean_difference_in(paused, playing, bottom);
        printf("%dx%d: paused differs from playing by %.1f near the figure's top, %.1f near its "
               "feet\n",
               w, h, at_top, at_bottom);
        assert_true(at_top > 1 && at_bottom > 1); /* dimmed above and below, not one band */
        SDL_FreeSurface(playing);
        SDL_FreeSurface(paused);
        e2e_close(a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paused_dims_the_whole_picture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
