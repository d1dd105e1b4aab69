/* How the kiosk draws, chosen once at start-up from what the box has. Plain data in, plain data
 * out (the shell gathers the facts), so every case is tested without a screen.
 *
 * Why a choice at all: under cage, SDL 2.26's Wayland driver has no window framebuffer, so with
 * no GPU render node (small boxes, every VM) SDL's light software renderer cannot draw there;
 * only Mesa's software OpenGL can, at more than a core and 120 MB at 1080p. cage's Xwayland,
 * though, gives X11 clients shared-memory framebuffers: the software renderer draws there in
 * 1-2 ms a frame, with the partial redraws the kiosk already does. */
#ifndef EASE_RENDERER_CHOICE_H
#define EASE_RENDERER_CHOICE_H

#include <stdbool.h>

#include "config.h"

typedef struct {
    config_renderer asked;     /* kiosk.yaml 'renderer' or --renderer */
    bool has_render_node;      /* a GPU's /dev/dri/renderD* */
    bool wayland;              /* a Wayland display (cage) */
    bool x11;                  /* an X11 display (cage's Xwayland, or a desktop) */
    const char *forced_driver; /* SDL_VIDEODRIVER as set by someone else, or NULL */
} renderer_facts;

typedef struct {
    const char *video_driver; /* for SDL_HINT_VIDEODRIVER; NULL: leave SDL's own choice */
    config_renderer renderer; /* CONFIG_RENDERER_SOFTWARE or CONFIG_RENDERER_ACCELERATED */
    bool software_gl;         /* accelerated, but by Mesa on the CPU: heavy, said so */
    char reason[200];         /* one line for 'ease status' and the journal */
} renderer_choice;

void renderer_choose(const renderer_facts *facts, renderer_choice *out);

#endif
