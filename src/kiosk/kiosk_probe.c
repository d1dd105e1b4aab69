#include "kiosk_probe.h"

#include <stdlib.h>

app *probe_open(int w, int h, const app_options *opts, char *error, size_t size)
{
    app *a = calloc(1, sizeof *a);
    bool drawn = a && gfx_open_offscreen(&a->g, w, h, error, size);
    if (drawn && app_init(a, opts, error, size))
        return a;
    if (!a)
        snprintf(error, size, "out of memory");
    else if (drawn)
        probe_close(a); /* app_free undoes a partial app_init, then the target goes */
    else
        free(a);
    return NULL;
}

void probe_close(app *a)
{
    if (!a)
        return;
    app_free(a);
    gfx_close(&a->g);
    free(a);
}

const flow *probe_flow(const app *a)
{
    return &a->flow;
}

int64_t probe_now_ms(const app *a)
{
    return a->now_ms;
}

int64_t probe_utc_ms(const app *a)
{
    return a->utc_ms;
}

gfx *probe_gfx(app *a)
{
    return &a->g;
}

const ui_state *probe_ui(const app *a)
{
    return &a->ui;
}

const theme_colours *probe_colours(const app *a)
{
    return &a->colours;
}

const theme_layout *probe_layout(const app *a)
{
    return &a->layout;
}

const ease_config *probe_config(const app *a)
{
    return &a->config;
}

const routine_library *probe_library(const app *a)
{
    return &a->library;
}

bool probe_library_loading(const app *a)
{
    return a->loader != NULL;
}

audio *probe_audio(app *a)
{
    return a->audio;
}

recorder *probe_recorder(app *a)
{
    return &a->records;
}

bool probe_staff_counts(const app *a, const report **today, const report **week)
{
    *today = &a->staff_today;
    *week = &a->staff_week;
    return a->staff_stats_ok;
}

const char *probe_staff_key_path(const app *a)
{
    return a->staff_key_path;
}

text_system *probe_text(app *a)
{
    return a->text;
}

const catalogue *probe_strings(const app *a)
{
    return &a->strings;
}

bool probe_read_aloud(const app *a)
{
    return a->read_aloud;
}

const read_aloud_list *probe_read_said(const app *a)
{
    return &a->read_said;
}

size_t probe_read_fed(const app *a)
{
    return a->read_fed;
}

bool probe_busy(const app *a)
{
    return app_animating(a) || a->dirty || a->corner_held;
}
