/* The kiosk's side of the clinic group (app_fleet.c): the fleet worker started with the kiosk
 * when kiosk.yaml has a 'fleet:' section, told each few seconds how the kiosk is, woken when a
 * visit was stored, and stopped with the kiosk. With no 'fleet:' section none of this runs: no
 * thread, no connection. */
#ifndef EASE_APP_FLEET_H
#define EASE_APP_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;
struct fleet_worker;

typedef struct {
    struct fleet_worker *worker; /* NULL without a 'fleet:' section */
    int64_t health_at_ms;        /* when to tell the worker how the kiosk is next */
    size_t saved_seen;           /* the recorder's writes when the worker was last woken */
    bool connected;
    char said[512]; /* the worker's last problem, as logged */
} app_fleet;

void app_fleet_start(struct app *a, const char *data_dir);
void app_fleet_update(struct app *a, int64_t now_ms);
void app_fleet_stop(struct app *a);

#endif
