/* The output device: the backends tried in order at the start (SDL's device, then the null
 * backend, which is silence), the output stream as the master clock, a device that stalls
 * (silent on the wall clock until it takes sound again) or is removed, volume, and what was
 * measured. */
#include "audio_internal.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stdio.h>
#include <stdlib.h>

#include "synth.h"

static void audio_go_silent(audio *au, int64_t wall_ms, const char *why)
{
    if (au->stalled) {
        /* Already on the wall clock; no SDL_mixer call, which would wait for a stuck thread. */
        au->stalled = false;
        au->lost = true;
        au->silent_reason = why;
        fprintf(stderr, "ease: %s; carrying on silently\n", why);
        return;
    }
    if (!audio_plays(au))
        return;
    int64_t clock = audio_clock_ms(au, wall_ms);
    Mix_HaltMusic();
    Mix_SetPostMix(NULL, NULL);
    au->backend = &audio_backend_null;
    au->lost = true;
    au->silent_reason = why;
    au->silent_offset_ms = clock - wall_ms;
    fprintf(stderr, "ease: %s; carrying on silently\n", why);
}

static bool audio_sdl_open(audio *au);
static bool audio_null_open(audio *au);

/* Tried in this order; the null backend last, and always there. */
static const audio_backend *const audio_backends[] = {&audio_backend_sdl, &audio_backend_null};

audio *audio_open(bool sound, const char *trace_path, int64_t wall_ms)
{
    audio *au = calloc(1, sizeof *au);
    if (!au)
        return NULL;
    pthread_mutex_init(&au->lock, NULL);
    au->rate_hz = AUDIO_RATE_HZ;
    au->origin_ms = au->last_clock_ms = wall_ms;
    au->backend = &audio_backend_null;
    au->volume = 70;
    au->cue_gain = 0.49f;
    for (size_t i = 0; i < AUDIO_VOICES; i++)
        au->voices[i].trace = SIZE_MAX;
    au->pending_step = SIZE_MAX;
    /* For the tests of recovery only: "AT_MS:FOR_MS" holds the device thread FOR_MS once the
     * stream reaches AT_MS, as a starved thread is held. */
    const char *starve = getenv("EASE_TEST_AUDIO_STARVE");
    long long starve_at = 0, starve_for = 0;
    if (starve && sscanf(starve, "%lld:%lld", &starve_at, &starve_for) == 2 && starve_for > 0) {
        au->starve_at_frame = starve_at * AUDIO_RATE_HZ / 1000;
        au->starve_ms = starve_for;
    }
    if (trace_path) {
        au->mark_start = true;
        au->trace_file = fopen(trace_path, "w");
        if (!au->trace_file)
            fprintf(stderr, "ease: cannot write the trace to %s\n", trace_path);
    }
    au->asked = sound;
    au->silent_reason = sound ? "no sound device" : NULL;
    for (size_t i = 0; i < sizeof audio_backends / sizeof *audio_backends; i++)
        if ((sound || !audio_backends[i]->device) && audio_backends[i]->open(au)) {
            au->backend = audio_backends[i];
            break;
        }
    if (!audio_plays(au))
        return au;
    bool made = true;
    for (int s = 0; s < SYNTH_SOUND_COUNT && made; s++) {
        synth_sound mono;
        made = synth_render(s, au->rate_hz, &mono) &&
               audio_sound_from_mono(&au->builtin[s], mono.pcm, mono.frames);
        synth_sound_free(&mono);
    }
    if (!made) {
        audio_go_silent(au, wall_ms, "the cue sounds could not be made");
        return au;
    }
    fprintf(stderr, "ease: sound on %s at %d Hz, asked for %d-frame buffers\n",
            SDL_GetCurrentAudioDriver(), au->rate_hz, AUDIO_BUFFER_FRAMES);
    return au;
}

/* SDL's device through SDL_mixer, our post-mix hook mixing every sound. */
static bool audio_sdl_open(audio *au)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "ease: no sound (%s); running silently\n", SDL_GetError());
        return false;
    }
    /* Our hook is in place before the device starts, so the stream's frames are counted from
     * its very first callback: they are the clock. (Set after opening, a callback or two could
     * run uncounted under load, and every cue would land that much early in the output.) */
    Mix_SetPostMix(audio_callback, au);
    /* The buffer size is ours to keep: where a device wants another, SDL re-buffers for us
     * (letting SDL_mixer follow the device's size overran its buffer on the dummy driver). */
    if (Mix_OpenAudioDevice(AUDIO_RATE_HZ, AUDIO_S16SYS, 2, AUDIO_BUFFER_FRAMES, NULL,
                            SDL_AUDIO_ALLOW_FREQUENCY_CHANGE) != 0) {
        fprintf(stderr, "ease: no sound device (%s); running silently\n", Mix_GetError());
        Mix_SetPostMix(NULL, NULL);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return false;
    }
    int rate = 0, channels = 0;
    Uint16 format = 0;
    Mix_QuerySpec(&rate, &format, &channels);
    pthread_mutex_lock(&au->lock); /* the callback is already running */
    au->rate_hz = rate;
    pthread_mutex_unlock(&au->lock);
    Mix_AllocateChannels(0); /* every sound is ours, mixed in the post-mix hook */
    au->device_open = true;
    au->silent_reason = NULL;
    return true;
}

static bool audio_null_open(audio *au)
{
    (void)au;
    return true; /* silence can always be had */
}

static void audio_sdl_fade_music(void)
{
    Mix_FadeOutMusic(1500);
}

static void audio_null_music(void) {}

const audio_backend audio_backend_sdl = {.name = "sdl",
                                         .device = true,
                                         .plays = true,
                                         .open = audio_sdl_open,
                                         .music_pause = Mix_PauseMusic,
                                         .music_resume = Mix_ResumeMusic,
                                         .music_fade = audio_sdl_fade_music};
const audio_backend audio_backend_null = {.name = "null",
                                          .open = audio_null_open,
                                          .music_pause = audio_null_music,
                                          .music_resume = audio_null_music,
                                          .music_fade = audio_null_music};

void audio_close(audio *au)
{
    if (!au)
        return;
    if (audio_plays(au)) {
        audio_stats stats;
        audio_get_stats(au, &stats);
        fprintf(stderr,
                "ease: sound: %d Hz, %d-frame buffers (%.1f ms), %llu callbacks (at most %.1f ms "
                "apart); %lld cues, handed %.1f-%.1f ms before their first sample was mixed, "
                "%lld late, %lld dropped (handed over after their end)\n",
                stats.rate_hz, stats.buffer_frames, stats.buffer_frames * 1000.0 / stats.rate_hz,
                (unsigned long long)stats.callbacks, stats.callback_interval_max_ms,
                (long long)stats.cues, stats.lead_min_ms, stats.lead_max_ms,
                (long long)stats.cues_late, (long long)stats.cues_dropped);
        Mix_SetPostMix(NULL, NULL);
        Mix_HaltMusic();
    }
    audio_trace_flush(au, true);
    audio_cancel_screen(au); /* before the device closes: a recording is SDL_mixer's */
    if (au->device_open) {
        Mix_SetPostMix(NULL, NULL);
        audio_free_files(au);
        Mix_CloseAudio();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    for (int s = 0; s < SYNTH_SOUND_COUNT; s++)
        audio_sound_free(&au->builtin[s]);
    if (au->trace_file)
        fclose(au->trace_file);
    free(au->trace);
    for (int k = 0; k < CUE_PHRASE_COUNT; k++)
        free(au->pack_paths[k]);
    pthread_mutex_destroy(&au->lock);
    free(au);
}

bool audio_is_live(const audio *au)
{
    return au && audio_plays(au);
}

const char *audio_silent_reason(const audio *au)
{
    return au ? au->silent_reason : NULL;
}

int64_t audio_clock_ms(audio *au, int64_t wall_ms)
{
    int64_t clock;
    if (!audio_plays(au)) {
        clock = wall_ms + au->silent_offset_ms;
    } else {
        pthread_mutex_lock(&au->lock);
        int64_t frame = au->callback_frame;
        size_t frames = au->callback_frames;
        uint64_t counter = au->callback_counter, callbacks = au->callbacks;
        pthread_mutex_unlock(&au->lock);
        double ms = 0;
        if (callbacks) {
            /* Between callbacks the stream moves on at its rate; never past the block that
             * was last mixed, so a late callback holds the clock rather than letting it jump. */
            double since = audio_counter_ms(SDL_GetPerformanceCounter() - counter);
            double block = (double)frames * 1000.0 / au->rate_hz;
            ms = (double)frame * 1000.0 / au->rate_hz + (since < block ? since : block);
        }
        clock = au->origin_ms + (int64_t)ms;
    }
    if (clock < au->last_clock_ms)
        clock = au->last_clock_ms;
    au->last_clock_ms = clock;
    return clock;
}

void audio_set_volume(audio *au, int volume, bool muted)
{
    au->volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
    au->muted = muted;
    /* Loudness follows the square of the setting, closer to how a volume knob feels. */
    float gain = muted ? 0 : (float)au->volume * (float)au->volume / 10000.0f;
    pthread_mutex_lock(&au->lock);
    au->cue_gain = gain;
    if (au->music)
        au->music_target = 0.25f * gain;
    pthread_mutex_unlock(&au->lock);
}

/* The device stopped calling: silent on the wall clock, from where the stream's clock was,
 * without a jump. Nothing here waits for the device thread (it may be the one that is stuck):
 * no lock it may hold, no SDL_mixer call. */
static void audio_stall(audio *au, int64_t wall_ms, uint64_t callbacks)
{
    int64_t clock = au->last_clock_ms;
    au->stalled = true;
    au->stalled_callbacks = callbacks;
    au->backend = &audio_backend_null; /* until it takes sound again */
    au->silent_offset_ms = clock - wall_ms;
    au->silent_reason = "the sound device stopped taking sound; waiting for it";
    atomic_store(&au->drop_voices, true);
    fprintf(stderr, "ease: the sound device stopped taking sound; carrying on silently until it "
                    "takes sound again\n");
}

/* Callbacks came back: the stream is the clock again, placed so that the clock goes on from
 * where the wall clock had it (the stream's frames during the stall are no time of ours). */
static void audio_unstall(audio *au, int64_t wall_ms)
{
    int64_t clock = wall_ms + au->silent_offset_ms;
    if (clock < au->last_clock_ms)
        clock = au->last_clock_ms;
    pthread_mutex_lock(&au->lock);
    double stream_ms = (double)au->callback_frame * 1000.0 / au->rate_hz;
    au->origin_ms = clock - (int64_t)stream_ms;
    pthread_mutex_unlock(&au->lock);
    au->stalled = false;
    au->backend = &audio_backend_sdl;
    au->silent_reason = NULL;
    fprintf(stderr, "ease: the sound device takes sound again\n");
}

void audio_poll(audio *au, int64_t wall_ms)
{
    /* The monotonic clock, whatever the caller's time is (the kiosk's is the stream's own). */
    (void)wall_ms;
    int64_t wall = (int64_t)SDL_GetTicks64();
    if (audio_plays(au) || au->stalled) {
        uint64_t callbacks = atomic_load(&au->callbacks_seen);
        double since =
            audio_counter_ms(SDL_GetPerformanceCounter() - atomic_load(&au->last_callback_counter));
        if (audio_plays(au) && callbacks && since > AUDIO_STALL_MS)
            audio_stall(au, wall, callbacks);
        else if (au->stalled && callbacks >= au->stalled_callbacks + 3 && since < AUDIO_BACK_MS)
            audio_unstall(au, wall);
    }
    size_t step = au->pending_step;
    if (step != SIZE_MAX && audio_plays(au) && !au->paused && step < au->step_sound_count &&
        audio_file_ready(au, &au->step_sounds[step])) {
        au->pending_step = SIZE_MAX;
        if (au->step_sounds[step].frames)
            audio_start(au, &au->step_sounds[step], au->pending_frame, SIZE_MAX, true);
    }
    audio_trace_flush(au, false);
}

bool audio_wants_device(const audio *au)
{
    return au && au->asked && !audio_plays(au) && !au->stalled;
}

void audio_device_removed(audio *au, int64_t wall_ms)
{
    audio_go_silent(au, wall_ms, "the sound device was removed");
}

void audio_drain(audio *au, int64_t max_ms)
{
    for (int64_t waited = 0; audio_plays(au) && waited < max_ms; waited += 10) {
        bool busy = false;
        pthread_mutex_lock(&au->lock);
        for (size_t i = 0; i < AUDIO_VOICES; i++)
            busy |= au->voices[i].active && !au->paused;
        pthread_mutex_unlock(&au->lock);
        if (!busy)
            break;
        SDL_Delay(10);
    }
    audio_trace_flush(au, false);
}

void audio_get_stats(const audio *au, audio_stats *out)
{
    audio *mutable = (audio *)au;
    pthread_mutex_lock(&mutable->lock);
    *out = (audio_stats){.rate_hz = au->rate_hz,
                         .buffer_frames = (int)au->callback_frames,
                         .callbacks = au->callbacks,
                         .cues = au->cues,
                         .cues_late = au->cues_late,
                         .cues_dropped = au->cues_dropped,
                         .lead_min_ms = au->lead_min_ms,
                         .lead_max_ms = au->lead_max_ms,
                         .callback_interval_max_ms = au->callback_interval_max_ms};
    pthread_mutex_unlock(&mutable->lock);
}
