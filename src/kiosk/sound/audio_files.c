/* A routine's own sound files (cue overrides, a step's recorded instruction), checked against
 * the media limits from their headers and decoded on a thread of their own, off the frame loop;
 * and the conversion of our own sounds to the device's format. */
#include "audio_internal.h"

#include <SDL_mixer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media_limits.h"
#include "source_file.h"
#include "voice_pack.h"

/* A mono sound at the device rate spread to both channels. */
bool audio_sound_from_mono(audio_sound *out, const int16_t *mono, size_t frames)
{
    int16_t *pcm = malloc(frames * 2 * sizeof *pcm);
    if (!pcm)
        return false;
    for (size_t i = 0; i < frames; i++)
        pcm[2 * i] = pcm[2 * i + 1] = mono[i];
    *out = (audio_sound){.pcm = pcm, .frames = frames};
    return true;
}

void audio_sound_free(audio_sound *s)
{
    if (s->chunk)
        Mix_FreeChunk(s->chunk);
    else
        free(s->pcm);
    memset(s, 0, sizeof *s);
}

/* A sound file (path; file is its name as written, for messages) decoded into device format;
 * false (and out untouched) when missing or undecodable: the checker has warned, and it is
 * skipped. path NULL: out of memory. */
static bool audio_load_path(audio *au, const char *path, const char *file, audio_sound *out)
{
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
        return false;
    }
    Mix_Chunk *chunk = regular ? Mix_LoadWAV(path) : NULL;
    if (!chunk)
        fprintf(stderr, "ease: skipping the sound \"%s\" (%s)\n", file,
                !path      ? "out of memory"
                : !regular ? "not a regular file"
                           : Mix_GetError());
    if (!chunk)
        return false;
    out->pcm = (int16_t *)chunk->abuf;
    out->frames = chunk->alen / (2 * sizeof(int16_t));
    out->chunk = chunk;
    au->files_ms += (int64_t)out->frames * 1000 / au->rate_hz;
    return true;
}

/* A routine's file, relative to its folder. */
static bool audio_load_file(audio *au, const routine *r, const char *file, audio_sound *out)
{
    char *folder = source_file_dirname(r->path);
    char *path = folder ? source_file_join(folder, file) : NULL;
    bool loaded = audio_load_path(au, path, file, out);
    free(path);
    free(folder);
    return loaded;
}

/* A voice pack's phrase: decoded, and brought to the level of every voice (SYNTH_SPEECH_PEAK),
 * so a soft-spoken recording is not lost under a bell. */
bool audio_load_phrase(audio *au, const char *path, audio_sound *out)
{
    /* Longer than a phrase (a whole session saved as one file): ease check says so; here it
     * is skipped, and espeak-ng says the phrase. */
    media_sound_info info;
    if (media_probe_sound(path, &info) && info.length_ms > VOICE_PACK_PHRASE_MAX_MS) {
        fprintf(stderr, "ease: skipping the voice pack's \"%s\": longer than a phrase\n", path);
        return false;
    }
    if (!audio_load_path(au, path, path, out))
        return false;
    int peak = 1;
    for (size_t i = 0; i < out->frames * 2; i++)
        peak = abs(out->pcm[i]) > peak ? abs(out->pcm[i]) : peak;
    double gain = SYNTH_SPEECH_PEAK * 32767.0 / peak;
    for (size_t i = 0; i < out->frames * 2; i++)
        out->pcm[i] = (int16_t)(out->pcm[i] * gain);
    return true;
}

/* Lets go of the routine's files; voices still playing one are silenced first. */
void audio_stop_decoder(audio *au)
{
    if (!au->decoding)
        return;
    atomic_store(&au->decoder_stop, true);
    pthread_join(au->decoder, NULL);
    au->decoding = false;
    atomic_store(&au->decoder_stop, false);
}

void audio_free_files(audio *au)
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
    for (int k = 0; k < CUE_PHRASE_COUNT; k++)
        audio_sound_free(&au->pack_phrases[k]);
    for (size_t s = 0; s < au->speech_count; s++)
        audio_sound_free(&au->speech[s]);
    free(au->speech);
    au->speech = NULL;
    au->speech_count = 0;
}

/* The decoder thread: the routine's cue files, then its steps' sounds in order (the first
 * step's is wanted first). Only this thread writes files_ms and the sounds it decodes. */
void *audio_decode_files(void *data)
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
    /* The voice pack's phrases (short: a routine's first breath wants them). */
    for (int k = 0; k < CUE_PHRASE_COUNT && !atomic_load(&au->decoder_stop); k++) {
        if (au->pack_paths[k])
            audio_load_phrase(au, au->pack_paths[k], &au->pack_phrases[k]);
        atomic_store_explicit(&au->pack_phrases[k].decoded, true, memory_order_release);
    }
    for (size_t s = 0; s < au->step_sound_count && !atomic_load(&au->decoder_stop); s++) {
        if (r->steps[s].sound)
            audio_load_file(au, r, r->steps[s].sound, &au->step_sounds[s]);
        atomic_store_explicit(&au->step_sounds[s].decoded, true, memory_order_release);
    }
    return NULL;
}

/* Whether a routine file's sound is there to play (decoded, and of the routine playing). */
bool audio_file_ready(const audio *au, const audio_sound *sound)
{
    return au->files_for == au->routine &&
           atomic_load_explicit(&((audio_sound *)sound)->decoded, memory_order_acquire);
}
