/* ease: the kiosk and its tools. The only place that exits the process. */
#include <stdio.h>
#include <string.h>

#include "command.h"

static const char main_usage[] =
    "usage: ease COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  check PATH...        check routine files and folders; print every problem\n"
    "  list [DIR...]        list the routines with their kind, levels and durations\n"
    "  plan FILE            print a routine's compiled timeline (--json for JSON)\n"
    "  poses [ROUTINE]      where each pose puts the hands and feet; --sheet draws them\n"
    "  pin                  make the staff PIN hash for kiosk.yaml\n"
    "  preview FILE         play a routine in a window; replays it when the file is saved\n"
    "  render [FILE]        draw one screen to a PNG, headlessly\n"
    "  report               the visits per routine: outcomes and pain before and after\n"
    "  export --csv|--fhir  every visit as CSV, or the pain ratings as a FHIR R4 Bundle\n"
    "  status               what the kiosk runs with: configuration, routines, data\n"
    "  help                 this text; 'ease COMMAND --help' for one command\n"
    "  version              the version\n"
    "\n"
    "With no command, ease runs the kiosk (see 'ease --help' options below).\n"
    "  --windowed WxH  --routines DIR  --config FILE  --data DIR\n"
    "  --renderer auto|software|accelerated\n";

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } commands[] = {
        {"check", command_check},   {"list", command_list},     {"plan", command_plan},
        {"pin", command_pin},       {"render", command_render}, {"preview", command_preview},
        {"report", command_report}, {"export", command_export}, {"status", command_status},
        {"poses", command_poses},
    };
    /* No command (or only options): the kiosk itself. */
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
            fputs(main_usage, stdout);
            return EXIT_OK;
        }
        if (argc >= 2 && !strcmp(argv[1], "--version")) {
            printf("ease %s\n", EASE_VERSION);
            return EXIT_OK;
        }
        return command_kiosk(argc, argv);
    }
    const char *name = argv[1];
    if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
        fputs(main_usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(name, "version") || !strcmp(name, "--version")) {
        printf("ease %s\n", EASE_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ease: unknown command '%s'\n\n%s", name, main_usage);
    return EXIT_USAGE;
}
