/* ease report and ease export: the records for the clinic, read-only, safe to run while the
 * kiosk is running (SQLite's WAL lets a reader and the kiosk's writer work at once). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "command_fleet.h"
#include "options.h"
#include "report.h"
#include "store.h"

static const char report_usage[] =
    "usage: ease report [--since DATE] [--until DATE] [--data DIR] [--config FILE]\n"
    "\n"
    "Summarises the visits per routine (and per version of its file): how many, how many were\n"
    "played to the end, stopped (and why) or left, how many rated their pain before and after,\n"
    "the mean pain before and after, the mean change, and the share whose pain fell by 2 points\n"
    "or more. DATE is a local calendar day, YYYY-MM-DD; --until includes that day.\n"
    "  --data DIR     the records' folder (default: the configuration's 'data')\n"
    "  --server CONNINFO  the clinic group's database instead, across its kiosks, narrowed by\n"
    "                 --clinic CLINIC and --kiosk KIOSK (docs/fleet.md)\n";

static const char export_usage[] =
    "usage: ease export --csv|--fhir [FILE] [--since DATE] [--until DATE] [--data DIR]\n"
    "                   [--config FILE]\n"
    "\n"
    "Writes the visits to FILE (default: standard output):\n"
    "  --csv    one row per visit, for a spreadsheet (RFC 4180, UTF-8 with a byte order mark)\n"
    "  --fhir   a FHIR R4 Bundle: one Observation per pain rating, LOINC 72514-3, no subject\n"
    "DATE is a local calendar day, YYYY-MM-DD; --until includes that day.\n"
    "  --server CONNINFO  the clinic group's database instead (CSV), across its kiosks,\n"
    "                 narrowed by --clinic CLINIC and --kiosk KIOSK (docs/fleet.md)\n";

/* A local calendar day given as --since or --until: as written, and its start in UTC ms. */
typedef struct {
    const char *text;
    int64_t day_utc_ms;
} records_day;

static bool records_parse_day(const char *value, void *target)
{
    records_day *day = target;
    int64_t start = 0;
    if (!report_parse_date(value, &start))
        return false;
    day->text = value;
    day->day_utc_ms = start;
    return true;
}

typedef struct {
    const char *data_dir, *config_path;
    const char *server, *clinic, *kiosk; /* the clinic group's database (command_fleet.c) */
    records_day since, until;
    int64_t since_utc_ms, until_utc_ms;
    char range[64];
} records_options;

/* The options both commands take, for their tables. */
#define RECORDS_OPTIONS(o)                                                                         \
    {.name = "--data", .kind = CLI_TEXT, .target = &(o).data_dir},                                 \
        {.name = "--config", .kind = CLI_TEXT, .target = &(o).config_path},                        \
        {.name = "--since",                                                                        \
         .kind = CLI_PARSE,                                                                        \
         .target = &(o).since,                                                                     \
         .wrong = "--since needs a date like 2026-11-01, not '%s'",                                \
         .parse = records_parse_day},                                                              \
        {.name = "--until",                                                                        \
         .kind = CLI_PARSE,                                                                        \
         .target = &(o).until,                                                                     \
         .wrong = "--until needs a date like 2026-11-01, not '%s'",                                \
         .parse = records_parse_day},                                                              \
        {.name = "--server", .kind = CLI_TEXT, .target = &(o).server},                             \
        {.name = "--clinic", .kind = CLI_TEXT, .target = &(o).clinic},                             \
    {                                                                                              \
        .name = "--kiosk", .kind = CLI_TEXT, .target = &(o).kiosk                                  \
    }

/* The times and the words for the range asked for. */
static void records_range(records_options *o)
{
    o->since_utc_ms = o->since.text ? o->since.day_utc_ms : 0;
    /* Through the end of that day: up to the next local midnight (25 h covers DST). */
    o->until_utc_ms =
        o->until.text ? report_day_start(o->until.day_utc_ms + 25 * 3600000LL) : INT64_MAX;
    const char *since = o->since.text, *until = o->until.text;
    if (since && until)
        snprintf(o->range, sizeof o->range, "%.10s to %.10s", since, until);
    else if (since)
        snprintf(o->range, sizeof o->range, "since %.10s", since);
    else if (until)
        snprintf(o->range, sizeof o->range, "until %.10s", until);
}

/* The records of the configuration's data folder (or --data): opened read-only. */
static int records_open(const char *command, const records_options *o, store **out)
{
    diag_list diag;
    command_setup setup;
    if (!command_setup_start(&setup, &diag, command, o->config_path, NULL))
        return EXIT_SOFTWARE;
    if (diag.errors && o->config_path)
        command_print_diag(&diag, stderr);
    diag_free(&diag);
    const char *dir = o->data_dir ? o->data_dir : setup.config.data_dir;
    store_error err = {0};
    bool ok = store_open_read_only(dir, out, &err);
    command_setup_free(&setup);
    if (!ok) {
        fprintf(stderr, "ease %s: %s\n", command, err.message);
        return EXIT_NO_INPUT;
    }
    return EXIT_OK;
}

int command_report(int argc, char **argv)
{
    records_options o = {0};
    const cli_option options[] = {RECORDS_OPTIONS(o)};
    const cli_command_line line = {.command = "report",
                                   .usage = report_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options)};
    int status = cli_options_parse(&line, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    records_range(&o);
    if ((o.clinic || o.kiosk) && !o.server) {
        fputs("ease report: --clinic and --kiosk need --server (the group's database)\n", stderr);
        return EXIT_USAGE;
    }
    if (o.server)
        return command_fleet_report(o.server, o.clinic, o.kiosk, o.since_utc_ms, o.until_utc_ms,
                                    o.range);
    store *s = NULL;
    if ((status = records_open("report", &o, &s)) != EXIT_OK)
        return status;
    report r;
    store_error err = {0};
    if (!report_build(s, o.since_utc_ms, o.until_utc_ms, &r, &err)) {
        fprintf(stderr, "ease report: %s\n", err.message);
        store_close(s);
        return EXIT_SOFTWARE;
    }
    report_print(&r, o.range, stdout);
    report_free(&r);
    store_close(s);
    return EXIT_OK;
}

int command_export(int argc, char **argv)
{
    records_options o = {0};
    bool csv = false, fhir = false;
    const char *file = NULL;
    const cli_option options[] = {
        {.name = "--csv", .kind = CLI_FLAG, .target = &csv},
        {.name = "--fhir", .kind = CLI_FLAG, .target = &fhir},
        RECORDS_OPTIONS(o),
    };
    const cli_command_line line = {.command = "export",
                                   .usage = export_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = &file,
                                   .max_positional = 1};
    int status = cli_options_parse(&line, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (csv && fhir) {
        fputs("ease export: give one of --csv and --fhir\n", stderr);
        return EXIT_USAGE;
    }
    if (!csv && !fhir) {
        fprintf(stderr, "ease export: say which format, --csv or --fhir\n\n%s", export_usage);
        return EXIT_USAGE;
    }
    records_range(&o);
    if ((o.clinic || o.kiosk) && !o.server) {
        fputs("ease export: --clinic and --kiosk need --server (the group's database)\n", stderr);
        return EXIT_USAGE;
    }
    if (o.server && fhir) {
        fputs("ease export: --server exports --csv only (FHIR comes from each kiosk)\n", stderr);
        return EXIT_USAGE;
    }
    if (o.server) {
        FILE *out = file ? fopen(file, "wb") : stdout;
        if (!out) {
            perror(file);
            return EXIT_NO_INPUT;
        }
        status = command_fleet_export_csv(o.server, o.clinic, o.kiosk, o.since_utc_ms,
                                          o.until_utc_ms, out);
        if ((out != stdout ? fclose(out) : fflush(out)) != 0 && status == EXIT_OK) {
            fprintf(stderr, "ease export: cannot write %s\n", file ? file : "standard output");
            status = EXIT_SOFTWARE;
        }
        return status;
    }
    store *s = NULL;
    if ((status = records_open("export", &o, &s)) != EXIT_OK)
        return status;
    FILE *out = stdout;
    if (file && !(out = fopen(file, "wb"))) {
        perror(file);
        store_close(s);
        return EXIT_NO_INPUT;
    }
    store_error err = {0};
    bool ok = csv ? report_export_csv(s, o.since_utc_ms, o.until_utc_ms, out, &err)
                  : report_export_fhir(s, o.since_utc_ms, o.until_utc_ms,
                                       (int64_t)time(NULL) * 1000, out, &err);
    if (fflush(out) != 0 || ferror(out)) {
        ok = false;
        snprintf(err.message, sizeof err.message, "cannot write %s",
                 file ? file : "standard output");
    }
    if (out != stdout && fclose(out) != 0 && ok) {
        ok = false;
        snprintf(err.message, sizeof err.message, "cannot write %s", file);
    }
    store_close(s);
    if (!ok) {
        fprintf(stderr, "ease export: %s\n", err.message);
        return EXIT_SOFTWARE;
    }
    return EXIT_OK;
}
