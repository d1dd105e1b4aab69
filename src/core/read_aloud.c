#include "read_aloud.h"

#include <stdlib.h>
#include <string.h>

void read_aloud_clear(read_aloud_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].key);
        free(l->items[i].text);
    }
    l->count = 0;
}

bool read_aloud_add(read_aloud_list *l, const char *key, const char *text)
{
    if (!text || !*text || l->count == READ_ALOUD_MAX)
        return true;
    for (size_t i = 0; i < l->count; i++)
        if (!strcmp(l->items[i].text, text))
            return true; /* a word shown twice is said once */
    read_aloud_item item = {.key = key ? strdup(key) : NULL, .text = strdup(text)};
    if (!item.text || (key && !item.key)) {
        free(item.key);
        free(item.text);
        return false;
    }
    l->items[l->count++] = item;
    return true;
}

bool read_aloud_same(const read_aloud_list *a, const read_aloud_list *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->items[i].text, b->items[i].text))
            return false;
    return true;
}

void read_aloud_move(read_aloud_list *to, read_aloud_list *from)
{
    read_aloud_clear(to);
    *to = *from;
    from->count = 0;
}
