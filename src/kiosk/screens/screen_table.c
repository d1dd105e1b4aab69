/* The table of screens: how each screen of the visit is drawn, made from the core's one list of
 * screens (FLOW_SCREENS in flow.h), whose row names the screen's `screen_def`, screen_<draw>. A
 * new screen is a row in that list and a file here defining its `screen_def`. */
#include "screen.h"

#define SCREEN_DECLARE(id, draw, ...) extern const screen_def screen_##draw;
FLOW_SCREENS(SCREEN_DECLARE)
#undef SCREEN_DECLARE

#define SCREEN_ROW(id, draw, ...) [FLOW_##id] = &screen_##draw,
const screen_def *const screen_table[FLOW_SCREEN_COUNT] = {FLOW_SCREENS(SCREEN_ROW)};
#undef SCREEN_ROW
