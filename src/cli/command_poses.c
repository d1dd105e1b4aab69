/* 'ease poses': where the figure's hands, feet and head really are in each pose (forward
 * kinematics, in standing heights, y up), as text or JSON, and a labelled contact sheet; with a
 * ROUTINE, the poses it uses and, with --every, its moves sampled through one repetition. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#include "array.h"
#include "cli.h"
#include "draw_figure.h"
#include "duration.h"
#include "gfx.h"
#include "kinematics.h"
#include "library.h"
#include "options.h"
#include "plan.h"
#include "text.h"
#include "theme.h"

static const char poses_usage[] =
    "usage: ease poses [--json] [--sheet OUT.png [--every TIME] [--cell WxH]] [--poses DIR]\n"
    "                  [ROUTINE]\n"
    "  Prints where each shared pose puts the head, shoulders, elbows, wrists, hands, hips,\n"
    "  knees and feet: x to the figure's left, y up from the floor, z forwards, in standing\n"
    "  heights (1 = the top of the head when standing).\n"
    "  ROUTINE       only the poses this routine uses, its own included\n"
    "  --json        the same as JSON, with the joint table (names, ranges, meanings)\n"
    "  --sheet OUT   a labelled contact sheet of the poses, as a PNG\n"
    "  --every TIME  with ROUTINE and --sheet: each moving step drawn every TIME (e.g. 0.5s)\n"
    "                through one repetition, its hold and its return\n"
    "  --cell WxH    the size of each picture on the sheet (default 210x270)\n"
    "  --poses DIR   the shared pose library (default: the bundled one)\n";

typedef struct {
    const char *label; /* borrowed */
    char own_label[96];
    pose value;
    body_regions focus; /* a moving step's 'focus', drawn on the sheet */
} poses_entry;

typedef struct {
    poses_entry *items;
    size_t count, capacity;
} poses_list;

static poses_entry *poses_push(poses_list *list)
{
    poses_entry *grown = array_grow(list->items, &list->capacity, list->count + 1, sizeof *grown);
    if (!grown)
        return NULL;
    list->items = grown;
    poses_entry *e = &list->items[list->count++];
    memset(e, 0, sizeof *e);
    return e;
}

static bool poses_has(const poses_list *list, const char *name)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].label && !strcmp(list->items[i].label, name))
            return true;
    return false;
}

static bool poses_add_def(poses_list *list, const pose_def *def)
{
    if (!def || !def->resolved || poses_has(list, def->name))
        return true;
    poses_entry *e = poses_push(list);
    if (!e)
        return false;
    e->label = def->name;
    e->value = def->value;
    return true;
}

/* The poses a routine uses, in the order it first uses them, then its own unused ones. */
static bool poses_of_routine(poses_list *list, const routine *r, const pose_library *shared)
{
    for (size_t i = 0; i < r->step_count; i++)
        for (size_t k = 0; k < r->steps[i].motion.count; k++)
            if (!poses_add_def(
                    list, pose_library_find(&r->poses, shared, r->steps[i].motion.keys[k].pose)))
                return false;
    for (size_t i = 0; i < r->poses.count; i++)
        if (!poses_add_def(list, &r->poses.defs[i]))
            return false;
    return true;
}

/* Each step that moves, every every_ms from its start through its first repetition (or cycle),
 * with the hold and the return after it. */
static bool poses_of_moves(poses_list *list, const plan *p, int64_t every_ms)
{
    enum { MAX_FRAMES_PER_STEP = 96 };
    for (size_t s = 0; s < p->segment_count; s++) {
        const plan_segment *seg = &p->segments[s];
        bool first = s == 0 || p->segments[s - 1].step != seg->step;
        if (!first || seg->motion_count < 2)
            continue;
        /* One unit: until the next repetition, cycle or set starts (or the step ends). */
        size_t last = s;
        while (last + 1 < p->segment_count) {
            const plan_segment *next = &p->segments[last + 1];
            if (next->step != seg->step || next->repeat != seg->repeat ||
                next->cycle != seg->cycle || next->rep != seg->rep || next->set != seg->set ||
                next->kind == SEGMENT_SET_REST)
                break;
            last++;
        }
        int64_t end = p->segments[last].end_ms;
        int frames = 0;
        for (int64_t t = seg->start_ms; t <= end && frames < MAX_FRAMES_PER_STEP;
             t += every_ms, frames++) {
            size_t at = plan_segment_at(p, t < end ? t : end - 1);
            poses_entry *e = poses_push(list);
            if (!e)
                return false;
            if (!plan_pose_at(p, at, t, &e->value)) {
                list->count--;
                continue;
            }
            e->focus = routine_step_focus_regions(&p->routine->steps[seg->step]);
            snprintf(e->own_label, sizeof e->own_label, "step %u  %.1f s  %s",
                     (unsigned)seg->step + 1, (double)(t - seg->start_ms) / 1000.0,
                     plan_segment_kind_name(p->segments[at].kind));
        }
    }
    return true;
}

static const char *poses_label(const poses_entry *e)
{
    return e->label ? e->label : e->own_label;
}

static json_t *poses_vec(kin_vec v)
{
    /* Millimetres of a 1.7 m person are far below what matters: four decimals. */
    return json_pack("[f,f,f]", round(v.x * 1e4) / 1e4, round(v.y * 1e4) / 1e4,
                     round(v.z * 1e4) / 1e4);
}

static json_t *poses_joint_table(void)
{
    json_t *joints = json_array();
    for (int j = 0; j < POSE_NAME_COUNT; j++) {
        pose_joint joint = pose_name_joint(j);
        json_array_append_new(joints, json_pack("{s:s,s:s,s:f,s:f,s:s}", "name", pose_name_of(j),
                                                "sets", pose_joints()[joint].name, "minimum",
                                                (double)pose_name_min(j), "maximum",
                                                (double)pose_name_max(j), "means",
                                                pose_joints()[joint].means));
    }
    return joints;
}

static int poses_print(const poses_list *list, bool as_json)
{
    json_t *root = as_json ? json_object() : NULL, *array = as_json ? json_array() : NULL;
    for (size_t i = 0; i < list->count; i++) {
        const poses_entry *e = &list->items[i];
        kin_body b;
        kin_solve(&e->value, &b);
        if (as_json) {
            json_t *points = json_object(), *angles = json_object();
            for (int k = 0; k < KIN_POINT_COUNT; k++)
                json_object_set_new(points, kin_point_name((kin_point)k), poses_vec(b.at[k]));
            for (int j = 0; j < POSE_JOINT_COUNT; j++)
                if (e->value.angle_deg[j] != 0)
                    json_object_set_new(angles, pose_joints()[j].name,
                                        json_real(e->value.angle_deg[j]));
            json_t *item =
                json_pack("{s:s,s:s,s:b,s:b,s:b,s:o,s:o}", "name", poses_label(e), "view",
                          pose_view_name(e->value.view), "chair", e->value.chair, "seated",
                          b.seated, "lying", b.lying, "angles", angles, "points", points);
            if (b.chair)
                json_object_set_new(item, "seat", poses_vec(b.chair_seat));
            json_array_append_new(array, item);
        } else {
            printf("%s (%s%s)\n", poses_label(e), pose_view_name(e->value.view),
                   b.seated  ? ", seated"
                   : b.chair ? ", chair beside"
                   : b.lying ? ", lying"
                             : "");
            for (int k = 0; k < KIN_POINT_COUNT; k++)
                printf("  %-15s %7.3f %7.3f %7.3f\n", kin_point_name((kin_point)k), b.at[k].x,
                       b.at[k].y, b.at[k].z);
        }
    }
    if (!as_json)
        return EXIT_OK;
    json_object_set_new(root, "units",
                        json_string("standing heights; x to the figure's left, y up from the "
                                    "floor, z forwards"));
    json_object_set_new(root, "poses", array);
    json_object_set_new(root, "joints", poses_joint_table());
    /* What each 'focus' name lights on the figure, for authors and editors. */
    json_t *focus = json_object();
    for (size_t i = 0; i < body_focus_count(); i++)
        json_object_set_new(focus, body_focus_names[i], json_string(body_focus_shows((int)i)));
    json_object_set_new(root, "focus", focus);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text) {
        fputs("ease poses: out of memory writing JSON\n", stderr);
        return EXIT_SOFTWARE;
    }
    puts(text);
    free(text);
    return EXIT_OK;
}

static int poses_sheet(const poses_list *list, const char *out, int CELL_W, int CELL_H)
{
    enum { LABEL_H = 40, COLUMNS = 8, MAX_ROWS = 60 };
    if (list->count == 0) {
        fputs("ease poses: no poses to draw\n", stderr);
        return EXIT_PROBLEMS;
    }
    size_t shown =
        list->count > (size_t)COLUMNS * MAX_ROWS ? (size_t)COLUMNS * MAX_ROWS : list->count;
    int columns = shown < COLUMNS ? (int)shown : COLUMNS;
    int rows = (int)((shown + COLUMNS - 1) / COLUMNS);
    char error[512];
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "ease poses: %s\n", SDL_GetError());
        return EXIT_SOFTWARE;
    }
    gfx g;
    text_system *ts = NULL;
    int status = EXIT_SOFTWARE;
    if (gfx_open_offscreen(&g, columns * CELL_W, rows * CELL_H, error, sizeof error)) {
        theme_colours theme;
        theme_colours_for(CONFIG_THEME_CALM, &theme);
        figure_colours colours = {
            theme.figure,       theme.figure_far,
            theme.chair,        gfx_mix(theme.background, (SDL_Color){0, 0, 0, 255}, 0.3f),
            theme.figure_focus, 0};
        gfx_clear(&g, theme.background);
        bool have_text = text_init(&ts, g.renderer, error, sizeof error);
        if (!have_text)
            fprintf(stderr, "ease poses: drawing without labels: %s\n", error);
        for (size_t i = 0; i < shown; i++) {
            float x = (float)((int)i % COLUMNS * CELL_W), y = (float)((int)i / COLUMNS * CELL_H);
            gfx_fill_rect(&g, (SDL_FRect){x + CELL_W - 1, y, 1, CELL_H}, theme.track);
            gfx_fill_rect(&g, (SDL_FRect){x, y + CELL_H - 1, CELL_W, 1}, theme.track);
            colours.focus_regions = list->items[i].focus;
            draw_figure(&g, &list->items[i].value,
                        (SDL_FRect){x + 8, y + 8, CELL_W - 16, CELL_H - LABEL_H - 16}, &colours);
            if (have_text) {
                text_style style = {.box = {x + 4, y + CELL_H - LABEL_H, CELL_W - 8, LABEL_H - 4},
                                    .size_px = 16,
                                    .min_px = 11,
                                    .weight = TEXT_REGULAR,
                                    .align = TEXT_CENTRE,
                                    .centre_vertically = true,
                                    .colour = theme.text,
                                    .max_lines = 2};
                text_draw(ts, poses_label(&list->items[i]), &style, NULL);
            }
        }
        status = gfx_save_png(&g, out, error, sizeof error) ? EXIT_OK : EXIT_SOFTWARE;
        if (status != EXIT_OK)
            fprintf(stderr, "ease poses: %s\n", error);
        text_shutdown(ts);
        gfx_close(&g);
    } else {
        fprintf(stderr, "ease poses: %s\n", error);
    }
    if (shown < list->count)
        fprintf(stderr, "ease poses: the sheet shows the first %zu of %zu poses\n", shown,
                list->count);
    IMG_Quit();
    SDL_Quit();
    return status;
}

/* --every: at least a tenth of a second between drawn moments. */
static bool poses_parse_every(const char *value, void *target)
{
    int64_t ms;
    if (!duration_parse_ms(value, &ms) || ms < 100)
        return false;
    *(int64_t *)target = ms;
    return true;
}

/* --cell: a sheet's cell, from 60x100 to 2000x2000. */
static bool poses_parse_cell(const char *value, void *target)
{
    int w, h;
    if (sscanf(value, "%dx%d", &w, &h) != 2 || w < 60 || h < 100 || w > 2000 || h > 2000)
        return false;
    ((int *)target)[0] = w;
    ((int *)target)[1] = h;
    return true;
}

int command_poses(int argc, char **argv)
{
    const char *file = NULL, *sheet = NULL, *poses_dir = NULL;
    bool as_json = false;
    int64_t every_ms = 0;
    int cell[2] = {210, 270};
    const cli_option options[] = {
        {.name = "--json", .kind = CLI_FLAG, .target = &as_json},
        {.name = "--sheet", .kind = CLI_TEXT, .target = &sheet},
        {.name = "--every",
         .kind = CLI_PARSE,
         .target = &every_ms,
         .wrong = "--every needs a time of at least 0.1s, like 0.5s",
         .parse = poses_parse_every},
        {.name = "--cell",
         .kind = CLI_PARSE,
         .target = cell,
         .wrong = "--cell needs a size like 210x270 (60x100 to 2000x2000)",
         .parse = poses_parse_cell},
        {.name = "--poses", .kind = CLI_TEXT, .target = &poses_dir},
    };
    const cli_command_line line = {.command = "poses",
                                   .usage = poses_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = &file,
                                   .max_positional = 1};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;
    int cell_w = cell[0], cell_h = cell[1];
    if (every_ms && (!file || !sheet)) {
        fprintf(stderr, "ease poses: --every needs a ROUTINE and --sheet\n\n%s", poses_usage);
        return EXIT_USAGE;
    }
    diag_list diag;
    command_setup setup;
    if (!command_setup_start(&setup, &diag, "poses", NULL, poses_dir))
        return EXIT_SOFTWARE;
    routine_library lib;
    library_init(&lib);
    poses_list list = {0};
    plan *p = NULL;
    int status = EXIT_OK;
    bool ok = true;
    if (!setup.poses_ok) {
        status = EXIT_PROBLEMS;
    } else if (file) {
        if (!library_add_file(&lib, file, NULL, &setup.poses, &diag)) {
            status = diag.count && !strcmp(diag.entries[0].message, "no such file") ? EXIT_NO_INPUT
                                                                                    : EXIT_PROBLEMS;
        } else if (every_ms) {
            ok = plan_compile(lib.routines[0], &setup.poses, 1, &p, &diag);
            if (!ok)
                status = EXIT_PROBLEMS;
            else
                ok = poses_of_moves(&list, p, every_ms);
        } else {
            ok = poses_of_routine(&list, lib.routines[0], &setup.poses);
        }
    } else {
        for (size_t i = 0; ok && i < setup.poses.count; i++)
            ok = poses_add_def(&list, &setup.poses.defs[i]);
    }
    if (status == EXIT_OK && !ok) {
        fputs("ease poses: out of memory\n", stderr);
        status = EXIT_SOFTWARE;
    }
    if (status == EXIT_OK && (as_json || !sheet))
        status = poses_print(&list, as_json);
    if (status == EXIT_OK && sheet)
        status = poses_sheet(&list, sheet, cell_w, cell_h);
    if (status != EXIT_OK || diag.warnings)
        command_print_diag(&diag, stderr);
    free(list.items);
    plan_free(p);
    library_free(&lib);
    command_setup_free(&setup);
    diag_free(&diag);
    return status;
}
