/* Routine file -> routine model, or diagnostics. Checks everything one value at a time (types,
 * ranges, unknown keys, list lengths); rules across values and files are routine_check's. */
#ifndef EASE_ROUTINE_LOAD_H
#define EASE_ROUTINE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "routine.h"

/* Parses size bytes of data as the routine file at path (path is used for messages and kept).
 * On success stores a new routine in *out and returns true; on any error returns false, adds
 * every problem found to diag and leaves *out untouched. */
bool routine_load_buffer(const char *path, const unsigned char *data, size_t size, routine **out,
                         diag_list *diag);

/* Reads the file at path and parses it as above. */
bool routine_load_file(const char *path, routine **out, diag_list *diag);

/* For checkers that want every problem in a file: like routine_load_file, but when the YAML
 * itself could be read, *out receives the routine even if it has errors, with complete false
 * on it and on each step that failed. The caller frees it and must never play a routine that is
 * not complete. Returns whether it is complete. */
bool routine_load_file_partial(const char *path, routine **out, diag_list *diag);

/* The format's keys and names, NULL-terminated, as the loader reads them. */
extern const char *const routine_format_top_keys[];
extern const char *const routine_format_step_keys[];
extern const char *const routine_format_kinds[]; /* in routine_kind order */
extern const char *const routine_format_positions[];
extern const char *const routine_format_breathe_keys[];
extern const char *const routine_format_breath_phase_keys[];
extern const char *const routine_format_keyframe_keys[];
extern const char *const routine_format_prompt_keys[];
extern const char *const routine_format_rep_phase_keys[];
extern const char *const routine_format_block_keys[];

/* Limits of the format, shared with the checker and the reference. */
enum {
    ROUTINE_ID_MAX = 64,
    ROUTINE_TITLE_MAX = 60,
    ROUTINE_LABEL_MAX = 30, /* a level's name on the card */
    ROUTINE_SUMMARY_MAX = 300,
    ROUTINE_DESCRIPTION_MAX = 60, /* one plain line on the routine's tile */
    ROUTINE_TEXT_MAX = 400,
    ROUTINE_STEPS_MAX = 200,
    ROUTINE_PHASES_MAX = 8,
    ROUTINE_PROMPTS_MAX = 40,
    ROUTINE_BLOCK_REPEAT_MAX = 20,
    ROUTINE_MOTION_MAX = 32,
    ROUTINE_PATH_MAX = 255,
    ROUTINE_LANGUAGES_MAX = 20,
    ROUTINE_POSES_MAX = 200, /* of a routine's own; the shared library holds the rest */
};

#endif
