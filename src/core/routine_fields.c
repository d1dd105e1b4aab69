#include "routine_fields.h"

#include <stdint.h>

#include "plan.h"
#include "routine.h"
#include "routine_load.h"

#define SECONDS(s) ((int64_t)(s)*1000)
#define MINUTES(m) ((int64_t)(m)*60000)

const routine_field routine_fields[ROUTINE_FIELD_COUNT] = {
    [FIELD_LEVELS] = {"levels", FIELD_WHOLE, 1, ROUTINE_MAX_LEVELS, 0, 0, "levels", "## Top level",
                      "levels", "properties/levels"},
    [FIELD_STEPS] = {"steps", FIELD_LIST, 1, ROUTINE_STEPS_MAX, 0, 0, "steps", "## Top level",
                     "steps", "properties/steps"},
    [FIELD_STEP_REPEAT] = {"repeat", FIELD_WHOLE, 1, 20, 0, 0, "times", "## Steps", "repeat",
                           "definitions/repeat"},
    [FIELD_TIMED_DURATION] = {"duration", FIELD_TIME, SECONDS(1), MINUTES(30), 0, 0, "ms",
                              "### A timed step", "duration",
                              "definitions/step/properties/duration"},
    [FIELD_PROMPTS] = {"prompts", FIELD_LIST, 1, ROUTINE_PROMPTS_MAX, 0, 0, "prompts",
                       "### A timed step", "prompts", "definitions/step/properties/prompts"},
    [FIELD_PROMPT_AT] = {"at", FIELD_TIME, 0, MINUTES(30), 0, 0, "ms", NULL, NULL,
                         "definitions/prompt/properties/at"},
    [FIELD_BREATHE_PATTERN] = {"pattern", FIELD_LIST, 1, ROUTINE_PHASES_MAX, 0, 0, "phases",
                               "### A breathing step", "breathe.pattern",
                               "definitions/breathe/properties/pattern"},
    [FIELD_BREATHE_CYCLES] = {"cycles", FIELD_WHOLE, 1, 100, 0, 0, "cycles", "### A breathing step",
                              "breathe.cycles", "definitions/cycles"},
    [FIELD_BREATHE_DURATION] = {"duration", FIELD_TIME, SECONDS(10), MINUTES(30), 0, 0, "ms",
                                "### A breathing step", "breathe.duration",
                                "definitions/breathe/properties/duration"},
    [FIELD_INHALE] = {"inhale", FIELD_TIME, 500, SECONDS(20), 0, 0, "ms", "### A breathing step",
                      "inhale", "definitions/phase/properties/inhale"},
    [FIELD_BREATH_HOLD] = {"hold", FIELD_TIME, 500, SECONDS(30), 0, SECONDS(10), "ms",
                           "### A breathing step", "hold", "definitions/phase/properties/hold"},
    [FIELD_EXHALE] = {"exhale", FIELD_TIME, 500, SECONDS(30), 0, 0, "ms", "### A breathing step",
                      "exhale", "definitions/phase/properties/exhale"},
    [FIELD_REPS] = {"reps", FIELD_WHOLE, 1, 100, 0, 0, "repetitions", "### An exercise step",
                    "reps", "definitions/reps"},
    [FIELD_REP] = {"rep", FIELD_TIME, SECONDS(1), SECONDS(60), 0, 0, "ms", "### An exercise step",
                   "rep", "definitions/step/properties/rep"},
    [FIELD_REP_PHASES] = {"phases", FIELD_LIST, 1, ROUTINE_PHASES_MAX, 0, 0, "phases",
                          "### An exercise step", "phases", "definitions/step/properties/phases"},
    [FIELD_REP_PHASE_LENGTH] = {"length", FIELD_TIME, 500, SECONDS(60), 0, 0, "ms",
                                "### An exercise step", "length",
                                "definitions/repPhase/properties/length"},
    [FIELD_HOLD] = {"hold", FIELD_TIME, 0, SECONDS(60), 0, 0, "ms", "### An exercise step", "hold",
                    "definitions/step/properties/hold"},
    [FIELD_SETS] = {"sets", FIELD_WHOLE, 1, 10, 0, 0, "sets", "### An exercise step", "sets",
                    "definitions/sets"},
    [FIELD_SET_REST] = {"rest", FIELD_TIME, 0, MINUTES(5), 0, 0, "ms", "### An exercise step",
                        "rest", "definitions/step/properties/rest"},
    [FIELD_RETURN] = {"return", FIELD_TIME, SECONDS(1), SECONDS(60), 0, 0, "ms",
                      "### An exercise step", "return", "definitions/step/properties/return"},
    [FIELD_REST] = {"rest", FIELD_TIME, SECONDS(1), MINUTES(10), 0, 0, "ms", "### A rest", "rest",
                    "definitions/step/properties/rest"},
    [FIELD_BLOCK_REPEAT] = {"repeat", FIELD_WHOLE, 1, ROUTINE_BLOCK_REPEAT_MAX, 0, 0, "times",
                            "### A block of steps", "repeat",
                            "definitions/block/properties/repeat"},
    [FIELD_MOTION] = {"motion", FIELD_LIST, 1, ROUTINE_MOTION_MAX, 0, 0, "poses", "## Motion",
                      "A motion has", "definitions/motion"},
    [FIELD_KEYFRAME_AT] = {"at", FIELD_TIME, 0, MINUTES(30), 0, 0, "ms", NULL, NULL, NULL},
    [FIELD_ONE_BREATH] = {"breath", FIELD_TIME, 0, INT64_MAX, SECONDS(3), SECONDS(20), "ms", NULL,
                          NULL, NULL},
    [FIELD_ROUTINE_LENGTH] = {"length", FIELD_TIME, 0, PLAN_MAX_LENGTH_MS, 0, MINUTES(30), "ms",
                              NULL, NULL, NULL},
};
