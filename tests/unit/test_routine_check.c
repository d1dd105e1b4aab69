#include "test_support.h"

#include <sys/stat.h>

static const char *const header = "id: a\ntitle: {en: A, es: A}\nkind: breathing\n"
                                  "poses: {standing: {}, arms-up: {left-arm: 170}}\n"
                                  "steps:\n";

/* Loads header + steps and checks it; returns the number of errors, diagnostics in diag. */
static size_t check(const char *steps, diag_list *diag)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%s%s", header, steps);
    routine *r = test_load(yaml, diag);
    if (!r) {
        test_diag_dump(diag);
        fail_msg("the routine should load");
    }
    routine_check_options options = {0};
    routine_check(r, &options, diag);
    routine_free(r);
    return diag->errors;
}

static void warns_when_text_cannot_be_read_in_time(void **state)
{
    diag_list diag;
    diag_init(&diag);
    /* 12 words at 150 a minute take 4.8 s: too long for 4 s, fine for 5 s. */
    check("  - title: {en: One two, es: Uno dos}\n"
          "    text: {en: three four five six seven eight nine ten eleven twelve,\n"
          "           es: tres cuatro}\n"
          "    duration: 4s\n",
          &diag);
    assert_int_equal(diag.warnings, 1);
    assert_diag(&diag, 7, 11,
                "in en take about 4.8s to read aloud (12 words), longer than the "
                "4s it lasts");
    diag_clear(&diag);
    check("  - title: {en: One two, es: Uno dos}\n"
          "    text: {en: three four five six seven eight nine ten eleven twelve,\n"
          "           es: tres cuatro}\n"
          "    duration: 5s\n",
          &diag);
    assert_int_equal(diag.warnings, 0);
    diag_free(&diag);
}

static void warns_on_unsafe_breathing(void **state)
{
    diag_list diag;
    diag_init(&diag);
    check("  - breathe: {pattern: [{inhale: 1s}, {exhale: 1s}], cycles: 5}\n", &diag);
    assert_diag(&diag, 6, 5, "20 a minute");
    assert_diag(&diag, 6, 5, "faster");
    diag_clear(&diag);
    check("  - breathe: {pattern: [{inhale: 10s}, {hold: 10s}, {exhale: 10s}], cycles: 2}\n",
          &diag);
    assert_diag(&diag, 6, 5, "slower");
    diag_clear(&diag);
    check("  - breathe: {pattern: [{inhale: 4s}, {hold: 11s}, {exhale: 4s}], cycles: 2}\n", &diag);
    assert_diag(&diag, 6, 46, "a breath hold of 11s is longer than 10s");
    diag_clear(&diag);
    /* The edges are safe: 3 s and 20 s a breath, a 10 s hold. */
    check("  - breathe: {pattern: [{inhale: 1.5s}, {exhale: 1.5s}], cycles: 5}\n"
          "  - breathe: {pattern: [{inhale: 5s}, {hold: 10s}, {exhale: 5s}], cycles: 2}\n",
          &diag);
    assert_int_equal(diag.warnings, 0);
    diag_free(&diag);
}

static void motion_must_use_known_poses_and_fit_its_step(void **state)
{
    diag_list diag;
    diag_init(&diag);
    assert_int_equal(check("  - duration: 24s\n"
                           "    motion:\n"
                           "      - {at: 0s, pose: standing}\n"
                           "      - {at: 26s, pose: arms-up}\n"
                           "  - duration: 4s\n"
                           "    pose: arms-upp\n",
                           &diag),
                     2);
    assert_diag(&diag, 9, 14, "the keyframe at 26s is past the end of the step (24s)");
    assert_diag(&diag, 11, 11, "pose 'arms-upp' is not known; did you mean 'arms-up'?");
    diag_free(&diag);
}

static void warns_about_missing_translations(void **state)
{
    diag_list diag;
    diag_init(&diag);
    check("  - title: {en: Rest}\n    text: Breathe.\n    duration: 10s\n", &diag);
    assert_diag(&diag, 6, 12, "'title' has no 'es' version");
    assert_diag(&diag, 7, 11, "'text' is in one language only");
    diag_free(&diag);
}

static void warns_about_long_routines_and_refuses_endless_ones(void **state)
{
    diag_list diag;
    diag_init(&diag);
    check("  - duration: 30m\n", &diag);
    assert_int_equal(diag.warnings, 0);
    check("  - duration: 30m\n  - duration: 1s\n", &diag);
    assert_diag(&diag, 6, 3, "longer than 30 minutes");
    diag_clear(&diag);
    assert_int_equal(check("  - duration: 30m\n    repeat: 5\n", &diag), 1);
    assert_diag(&diag, 6, 3, "more than the 2 hours allowed");
    diag_free(&diag);
}

/* A WAV header with no samples: 44 bytes, as a recording of silence would start. */
static void write_wav(const char *path)
{
    static const unsigned char wav_header[44] = {
        'R', 'I', 'F', 'F', 36, 0, 0,   0,   'W', 'A',  'V',  'E', 'f', 'm',  't',
        ' ', 16,  0,   0,   0,  1, 0,   1,   0,   0x44, 0xac, 0,   0,   0x88, 0x58,
        1,   0,   2,   0,   16, 0, 'd', 'a', 't', 'a',  0,    0,   0,   0};
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(wav_header, 1, sizeof wav_header, f), sizeof wav_header);
    fclose(f);
}

static void keeps_media_inside_the_library(void **state)
{
    char root[] = "/tmp/ease-media-XXXXXX";
    assert_non_null(mkdtemp(root));
    char folder[256], path[300];
    snprintf(folder, sizeof folder, "%s/routines", root);
    assert_int_equal(mkdir(folder, 0700), 0);
    snprintf(path, sizeof path, "%s/bell.wav", folder);
    write_wav(path);
    snprintf(path, sizeof path, "%s/fake.png", folder);
    FILE *f = fopen(path, "wb");
    fputs("not a picture", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/outside.wav", root);
    write_wav(path);
    char link[300];
    snprintf(link, sizeof link, "%s/sneaky.wav", folder);
    assert_int_equal(symlink(path, link), 0);

    snprintf(path, sizeof path, "%s/r.yaml", folder);
    f = fopen(path, "w");
    fputs("id: a\ntitle: A\nkind: breathing\nmusic: bell.wav\nsteps:\n"
          "  - duration: 5s\n    sound: ../outside.wav\n"
          "  - duration: 5s\n    sound: missing.ogg\n"
          "  - duration: 5s\n    image: fake.png\n"
          "  - duration: 5s\n    sound: sneaky.wav\n"
          "  - duration: 5s\n    sound: ./sub/../bell.wav\n",
          f);
    fclose(f);
    diag_list diag;
    diag_init(&diag);
    routine *r = NULL;
    assert_true(routine_load_file(path, &r, &diag));
    routine_check_options options = {.library_root = folder};
    assert_false(routine_check(r, &options, &diag));
    assert_int_equal(diag.errors, 2);
    assert_int_equal(diag.warnings, 2);
    assert_diag(&diag, 7, 12, "leads out of the routine library");
    assert_diag(&diag, 9, 12, "does not exist");
    assert_diag(&diag, 11, 12, "cannot be read as a PNG or JPEG image");
    assert_diag(&diag, 13, 12, "is a link that leads out of the routine library");
    routine_free(r);
    diag_free(&diag);
    char command[400];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(warns_when_text_cannot_be_read_in_time),
        cmocka_unit_test(warns_on_unsafe_breathing),
        cmocka_unit_test(motion_must_use_known_poses_and_fit_its_step),
        cmocka_unit_test(warns_about_missing_translations),
        cmocka_unit_test(warns_about_long_routines_and_refuses_endless_ones),
        cmocka_unit_test(keeps_media_inside_the_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
