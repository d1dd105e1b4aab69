/* The mixing arithmetic of the kiosk's sound, kept here (no SDL, no clock) so that every
 * boundary can be unit-tested: which part of a sound placed on the output stream falls in one
 * block the device asks for, and adding it in.
 *
 * A sound is placed at a stream frame (its planned start). A block is the frames
 * [first, first + frames) of the stream. A sound handed over after its planned start (a frame
 * loop that stalled) starts part-way, at the sample it would have reached; one handed over
 * after its end is done without a sample mixed. Nothing is ever read outside the sound. */
#ifndef EASE_MIX_H
#define EASE_MIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What of a sound of sound_frames frames placed at start_frame falls in the block. */
typedef struct {
    size_t block_offset; /* frames into the block where mixing begins */
    size_t sound_offset; /* frames into the sound where mixing begins */
    size_t count;        /* frames to mix; 0 when nothing of it falls in this block */
    bool done;           /* nothing of the sound remains after this block: let the voice go */
} mix_span;

mix_span mix_span_in_block(int64_t start_frame, size_t sound_frames, int64_t first, size_t frames);

/* Adds samples (interleaved, any channel count) of in, scaled by gain, into out, clipping to
 * the 16-bit range. */
void mix_add_scaled(int16_t *out, const int16_t *in, size_t samples, float gain);

#endif
