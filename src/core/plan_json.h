/* The compiled timeline as JSON (jansson), for 'ease plan --json' and tools around it. */
#ifndef EASE_PLAN_JSON_H
#define EASE_PLAN_JSON_H

#include <jansson.h>

#include "plan.h"

/* A new JSON object; texts in lang where the routine has it (NULL: its first language). */
json_t *plan_to_json(const plan *p, const char *lang);

#endif
