/* ease list: the routines a kiosk would offer, one line each. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duration.h"
#include "options.h"
#include "plan.h"
#include "yaml_doc.h"

static const char list_usage[] =
    "usage: ease list [--lang CODE] [--poses DIR] [--config FILE] [DIR...]\n"
    "       ease list --pose-names [--poses DIR]\n"
    "\n"
    "Lists the routines in the folders (default: those of the configuration, else the bundled\n"
    "ones): id, kind, levels, position, length (the shortest and longest level), and title.\n"
    "Files with errors are left out and named on stderr; 'ease check' says what is wrong with\n"
    "them. --pose-names lists the shared poses a routine may use, each with its base.\n";

/* Pads a UTF-8 string to width characters (printf pads bytes, which misaligns accents). */
static void list_cell(const char *text, size_t width)
{
    size_t shown = ydoc_utf8_length(text);
    fputs(text, stdout);
    /* At least two spaces, so a long value never runs into the next column. */
    for (size_t i = shown; i < width || i < shown + 2; i++)
        putchar(' ');
}

int command_list(int argc, char **argv)
{
    const char *lang = NULL, *poses_dir = NULL, *config_path = NULL;
    /* Folders are collected in place: argv[1..dir_count] after the options are read. */
    size_t dir_count = 0;
    bool pose_names = false;
    const cli_option options[] = {
        {.name = "--pose-names", .kind = CLI_FLAG, .target = &pose_names},
        {.name = "--lang", .kind = CLI_TEXT, .target = &lang},
        {.name = "--poses", .kind = CLI_TEXT, .target = &poses_dir},
        {.name = "--config", .kind = CLI_TEXT, .target = &config_path},
    };
    const cli_command_line line = {.command = "list",
                                   .usage = list_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = (const char **)argv + 1,
                                   .max_positional = (size_t)argc,
                                   .positional_count = &dir_count};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;

    diag_list diag;
    command_setup setup;
    if (!command_setup_start(&setup, &diag, "list", config_path, poses_dir))
        return EXIT_SOFTWARE;
    if (pose_names) {
        /* What 'pose' and 'motion' may name besides a routine's own poses. */
        for (size_t i = 0; i < setup.poses.count; i++) {
            const pose_def *def = &setup.poses.defs[i];
            list_cell(def->name, 30);
            puts(def->base ? def->base : "-");
        }
        command_setup_free(&setup);
        diag_free(&diag);
        return EXIT_OK;
    }
    routine_library lib;
    library_init(&lib);
    int status = EXIT_OK;
    if (dir_count == 0) {
        for (size_t i = 0; i < setup.config.routine_dir_count; i++)
            library_load(&lib, setup.config.routine_dirs[i], &setup.poses, &diag);
    } else {
        for (size_t i = 1; i <= dir_count; i++)
            if (!library_load(&lib, argv[i], &setup.poses, &diag))
                status = EXIT_NO_INPUT;
    }
    if (!lang)
        lang = setup.config.language;

    size_t id_width = 2;
    for (size_t i = 0; i < lib.count; i++) {
        size_t n = strlen(lib.routines[i]->id);
        if (n > id_width)
            id_width = n;
    }
    list_cell("ID", id_width + 2);
    list_cell("KIND", 17);
    list_cell("LEVELS", 8);
    list_cell("POSITION", 10);
    list_cell("DURATION", 14);
    puts("TITLE");
    for (size_t i = 0; i < lib.count; i++) {
        const routine *r = lib.routines[i];
        char levels[8], durations[64] = "";
        snprintf(levels, sizeof levels, "%d", r->levels);
        /* One length, or the shortest and longest over the levels: five levels side by side
         * ran into the title. */
        int64_t shortest = plan_routine_ms(r, 1), longest = shortest;
        for (int level = 2; level <= r->levels; level++) {
            int64_t ms = plan_routine_ms(r, level);
            shortest = ms < shortest ? ms : shortest;
            longest = ms > longest ? ms : longest;
        }
        char low[24], high[24];
        duration_format_clock(shortest, false, low, sizeof low);
        duration_format_clock(longest, false, high, sizeof high);
        if (shortest == longest)
            snprintf(durations, sizeof durations, "%s", low);
        else
            snprintf(durations, sizeof durations, "%s to %s", low, high);
        list_cell(r->id, id_width + 2);
        list_cell(routine_kind_name(r->kind), 17);
        list_cell(levels, 8);
        list_cell(r->position ? routine_position_name(r->position) : "-", 10);
        list_cell(durations, 14);
        puts(routine_text_get(&r->title, lang));
    }
    if (lib.files_rejected)
        fprintf(stderr,
                "%zu of %zu routine files left out because of errors; run 'ease check' on the "
                "folder to see them\n",
                lib.files_rejected, lib.files_seen);
    else if (diag.errors)
        command_print_diag(&diag, stderr);
    library_free(&lib);
    command_setup_free(&setup);
    diag_free(&diag);
    return status;
}
