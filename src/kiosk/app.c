/* The kiosk's state: set up, taken down, and moved to the frame's time by one call per concern
 * (loading: app_load.c, sound: app_sound.c, records: app_records.c, input: app_input.c,
 * drawing and frame times: app_frame.c). */
#include "app.h"
#include "app_fleet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "instance_lock.h"
#include "pacer.h"
#include "paths.h"
#include "source_file.h"

bool app_init(app *a, const app_options *opts, char *error, size_t size)
{
    /* a->g is already open: keep it, set up everything else. */
    gfx g = a->g;
    memset(a, 0, sizeof *a);
    a->g = g;
    a->options = *opts;
    diag_init(&a->problems);
    char *routines = paths_bundled_routines();
    char *data =
        paths_default_data_for(opts->config_path ? opts->config_path : paths_default_config());
    bool ok = routines && data && config_defaults(&a->config, routines, data);
    free(routines);
    free(data);
    if (!ok) {
        snprintf(error, size, "out of memory");
        return false;
    }
    /* A broken configuration must not keep the kiosk from starting: each bad key keeps its
     * default, every other key (the staff PIN above all) applies, and a note. */
    const char *config_path = opts->config_path ? opts->config_path : paths_default_config();
    if (config_path) {
        diag_list config_problems;
        diag_init(&config_problems);
        bool used = config_load(&a->config, config_path, &config_problems);
        /* Warnings too (a routine folder that is missing): the journal is where a technician
         * looks first. */
        diag_sort(&config_problems);
        diag_print(&config_problems, stderr);
        if (!used) {
            a->config_message = app_first_problem(&config_problems);
            fprintf(stderr,
                    a->config.path ? "ease: %s has errors; those keys keep their defaults, "
                                     "every other key applies\n"
                                   : "ease: %s cannot be read; starting with the defaults\n",
                    config_path);
        }
        diag_free(&config_problems);
    }
    {
        const char *data_dir = opts->data_dir ? opts->data_dir : a->config.data_dir;
        a->staff_key_path = data_dir ? source_file_join(data_dir, "staff-open") : NULL;
    }
    catalogue_init(&a->strings);
    char *lang_dir = source_file_join(paths_share_dir(), "assets/lang");
    if (!lang_dir || !catalogue_load_dir(&a->strings, lang_dir, &a->problems) ||
        !catalogue_find(&a->strings, "en")) {
        snprintf(error, size, "cannot read the kiosk's words from %s; reinstall Ease",
                 lang_dir ? lang_dir : "assets/lang");
        free(lang_dir);
        return false;
    }
    free(lang_dir);
    if (a->config.path) {
        /* A clinic's own language files beside its kiosk.yaml. */
        char *folder = source_file_dirname(a->config.path);
        char *own = folder ? source_file_join(folder, "lang") : NULL;
        if (own && source_file_is_dir(own))
            catalogue_load_dir(&a->strings, own, &a->problems);
        free(own);
        free(folder);
    }
    pose_library_init(&a->poses);
    char *poses_dir = paths_shared_poses();
    if (poses_dir)
        pose_library_load_dir(&a->poses, poses_dir, &a->problems);
    free(poses_dir);
    if (opts->defer_routines)
        library_init(&a->library);
    else
        app_load_routines(a);
    diag_sort(&a->problems);
    if (a->problems.errors)
        diag_print(&a->problems, stderr);

    flow_settings settings = {.idle_ms = a->config.idle_ms,
                              .rate_before = a->config.rate_before,
                              .rate_after = a->config.rate_after,
                              .language = a->config.language,
                              .kiosk = a->config.kiosk,
                              .app_version = EASE_VERSION,
                              .staff_pin_hash = a->config.staff_pin_hash,
                              .speed_permille = opts->speed_permille};
    /* Looking for a sound device can take a tenth of a second (longer where there is none):
     * the kiosk shows its first frame first and opens the sound after (app_open_sound). */
    bool sound_now = opts->sound && !opts->defer_routines;
    a->sound_pending = opts->sound && !sound_now;
    a->audio_opened = sound_now; /* its trace, if any, is open: a reopen must not truncate it */
    a->audio = audio_open(sound_now, opts->audio_trace, (int64_t)SDL_GetTicks64());
    if (!a->audio) {
        snprintf(error, size, "out of memory");
        return false;
    }
    a->volume = a->config.volume;
    audio_set_volume(a->audio, a->volume, false);
    a->now_ms = app_clock_ms(a, (int64_t)SDL_GetTicks64());
    flow_init(&a->flow, &a->library, &a->poses, &settings, a->now_ms);
    if (opts->keep_records) {
        const char *data_dir = opts->data_dir ? opts->data_dir : a->config.data_dir;
        /* One kiosk per data folder: a second start says so and stops. */
        a->instance_lock = instance_lock_take(data_dir ? data_dir : ".", error, size);
        if (a->instance_lock == INSTANCE_LOCK_HELD_BY_ANOTHER)
            return false;
        if (a->instance_lock < 0) /* a folder nobody can use: carry on, the records say why */
            fprintf(stderr, "ease: %s\n", error);
        struct timespec wall;
        clock_gettime(CLOCK_REALTIME, &wall); /* names a damaged database moved aside */
        recorder_init(&a->records, data_dir, a->now_ms,
                      (int64_t)wall.tv_sec * 1000 + wall.tv_nsec / 1000000);
        if (a->records.moved_aside[0])
            fprintf(stderr,
                    "ease: the records database could not be used; it was moved aside to %s "
                    "and a new one started\n",
                    a->records.moved_aside);
        if (a->records.replayed)
            fprintf(stderr, "ease: %zu visit(s) waiting from the last run read back from %s\n",
                    a->records.replayed, "ease.sqlite.pending");
        if (recorder_all_stored(&a->records))
            fprintf(stderr, "ease: keeping visits in %s/ease.sqlite\n", data_dir);
        else
            fprintf(stderr, "ease: %s\n", a->records.problem.message);
        if (a->records.interrupted)
            fprintf(stderr, "ease: %zu visit(s) cut short by a restart are kept as abandoned\n",
                    a->records.interrupted);
        app_fleet_start(a, data_dir);
    }
    theme_colours_for(a->config.theme, &a->colours);
    theme_layout_for(a->g.width, a->g.height, a->g.pixels_per_mm, &a->layout);
    if (!text_init(&a->text, a->g.renderer, error, size))
        return false;
    ui_reset(&a->ui);
    a->drawn_screen = FLOW_SCREEN_COUNT;
    a->traced = FLOW_SCREEN_COUNT;
    const char *trace = getenv("EASE_TRACE");
    a->trace = trace && *trace && strcmp(trace, "0") != 0;
    a->dirty = true;
    return true;
}

void app_set_notice(app *a, const char *text)
{
    free(a->notice);
    a->notice = text ? strdup(text) : NULL;
    a->dirty = true;
}

void app_free(app *a)
{
    app_fleet_stop(a);
    if (a->options.keep_records) {
        recorder_service(&a->records, INT64_MAX, a->utc_ms); /* one last try for anything */
        recorder_wait(&a->records);
        if (a->records.pending_count)
            fprintf(stderr,
                    "ease: %zu visit(s) could not be saved: %s; they wait in ease.sqlite.pending "
                    "for the next start\n",
                    a->records.pending_count, a->records.problem.message);
        recorder_free(&a->records);
    }
    report_free(&a->staff_today);
    report_free(&a->staff_week);
    free(a->notice);
    speech_stop(a->speech);
    app_read_aloud_stop(a);
    a->speech = NULL;
    audio_close(a->audio);
    a->audio = NULL;
    flow_free(&a->flow);
    draw_picture_free(&a->pictures); /* before the renderer it was made for goes */
    app_fade_free(a);
    text_shutdown(a->text);
    a->text = NULL;
    app_reload_routines_discard(a); /* its thread reads the poses */
    library_free(&a->library);
    pose_library_free(&a->poses);
    catalogue_free(&a->strings);
    config_free(&a->config);
    diag_free(&a->problems);
    free(a->config_message);
    free(a->staff_key_path);
    if (a->instance_lock > 0)
        close(a->instance_lock); /* after the records' last write */
}

const char *app_lang(const app *a)
{
    return a->flow.language;
}

const char *app_str(const app *a, const char *key)
{
    return catalogue_get(&a->strings, app_lang(a), key);
}

const char *app_language_code(const app *a, int index)
{
    for (size_t i = 0; i < a->config.language_count; i++)
        if (catalogue_find(&a->strings, a->config.languages[i]) && index-- == 0)
            return a->config.languages[i];
    return NULL;
}

/* One concern a call, in the order a frame needs them (as mpv's playloop): the routine playing
 * and its sound, the records, the staff's gesture, then what a new screen resets. */
void app_update(app *a, int64_t now_ms, int64_t utc_ms)
{
    a->now_ms = now_ms;
    a->utc_ms = utc_ms;
    app_sound_update(a, now_ms, utc_ms);
    app_reload_routines_poll(a); /* routines loaded off the frame loop, swapped in when ready */
    app_records_update(a, now_ms, utc_ms);
    app_input_update(a, now_ms, utc_ms);
    app_frame_update(a);
}
