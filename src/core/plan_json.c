#include "plan_json.h"

static json_t *plan_json_text(const routine_text *text, const char *lang)
{
    const char *value = routine_text_get(text, lang);
    return value ? json_string(value) : json_null();
}

static json_t *plan_json_segment(const plan *p, const plan_segment *s, const char *lang)
{
    json_t *o = json_object();
    json_object_set_new(o, "start_ms", json_integer(s->start_ms));
    json_object_set_new(o, "end_ms", json_integer(s->end_ms));
    json_object_set_new(o, "kind", json_string(plan_segment_kind_name(s->kind)));
    json_object_set_new(o, "step", json_integer(s->step + 1));
    json_object_set_new(o, "title", plan_json_text(s->title, lang));
    json_object_set_new(o, "text", plan_json_text(s->text, lang));
    json_object_set_new(o, "repeat", json_integer(s->repeat));
    json_object_set_new(o, "repeats", json_integer(s->repeats));
    if (s->kind == SEGMENT_INHALE || s->kind == SEGMENT_BREATH_HOLD || s->kind == SEGMENT_EXHALE) {
        json_object_set_new(o, "cycle", json_integer(s->cycle));
        json_object_set_new(o, "cycles", json_integer(s->cycles));
        json_object_set_new(o, "breath", json_integer(s->breath));
        json_object_set_new(o, "breaths", json_integer(s->breaths));
    }
    if (s->parts > 0) {
        json_object_set_new(o, "part", json_integer(s->part));
        json_object_set_new(o, "parts", json_integer(s->parts));
    }
    if (s->label)
        json_object_set_new(o, "phase", plan_json_text(s->label, lang));
    if (s->kind == SEGMENT_REP || s->kind == SEGMENT_REP_HOLD || s->kind == SEGMENT_SET_REST) {
        json_object_set_new(o, "rep", json_integer(s->rep));
        json_object_set_new(o, "reps", json_integer(s->reps));
        json_object_set_new(o, "set", json_integer(s->set));
        json_object_set_new(o, "sets", json_integer(s->sets));
    }
    json_t *motion = json_array();
    for (uint32_t i = 0; i < s->motion_count; i++) {
        const plan_keyframe *k = &p->keyframes[s->motion_first + i];
        json_t *key = json_object();
        json_object_set_new(key, "at_ms", json_integer(s->motion_origin_ms + k->at_ms));
        json_object_set_new(key, "pose", json_string(k->name));
        json_array_append_new(motion, key);
    }
    json_object_set_new(o, "motion", motion);
    return o;
}

json_t *plan_to_json(const plan *p, const char *lang)
{
    const routine *r = p->routine;
    json_t *root = json_object();
    json_t *about = json_object();
    json_object_set_new(about, "id", json_string(r->id));
    json_object_set_new(about, "title", plan_json_text(&r->title, lang));
    json_object_set_new(about, "kind", json_string(routine_kind_name(r->kind)));
    json_object_set_new(about, "levels", json_integer(r->levels));
    json_object_set_new(about, "file", json_string(r->path));
    json_object_set_new(about, "content_sha256", json_string(r->content_hash));
    json_object_set_new(root, "routine", about);
    json_object_set_new(root, "level", json_integer(p->level));
    json_object_set_new(root, "length_ms", json_integer(p->length_ms));
    json_t *segments = json_array();
    for (size_t i = 0; i < p->segment_count; i++)
        json_array_append_new(segments, plan_json_segment(p, &p->segments[i], lang));
    json_object_set_new(root, "segments", segments);
    json_t *cues = json_array();
    for (size_t i = 0; i < p->cue_count; i++) {
        json_t *cue = json_object();
        json_object_set_new(cue, "at_ms", json_integer(p->cues[i].at_ms));
        json_object_set_new(cue, "event", json_string(cue_event_name(p->cues[i].event)));
        json_array_append_new(cues, cue);
    }
    json_object_set_new(root, "cues", cues);
    return root;
}
