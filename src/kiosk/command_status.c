/* ease status: what a technician needs to know about this kiosk, read from the same files the
 * kiosk reads. One function per section, each printing "name: value" lines, so more sections
 * (the records database, the audio device) slot in beside them. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#include "audio.h"
#include "command.h"
#include "fleet_worker.h"
#include "paths.h"
#include "source_file.h"
#include "store.h"

static const char status_usage[] =
    "usage: ease status [--config FILE]\n"
    "\n"
    "Prints what the kiosk runs with: the version, the configuration file used (and its errors,\n"
    "if it has any, when the kiosk falls back to its defaults), the routine folders, the routines\n"
    "loaded and those rejected (with the first problem of each), the data folder, and the\n"
    "records database: its size, how many visits it holds, and the last one; and the sound\n"
    "device the kiosk would play on (opened for a moment, as the kiosk opens it).\n"
    "Exit status: 0 all well, 1 the configuration, a routine or the database has errors,\n"
    "64 wrong usage.\n";

/* What the sections share: loaded once, as the kiosk would. */
typedef struct {
    command_setup setup;
    const char *config_path; /* the file the kiosk would read, or NULL for none */
    diag_list config_problems;
    routine_library library;
    diag_list routine_problems;
} status_report;

static void status_version(FILE *out)
{
    fprintf(out, "version: ease %s\n", EASE_VERSION);
}

/* Prints the first error of each file that has one (the whole list is 'ease check's job). */
static void status_first_errors(FILE *out, const diag_list *diag, const char *indent)
{
    const char *shown = NULL;
    for (size_t i = 0; i < diag->count; i++) {
        const diag_entry *e = &diag->entries[i];
        if (e->severity != DIAG_ERROR || (shown && !strcmp(shown, e->file)))
            continue;
        fputs(indent, out);
        diag_format_entry(e, out);
        shown = e->file;
    }
}

/* Returns false when the configuration has errors. */
static bool status_configuration(FILE *out, const status_report *report)
{
    if (!report->config_path) {
        fprintf(out, "configuration: none (built-in defaults; /etc/ease/kiosk.yaml not found)\n");
        return true;
    }
    if (report->setup.config.path) {
        fprintf(out, "configuration: %s\n", report->config_path);
        for (size_t i = 0; i < report->config_problems.count; i++)
            if (report->config_problems.entries[i].severity == DIAG_WARNING) {
                fputs("  ", out);
                diag_format_entry(&report->config_problems.entries[i], out);
            }
        return true;
    }
    fprintf(out, "configuration: %s has errors; the kiosk runs on its defaults\n",
            report->config_path);
    status_first_errors(out, &report->config_problems, "  ");
    return false;
}

/* Returns false when a routine file was rejected. */
static bool status_routines(FILE *out, const status_report *report)
{
    const ease_config *config = &report->setup.config;
    fprintf(out, "shared files: %s\n", paths_share_dir());
    fprintf(out, "routine folders:\n");
    for (size_t i = 0; i < config->routine_dir_count; i++)
        fprintf(out, "  %s%s\n", config->routine_dirs[i],
                source_file_is_dir(config->routine_dirs[i]) ? "" : " (missing)");
    fprintf(out, "routines: %zu loaded, %zu rejected\n", report->library.count,
            report->library.files_rejected);
    status_first_errors(out, &report->routine_problems, "  rejected: ");
    return report->library.files_rejected == 0;
}

static void status_data(FILE *out, const status_report *report)
{
    const char *data = report->setup.config.data_dir;
    struct stat info;
    fprintf(out, "data folder: %s%s\n", data ? data : "(none)",
            data && stat(data, &info) == 0 ? "" : " (not created yet)");
}

/* The records: where, how big, how many visits, the newest; read-only, so safe beside the
 * kiosk. A database that cannot be read is a problem worth the exit status. */
static bool status_database(FILE *out, const status_report *report)
{
    const char *data = report->setup.config.data_dir;
    char *path = data ? store_path_in(data) : NULL;
    struct stat info;
    if (!path || stat(path, &info) != 0) {
        fprintf(out, "database: %s (none yet: the kiosk makes it at its first start)\n",
                path ? path : "(no data folder)");
        free(path);
        return true;
    }
    fprintf(out, "database: %s (%.1f MB)\n", path, (double)info.st_size / 1e6);
    free(path);
    store *s = NULL;
    store_error err = {0};
    int64_t visits = 0, newest = 0;
    bool ok = store_open_read_only(data, &s, &err) && store_count(s, &visits, &newest, &err);
    store_close(s);
    if (!ok) {
        fprintf(out, "  cannot read it: %s\n", err.message);
        return false;
    }
    char when[32] = "none";
    if (visits > 0)
        store_format_utc(newest, when);
    fprintf(out, "visits: %lld, the last started %s\n", (long long)visits, when);
    return true;
}

/* The clinic group's server, when configured: what the kiosk's worker last saw (its
 * fleet-state.json) and how many visits wait in the records to be sent. */
static void status_fleet(FILE *out, status_report *report)
{
    const ease_config *c = &report->setup.config;
    const fleet_config *f = &c->fleet;
    if (!f->enabled) {
        fputs("fleet: none (visits stay on this kiosk)\n", out);
        return;
    }
    fprintf(out, "fleet: server %s port %d database %s, kiosk %s in clinic %s, tls %s\n", f->server,
            f->port, f->database, f->kiosk, f->clinic, fleet_tls_name(f->tls));
    fprintf(out, "  published routines: %s\n", f->routines);
    fleet_status state;
    if (!fleet_state_read(c->data_dir, &state)) {
        fputs("  state: not yet connected (the kiosk has not run with this fleet)\n", out);
    } else {
        char when[32] = "never";
        if (state.last_sync_utc_ms > 0)
            store_format_utc(state.last_sync_utc_ms, when);
        fprintf(out, "  connected: %s; last sync %s%s%s\n", state.connected ? "yes" : "no", when,
                state.last_error[0] ? "; last error: " : "", state.last_error);
    }
    store *s = NULL;
    store_error err = {0};
    int64_t waiting = 0;
    if (store_open_read_only(c->data_dir, &s, &err) && store_count_unshipped(s, &waiting, &err))
        fprintf(out, "  visits waiting to be sent: %lld\n", (long long)waiting);
    store_close(s);
}

/* The sound: the device the kiosk would open, opened the same way for a moment. No device is
 * not an error (the kiosk runs silently), but a technician should know. */
static void status_audio(FILE *out)
{
    audio *au = audio_open(true, NULL, 0);
    if (!au) {
        fputs("audio: (out of memory)\n", out);
        return;
    }
    if (audio_is_live(au)) {
        const char *driver = SDL_GetCurrentAudioDriver();
        char *name = NULL;
        SDL_AudioSpec spec;
        if (SDL_GetDefaultAudioInfo(&name, &spec, 0) != 0)
            name = NULL;
        fprintf(out, "audio: %s (driver %s), playing\n", name ? name : "the default device",
                driver ? driver : "?");
        SDL_free(name);
    } else {
        const char *why = audio_silent_reason(au);
        fprintf(out, "audio: none (%s); the kiosk runs silently, with captions\n",
                why ? why : "no sound device");
    }
    audio_close(au);
    SDL_Quit();
}

int command_status(int argc, char **argv)
{
    const char *config_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *value;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(status_usage, stdout);
            return EXIT_OK;
        } else if (command_option(argc, argv, &i, "--config", &value)) {
            if (!value)
                return command_missing_value("status", "--config");
            config_path = value;
        } else {
            fprintf(stderr, "ease status: unexpected '%s'\n\n%s", argv[i], status_usage);
            return EXIT_USAGE;
        }
    }
    status_report report = {.config_path = config_path ? config_path : paths_default_config()};
    diag_init(&report.config_problems);
    diag_init(&report.routine_problems);
    library_init(&report.library);
    if (!command_setup_load(&report.setup, report.config_path, NULL, &report.config_problems)) {
        diag_free(&report.config_problems);
        diag_free(&report.routine_problems);
        fputs("ease status: out of memory\n", stderr);
        return EXIT_SOFTWARE;
    }
    diag_sort(&report.config_problems);
    for (size_t i = 0; i < report.setup.config.routine_dir_count; i++)
        if (source_file_is_dir(report.setup.config.routine_dirs[i]))
            library_load(&report.library, report.setup.config.routine_dirs[i], &report.setup.poses,
                         &report.routine_problems);
    diag_sort(&report.routine_problems);

    bool ok = true;
    status_version(stdout);
    ok = status_configuration(stdout, &report) && ok;
    ok = status_routines(stdout, &report) && ok;
    status_data(stdout, &report);
    ok = status_database(stdout, &report) && ok;
    status_fleet(stdout, &report);
    status_audio(stdout);

    library_free(&report.library);
    command_setup_free(&report.setup);
    diag_free(&report.config_problems);
    diag_free(&report.routine_problems);
    return ok ? EXIT_OK : EXIT_PROBLEMS;
}
