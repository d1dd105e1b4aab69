/* The kiosk's renderer, chosen from what the box has: every combination the field meets. */
#include "test_support.h"

#include "renderer_choice.h"

static renderer_choice choose(config_renderer asked, bool node, bool wayland, bool x11,
                              const char *forced)
{
    renderer_facts facts = {asked, node, wayland, x11, forced};
    renderer_choice out;
    renderer_choose(&facts, &out);
    return out;
}

static void a_gpu_under_cage_draws_accelerated_on_wayland(void **state)
{
    (void)state;
    renderer_choice c = choose(CONFIG_RENDERER_AUTO, true, true, true, NULL);
    assert_int_equal(c.renderer, CONFIG_RENDERER_ACCELERATED);
    assert_string_equal(c.video_driver, "wayland");
    assert_false(c.software_gl);
    assert_non_null(strstr(c.reason, "render node"));
}

static void no_gpu_under_cage_draws_in_software_through_xwayland(void **state)
{
    (void)state;
    renderer_choice c = choose(CONFIG_RENDERER_AUTO, false, true, true, NULL);
    assert_int_equal(c.renderer, CONFIG_RENDERER_SOFTWARE);
    assert_string_equal(c.video_driver, "x11");
    assert_false(c.software_gl);
    assert_non_null(strstr(c.reason, "Xwayland"));
    /* Asked for software with a GPU present: the same light path. */
    c = choose(CONFIG_RENDERER_SOFTWARE, true, true, true, NULL);
    assert_int_equal(c.renderer, CONFIG_RENDERER_SOFTWARE);
    assert_string_equal(c.video_driver, "x11");
    assert_non_null(strstr(c.reason, "as asked"));
}

static void no_gpu_and_no_xwayland_falls_back_to_software_gl_and_says_so(void **state)
{
    (void)state;
    renderer_choice c = choose(CONFIG_RENDERER_AUTO, false, true, false, NULL);
    assert_int_equal(c.renderer, CONFIG_RENDERER_ACCELERATED);
    assert_string_equal(c.video_driver, "wayland");
    assert_true(c.software_gl);
    assert_non_null(strstr(c.reason, "install xwayland"));
}

static void accelerated_asked_without_a_gpu_is_heavy_and_said(void **state)
{
    (void)state;
    renderer_choice c = choose(CONFIG_RENDERER_ACCELERATED, false, true, true, NULL);
    assert_int_equal(c.renderer, CONFIG_RENDERER_ACCELERATED);
    assert_string_equal(c.video_driver, "wayland");
    assert_true(c.software_gl);
    assert_non_null(strstr(c.reason, "heavy"));
}

static void a_desktop_keeps_sdls_own_driver_unless_software(void **state)
{
    (void)state;
    /* X11 desktop with a GPU: accelerated, SDL picks (X11 first). */
    renderer_choice c = choose(CONFIG_RENDERER_AUTO, true, false, true, NULL);
    assert_int_equal(c.renderer, CONFIG_RENDERER_ACCELERATED);
    assert_null(c.video_driver);
    /* No display at all: software, SDL's own choice (which then finds none). */
    c = choose(CONFIG_RENDERER_AUTO, false, false, false, NULL);
    assert_int_equal(c.renderer, CONFIG_RENDERER_SOFTWARE);
    assert_null(c.video_driver);
}

static void a_named_video_driver_is_kept(void **state)
{
    (void)state;
    renderer_choice c = choose(CONFIG_RENDERER_AUTO, false, true, true, "offscreen");
    assert_null(c.video_driver);
    assert_int_equal(c.renderer, CONFIG_RENDERER_SOFTWARE);
    assert_non_null(strstr(c.reason, "SDL_VIDEODRIVER=offscreen"));
    c = choose(CONFIG_RENDERER_AUTO, true, true, true, "wayland");
    assert_int_equal(c.renderer, CONFIG_RENDERER_ACCELERATED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_gpu_under_cage_draws_accelerated_on_wayland),
        cmocka_unit_test(no_gpu_under_cage_draws_in_software_through_xwayland),
        cmocka_unit_test(no_gpu_and_no_xwayland_falls_back_to_software_gl_and_says_so),
        cmocka_unit_test(accelerated_asked_without_a_gpu_is_heavy_and_said),
        cmocka_unit_test(a_desktop_keeps_sdls_own_driver_unless_software),
        cmocka_unit_test(a_named_video_driver_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
