/* A voice pack: which phrases it may hold, where a phrase's file is, and the check of a folder. */
#include "test_support.h"

#include <sys/stat.h>

#include "voice_pack.h"

static char dir[] = "/tmp/ease-voice-pack-XXXXXX";

static void put_le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* A mono 16-bit WAV of ms milliseconds at 48 kHz (silence: only its length matters here). */
static void write_wav(const char *path, uint32_t ms)
{
    uint32_t frames = 48 * ms;
    unsigned char h[44];
    memcpy(h, "RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0", 24);
    put_le32(h + 24, 48000);
    put_le32(h + 28, 96000);
    memcpy(h + 32, "\x02\0\x10\0data", 8);
    put_le32(h + 40, frames * 2);
    put_le32(h + 4, 36 + frames * 2);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(h, 1, sizeof h, f), sizeof h);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(truncate(path, (off_t)(sizeof h + frames * 2)), 0);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void load_strings(catalogue *cat)
{
    catalogue_init(cat);
    diag_list diag;
    diag_init(&diag);
    assert_true(catalogue_load_dir(cat, EASE_SOURCE_DIR "/assets/lang", &diag));
    diag_free(&diag);
}

static void phrases_are_the_kiosks_fixed_words(void **state)
{
    (void)state;
    catalogue cat;
    load_strings(&cat);
    assert_true(voice_pack_phrase_known(&cat, "breathe-in"));
    assert_true(voice_pack_phrase_known(&cat, "hold"));
    assert_true(voice_pack_phrase_known(&cat, "breathe-out"));
    assert_false(voice_pack_phrase_known(&cat, "caption-spoken")); /* "Said: {text}" */
    assert_false(voice_pack_phrase_known(&cat, "breath-in"));
    catalogue_free(&cat);
}

static void a_phrase_is_found_as_ogg_or_wav(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/es", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/es/hold.wav", dir);
    write_wav(path, 800);
    char *found = voice_pack_file(dir, "es", "hold");
    assert_non_null(found);
    assert_string_equal(found, path);
    free(found);
    assert_null(voice_pack_file(dir, "en", "hold"));
    assert_null(voice_pack_file(dir, "es", "breathe-in"));
    assert_null(voice_pack_file(dir, "es", "../es/hold")); /* names only */
    assert_null(voice_pack_file(NULL, "es", "hold"));

    ease_config cfg;
    assert_true(config_defaults(&cfg, NULL, "/var/lib/ease"));
    char *folder = voice_pack_folder(&cfg);
    assert_string_equal(folder, "/var/lib/ease/voice-pack");
    free(folder);
    config_free(&cfg);
}

static bool decodes_all(const char *path, void *data)
{
    (*(int *)data)++;
    return strstr(path, "undecodable") == NULL;
}

static void the_check_names_each_problem_and_what_to_do(void **state)
{
    (void)state;
    catalogue cat;
    load_strings(&cat);
    char path[512];
    snprintf(path, sizeof path, "%s/en", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/en/breathe-in.wav", dir);
    write_wav(path, 900); /* good */
    snprintf(path, sizeof path, "%s/en/breathe-out.wav", dir);
    write_wav(path, 40000); /* a whole recording session, not a phrase */
    snprintf(path, sizeof path, "%s/en/breath-in.wav", dir);
    write_wav(path, 900); /* a misspelt name */
    snprintf(path, sizeof path, "%s/en/notes.txt", dir);
    write_text(path, "take 3 was best\n");
    snprintf(path, sizeof path, "%s/xx", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    diag_list diag;
    diag_init(&diag);
    int decoded = 0;
    int files = voice_pack_check(dir, &cat, decodes_all, &decoded, &diag);
    assert_int_equal(files, 5);   /* four in en, one (es/hold.wav) from the test before */
    assert_int_equal(decoded, 2); /* only the two good ones reach the decoder */
    assert_int_equal(diag.errors, 1);
    bool too_long = false, misspelt = false, not_phrase = false, language = false;
    for (size_t i = 0; i < diag.count; i++) {
        const char *m = diag.entries[i].message;
        too_long |= strstr(diag.entries[i].file, "breathe-out.wav") && strstr(m, "lasts 40.0 s") &&
                    strstr(m, "trim the silence");
        misspelt |= strstr(m, "did you mean 'breathe-in'") != NULL;
        not_phrase |= strstr(diag.entries[i].file, "notes.txt") && strstr(m, "left alone");
        language |= strstr(m, "'xx' is not a language") != NULL;
    }
    assert_true(too_long);
    assert_true(misspelt);
    assert_true(not_phrase);
    assert_true(language);
    diag_free(&diag);
    /* No folder, no pack, no problem. */
    diag_init(&diag);
    assert_int_equal(voice_pack_check("/nonexistent/voice-pack", &cat, NULL, NULL, &diag), 0);
    assert_int_equal(diag.count, 0);
    diag_free(&diag);
    catalogue_free(&cat);
}

int main(void)
{
    assert_non_null(mkdtemp(dir));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phrases_are_the_kiosks_fixed_words),
        cmocka_unit_test(a_phrase_is_found_as_ogg_or_wav),
        cmocka_unit_test(the_check_names_each_problem_and_what_to_do),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    char command[128];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    if (system(command) != 0)
        failed++;
    return failed;
}
