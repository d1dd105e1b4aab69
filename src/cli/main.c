/* ease: the kiosk and its tools. The command table; the only place that exits the process. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "command_fleet.h"

/* Every command: its name, what it takes and what it does (for 'ease help'), and its function.
 * A new command is one line here and one file. */
static const cli_command cli_commands[] = {
    {"check", "PATH...", "check routine files and folders; print every problem", command_check},
    {"list", "[DIR...]", "list the routines with their kind, levels and durations", command_list},
    {"plan", "FILE", "print a routine's compiled timeline (--json for JSON)", command_plan},
    {"poses", "[ROUTINE]", "where each pose puts the hands and feet; --sheet draws them",
     command_poses},
    {"pin", "", "make the staff PIN hash for kiosk.yaml", command_pin},
    {"preview", "FILE", "play a routine in a window; replays it when the file is saved",
     command_preview},
    {"render", "[FILE]", "draw one screen to a PNG, headlessly", command_render},
    {"report", "", "the visits per routine: outcomes and pain before and after", command_report},
    {"export", "--csv|--fhir", "every visit as CSV, or the pain ratings as a FHIR R4 Bundle",
     command_export},
    {"status", "", "what the kiosk runs with: configuration, routines, data", command_status},
    {"fleet", "init|add-kiosk|status", "the clinic group's central database (docs/fleet.md)",
     command_fleet},
    {"publish", "FILE...", "check routines and publish them to the group's kiosks",
     command_publish},
};

static void cli_print_usage(FILE *out)
{
    fputs("usage: ease COMMAND [ARGS]\n\nCommands:\n", out);
    for (size_t i = 0; i < sizeof cli_commands / sizeof *cli_commands; i++) {
        char both[64];
        snprintf(both, sizeof both, "%s %s", cli_commands[i].name, cli_commands[i].arguments);
        fprintf(out, "  %-20s %s\n", both, cli_commands[i].summary);
    }
    fputs("  help                 this text; 'ease COMMAND --help' for one command\n"
          "  version              the version\n"
          "\n"
          "With no command, ease runs the kiosk (see 'ease --help' options below).\n"
          "  --windowed WxH  --routines DIR  --config FILE  --data DIR\n"
          "  --renderer auto|software|accelerated\n",
          out);
}

int main(int argc, char **argv)
{
    const char *name = argc >= 2 ? argv[1] : NULL;
    if (name && (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h"))) {
        cli_print_usage(stdout);
        return EXIT_OK;
    }
    if (name && (!strcmp(name, "version") || !strcmp(name, "--version"))) {
        printf("ease %s\n", EASE_VERSION);
        return EXIT_OK;
    }
    /* No command (or only options): the kiosk itself. */
    if (!name || name[0] == '-')
        return command_kiosk(argc, argv);
    for (size_t i = 0; i < sizeof cli_commands / sizeof *cli_commands; i++)
        if (!strcmp(name, cli_commands[i].name))
            return cli_commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ease: unknown command '%s'\n\n", name);
    cli_print_usage(stderr);
    return EXIT_USAGE;
}
