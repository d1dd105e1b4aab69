/* kiosk.yaml's keys for the kiosk box: renderer, rotation, sound device and quiet hours. */
#include "test_support.h"

#include "config.h"

static bool load_text(ease_config *cfg, const char *text, diag_list *diag)
{
    char path[] = "/tmp/ease-config-box-XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_true(config_defaults(cfg, "/r", "/d"));
    bool ok = config_load(cfg, path, diag);
    unlink(path);
    return ok;
}

static void defaults_are_auto_upright_default_device_and_never_quiet(void **state)
{
    (void)state;
    ease_config cfg;
    assert_true(config_defaults(&cfg, "/r", "/d"));
    assert_int_equal(cfg.renderer, CONFIG_RENDERER_AUTO);
    assert_int_equal(cfg.rotation_degrees, 0);
    assert_null(cfg.sound_device);
    for (int minute = 0; minute < 24 * 60; minute += 7)
        assert_false(config_quiet_at(&cfg, minute));
    config_free(&cfg);
}

static void reads_the_box_keys(void **state)
{
    (void)state;
    ease_config cfg;
    diag_list diag;
    diag_init(&diag);
    bool ok = load_text(&cfg,
                        "format: 1\nrenderer: software\nrotation: 270\n"
                        "sound-device: \"HDA Intel PCH, ALC269VC Analog\"\n"
                        "quiet-hours: \"20:30-07:00\"\n",
                        &diag);
    if (!ok)
        test_diag_dump(&diag);
    assert_true(ok);
    assert_int_equal(cfg.renderer, CONFIG_RENDERER_SOFTWARE);
    assert_string_equal(config_renderer_name(cfg.renderer), "software");
    assert_int_equal(cfg.rotation_degrees, 270);
    assert_string_equal(cfg.sound_device, "HDA Intel PCH, ALC269VC Analog");
    /* Overnight: from 20:30 up to (not including) 07:00. */
    assert_false(config_quiet_at(&cfg, 20 * 60 + 29));
    assert_true(config_quiet_at(&cfg, 20 * 60 + 30));
    assert_true(config_quiet_at(&cfg, 0));
    assert_true(config_quiet_at(&cfg, 6 * 60 + 59));
    assert_false(config_quiet_at(&cfg, 7 * 60));
    assert_false(config_quiet_at(&cfg, 12 * 60));
    config_free(&cfg);
    diag_free(&diag);
}

static void quiet_hours_within_a_day(void **state)
{
    (void)state;
    ease_config cfg;
    diag_list diag;
    diag_init(&diag);
    assert_true(load_text(&cfg, "format: 1\nquiet-hours: \"12:00-13:30\"\n", &diag));
    assert_false(config_quiet_at(&cfg, 11 * 60 + 59));
    assert_true(config_quiet_at(&cfg, 12 * 60));
    assert_true(config_quiet_at(&cfg, 13 * 60 + 29));
    assert_false(config_quiet_at(&cfg, 13 * 60 + 30));
    config_free(&cfg);
    diag_free(&diag);
}

static void bad_values_are_errors_at_their_place_and_change_nothing(void **state)
{
    (void)state;
    ease_config cfg;
    diag_list diag;
    diag_init(&diag);
    assert_false(load_text(&cfg,
                           "format: 1\nrenderer: fast\nrotation: 45\n"
                           "quiet-hours: \"25:00-07:00\"\nsound-device: [a]\n",
                           &diag));
    assert_true(test_diag_has(&diag, 2, 11, "renderer"));
    assert_true(test_diag_has(&diag, 3, 11, "rotation"));
    assert_true(test_diag_has(&diag, 4, 14, "'quiet-hours' must be two local times"));
    assert_true(test_diag_has(&diag, 5, 15, "sound-device"));
    assert_int_equal(cfg.renderer, CONFIG_RENDERER_AUTO);
    assert_int_equal(cfg.rotation_degrees, 0);
    assert_null(cfg.sound_device);
    assert_false(config_quiet_at(&cfg, 0));
    config_free(&cfg);
    diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_auto_upright_default_device_and_never_quiet),
        cmocka_unit_test(reads_the_box_keys),
        cmocka_unit_test(quiet_hours_within_a_day),
        cmocka_unit_test(bad_values_are_errors_at_their_place_and_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
