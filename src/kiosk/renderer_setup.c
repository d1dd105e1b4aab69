#include "renderer_setup.h"

#include <glob.h>
#include <stdlib.h>
#include <unistd.h>

#include <SDL.h>

#include "config.h"
#include "paths.h"

static bool renderer_setup_has_render_node(void)
{
    glob_t found;
    bool any = glob("/dev/dri/renderD*", 0, NULL, &found) == 0 && found.gl_pathc > 0;
    globfree(&found);
    return any;
}

config_renderer renderer_setup_configured(const char *config_path)
{
    ease_config cfg;
    if (!config_path || !config_defaults(&cfg, NULL, NULL))
        return CONFIG_RENDERER_AUTO;
    diag_list ignored; /* the kiosk reports the file's problems itself, once */
    diag_init(&ignored);
    config_load(&cfg, config_path, &ignored);
    config_renderer renderer = cfg.renderer;
    diag_free(&ignored);
    config_free(&cfg);
    return renderer;
}

void renderer_setup_choose(gfx_renderer_kind asked, const char *config_path, bool assume_cage,
                           renderer_choice *out)
{
    renderer_facts facts = {0};
    facts.asked = asked == GFX_RENDERER_SOFTWARE      ? CONFIG_RENDERER_SOFTWARE
                  : asked == GFX_RENDERER_ACCELERATED ? CONFIG_RENDERER_ACCELERATED
                                                      : renderer_setup_configured(config_path);
    facts.has_render_node = renderer_setup_has_render_node();
    if (assume_cage) {
        facts.wayland = true;
        facts.x11 = access("/usr/bin/Xwayland", X_OK) == 0; /* cage 0.1.4 runs this one */
    } else {
        const char *wayland = getenv("WAYLAND_DISPLAY"), *x11 = getenv("DISPLAY");
        facts.wayland = wayland && *wayland;
        facts.x11 = x11 && *x11;
        facts.forced_driver = getenv("SDL_VIDEODRIVER");
    }
    renderer_choose(&facts, out);
}

gfx_renderer_kind renderer_setup_apply(const renderer_choice *choice, gfx_renderer_kind asked)
{
    if (choice->video_driver)
        SDL_SetHint(SDL_HINT_VIDEODRIVER, choice->video_driver);
    if (asked == GFX_RENDERER_AUTO && choice->renderer == CONFIG_RENDERER_ACCELERATED &&
        !choice->software_gl)
        return GFX_RENDERER_AUTO;
    return choice->renderer == CONFIG_RENDERER_ACCELERATED ? GFX_RENDERER_ACCELERATED
                                                           : GFX_RENDERER_SOFTWARE;
}
