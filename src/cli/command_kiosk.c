/* The commands that open the kiosk's screens: 'ease' (the kiosk), 'ease preview' (a routine in
 * a window for its author) and 'ease render' (one screen to a PNG, no display needed). Their
 * options only: the kiosk itself is src/kiosk/kiosk.c. */
#include <string.h>

#include "cli.h"
#include "kiosk.h"
#include "options.h"

/* What each way a kiosk run can end means as an exit status. */
static int kiosk_exit_status(kiosk_status status)
{
    static const int exits[] = {
        [KIOSK_OK] = EXIT_OK,
        [KIOSK_PROBLEMS] = EXIT_PROBLEMS,
        [KIOSK_UNREACHABLE] = EXIT_USAGE,
        [KIOSK_NO_DISPLAY] = EXIT_UNAVAILABLE,
        [KIOSK_FAILED] = EXIT_SOFTWARE,
    };
    return exits[status];
}

static const char kiosk_usage[] =
    "usage: ease [--windowed WxH] [--routines DIR] [--config FILE] [--data DIR] [--renderer KIND]\n"
    "\n"
    "Runs the kiosk full-screen (or in a window). It cannot be closed by a patient: staff hold\n"
    "the top-left corner for 5 seconds, or press Ctrl+Alt+E, and enter the PIN.\n"
    "  --data DIR     where the records are kept (default: the configuration's 'data')\n"
    "  --renderer auto|software|accelerated   how to draw (auto: a real GPU if there is one)\n";

/* In the order of gfx_renderer_kind. */
static const char *const kiosk_renderers[] = {"auto", "software", "accelerated", NULL};

int command_kiosk(int argc, char **argv)
{
    kiosk_options o = {.app = {.speed_permille = 1000,
                               .sound = true,
                               .defer_routines = true,
                               .keep_records = true,
                               .cross_fade = true},
                       .loop = {.watch_folders = true,
                                .kiosk = true,
                                .start_after_first_frame = true,
                                .pause_at_ms = -1},
                       .title = "Ease"};
    int size[2] = {0, 0}, renderer = GFX_RENDERER_AUTO;
    const cli_option options[] = {
        {.name = "--windowed",
         .kind = CLI_SIZE,
         .target = size,
         .wrong = "--windowed needs a size like 1280x720"},
        {.name = "--routines", .kind = CLI_TEXT, .target = &o.app.routines_dir},
        {.name = "--config", .kind = CLI_TEXT, .target = &o.app.config_path},
        {.name = "--data", .kind = CLI_TEXT, .target = &o.app.data_dir},
        {.name = "--renderer",
         .kind = CLI_CHOICE,
         .target = &renderer,
         .wrong = "--renderer is auto, software or accelerated",
         .choices = kiosk_renderers},
    };
    const cli_command_line line = {.command = "kiosk",
                                   .usage = kiosk_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options)};
    int status = cli_options_parse(&line, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    o.app.windowed = size[0] > 0;
    o.app.width = size[0];
    o.app.height = size[1];
    o.app.renderer = (gfx_renderer_kind)renderer;
    o.loop.lock_down = !o.app.windowed; /* a window is for trying it out, not for patients */
    return kiosk_exit_status(kiosk_run(&o));
}

static const char preview_usage[] =
    "usage: ease preview FILE [--level N] [--speed X] [--from T] [--once] [--windowed WxH]\n"
    "                    [--trace OUT.jsonl] [--pause-at T --pause-for D]\n"
    "\n"
    "Plays one routine in a window for its author, and plays it again from the same place when\n"
    "the file is saved; a broken save prints its errors and the last good version plays on.\n"
    "  --speed X   play X times as fast (0.25 to 20)\n"
    "  --from T    start at time T (like 1m30s)\n"
    "  --once      quit at the end\n"
    "  --trace OUT.jsonl   one JSON line per cue: planned time, when it was handed to the\n"
    "                      sound, and the output sample it was planned for and started at\n"
    "  --pause-at T --pause-for D   pause at routine time T for D, as a patient might\n";

int command_preview(int argc, char **argv)
{
    kiosk_options o = {.app = {.speed_permille = 1000, .windowed = true, .sound = true},
                       .loop = {.quit_on_close = true, .pause_at_ms = -1},
                       .title = "Ease preview"};
    int size[2] = {1280, 720};
    long level = 1;
    const char *file = NULL;
    size_t files = 0;
    const cli_option options[] = {
        {.name = "--once", .kind = CLI_FLAG, .target = &o.loop.quit_after_play},
        {.name = "--level", .kind = CLI_LEVEL, .target = &level},
        {.name = "--speed",
         .kind = CLI_SPEED,
         .target = &o.app.speed_permille,
         .wrong = "--speed must be a number from 0.25 to 20"},
        {.name = "--trace", .kind = CLI_TEXT, .target = &o.app.audio_trace},
        {.name = "--pause-at",
         .kind = CLI_DURATION,
         .target = &o.loop.pause_at_ms,
         .wrong = "--pause-at needs a time like 20s"},
        {.name = "--pause-for",
         .kind = CLI_DURATION,
         .target = &o.loop.pause_for_ms,
         .wrong = "--pause-for needs a time like 3s"},
        {.name = "--from",
         .kind = CLI_DURATION,
         .target = &o.loop.from_ms,
         .wrong = "--from needs a time like 90s or 1m30s"},
        {.name = "--windowed",
         .kind = CLI_SIZE,
         .target = size,
         .wrong = "--windowed needs a size like 1280x720"},
    };
    const cli_command_line line = {.command = "preview",
                                   .usage = preview_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = &file,
                                   .min_positional = 1,
                                   .max_positional = 1,
                                   .positional_count = &files};
    int status = cli_options_parse(&line, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    /* Check first: a file that cannot play says why here, where its author is looking. */
    diag_list diag;
    command_setup setup;
    if (!command_setup_start(&setup, &diag, "preview", NULL, NULL))
        return EXIT_SOFTWARE;
    routine_library lib;
    library_init(&lib);
    bool ok = library_add_file(&lib, file, NULL, &setup.poses, &diag);
    command_print_diag(&diag, stderr);
    bool level_ok = ok && level <= lib.routines[0]->levels;
    library_free(&lib);
    command_setup_free(&setup);
    diag_free(&diag);
    if (!ok)
        return EXIT_PROBLEMS;
    if (!level_ok) {
        fprintf(stderr, "ease preview: %s has no level %ld\n", file, level);
        return EXIT_USAGE;
    }
    o.app.width = size[0];
    o.app.height = size[1];
    o.app.routine_file = file;
    o.loop.watch_file = file;
    o.loop.level = (int)level;
    return kiosk_exit_status(kiosk_run(&o));
}

static const char render_usage[] =
    "usage: ease render [FILE] --at T [--level N] [--size WxH] [--screen NAME] [--lang CODE]\n"
    "                   [--theme calm|high-contrast] [--reduced-motion] -o OUT.png\n"
    "\n"
    "Draws one frame headlessly (no display needed) and writes it as PNG: the play screen of FILE\n"
    "at time T, or another screen with --screen attract|choose|routines|card|safety|rate|play|\n"
    "stop|tell-staff|after|thanks|staff-pin|staff, or after-pain|thanks-pain (the screens after\n"
    "stopping for pain at time T).\n";

int command_render(int argc, char **argv)
{
    kiosk_render_options o = {.screen = "play", .level = 1, .width = 1920, .height = 1080};
    int size[2] = {1920, 1080};
    long level = 1;
    size_t files = 0;
    const cli_option options[] = {
        {.name = "--at",
         .kind = CLI_DURATION,
         .target = &o.at_ms,
         .wrong = "--at needs a time like 12s or 1m30s"},
        {.name = "--level", .kind = CLI_LEVEL, .target = &level},
        {.name = "--size",
         .kind = CLI_SIZE,
         .target = size,
         .wrong = "--size needs a size like 1920x1080"},
        {.name = "--screen", .kind = CLI_TEXT, .target = &o.screen},
        {.name = "--lang", .kind = CLI_TEXT, .target = &o.lang},
        {.name = "--theme", .kind = CLI_TEXT, .target = &o.theme},
        {.name = "--reduced-motion", .kind = CLI_FLAG, .target = &o.reduced_motion},
        {.name = "-o", .kind = CLI_TEXT, .target = &o.out},
    };
    const cli_command_line line = {.command = "render",
                                   .usage = render_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = &o.file,
                                   .max_positional = 1,
                                   .positional_count = &files};
    int status = cli_options_parse(&line, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (!o.out || !kiosk_render_screen_known(o.screen)) {
        fputs(!o.out ? "ease render: -o OUT.png is needed\n\n"
                     : "ease render: unknown --screen\n\n",
              stderr);
        fputs(render_usage, stderr);
        return EXIT_USAGE;
    }
    o.level = (int)level;
    o.width = size[0];
    o.height = size[1];
    return kiosk_exit_status(kiosk_render(&o));
}
