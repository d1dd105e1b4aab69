/* ease report and ease export: the records for the clinic, read-only, safe to run while the
 * kiosk is running (SQLite's WAL lets a reader and the kiosk's writer work at once). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "command.h"
#include "command_fleet.h"
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

typedef struct {
    const char *data_dir, *config_path;
    const char *server, *clinic, *kiosk; /* the clinic group's database (command_fleet.c) */
    int64_t since_utc_ms, until_utc_ms;
    char range[64];
} records_options;

/* --since/--until/--data/--config, shared by both commands; true when argv[*i] was one. */
static bool records_option(int argc, char **argv, int *i, const char *command, records_options *o,
                           int *status)
{
    const char *value;
    if (command_option(argc, argv, i, "--data", &value)) {
        if (!value)
            *status = command_missing_value(command, "--data");
        o->data_dir = value;
        return true;
    }
    if (command_option(argc, argv, i, "--config", &value)) {
        if (!value)
            *status = command_missing_value(command, "--config");
        o->config_path = value;
        return true;
    }
    static const char *const fleet_options[] = {"--server", "--clinic", "--kiosk"};
    for (size_t k = 0; k < 3; k++)
        if (command_option(argc, argv, i, fleet_options[k], &value)) {
            if (!value)
                *status = command_missing_value(command, fleet_options[k]);
            *(k == 0 ? &o->server : k == 1 ? &o->clinic : &o->kiosk) = value;
            return true;
        }
    bool since = command_option(argc, argv, i, "--since", &value);
    if (!since && !command_option(argc, argv, i, "--until", &value))
        return false;
    int64_t day = 0;
    if (!value || !report_parse_date(value, &day)) {
        fprintf(stderr, "ease %s: %s needs a date like 2026-11-01, not '%s'\n", command,
                since ? "--since" : "--until", value ? value : "");
        *status = EXIT_USAGE;
        return true;
    }
    if (since) {
        o->since_utc_ms = day;
    } else {
        /* Through the end of that day: up to the next local midnight (25 h covers DST). */
        o->until_utc_ms = report_day_start(day + 25 * 3600000LL);
    }
    return true;
}

static void records_range(records_options *o, int argc, char **argv)
{
    const char *since = NULL, *until = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--since") && i + 1 < argc)
            since = argv[i + 1];
        else if (!strncmp(argv[i], "--since=", 8))
            since = argv[i] + 8;
        else if (!strcmp(argv[i], "--until") && i + 1 < argc)
            until = argv[i + 1];
        else if (!strncmp(argv[i], "--until=", 8))
            until = argv[i] + 8;
    }
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
    diag_init(&diag);
    command_setup setup;
    if (!command_setup_load(&setup, o->config_path, NULL, &diag)) {
        diag_free(&diag);
        return EXIT_SOFTWARE;
    }
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
    records_options o = {.until_utc_ms = INT64_MAX};
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(report_usage, stdout);
            return EXIT_OK;
        }
        if (!records_option(argc, argv, &i, "report", &o, &status)) {
            fprintf(stderr, "ease report: unexpected '%s'\n\n%s", argv[i], report_usage);
            return EXIT_USAGE;
        }
        if (status != EXIT_OK)
            return status;
    }
    records_range(&o, argc, argv);
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
    records_options o = {.until_utc_ms = INT64_MAX};
    int status = EXIT_OK;
    enum { NONE, CSV, FHIR } format = NONE;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(export_usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--csv") || !strcmp(argv[i], "--fhir")) {
            if (format != NONE) {
                fputs("ease export: give one of --csv and --fhir\n", stderr);
                return EXIT_USAGE;
            }
            format = argv[i][2] == 'c' ? CSV : FHIR;
        } else if (records_option(argc, argv, &i, "export", &o, &status)) {
            if (status != EXIT_OK)
                return status;
        } else if (argv[i][0] != '-' && !file) {
            file = argv[i];
        } else {
            fprintf(stderr, "ease export: unexpected '%s'\n\n%s", argv[i], export_usage);
            return EXIT_USAGE;
        }
    }
    if (format == NONE) {
        fprintf(stderr, "ease export: say which format, --csv or --fhir\n\n%s", export_usage);
        return EXIT_USAGE;
    }
    if ((o.clinic || o.kiosk) && !o.server) {
        fputs("ease export: --clinic and --kiosk need --server (the group's database)\n", stderr);
        return EXIT_USAGE;
    }
    if (o.server && format == FHIR) {
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
    bool ok = format == CSV ? report_export_csv(s, o.since_utc_ms, o.until_utc_ms, out, &err)
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
