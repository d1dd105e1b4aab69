/* ease fleet and ease publish: the clinic group's administrator's side. They connect with a
 * libpq connection string given by --server (default "dbname=ease", with libpq's PGHOST,
 * PGUSER... from the environment), as a user allowed to do what is asked: one who may create
 * roles (postgres, or a CREATEROLE owner of the database) for 'init' and 'add-kiosk', a member
 * of ease_admin for 'publish', of ease_report for 'status' and reports. */
#include "command_fleet.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "audio_check.h"
#include "cli.h"
#include "fleet_db.h"
#include "fleet_report.h"
#include "fleet_routines.h"
#include "fleet_schema.h"
#include "options.h"
#include "source_file.h"

static const char fleet_usage[] =
    "usage: ease fleet init [--server CONNINFO]\n"
    "       ease fleet add-kiosk NAME --clinic CLINIC [--server CONNINFO]\n"
    "       ease fleet status [--clinic CLINIC] [--server CONNINFO]\n"
    "\n"
    "The clinic group's central PostgreSQL database (see docs/fleet.md):\n"
    "  init        create the schema 'ease' and its roles, or bring it to this version\n"
    "  add-kiosk   make a kiosk's login role (its name) in a clinic; then give it a password\n"
    "              or a certificate (docs/fleet.md)\n"
    "  status      every kiosk, when it was last heard from and what it said; those silent\n"
    "              for more than 10 minutes are flagged SILENT (exit status 1)\n"
    "  --server CONNINFO   a libpq connection string or URI (default: \"dbname=ease\" and\n"
    "                      libpq's PGHOST, PGUSER... variables)\n";

static const char publish_usage[] =
    "usage: ease publish FILE... [--clinic CLINIC] [--server CONNINFO]\n"
    "       ease publish --withdraw NAME... [--clinic CLINIC] [--server CONNINFO]\n"
    "\n"
    "Checks each routine file exactly as 'ease check' does and, when none has an error,\n"
    "stores them in the group's database under their file names, for CLINIC or (without\n"
    "--clinic) every clinic. Kiosks pull them at their next poll. --withdraw unpublishes.\n"
    "  --poses DIR   the shared pose library to check against (default: the bundled one)\n"
    "Exit status: 0 published, 1 a file has errors (nothing is published), 64 wrong usage,\n"
    "69 the server cannot be reached or refused.\n";

static PGconn *fleet_command_connect(const char *command, const char *server)
{
    PGconn *conn = NULL;
    char message[FLEET_MESSAGE_MAX];
    if (!fleet_db_connect_string(server ? server : "dbname=ease", 15, &conn, message,
                                 sizeof message)) {
        fprintf(stderr, "ease %s: %s\n", command, message);
        return NULL;
    }
    return conn;
}

static int fleet_init(PGconn *conn)
{
    int from = 0, to = 0;
    char message[FLEET_MESSAGE_MAX];
    if (!fleet_schema_migrate(conn, &from, &to, message, sizeof message)) {
        fprintf(stderr, "ease fleet init: %s\n", message);
        return EXIT_UNAVAILABLE;
    }
    if (from == to)
        printf("the fleet schema is up to date (version %d)\n", to);
    else
        printf("the fleet schema is at version %d (was %d)\n", to, from);
    return EXIT_OK;
}

int command_fleet(int argc, char **argv)
{
    const char *server = NULL, *clinic = NULL, *verb = NULL, *name = NULL;
    const char *words[2] = {NULL, NULL}; /* the verb, and the kiosk's name for add-kiosk */
    const cli_option options[] = {
        {.name = "--server", .kind = CLI_TEXT, .target = &server},
        {.name = "--clinic", .kind = CLI_TEXT, .target = &clinic},
    };
    const cli_command_line line = {.command = "fleet",
                                   .usage = fleet_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = words,
                                   .max_positional = 2};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;
    verb = words[0];
    name = words[1];
    bool add = verb && !strcmp(verb, "add-kiosk");
    if (!verb || (strcmp(verb, "init") && strcmp(verb, "status") && !add) ||
        (add && (!name || !clinic)) || (!add && name)) {
        fputs(fleet_usage, stderr);
        return EXIT_USAGE;
    }
    PGconn *conn = fleet_command_connect("fleet", server);
    if (!conn)
        return EXIT_UNAVAILABLE;
    int status = EXIT_OK;
    char message[FLEET_MESSAGE_MAX];
    if (!strcmp(verb, "init")) {
        status = fleet_init(conn);
    } else if (add) {
        if (fleet_schema_add_kiosk(conn, name, clinic, message, sizeof message)) {
            printf("kiosk %s is in clinic %s; give it a password (ALTER ROLE \"%s\" PASSWORD "
                   "...) or a client certificate with CN=%s, and this in its kiosk.yaml:\n"
                   "fleet:\n  kiosk: %s\n  clinic: %s\n",
                   name, clinic, name, name, name, clinic);
        } else {
            fprintf(stderr, "ease fleet add-kiosk: %s\n", message);
            status = EXIT_UNAVAILABLE;
        }
    } else {
        size_t silent = 0;
        if (!fleet_report_kiosks(conn, clinic, stdout, &silent, message, sizeof message)) {
            fprintf(stderr, "ease fleet status: %s\n", message);
            status = EXIT_UNAVAILABLE;
        } else if (silent) {
            printf("%zu kiosk%s silent for more than %d minutes\n", silent, silent == 1 ? "" : "s",
                   FLEET_SILENT_AFTER_MS / 60000);
            status = EXIT_PROBLEMS;
        }
    }
    PQfinish(conn);
    return status;
}

/* Checks the files as 'ease check' does: the same loader, checker, shared poses and sound
 * decoders. True when no file has an error; every problem is printed either way. */
static bool publish_check(char **files, int count, const char *poses_dir)
{
    diag_list diag;
    command_setup setup;
    if (!command_setup_start(&setup, &diag, "publish", NULL, poses_dir))
        return false;
    routine_library lib;
    library_init(&lib);
    for (int i = 0; i < count; i++) {
        if (source_file_is_dir(files[i]))
            diag_error(&diag, files[i], 0, 0, "is a folder: publish its routine files by name");
        else
            library_add_file(&lib, files[i], NULL, &setup.poses, &diag);
    }
    audio_check_files(&lib, &diag);
    command_print_diag(&diag, stdout);
    bool ok = diag.errors == 0;
    library_free(&lib);
    command_setup_free(&setup);
    diag_free(&diag);
    return ok;
}

int command_publish(int argc, char **argv)
{
    const char *server = NULL, *clinic = "", *poses_dir = NULL;
    bool withdraw = false;
    /* Files are collected in place: argv[1..count] after the options are read. */
    size_t count = 0;
    const cli_option options[] = {
        {.name = "--withdraw", .kind = CLI_FLAG, .target = &withdraw},
        {.name = "--server", .kind = CLI_TEXT, .target = &server},
        {.name = "--clinic", .kind = CLI_TEXT, .target = &clinic},
        {.name = "--poses", .kind = CLI_TEXT, .target = &poses_dir},
    };
    const cli_command_line line = {.command = "publish",
                                   .usage = publish_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = (const char **)argv + 1,
                                   .min_positional = 1,
                                   .max_positional = (size_t)argc,
                                   .positional_count = &count};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;
    char **files = argv + 1;
    for (size_t i = 0; i < count && !withdraw; i++) {
        char *copy = strdup(files[i]);
        bool named = copy && fleet_routine_name_ok(basename(copy));
        free(copy);
        if (!named) {
            fprintf(stderr,
                    "ease publish: %s: a published file's name is letters, digits, '.', '-' or "
                    "'_', ending .yaml; rename it\n",
                    files[i]);
            return EXIT_USAGE;
        }
    }
    if (!withdraw && !publish_check(files, count, poses_dir)) {
        fprintf(stderr, "ease publish: nothing was published: correct the errors above first\n");
        return EXIT_PROBLEMS;
    }
    PGconn *conn = fleet_command_connect("publish", server);
    if (!conn)
        return EXIT_UNAVAILABLE;
    int status = EXIT_OK;
    char message[FLEET_MESSAGE_MAX];
    /* All or nothing: one transaction for every file given. */
    PQclear(PQexec(conn, "BEGIN"));
    for (size_t i = 0; i < count && status == EXIT_OK; i++) {
        if (withdraw) {
            if (fleet_routine_withdraw(conn, files[i], clinic, message, sizeof message))
                printf("withdrew %s\n", files[i]);
            else
                status = EXIT_PROBLEMS;
            continue;
        }
        unsigned char *data = NULL;
        size_t size = 0;
        diag_list diag;
        diag_init(&diag);
        char sha[65];
        char *copy = strdup(files[i]);
        if (!copy || !source_file_read(files[i], 1024 * 1024, &data, &size, &diag) ||
            !fleet_routine_publish(conn, basename(copy), clinic, data, size, sha, message,
                                   sizeof message)) {
            if (diag.count)
                snprintf(message, sizeof message, "%s", diag.entries[0].message);
            status = EXIT_UNAVAILABLE;
        } else {
            printf("published %s (sha256 %.12s...) for %s\n", basename(copy), sha,
                   *clinic ? clinic : "every clinic");
        }
        free(copy);
        free(data);
        diag_free(&diag);
    }
    if (status == EXIT_OK &&
        !fleet_db_exec(conn, "COMMIT", 0, NULL, NULL, "commit", message, sizeof message))
        status = EXIT_UNAVAILABLE;
    if (status != EXIT_OK) {
        PQclear(PQexec(conn, "ROLLBACK"));
        fprintf(stderr, "ease publish: %s; nothing was %s\n", message,
                withdraw ? "withdrawn" : "published");
    }
    PQfinish(conn);
    return status;
}

int command_fleet_report(const char *server, const char *clinic, const char *kiosk,
                         int64_t since_utc_ms, int64_t until_utc_ms, const char *range)
{
    PGconn *conn = fleet_command_connect("report", server);
    if (!conn)
        return EXIT_UNAVAILABLE;
    fleet_filter filter = {since_utc_ms, until_utc_ms, clinic, kiosk};
    report r;
    char message[FLEET_MESSAGE_MAX];
    bool ok = fleet_report_build(conn, &filter, &r, message, sizeof message);
    PQfinish(conn);
    if (!ok) {
        fprintf(stderr, "ease report: %s\n", message);
        return EXIT_UNAVAILABLE;
    }
    char about[256];
    snprintf(about, sizeof about, "%s; clinic %s, kiosk %s", *range ? range : "all visits",
             clinic ? clinic : "all", kiosk ? kiosk : "all");
    report_print(&r, about, stdout);
    report_free(&r);
    return EXIT_OK;
}

int command_fleet_export_csv(const char *server, const char *clinic, const char *kiosk,
                             int64_t since_utc_ms, int64_t until_utc_ms, FILE *out)
{
    PGconn *conn = fleet_command_connect("export", server);
    if (!conn)
        return EXIT_UNAVAILABLE;
    fleet_filter filter = {since_utc_ms, until_utc_ms, clinic, kiosk};
    char message[FLEET_MESSAGE_MAX];
    bool ok = fleet_report_export_csv(conn, &filter, out, message, sizeof message);
    PQfinish(conn);
    if (!ok) {
        fprintf(stderr, "ease export: %s\n", message);
        return EXIT_UNAVAILABLE;
    }
    return EXIT_OK;
}
