#include <SDL_image.h>
/* Frames drawn in part must be the frames drawn whole, at the display's rate: a breathing disc
 * growing and shrinking with its words, the tai chi figure (and the countdown beside it), a
 * figure holding a chair, a figure with a focused part (the warm tint moves with the head).
 * Each run draws 60 frames a second of routine time through the frame loop (only what changed,
 * see src/kiosk/draw/draw_moving.h) and, every fifteenth frame, compares the picture with a
 * whole frame drawn afresh. It also checks that what a partial frame redraws is a small part of
 * what moves (the point of drawing in part), by counting pixels, not by timing. */
#include "e2e_support.h"

typedef struct {
    const char *routine; /* under routines/ */
    int64_t from_ms;
    double most_redrawn; /* the share of the moving rectangles' pixels redrawn, at most */
    /* Partial frames that redrew words away from what moves (a countdown beside the figure
     * as its seconds change), at least: they need no whole frame. */
    int words_beside;
} partial_case;

/* The pixels that differ clearly, outside the progress bar (whose end is drawn again once it
 * has crept a whole pixel: app_frame.c), as a share. */
static double partial_difference(app *a, SDL_Surface *partial, SDL_Surface *whole)
{
    SDL_Rect bar = a->moving[1];
    long differ = 0, total = 0;
    for (int y = 0; y < a->g.height; y++)
        for (int x = 0; x < a->g.width; x++) {
            SDL_Point p = {x, y};
            if (SDL_PointInRect(&p, &bar))
                continue;
            const Uint8 *u = (const Uint8 *)partial->pixels + y * partial->pitch + x * 4;
            const Uint8 *w = (const Uint8 *)whole->pixels + y * whole->pitch + x * 4;
            differ += u[0] != w[0] || u[1] != w[1] || u[2] != w[2];
            total++;
        }
    return (double)differ / (double)total;
}

static void partial_frames_are_whole_frames(const partial_case *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/routines/%s.yaml", EASE_SOURCE_DIR, c->routine);
    app_options opts = {.speed_permille = 1000, .routine_file = path};
    app *a = e2e_open_with(1920, 1080, &opts);
    int64_t now = a->now_ms;
    app_preview_start(a, 1, c->from_ms, now, 1700000000000 + now);
    assert_int_equal(a->flow.screen, FLOW_PLAY);
    app_draw(a);
    int partial = 0, compared = 0, words_beside = 0;
    double redrawn = 0, moving = 0;
    for (int k = 1; k <= 360; k++) {
        int64_t t = now + k * 1000 / 60;
        app_update(a, t, 1700000000000 + t);
        if (a->dirty || app_signature(a) != a->shown) {
            app_draw(a);
        } else {
            SDL_Rect shown[64], before = a->moving[0];
            uint64_t filled = a->g.region_pixels;
            int count = app_draw_moving(a, shown, 64);
            assert_true(count >= 0 && count <= 64);
            SDL_Rect after = a->moving[0], both = before;
            SDL_UnionRect(&before, &after, &both);
            bool beside = false;
            for (int i = 0; i < count; i++)
                beside = beside || (!SDL_HasIntersection(&shown[i], &both) &&
                                    !SDL_RectEquals(&shown[i], &a->moving[1]));
            words_beside += beside;
            /* The pixels redrawn: the region's, or (redrawn whole) the visual's rectangle. */
            if (a->g.region_pixels > filled)
                redrawn += (double)(a->g.region_pixels - filled);
            else
                for (int i = 0; i < count; i++)
                    if (!SDL_RectEquals(&shown[i], &a->moving[1]))
                        redrawn += (double)shown[i].w * shown[i].h;
            moving += (double)both.w * both.h;
            partial++;
        }
        if (k % 15 == 0) {
            SDL_Surface *drawn = e2e_snapshot(a);
            app_draw(a);
            SDL_Surface *whole = e2e_snapshot(a);
            double d = partial_difference(a, drawn, whole);
            if (d > 0) { /* both pictures kept beside the test, to look at */
                IMG_SavePNG(drawn, "partial-frame-drawn.png");
                IMG_SavePNG(whole, "partial-frame-whole.png");
            }
            SDL_FreeSurface(drawn);
            SDL_FreeSurface(whole);
            if (d > 0)
                fail_msg("%s from %lld ms, frame %d: the partial frame differs from a whole one in "
                         "%.4f%% of its pixels (see partial-frame-*.png)",
                         c->routine, (long long)c->from_ms, k, d * 100);
            compared++;
        }
    }
    assert_true(compared == 24);
    assert_true(partial > 200); /* most frames were partial, as in the kiosk */
    if (words_beside < c->words_beside)
        fail_msg("%s: %d partial frames redrew words beside what moves, expected %d or more",
                 c->routine, words_beside, c->words_beside);
    printf("%s: partial frames redrew %.0f%% of the moving rectangles' pixels\n", c->routine,
           moving > 0 ? 100 * redrawn / moving : 0);
    if (!(moving > 0 && redrawn / moving <= c->most_redrawn))
        fail_msg("%s: partial frames redrew %.0f%% of the moving rectangles (at most %.0f%%)",
                 c->routine, moving > 0 ? 100 * redrawn / moving : 0, 100 * c->most_redrawn);
    e2e_close(a);
}

static void breathing_disc_in_part(void **state)
{
    (void)state;
    /* Into the first breaths: the disc grows and shrinks, its words move with it. */
    partial_case c = {"coherent-breathing", 30000, 0.40, 0};
    partial_frames_are_whole_frames(&c);
}

static void box_breathing_holds_in_part(void **state)
{
    (void)state;
    partial_case c = {"box-breathing", 30000, 0.40, 0};
    partial_frames_are_whole_frames(&c);
}

static void tai_chi_figure_in_part(void **state)
{
    (void)state;
    /* Parting the wild horse's mane: the whole body moves, so most of it is redrawn. The countdown
     * beside it counts down six seconds, each in a partial frame. */
    partial_case c = {"tai-chi-short-form", 78000, 0.90, 5};
    partial_frames_are_whole_frames(&c);
}

static void heel_raises_with_the_chair_in_part(void **state)
{
    (void)state;
    /* Rising on the toes, hands on the chair's back: the chair and head stay still. */
    partial_case c = {"heel-raises", 21000, 0.70, 0};
    partial_frames_are_whole_frames(&c);
}

static void focused_neck_tilt_in_part(void **state)
{
    (void)state;
    /* Head tilt with 'focus: neck': the tinted head and neck move, the rest stays still. */
    partial_case c = {"neck-shoulders-seated", 142000, 0.70, 0};
    partial_frames_are_whole_frames(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(breathing_disc_in_part),
        cmocka_unit_test(box_breathing_holds_in_part),
        cmocka_unit_test(tai_chi_figure_in_part),
        cmocka_unit_test(heel_raises_with_the_chair_in_part),
        cmocka_unit_test(focused_neck_tilt_in_part),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
