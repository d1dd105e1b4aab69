#include "audio.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>
#include <jansson.h>

#include "array.h"
#include "cue_policy.h"
#include "media_limits.h"
#include "mix.h"
#include "source_file.h"
#include "synth.h"
#include "voice_queue.h"

enum {
    AUDIO_VOICES = 32,
    /* No callback for this long: the device has stopped taking sound. It is not gone (a
     * removed device is SDL_AUDIODEVICEREMOVED): a starved audio thread, a process stopped
     * and continued. The kiosk goes on silently on the wall clock and takes the stream up
     * again as soon as callbacks come back. */
    AUDIO_STALL_MS = 1000,
    /* Callbacks back for this long, regularly: the stream is taken up again. */
    AUDIO_BACK_MS = 100,
};

/* A sound in device format (interleaved stereo int16 at the device rate). */
typedef struct {
    int16_t *pcm; /* owned unless chunk is set */
    size_t frames;
    Mix_Chunk *chunk; /* owned, when decoded by SDL_mixer from a file */
    /* A routine's file: decoded on the decoder thread, usable once this is set (release by
     * the decoder, acquire by the frame loop); the others are ready from the start. */
    atomic_bool decoded;
} audio_sound;

/* A sound placed on the output stream: it starts at start_frame. Shared with the callback. */
typedef struct {
    bool active;
    const audio_sound *sound;
    int64_t start_frame;
    int64_t first_mixed; /* the stream frame of its first sample, -1 until mixed */
    uint64_t handed_counter;
    size_t trace; /* index into the trace entries, or SIZE_MAX */
    bool voice;   /* words or a recorded instruction: placed by the voice queue */
} audio_voice;

typedef enum {
    AUDIO_TRACE_CUE,
    AUDIO_TRACE_PAUSE,
    AUDIO_TRACE_RESUME,
    AUDIO_TRACE_SPEECH
} audio_trace_kind;

typedef struct {
    audio_trace_kind kind;
    cue_event event;
    uint32_t segment;
    int64_t planned_ms, handed_ms, planned_sample, start_sample; /* -1: none */
    /* The first frame the mixer had not yet mixed when the cue was handed over: a cue planned
     * before it (handed late) can start no earlier, and starts exactly there, part-way. */
    int64_t mixed_sample;
    bool settled;      /* start_sample known, or known never to come */
    int64_t offset_ms; /* the sound after the cue's moment (the cue policy's), in routine ms */
    int64_t frames;    /* the sound's or the words' length */
    const char *said;  /* speech: the phrase key, or "step" */
    int64_t step;      /* speech: the step whose words, or -1 */
} audio_trace_entry;

struct audio {
    bool live;    /* a device is open and taking samples */
    bool stalled; /* open, but no callback came for AUDIO_STALL_MS: silent until they do */
    bool lost;    /* the device was removed, or stopped for good: a new audio is needed */
    bool asked;   /* opened with sound: without a device, one is worth looking for again */
    const routine *files_for; /* the routine whose own files are loaded (or NULL) */
    int64_t files_ms; /* how long the routine's sounds held in memory last together (decoder's) */
    atomic_size_t files_skipped; /* the routine's files skipped for being over media_limits.h */
    /* The routine's own sound files are decoded on this thread, off the frame loop (a routine's
     * worth can take a second): each is used once decoded, the built-in sound meanwhile. */
    pthread_t decoder;
    bool decoding;
    atomic_bool decoder_stop;
    /* A step whose recorded sound was still being decoded at its bell: started, part-way in
     * step with the routine, as soon as it is ready (audio_poll). SIZE_MAX: none. */
    size_t pending_step;
    int64_t pending_frame;
    uint64_t stalled_callbacks; /* the callback count when the stall was noticed */
    /* Read by the frame loop without the lock, which a stalled callback may hold: whether the
     * device thread still calls, and when it last did. */
    _Atomic uint64_t callbacks_seen, last_callback_counter;
    /* Set by the frame loop, done by the next callback: drop every voice (their frames belong
     * to the stream's old place on the clock). */
    atomic_bool drop_voices;
    int64_t starve_at_frame, starve_ms; /* a test's starved audio thread (EASE_TEST_AUDIO_STARVE) */
    bool device_open;                   /* Mix_OpenAudioDevice succeeded (closed at audio_close) */
    const char *silent_reason;
    int rate_hz;
    int64_t origin_ms;        /* wall clock when the stream began: stream frame 0 */
    int64_t silent_offset_ms; /* silent: clock = wall + this */
    int64_t last_clock_ms;

    /* Guards everything below that the callback touches. A mutex of our own, not SDL's spinlock:
     * ThreadSanitizer sees this one (SDL's is invisible to it and floods it with false reports),
     * and no section under it does more than copy a few values or mix one block. */
    pthread_mutex_t lock;
    int64_t frames_mixed;
    int64_t callback_frame; /* the first frame of the last callback */
    size_t callback_frames;
    uint64_t callback_counter, callbacks;
    bool mark_start; /* tracing: mark frame 0 (see audio_callback) */
    double callback_interval_max_ms;
    bool paused;
    int64_t pause_frame;
    float cue_gain, music_gain, music_target;
    audio_voice voices[AUDIO_VOICES];
    int64_t cues, cues_late, cues_dropped;
    double lead_min_ms, lead_max_ms;

    audio_sound builtin[SYNTH_SOUND_COUNT];
    voice_queue voices_queue; /* one voice at a time: where the next words may start */
    const routine *routine;
    audio_sound cue_files[CUE_EVENT_COUNT];
    audio_sound *step_sounds; /* one per step of the routine (frames 0: none) */
    size_t step_sound_count;
    audio_sound *speech; /* step_count steps, then the three breathing words */
    size_t speech_count;
    bool speak_breathing;
    Mix_Music *music;
    int volume;
    bool muted;

    FILE *trace_file;
    audio_trace_entry *trace;
    size_t trace_count, trace_capacity, trace_written;
};

static double audio_counter_ms(uint64_t ticks)
{
    return (double)ticks * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

/* The stream frame at which clock time clock_ms falls. */
static int64_t audio_frame_at(const audio *au, int64_t clock_ms)
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
static void audio_callback(void *data, Uint8 *stream, int length)
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
    if (!au->paused)
        for (size_t i = 0; i < AUDIO_VOICES; i++)
            if (au->voices[i].active)
                audio_mix_voice(au, &au->voices[i], out, first, frames, now);
    au->frames_mixed += (int64_t)frames;
    pthread_mutex_unlock(&au->lock);
}

/* A mono sound at the device rate spread to both channels. */
static bool audio_sound_from_mono(audio_sound *out, const int16_t *mono, size_t frames)
{
    int16_t *pcm = malloc(frames * 2 * sizeof *pcm);
    if (!pcm)
        return false;
    for (size_t i = 0; i < frames; i++)
        pcm[2 * i] = pcm[2 * i + 1] = mono[i];
    *out = (audio_sound){.pcm = pcm, .frames = frames};
    return true;
}

static void audio_sound_free(audio_sound *s)
{
    if (s->chunk)
        Mix_FreeChunk(s->chunk);
    else
        free(s->pcm);
    memset(s, 0, sizeof *s);
}

/* A routine's file, relative to its folder, decoded into device format; false (and out
 * untouched) when missing or undecodable: the checker has warned, and it is skipped. */
static bool audio_load_file(audio *au, const routine *r, const char *file, audio_sound *out)
{
    char *folder = source_file_dirname(r->path);
    char *path = folder ? source_file_join(folder, file) : NULL;
    /* The limits first, from the header: a file over them (which ease check reports as an
     * error) would cost gigabytes and seconds to decode, here on the frame loop. */
    /* Only a regular file: SDL_mixer opens blocking, and a FIFO would hang the kiosk. */
    bool regular = path && source_file_is_regular(path);
    media_sound_info info;
    char why[256] = "";
    bool within = regular && media_probe_sound(path, &info) &&
                  media_sound_within_limits(&info, false, why, sizeof why);
    if (within && info.length_ms > 0 &&
        au->files_ms + info.length_ms > MEDIA_ROUTINE_SOUNDS_MAX_MS) {
        snprintf(why, sizeof why, "the routine's sounds would last more than %d minutes",
                 MEDIA_ROUTINE_SOUNDS_MAX_MS / 60000);
        within = false;
    }
    if (path && !within && why[0]) {
        fprintf(stderr, "ease: skipping the sound \"%s\": it %s\n", file, why);
        au->files_skipped++;
        free(path);
        free(folder);
        return false;
    }
    Mix_Chunk *chunk = regular ? Mix_LoadWAV(path) : NULL;
    if (!chunk)
        fprintf(stderr, "ease: skipping the sound \"%s\" (%s)\n", file,
                !path      ? "out of memory"
                : !regular ? "not a regular file"
                           : Mix_GetError());
    free(path);
    free(folder);
    if (!chunk)
        return false;
    out->pcm = (int16_t *)chunk->abuf;
    out->frames = chunk->alen / (2 * sizeof(int16_t));
    out->chunk = chunk;
    au->files_ms += (int64_t)out->frames * 1000 / au->rate_hz;
    return true;
}

/* Lets go of the routine's files; voices still playing one are silenced first. */
static void audio_stop_decoder(audio *au)
{
    if (!au->decoding)
        return;
    atomic_store(&au->decoder_stop, true);
    pthread_join(au->decoder, NULL);
    au->decoding = false;
    atomic_store(&au->decoder_stop, false);
}

static void audio_free_files(audio *au)
{
    audio_stop_decoder(au);
    pthread_mutex_lock(&au->lock);
    for (size_t i = 0; i < AUDIO_VOICES; i++) {
        const audio_sound *sound = au->voices[i].sound;
        bool builtin = sound >= au->builtin && sound < au->builtin + SYNTH_SOUND_COUNT;
        if (au->voices[i].active && !builtin)
            au->voices[i].active = false;
    }
    au->music_target = 0;
    pthread_mutex_unlock(&au->lock);
    if (au->music) {
        Mix_HaltMusic();
        Mix_FreeMusic(au->music);
        au->music = NULL;
    }
    for (int e = 0; e < CUE_EVENT_COUNT; e++)
        audio_sound_free(&au->cue_files[e]);
    for (size_t s = 0; s < au->step_sound_count; s++)
        audio_sound_free(&au->step_sounds[s]);
    free(au->step_sounds);
    au->step_sounds = NULL;
    au->step_sound_count = 0;
    au->files_for = NULL;
    for (size_t s = 0; s < au->speech_count; s++)
        audio_sound_free(&au->speech[s]);
    free(au->speech);
    au->speech = NULL;
    au->speech_count = 0;
}

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
    if (!au->live)
        return;
    int64_t clock = audio_clock_ms(au, wall_ms);
    Mix_HaltMusic();
    Mix_SetPostMix(NULL, NULL);
    au->live = false;
    au->lost = true;
    au->silent_reason = why;
    au->silent_offset_ms = clock - wall_ms;
    fprintf(stderr, "ease: %s; carrying on silently\n", why);
}

audio *audio_open(bool sound, const char *trace_path, int64_t wall_ms)
{
    audio *au = calloc(1, sizeof *au);
    if (!au)
        return NULL;
    pthread_mutex_init(&au->lock, NULL);
    au->rate_hz = AUDIO_RATE_HZ;
    au->origin_ms = au->last_clock_ms = wall_ms;
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
    if (!sound)
        return au;
    au->asked = true;
    au->silent_reason = "no sound device";
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "ease: no sound (%s); running silently\n", SDL_GetError());
        return au;
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
        return au;
    }
    int rate = 0, channels = 0;
    Uint16 format = 0;
    Mix_QuerySpec(&rate, &format, &channels);
    pthread_mutex_lock(&au->lock); /* the callback is already running */
    au->rate_hz = rate;
    pthread_mutex_unlock(&au->lock);
    Mix_AllocateChannels(0); /* every sound is ours, mixed in the post-mix hook */
    au->live = au->device_open = true;
    au->silent_reason = NULL;
    bool made = true;
    for (int s = 0; s < SYNTH_SOUND_COUNT && made; s++) {
        synth_sound mono;
        made = synth_render(s, rate, &mono) &&
               audio_sound_from_mono(&au->builtin[s], mono.pcm, mono.frames);
        synth_sound_free(&mono);
    }
    if (!made) {
        audio_go_silent(au, wall_ms, "the cue sounds could not be made");
        return au;
    }
    fprintf(stderr, "ease: sound on %s at %d Hz, asked for %d-frame buffers\n",
            SDL_GetCurrentAudioDriver(), rate, AUDIO_BUFFER_FRAMES);
    return au;
}

static void audio_trace_flush(audio *au, bool all);
static void audio_start(audio *au, const audio_sound *sound, int64_t start_frame, size_t trace,
                        bool voice);
static int64_t audio_say(audio *au, const audio_sound *words, int64_t want, int64_t latest,
                         int64_t planned_ms, const char *said, int64_t step);

void audio_close(audio *au)
{
    if (!au)
        return;
    if (au->live) {
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
    pthread_mutex_destroy(&au->lock);
    free(au);
}

bool audio_is_live(const audio *au)
{
    return au && au->live;
}

const char *audio_silent_reason(const audio *au)
{
    return au ? au->silent_reason : NULL;
}

int64_t audio_clock_ms(audio *au, int64_t wall_ms)
{
    int64_t clock;
    if (!au->live) {
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

/* Writes the trace lines whose start is known, in the order the cues were handed over; with
 * all, the rest too (never started: no sample). */
static void audio_trace_flush(audio *au, bool all)
{
    if (!au->trace_file)
        return;
    pthread_mutex_lock(&au->lock);
    for (size_t i = 0; i < AUDIO_VOICES; i++) {
        audio_voice *v = &au->voices[i];
        if (v->trace != SIZE_MAX && (v->first_mixed >= 0 || !v->active)) {
            /* Started, or dropped before its first sample (its start stays unknown). */
            au->trace[v->trace].start_sample = v->first_mixed;
            au->trace[v->trace].settled = true;
            v->trace = SIZE_MAX;
        }
    }
    pthread_mutex_unlock(&au->lock);
    while (au->trace_written < au->trace_count && (all || au->trace[au->trace_written].settled)) {
        const audio_trace_entry *e = &au->trace[au->trace_written++];
        json_t *line;
        if (e->kind == AUDIO_TRACE_PAUSE)
            line =
                json_pack("{s:s, s:I}", "player", "pause", "sample", (json_int_t)e->planned_sample);
        else if (e->kind == AUDIO_TRACE_RESUME)
            line =
                json_pack("{s:s, s:I, s:I}", "player", "resume", "paused_ms",
                          (json_int_t)e->handed_ms, "shift_samples", (json_int_t)e->planned_sample);
        else if (e->kind == AUDIO_TRACE_SPEECH) {
            /* Words (or a recording) placed by the voice queue, or dropped (start null). */
            line = json_pack("{s:s, s:I, s:I, s:I}", "speech", e->said, "planned_ms",
                             (json_int_t)e->planned_ms, "wanted_sample",
                             (json_int_t)e->planned_sample, "frames", (json_int_t)e->frames);
            if (line) {
                json_object_set_new(line, "step",
                                    e->step >= 0 ? json_integer(e->step) : json_null());
                json_object_set_new(line, "start_sample",
                                    e->start_sample >= 0 ? json_integer(e->start_sample)
                                                         : json_null());
            }
        } else
            line = json_pack("{s:s, s:I, s:I, s:I}", "cue", cue_event_name(e->event), "segment",
                             (json_int_t)e->segment, "planned_ms", (json_int_t)e->planned_ms,
                             "handed_ms", (json_int_t)e->handed_ms);
        if (!line)
            continue;
        if (e->kind != AUDIO_TRACE_CUE) {
            char *text = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (text)
                fprintf(au->trace_file, "%s\n", text);
            free(text);
            json_decref(line);
            continue;
        }
        json_object_set_new(line, "planned_sample",
                            e->planned_sample >= 0 ? json_integer(e->planned_sample) : json_null());
        json_object_set_new(line, "start_sample",
                            e->start_sample >= 0 ? json_integer(e->start_sample) : json_null());
        json_object_set_new(line, "mixed_sample",
                            e->mixed_sample >= 0 ? json_integer(e->mixed_sample) : json_null());
        json_object_set_new(line, "rate_hz", au->live ? json_integer(au->rate_hz) : json_null());
        json_object_set_new(line, "offset_ms", json_integer(e->offset_ms));
        json_object_set_new(line, "frames", json_integer(e->frames));
        char *text = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (text)
            fprintf(au->trace_file, "%s\n", text);
        free(text);
        json_decref(line);
    }
    fflush(au->trace_file);
}

static size_t audio_trace_add(audio *au, audio_trace_kind kind, const plan_cue *cue,
                              int64_t handed_ms, int64_t planned_sample)
{
    if (!au->trace_file)
        return SIZE_MAX;
    audio_trace_entry *grown =
        array_grow(au->trace, &au->trace_capacity, au->trace_count + 1, sizeof *grown);
    if (!grown)
        return SIZE_MAX;
    au->trace = grown;
    au->trace[au->trace_count] = (audio_trace_entry){.kind = kind,
                                                     .event = cue ? cue->event : 0,
                                                     .segment = cue ? cue->segment : 0,
                                                     .planned_ms = cue ? cue->at_ms : -1,
                                                     .handed_ms = handed_ms,
                                                     .planned_sample = planned_sample,
                                                     .start_sample = -1,
                                                     .mixed_sample = -1,
                                                     .settled = !cue || planned_sample < 0};
    return au->trace_count++;
}

size_t audio_speech_phrase_index(const routine *r, cue_phrase phrase)
{
    return r->step_count + (size_t)phrase;
}

void audio_add_speech(audio *au, size_t index, const int16_t *mono, size_t frames, int rate_hz)
{
    if (!(au->live || au->stalled) || index >= au->speech_count || au->speech[index].frames ||
        frames == 0)
        return;
    SDL_AudioCVT cvt;
    if (SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, rate_hz, AUDIO_S16SYS, 2, au->rate_hz) < 0)
        return;
    cvt.len = (int)(frames * sizeof *mono);
    cvt.buf = malloc((size_t)cvt.len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1) + 64);
    if (!cvt.buf)
        return;
    /* Every voice at one level, above every cue sound (synth.h): a quiet synthesiser or a
     * soft-spoken recording is not lost under a bell, a loud one does not startle. */
    int peak = 1;
    for (size_t i = 0; i < frames; i++)
        peak = abs(mono[i]) > peak ? abs(mono[i]) : peak;
    double gain = SYNTH_SPEECH_PEAK * 32767.0 / peak;
    int16_t *level = (int16_t *)cvt.buf;
    for (size_t i = 0; i < frames; i++)
        level[i] = (int16_t)(mono[i] * gain);
    if (SDL_ConvertAudio(&cvt) != 0) {
        free(cvt.buf);
        return;
    }
    au->speech[index] = (audio_sound){.pcm = (int16_t *)cvt.buf,
                                      .frames = (size_t)cvt.len_cvt / (2 * sizeof(int16_t))};
}

bool audio_speak_now(audio *au, size_t index, int64_t want_clock_ms, int64_t latest_clock_ms)
{
    if (!au->live || index >= au->speech_count || !au->speech[index].frames || au->paused)
        return false;
    pthread_mutex_lock(&au->lock);
    int64_t now = au->frames_mixed + (int64_t)au->callback_frames;
    pthread_mutex_unlock(&au->lock);
    int64_t want = audio_frame_at(au, want_clock_ms);
    return audio_say(au, &au->speech[index], want > now ? want : now,
                     audio_frame_at(au, latest_clock_ms), -1,
                     index < au->step_sound_count ? "step" : "phrase",
                     index < au->step_sound_count ? (int64_t)index : -1) >= 0;
}

/* The decoder thread: the routine's cue files, then its steps' sounds in order (the first
 * step's is wanted first). Only this thread writes files_ms and the sounds it decodes. */
static void *audio_decode_files(void *data)
{
    audio *au = data;
    const routine *r = au->files_for;
    /* Each sound is marked done (decoded, or skipped with 0 frames) with a release store, after
     * its samples are written. */
    for (int e = 0; e < CUE_EVENT_COUNT && !atomic_load(&au->decoder_stop); e++) {
        if (r->cues[e].source == CUE_SOURCE_FILE && r->cues[e].file)
            audio_load_file(au, r, r->cues[e].file, &au->cue_files[e]);
        atomic_store_explicit(&au->cue_files[e].decoded, true, memory_order_release);
    }
    for (size_t s = 0; s < au->step_sound_count && !atomic_load(&au->decoder_stop); s++) {
        if (r->steps[s].sound)
            audio_load_file(au, r, r->steps[s].sound, &au->step_sounds[s]);
        atomic_store_explicit(&au->step_sounds[s].decoded, true, memory_order_release);
    }
    return NULL;
}

/* Whether a routine file's sound is there to play (decoded, and of the routine playing). */
static bool audio_file_ready(const audio *au, const audio_sound *sound)
{
    return au->files_for == au->routine &&
           atomic_load_explicit(&((audio_sound *)sound)->decoded, memory_order_acquire);
}

void audio_begin_routine(audio *au, const routine *r, bool speak_breathing)
{
    audio_end_routine(au, false);
    au->routine = r;
    au->speak_breathing = speak_breathing;
    /* Stalled: freeing the last routine's music would wait for the stuck device thread. The
     * routine plays with the built-in sounds if the device comes back. */
    if (!au->device_open || au->stalled)
        return;
    audio_free_files(au);
    au->files_ms = 0;
    atomic_store(&au->files_skipped, 0);
    if (!au->live)
        return;
    au->files_for = r;
    au->speech = calloc(r->step_count + 3, sizeof *au->speech);
    au->speech_count = au->speech ? r->step_count + 3 : 0;
    au->step_sounds = calloc(r->step_count ? r->step_count : 1, sizeof *au->step_sounds);
    au->step_sound_count = au->step_sounds ? r->step_count : 0;
    au->decoding = pthread_create(&au->decoder, NULL, audio_decode_files, au) == 0;
    if (!au->decoding)
        audio_decode_files(au); /* no thread to be had: here, as before */
    if (r->music) {
        char *folder = source_file_dirname(r->path);
        char *path = folder ? source_file_join(folder, r->music) : NULL;
        media_sound_info info;
        char why[256] = "";
        if (path && source_file_is_regular(path) && media_probe_sound(path, &info) &&
            !media_sound_within_limits(&info, true, why, sizeof why)) {
            fprintf(stderr, "ease: skipping the music \"%s\": it %s\n", r->music, why);
            au->files_skipped++;
        } else {
            au->music = path && source_file_is_regular(path) ? Mix_LoadMUS(path) : NULL;
            if (!au->music)
                fprintf(stderr, "ease: skipping the music \"%s\" (%s)\n", r->music, Mix_GetError());
        }
        free(path);
        free(folder);
    }
    if (au->music && Mix_PlayMusic(au->music, -1) == 0) {
        /* Quietly under everything: a quarter of the volume, ducked further under cues. */
        float gain = au->muted ? 0 : (float)au->volume * (float)au->volume / 10000.0f;
        pthread_mutex_lock(&au->lock);
        au->music_gain = 0;
        au->music_target = 0.25f * gain;
        pthread_mutex_unlock(&au->lock);
    }
}

void audio_end_routine(audio *au, bool finished)
{
    au->routine = NULL;
    au->pending_step = SIZE_MAX;
    if (au->music && au->live)
        Mix_FadeOutMusic(1500);
    pthread_mutex_lock(&au->lock);
    au->paused = false;
    /* Sounds not yet started belong to the routine that was stopped; those playing finish. */
    for (size_t i = 0; i < AUDIO_VOICES && !finished; i++)
        if (au->voices[i].active && au->voices[i].first_mixed < 0)
            au->voices[i].active = false;
    /* The voice is busy only until the words still being said end. */
    int64_t until = au->frames_mixed;
    for (size_t i = 0; i < AUDIO_VOICES; i++) {
        const audio_voice *v = &au->voices[i];
        if (v->active && v->voice && v->start_frame + (int64_t)v->sound->frames > until)
            until = v->start_frame + (int64_t)v->sound->frames;
    }
    if (!finished)
        voice_queue_release(&au->voices_queue, until);
    pthread_mutex_unlock(&au->lock);
}

/* The sound the cue policy chose: a built-in, or the routine's own file (the built-in while it
 * is being decoded; none when it was skipped). */
static const audio_sound *audio_action_sound(const audio *au, const cue_action *a)
{
    if (!a->heard || a->sound < 0 || a->sound >= SYNTH_SOUND_COUNT)
        return NULL;
    const audio_sound *file = &au->cue_files[a->cue.event];
    if (!a->from_file || !audio_file_ready(au, file))
        return &au->builtin[a->sound];
    return file->frames ? file : NULL;
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

static void audio_start(audio *au, const audio_sound *sound, int64_t start_frame, size_t trace,
                        bool voice)
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
                       .voice = voice};
    /* Paused between the hand-over and now: it waits for the resume, which shifts it. */
    pthread_mutex_unlock(&au->lock);
}

/* Words (or a step's recording) through the voice queue: they start at want, or after the
 * voice speaking then, or not at all when that is after latest (they are outdated). Never in
 * the mixer's past: words do not start part-way. Returns the start, or -1. */
static int64_t audio_say(audio *au, const audio_sound *words, int64_t want, int64_t latest,
                         int64_t planned_ms, const char *said, int64_t step)
{
    pthread_mutex_lock(&au->lock);
    int64_t next = au->frames_mixed;
    pthread_mutex_unlock(&au->lock);
    if (want < next) {
        latest += next - want;
        want = next;
    }
    int64_t gap = (int64_t)AUDIO_WORDS_GAP_MS * au->rate_hz / 1000;
    int64_t start = voice_queue_place(&au->voices_queue, want, latest, (int64_t)words->frames, gap);
    size_t trace = SIZE_MAX;
    if (au->trace_file) {
        plan_cue cue = {.at_ms = planned_ms};
        trace = audio_trace_add(au, AUDIO_TRACE_SPEECH, &cue, 0, want);
        if (trace != SIZE_MAX) {
            audio_trace_entry *e = &au->trace[trace];
            e->said = said;
            e->step = step;
            e->frames = (int64_t)words->frames;
            e->start_sample = start;
            e->settled = true;
        }
    }
    if (start >= 0)
        audio_start(au, words, start, SIZE_MAX, true);
    return start;
}

bool audio_play_action(audio *au, const cue_action *a, int64_t sound_clock_ms,
                       int64_t words_clock_ms, int64_t words_latest_clock_ms, int64_t handed_ms)
{
    const routine *r = au->routine;
    /* The words, first: when they are said, a tone that says the same is not needed. */
    const audio_sound *words = NULL;
    size_t index = SIZE_MAX;
    if (au->live && r && a->words == CUE_WORDS_STEP)
        index = a->step;
    else if (au->live && r && a->words == CUE_WORDS_PHRASE)
        index = audio_speech_phrase_index(r, a->phrase);
    if (index < au->speech_count && au->speech[index].frames)
        words = &au->speech[index];
    bool said = false;
    if (words)
        said = audio_say(au, words, audio_frame_at(au, words_clock_ms),
                         audio_frame_at(au, words_latest_clock_ms), a->cue.at_ms,
                         a->words == CUE_WORDS_STEP ? "step" : cue_phrase_key(a->phrase),
                         a->words == CUE_WORDS_STEP ? (int64_t)a->step : -1) >= 0;
    const audio_sound *sound =
        au->live && !(said && a->instead_of_sound) ? audio_action_sound(au, a) : NULL;
    int64_t frame = au->live ? audio_frame_at(au, sound_clock_ms) : -1;
    size_t trace = audio_trace_add(au, AUDIO_TRACE_CUE, &a->cue, handed_ms, sound ? frame : -1);
    if (trace != SIZE_MAX) {
        au->trace[trace].offset_ms = a->sound_at_ms - a->cue.at_ms;
        au->trace[trace].frames = sound ? (int64_t)sound->frames : 0;
    }
    if (trace != SIZE_MAX && au->live) {
        pthread_mutex_lock(&au->lock);
        au->trace[trace].mixed_sample = au->frames_mixed;
        pthread_mutex_unlock(&au->lock);
    }
    if (sound)
        audio_start(au, sound, frame, trace, false);
    else
        audio_trace_flush(au, false);
    /* A new step's recorded instruction, with the bell: a voice too. */
    uint32_t step = a->step;
    bool recorded =
        au->live && a->recording && step < au->step_sound_count && r && au->files_for == r;
    if (recorded && !audio_file_ready(au, &au->step_sounds[step])) {
        au->pending_step = step; /* still decoding: joined part-way once it is ready */
        au->pending_frame = frame;
    } else if (recorded && au->step_sounds[step].frames) {
        audio_say(au, &au->step_sounds[step], frame, INT64_MAX / 2, a->cue.at_ms, "recording",
                  step);
    }
    return said;
}

void audio_play_test(audio *au)
{
    if (!au->live)
        return;
    pthread_mutex_lock(&au->lock);
    int64_t now = au->frames_mixed;
    pthread_mutex_unlock(&au->lock);
    audio_start(au, &au->builtin[CUE_SOUND_BELL], now, SIZE_MAX, false);
}

void audio_pause(audio *au, int64_t pause_clock_ms)
{
    if (au->live)
        Mix_PauseMusic();
    pthread_mutex_lock(&au->lock);
    au->paused = true;
    au->pause_frame = audio_frame_at(au, pause_clock_ms);
    pthread_mutex_unlock(&au->lock);
    audio_trace_add(au, AUDIO_TRACE_PAUSE, NULL, 0, au->pause_frame);
}

void audio_resume(audio *au, int64_t paused_for_ms)
{
    int64_t shift = paused_for_ms * au->rate_hz / 1000;
    pthread_mutex_lock(&au->lock);
    for (size_t i = 0; i < AUDIO_VOICES; i++) {
        audio_voice *v = &au->voices[i];
        if (!v->active)
            continue;
        /* Whatever the mixer ran ahead past the pause is heard again, from the same place. */
        if (v->first_mixed >= au->pause_frame)
            v->first_mixed = -1;
        v->start_frame += shift;
    }
    voice_queue_shift(&au->voices_queue, au->pause_frame, shift);
    au->paused = false;
    pthread_mutex_unlock(&au->lock);
    if (au->pending_step != SIZE_MAX)
        au->pending_frame += shift;
    audio_trace_add(au, AUDIO_TRACE_RESUME, NULL, paused_for_ms, shift);
    if (au->live)
        Mix_ResumeMusic();
}

/* The device stopped calling: silent on the wall clock, from where the stream's clock was,
 * without a jump. Nothing here waits for the device thread (it may be the one that is stuck):
 * no lock it may hold, no SDL_mixer call. */
static void audio_stall(audio *au, int64_t wall_ms, uint64_t callbacks)
{
    int64_t clock = au->last_clock_ms;
    au->live = false;
    au->stalled = true;
    au->stalled_callbacks = callbacks;
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
    au->live = true;
    au->silent_reason = NULL;
    fprintf(stderr, "ease: the sound device takes sound again\n");
}

void audio_poll(audio *au, int64_t wall_ms)
{
    /* The monotonic clock, whatever the caller's time is (the kiosk's is the stream's own). */
    (void)wall_ms;
    int64_t wall = (int64_t)SDL_GetTicks64();
    if (au->live || au->stalled) {
        uint64_t callbacks = atomic_load(&au->callbacks_seen);
        double since =
            audio_counter_ms(SDL_GetPerformanceCounter() - atomic_load(&au->last_callback_counter));
        if (au->live && callbacks && since > AUDIO_STALL_MS)
            audio_stall(au, wall, callbacks);
        else if (au->stalled && callbacks >= au->stalled_callbacks + 3 && since < AUDIO_BACK_MS)
            audio_unstall(au, wall);
    }
    size_t step = au->pending_step;
    if (step != SIZE_MAX && au->live && !au->paused && step < au->step_sound_count &&
        audio_file_ready(au, &au->step_sounds[step])) {
        au->pending_step = SIZE_MAX;
        if (au->step_sounds[step].frames)
            audio_start(au, &au->step_sounds[step], au->pending_frame, SIZE_MAX, true);
    }
    audio_trace_flush(au, false);
}

/* Waits until the routine's own files are decoded (a preview's first step, and tests). */
void audio_wait_files(audio *au)
{
    if (au->decoding) {
        pthread_join(au->decoder, NULL);
        au->decoding = false;
    }
}

size_t audio_files_skipped(const audio *au)
{
    return au ? atomic_load(&((audio *)au)->files_skipped) : 0;
}

bool audio_wants_device(const audio *au)
{
    return au && au->asked && !au->live && !au->stalled;
}

void audio_device_removed(audio *au, int64_t wall_ms)
{
    audio_go_silent(au, wall_ms, "the sound device was removed");
}

void audio_drain(audio *au, int64_t max_ms)
{
    for (int64_t waited = 0; au->live && waited < max_ms; waited += 10) {
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

static bool audio_reported_at(const diag_list *diag, const char *file, routine_place at)
{
    for (size_t i = 0; i < diag->count; i++)
        if (diag->entries[i].line == at.line && diag->entries[i].col == at.col &&
            !strcmp(diag->entries[i].file, file))
            return true;
    return false;
}

/* Decodes one file (music streams through Mix_LoadMUS, the rest through Mix_LoadWAV, as the
 * kiosk does); false when it cannot be. */
static bool audio_decodes(const char *path, bool music)
{
    if (!source_file_is_regular(path))
        return false; /* a FIFO would block the decoder; the checker names it */
    if (music) {
        Mix_Music *m = Mix_LoadMUS(path);
        if (m)
            Mix_FreeMusic(m);
        return m != NULL;
    }
    Mix_Chunk *c = Mix_LoadWAV(path);
    if (c)
        Mix_FreeChunk(c);
    return c != NULL;
}

static void audio_check_file(const routine *r, const char *file, routine_place at, const char *name,
                             bool music, bool *opened, diag_list *diag)
{
    if (!file || audio_reported_at(diag, r->path, at))
        return;
    char *folder = source_file_dirname(r->path);
    char *path = folder ? source_file_join(folder, file) : NULL;
    if (path && !*opened) {
        /* Decoding converts to an open device's format: the dummy driver has one, silently. */
        SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "dummy", SDL_HINT_OVERRIDE);
        *opened = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0 &&
                  Mix_OpenAudio(AUDIO_RATE_HZ, AUDIO_S16SYS, 2, 1024) == 0;
        if (!*opened)
            fprintf(stderr,
                    "ease check: cannot decode sounds here (%s); only their first bytes "
                    "were checked\n",
                    Mix_GetError());
    }
    if (path && *opened && !audio_decodes(path, music))
        diag_warning(diag, r->path, at.line, at.col,
                     "'%s' file \"%s\" cannot be decoded as sound; it will be skipped", name, file);
    free(path);
    free(folder);
}

void audio_check_files(const routine_library *library, diag_list *diag)
{
    bool opened = false;
    for (size_t i = 0; i < library->count; i++) {
        const routine *r = library->routines[i];
        audio_check_file(r, r->music, r->music_place, "music", true, &opened, diag);
        for (int e = 0; e < CUE_EVENT_COUNT; e++)
            if (r->cues[e].source == CUE_SOURCE_FILE)
                audio_check_file(r, r->cues[e].file, r->cues[e].place, cue_event_name((cue_event)e),
                                 false, &opened, diag);
        for (size_t s = 0; s < r->step_count; s++)
            audio_check_file(r, r->steps[s].sound, r->steps[s].sound_place, "sound", false, &opened,
                             diag);
    }
    if (opened) {
        Mix_CloseAudio();
        Mix_Quit();
        SDL_Quit();
    }
}
