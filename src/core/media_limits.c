#include "media_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t media_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t media_le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t media_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static long media_file_size(FILE *f)
{
    if (fseek(f, 0, SEEK_END) != 0)
        return 0;
    long size = ftell(f);
    rewind(f);
    return size < 0 ? 0 : size;
}

/* WAV: the fmt chunk's rate, channels and sample size, and the data chunk's size. */
static int64_t media_wav_ms(FILE *f)
{
    unsigned char head[12];
    if (fread(head, 1, 12, f) != 12 || memcmp(head, "RIFF", 4) || memcmp(head + 8, "WAVE", 4))
        return -1;
    uint32_t rate = 0, bytes_per_frame = 0;
    for (int chunks = 0; chunks < 64; chunks++) {
        unsigned char chunk[8];
        if (fread(chunk, 1, 8, f) != 8)
            return -1;
        uint32_t size = media_le32(chunk + 4);
        if (!memcmp(chunk, "fmt ", 4)) {
            unsigned char fmt[16];
            if (size < 16 || fread(fmt, 1, 16, f) != 16)
                return -1;
            uint16_t channels = media_le16(fmt + 2), bits = media_le16(fmt + 14);
            rate = media_le32(fmt + 4);
            bytes_per_frame = (uint32_t)channels * ((bits + 7u) / 8u);
            if (fseek(f, (long)(size - 16 + (size & 1)), SEEK_CUR) != 0)
                return -1;
        } else if (!memcmp(chunk, "data", 4)) {
            if (!rate || !bytes_per_frame)
                return -1;
            return (int64_t)(size / bytes_per_frame) * 1000 / rate;
        } else if (fseek(f, (long)size + (long)(size & 1), SEEK_CUR) != 0) {
            return -1;
        }
    }
    return -1;
}

/* Ogg Vorbis or Opus: the rate from the first packet, the length from the granule position of
 * the last page (found in the file's last 64 KiB). */
static int64_t media_ogg_ms(FILE *f, long size)
{
    unsigned char first[64];
    size_t n = fread(first, 1, sizeof first, f);
    uint32_t rate = 0;
    if (n >= 28 + 16 && !memcmp(first + 28, "\x01vorbis", 7))
        rate = media_le32(first + 28 + 12);
    else if (n >= 28 + 12 && !memcmp(first + 28, "OpusHead", 8))
        rate = 48000; /* Opus granules always count 48 kHz */
    if (!rate)
        return -1;
    enum { TAIL = 65536 };
    unsigned char *tail = malloc(TAIL);
    long from = size > TAIL ? size - TAIL : 0;
    if (!tail || fseek(f, from, SEEK_SET) != 0) {
        free(tail);
        return -1;
    }
    size_t got = fread(tail, 1, TAIL, f);
    int64_t ms = -1;
    for (size_t i = got >= 14 ? got - 14 : 0; i-- > 0;) {
        if (memcmp(tail + i, "OggS", 4))
            continue;
        uint64_t granule = 0;
        for (int b = 7; b >= 0; b--)
            granule = granule << 8 | tail[i + 6 + (size_t)b];
        if (granule == UINT64_MAX)
            continue; /* a page where no packet ends */
        ms = (int64_t)(granule / rate * 1000 + granule % rate * 1000 / rate);
        break;
    }
    free(tail);
    return ms;
}

/* FLAC: STREAMINFO's rate (20 bits) and total samples (36 bits). */
static int64_t media_flac_ms(FILE *f)
{
    unsigned char h[4 + 4 + 18];
    if (fread(h, 1, sizeof h, f) != sizeof h || memcmp(h, "fLaC", 4))
        return -1;
    const unsigned char *s = h + 8;
    uint32_t rate = (uint32_t)s[10] << 12 | (uint32_t)s[11] << 4 | s[12] >> 4;
    uint64_t total = (uint64_t)(s[13] & 0x0f) << 32 | media_be32(s + 14);
    if (!rate || !total)
        return -1;
    return (int64_t)(total * 1000 / rate);
}

/* MP3: from the file's size and the first frame's bit rate (exact for constant bit rates, an
 * estimate otherwise). */
static int64_t media_mp3_ms(FILE *f, long size)
{
    unsigned char h[10];
    if (fread(h, 1, 10, f) != 10)
        return -1;
    long start = 0;
    if (!memcmp(h, "ID3", 3))
        start = 10 + ((long)(h[6] & 0x7f) << 21 | (long)(h[7] & 0x7f) << 14 |
                      (long)(h[8] & 0x7f) << 7 | (long)(h[9] & 0x7f));
    unsigned char frame[4];
    if (fseek(f, start, SEEK_SET) != 0 || fread(frame, 1, 4, f) != 4 || frame[0] != 0xff ||
        (frame[1] & 0xe0) != 0xe0)
        return -1;
    static const int kbps_v1_l3[16] = {0,   32,  40,  48,  56,  64,  80,  96,
                                       112, 128, 160, 192, 224, 256, 320, 0};
    static const int kbps_v2_l3[16] = {0,  8,  16, 24,  32,  40,  48,  56,
                                       64, 80, 96, 112, 128, 144, 160, 0};
    bool mpeg1 = (frame[1] >> 3 & 3) == 3;
    int kbps = (mpeg1 ? kbps_v1_l3 : kbps_v2_l3)[frame[2] >> 4];
    if (!kbps)
        return -1;
    return (int64_t)(size - start) * 8 / kbps;
}

bool media_probe_sound(const char *path, media_sound_info *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    media_sound_info info = {.file_bytes = media_file_size(f), .length_ms = -1};
    unsigned char magic[4] = {0};
    size_t n = fread(magic, 1, 4, f);
    rewind(f);
    if (n == 4 && !memcmp(magic, "RIFF", 4))
        info.length_ms = media_wav_ms(f);
    else if (n == 4 && !memcmp(magic, "OggS", 4))
        info.length_ms = media_ogg_ms(f, info.file_bytes);
    else if (n == 4 && !memcmp(magic, "fLaC", 4))
        info.length_ms = media_flac_ms(f);
    else if (n >= 2 &&
             (!memcmp(magic, "ID3", 3) || (magic[0] == 0xff && (magic[1] & 0xe0) == 0xe0)))
        info.length_ms = media_mp3_ms(f, info.file_bytes);
    fclose(f);
    *out = info;
    return true;
}

/* JPEG: the first start-of-frame marker's height and width. */
static void media_jpeg_size(FILE *f, media_image_info *info)
{
    unsigned char m[4];
    if (fread(m, 1, 2, f) != 2 || m[0] != 0xff || m[1] != 0xd8)
        return;
    for (int markers = 0; markers < 1000; markers++) {
        if (fread(m, 1, 4, f) != 4 || m[0] != 0xff)
            return;
        unsigned length = (unsigned)m[2] << 8 | m[3];
        bool sof = m[1] >= 0xc0 && m[1] <= 0xcf && m[1] != 0xc4 && m[1] != 0xc8 && m[1] != 0xcc;
        if (sof) {
            unsigned char s[5];
            if (fread(s, 1, 5, f) != 5)
                return;
            info->height_px = s[1] << 8 | s[2];
            info->width_px = s[3] << 8 | s[4];
            return;
        }
        if (length < 2 || fseek(f, (long)length - 2, SEEK_CUR) != 0)
            return;
    }
}

bool media_probe_image(const char *path, media_image_info *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    media_image_info info = {.file_bytes = media_file_size(f)};
    unsigned char h[24];
    size_t n = fread(h, 1, sizeof h, f);
    if (n == 24 && !memcmp(h, "\x89PNG\r\n\x1a\n", 8) && !memcmp(h + 12, "IHDR", 4)) {
        uint32_t w = media_be32(h + 16), hh = media_be32(h + 20);
        info.width_px = w > 1000000 ? 1000000 : (int)w;
        info.height_px = hh > 1000000 ? 1000000 : (int)hh;
    } else if (n >= 2 && h[0] == 0xff && h[1] == 0xd8) {
        rewind(f);
        media_jpeg_size(f, &info);
    }
    fclose(f);
    *out = info;
    return true;
}

bool media_sound_within_limits(const media_sound_info *info, bool streamed, char *why, size_t size)
{
    if (info->file_bytes > MEDIA_FILE_MAX_BYTES) {
        snprintf(why, size, "is %ld MB; a media file may be at most %ld MB",
                 info->file_bytes / 1000000, MEDIA_FILE_MAX_BYTES / 1000000);
        return false;
    }
    if (!streamed && info->length_ms > MEDIA_SOUND_MAX_MS) {
        snprintf(why, size,
                 "lasts %lld min %lld s; a sound other than 'music' is held in memory whole, "
                 "and may last at most %d minutes",
                 (long long)(info->length_ms / 60000), (long long)(info->length_ms / 1000 % 60),
                 MEDIA_SOUND_MAX_MS / 60000);
        return false;
    }
    return true;
}

bool media_image_within_limits(const media_image_info *info, char *why, size_t size)
{
    if (info->file_bytes > MEDIA_FILE_MAX_BYTES) {
        snprintf(why, size, "is %ld MB; a media file may be at most %ld MB",
                 info->file_bytes / 1000000, MEDIA_FILE_MAX_BYTES / 1000000);
        return false;
    }
    int64_t pixels = (int64_t)info->width_px * info->height_px;
    if (info->width_px > MEDIA_IMAGE_MAX_SIDE_PX || info->height_px > MEDIA_IMAGE_MAX_SIDE_PX ||
        pixels > MEDIA_IMAGE_MAX_PIXELS) {
        snprintf(why, size,
                 "is %dx%d pixels (%lld MB once decoded); a picture may be at most %d pixels "
                 "a side and %d megapixels",
                 info->width_px, info->height_px, (long long)(pixels * 4 / 1000000),
                 MEDIA_IMAGE_MAX_SIDE_PX, MEDIA_IMAGE_MAX_PIXELS / 1000000);
        return false;
    }
    return true;
}
