/* Shared by the unit tests: cmocka, and loading routines from strings. */
#ifndef EASE_TEST_SUPPORT_H
#define EASE_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag.h"
#include "library.h"
#include "plan.h"
#include "pose.h"
#include "routine.h"
#include "routine_check.h"
#include "routine_load.h"

/* True when diag holds an entry at line:col (0 = any) whose message contains text. */
static inline bool test_diag_has(const diag_list *diag, int line, int col, const char *text)
{
    for (size_t i = 0; i < diag->count; i++) {
        const diag_entry *e = &diag->entries[i];
        if ((line == 0 || e->line == line) && (col == 0 || e->col == col) &&
            strstr(e->message, text))
            return true;
    }
    return false;
}

/* Prints the diagnostics, to see why an assertion failed. */
static inline void test_diag_dump(const diag_list *diag)
{
    diag_print(diag, stderr);
}

#define assert_diag(diag, line, col, text)                                                         \
    do {                                                                                           \
        if (!test_diag_has(diag, line, col, text)) {                                               \
            test_diag_dump(diag);                                                                  \
            fail_msg("no diagnostic at %d:%d containing \"%s\"", line, col, text);                 \
        }                                                                                          \
    } while (0)

/* Loads yaml as "t.yaml"; the routine or NULL, problems in diag. */
static inline routine *test_load(const char *yaml, diag_list *diag)
{
    routine *r = NULL;
    if (!routine_load_buffer("t.yaml", (const unsigned char *)yaml, strlen(yaml), &r, diag))
        return NULL;
    return r;
}

/* Loads and checks with the given shared poses (may be NULL); NULL and diag on any error. */
static inline routine *test_load_checked(const char *yaml, const pose_library *shared,
                                         diag_list *diag)
{
    routine *r = test_load(yaml, diag);
    if (!r)
        return NULL;
    routine_check_options options = {.shared_poses = shared, .library_root = NULL};
    if (!routine_check(r, &options, diag)) {
        routine_free(r);
        return NULL;
    }
    return r;
}

#endif
