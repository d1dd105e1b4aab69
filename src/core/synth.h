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

/* The sounds made here: every cue_sound a routine can name, then those the cue policy
 * (cue_policy.h) chooses by itself: the hold tone on empty lungs (after breathing out), lower
 * and in two soft strikes, so that a hold after breathing in and one after breathing out are
 * told apart by ear. */
enum {
    SYNTH_HOLD_EMPTY_TONE = CUE_SOUND_COUNT,
    SYNTH_SOUND_COUNT,
};

/* The peak each sound is scaled to, as a fraction of full scale: all under 0.707 (-3 dBFS),
 * the tick, pulse and hold tones quieter than the bells, and the tick, the sound heard most
 * often, the quietest of all (design.md: "ticks are quiet"); nothing as loud as a spoken
 * instruction (SYNTH_SPEECH_PEAK). sound: 0..SYNTH_SOUND_COUNT-1. */
double synth_peak_level(int sound);
#define SYNTH_SPEECH_PEAK 0.60 /* what spoken words are brought to (audio_add_speech) */

/* How long sound lasts, in ms (0 for an unknown one). */
int64_t synth_length_ms(int sound);

/* Renders sound (0..SYNTH_SOUND_COUNT-1) at rate_hz into *out (which the caller frees with
 * synth_sound_free). False, with *out untouched, for a rate outside
 * SYNTH_MIN_RATE_HZ..SYNTH_MAX_RATE_HZ or no memory. */
bool synth_render(int sound, int rate_hz, synth_sound *out);
void synth_sound_free(synth_sound *sound);

#endif
