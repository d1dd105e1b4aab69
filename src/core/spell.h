/* "Did you mean ...": finds the closest of a set of known words to a misspelt one. */
#ifndef EASE_SPELL_H
#define EASE_SPELL_H

#include <stddef.h>

/* Edit distance counting a swap of two neighbouring letters as one edit; stops counting past
 * limit (returns limit + 1) so long hostile strings cost little. */
size_t spell_distance(const char *a, const char *b, size_t limit);

/* The candidate close enough to word to be a likely typo, or NULL. candidates ends with NULL. */
const char *spell_closest(const char *word, const char *const *candidates);

/* Same over a strided array of string pointers (e.g. a field of a struct array). */
const char *spell_closest_in(const char *word, const void *items, size_t count, size_t stride,
                             size_t name_offset);

#endif
