#include "staff_pin.h"

#include <sodium.h>
#include <string.h>

static bool staff_pin_ready(void)
{
    return sodium_init() >= 0;
}

bool staff_pin_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < STAFF_PIN_MIN_DIGITS || n > STAFF_PIN_MAX_DIGITS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

bool staff_pin_hash(const char *pin, char *out, size_t size)
{
    char hash[crypto_pwhash_STRBYTES];
    if (!staff_pin_ready() || !staff_pin_valid(pin) || size < sizeof hash)
        return false;
    if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return false;
    memcpy(out, hash, sizeof hash);
    return true;
}

bool staff_pin_verify(const char *hash, const char *pin)
{
    if (!staff_pin_ready() || !hash || !pin || !staff_pin_hash_recognised(hash))
        return false;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

bool staff_pin_hash_recognised(const char *text)
{
    return text && strlen(text) < crypto_pwhash_STRBYTES &&
           (!strncmp(text, "$argon2id$", 10) || !strncmp(text, "$argon2i$", 9));
}

int64_t staff_pin_wait_left_ms(const staff_pin_throttle *t, int64_t now_ms)
{
    return t->wait_until_ms > now_ms ? t->wait_until_ms - now_ms : 0;
}

void staff_pin_note_wrong(staff_pin_throttle *t, int64_t now_ms, int64_t utc_ms)
{
    t->in_a_row++;
    t->wrong_total++;
    t->last_wrong_utc_ms = utc_ms;
    if (t->in_a_row <= STAFF_PIN_FREE_TRIES)
        return;
    int64_t wait = STAFF_PIN_FIRST_WAIT_MS;
    for (int i = STAFF_PIN_FREE_TRIES + 1; i < t->in_a_row && wait < STAFF_PIN_MAX_WAIT_MS; i++)
        wait *= 2;
    t->wait_until_ms = now_ms + (wait < STAFF_PIN_MAX_WAIT_MS ? wait : STAFF_PIN_MAX_WAIT_MS);
}

void staff_pin_note_right(staff_pin_throttle *t)
{
    t->in_a_row = 0;
    t->wait_until_ms = 0;
}
