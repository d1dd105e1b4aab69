#include "app_fleet.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "audio.h"
#include "fleet_worker.h"
#include "source_file.h"

enum { APP_FLEET_HEALTH_EVERY_MS = 5000 };

/* Wall-clock time for the worker: what its records and heartbeats are stamped with. */
static int64_t app_fleet_utc_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

void app_fleet_start(app *a, const char *data_dir)
{
    const fleet_config *f = &a->config.fleet;
    if (!f->enabled || !a->options.keep_records || a->fleet.worker)
        return;
    /* The published routines' folder exists before the folder watch opens, so the first routine
     * pulled is seen. */
    int made = source_file_make_folder(f->routines);
    if (made)
        fprintf(stderr, "ease: cannot make %s for published routines: %s\n", f->routines,
                strerror(made));
    char message[256];
    a->fleet.worker =
        fleet_worker_start(f, data_dir, f->routines, app_fleet_utc_ms, message, sizeof message);
    if (a->fleet.worker)
        fprintf(stderr, "ease: sending visits to the fleet server %s as kiosk %s of %s\n",
                f->server, f->kiosk, f->clinic);
    else
        fprintf(stderr, "ease: %s; visits stay on this kiosk\n", message);
    a->fleet.health_at_ms = 0;
}

void app_fleet_update(app *a, int64_t now_ms)
{
    if (!a->fleet.worker)
        return;
    if (a->records.saved != a->fleet.saved_seen) {
        a->fleet.saved_seen = a->records.saved;
        fleet_worker_wake(a->fleet.worker);
    }
    /* Health once the routines are loaded (after the first frame), so the first heartbeat
     * counts them. */
    if (now_ms < a->fleet.health_at_ms || !a->routines_loaded)
        return;
    a->fleet.health_at_ms = now_ms + APP_FLEET_HEALTH_EVERY_MS;
    fleet_health health = {.routines_loaded = (int)a->library.count,
                           .routines_rejected = (int)a->library.files_rejected};
    snprintf(health.version, sizeof health.version, "%s", EASE_VERSION);
    const char *silent = audio_is_live(a->audio) ? NULL : audio_silent_reason(a->audio);
    snprintf(health.sound, sizeof health.sound, "%s", silent ? "silent" : "playing");
    if (!recorder_all_stored(&a->records))
        snprintf(health.last_error, sizeof health.last_error, "records: %s",
                 a->records.problem.message);
    fleet_worker_set_health(a->fleet.worker, &health);
    /* The journal hears when the link comes and goes, and each new problem, once. */
    fleet_status status;
    fleet_worker_status(a->fleet.worker, &status);
    if (status.connected != a->fleet.connected || strcmp(status.last_error, a->fleet.said)) {
        if (status.last_error[0])
            fprintf(stderr, "ease: fleet: %s\n", status.last_error);
        else
            fprintf(stderr, "ease: fleet: connected; %lld visit(s) sent, %lld waiting\n",
                    (long long)status.shipped, (long long)status.waiting);
        a->fleet.connected = status.connected;
        snprintf(a->fleet.said, sizeof a->fleet.said, "%s", status.last_error);
    }
}

void app_fleet_stop(app *a)
{
    fleet_worker_stop(a->fleet.worker);
    a->fleet.worker = NULL;
}
