#include "spell.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { SPELL_MAX_LEN = 64 };

size_t spell_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > SPELL_MAX_LEN || m > SPELL_MAX_LEN)
        return limit + 1;
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    /* Three rows of the optimal-string-alignment table are enough. */
    size_t rows[3][SPELL_MAX_LEN + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= m; j++)
        previous[j] = j;
    for (size_t i = 1; i <= n; i++) {
        current[0] = i;
        size_t row_min = current[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = previous[j] + 1;
            if (current[j - 1] + 1 < best)
                best = current[j - 1] + 1;
            if (previous[j - 1] + cost < best)
                best = previous[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            current[j] = best;
            if (best < row_min)
                row_min = best;
        }
        if (row_min > limit)
            return limit + 1;
        size_t *spare = before;
        before = previous;
        previous = current;
        current = spare;
    }
    return previous[m] <= limit ? previous[m] : limit + 1;
}

/* Short words tolerate one edit, longer ones a third of their length, at most three. */
static size_t spell_tolerance(const char *word)
{
    size_t len = strlen(word);
    size_t tolerance = len / 3;
    if (tolerance < 1)
        tolerance = 1;
    if (tolerance > 3)
        tolerance = 3;
    return tolerance;
}

const char *spell_closest_in(const char *word, const void *items, size_t count, size_t stride,
                             size_t name_offset)
{
    size_t tolerance = spell_tolerance(word);
    const char *best = NULL;
    size_t best_distance = tolerance + 1;
    for (size_t i = 0; i < count; i++) {
        const char *candidate =
            *(const char *const *)((const unsigned char *)items + i * stride + name_offset);
        if (!candidate)
            continue;
        size_t d = spell_distance(word, candidate, tolerance);
        if (d < best_distance && d < strlen(candidate)) {
            best = candidate;
            best_distance = d;
        }
    }
    return best;
}

const char *spell_closest(const char *word, const char *const *candidates)
{
    size_t count = 0;
    while (candidates[count])
        count++;
    return spell_closest_in(word, candidates, count, sizeof *candidates, 0);
}
