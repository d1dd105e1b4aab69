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

/* The reading pace, also quoted by the reference; the ranges the checker warns outside (a
 * breath, a hold, the routine's length) are in routine_fields.c's table. */
enum {
    CHECK_READING_WORDS_PER_MINUTE = 150, /* an unhurried speaking pace */
};

/* Words in a text, counted as runs of non-space characters. */
size_t routine_check_count_words(const char *text);

#endif
