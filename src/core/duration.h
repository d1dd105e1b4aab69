/* Times as people write them: "4s", "90s", "1m30s", "2.5s", "500ms", "1h"; a bare number is
 * seconds. Parsed to whole milliseconds with integer arithmetic, so nothing drifts. */
#ifndef EASE_DURATION_H
#define EASE_DURATION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* True and *out_ms set when text is a well-formed time of at most a day; *out_ms untouched
 * otherwise. */
bool duration_parse_ms(const char *text, int64_t *out_ms);

/* Writes a time for people: "4s", "1m30s", "2.5s", "1h2m". */
void duration_format(int64_t ms, char *out, size_t size);

/* Writes a clock position: "1:05" (or "1:05.250" with milliseconds when show_ms). */
void duration_format_clock(int64_t ms, bool show_ms, char *out, size_t size);

#endif
