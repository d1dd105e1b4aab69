/* Captions of what is heard, for a patient who cannot hear it: the latest few cues with the words
 * said with them, each shown for a while in routine time (so a pause holds them with the
 * routine), and which words go with a cue. Plain data and no clock: times are routine times
 * handed in; the words are borrowed from the routine or the caller's catalogue. */
#ifndef EASE_CAPTIONS_H
#define EASE_CAPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

enum {
    CAPTIONS_MAX = 4,  /* the latest cues kept (and at most shown at once) */
    CAPTION_MS = 2500, /* how long a caption stays, in routine time */
};

/* A cue just heard: what, when it sounded (routine time), and the words said with it, or NULL
 * (borrowed). */
typedef struct {
    cue_event event;
    int64_t at_ms;
    const char *spoken;
} caption;

typedef struct {
    caption items[CAPTIONS_MAX]; /* oldest first */
    size_t count;
} caption_list;

void captions_clear(caption_list *c);
/* Adds one; when full, the oldest goes. */
void captions_add(caption_list *c, caption item);
/* Those heard from CAPTION_MS before position_ms up to position_ms, oldest first, into out;
 * returns how many. */
size_t captions_visible(const caption_list *c, int64_t position_ms, caption *out, size_t max);

/* The words said for a step, in lang: its title, else its instruction (borrowed), or NULL. */
const char *captions_step_words(const routine *r, size_t step, const char *lang);
/* The catalogue key of the words said with any other cue that speaks: "breathe-in" for an
 * inhale, "breathe-out" for an exhale, "hold" otherwise. */
const char *captions_spoken_key(cue_event event);

#endif
