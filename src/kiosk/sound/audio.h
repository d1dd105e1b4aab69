/* Sound: what the cue policy (cue_policy.h) decides for each cue (a built-in sound from synth,
 * or a routine's own file; words, one voice at a time; a step's recorded instruction), a
 * screen's words read aloud, and the routine's music, mixed by us on top of SDL_mixer's stream
 * so that every cue starts at the exact output sample its planned time maps to, however late
 * the frame that handed it over ran. The output is a backend chosen from a table at the start
 * (SDL's device, else the null backend: silence); audio_internal.h says which file does what.
 *
 * The output stream is the master clock while a device plays (as in media players): the kiosk
 * reads its time from audio_clock_ms, which counts the samples the device has taken, so the
 * player, the screen and the sound cannot drift apart over a routine of any length, even on a
 * device whose clock runs a little fast or slow. With no device (or when it disappears), the
 * module is silent and the clock continues, without a jump, on the monotonic wall clock. */
#ifndef EASE_AUDIO_H
#define EASE_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cue_policy.h"
#include "diag.h"
#include "library.h"
#include "plan.h"
#include "routine.h"

typedef struct audio audio;

enum {
    AUDIO_RATE_HZ = 48000,
    AUDIO_BUFFER_FRAMES = 480, /* 10 ms: small enough to place a cue within one buffer */
    /* How early a cue is handed to the audio before its moment: more than one buffer (so the
     * callback that mixes its first sample has it), less than a video frame. */
    AUDIO_LOOKAHEAD_MS = 15,
};

/* Opens the default output device (sound true) or none (false: silent, for tests and
 * renders). Never fails for want of a device: without one the module is silent and
 * audio_silent_reason says why. trace_path (or NULL) receives one JSON line per cue and per
 * utterance. wall_ms is the monotonic clock now. NULL only when out of memory. */
audio *audio_open(bool sound, const char *trace_path, int64_t wall_ms);
void audio_close(audio *au);

/* Whether sound is reaching a device. */
bool audio_is_live(const audio *au);
/* Why there is no sound (for the staff screen's note), or NULL while a device plays or sound
 * was not asked for. */
const char *audio_silent_reason(const audio *au);

/* The master clock in ms, given the monotonic wall clock now: the output stream's position
 * while a device plays, the wall clock (continued without a jump) otherwise. Never goes back. */
int64_t audio_clock_ms(audio *au, int64_t wall_ms);

/* Volume 0-100 (the configuration's), and mute. */
void audio_set_volume(audio *au, int volume, bool muted);

/* A routine starts: its files (cue overrides, steps' recordings, the voice pack's phrases) and
 * its music. Files that are missing or cannot be decoded are skipped. r must stay alive until
 * audio_end_routine or the next audio_begin_routine. (Which sound and which words go with a
 * cue is the cue policy's to say, action by action.) */
void audio_begin_routine(audio *au, const routine *r);
/* The voice pack's files for the phrases (index cue_phrase; NULL: none, espeak-ng's words are
 * said), for the routines begun from now on; copied. Decoded with the routine's own files. */
void audio_use_voice_pack(audio *au, const char *const paths[CUE_PHRASE_COUNT]);

/* Spoken words for the routine playing, as they become ready: index i < step_count is step i's
 * title and instruction, then the phrases "breathe in", "hold", "breathe out"
 * (audio_speech_phrase_index). mono is copied, brought to the level of speech
 * (SYNTH_SPEECH_PEAK) and converted to the device's format. One voice at a time: every
 * utterance goes through a voice queue (voice_queue.h), so none starts while another plays;
 * AUDIO_WORDS_GAP_MS of quiet lie between two. */
enum { AUDIO_WORDS_GAP_MS = 250 };
size_t audio_speech_phrase_index(const routine *r, cue_phrase phrase);
/* Says words index from want_clock_ms (or now, if later) as soon as the voice is free (a step
 * whose words were not ready at its bell), unless that is after latest_clock_ms; false when
 * not said. */
bool audio_speak_now(audio *au, size_t index, int64_t want_clock_ms, int64_t latest_clock_ms);
void audio_add_speech(audio *au, size_t index, const int16_t *mono, size_t frames, int rate_hz);
/* The routine has ended (finished: its last cues, handed early, still play) or was stopped
 * (sounds not yet started are dropped); the music fades, sounds already playing finish. */
void audio_end_routine(audio *au, bool finished);

/* Plays what the cue policy decided for a cue (cue_policy.h): its sound at clock time
 * sound_clock_ms (a little in the future when handed early, or now), its words from
 * words_clock_ms through the voice queue unless they cannot start by words_latest_clock_ms,
 * and a step's recorded instruction. handed_ms is the routine time when it was handed over,
 * for the trace. True when words were said with it (for the captions). */
bool audio_play_action(audio *au, const cue_action *action, int64_t sound_clock_ms,
                       int64_t words_clock_ms, int64_t words_latest_clock_ms, int64_t handed_ms);

/* "Read aloud" of the screens: words (mono at rate_hz, from espeak-ng) or a voice pack's
 * recording (path), said after the screen's words before them, even while a routine is paused;
 * false when not said. Cancel: a new screen; its words not yet said are dropped. */
bool audio_say_screen(audio *au, const int16_t *mono, size_t frames, int rate_hz);
bool audio_say_screen_file(audio *au, const char *path);
void audio_cancel_screen(audio *au);

/* The bell, now: the staff screen's sound test. */
void audio_play_test(audio *au);

/* Pause at clock time pause_clock_ms: nothing more is heard. Resume after paused_for_ms: what
 * was playing or waiting continues, shifted by exactly the paused time. */
void audio_pause(audio *au, int64_t pause_clock_ms);
void audio_resume(audio *au, int64_t paused_for_ms);

/* Frame by frame: writes the trace, notices a device that stopped taking samples (a starved
 * device thread, a process stopped and continued: it goes silent on the wall clock, keeping
 * the clock's place) and takes the stream up again once the device calls again. A removed
 * output device is reported by SDL_AUDIODEVICEREMOVED: pass it to audio_device_removed. */
void audio_poll(audio *au, int64_t wall_ms);
void audio_device_removed(audio *au, int64_t wall_ms);
/* Sound was asked for and there is no device (none at start, or it was removed): a new audio
 * should look for one again, on a back-off (app.c). A stalled device is not this: it is
 * waited for, never closed (closing waits for its thread). */
bool audio_wants_device(const audio *au);
/* How many of the last routine's own sound files were skipped for being over the limits of
 * media_limits.h (the staff screen says so). */
size_t audio_files_skipped(const audio *au);
/* The routine's own sound files are decoded off the frame loop from audio_begin_routine on; a
 * cue whose file is not ready yet plays the built-in sound, a step's recording joins part-way
 * when ready. This waits for them all (tests). */
void audio_wait_files(audio *au);

/* Waits (at most max_ms) until the sounds playing have finished: the closing chime of a
 * preview that quits at the end. */
void audio_drain(audio *au, int64_t max_ms);

/* What was measured, for the log: the buffer the device gave, and how early cues were in the
 * mixer before their first sample was needed (a negative minimum means some started late). */
typedef struct {
    int rate_hz, buffer_frames;
    uint64_t callbacks;
    int64_t cues, cues_late;
    int64_t cues_dropped; /* handed over after their own end (a stalled frame loop): not heard */
    double lead_min_ms, lead_max_ms;
    double callback_interval_max_ms;
} audio_stats;
void audio_get_stats(const audio *au, audio_stats *out);

#endif
