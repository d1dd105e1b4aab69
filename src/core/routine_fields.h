/* The format's ranges as one table: each value a routine file may hold with a range (a whole
 * number, a time or a list's length), its limits, unit and where the reference and the JSON
 * Schema state them, and the ranges the checker warns outside. The loader and the checker read
 * their ranges from here, and tests/unit/test_format_schema.c
 * holds docs/routine-format.md and schema/routine.schema.json to it, so a range changed in one
 * place and not the others fails the suite. */
#ifndef EASE_ROUTINE_FIELDS_H
#define EASE_ROUTINE_FIELDS_H

#include <stdint.h>

typedef enum {
    FIELD_WHOLE, /* a whole number (or one per level) */
    FIELD_TIME,  /* a time in milliseconds (or one per level) */
    FIELD_LIST,  /* the number of items in a list */
} routine_field_type;

typedef enum {
    FIELD_LEVELS,
    FIELD_STEPS,
    FIELD_STEP_REPEAT,
    FIELD_TIMED_DURATION,
    FIELD_PROMPTS,
    FIELD_PROMPT_AT,
    FIELD_BREATHE_PATTERN,
    FIELD_BREATHE_CYCLES,
    FIELD_BREATHE_DURATION,
    FIELD_INHALE,
    FIELD_BREATH_HOLD,
    FIELD_EXHALE,
    FIELD_REPS,
    FIELD_REP,
    FIELD_REP_PHASES,
    FIELD_REP_PHASE_LENGTH,
    FIELD_HOLD,
    FIELD_SETS,
    FIELD_SET_REST,
    FIELD_RETURN,
    FIELD_REST,
    FIELD_BLOCK_REPEAT,
    FIELD_MOTION,
    FIELD_KEYFRAME_AT,
    FIELD_FOCUS,
    /* Not keys but what the checker derives from them, with the range it warns outside. */
    FIELD_ONE_BREATH,     /* a cycle's length over its breaths (counted by exhales) */
    FIELD_ROUTINE_LENGTH, /* the whole routine at one level */
    ROUTINE_FIELD_COUNT
} routine_field_id;

typedef struct {
    const char *key; /* as written in the file, and named in messages */
    routine_field_type type;
    int64_t min, max;           /* whole numbers, milliseconds or items: outside is an error */
    int64_t warn_min, warn_max; /* routine_check warns outside these (0, 0: never) */
    const char *unit;           /* what is counted: "ms" for times */
    const char *doc_section;    /* the heading of docs/routine-format.md that states the range */
    const char *doc_key;        /* the key as that section writes it (`breathe.cycles`) */
    const char *schema;         /* where the JSON Schema holds it: the definition with minimum and
                                 * maximum (whole numbers), minItems and maxItems (lists), or whose
                                 * description says "A to B" (times, which the schema cannot
                                 * bound); NULL where neither states it */
} routine_field;

extern const routine_field routine_fields[ROUTINE_FIELD_COUNT];

#endif
