#include "routine.h"

#include <stdlib.h>
#include <string.h>

const char *routine_text_get(const routine_text *text, const char *lang)
{
    if (!text || text->count == 0)
        return NULL;
    if (lang)
        for (size_t i = 0; i < text->count; i++)
            if (!strcmp(text->entries[i].lang, lang))
                return text->entries[i].text;
    return text->entries[0].text;
}

int64_t routine_level_value_at(const routine_level_value *value, int level, int64_t fallback)
{
    if (value->count == 0)
        return fallback;
    if (value->count == 1)
        return value->values[0];
    if (level < 1)
        level = 1;
    if (level > value->count)
        level = value->count;
    return value->values[level - 1];
}

const char *routine_kind_name(routine_kind kind)
{
    static const char *const names[ROUTINE_KIND_COUNT] = {"breathing", "tai-chi", "graded-movement",
                                                          "relaxation"};
    return (unsigned)kind < ROUTINE_KIND_COUNT ? names[kind] : "?";
}

const char *routine_position_name(routine_position position)
{
    static const char *const names[] = {"", "seated", "standing", "lying"};
    return (unsigned)position < 4 ? names[position] : "";
}

const char *breath_phase_name(breath_phase_kind kind)
{
    static const char *const names[] = {"inhale", "hold", "exhale"};
    return (unsigned)kind < 3 ? names[kind] : "?";
}

const char *step_kind_name(step_kind kind)
{
    static const char *const names[] = {"timed", "breathing", "exercise", "rest"};
    return (unsigned)kind < 4 ? names[kind] : "?";
}

const char *cue_event_name(cue_event event)
{
    static const char *const names[CUE_EVENT_COUNT] = {
        "step", "inhale", "exhale", "hold", "countdown", "end", "phase", "prompt", "rep", "set"};
    return (unsigned)event < CUE_EVENT_COUNT ? names[event] : "?";
}

const char *cue_sound_name(cue_sound sound)
{
    static const char *const names[CUE_SOUND_COUNT] = {
        "bell", "rising-tone", "falling-tone", "hold-tone", "tick", "chime", "pulse", "soft-bell"};
    return (unsigned)sound < CUE_SOUND_COUNT ? names[sound] : "?";
}

cue_sound cue_sound_default(cue_event event)
{
    static const cue_sound defaults[CUE_EVENT_COUNT] = {
        [CUE_EVENT_STEP] = CUE_SOUND_BELL,
        [CUE_EVENT_INHALE] = CUE_SOUND_RISING_TONE,
        [CUE_EVENT_EXHALE] = CUE_SOUND_FALLING_TONE,
        [CUE_EVENT_HOLD] = CUE_SOUND_HOLD_TONE,
        [CUE_EVENT_COUNTDOWN] = CUE_SOUND_TICK,
        [CUE_EVENT_END] = CUE_SOUND_CHIME,
        /* a phase or a prompt: soft, for ears that tire */
        [CUE_EVENT_PHASE] = CUE_SOUND_HOLD_TONE,
        [CUE_EVENT_PROMPT] = CUE_SOUND_HOLD_TONE,
        [CUE_EVENT_REP] = CUE_SOUND_PULSE,
        [CUE_EVENT_SET] = CUE_SOUND_SOFT_BELL,
    };
    return (unsigned)event < CUE_EVENT_COUNT ? defaults[event] : CUE_SOUND_BELL;
}

bool cue_event_heard_by_default(cue_event event)
{
    return event != CUE_EVENT_REP;
}

void routine_text_free(routine_text *text)
{
    for (size_t i = 0; i < text->count; i++)
        free(text->entries[i].text);
    free(text->entries);
    text->entries = NULL;
    text->count = 0;
}

void routine_motion_free(routine_motion *motion)
{
    for (size_t i = 0; i < motion->count; i++)
        free(motion->keys[i].pose);
    free(motion->keys);
    motion->keys = NULL;
    motion->count = 0;
}

static void routine_step_free(routine_step *step)
{
    routine_text_free(&step->title);
    routine_text_free(&step->text);
    routine_motion_free(&step->motion);
    free(step->image);
    free(step->sound);
    for (size_t i = 0; i < step->phase_count; i++)
        routine_text_free(&step->phases[i].text);
    free(step->phases);
    for (size_t i = 0; i < step->rep_phase_count; i++) {
        routine_text_free(&step->rep_phases[i].name);
        routine_text_free(&step->rep_phases[i].text);
        free(step->rep_phases[i].cue.file);
    }
    free(step->rep_phases);
    for (size_t i = 0; i < step->prompt_count; i++)
        routine_text_free(&step->prompts[i].text);
    free(step->prompts);
    for (int i = 0; i < CUE_EVENT_COUNT; i++)
        free(step->cues[i].file);
}

void routine_free(routine *r)
{
    if (!r)
        return;
    free(r->path);
    free(r->id);
    routine_text_free(&r->title);
    routine_text_free(&r->summary);
    routine_text_free(&r->description);
    routine_text_free(&r->safety);
    for (int i = 0; i < ROUTINE_MAX_LEVELS; i++)
        routine_text_free(&r->level_labels[i]);
    free(r->music);
    for (int i = 0; i < CUE_EVENT_COUNT; i++)
        free(r->cues[i].file);
    pose_library_free(&r->poses);
    for (size_t i = 0; i < r->step_count; i++)
        routine_step_free(&r->steps[i]);
    free(r->steps);
    free(r);
}

size_t routine_language_count(const routine *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->title.count; i++)
        if (r->title.entries[i].lang[0])
            n++;
    return n;
}

const char *routine_language(const routine *r, size_t index)
{
    for (size_t i = 0; i < r->title.count; i++)
        if (r->title.entries[i].lang[0] && index-- == 0)
            return r->title.entries[i].lang;
    return NULL;
}

body_regions routine_step_focus_regions(const routine_step *step)
{
    body_regions regions = 0;
    for (size_t i = 0; i < step->focus_count && i < BODY_FOCUS_MAX; i++)
        regions |= body_focus_regions(step->focus[i]);
    return regions;
}
