/* How big a routine's media become once decoded, read from their headers alone (never decoded
 * here), and the limits the kiosk keeps to: a small box must not spend gigabytes of memory or
 * seconds of a frame on one file. `ease check` reports a file over a limit as an error naming
 * the limit; the kiosk skips it (and says so on the staff screen).
 *
 * Sounds other than music are decoded whole into memory at the device's format (48 kHz stereo,
 * 16-bit: 11.5 MB a minute); music is streamed, so only its file size is limited. Pictures are
 * decoded to 4 bytes a pixel. */
#ifndef EASE_MEDIA_LIMITS_H
#define EASE_MEDIA_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    MEDIA_SOUND_MAX_MS = 5 * 60000,           /* one sound decoded whole: 5 minutes */
    MEDIA_ROUTINE_SOUNDS_MAX_MS = 10 * 60000, /* every such sound of one routine together */
    MEDIA_IMAGE_MAX_SIDE_PX = 4096,
    MEDIA_IMAGE_MAX_PIXELS = 4096 * 4096 / 2, /* 32 MB decoded */
};
#define MEDIA_FILE_MAX_BYTES       (64L * 1000 * 1000) /* any media file on disk */
#define MEDIA_DECODED_BYTES_PER_MS 192                 /* 48 kHz x 2 channels x 2 bytes / 1000 */

typedef struct {
    long file_bytes;
    int64_t length_ms; /* -1: not known from the header (the decoder will tell) */
} media_sound_info;

typedef struct {
    long file_bytes;
    int width_px, height_px; /* 0: not known from the header */
} media_image_info;

/* Read what the headers say; false when the file cannot be opened. A file whose header is not
 * understood gives what is known (its size). */
bool media_probe_sound(const char *path, media_sound_info *out);
bool media_probe_image(const char *path, media_image_info *out);

/* Whether a sound (decoded whole unless streamed) or a picture stays within the limits: true,
 * or false with why, in words that name the limit, in why. */
bool media_sound_within_limits(const media_sound_info *info, bool streamed, char *why, size_t size);
bool media_image_within_limits(const media_image_info *info, char *why, size_t size);

#endif
