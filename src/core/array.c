#include "array.h"

#include <stdint.h>
#include <stdlib.h>

void *array_grow(void *items, size_t *capacity, size_t needed, size_t item_size)
{
    if (needed <= *capacity && items)
        return items;
    size_t grown_capacity = *capacity ? *capacity : 16;
    while (grown_capacity < needed) {
        if (grown_capacity > SIZE_MAX / 2)
            return NULL;
        grown_capacity *= 2;
    }
    if (item_size && grown_capacity > SIZE_MAX / item_size)
        return NULL;
    void *grown = realloc(items, grown_capacity * item_size);
    if (!grown)
        return NULL;
    *capacity = grown_capacity;
    return grown;
}
