#include "duration.h"

#include <ctype.h>
#include <string.h>

enum { DURATION_MAX_MS = 24 * 3600 * 1000 };

/* Reads digits[.digits] as thousandths; false when there are too many decimals to be whole ms
 * for the unit (scale) or the number is absurdly large. */
static bool duration_read_number(const char **cursor, int64_t *thousandths, int *decimals)
{
    const char *p = *cursor;
    int64_t whole = 0;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p)) {
        whole = whole * 10 + (*p - '0');
        if (whole > DURATION_MAX_MS)
            return false;
        p++;
    }
    int64_t fraction = 0;
    int digits = 0;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p)) {
            if (digits == 3)
                return false; /* finer than a thousandth of the unit */
            fraction = fraction * 10 + (*p - '0');
            digits++;
            p++;
        }
    }
    for (int d = digits; d < 3; d++)
        fraction *= 10;
    *thousandths = whole * 1000 + fraction;
    *decimals = digits;
    *cursor = p;
    return true;
}

bool duration_parse_ms(const char *text, int64_t *out_ms)
{
    const char *p = text;
    while (*p == ' ')
        p++;
    if (!*p)
        return false;
    /* Units in the only order allowed: h, m, s, ms; each at most once. */
    static const struct {
        const char *suffix;
        int64_t ms_per_unit;
    } units[] = {{"h", 3600000}, {"ms", 1}, {"m", 60000}, {"s", 1000}};
    static const int rank[] = {0, 3, 1, 2}; /* order h < m < s < ms */
    int last_rank = -1;
    int64_t total = 0;
    bool any = false;
    while (*p) {
        int64_t thousandths;
        int decimals;
        if (!duration_read_number(&p, &thousandths, &decimals))
            return false;
        int unit = -1;
        for (int u = 0; u < 4; u++) {
            size_t len = strlen(units[u].suffix);
            if (strncmp(p, units[u].suffix, len) == 0) {
                unit = u;
                p += len;
                break;
            }
        }
        int64_t ms;
        if (unit < 0) {
            /* A bare number: seconds, and only on its own. */
            if (any)
                return false;
            while (*p == ' ')
                p++;
            if (*p)
                return false;
            ms = thousandths; /* thousandths of a second */
        } else {
            if (rank[unit] <= last_rank)
                return false;
            last_rank = rank[unit];
            if (units[unit].ms_per_unit == 1 && decimals > 0)
                return false; /* "2.5ms" is finer than a millisecond */
            ms = thousandths * units[unit].ms_per_unit / 1000;
            if (thousandths * units[unit].ms_per_unit % 1000 != 0)
                return false;
        }
        total += ms;
        if (total > DURATION_MAX_MS)
            return false;
        any = true;
        while (*p == ' ')
            p++;
    }
    *out_ms = total;
    return any;
}

void duration_format(int64_t ms, char *out, size_t size)
{
    if (ms < 0)
        ms = 0;
    int64_t hours = ms / 3600000, minutes = ms / 60000 % 60, seconds = ms / 1000 % 60,
            rest = ms % 1000;
    char *p = out;
    size_t left = size;
    int n;
#define DURATION_PUT(...)                                                                          \
    do {                                                                                           \
        n = snprintf(p, left, __VA_ARGS__);                                                        \
        if (n < 0 || (size_t)n >= left)                                                            \
            return;                                                                                \
        p += n;                                                                                    \
        left -= (size_t)n;                                                                         \
    } while (0)
    if (size)
        out[0] = '\0';
    if (hours)
        DURATION_PUT("%lldh", (long long)hours);
    if (minutes)
        DURATION_PUT("%lldm", (long long)minutes);
    if (rest) {
        char fraction[8];
        snprintf(fraction, sizeof fraction, "%03lld", (long long)rest);
        for (int i = 2; i > 0 && fraction[i] == '0'; i--)
            fraction[i] = '\0';
        DURATION_PUT("%lld.%ss", (long long)seconds, fraction);
    } else if (seconds || ms == 0) {
        DURATION_PUT("%llds", (long long)seconds);
    }
#undef DURATION_PUT
}

void duration_format_clock(int64_t ms, bool show_ms, char *out, size_t size)
{
    if (ms < 0)
        ms = 0;
    long long minutes = (long long)(ms / 60000), seconds = (long long)(ms / 1000 % 60),
              rest = (long long)(ms % 1000);
    if (show_ms)
        snprintf(out, size, "%lld:%02lld.%03lld", minutes, seconds, rest);
    else
        snprintf(out, size, "%lld:%02lld", minutes, seconds);
}
