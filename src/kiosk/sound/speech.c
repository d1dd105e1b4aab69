#include "speech.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <espeak-ng/speak_lib.h>

#include "array.h"

typedef struct {
    char *text; /* owned */
    int16_t *pcm;
    size_t frames, capacity;
    bool failed;
} speech_item;

struct speech {
    char lang[16];
    speech_item *items;
    size_t count;
    int rate_hz;
    /* C11 atomics, not SDL's: SDL's are compiled outside our build, so ThreadSanitizer cannot see
     * them order the worker's writes before the frame loop's reads, and reports false races. */
    atomic_size_t done; /* items [0, done) are finished (ready or failed); release/acquire */
    atomic_bool cancel;
    SDL_Thread *thread;
};

/* espeak-ng hands the samples of the text being rendered here, a piece at a time. */
static int speech_collect(short *wav, int count, espeak_EVENT *events)
{
    speech_item *item = events ? events->user_data : NULL;
    if (!item || !wav || count <= 0)
        return 0;
    int16_t *grown =
        array_grow(item->pcm, &item->capacity, item->frames + (size_t)count, sizeof *grown);
    if (!grown) {
        item->failed = true;
        return 1; /* stop this text */
    }
    item->pcm = grown;
    memcpy(item->pcm + item->frames, wav, (size_t)count * sizeof *wav);
    item->frames += (size_t)count;
    return 0;
}

/* espeak-ng is started once for the whole process and never stopped: its state is global, and
 * (in Debian's 1.51) a second espeak_Initialize after an espeak_Terminate leaves its event
 * thread so that the next espeak_Terminate waits forever, which would hang the kiosk at the
 * second routine. Only one thread uses the engine at once (speech_engine_lock). */
static int speech_engine_rate_hz; /* 0: not started yet; -1: could not start */

static int speech_engine(void)
{
    static pthread_mutex_t starting = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&starting);
    if (speech_engine_rate_hz == 0) {
        int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0);
        speech_engine_rate_hz = rate > 0 ? rate : -1;
    }
    int rate = speech_engine_rate_hz;
    pthread_mutex_unlock(&starting);
    return rate;
}

/* Two workers may be alive at once (a routine's words, a screen's read aloud), and espeak-ng's
 * state is global: each text is rendered whole, voice and all, under this lock. */
static pthread_mutex_t speech_engine_lock = PTHREAD_MUTEX_INITIALIZER;

static int speech_worker(void *data)
{
    speech *s = data;
    int rate = speech_engine();
    bool ready = rate > 0;
    s->rate_hz = rate;
    for (size_t i = 0; i < s->count; i++) {
        speech_item *item = &s->items[i];
        if (!ready || atomic_load(&s->cancel) || !item->text || !*item->text) {
            item->failed = true;
        } else {
            pthread_mutex_lock(&speech_engine_lock);
            bool voiced = espeak_SetVoiceByName(s->lang) == EE_OK;
            if (voiced) {
                espeak_SetSynthCallback(speech_collect);
                /* Calm and a little slow: people in pain, some with "brain fog", follow along. */
                espeak_SetParameter(espeakRATE, 140, 0);
            }
            if (!voiced ||
                espeak_Synth(item->text, strlen(item->text) + 1, 0, POS_CHARACTER, 0,
                             espeakCHARS_UTF8, NULL, item) != EE_OK ||
                item->frames == 0)
                item->failed = true;
            pthread_mutex_unlock(&speech_engine_lock);
        }
        atomic_store_explicit(&s->done, i + 1, memory_order_release);
    }
    return 0;
}

speech *speech_start(const char *const *texts, size_t count, const char *lang)
{
    speech *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    snprintf(s->lang, sizeof s->lang, "%s", lang && *lang ? lang : "en");
    s->items = calloc(count ? count : 1, sizeof *s->items);
    s->count = count;
    bool ok = s->items != NULL;
    for (size_t i = 0; ok && i < count; i++)
        if (texts[i] && !(s->items[i].text = strdup(texts[i])))
            ok = false;
    if (ok)
        s->thread = SDL_CreateThread(speech_worker, "ease-speech", s);
    if (!ok || !s->thread) {
        s->thread = NULL;
        speech_stop(s);
        return NULL;
    }
    return s;
}

void speech_stop(speech *s)
{
    if (!s)
        return;
    atomic_store(&s->cancel, true);
    if (s->thread)
        SDL_WaitThread(s->thread, NULL);
    for (size_t i = 0; s->items && i < s->count; i++) {
        free(s->items[i].text);
        free(s->items[i].pcm);
    }
    free(s->items);
    free(s);
}

size_t speech_done(const speech *s)
{
    return s ? atomic_load_explicit(&((speech *)s)->done, memory_order_acquire) : 0;
}

bool speech_result(const speech *s, size_t i, const int16_t **pcm, size_t *frames, int *rate_hz)
{
    if (!s || i >= s->count ||
        i >= atomic_load_explicit(&((speech *)s)->done, memory_order_acquire) || s->items[i].failed)
        return false;
    *pcm = s->items[i].pcm;
    *frames = s->items[i].frames;
    *rate_hz = s->rate_hz;
    return true;
}
