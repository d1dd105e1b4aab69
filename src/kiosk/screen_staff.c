/* The staff screens: a PIN keypad (the digits never shown, only dots), then a small screen to
 * leave the kiosk, reload the routines, see what was left out and why, and see the records
 * (screen_staff_records.c). */
#include "app.h"

#include <string.h>
#include <time.h>

void screen_staff_pin_draw(app *a)
{
    const theme_layout *l = &a->layout;
    float w = (float)l->width, h = (float)l->height;
    float y = screen_title(
        a, app_str(a, a->flow.staff_pin_hash ? "staff-pin-title" : "staff-locked-title"));
    char line[1024];
    if (!a->flow.staff_pin_hash) {
        /* No PIN and no key file: shut, and the way in for a technician (no patient has a
         * shell to create the file with). */
        catalogue_format(&a->strings, app_lang(a), "staff-locked", line, sizeof line, "file",
                         a->staff_key_path ? a->staff_key_path : "staff-open", NULL);
        app_text(a, line, (SDL_FRect){l->margin, y, w - 2 * l->margin, l->text_px * 6}, l->text_px,
                 TEXT_REGULAR, TEXT_LEFT, a->colours.text);
        screen_back_button(a);
        return;
    }
    size_t entered = strlen(a->flow.pin_entry);
    /* Dots for the digits typed: enough to see progress, nothing to read over a shoulder. */
    float dot = l->text_px * 0.35f;
    for (size_t i = 0; i < entered; i++)
        gfx_fill_disc(&a->g, l->margin + dot + (float)i * dot * 3, y + dot, dot, a->colours.text);
    y += dot * 2 + l->gap;
    int64_t wait_ms = flow_pin_wait_ms(&a->flow, a->now_ms);
    char seconds[24];
    snprintf(seconds, sizeof seconds, "%lld", (long long)(wait_ms + 999) / 1000);
    catalogue_format(&a->strings, app_lang(a), "pin-wait", line, sizeof line, "n", seconds, NULL);
    if (a->flow.pin_wrong || wait_ms > 0)
        y += app_text(a, wait_ms > 0 ? line : app_str(a, "pin-wrong"),
                      (SDL_FRect){l->margin, y, w - 2 * l->margin, l->text_px * 1.5f}, l->text_px,
                      TEXT_BOLD, TEXT_LEFT, a->colours.accent) +
             l->gap * 0.5f;
    float cancel_h = screen_back_button(a);
    float pad_h = h - y - l->margin - cancel_h - l->gap;
    float key = (pad_h - 3 * l->gap) / 4;
    float most = (w - 2 * l->margin - 2 * l->gap) / 3;
    if (key > most)
        key = most;
    if (key > l->target_px * 2)
        key = l->target_px * 2;
    float x0 = (w - 3 * key - 2 * l->gap) / 2;
    static const int layout[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0, -2};
    for (int i = 0; i < 12; i++) {
        SDL_FRect rect = {x0 + (float)(i % 3) * (key + l->gap), y + (float)(i / 3) * (key + l->gap),
                          key, key};
        char label[4];
        if (layout[i] == -1) {
            app_button(a, rect, app_str(a, "erase"), BUTTON_QUIET, ACTION_PIN_ERASE, 0);
        } else if (layout[i] == -2) {
            app_button(a, rect, app_str(a, "ok"), BUTTON_PRIMARY, ACTION_PIN_OK, 0);
        } else {
            snprintf(label, sizeof label, "%d", layout[i]);
            app_button(a, rect, label, BUTTON_SECONDARY, ACTION_PIN_DIGIT, layout[i]);
        }
    }
}

void screen_staff_draw(app *a)
{
    const theme_layout *l = &a->layout;
    float w = (float)l->width, h = (float)l->height;
    float y = screen_title(a, app_str(a, "staff-title"));
    char line[512], n[16];
    snprintf(n, sizeof n, "%zu", a->library.count);
    catalogue_format(&a->strings, app_lang(a), "staff-routines", line, sizeof line, "n", n, NULL);
    float button_h = l->target_px * 1.3f;
    float text_bottom = h - l->margin - 2 * button_h - 2 * l->gap;
    /* Left: what is running and what is wrong with it; right: the records. */
    float column_w = (w - 2 * l->margin - l->gap) / 2;
    SDL_FRect box = {l->margin, y, column_w, text_bottom - y};
    screen_staff_records_draw(
        a, (SDL_FRect){l->margin + column_w + l->gap, y, column_w, text_bottom - y});
    /* What a technician needs to see: what is running, what was left out and why. */
    char status[4096];
    size_t used = (size_t)snprintf(status, sizeof status, "%s", line);
    snprintf(n, sizeof n, "%zu", a->flow.visits_ended);
    catalogue_format(&a->strings, app_lang(a), "staff-visits", line, sizeof line, "n", n, NULL);
    used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    if (!a->flow.staff_pin_hash) {
        catalogue_format(&a->strings, app_lang(a), "staff-no-pin", line, sizeof line, "file",
                         a->staff_key_path ? a->staff_key_path : "staff-open", NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    const staff_pin_throttle *guess = &a->flow.pin_throttle;
    if (guess->wrong_total && used < sizeof status) {
        char when[16];
        time_t seconds = (time_t)(guess->last_wrong_utc_ms / 1000);
        struct tm local;
        if (localtime_r(&seconds, &local))
            strftime(when, sizeof when, "%H:%M", &local);
        else
            snprintf(when, sizeof when, "?");
        snprintf(n, sizeof n, "%zu", guess->wrong_total);
        catalogue_format(&a->strings, app_lang(a), "staff-pin-wrong-count", line, sizeof line, "n",
                         n, "time", when, NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    if (!audio_is_live(a->audio) && used < sizeof status)
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s",
                                 app_str(a, "staff-no-sound"));
    size_t skipped = audio_files_skipped(a->audio) + a->pictures_skipped;
    if (skipped && used < sizeof status) {
        snprintf(n, sizeof n, "%u", (unsigned)(skipped < 9999 ? skipped : 9999));
        catalogue_format(&a->strings, app_lang(a), "staff-media-skipped", line, sizeof line, "n", n,
                         NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    snprintf(n, sizeof n, "%d", a->volume);
    catalogue_format(&a->strings, app_lang(a), "staff-volume", line, sizeof line, "n", n, NULL);
    if (used < sizeof status)
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s%s%s", line,
                                 a->muted ? " · " : "", a->muted ? app_str(a, "staff-muted") : "");
    if (a->config_message && used < sizeof status) {
        catalogue_format(&a->strings, app_lang(a), "staff-config-broken", line, sizeof line,
                         "problem", a->config_message, NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    const char *last_file = NULL;
    for (size_t i = 0; i < a->problems.count && i < 6 && used < sizeof status; i++) {
        const diag_entry *e = &a->problems.entries[i];
        if (e->severity != DIAG_ERROR)
            continue;
        const char *name = strrchr(e->file, '/');
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s:%d: %s",
                                 name ? name + 1 : e->file, e->line, e->message);
        /* A routine still loaded from a file with errors is its last good version. */
        for (size_t j = 0; j < a->library.count && used < sizeof status; j++) {
            const routine *r = a->library.routines[j];
            if (strcmp(r->path, e->file) || (last_file && !strcmp(last_file, e->file)))
                continue;
            catalogue_format(&a->strings, app_lang(a), "staff-kept-last-good", line, sizeof line,
                             "id", r->id, NULL);
            used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
        }
        last_file = e->file;
    }
    if (used < sizeof status)
        snprintf(status + used, sizeof status - used, "\nEase %s · %s · %dx%d", EASE_VERSION,
                 a->g.renderer_name, l->width, l->height);
    text_style style = {.box = box,
                        .size_px = l->small_px,
                        .min_px = 16,
                        .weight = TEXT_REGULAR,
                        .align = TEXT_LEFT,
                        .colour = a->colours.text};
    text_draw(&a->text, status, &style, NULL);
    float bw = (w - 2 * l->margin - 2 * l->gap) / 3;
    float by = h - l->margin - button_h;
    app_button(a, (SDL_FRect){l->margin, by, bw, button_h}, app_str(a, "staff-back"),
               BUTTON_PRIMARY, ACTION_STAFF_LEAVE, 0);
    app_button(a, (SDL_FRect){l->margin + bw + l->gap, by, bw, button_h},
               app_str(a, "staff-reload"), BUTTON_SECONDARY, ACTION_STAFF_RELOAD, 0);
    app_button(a, (SDL_FRect){l->margin + 2 * (bw + l->gap), by, bw, button_h},
               app_str(a, "staff-exit"), BUTTON_STOP, ACTION_STAFF_QUIT, 0);
    /* Sound: the clinic's volume for today, mute, and a bell to hear what patients hear. */
    float sw = (w - 2 * l->margin - 3 * l->gap) / 4;
    float sy = by - l->gap - button_h;
    app_button(a, (SDL_FRect){l->margin, sy, sw, button_h}, app_str(a, "staff-quieter"),
               BUTTON_SECONDARY, ACTION_VOLUME, -10);
    app_button(a, (SDL_FRect){l->margin + sw + l->gap, sy, sw, button_h},
               app_str(a, "staff-louder"), BUTTON_SECONDARY, ACTION_VOLUME, 10);
    app_button(a, (SDL_FRect){l->margin + 2 * (sw + l->gap), sy, sw, button_h},
               app_str(a, a->muted ? "staff-unmute" : "staff-mute"), BUTTON_SECONDARY, ACTION_MUTE,
               0);
    app_button(a, (SDL_FRect){l->margin + 3 * (sw + l->gap), sy, sw, button_h},
               app_str(a, "staff-sound"), BUTTON_QUIET, ACTION_SOUND_TEST, 0);
}
