/* Rules a parser cannot see: poses that exist, motion that fits its step, text that can be read
 * in the time given, a safe breathing pace, a routine short enough for a waiting room, media
 * files that exist, can be read and stay inside the library. */
#ifndef EASE_ROUTINE_CHECK_H
#define EASE_ROUTINE_CHECK_H

#include <stdbool.h>

#include "diag.h"
#include "pose.h"
#include "routine.h"

typedef struct {
    const pose_library *shared_poses; /* resolved; NULL when only the routine's own are allowed */
    const char *library_root;         /* media may not leave it; NULL: the routine's own folder */
} routine_check_options;

/* Checks r and resolves its own poses against the shared library. Adds every problem to diag;
 * returns false when any is an error (warnings alone return true). */
bool routine_check(routine *r, const routine_check_options *options, diag_list *diag);

/* The thresholds, also quoted by the reference. */
enum {
    CHECK_READING_WORDS_PER_MINUTE = 150, /* an unhurried speaking pace */
    CHECK_BREATH_FASTEST_MS = 3000,       /* 20 breaths a minute */
    CHECK_BREATH_SLOWEST_MS = 20000,      /* 3 breaths a minute */
    CHECK_BREATH_HOLD_MAX_MS = 10000,
    CHECK_ROUTINE_LONG_MS = 30 * 60000,
};

/* Words in a text, counted as runs of non-space characters. */
size_t routine_check_count_words(const char *text);

#endif
