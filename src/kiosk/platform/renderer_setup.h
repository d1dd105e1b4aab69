/* The kiosk's renderer at start-up: gathers what the box has (a GPU render node, cage's Wayland
 * display, its Xwayland, kiosk.yaml's 'renderer') for renderer_choose, and sets SDL's video
 * driver before SDL starts. 'ease status' asks the same question for the box under cage. */
#ifndef EASE_RENDERER_SETUP_H
#define EASE_RENDERER_SETUP_H

#include <stdbool.h>

#include "gfx.h"
#include "renderer_choice.h"

/* The renderer kiosk.yaml asks for (auto when the file is missing or broken). */
config_renderer renderer_setup_configured(const char *config_path);

/* What this process would draw with: asked is --renderer (auto: kiosk.yaml's). With
 * assume_cage, as the kiosk service would under cage (Wayland, and Xwayland when installed). */
void renderer_setup_choose(gfx_renderer_kind asked, const char *config_path, bool assume_cage,
                           renderer_choice *out);

/* Sets SDL's video driver hint from the choice (before SDL_Init) and returns the kind of
 * renderer gfx_open_window should make (auto, when auto was asked and a GPU is there, so a GPU
 * that will not draw still falls back to software). */
gfx_renderer_kind renderer_setup_apply(const renderer_choice *choice, gfx_renderer_kind asked);

/* When the chosen Wayland renderer could not make a window and an X11 display (cage's Xwayland)
 * is there: restarts SDL's video on X11 and updates the choice to software through it, saying
 * why (the failure's message in error) in the journal. False when there is no such way out. */
bool renderer_setup_fall_back_to_x11(renderer_choice *choice, const char *error);

#endif
