/* The staff screens: a PIN keypad (the digits never shown, only dots), then a small screen to
 * leave the kiosk, reload the routines, see what was left out and why, and see the records
 * (screen_staff_records.c). */
#include "screen.h"

#include <string.h>
#include <time.h>

static void screen_staff_pin_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    float y = screen_title(
        ctx, screen_str(ctx, ctx->flow->staff_pin_hash ? "staff-pin-title" : "staff-locked-title"));
    char line[1024];
    if (!ctx->flow->staff_pin_hash) {
        /* No PIN and no key file: shut, and the way in for a technician (no patient has a
         * shell to create the file with). */
        catalogue_format(ctx->strings, ctx->lang, "staff-locked", line, sizeof line, "file",
                         ctx->kiosk->staff_key_path ? ctx->kiosk->staff_key_path : "staff-open",
                         NULL);
        screen_text(ctx, line, (SDL_FRect){l->margin, y, w - 2 * l->margin, l->text_px * 6},
                    l->text_px, TEXT_REGULAR, TEXT_LEFT, ctx->colours->text);
        screen_back_button(ctx);
        return;
    }
    size_t entered = strlen(ctx->flow->pin_entry);
    /* Dots for the digits typed: enough to see progress, nothing to read over a shoulder. */
    float dot = l->text_px * 0.35f;
    for (size_t i = 0; i < entered; i++)
        gfx_fill_disc(ctx->g, l->margin + dot + (float)i * dot * 3, y + dot, dot,
                      ctx->colours->text);
    y += dot * 2 + l->gap;
    int64_t wait_ms = flow_pin_wait_ms(ctx->flow, ctx->now_ms);
    char seconds[24];
    snprintf(seconds, sizeof seconds, "%lld", (long long)(wait_ms + 999) / 1000);
    catalogue_format(ctx->strings, ctx->lang, "pin-wait", line, sizeof line, "n", seconds, NULL);
    if (ctx->flow->pin_wrong || wait_ms > 0)
        y += screen_text(ctx, wait_ms > 0 ? line : screen_str(ctx, "pin-wrong"),
                         (SDL_FRect){l->margin, y, w - 2 * l->margin, l->text_px * 1.5f},
                         l->text_px, TEXT_BOLD, TEXT_LEFT, ctx->colours->accent) +
             l->gap * 0.5f;
    float cancel_h = screen_back_button(ctx);
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
            screen_button(ctx, rect, screen_str(ctx, "erase"), BUTTON_QUIET, ACTION_PIN_ERASE, 0);
        } else if (layout[i] == -2) {
            screen_button(ctx, rect, screen_str(ctx, "ok"), BUTTON_PRIMARY, ACTION_PIN_OK, 0);
        } else {
            snprintf(label, sizeof label, "%d", layout[i]);
            screen_button(ctx, rect, label, BUTTON_SECONDARY, ACTION_PIN_DIGIT, layout[i]);
        }
    }
}

static void screen_staff_draw(screen_context *ctx)
{
    const theme_layout *l = ctx->layout;
    float w = (float)l->width, h = (float)l->height;
    float y = screen_title(ctx, screen_str(ctx, "staff-title"));
    char line[512], n[16];
    snprintf(n, sizeof n, "%zu", ctx->kiosk->library->count);
    catalogue_format(ctx->strings, ctx->lang, "staff-routines", line, sizeof line, "n", n, NULL);
    float button_h = l->target_px * 1.3f;
    float text_bottom = h - l->margin - 2 * button_h - 2 * l->gap;
    /* Left: what is running and what is wrong with it; right: the records. */
    float column_w = (w - 2 * l->margin - l->gap) / 2;
    SDL_FRect box = {l->margin, y, column_w, text_bottom - y};
    screen_staff_records_draw(
        ctx, (SDL_FRect){l->margin + column_w + l->gap, y, column_w, text_bottom - y});
    /* What a technician needs to see: what is running, what was left out and why. */
    char status[4096];
    size_t used = (size_t)snprintf(status, sizeof status, "%s", line);
    snprintf(n, sizeof n, "%zu", ctx->flow->visits_ended);
    catalogue_format(ctx->strings, ctx->lang, "staff-visits", line, sizeof line, "n", n, NULL);
    used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    if (!ctx->flow->staff_pin_hash) {
        catalogue_format(ctx->strings, ctx->lang, "staff-no-pin", line, sizeof line, "file",
                         ctx->kiosk->staff_key_path ? ctx->kiosk->staff_key_path : "staff-open",
                         NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    const staff_pin_throttle *guess = &ctx->flow->pin_throttle;
    if (guess->wrong_total && used < sizeof status) {
        char when[16];
        time_t seconds = (time_t)(guess->last_wrong_utc_ms / 1000);
        struct tm local;
        if (localtime_r(&seconds, &local))
            strftime(when, sizeof when, "%H:%M", &local);
        else
            snprintf(when, sizeof when, "?");
        snprintf(n, sizeof n, "%zu", guess->wrong_total);
        catalogue_format(ctx->strings, ctx->lang, "staff-pin-wrong-count", line, sizeof line, "n",
                         n, "time", when, NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    if (!ctx->kiosk->sound_live && used < sizeof status)
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s",
                                 screen_str(ctx, "staff-no-sound"));
    size_t skipped = ctx->kiosk->sound_files_skipped + ctx->pictures->skipped;
    if (skipped && used < sizeof status) {
        snprintf(n, sizeof n, "%u", (unsigned)(skipped < 9999 ? skipped : 9999));
        catalogue_format(ctx->strings, ctx->lang, "staff-media-skipped", line, sizeof line, "n", n,
                         NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    snprintf(n, sizeof n, "%d", ctx->kiosk->volume);
    catalogue_format(ctx->strings, ctx->lang, "staff-volume", line, sizeof line, "n", n, NULL);
    if (used < sizeof status)
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s%s%s", line,
                                 ctx->kiosk->muted ? " · " : "",
                                 ctx->kiosk->muted ? screen_str(ctx, "staff-muted") : "");
    if (ctx->kiosk->config_message && used < sizeof status) {
        catalogue_format(ctx->strings, ctx->lang, "staff-config-broken", line, sizeof line,
                         "problem", ctx->kiosk->config_message, NULL);
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
    }
    const char *last_file = NULL;
    for (size_t i = 0; i < ctx->kiosk->problems->count && i < 6 && used < sizeof status; i++) {
        const diag_entry *e = &ctx->kiosk->problems->entries[i];
        if (e->severity != DIAG_ERROR)
            continue;
        const char *name = strrchr(e->file, '/');
        used += (size_t)snprintf(status + used, sizeof status - used, "\n%s:%d: %s",
                                 name ? name + 1 : e->file, e->line, e->message);
        /* A routine still loaded from a file with errors is its last good version. */
        for (size_t j = 0; j < ctx->kiosk->library->count && used < sizeof status; j++) {
            const routine *r = ctx->kiosk->library->routines[j];
            if (strcmp(r->path, e->file) || (last_file && !strcmp(last_file, e->file)))
                continue;
            catalogue_format(ctx->strings, ctx->lang, "staff-kept-last-good", line, sizeof line,
                             "id", r->id, NULL);
            used += (size_t)snprintf(status + used, sizeof status - used, "\n%s", line);
        }
        last_file = e->file;
    }
    if (used < sizeof status)
        snprintf(status + used, sizeof status - used, "\nEase %s · %s · %dx%d", EASE_VERSION,
                 ctx->g->renderer_name, l->width, l->height);
    text_style style = {.box = box,
                        .size_px = l->small_px,
                        .min_px = 16,
                        .weight = TEXT_REGULAR,
                        .align = TEXT_LEFT,
                        .colour = ctx->colours->text};
    text_draw(ctx->text, status, &style, NULL);
    float bw = (w - 2 * l->margin - 2 * l->gap) / 3;
    float by = h - l->margin - button_h;
    screen_button(ctx, (SDL_FRect){l->margin, by, bw, button_h}, screen_str(ctx, "staff-back"),
                  BUTTON_PRIMARY, ACTION_STAFF_LEAVE, 0);
    screen_button(ctx, (SDL_FRect){l->margin + bw + l->gap, by, bw, button_h},
                  screen_str(ctx, "staff-reload"), BUTTON_SECONDARY, ACTION_STAFF_RELOAD, 0);
    screen_button(ctx, (SDL_FRect){l->margin + 2 * (bw + l->gap), by, bw, button_h},
                  screen_str(ctx, "staff-exit"), BUTTON_STOP, ACTION_STAFF_QUIT, 0);
    /* Sound: the clinic's volume for today, mute, and a bell to hear what patients hear. */
    float sw = (w - 2 * l->margin - 3 * l->gap) / 4;
    float sy = by - l->gap - button_h;
    screen_button(ctx, (SDL_FRect){l->margin, sy, sw, button_h}, screen_str(ctx, "staff-quieter"),
                  BUTTON_SECONDARY, ACTION_VOLUME, -10);
    screen_button(ctx, (SDL_FRect){l->margin + sw + l->gap, sy, sw, button_h},
                  screen_str(ctx, "staff-louder"), BUTTON_SECONDARY, ACTION_VOLUME, 10);
    screen_button(ctx, (SDL_FRect){l->margin + 2 * (sw + l->gap), sy, sw, button_h},
                  screen_str(ctx, ctx->kiosk->muted ? "staff-unmute" : "staff-mute"),
                  BUTTON_SECONDARY, ACTION_MUTE, 0);
    screen_button(ctx, (SDL_FRect){l->margin + 3 * (sw + l->gap), sy, sw, button_h},
                  screen_str(ctx, "staff-sound"), BUTTON_QUIET, ACTION_SOUND_TEST, 0);
}

const screen_def screen_staff_pin = {.name = "staff-pin", .draw = screen_staff_pin_draw};

const screen_def screen_staff = {.name = "staff", .draw = screen_staff_draw};
