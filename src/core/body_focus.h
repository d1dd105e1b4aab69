/* The body parts a step may be about ('focus:'), named as a physiotherapist would, and the
 * regions of the guide figure each name lights. The regions are the figure's own parts
 * (src/kiosk/draw/draw_figure.c draws every one of them, on both sides), so a name always
 * shows; the loader, the checker, 'ease poses --json' and the figure read this one table. */
#ifndef EASE_BODY_FOCUS_H
#define EASE_BODY_FOCUS_H

#include <stddef.h>
#include <stdint.h>

/* The figure's parts, both sides together. */
typedef enum {
    BODY_REGION_HEAD,
    BODY_REGION_NECK,
    BODY_REGION_CHEST, /* the trunk above the waist: chest, upper back, shoulder girdle */
    BODY_REGION_WAIST, /* the trunk below the chest: waist, lower back, pelvis */
    BODY_REGION_UPPER_ARM,
    BODY_REGION_FOREARM,
    BODY_REGION_HAND, /* wrist to fingertips */
    BODY_REGION_THIGH,
    BODY_REGION_SHIN, /* knee to ankle */
    BODY_REGION_FOOT, /* ankle, heel and toes */
    BODY_REGION_COUNT
} body_region;

/* A set of regions: bit (1u << region). */
typedef uint32_t body_regions;

enum { BODY_FOCUS_MAX = 3 }; /* names in one step's 'focus' */

/* The names an author may write, in the order the reference lists them; NULL-terminated. */
extern const char *const body_focus_names[];

/* How many names there are (without the NULL). */
size_t body_focus_count(void);

/* The index of name in body_focus_names, or -1. */
int body_focus_find(const char *name);

/* The regions the name at index lights (0 for an index out of range). */
body_regions body_focus_regions(int index);

/* What the name lights, in words, for the reference and 'ease poses --json': "thighs and
 * lower legs". NULL for an index out of range. */
const char *body_focus_shows(int index);

#endif
