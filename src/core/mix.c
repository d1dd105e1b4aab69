#include "mix.h"

mix_span mix_span_in_block(int64_t start_frame, size_t sound_frames, int64_t first, size_t frames)
{
    mix_span span = {0};
    int64_t end = first + (int64_t)frames;
    if (start_frame >= end) {
        /* Still to come (a sound of 0 frames waits for its block too, then is done there). */
        return span;
    }
    /* Signed arithmetic on both sides: a late start gives a sound offset past 0, possibly past
     * the sound's end, which is where an unsigned subtraction once wrapped. */
    int64_t block_offset = start_frame > first ? start_frame - first : 0;
    int64_t sound_offset = first + block_offset - start_frame;
    if (sound_offset >= (int64_t)sound_frames) {
        span.done = true; /* late by its whole length or more (or empty): never heard */
        return span;
    }
    int64_t left = (int64_t)sound_frames - sound_offset;
    int64_t room = (int64_t)frames - block_offset;
    span.block_offset = (size_t)block_offset;
    span.sound_offset = (size_t)sound_offset;
    span.count = (size_t)(left < room ? left : room);
    span.done = left <= room;
    return span;
}

void mix_add_scaled(int16_t *out, const int16_t *in, size_t samples, float gain)
{
    for (size_t i = 0; i < samples; i++) {
        int32_t mixed = out[i] + (int32_t)((float)in[i] * gain);
        out[i] = (int16_t)(mixed > 32767 ? 32767 : mixed < -32768 ? -32768 : mixed);
    }
}
