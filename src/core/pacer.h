/* What the breathing pacer shows at a moment: which phase, how full the lungs are (eased with a
 * sine so it feels like breath), how far through the phase, and the seconds left. Computed from
 * the plan so the picture and the cues can never disagree. */
#ifndef EASE_PACER_H
#define EASE_PACER_H

#include <stdbool.h>
#include <stdint.h>

#include "plan.h"

typedef struct {
    breath_phase_kind phase;
    double fullness; /* 0 empty .. 1 full, eased */
    double progress; /* 0..1 through the phase, linear (the hold's rim fills with it) */
    int64_t remaining_ms;
} pacer_state;

/* The pacer at t_ms in segment; false when the segment is not a breathing phase. */
bool pacer_at(const plan *p, size_t segment, int64_t t_ms, pacer_state *out);

/* A calm demonstration breath for the attract screen: in 4 s, out 6 s. */
void pacer_demo(int64_t t_ms, pacer_state *out);

#endif
