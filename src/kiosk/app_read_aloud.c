/* "Read aloud" of the screens, for a patient who asked to hear them (the attract screen's
 * button): each screen names its words as it draws (screen_read_aloud); when a frame draws a
 * new list (a new screen, or new words on it), what was being said of the last one stops and
 * the new words are said once, in order, one after another. Each is the clinic's recording
 * when its voice pack has one (voice_pack.h), else espeak-ng's, rendered off the frame loop.
 * Never on the play screen (the routine has its own voice) nor the staff's. */
#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "voice_pack.h"

static bool app_reads_screen(const app *a)
{
    if (!a->read_aloud || !audio_is_live(a->audio))
        return false;
    switch (a->flow.screen) {
    case FLOW_PLAY:
    case FLOW_STAFF_PIN:
    case FLOW_STAFF:
        return false;
    default:
        return true;
    }
}

/* Stops what is being said and forgets it (the words drawn last are kept). */
static void app_read_aloud_cancel(app *a)
{
    speech_stop(a->read_speech);
    a->read_speech = NULL;
    a->read_fed = 0;
    if (a->audio)
        audio_cancel_screen(a->audio);
    read_aloud_clear(&a->read_said);
}

void app_read_aloud_stop(app *a)
{
    app_read_aloud_cancel(a);
    read_aloud_clear(&a->read_drawn);
}

read_aloud_list *app_read_aloud_collect(app *a)
{
    read_aloud_clear(&a->read_drawn);
    return app_reads_screen(a) ? &a->read_drawn : NULL;
}

/* The voice pack's recording of words, when they are one of the kiosk's phrases (found by its
 * words in the patient's language) and the pack has it; malloc'd path or NULL. */
static char *app_read_pack_file(const app *a, const char *text)
{
    const catalogue_language *lang = catalogue_find(&a->strings, app_lang(a));
    const char *key = NULL;
    for (size_t i = 0; lang && i < lang->count && !key; i++)
        if (!strcmp(lang->values[i], text))
            key = lang->keys[i];
    if (!key)
        return NULL;
    char *folder = voice_pack_folder(&a->config);
    char *path = voice_pack_file(folder, app_lang(a), key);
    free(folder);
    return path;
}

void app_read_aloud_drawn(app *a)
{
    if (!app_reads_screen(a)) {
        if (a->read_said.count)
            app_read_aloud_cancel(a);
        return;
    }
    if (a->read_drawn.count == 0 || read_aloud_same(&a->read_drawn, &a->read_said))
        return; /* the same screen drawn again: said once */
    app_read_aloud_cancel(a);
    read_aloud_move(&a->read_said, &a->read_drawn);
    /* espeak-ng renders what the voice pack does not have. */
    const char *texts[READ_ALOUD_MAX] = {0};
    char *pack[READ_ALOUD_MAX] = {0};
    for (size_t i = 0; i < a->read_said.count; i++) {
        pack[i] = app_read_pack_file(a, a->read_said.items[i].text);
        texts[i] = pack[i] ? NULL : a->read_said.items[i].text;
        free(pack[i]);
    }
    a->read_speech = speech_start(texts, a->read_said.count, app_lang(a));
}

void app_read_aloud_update(app *a)
{
    if (a->read_fed >= a->read_said.count)
        return;
    if (!app_reads_screen(a)) {
        app_read_aloud_cancel(a);
        return;
    }
    /* In order: each waits for the one before it to be handed over. */
    size_t done = speech_done(a->read_speech);
    while (a->read_fed < a->read_said.count) {
        size_t i = a->read_fed;
        char *path = app_read_pack_file(a, a->read_said.items[i].text);
        if (path) {
            audio_say_screen_file(a->audio, path);
            free(path);
            a->read_fed++;
            continue;
        }
        if (i >= done)
            break;
        const int16_t *pcm;
        size_t frames;
        int rate;
        if (speech_result(a->read_speech, i, &pcm, &frames, &rate))
            audio_say_screen(a->audio, pcm, frames, rate);
        a->read_fed++;
    }
}
