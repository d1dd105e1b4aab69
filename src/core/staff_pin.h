/* The staff PIN, stored only as a salted, slow hash (libsodium's Argon2id), so a copy of the
 * configuration does not give the PIN away. */
#ifndef EASE_STAFF_PIN_H
#define EASE_STAFF_PIN_H

#include <stdbool.h>
#include <stddef.h>

enum { STAFF_PIN_MIN_DIGITS = 4, STAFF_PIN_MAX_DIGITS = 12, STAFF_PIN_HASH_SIZE = 128 };

/* A PIN is 4 to 12 digits. */
bool staff_pin_valid(const char *pin);

/* Writes the hash of pin (NUL-terminated, under STAFF_PIN_HASH_SIZE bytes) into out. */
bool staff_pin_hash(const char *pin, char *out, size_t size);

/* True when pin matches the stored hash. */
bool staff_pin_verify(const char *hash, const char *pin);

/* True when text has the shape of a hash made by staff_pin_hash. */
bool staff_pin_hash_recognised(const char *text);

#endif
