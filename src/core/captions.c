#include "captions.h"

#include <string.h>

void captions_clear(caption_list *c)
{
    c->count = 0;
}

void captions_add(caption_list *c, caption item)
{
    if (c->count == CAPTIONS_MAX) {
        memmove(c->items, c->items + 1, (CAPTIONS_MAX - 1) * sizeof *c->items);
        c->count--;
    }
    c->items[c->count++] = item;
}

size_t captions_visible(const caption_list *c, int64_t position_ms, caption *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < c->count && n < max; i++) {
        int64_t age = position_ms - c->items[i].at_ms;
        if (age >= 0 && age < CAPTION_MS)
            out[n++] = c->items[i];
    }
    return n;
}

const char *captions_step_words(const routine *r, size_t step, const char *lang)
{
    if (step >= r->step_count)
        return NULL;
    const char *title = routine_text_get(&r->steps[step].title, lang);
    return title && *title ? title : routine_text_get(&r->steps[step].text, lang);
}

const char *captions_spoken_key(cue_event event)
{
    return event == CUE_EVENT_INHALE   ? "breathe-in"
           : event == CUE_EVENT_EXHALE ? "breathe-out"
                                       : "hold";
}
