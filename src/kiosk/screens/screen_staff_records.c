/* The staff screen's view of the records: today's and this week's visits, how many were played
 * to the end, the mean change in pain, a bar per routine, and, above all, whether visits are
 * being saved (and if not, why and how many wait in memory). */
#include "screen.h"

#include <math.h>
#include <string.h>

/* The store's trouble, in the staff's language: what happened and that nothing is lost. */
static const char *records_problem_key(store_status status)
{
    switch (status) {
    case STORE_FULL:
        return "records-full";
    case STORE_READ_ONLY:
        return "records-read-only";
    case STORE_BUSY:
        return "records-busy";
    case STORE_NEWER:
        return "records-newer";
    case STORE_DAMAGED:
        return "records-damaged";
    case STORE_OK:
    case STORE_FAILED:
        break;
    }
    return "records-failed";
}

static float records_line(screen_context *ctx, const char *text, SDL_FRect box, float y,
                          SDL_Color colour, text_weight weight)
{
    text_style style = {.box = {box.x, y, box.w, box.y + box.h - y},
                        .size_px = ctx->layout->small_px,
                        .min_px = 16,
                        .weight = weight,
                        .align = TEXT_LEFT,
                        .colour = colour};
    float height = 0;
    text_draw(ctx->text, text, &style, &height);
    return y + height + ctx->layout->gap * 0.25f;
}

static void records_summary(screen_context *ctx, const report *r, const char *key, char *out,
                            size_t size)
{
    char visits[24], done[24];
    snprintf(visits, sizeof visits, "%lld", (long long)r->total.visits);
    snprintf(done, sizeof done, "%lld", (long long)r->total.completed);
    catalogue_format(ctx->strings, ctx->lang, key, out, size, "n", visits, "done", done, NULL);
}

/* One bar per routine this week (versions together): all visits pale, those played to the end
 * solid over them. */
static void records_chart(screen_context *ctx, SDL_FRect box, float y)
{
    const report *week = ctx->kiosk->week;
    enum { MOST = 6 };
    const char *ids[MOST];
    const char *titles[MOST];
    int64_t visits[MOST] = {0}, done[MOST] = {0}, most = 1;
    int rows = 0;
    for (size_t i = 0; i < week->count; i++) {
        const report_row *row = &week->rows[i];
        int at = 0;
        while (at < rows && strcmp(ids[at], row->routine_id) != 0)
            at++;
        if (at == rows) {
            if (rows == MOST)
                continue;
            ids[rows] = row->routine_id;
            titles[rows] = row->routine_title;
            rows++;
        }
        visits[at] += row->visits;
        done[at] += row->completed;
        if (visits[at] > most)
            most = visits[at];
    }
    const theme_layout *l = ctx->layout;
    float row_h = (float)l->small_px * 1.6f;
    float label_w = box.w * 0.45f, bar_x = box.x + label_w + l->gap * 0.5f;
    float bar_w = box.x + box.w - bar_x - (float)l->small_px * 2.5f;
    for (int i = 0; i < rows && y + row_h <= box.y + box.h; i++, y += row_h) {
        text_style style = {.box = {box.x, y, label_w, row_h},
                            .size_px = l->small_px,
                            .min_px = 14,
                            .weight = TEXT_REGULAR,
                            .align = TEXT_LEFT,
                            .colour = ctx->colours->text,
                            .centre_vertically = true,
                            .max_lines = 1};
        text_draw(ctx->text, titles[i], &style, NULL);
        float bar_h = row_h * 0.55f, bar_y = y + (row_h - bar_h) / 2;
        float all = bar_w * (float)visits[i] / (float)most;
        float full = bar_w * (float)done[i] / (float)most;
        gfx_fill_rect(ctx->g, (SDL_FRect){bar_x, bar_y, all, bar_h}, ctx->colours->track);
        gfx_fill_rect(ctx->g, (SDL_FRect){bar_x, bar_y, full, bar_h}, ctx->colours->accent);
        char count[24];
        snprintf(count, sizeof count, "%lld", (long long)visits[i]);
        style.box = (SDL_FRect){bar_x + all + l->gap * 0.3f, y, (float)l->small_px * 2.5f, row_h};
        text_draw(ctx->text, count, &style, NULL);
    }
}

void screen_staff_records_draw(screen_context *ctx, SDL_FRect box)
{
    const theme_layout *l = ctx->layout;
    char line[512];
    float y = records_line(ctx, screen_str(ctx, "records-title"), box, box.y, ctx->colours->text,
                           TEXT_BOLD);
    if (!ctx->kiosk->keep_records) {
        records_line(ctx, screen_str(ctx, "records-off"), box, y, ctx->colours->text_soft,
                     TEXT_REGULAR);
        return;
    }
    const screen_kiosk *k = ctx->kiosk;
    if (!k->records_all_stored) {
        char waiting[24];
        snprintf(waiting, sizeof waiting, "%zu", k->records_waiting);
        catalogue_format(ctx->strings, ctx->lang, "records-waiting", line, sizeof line, "why",
                         screen_str(ctx, records_problem_key(k->records_problem_status)), "n",
                         waiting, NULL);
        y = records_line(ctx, line, box, y, ctx->colours->stop, TEXT_BOLD);
        y = records_line(ctx, k->records_problem, box, y, ctx->colours->text_soft, TEXT_REGULAR);
    }
    if (k->records_moved_aside[0]) {
        /* Said until Ease restarts: the technician may want the old file back. */
        const char *slash = strrchr(k->records_moved_aside, '/');
        catalogue_format(ctx->strings, ctx->lang, "records-moved", line, sizeof line, "file",
                         slash ? slash + 1 : k->records_moved_aside, NULL);
        y = records_line(ctx, line, box, y, ctx->colours->stop, TEXT_BOLD);
        y = records_line(ctx, k->records_moved_aside, box, y, ctx->colours->text_soft,
                         TEXT_REGULAR);
    }
    if (!ctx->kiosk->stats_ok) {
        records_line(ctx, screen_str(ctx, "records-unreadable"), box, y, ctx->colours->text_soft,
                     TEXT_REGULAR);
        return;
    }
    records_summary(ctx, ctx->kiosk->today, "records-today", line, sizeof line);
    y = records_line(ctx, line, box, y, ctx->colours->text, TEXT_REGULAR);
    records_summary(ctx, ctx->kiosk->week, "records-week", line, sizeof line);
    y = records_line(ctx, line, box, y, ctx->colours->text, TEXT_REGULAR);
    const report_row *week = &ctx->kiosk->week->total;
    if (week->rated_both > 0) {
        /* The safety signal first: visits whose pain rose by 2 or more. */
        char share[16], n[24], total[24];
        snprintf(share, sizeof share, "%.0f%%",
                 100.0 * (double)week->rose / (double)week->rated_both);
        snprintf(n, sizeof n, "%lld", (long long)week->rose);
        snprintf(total, sizeof total, "%lld", (long long)week->rated_both);
        catalogue_format(ctx->strings, ctx->lang, "records-rose", line, sizeof line, "share", share,
                         "n", n, "total", total, NULL);
        y = records_line(ctx, line, box, y,
                         week->rose > 0 ? ctx->colours->stop : ctx->colours->text,
                         week->rose > 0 ? TEXT_BOLD : TEXT_REGULAR);
    }
    if (week->from_baseline > 0) {
        char points[16], percent[16], total[24];
        snprintf(points, sizeof points, "%.0f%%",
                 100.0 * (double)week->fell_points / (double)week->from_baseline);
        snprintf(percent, sizeof percent, "%.0f%%",
                 100.0 * (double)week->fell_percent / (double)week->from_baseline);
        snprintf(total, sizeof total, "%lld", (long long)week->from_baseline);
        catalogue_format(ctx->strings, ctx->lang, "records-fell", line, sizeof line, "points",
                         points, "percent", percent, "total", total, NULL);
        y = records_line(ctx, line, box, y, ctx->colours->text, TEXT_REGULAR);
    }
    if (week->rated_both > 0 && !isnan(week->mean_change)) {
        char change[16], both[24];
        snprintf(change, sizeof change, "%+.1f", week->mean_change);
        snprintf(both, sizeof both, "%lld", (long long)week->rated_both);
        catalogue_format(ctx->strings, ctx->lang, "records-change", line, sizeof line, "change",
                         change, "n", both, NULL);
        y = records_line(ctx, line, box, y, ctx->colours->text, TEXT_REGULAR);
    }
    if (ctx->kiosk->week->count > 0) {
        y = records_line(ctx, screen_str(ctx, "records-chart"), box, y + l->gap * 0.5f,
                         ctx->colours->text_soft, TEXT_REGULAR);
        records_chart(ctx, box, y);
    }
}
