/* "Read aloud": the words a patient reads on a screen (its title or question, its choices, its
 * safety note), in reading order, as the screen names them while it draws. The list of one
 * frame is compared with the list last read: only a new screen (or new words on it) is read
 * again, so a screen that redraws is never read twice. Plain data: the shell draws, speaks and
 * plays; each item is a catalogue key (a voice pack may have it recorded) and its words. */
#ifndef EASE_READ_ALOUD_H
#define EASE_READ_ALOUD_H

#include <stdbool.h>
#include <stddef.h>

enum { READ_ALOUD_MAX = 24 }; /* a screen with more to say says its first ones */

typedef struct {
    char *key;  /* owned; NULL for words that are not the kiosk's own (a routine's) */
    char *text; /* owned; never NULL */
} read_aloud_item;

typedef struct {
    read_aloud_item items[READ_ALOUD_MAX];
    size_t count;
} read_aloud_list;

void read_aloud_clear(read_aloud_list *l);
/* Adds key (or NULL) and its words; empty words, words already on the list, and words past
 * READ_ALOUD_MAX are left out. False only when out of memory. */
bool read_aloud_add(read_aloud_list *l, const char *key, const char *text);
/* Whether two lists say the same words in the same order. */
bool read_aloud_same(const read_aloud_list *a, const read_aloud_list *b);
/* Moves from into to (to's old items freed); from is left empty. */
void read_aloud_move(read_aloud_list *to, read_aloud_list *from);

#endif
