#include "renderer_choice.h"

#include <stdio.h>
#include <string.h>

void renderer_choose(const renderer_facts *facts, renderer_choice *out)
{
    memset(out, 0, sizeof *out);
    config_renderer asked = facts->asked;
    if (facts->forced_driver && *facts->forced_driver) {
        /* A test or a technician named the driver: keep it, and only pick the renderer. */
        out->video_driver = NULL;
        out->renderer = asked == CONFIG_RENDERER_ACCELERATED ||
                                (asked == CONFIG_RENDERER_AUTO && facts->has_render_node)
                            ? CONFIG_RENDERER_ACCELERATED
                            : CONFIG_RENDERER_SOFTWARE;
        snprintf(out->reason, sizeof out->reason,
                 "%s, on the video driver SDL_VIDEODRIVER=%s names",
                 config_renderer_name(out->renderer), facts->forced_driver);
        return;
    }
    if (asked == CONFIG_RENDERER_ACCELERATED ||
        (asked == CONFIG_RENDERER_AUTO && facts->has_render_node)) {
        out->renderer = CONFIG_RENDERER_ACCELERATED;
        out->video_driver = facts->wayland ? "wayland" : NULL;
        out->software_gl = !facts->has_render_node;
        snprintf(out->reason, sizeof out->reason, "accelerated%s%s",
                 facts->has_render_node ? ", with vsync, on the GPU's render node"
                                        : " as asked, with no GPU render node: Mesa draws on the "
                                          "CPU (heavy)",
                 facts->wayland ? " (Wayland)" : "");
        return;
    }
    out->renderer = CONFIG_RENDERER_SOFTWARE;
    if (facts->x11) {
        out->video_driver = "x11";
        snprintf(out->reason, sizeof out->reason, "software%s, into a shared-memory framebuffer%s",
                 asked == CONFIG_RENDERER_SOFTWARE ? " as asked" : " (no GPU render node)",
                 facts->wayland ? " as an X11 client of cage's Xwayland" : " (X11)");
    } else if (facts->wayland) {
        /* No Xwayland: SDL's Wayland driver has no framebuffer, so only GL can draw. */
        out->renderer = CONFIG_RENDERER_ACCELERATED;
        out->software_gl = true;
        out->video_driver = "wayland";
        snprintf(out->reason, sizeof out->reason,
                 "Mesa's software OpenGL on Wayland: no GPU render node and no Xwayland (heavy; "
                 "install xwayland)");
    } else {
        out->video_driver = NULL;
        snprintf(out->reason, sizeof out->reason, "software (no GPU render node)");
    }
}
