#include "synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One sine partial of a bell: frequency as a ratio of the fundamental, level, and how fast it
 * dies away (higher partials die sooner, which is what makes a bell sound soft). */
typedef struct {
    double ratio, level, decay_s;
} synth_partial;

typedef struct {
    double length_s;
    double peak;
} synth_shape;

static const synth_shape synth_shapes[SYNTH_SOUND_COUNT] = {
    [CUE_SOUND_BELL] = {1.6, 0.50},         /* -6 dBFS */
    [CUE_SOUND_RISING_TONE] = {0.90, 0.40}, /* -8 dBFS */
    [CUE_SOUND_FALLING_TONE] = {0.90, 0.40},
    [CUE_SOUND_HOLD_TONE] = {0.60, 0.16}, /* -16 dBFS */
    [CUE_SOUND_TICK] = {0.09, 0.12},      /* -18 dBFS */
    [CUE_SOUND_CHIME] = {2.6, 0.50},
    [CUE_SOUND_PULSE] = {0.22, 0.14},    /* -17 dBFS: heard on every repetition */
    [CUE_SOUND_SOFT_BELL] = {1.1, 0.32}, /* -10 dBFS: a set, smaller than a step */
    [SYNTH_HOLD_EMPTY_TONE] = {0.70, 0.16},
};

double synth_peak_level(int sound)
{
    return (unsigned)sound < SYNTH_SOUND_COUNT ? synth_shapes[sound].peak : 0;
}

int64_t synth_length_ms(int sound)
{
    return (unsigned)sound < SYNTH_SOUND_COUNT ? (int64_t)(synth_shapes[sound].length_s * 1000) : 0;
}

static const double synth_pi = 3.14159265358979323846;

/* A struck bell at f0 starting at onset_s, added into out. */
static void synth_add_bell(double *out, size_t frames, int rate_hz, double f0, double onset_s,
                           double level)
{
    static const synth_partial partials[] = {
        {1.0, 1.0, 0.55}, {2.0, 0.30, 0.30}, {2.76, 0.14, 0.18}, {5.40, 0.05, 0.08}};
    size_t first = (size_t)(onset_s * rate_hz);
    for (size_t i = first; i < frames; i++) {
        double t = (double)(i - first) / rate_hz;
        double sample = 0;
        for (size_t k = 0; k < sizeof partials / sizeof *partials; k++)
            sample += partials[k].level * exp(-t / partials[k].decay_s) *
                      sin(2 * synth_pi * f0 * partials[k].ratio * t);
        out[i] += level * sample;
    }
}

/* A sine gliding from f_start to f_end (exponentially: equal musical steps), shaped by env. */
static void synth_add_glide(double *out, size_t frames, int rate_hz, double f_start, double f_end,
                            bool swell)
{
    double phase = 0;
    for (size_t i = 0; i < frames; i++) {
        double x = (double)i / (double)frames; /* 0..1 through the sound */
        double f = f_start * pow(f_end / f_start, x);
        double envelope;
        if (swell) /* breathing in: grows like a breath drawn in, then lets go */
            envelope = x < 0.7 ? sin(0.5 * synth_pi * x / 0.7) : 1 - (x - 0.7) / 0.3;
        else /* breathing out: a soft start, then fades away like air leaving */
            envelope = exp(-3.0 * x) * (1 - x);
        /* A quiet octave makes it rounder than a bare sine. */
        out[i] += envelope * (sin(phase) + 0.15 * sin(2 * phase));
        phase += 2 * synth_pi * f / rate_hz;
        if (phase > 2 * synth_pi)
            phase -= 2 * synth_pi;
    }
}

static void synth_fill(int sound, double *out, size_t frames, int rate_hz)
{
    switch (sound) {
    case CUE_SOUND_BELL:
        synth_add_bell(out, frames, rate_hz, 523.25, 0, 1); /* C5 */
        break;
    case CUE_SOUND_RISING_TONE:
        synth_add_glide(out, frames, rate_hz, 330, 494, true); /* E4 up to B4 */
        break;
    case CUE_SOUND_FALLING_TONE:
        synth_add_glide(out, frames, rate_hz, 494, 330, false);
        break;
    case CUE_SOUND_HOLD_TONE:
        for (size_t i = 0; i < frames; i++) {
            double x = (double)i / (double)frames;
            /* A soft 40 ms swell, then a slow fade: steady, and quieter than everything. */
            double envelope =
                x < 0.07 ? sin(0.5 * synth_pi * x / 0.07) : cos(0.5 * synth_pi * (x - 0.07) / 0.93);
            out[i] = envelope * sin(2 * synth_pi * 392.0 * i / rate_hz); /* G4 */
        }
        break;
    case CUE_SOUND_TICK:
        /* A soft wooden knock: a low-mid sine that dies within a few hundredths of a second. */
        for (size_t i = 0; i < frames; i++) {
            double t = (double)i / rate_hz;
            out[i] = exp(-t / 0.018) * sin(2 * synth_pi * 880.0 * t);
        }
        break;
    case CUE_SOUND_CHIME:
        /* Three bells, rising, like a door chime: C5, E5, G5. */
        synth_add_bell(out, frames, rate_hz, 523.25, 0.0, 1);
        synth_add_bell(out, frames, rate_hz, 659.25, 0.22, 0.85);
        synth_add_bell(out, frames, rate_hz, 783.99, 0.44, 0.75);
        break;
    case CUE_SOUND_PULSE:
        /* One soft low pulse (A3 with its octave): a 20 ms swell, no strike, then a fade. */
        for (size_t i = 0; i < frames; i++) {
            double t = (double)i / rate_hz;
            double envelope = t < 0.02 ? sin(0.5 * synth_pi * t / 0.02) : exp(-(t - 0.02) / 0.06);
            out[i] =
                envelope * (sin(2 * synth_pi * 220.0 * t) + 0.3 * sin(2 * synth_pi * 440.0 * t));
        }
        break;
    case CUE_SOUND_SOFT_BELL:
        synth_add_bell(out, frames, rate_hz, 783.99, 0, 1); /* G5: higher and smaller */
        break;
    case SYNTH_HOLD_EMPTY_TONE:
        /* Empty lungs: a fourth below the full hold's G4 (D4), in two soft strikes. */
        for (int k = 0; k < 2; k++) {
            size_t first = (size_t)(k * 0.28 * rate_hz);
            for (size_t i = first; i < frames; i++) {
                double t = (double)(i - first) / rate_hz;
                double swell = t < 0.03 ? sin(0.5 * synth_pi * t / 0.03) : exp(-(t - 0.03) / 0.09);
                out[i] += (k ? 0.8 : 1.0) * swell * sin(2 * synth_pi * 293.66 * t);
            }
        }
        break;
    }
}

bool synth_render(int sound, int rate_hz, synth_sound *out)
{
    if ((unsigned)sound >= SYNTH_SOUND_COUNT || rate_hz < SYNTH_MIN_RATE_HZ ||
        rate_hz > SYNTH_MAX_RATE_HZ)
        return false;
    const synth_shape *shape = &synth_shapes[sound];
    size_t frames = (size_t)(shape->length_s * rate_hz);
    double *wave = calloc(frames, sizeof *wave);
    int16_t *pcm = malloc(frames * sizeof *pcm);
    if (!wave || !pcm) {
        free(wave);
        free(pcm);
        return false;
    }
    synth_fill(sound, wave, frames, rate_hz);
    /* Raised-cosine fades: the first and last samples are exactly silence, so nothing clicks. */
    size_t fade_in = (size_t)SYNTH_FADE_IN_MS * (size_t)rate_hz / 1000;
    size_t fade_out = (size_t)SYNTH_FADE_OUT_MS * (size_t)rate_hz / 1000;
    for (size_t i = 0; i < fade_in && i < frames; i++)
        wave[i] *= 0.5 - 0.5 * cos(synth_pi * (double)i / (double)fade_in);
    for (size_t i = 0; i < fade_out && i < frames; i++)
        wave[frames - 1 - i] *= 0.5 - 0.5 * cos(synth_pi * (double)i / (double)fade_out);
    /* Remove what little DC the decaying partials leave, under a window so the edges stay 0. */
    double mean = 0, window_sum = 0;
    for (size_t i = 0; i < frames; i++)
        mean += wave[i];
    for (size_t i = 0; i < frames; i++)
        window_sum += sin(synth_pi * (double)i / (double)(frames - 1));
    for (size_t i = 0; i < frames && window_sum > 0; i++)
        wave[i] -= mean / window_sum * sin(synth_pi * (double)i / (double)(frames - 1));
    double peak = 0;
    for (size_t i = 0; i < frames; i++)
        peak = fmax(peak, fabs(wave[i]));
    double gain = peak > 0 ? shape->peak * 32767.0 / peak : 0;
    for (size_t i = 0; i < frames; i++)
        pcm[i] = (int16_t)lrint(wave[i] * gain);
    free(wave);
    *out = (synth_sound){.pcm = pcm, .frames = frames, .rate_hz = rate_hz};
    return true;
}

void synth_sound_free(synth_sound *sound)
{
    if (!sound)
        return;
    free(sound->pcm);
    memset(sound, 0, sizeof *sound);
}
