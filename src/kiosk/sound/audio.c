/* The routine's sound: what the cue policy decided, played (its sound, its words through the
 * voice queue, a step's recording), speech handed over as it is rendered, pause and resume.
 * The device, mixer, files and trace are in audio_device.c, audio_mixer.c, audio_files.c and
 * audio_trace.c, sharing audio_internal.h. */
#include "audio_internal.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media_limits.h"
#include "source_file.h"
#include "synth.h"

static int64_t audio_say(audio *au, const audio_sound *words, int64_t want, int64_t latest,
                         int64_t planned_ms, const char *said, int64_t step, const char *voice);

size_t audio_speech_phrase_index(const routine *r, cue_phrase phrase)
{
    return r->step_count + (size_t)phrase;
}

/* Words (mono at rate_hz) in device format, at the level of every voice: above every cue
 * sound (synth.h), so a quiet synthesiser or a soft-spoken recording is not lost under a bell,
 * and a loud one does not startle. False (out untouched) when they cannot be converted. */
bool audio_words_from_mono(const audio *au, const int16_t *mono, size_t frames, int rate_hz,
                           audio_sound *out)
{
    SDL_AudioCVT cvt;
    if (frames == 0 ||
        SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, rate_hz, AUDIO_S16SYS, 2, au->rate_hz) < 0)
        return false;
    cvt.len = (int)(frames * sizeof *mono);
    cvt.buf = malloc((size_t)cvt.len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1) + 64);
    if (!cvt.buf)
        return false;
    int peak = 1;
    for (size_t i = 0; i < frames; i++)
        peak = abs(mono[i]) > peak ? abs(mono[i]) : peak;
    double gain = SYNTH_SPEECH_PEAK * 32767.0 / peak;
    int16_t *level = (int16_t *)cvt.buf;
    for (size_t i = 0; i < frames; i++)
        level[i] = (int16_t)(mono[i] * gain);
    if (SDL_ConvertAudio(&cvt) != 0) {
        free(cvt.buf);
        return false;
    }
    *out = (audio_sound){.pcm = (int16_t *)cvt.buf,
                         .frames = (size_t)cvt.len_cvt / (2 * sizeof(int16_t))};
    return true;
}

void audio_add_speech(audio *au, size_t index, const int16_t *mono, size_t frames, int rate_hz)
{
    if (!(audio_plays(au) || au->stalled) || index >= au->speech_count ||
        au->speech[index].frames || frames == 0)
        return;
    audio_words_from_mono(au, mono, frames, rate_hz, &au->speech[index]);
}

bool audio_speak_now(audio *au, size_t index, int64_t want_clock_ms, int64_t latest_clock_ms)
{
    if (!audio_plays(au) || index >= au->speech_count || !au->speech[index].frames || au->paused)
        return false;
    pthread_mutex_lock(&au->lock);
    int64_t now = au->frames_mixed + (int64_t)au->callback_frames;
    pthread_mutex_unlock(&au->lock);
    int64_t want = audio_frame_at(au, want_clock_ms);
    return audio_say(au, &au->speech[index], want > now ? want : now,
                     audio_frame_at(au, latest_clock_ms), -1,
                     index < au->step_sound_count ? "step" : "phrase",
                     index < au->step_sound_count ? (int64_t)index : -1, "espeak") >= 0;
}

void audio_use_voice_pack(audio *au, const char *const paths[CUE_PHRASE_COUNT])
{
    for (int k = 0; k < CUE_PHRASE_COUNT; k++) {
        if (au->pack_paths[k] && paths[k] && !strcmp(au->pack_paths[k], paths[k]))
            continue;
        audio_stop_decoder(au); /* it may be reading the old ones */
        free(au->pack_paths[k]);
        au->pack_paths[k] = paths[k] ? strdup(paths[k]) : NULL;
    }
}

void audio_begin_routine(audio *au, const routine *r)
{
    audio_end_routine(au, false);
    au->routine = r;
    /* Stalled: freeing the last routine's music would wait for the stuck device thread. The
     * routine plays with the built-in sounds if the device comes back. */
    if (!au->device_open || au->stalled)
        return;
    audio_free_files(au);
    au->files_ms = 0;
    atomic_store(&au->files_skipped, 0);
    if (!audio_plays(au))
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
    if (au->music)
        au->backend->music_fade();
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

/* Words (or a step's recording) through the voice queue: they start at want, or after the
 * voice speaking then, or not at all when that is after latest (they are outdated). Never in
 * the mixer's past: words do not start part-way. Returns the start, or -1. */
static int64_t audio_say(audio *au, const audio_sound *words, int64_t want, int64_t latest,
                         int64_t planned_ms, const char *said, int64_t step, const char *voice)
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
            e->voice = voice;
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
    if (!audio_plays(au) || !r) {
        /* The null backend: nothing is heard; the trace still lists the cue, with no sample. */
        size_t trace = audio_trace_add(au, AUDIO_TRACE_CUE, &a->cue, handed_ms, -1);
        if (trace != SIZE_MAX)
            au->trace[trace].offset_ms = a->sound_at_ms - a->cue.at_ms;
        audio_trace_flush(au, false);
        return false;
    }
    /* The words, first: when they are said, a tone that says the same is not needed. A clinic's
     * own recording of a phrase beats any synthesized one. */
    size_t index = a->words == CUE_WORDS_STEP     ? a->step
                   : a->words == CUE_WORDS_PHRASE ? audio_speech_phrase_index(r, a->phrase)
                                                  : SIZE_MAX;
    const audio_sound *words =
        index < au->speech_count && au->speech[index].frames ? &au->speech[index] : NULL;
    const audio_sound *recorded =
        a->words == CUE_WORDS_PHRASE ? &au->pack_phrases[a->phrase] : NULL;
    if (recorded && audio_file_ready(au, recorded) && recorded->frames)
        words = recorded;
    bool said = false;
    if (words)
        said = audio_say(au, words, audio_frame_at(au, words_clock_ms),
                         audio_frame_at(au, words_latest_clock_ms), a->cue.at_ms,
                         a->words == CUE_WORDS_STEP ? "step" : cue_phrase_key(a->phrase),
                         a->words == CUE_WORDS_STEP ? (int64_t)a->step : -1,
                         words == recorded ? "pack" : "espeak") >= 0;
    const audio_sound *sound = said && a->instead_of_sound ? NULL : audio_action_sound(au, a);
    int64_t frame = audio_frame_at(au, sound_clock_ms);
    size_t trace = audio_trace_add(au, AUDIO_TRACE_CUE, &a->cue, handed_ms, sound ? frame : -1);
    if (trace != SIZE_MAX) {
        au->trace[trace].offset_ms = a->sound_at_ms - a->cue.at_ms;
        au->trace[trace].frames = sound ? (int64_t)sound->frames : 0;
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
    bool own = a->recording && step < au->step_sound_count && au->files_for == r;
    if (own && !audio_file_ready(au, &au->step_sounds[step])) {
        au->pending_step = step; /* still decoding: joined part-way once it is ready */
        au->pending_frame = frame;
    } else if (own && au->step_sounds[step].frames) {
        audio_say(au, &au->step_sounds[step], frame, INT64_MAX / 2, a->cue.at_ms, "recording", step,
                  "recording");
    }
    return said;
}

void audio_play_test(audio *au)
{
    if (!audio_plays(au))
        return;
    pthread_mutex_lock(&au->lock);
    int64_t now = au->frames_mixed;
    pthread_mutex_unlock(&au->lock);
    audio_start(au, &au->builtin[CUE_SOUND_BELL], now, SIZE_MAX, false);
}

void audio_pause(audio *au, int64_t pause_clock_ms)
{
    au->backend->music_pause();
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
        if (!v->active || v->screen)
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
    au->backend->music_resume();
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
