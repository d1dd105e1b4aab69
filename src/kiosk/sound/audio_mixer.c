/* The mixing callback (SDL_mixer's post-mix hook, on the device thread): the music ducked
 * under everything else, then each voice placed on its exact sample of the stream (the
 * arithmetic is mix.c's); the voices and how early they were handed over. */
#include "audio_internal.h"

#include <SDL.h>

#include "mix.h"

double audio_counter_ms(uint64_t ticks)
{
    return (double)ticks * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

/* The stream frame at which clock time clock_ms falls. */
int64_t audio_frame_at(const audio *au, int64_t clock_ms)
{
    return (clock_ms - au->origin_ms) * au->rate_hz / 1000;
}

static void audio_mix_voice(audio *au, audio_voice *v, int16_t *out, int64_t first, size_t frames,
                            uint64_t now_counter)
{
    /* The arithmetic lives in the core (mix.c), unit-tested at every boundary: a voice late by
     * more than its length ends here without a sample read. */
    mix_span span = mix_span_in_block(v->start_frame, v->sound->frames, first, frames);
    if (span.count > 0 && v->first_mixed < 0) {
        v->first_mixed = first + (int64_t)span.block_offset;
        double lead = audio_counter_ms(now_counter - v->handed_counter);
        au->cues++;
        au->lead_min_ms = au->cues == 1 || lead < au->lead_min_ms ? lead : au->lead_min_ms;
        au->lead_max_ms = lead > au->lead_max_ms ? lead : au->lead_max_ms;
        if (v->first_mixed > v->start_frame)
            au->cues_late++;
    }
    if (span.count > 0)
        mix_add_scaled(out + span.block_offset * 2, v->sound->pcm + span.sound_offset * 2,
                       span.count * 2, au->cue_gain);
    if (span.done) {
        if (v->first_mixed < 0)
            au->cues_dropped++; /* handed over after its end: never heard */
        v->active = false;
    }
}

/* SDL_mixer's post-mix hook: the stream holds only the music here (we play nothing on its
 * channels), so the music can be ducked sample by sample before the cues are added. */
void audio_callback(void *data, Uint8 *stream, int length)
{
    audio *au = data;
    int16_t *out = (int16_t *)stream;
    size_t frames = (size_t)length / (2 * sizeof(int16_t));
    pthread_mutex_lock(&au->lock);
    int64_t starve_ms =
        au->starve_ms > 0 && au->frames_mixed >= au->starve_at_frame ? au->starve_ms : 0;
    if (starve_ms)
        au->starve_ms = 0;
    pthread_mutex_unlock(&au->lock);
    if (starve_ms) /* a test starving the device thread: held here, as the scheduler would */
        SDL_Delay((Uint32)starve_ms);
    uint64_t now = SDL_GetPerformanceCounter();
    atomic_store(&au->last_callback_counter, now);
    atomic_fetch_add(&au->callbacks_seen, 1);
    pthread_mutex_lock(&au->lock);
    if (atomic_exchange(&au->drop_voices, false))
        for (size_t i = 0; i < AUDIO_VOICES; i++)
            au->voices[i].active = false;
    if (au->callbacks) {
        double interval = audio_counter_ms(now - au->callback_counter);
        if (interval > au->callback_interval_max_ms)
            au->callback_interval_max_ms = interval;
    }
    int64_t first = au->frames_mixed;
    au->callback_frame = first;
    au->callback_frames = frames;
    au->callback_counter = now;
    au->callbacks++;
    /* The music comes down to a third while anything else is heard, over about 200 ms. */
    bool speaking = false;
    for (size_t i = 0; i < AUDIO_VOICES && !au->paused; i++)
        speaking |= au->voices[i].active && au->voices[i].start_frame < first + (int64_t)frames;
    float target = au->music_target * (speaking ? 0.3f : 1.0f);
    float step = 1.0f / (0.2f * (float)au->rate_hz);
    for (size_t i = 0; i < frames; i++) {
        if (au->music_gain < target)
            au->music_gain = au->music_gain + step < target ? au->music_gain + step : target;
        else if (au->music_gain > target)
            au->music_gain = au->music_gain - step > target ? au->music_gain - step : target;
        out[2 * i] = (int16_t)(out[2 * i] * au->music_gain);
        out[2 * i + 1] = (int16_t)(out[2 * i + 1] * au->music_gain);
    }
    if (first == 0 && au->mark_start) {
        /* SDL plays silence, without calling us, from when its device thread starts until
         * SDL_mixer unpauses it: a recording holds a few buffers more than the stream we count.
         * A trace's sample positions count from our first frame, so when tracing that frame is
         * marked, +1 and -1 (-90 dBFS, inaudible), for a test to line the two up. */
        out[0] = 1;
        out[1] = -1;
    }
    /* A pause holds the routine's sounds; a screen's words read aloud go on. */
    for (size_t i = 0; i < AUDIO_VOICES; i++)
        if (au->voices[i].active && (!au->paused || au->voices[i].screen))
            audio_mix_voice(au, &au->voices[i], out, first, frames, now);
    au->frames_mixed += (int64_t)frames;
    pthread_mutex_unlock(&au->lock);
}

/* A free voice slot (its trace taken first); NULL when all are busy. */
static audio_voice *audio_free_voice(audio *au)
{
    for (size_t i = 0; i < AUDIO_VOICES; i++) {
        audio_voice *v = &au->voices[i];
        if (!v->active && v->trace == SIZE_MAX)
            return v;
    }
    return NULL;
}

void audio_start(audio *au, const audio_sound *sound, int64_t start_frame, size_t trace, bool voice)
{
    audio_voice *v = audio_free_voice(au);
    if (!v) {
        audio_trace_flush(au, false);
        v = audio_free_voice(au);
    }
    if (!v) {
        if (trace != SIZE_MAX)
            au->trace[trace].settled = true;
        return;
    }
    pthread_mutex_lock(&au->lock);
    *v = (audio_voice){.active = true,
                       .sound = sound,
                       .start_frame = start_frame,
                       .first_mixed = -1,
                       .handed_counter = SDL_GetPerformanceCounter(),
                       .trace = trace,
                       .voice = voice,
                       .screen = voice && sound >= au->screen_words &&
                                 sound < au->screen_words + READ_ALOUD_MAX};
    /* Paused between the hand-over and now: it waits for the resume, which shifts it. */
    pthread_mutex_unlock(&au->lock);
}
