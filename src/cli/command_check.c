/* ease check: the author's compiler. Every problem in every file, then a one-line summary. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio_check.h"
#include "cli.h"
#include "options.h"
#include "paths.h"
#include "source_file.h"

static const char check_usage[] =
    "usage: ease check [--strict] [--poses DIR] [--config FILE] [PATH...]\n"
    "\n"
    "Checks routine files (or every *.yaml under a folder) and prints each problem as\n"
    "file:line:col: error|warning: message, then 'N routines, E errors, W warnings'.\n"
    "\n"
    "  --strict        fail on warnings too\n"
    "  --poses DIR     the shared pose library (default: the bundled assets/poses)\n"
    "  --config FILE   also check a kiosk configuration file\n"
    "\n"
    "Exit status: 0 no errors, 1 problems found, 64 wrong usage, 66 a path cannot be read.\n";

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int command_check(int argc, char **argv)
{
    bool strict = false;
    const char *poses_dir = NULL, *config_path = NULL;
    /* Paths are collected in place: argv[1..path_count] after the options are read. */
    size_t path_count = 0;
    const cli_option options[] = {
        {.name = "--strict", .kind = CLI_FLAG, .target = &strict},
        {.name = "--poses", .kind = CLI_TEXT, .target = &poses_dir},
        {.name = "--config", .kind = CLI_TEXT, .target = &config_path},
    };
    const cli_command_line line = {.command = "check",
                                   .usage = check_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = (const char **)argv + 1,
                                   .max_positional = (size_t)argc,
                                   .positional_count = &path_count};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;
    if (path_count == 0 && !config_path) {
        fputs(check_usage, stderr);
        return EXIT_USAGE;
    }

    diag_list diag;
    command_setup setup;
    /* The configuration under check is read below on its own, with its own messages. */
    if (!command_setup_start(&setup, &diag, "check", NULL, poses_dir))
        return EXIT_SOFTWARE;
    int status = EXIT_OK;
    if (config_path) {
        ease_config config;
        if (config_defaults(&config, NULL, NULL)) {
            struct stat info;
            if (stat(config_path, &info) != 0)
                status = EXIT_NO_INPUT;
            config_load(&config, config_path, &diag);
            /* Its voice pack too (docs/voice-pack.md), named against the kiosk's own words. */
            catalogue strings;
            catalogue_init(&strings);
            char *lang_dir = source_file_join(paths_share_dir(), "assets/lang");
            if (lang_dir && catalogue_load_dir(&strings, lang_dir, &diag))
                audio_check_voice_pack(&config, &strings, &diag);
            free(lang_dir);
            catalogue_free(&strings);
            config_free(&config);
        }
    }
    routine_library lib;
    library_init(&lib);
    for (size_t i = 1; i <= path_count; i++) {
        struct stat info;
        if (stat(argv[i], &info) != 0) {
            diag_error(&diag, argv[i], 0, 0, "no such file or folder");
            status = EXIT_NO_INPUT;
        } else if (S_ISDIR(info.st_mode)) {
            library_load(&lib, argv[i], &setup.poses, &diag);
        } else {
            library_add_file(&lib, argv[i], NULL, &setup.poses, &diag);
        }
    }
    /* What the first bytes cannot tell: whether each sound really decodes. */
    audio_check_files(&lib, &diag);
    command_print_diag(&diag, stdout);
    size_t routines = lib.files_seen;
    printf("%zu %s, %zu %s, %zu %s\n", routines, plural(routines, "routine", "routines"),
           diag.errors, plural(diag.errors, "error", "errors"), diag.warnings,
           plural(diag.warnings, "warning", "warnings"));
    if (status == EXIT_OK && (diag.errors || (strict && diag.warnings)))
        status = EXIT_PROBLEMS;
    library_free(&lib);
    command_setup_free(&setup);
    diag_free(&diag);
    return status;
}
