/* A screen's words read aloud ("Read aloud": its question, its choices, its safety note): each
 * said after the one before, in a queue of their own, and heard while a routine is paused (the
 * stop question); a new screen lets go of the words not yet begun. */
#include "audio_internal.h"

#include <stdlib.h>

/* Places the screen's next words after those before (and now, at the earliest). */
static bool audio_screen_place(audio *au, audio_sound *words)
{
    pthread_mutex_lock(&au->lock);
    int64_t now = au->frames_mixed + (int64_t)au->callback_frames;
    pthread_mutex_unlock(&au->lock);
    int64_t gap = (int64_t)AUDIO_WORDS_GAP_MS * au->rate_hz / 1000;
    /* Never outdated: a patient who asked to hear the screen hears all of it. */
    int64_t start =
        voice_queue_place(&au->screen_queue, now, INT64_MAX / 2, (int64_t)words->frames, gap);
    if (start < 0)
        return false;
    audio_start(au, words, start, SIZE_MAX, true);
    return true;
}

bool audio_say_screen(audio *au, const int16_t *mono, size_t frames, int rate_hz)
{
    if (!audio_plays(au) || au->screen_word_count == READ_ALOUD_MAX)
        return false;
    audio_sound *words = &au->screen_words[au->screen_word_count];
    if (!audio_words_from_mono(au, mono, frames, rate_hz, words))
        return false;
    au->screen_word_count++;
    return audio_screen_place(au, words);
}

bool audio_say_screen_file(audio *au, const char *path)
{
    if (!audio_plays(au) || au->screen_word_count == READ_ALOUD_MAX)
        return false;
    audio_sound *words = &au->screen_words[au->screen_word_count];
    if (!audio_load_phrase(au, path, words))
        return false;
    au->screen_word_count++;
    return audio_screen_place(au, words);
}

void audio_cancel_screen(audio *au)
{
    if (au->screen_word_count == 0)
        return;
    /* Those being said stop too: their sounds are freed here. */
    pthread_mutex_lock(&au->lock);
    for (size_t i = 0; i < AUDIO_VOICES; i++)
        if (au->voices[i].screen)
            au->voices[i].active = au->voices[i].screen = false;
    pthread_mutex_unlock(&au->lock);
    for (size_t i = 0; i < au->screen_word_count; i++)
        audio_sound_free(&au->screen_words[i]);
    au->screen_word_count = 0;
    voice_queue_clear(&au->screen_queue);
}
