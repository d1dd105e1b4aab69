/* The sound of the routine playing: the device (opened after the first frame, looked for again
 * when lost), the cues handed to the audio a little before their moment, the spoken words fed
 * as they are rendered, and the captions of everything heard. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voice_pack.h"

static bool app_playing_screen(const app *a);

void app_open_sound(app *a)
{
    if (!a->sound_pending)
        return;
    a->sound_pending = false;
    /* The new audio's clock starts where the kiosk's is now (this frame's time: the clock the
     * frame loop read, or a test's own), so it goes on without a jump (nothing is playing:
     * this is never called while a routine is on screen). */
    int64_t clock = a->now_ms;
    /* The old audio may still hold SDL_mixer's device (one that was unplugged): it is closed
     * before the new one opens, and a silent one is made first so there always is one. */
    audio *fallback = audio_open(false, NULL, clock);
    if (!fallback)
        return; /* out of memory: keep what there is */
    audio_close(a->audio);
    audio *live = audio_open(true, a->audio_opened ? NULL : a->options.audio_trace, clock);
    a->audio_opened = true;
    if (live) {
        audio_close(fallback);
        a->audio = live;
    } else {
        a->audio = fallback;
    }
    audio_set_volume(a->audio, a->volume, a->muted);
    a->dirty = true; /* the attract screen shows "Read aloud" only with sound */
}

static void app_retry_sound(app *a)
{
    if (!a->options.sound || a->sound_pending || !audio_wants_device(a->audio) ||
        app_playing_screen(a)) {
        if (a->audio && !audio_wants_device(a->audio))
            a->sound_retry_at_ms = a->sound_retry_wait_ms = 0;
        return;
    }
    int64_t wall = a->now_ms; /* the kiosk's clock (a test's own, in tests) */
    if (a->sound_retry_wait_ms == 0) {
        a->sound_retry_wait_ms = 1000;
        a->sound_retry_at_ms = wall + a->sound_retry_wait_ms;
        return;
    }
    if (wall < a->sound_retry_at_ms)
        return;
    a->sound_pending = true;
    app_open_sound(a);
    if (audio_is_live(a->audio)) {
        fprintf(stderr, "ease: a sound device was found again\n");
        a->sound_retry_at_ms = a->sound_retry_wait_ms = 0;
        return;
    }
    a->sound_retry_wait_ms =
        a->sound_retry_wait_ms * 2 < 60000 ? a->sound_retry_wait_ms * 2 : 60000;
    a->sound_retry_at_ms = wall + a->sound_retry_wait_ms;
}

int64_t app_clock_ms(app *a, int64_t wall_ms)
{
    return a->audio ? audio_clock_ms(a->audio, wall_ms) : wall_ms;
}

static bool app_playing_screen(const app *a)
{
    return flow_routine_live(&a->flow);
}

int64_t app_next_cue_wait_ms(const app *a, int64_t now_ms)
{
    /* A screen's words read aloud are handed over as espeak-ng renders them: soon, even on a
     * screen where nothing moves (the loop would otherwise sleep up to a second). */
    if (a->read_fed < a->read_said.count)
        return 30;
    if (!app_playing_screen(a))
        return -1;
    int64_t at = player_next_cue_clock_ms(&a->flow.player);
    if (at < 0)
        return -1;
    int64_t wait = at - AUDIO_LOOKAHEAD_MS - now_ms;
    return wait > 0 ? wait : 0;
}

/* Voice for this routine (the configuration's, or the patient's button): its steps' words and
 * the breathing words are rendered off the frame loop and handed to the audio as they come. */
static void app_start_speech(app *a, const routine *r)
{
    speech_stop(a->speech);
    a->speech = NULL;
    a->speech_fed = 0;
    if (!r || !(a->config.voice || a->read_aloud) || !audio_is_live(a->audio))
        return;
    size_t count = r->step_count + 3;
    char **texts = calloc(count, sizeof *texts);
    if (!texts)
        return;
    const char *lang = app_lang(a);
    for (size_t i = 0; i < r->step_count; i++) {
        const char *title = routine_text_get(&r->steps[i].title, lang);
        const char *text = routine_text_get(&r->steps[i].text, lang);
        if (asprintf(&texts[i], "%s%s%s", title ? title : "", title && text ? ". " : "",
                     text ? text : "") < 0)
            texts[i] = NULL;
    }
    for (int k = 0; k < CUE_PHRASE_COUNT; k++)
        texts[audio_speech_phrase_index(r, (cue_phrase)k)] =
            strdup(app_str(a, cue_phrase_key((cue_phrase)k)));
    a->speech = speech_start((const char *const *)texts, count, lang);
    for (size_t i = 0; i < count; i++)
        free(texts[i]);
    free(texts);
}

static cue_policy_options app_cue_options(const app *a)
{
    bool voice = a->config.voice || a->read_aloud;
    return (cue_policy_options){.voice = voice,
                                .speak_breathing = voice && a->config.speak_breathing};
}

/* What the policy decided for the cue of the step starting at segment (its words: when, until
 * when, or none at all: said in an earlier pass of its block, or a recording of its own). */
static cue_action app_step_action(const app *a, const plan *p, size_t segment)
{
    plan_cue cue = {.at_ms = p->segments[segment].start_ms,
                    .event = CUE_EVENT_STEP,
                    .segment = (uint32_t)segment,
                    .sound = -1};
    cue_policy_options options = app_cue_options(a);
    cue_action action;
    cue_policy_decide(p, &cue, &options, &action);
    return action;
}

/* Hands the audio the words that have been rendered since the last frame. */
static void app_feed_speech(app *a)
{
    size_t done = speech_done(a->speech);
    for (; a->speech_fed < done; a->speech_fed++) {
        const int16_t *pcm;
        size_t frames;
        int rate;
        if (!speech_result(a->speech, a->speech_fed, &pcm, &frames, &rate))
            continue;
        audio_add_speech(a->audio, a->speech_fed, pcm, frames, rate);
        /* Words ready only after their step's bell (the first step's, as espeak-ng starts):
         * still worth saying in the step's first seconds. */
        const flow *f = &a->flow;
        if (!app_playing_screen(a) || f->player.state != PLAYER_PLAYING)
            continue;
        const plan *p = f->plan;
        int64_t t = player_position_at(&f->player, a->now_ms);
        size_t segment = plan_segment_at(p, t);
        if (p->segments[segment].step != a->speech_fed)
            continue;
        while (segment > 0 && p->segments[segment - 1].step == a->speech_fed)
            segment--;
        cue_action step = app_step_action(a, p, segment);
        if (step.words == CUE_WORDS_STEP && t < step.words_latest_ms &&
            audio_speak_now(a->audio, a->speech_fed, player_clock_at(&f->player, step.words_at_ms),
                            player_clock_at(&f->player, step.words_latest_ms))) {
            captions_add(&a->captions,
                         (caption){CUE_EVENT_STEP, t,
                                   captions_step_words(p->routine, a->speech_fed, app_lang(a))});
        }
    }
}

static void app_play_cues(app *a, const plan_cue *cues, size_t count)
{
    if (count == 0 || !a->flow.plan)
        return; /* a tick that ended the visit may have let go of the plan */
    const player *pl = &a->flow.player;
    int64_t handed = player_position_at(pl, a->now_ms);
    cue_policy_options options = app_cue_options(a);
    for (size_t i = 0; i < count; i++) {
        /* What to play and say is the core's decision (cue_policy.c); here it is only played. */
        cue_action action;
        cue_policy_decide(a->flow.plan, &cues[i], &options, &action);
        bool spoke = audio_play_action(a->audio, &action, player_clock_at(pl, action.sound_at_ms),
                                       player_clock_at(pl, action.words_at_ms),
                                       player_clock_at(pl, action.words_latest_ms), handed);
        /* Everything heard is also shown: a caption for each cue, from its moment. */
        const plan *p = a->flow.plan;
        const char *said = NULL;
        if (spoke && cues[i].event == CUE_EVENT_STEP && cues[i].segment < p->segment_count)
            said = captions_step_words(p->routine, p->segments[cues[i].segment].step, app_lang(a));
        else if (spoke)
            said = app_str(a, captions_spoken_key(cues[i].event));
        captions_add(&a->captions, (caption){cues[i].event, cues[i].at_ms, said});
    }
}

size_t app_visible_captions(const app *a, int64_t now_ms, screen_caption *out, size_t max)
{
    /* Only while the routine is on screen: elsewhere the player may still point at a plan the
     * flow has let go of (it starts on the next routine's first frame). */
    if (!app_playing_screen(a))
        return 0;
    return captions_visible(&a->captions, player_position_at(&a->flow.player, now_ms), out, max);
}

/* The clinic's recorded phrases in the patient's language, where it has them (voice_pack.h). */
static void app_use_voice_pack(app *a)
{
    char *folder = voice_pack_folder(&a->config);
    char *paths[CUE_PHRASE_COUNT] = {0};
    for (int k = 0; k < CUE_PHRASE_COUNT; k++)
        paths[k] = voice_pack_file(folder, app_lang(a), cue_phrase_key((cue_phrase)k));
    audio_use_voice_pack(a->audio, (const char *const *)paths);
    for (int k = 0; k < CUE_PHRASE_COUNT; k++)
        free(paths[k]);
    free(folder);
}

/* Tells the audio what changed in the routine since the last frame: a new one, a pause, a
 * resume, the end. */
static void app_follow_routine(app *a)
{
    const flow *f = &a->flow;
    const plan *playing = app_playing_screen(a) ? f->plan : NULL;
    if (playing != a->audio_plan) {
        if (playing) {
            app_use_voice_pack(a);
            audio_begin_routine(a->audio, playing->routine);
        } else {
            audio_end_routine(a->audio, f->player.state == PLAYER_FINISHED);
        }
        app_start_speech(a, playing ? playing->routine : NULL);
        a->audio_plan = playing;
        captions_clear(&a->captions);
        a->audio_paused = false;
        a->audio_paused_ms = playing ? f->player.paused_ms : 0;
    }
    if (!playing)
        return;
    bool paused = f->player.state == PLAYER_PAUSED;
    if (paused && !a->audio_paused) {
        audio_pause(a->audio, f->player.pause_began_ms);
        a->audio_paused = true;
    } else if (!paused && a->audio_paused) {
        audio_resume(a->audio, f->player.paused_ms - a->audio_paused_ms);
        a->audio_paused = false;
        a->audio_paused_ms = f->player.paused_ms;
    }
}

/* The flow's tick (its timeouts too) hands out the cues due now (a frame that ran late), then
 * those due before the next hand-over: each reaches the audio a little before its moment, to
 * start on its exact sample; then speech, and the sound device's comings and goings. */
void app_sound_update(app *a, int64_t now_ms, int64_t utc_ms)
{
    app_follow_routine(a);
    /* Cues due now (a frame that ran late), then those due before the next hand-over: each
     * reaches the audio a little before its moment, to start on its exact sample. */
    plan_cue cues[32];
    size_t count;
    do {
        count = flow_tick(&a->flow, now_ms, utc_ms, cues, 32);
        app_play_cues(a, cues, count);
    } while (count == 32);
    do {
        count = flow_cues_ahead(&a->flow, now_ms, AUDIO_LOOKAHEAD_MS, cues, 32);
        app_play_cues(a, cues, count);
    } while (count == 32);
    app_follow_routine(a);
    app_feed_speech(a);
    app_read_aloud_update(a);
    audio_poll(a->audio, now_ms);
    /* A speaker plugged in while Ease was silent: take it up once no routine is playing. */
    if (a->sound_plugged && !app_playing_screen(a)) {
        a->sound_plugged = false;
        a->sound_pending = !audio_is_live(a->audio);
        app_open_sound(a);
    }
    app_retry_sound(a);
}
