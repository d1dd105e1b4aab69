#include "renderer_setup.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

bool renderer_setup_fall_back_to_x11(renderer_choice *choice, const char *error)
{
    const char *x11 = getenv("DISPLAY");
    if (!choice->video_driver || strcmp(choice->video_driver, "wayland") || !x11 || !*x11)
        return false;
    fprintf(stderr, "ease: %s; drawing in software through Xwayland instead\n", error);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "ease: cannot start X11 either: %s\n", SDL_GetError());
        return false;
    }
    choice->video_driver = "x11";
    choice->renderer = CONFIG_RENDERER_SOFTWARE;
    choice->software_gl = false;
    snprintf(choice->reason, sizeof choice->reason,
             "software, into a shared-memory framebuffer as an X11 client of cage's Xwayland "
             "(the accelerated renderer failed)");
    return true;
}
