#include "test_support.h"

#include <sys/stat.h>

#include "config.h"
#include "staff_pin.h"

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/ease-config-XXXXXX.yaml");
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void runs_on_defaults(void **state)
{
    ease_config cfg;
    assert_true(config_defaults(&cfg, "/usr/share/ease/routines", "/var/lib/ease"));
    assert_string_equal(cfg.language, "en");
    assert_int_equal(cfg.language_count, 2);
    assert_int_equal(cfg.idle_ms, 90000);
    assert_true(cfg.rate_before);
    assert_true(cfg.rate_after);
    assert_false(cfg.voice);
    assert_int_equal(cfg.theme, CONFIG_THEME_CALM);
    assert_int_equal(cfg.routine_dir_count, 1);
    assert_string_equal(cfg.routine_dirs[0], "/usr/share/ease/routines");
    assert_null(cfg.staff_pin_hash);
    config_free(&cfg);
}

static void reads_every_key(void **state)
{
    char hash[STAFF_PIN_HASH_SIZE];
    assert_true(staff_pin_hash("2468", hash, sizeof hash));
    char text[1024];
    snprintf(
        text, sizeof text,
        "format: 1\nclinic: Riverside Clinic\nkiosk: waiting-room-1\n"
        "languages: [es, en]\nlanguage: en\nidle: 2m\nrate-before: false\n"
        "rate-after: true\nvoice: yes\nspeak-breathing: true\nvolume: 40\ntheme: high-contrast\n"
        "reduced-motion: true\nroutines: [/tmp]\ndata: state\nstaff-pin: \"%s\"\n",
        hash);
    char *path = write_temp(text);
    ease_config cfg;
    assert_true(config_defaults(&cfg, "/r", "/d"));
    diag_list diag;
    diag_init(&diag);
    bool ok = config_load(&cfg, path, &diag);
    if (!ok)
        test_diag_dump(&diag);
    assert_true(ok);
    assert_string_equal(cfg.clinic, "Riverside Clinic");
    assert_string_equal(cfg.kiosk, "waiting-room-1");
    assert_string_equal(cfg.languages[0], "es");
    assert_string_equal(cfg.language, "en");
    assert_int_equal(cfg.idle_ms, 120000);
    assert_false(cfg.rate_before);
    assert_true(cfg.voice);
    assert_true(cfg.speak_breathing);
    assert_int_equal(cfg.volume, 40);
    assert_int_equal(cfg.theme, CONFIG_THEME_HIGH_CONTRAST);
    assert_true(cfg.reduced_motion);
    assert_string_equal(cfg.routine_dirs[0], "/tmp");
    assert_string_equal(cfg.data_dir, "/tmp/state"); /* relative to the file's folder */
    assert_true(staff_pin_verify(cfg.staff_pin_hash, "2468"));
    assert_false(staff_pin_verify(cfg.staff_pin_hash, "2469"));
    config_free(&cfg);
    diag_free(&diag);
    unlink(path);
}

static void a_bad_key_keeps_its_own_default_and_the_rest_apply(void **state)
{
    char *path = write_temp("clinic: Riverside\nidle: soon\nvolum: 40\nlanguage: fr\n"
                            "staff-pin: 1234\ntheme: dark\nvolume: 30\n");
    ease_config cfg;
    assert_true(config_defaults(&cfg, "/r", "/d"));
    diag_list diag;
    diag_init(&diag);
    assert_false(config_load(&cfg, path, &diag));
    assert_string_equal(cfg.clinic, "Riverside"); /* a good key applies */
    assert_int_equal(cfg.volume, 30);
    assert_int_equal(cfg.idle_ms, 90000); /* each bad key keeps its default */
    assert_string_equal(cfg.language, "en");
    assert_int_equal(cfg.theme, CONFIG_THEME_CALM);
    assert_null(cfg.staff_pin_hash);
    assert_string_equal(cfg.path, path);
    assert_diag(&diag, 2, 7, "'idle' must be a time from 15s to 30m");
    assert_diag(&diag, 3, 1, "did you mean 'volume'?");
    assert_diag(&diag, 4, 11, "'language' is 'fr', which is not one of 'languages'");
    assert_diag(&diag, 5, 12, "never the PIN itself");
    assert_diag(&diag, 6, 8, "'theme' must be one of calm or high-contrast");
    assert_diag(&diag, 0, 0,
                "these keys keep their defaults: language, idle, theme, staff-pin; every other "
                "key applies");
    assert_int_equal(diag.errors, 5);
    config_free(&cfg);
    diag_free(&diag);
    unlink(path);
}

/* The hostile case: one bad value beside a good PIN once started the kiosk on all defaults, which
 * have no PIN. */
static void a_bad_key_beside_the_pin_keeps_the_pin(void **state)
{
    char hash[STAFF_PIN_HASH_SIZE];
    assert_true(staff_pin_hash("2468", hash, sizeof hash));
    char text[512];
    snprintf(text, sizeof text,
             "idle: 5s\nlanguages: [en, 12]\nroutines: {a: b}\ndata: [x]\nstaff-pin: \"%s\"\n",
             hash);
    char *path = write_temp(text);
    ease_config cfg;
    assert_true(config_defaults(&cfg, "/r", "/d"));
    diag_list diag;
    diag_init(&diag);
    assert_false(config_load(&cfg, path, &diag));
    assert_non_null(cfg.staff_pin_hash);
    assert_true(staff_pin_verify(cfg.staff_pin_hash, "2468"));
    assert_int_equal(cfg.idle_ms, 90000);
    assert_int_equal(cfg.language_count, 2); /* half a list is not applied */
    assert_int_equal(cfg.routine_dir_count, 1);
    assert_string_equal(cfg.routine_dirs[0], "/r");
    assert_string_equal(cfg.data_dir, "/d");
    assert_diag(&diag, 1, 7, "'idle' must be a time");
    config_free(&cfg);
    diag_free(&diag);
    unlink(path);
}

/* Not YAML at all: nothing in it is trusted, the configuration stays as it was. */
static void a_file_that_is_not_yaml_changes_nothing(void **state)
{
    char *path = write_temp("clinic: [unclosed\n");
    ease_config cfg;
    assert_true(config_defaults(&cfg, "/r", "/d"));
    diag_list diag;
    diag_init(&diag);
    assert_false(config_load(&cfg, path, &diag));
    assert_null(cfg.path);
    assert_string_equal(cfg.clinic, "");
    config_free(&cfg);
    diag_free(&diag);
    unlink(path);
}

/* Installed, /etc/ease/kiosk.yaml names no folders: the bundled ones are read, then the clinic's
 * /etc/ease/routines beside it, when that exists. */
static void the_clinic_folder_beside_the_file_joins_the_defaults(void **state)
{
    char folder[] = "/tmp/ease-config-dir-XXXXXX";
    assert_non_null(mkdtemp(folder));
    char path[128], own[128];
    snprintf(path, sizeof path, "%s/kiosk.yaml", folder);
    snprintf(own, sizeof own, "%s/routines", folder);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs("format: 1\n", file);
    fclose(file);
    diag_list diag;
    diag_init(&diag);
    ease_config cfg;
    /* No folder there yet: the defaults alone, and nothing to report. */
    assert_true(config_defaults(&cfg, "/usr/share/ease/routines", "/d"));
    assert_true(config_load(&cfg, path, &diag));
    assert_int_equal(cfg.routine_dir_count, 1);
    assert_int_equal(diag.count, 0);
    config_free(&cfg);
    assert_int_equal(mkdir(own, 0755), 0);
    assert_true(config_defaults(&cfg, "/usr/share/ease/routines", "/d"));
    assert_true(config_load(&cfg, path, &diag));
    assert_int_equal(cfg.routine_dir_count, 2);
    assert_string_equal(cfg.routine_dirs[0], "/usr/share/ease/routines");
    assert_string_equal(cfg.routine_dirs[1], own);
    config_free(&cfg);
    /* A list given is the whole list. */
    file = fopen(path, "w");
    assert_non_null(file);
    fputs("routines: [/tmp]\n", file);
    fclose(file);
    assert_true(config_defaults(&cfg, "/usr/share/ease/routines", "/d"));
    assert_true(config_load(&cfg, path, &diag));
    assert_int_equal(cfg.routine_dir_count, 1);
    assert_string_equal(cfg.routine_dirs[0], "/tmp");
    config_free(&cfg);
    diag_free(&diag);
    unlink(path);
    rmdir(own);
    rmdir(folder);
}

static void pins_are_digits_and_hashes_are_salted(void **state)
{
    assert_true(staff_pin_valid("0000"));
    assert_true(staff_pin_valid("123456789012"));
    assert_false(staff_pin_valid("123"));
    assert_false(staff_pin_valid("12a4"));
    assert_false(staff_pin_valid("1234567890123"));
    char a[STAFF_PIN_HASH_SIZE], b[STAFF_PIN_HASH_SIZE];
    assert_true(staff_pin_hash("1234", a, sizeof a));
    assert_true(staff_pin_hash("1234", b, sizeof b));
    assert_string_not_equal(a, b);
    assert_true(staff_pin_hash_recognised(a));
    assert_false(staff_pin_hash_recognised("1234"));
    assert_false(staff_pin_hash("12", a, sizeof a));
}

static char *read_whole(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char text[128 * 1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

/* The admin guide's table of every key and the commented example the package installs name
 * exactly the keys config_load reads: a key added, renamed or dropped in one place fails here. */
static void the_guide_and_the_example_name_every_key(void **state)
{
    (void)state;
    char *guide = strdup(read_whole(EASE_SOURCE_DIR "/docs/kiosk-setup.md"));
    char *table = strstr(guide, "\n## Every key");
    assert_non_null(table);
    char *table_end = strstr(table + 1, "\n## ");
    if (table_end)
        *table_end = '\0';
    const char *example = read_whole(EASE_SOURCE_DIR "/packaging/kiosk.yaml.example");
    size_t count = 0;
    for (const char *key; (key = config_key_name(count)); count++) {
        char cell[64], line[64], commented[64];
        snprintf(cell, sizeof cell, "`%s`", key);
        snprintf(line, sizeof line, "\n%s:", key);
        snprintf(commented, sizeof commented, "\n#%s:", key);
        if (!strstr(table, cell))
            fail_msg("docs/kiosk-setup.md's 'Every key' does not list '%s'", key);
        if (!strstr(example, line) && !strstr(example, commented))
            fail_msg("packaging/kiosk.yaml.example has no '%s:' line", key);
    }
    assert_true(count >= 20);
    /* And the other way: every key the table's rows start with is one config_load reads. */
    for (char *row = strstr(table, "\n| `"); row; row = strstr(row + 1, "\n| `")) {
        char *cells_end = strstr(row + 3, " |");
        assert_non_null(cells_end);
        for (char *k = strchr(row, '`'); k && k < cells_end; k = strchr(k + 1, '`')) {
            char *close = strchr(k + 1, '`');
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(close - k - 1), k + 1);
            bool known = false;
            for (size_t i = 0; config_key_name(i); i++)
                known |= !strcmp(config_key_name(i), name);
            if (!known)
                fail_msg("docs/kiosk-setup.md lists '%s', which kiosk.yaml does not have", name);
            k = close;
        }
    }
    free(guide);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_on_defaults),
        cmocka_unit_test(reads_every_key),
        cmocka_unit_test(a_bad_key_keeps_its_own_default_and_the_rest_apply),
        cmocka_unit_test(a_bad_key_beside_the_pin_keeps_the_pin),
        cmocka_unit_test(a_file_that_is_not_yaml_changes_nothing),
        cmocka_unit_test(the_clinic_folder_beside_the_file_joins_the_defaults),
        cmocka_unit_test(pins_are_digits_and_hashes_are_salted),
        cmocka_unit_test(the_guide_and_the_example_name_every_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
