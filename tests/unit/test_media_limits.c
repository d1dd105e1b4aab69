#include "test_support.h"

#include "media_limits.h"

static char dir[] = "/tmp/ease-media-XXXXXX";

static const char *media_file(const char *name, const void *bytes, size_t size, long extend_to)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
    if (extend_to > 0)
        assert_int_equal(truncate(path, extend_to), 0); /* sparse: no disk, the right size */
    return path;
}

static void put_le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_be32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * (3 - i)));
}

/* A WAV header whose data chunk holds `frames` frames at rate, stereo 16-bit, after a LIST
 * chunk (headers are not always just fmt and data). */
static size_t wav_header(unsigned char *h, uint32_t rate, uint32_t frames)
{
    memcpy(h, "RIFF\0\0\0\0WAVE", 12);
    memcpy(h + 12, "LIST\4\0\0\0INFO", 12);
    memcpy(h + 24, "fmt \x10\0\0\0\x01\0\x02\0", 12);
    put_le32(h + 36, rate);
    put_le32(h + 40, rate * 4);
    memcpy(h + 44, "\x04\0\x10\0data", 8);
    put_le32(h + 52, frames * 4);
    put_le32(h + 4, 48 + frames * 4);
    return 56;
}

static void a_wav_is_measured_from_its_header(void **state)
{
    (void)state;
    unsigned char h[64];
    size_t n = wav_header(h, 44100, 44100 * 295); /* 4 min 55 s: the 52 MB file of the issue */
    media_sound_info info;
    assert_true(media_probe_sound(media_file("a.wav", h, n, 52 * 1000 * 1000), &info));
    assert_int_equal(info.length_ms, 295000);
    assert_int_equal(info.file_bytes, 52 * 1000 * 1000);
    char why[256];
    assert_true(media_sound_within_limits(&info, false, why, sizeof why));

    n = wav_header(h, 48000, 48000 * 301);
    assert_true(media_probe_sound(media_file("b.wav", h, n, 0), &info));
    assert_int_equal(info.length_ms, 301000);
    assert_false(media_sound_within_limits(&info, false, why, sizeof why));
    assert_non_null(strstr(why, "at most 5 minutes"));
    assert_non_null(strstr(why, "lasts 5 min 1 s"));
    /* As music it is streamed: only the file's size counts. */
    assert_true(media_sound_within_limits(&info, true, why, sizeof why));
}

static void a_file_over_the_size_limit_is_refused_whatever_it_holds(void **state)
{
    (void)state;
    unsigned char h[64];
    size_t n = wav_header(h, 48000, 48000);
    media_sound_info info;
    assert_true(media_probe_sound(media_file("big.wav", h, n, MEDIA_FILE_MAX_BYTES + 1), &info));
    char why[256];
    assert_false(media_sound_within_limits(&info, true, why, sizeof why));
    assert_non_null(strstr(why, "at most 64 MB"));
}

static void an_ogg_is_measured_from_its_last_page(void **state)
{
    (void)state;
    /* First page: the Vorbis identification packet (rate at byte 12 of the packet). */
    unsigned char f[28 + 30 + 100 + 27] = {0};
    memcpy(f, "OggS", 4);
    memcpy(f + 28, "\x01vorbis", 7);
    put_le32(f + 28 + 12, 44100);
    /* Last page: granule position 3 hours of samples. */
    unsigned char *last = f + 28 + 30 + 100;
    memcpy(last, "OggS", 4);
    uint64_t granule = (uint64_t)44100 * 3 * 3600;
    for (int i = 0; i < 8; i++)
        last[6 + i] = (unsigned char)(granule >> (8 * i));
    media_sound_info info;
    assert_true(media_probe_sound(media_file("long.ogg", f, sizeof f, 0), &info));
    assert_int_equal(info.length_ms, 3 * 3600 * 1000);
    char why[256];
    assert_false(media_sound_within_limits(&info, false, why, sizeof why));
    assert_non_null(strstr(why, "lasts 180 min 0 s"));
}

static void flac_and_mp3_are_measured_too(void **state)
{
    (void)state;
    unsigned char flac[4 + 4 + 34] = {0};
    memcpy(flac, "fLaC", 4);
    unsigned char *s = flac + 8; /* STREAMINFO */
    uint32_t rate = 48000;
    uint64_t total = (uint64_t)48000 * 400;
    s[10] = (unsigned char)(rate >> 12);
    s[11] = (unsigned char)(rate >> 4);
    s[12] = (unsigned char)((rate & 0x0f) << 4);
    s[13] = (unsigned char)((total >> 32) & 0x0f);
    put_be32(s + 14, (uint32_t)total);
    media_sound_info info;
    assert_true(media_probe_sound(media_file("a.flac", flac, sizeof flac, 0), &info));
    assert_int_equal(info.length_ms, 400000);

    /* MPEG-1 layer III at 128 kbit/s: 16 000 bytes a second. */
    unsigned char mp3[4] = {0xff, 0xfb, 0x90, 0x00};
    assert_true(media_probe_sound(media_file("a.mp3", mp3, sizeof mp3, 16000 * 60), &info));
    assert_int_equal(info.length_ms, 60000);
}

static void a_picture_is_measured_from_its_header(void **state)
{
    (void)state;
    unsigned char png[33] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";
    put_be32(png + 16, 12000);
    put_be32(png + 20, 12000);
    media_image_info info;
    assert_true(media_probe_image(media_file("big.png", png, sizeof png, 420000), &info));
    assert_int_equal(info.width_px, 12000);
    assert_int_equal(info.height_px, 12000);
    char why[256];
    assert_false(media_image_within_limits(&info, why, sizeof why));
    assert_non_null(strstr(why, "12000x12000 pixels (576 MB once decoded)"));

    put_be32(png + 16, 4096);
    put_be32(png + 20, 2048);
    assert_true(media_probe_image(media_file("ok.png", png, sizeof png, 0), &info));
    assert_true(media_image_within_limits(&info, why, sizeof why));
    put_be32(png + 20, 4097);
    assert_true(media_probe_image(media_file("tall.png", png, sizeof png, 0), &info));
    assert_false(media_image_within_limits(&info, why, sizeof why));

    /* JPEG: an APP0 segment, then the frame's size. */
    unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff,
                            0xc0, 0x00, 0x11, 0x08, 0x17, 0x70, 0x0b, 0xb8, 0x03};
    assert_true(media_probe_image(media_file("a.jpg", jpeg, sizeof jpeg, 0), &info));
    assert_int_equal(info.height_px, 6000);
    assert_int_equal(info.width_px, 3000);
    assert_false(media_image_within_limits(&info, why, sizeof why));
}

static void garbage_gives_only_its_size(void **state)
{
    (void)state;
    const char junk[] = "RIFF not really a wave at all";
    media_sound_info info;
    assert_true(media_probe_sound(media_file("junk.wav", junk, sizeof junk, 0), &info));
    assert_int_equal(info.length_ms, -1);
    char why[256];
    assert_true(media_sound_within_limits(&info, false, why, sizeof why));
    media_image_info image;
    assert_true(media_probe_image(media_file("junk.png", junk, sizeof junk, 0), &image));
    assert_int_equal(image.width_px, 0);
    assert_false(media_probe_sound("/nonexistent/ease.wav", &info));
}

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    return system(command) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_wav_is_measured_from_its_header),
        cmocka_unit_test(a_file_over_the_size_limit_is_refused_whatever_it_holds),
        cmocka_unit_test(an_ogg_is_measured_from_its_last_page),
        cmocka_unit_test(flac_and_mp3_are_measured_too),
        cmocka_unit_test(a_picture_is_measured_from_its_header),
        cmocka_unit_test(garbage_gives_only_its_size),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
