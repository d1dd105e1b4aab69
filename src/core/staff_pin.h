/* The staff PIN, stored only as a salted, slow hash (libsodium's Argon2id), so a copy of the
 * configuration does not give the PIN away. */
#ifndef EASE_STAFF_PIN_H
#define EASE_STAFF_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { STAFF_PIN_MIN_DIGITS = 4, STAFF_PIN_MAX_DIGITS = 12, STAFF_PIN_HASH_SIZE = 128 };

/* A PIN is 4 to 12 digits. */
bool staff_pin_valid(const char *pin);

/* Writes the hash of pin (NUL-terminated, under STAFF_PIN_HASH_SIZE bytes) into out. */
bool staff_pin_hash(const char *pin, char *out, size_t size);

/* True when pin matches the stored hash. */
bool staff_pin_verify(const char *hash, const char *pin);

/* True when text has the shape of a hash made by staff_pin_hash. */
bool staff_pin_hash_recognised(const char *text);

/* Guessing the PIN is slowed, never stopped for good: a few wrong tries are free, then each
 * wrong one doubles the wait before the next is checked, up to five minutes (every 4-digit PIN
 * would take over a month). A right PIN clears it. */
enum {
    STAFF_PIN_FREE_TRIES = 3,
    STAFF_PIN_FIRST_WAIT_MS = 5000,
    STAFF_PIN_MAX_WAIT_MS = 5 * 60000,
};

typedef struct {
    int in_a_row;              /* wrong PINs since the last right one */
    int64_t wait_until_ms;     /* no PIN is checked before this (the monotonic time handed in) */
    size_t wrong_total;        /* since Ease started: for the staff screen and the journal */
    int64_t last_wrong_utc_ms; /* 0 when none */
} staff_pin_throttle;

/* Milliseconds before the next PIN is checked; 0 when one may be tried now. */
int64_t staff_pin_wait_left_ms(const staff_pin_throttle *t, int64_t now_ms);

/* A wrong PIN: counted, and the wait set. */
void staff_pin_note_wrong(staff_pin_throttle *t, int64_t now_ms, int64_t utc_ms);

/* The right PIN: the next wrong one is free again (the totals stay). */
void staff_pin_note_right(staff_pin_throttle *t);

#endif
