/* The one growable-array helper: every list that grows as it is filled (diagnostics, routines,
 * poses, segments, visits waiting...) makes room through it, so the doubling and the
 * out-of-memory path are written once. */
#ifndef EASE_ARRAY_H
#define EASE_ARRAY_H

#include <stddef.h>

/* Room for at least `needed` items of item_size bytes in items (which holds *capacity): returns
 * items itself when there is room, else the array grown (doubling, from 16 items) with
 * *capacity updated, or NULL when out of memory or too large, leaving items and *capacity as
 * they were (items still belongs to the caller). The usual use:
 *     thing *grown = array_grow(list->things, &list->capacity, list->count + 1, sizeof *grown);
 *     if (!grown) return false;
 *     list->things = grown; */
void *array_grow(void *items, size_t *capacity, size_t needed, size_t item_size);

#endif
