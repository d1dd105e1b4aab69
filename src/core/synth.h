/* The built-in cue sounds, computed at start-up so that no sound files ship: a soft bell for a
 * new step, a rising tone for breathing in and a falling one for breathing out (told apart by
 * pitch and by shape: the rising one swells, the falling one fades from a soft strike), a quiet
 * hold tone, a gentle tick for the last seconds of a hold or rest, and a closing chime.
 * Plain C and math only: mono 16-bit PCM at any rate, every sound starting and ending at
 * silence (short fades, no clicks), peaks under -3 dBFS, no DC offset. */
#ifndef EASE_SYNTH_H
#define EASE_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "routine.h"

typedef struct {
    int16_t *pcm; /* owned; mono */
    size_t frames;
    int rate_hz;
} synth_sound;

enum {
    SYNTH_MIN_RATE_HZ = 8000,
    SYNTH_MAX_RATE_HZ = 192000,
    SYNTH_FADE_IN_MS = 5, /* long enough to hide the start, short enough to keep the onset */
    SYNTH_FADE_OUT_MS = 20,
};

/* The peak each sound is scaled to, as a fraction of full scale: all under 0.707 (-3 dBFS),
 * the tick and hold tone quieter than the bell, nothing as loud as a spoken instruction. */
double synth_peak_level(cue_sound sound);

/* Renders sound at rate_hz into *out (which the caller frees with synth_sound_free). False,
 * with *out untouched, for a rate outside SYNTH_MIN_RATE_HZ..SYNTH_MAX_RATE_HZ or no memory. */
bool synth_render(cue_sound sound, int rate_hz, synth_sound *out);
void synth_sound_free(synth_sound *sound);

#endif
