/* ease status: what a technician needs to know about this kiosk, read from the same files the
 * kiosk reads. One function per section, each printing "name: value" lines, so more sections
 * (the records database, the audio device) slot in beside them. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <jansson.h>

#include "alsa_quiet.h"
#include "audio.h"
#include "cli.h"
#include "fleet_worker.h"
#include "options.h"
#include "paths.h"
#include "renderer_setup.h"
#include "source_file.h"
#include "store.h"

static const char status_usage[] =
    "usage: ease status [--config FILE] [--data DIR] [--json] [--get KEY]\n"
    "\n"
    "Prints what the kiosk runs with: the version, the configuration file used (and its errors,\n"
    "if it has any, when the kiosk falls back to its defaults), the routine folders, the routines\n"
    "loaded and those rejected (with the first problem of each), the data folder, and the\n"
    "records database: its size, how many visits it holds, and the last one; and the sound\n"
    "device the kiosk would play on (opened for a moment, as the kiosk opens it), and the\n"
    "renderer the kiosk chooses under cage (a GPU render node, or software through Xwayland).\n"
    "  --data DIR   the records' folder (default: the configuration's 'data'; /var/lib/ease\n"
    "               for the installed /etc/ease/kiosk.yaml)\n"
    "  --json       the same as one JSON object, for monitoring (\"ok\" is the exit status)\n"
    "  --get KEY    prints one setting the kiosk runs with: rotation, renderer, data,\n"
    "               sound-device or quiet-hours (for scripts such as the kiosk session)\n"
    "Exit status: 0 all well, 1 the configuration, a routine or the database has errors,\n"
    "64 wrong usage.\n";

/* What the sections share: loaded once, as the kiosk would. */
typedef struct {
    command_setup setup;
    const char *config_path; /* the file the kiosk would read, or NULL for none */
    diag_list config_problems;
    routine_library library;
    diag_list routine_problems;
    json_t *json; /* --json: every section adds its part here, and prints no text */
} status_report;

static void status_json_set(const status_report *report, const char *key, json_t *value)
{
    if (report->json)
        json_object_set_new(report->json, key, value);
    else
        json_decref(value);
}

/* The first error of each file with one, as JSON strings "file:line:col: message". */
static json_t *status_json_errors(const diag_list *diag)
{
    json_t *list = json_array();
    const char *shown = NULL;
    for (size_t i = 0; i < diag->count; i++) {
        const diag_entry *e = &diag->entries[i];
        if (e->severity != DIAG_ERROR || (shown && !strcmp(shown, e->file)))
            continue;
        json_array_append_new(list,
                              json_sprintf("%s:%d:%d: %s", e->file, e->line, e->col, e->message));
        shown = e->file;
    }
    return list;
}

static void status_version(FILE *out, const status_report *report)
{
    status_json_set(report, "version", json_string(EASE_VERSION));
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
    json_t *config = json_object();
    json_object_set_new(config, "path",
                        report->config_path ? json_string(report->config_path) : json_null());
    json_object_set_new(config, "used", json_boolean(report->setup.config.path != NULL));
    json_object_set_new(config, "errors", status_json_errors(&report->config_problems));
    status_json_set(report, "configuration", config);
    if (!report->config_path) {
        fprintf(out, "configuration: none (built-in defaults; /etc/ease/kiosk.yaml not found)\n");
        return true;
    }
    bool errors = false;
    for (size_t i = 0; i < report->config_problems.count; i++)
        errors |= report->config_problems.entries[i].severity == DIAG_ERROR &&
                  report->config_problems.entries[i].file &&
                  !strcmp(report->config_problems.entries[i].file, report->config_path);
    if (report->setup.config.path && !errors) {
        fprintf(out, "configuration: %s\n", report->config_path);
        for (size_t i = 0; i < report->config_problems.count; i++)
            if (report->config_problems.entries[i].severity == DIAG_WARNING) {
                fputs("  ", out);
                diag_format_entry(&report->config_problems.entries[i], out);
            }
        return true;
    }
    if (report->setup.config.path)
        fprintf(out,
                "configuration: %s has errors; those keys keep their defaults, every other key "
                "applies\n",
                report->config_path);
    else
        fprintf(out, "configuration: %s cannot be read; the kiosk runs on its defaults\n",
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
    json_t *folders = json_array();
    for (size_t i = 0; i < config->routine_dir_count; i++)
        json_array_append_new(folders, json_string(config->routine_dirs[i]));
    status_json_set(report, "shared_files", json_string(paths_share_dir()));
    status_json_set(report, "routine_folders", folders);
    status_json_set(report, "routines",
                    json_pack("{s:I,s:I,s:o}", "loaded", (json_int_t)report->library.count,
                              "rejected", (json_int_t)report->library.files_rejected, "errors",
                              status_json_errors(&report->routine_problems)));
    status_first_errors(out, &report->routine_problems, "  rejected: ");
    return report->library.files_rejected == 0;
}

static void status_data(FILE *out, const status_report *report)
{
    const char *data = report->setup.config.data_dir;
    struct stat info;
    bool exists = data && stat(data, &info) == 0;
    fprintf(out, "data folder: %s%s\n", data ? data : "(none)", exists ? "" : " (not created yet)");
    status_json_set(
        report, "data_folder",
        json_pack("{s:o,s:b}", "path", data ? json_string(data) : json_null(), "exists", exists));
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
        status_json_set(report, "database",
                        json_pack("{s:o,s:b}", "path", path ? json_string(path) : json_null(),
                                  "exists", false));
        free(path);
        return true;
    }
    fprintf(out, "database: %s (%.1f MB)\n", path, (double)info.st_size / 1e6);
    json_t *database =
        json_pack("{s:s,s:b,s:I}", "path", path, "exists", true, "bytes", (json_int_t)info.st_size);
    status_json_set(report, "database", database);
    free(path);
    store *s = NULL;
    store_error err = {0};
    int64_t visits = 0, newest = 0;
    bool ok = store_open_read_only(data, &s, &err) && store_count(s, &visits, &newest, &err);
    store_close(s);
    if (!ok) {
        fprintf(out, "  cannot read it: %s\n", err.message);
        if (report->json)
            json_object_set_new(database, "error", json_string(err.message));
        return false;
    }
    char when[32] = "none";
    if (visits > 0)
        store_format_utc(newest, when);
    fprintf(out, "visits: %lld, the last started %s\n", (long long)visits, when);
    if (report->json) {
        json_object_set_new(database, "visits", json_integer(visits));
        json_object_set_new(database, "last_visit_started",
                            visits > 0 ? json_string(when) : json_null());
    }
    return true;
}

/* The clinic group's server, when configured: what the kiosk's worker last saw (its
 * fleet-state.json) and how many visits wait in the records to be sent. */
static void status_fleet(FILE *out, status_report *report)
{
    const ease_config *c = &report->setup.config;
    const fleet_config *f = &c->fleet;
    json_t *fleet = json_object();
    json_object_set_new(fleet, "enabled", json_boolean(f->enabled));
    if (!f->enabled) {
        fputs("fleet: none (visits stay on this kiosk)\n", out);
        status_json_set(report, "fleet", fleet);
        return;
    }
    fprintf(out, "fleet: server %s port %d database %s, kiosk %s in clinic %s, tls %s\n", f->server,
            f->port, f->database, f->kiosk, f->clinic, fleet_tls_name(f->tls));
    fprintf(out, "  published routines: %s\n", f->routines);
    json_object_set_new(fleet, "server", json_string(f->server));
    json_object_set_new(fleet, "kiosk", json_string(f->kiosk));
    json_object_set_new(fleet, "clinic", json_string(f->clinic));
    fleet_status state;
    if (!fleet_state_read(c->data_dir, &state)) {
        fputs("  state: not yet connected (the kiosk has not run with this fleet)\n", out);
        json_object_set_new(fleet, "connected", json_false());
    } else {
        char when[32] = "never";
        if (state.last_sync_utc_ms > 0)
            store_format_utc(state.last_sync_utc_ms, when);
        fprintf(out, "  connected: %s; last sync %s%s%s\n", state.connected ? "yes" : "no", when,
                state.last_error[0] ? "; last error: " : "", state.last_error);
        json_object_set_new(fleet, "connected", json_boolean(state.connected));
        json_object_set_new(fleet, "last_sync",
                            state.last_sync_utc_ms > 0 ? json_string(when) : json_null());
        json_object_set_new(fleet, "last_error", json_string(state.last_error));
    }
    store *s = NULL;
    store_error err = {0};
    int64_t waiting = 0;
    if (store_open_read_only(c->data_dir, &s, &err) && store_count_unshipped(s, &waiting, &err)) {
        fprintf(out, "  visits waiting to be sent: %lld\n", (long long)waiting);
        json_object_set_new(fleet, "visits_waiting", json_integer(waiting));
    }
    store_close(s);
    status_json_set(report, "fleet", fleet);
}

/* The sound: the device the kiosk would open, opened the same way for a moment. No device is
 * not an error (the kiosk runs silently), but a technician should know. */
static void status_audio(FILE *out, const status_report *report)
{
    alsa_quiet();
    const char *device = report->setup.config.sound_device;
    if (device) { /* as the kiosk does: an ALSA device name, so ALSA */
        setenv("AUDIODEV", device, 0);
        setenv("SDL_AUDIODRIVER", "alsa", 0);
    }
    audio *au = audio_open(true, NULL, 0);
    if (!au) {
        fputs("audio: (out of memory)\n", out);
        return;
    }
    if (audio_is_live(au)) {
        const char *driver = SDL_GetCurrentAudioDriver();
        char *name = NULL;
        SDL_AudioSpec spec;
        if (device)
            name = SDL_strdup(device);
        else if (SDL_GetDefaultAudioInfo(&name, &spec, 0) != 0)
            name = NULL;
        fprintf(out, "audio: %s (driver %s), playing\n", name ? name : "the default device",
                driver ? driver : "?");
        status_json_set(report, "audio",
                        json_pack("{s:b,s:s,s:s}", "live", true, "device",
                                  name ? name : "the default device", "driver",
                                  driver ? driver : "?"));
        SDL_free(name);
    } else {
        const char *why = audio_silent_reason(au);
        fprintf(out, "audio: none (%s); the kiosk runs silently, with captions\n",
                why ? why : "no sound device");
        status_json_set(
            report, "audio",
            json_pack("{s:b,s:s}", "live", false, "why", why ? why : "no sound device"));
    }
    audio_close(au);
    SDL_Quit();
}

/* The renderer the kiosk service picks under cage on this box, and why. */
static void status_renderer(FILE *out, const status_report *report)
{
    renderer_choice choice;
    renderer_setup_choose(GFX_RENDERER_AUTO, report->setup.config.path, true, &choice);
    fprintf(out, "renderer: %s\n", choice.reason);
    status_json_set(report, "renderer",
                    json_pack("{s:s,s:s?,s:b,s:s}", "kind", config_renderer_name(choice.renderer),
                              "video_driver", choice.video_driver, "software_gl",
                              choice.software_gl, "reason", choice.reason));
}

/* --get: one setting, as the kiosk would run with it; false for an unknown key. */
static bool status_get(const ease_config *config, const char *key)
{
    if (!strcmp(key, "rotation"))
        printf("%d\n", config->rotation_degrees);
    else if (!strcmp(key, "renderer"))
        printf("%s\n", config_renderer_name(config->renderer));
    else if (!strcmp(key, "data"))
        printf("%s\n", config->data_dir ? config->data_dir : "");
    else if (!strcmp(key, "sound-device"))
        printf("%s\n", config->sound_device ? config->sound_device : "");
    else if (!strcmp(key, "quiet-hours")) {
        int from = config->quiet_start_minute, to = config->quiet_end_minute;
        if (from != to)
            printf("%02d:%02d-%02d:%02d\n", from / 60, from % 60, to / 60, to % 60);
        else
            printf("\n");
    } else
        return false;
    return true;
}

int command_status(int argc, char **argv)
{
    const char *config_path = NULL, *data_dir = NULL, *get = NULL;
    bool json = false;
    const cli_option options[] = {
        {.name = "--config", .kind = CLI_TEXT, .target = &config_path},
        {.name = "--data", .kind = CLI_TEXT, .target = &data_dir},
        {.name = "--get", .kind = CLI_TEXT, .target = &get},
        {.name = "--json", .kind = CLI_FLAG, .target = &json},
    };
    const cli_command_line line = {.command = "status",
                                   .usage = status_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options)};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;
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
    if (data_dir) {
        char *copy = strdup(data_dir);
        if (!copy) {
            command_setup_free(&report.setup);
            diag_free(&report.config_problems);
            diag_free(&report.routine_problems);
            fputs("ease status: out of memory\n", stderr);
            return EXIT_SOFTWARE;
        }
        free(report.setup.config.data_dir);
        report.setup.config.data_dir = copy;
    }
    if (get) {
        bool known = status_get(&report.setup.config, get);
        if (!known)
            fprintf(stderr,
                    "ease status: --get knows rotation, renderer, data, sound-device and "
                    "quiet-hours, not '%s'\n",
                    get);
        command_setup_free(&report.setup);
        diag_free(&report.config_problems);
        diag_free(&report.routine_problems);
        return known ? EXIT_OK : EXIT_USAGE;
    }
    library_load_folders(&report.library, report.setup.config.routine_dirs,
                         report.setup.config.routine_dir_count, &report.setup.poses,
                         &report.routine_problems);
    diag_sort(&report.routine_problems);

    /* --json: the text sections write into nothing, and each adds its part to one object. */
    report.json = json ? json_object() : NULL;
    FILE *text = json ? fopen("/dev/null", "w") : stdout;
    bool ok = text != NULL && (!json || report.json);
    if (ok) {
        status_version(text, &report);
        ok = status_configuration(text, &report) && ok;
        ok = status_routines(text, &report) && ok;
        status_data(text, &report);
        ok = status_database(text, &report) && ok;
        status_fleet(text, &report);
        status_renderer(text, &report);
        status_audio(text, &report);
    }
    if (json && text) {
        fclose(text);
        json_object_set_new(report.json, "ok", json_boolean(ok));
        json_dumpf(report.json, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
    }
    json_decref(report.json);

    library_free(&report.library);
    command_setup_free(&report.setup);
    diag_free(&report.config_problems);
    diag_free(&report.routine_problems);
    return ok ? EXIT_OK : EXIT_PROBLEMS;
}
