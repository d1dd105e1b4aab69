/* What the end-to-end tests may see of a running kiosk, without knowing struct app: the visit
 * (the core's flow, read-only), the clocks of the last pass, the offscreen target to read pixels
 * from, the touch targets, the theme, the records' and the sound's state. The tests drive the
 * kiosk through app.h's entry points and loop.h's passes and look through here, so app's fields
 * can change without touching a test (the layers test holds tests/e2e to it). */
#ifndef EASE_KIOSK_PROBE_H
#define EASE_KIOSK_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"

/* A kiosk on an offscreen target of w x h pixels, set up as opts says (NULL with the reason
 * in error when it cannot start), and its end. */
app *probe_open(int w, int h, const app_options *opts, char *error, size_t size);
void probe_close(app *a);

const flow *probe_flow(const app *a);
int64_t probe_now_ms(const app *a); /* the last pass's clocks: the kiosk's, and wall time */
int64_t probe_utc_ms(const app *a);
gfx *probe_gfx(app *a); /* size, pixels read back, PNG */
const ui_state *probe_ui(const app *a);
const theme_colours *probe_colours(const app *a);
const theme_layout *probe_layout(const app *a);
const ease_config *probe_config(const app *a);
const routine_library *probe_library(const app *a);
bool probe_library_loading(const app *a); /* a load under way off the frame loop */
audio *probe_audio(app *a);
recorder *probe_recorder(app *a); /* to wait for the writer thread */
/* The staff screen's counts, as read when it last opened; false when they could not be read. */
bool probe_staff_counts(const app *a, const report **today, const report **week);
const char *probe_staff_key_path(const app *a);
text_system *probe_text(app *a);
const catalogue *probe_strings(const app *a); /* the words of every language */
/* "Read aloud": whether a patient turned it on, the words being read for the screen on show,
 * and how many screens' words have been handed to the voice. */
bool probe_read_aloud(const app *a);
const read_aloud_list *probe_read_said(const app *a);
size_t probe_read_fed(const app *a);
/* Something moves or a frame is owed (an animation, a whole frame to draw, the staff corner
 * held): the loop would not sleep. */
bool probe_busy(const app *a);

#endif
