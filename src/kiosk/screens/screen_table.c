/* The table of screens: one line per screen of the visit, how it is drawn. A new screen is a
 * file defining its `screen_def` and a line here, beside its row of rules in the core's table
 * (flow.c: name, Back, what ends it, whether the routine plays under it). */
#include "screen.h"

extern const screen_def screen_attract, screen_choose, screen_routines, screen_card,
    screen_rate_before, screen_play, screen_stop, screen_rate_after, screen_thanks,
    screen_staff_pin, screen_staff, screen_safety, screen_tell_staff;

const screen_def *const screen_table[FLOW_SCREEN_COUNT] = {
    [FLOW_ATTRACT] = &screen_attract,
    [FLOW_CHOOSE_KIND] = &screen_choose,
    [FLOW_CHOOSE_ROUTINE] = &screen_routines,
    [FLOW_CARD] = &screen_card,
    [FLOW_RATE_BEFORE] = &screen_rate_before,
    [FLOW_PLAY] = &screen_play,
    [FLOW_CONFIRM_STOP] = &screen_stop,
    [FLOW_RATE_AFTER] = &screen_rate_after,
    [FLOW_THANKS] = &screen_thanks,
    [FLOW_STAFF_PIN] = &screen_staff_pin,
    [FLOW_STAFF] = &screen_staff,
    [FLOW_SAFETY] = &screen_safety,
    [FLOW_TELL_STAFF] = &screen_tell_staff,
};
