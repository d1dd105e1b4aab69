/* What the sound's files share (private to src/kiosk/sound/): the audio's state, the sounds
 * and voices the mixer plays, the trace entries, and the functions one file calls in another.
 * audio.c plays a routine; audio_device.c opens the device (a backend from a table) and keeps
 * the clock; audio_mixer.c is the device thread's callback; audio_files.c decodes a routine's
 * own files; audio_trace.c writes --trace. */
#ifndef EASE_AUDIO_INTERNAL_H
#define EASE_AUDIO_INTERNAL_H

#include "audio.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "cue_policy.h"
#include "read_aloud.h"
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
    bool screen;  /* a screen's words read aloud: heard while the routine is paused */
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
    const char *voice; /* speech: "espeak", "pack" (a voice pack's), "recording" (a step's) */
} audio_trace_entry;

/* An output, chosen from a table at audio_open: the first whose open succeeds drives the audio
 * (Chocolate Doom's way). SDL's device comes first; the null backend, last, always opens:
 * silence, with the clock on the wall clock, so every path runs without hardware (as mpv's
 * null output). A device that stalls or is removed hands over to the null backend, and a
 * stalled one takes over again when it takes sound again. What differs between them is here;
 * audio_plays() is the one question the rest asks. */
typedef struct audio_backend {
    const char *name;
    bool device; /* needs sound asked for (audio_open's sound) */
    bool plays;  /* samples reach a device: cues placed, words said, the stream is the clock */
    /* Takes the output; false when it cannot be had (au then as it was). */
    bool (*open)(audio *au);
    void (*music_pause)(void);
    void (*music_resume)(void);
    void (*music_fade)(void);
} audio_backend;

extern const audio_backend audio_backend_sdl, audio_backend_null;

struct audio {
    const audio_backend *backend; /* never NULL */
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
    /* The voice pack's recordings of the phrases (voice_pack.h), for the routine playing:
     * their files (owned; NULL: none, espeak-ng says it) and sounds, decoded with the rest. */
    char *pack_paths[CUE_PHRASE_COUNT];
    audio_sound pack_phrases[CUE_PHRASE_COUNT];
    /* A screen's words read aloud (audio_screen.c), one after another in their own queue:
     * they are said on screens where no routine speaks (or while it is paused). */
    audio_sound screen_words[READ_ALOUD_MAX];
    size_t screen_word_count;
    voice_queue screen_queue;
    const routine *routine;
    audio_sound cue_files[CUE_EVENT_COUNT];
    audio_sound *step_sounds; /* one per step of the routine (frames 0: none) */
    size_t step_sound_count;
    audio_sound *speech; /* step_count steps, then the three breathing words */
    size_t speech_count;
    Mix_Music *music;
    int volume;
    bool muted;

    FILE *trace_file;
    audio_trace_entry *trace;
    size_t trace_count, trace_capacity, trace_written;
};

static inline bool audio_plays(const audio *au)
{
    return au->backend->plays;
}

/* The mixer (audio_mixer.c). */
double audio_counter_ms(uint64_t ticks);
/* The stream frame at which clock time clock_ms falls. */
int64_t audio_frame_at(const audio *au, int64_t clock_ms);
void audio_callback(void *data, Uint8 *stream, int length);
/* Places sound on the stream at start_frame (trace: its trace entry, or SIZE_MAX; voice: words
 * or a recording, which the voice queue placed). Dropped when every voice is busy. */
void audio_start(audio *au, const audio_sound *sound, int64_t start_frame, size_t trace,
                 bool voice);

/* A routine's files and our own sounds (audio_files.c). */
bool audio_sound_from_mono(audio_sound *out, const int16_t *mono, size_t frames);
bool audio_words_from_mono(const audio *au, const int16_t *mono, size_t frames, int rate_hz,
                           audio_sound *out);
/* A voice pack's phrase decoded and brought to the level of speech; false when skipped. */
bool audio_load_phrase(audio *au, const char *path, audio_sound *out);
void audio_sound_free(audio_sound *s);
void *audio_decode_files(void *data); /* the decoder thread */
void audio_stop_decoder(audio *au);
void audio_free_files(audio *au);
/* Whether a routine file's sound is there to play (decoded, and of the routine playing). */
bool audio_file_ready(const audio *au, const audio_sound *sound);

/* The trace (audio_trace.c): an entry added (SIZE_MAX when not tracing), and the lines whose
 * start is known written (all: the rest too). */
size_t audio_trace_add(audio *au, audio_trace_kind kind, const plan_cue *cue, int64_t handed_ms,
                       int64_t planned_sample);
void audio_trace_flush(audio *au, bool all);

#endif
