/* ease plan: the compiled timeline of one routine at one level, for people or as JSON. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duration.h"
#include "options.h"
#include "plan.h"
#include "plan_json.h"
#include "yaml_doc.h"

static const char plan_usage[] =
    "usage: ease plan FILE [--level N] [--json] [--lang CODE] [--poses DIR]\n"
    "\n"
    "Prints the routine's timeline at a level (default 1): every segment with its start and\n"
    "end, then every sound cue. --json prints it as one JSON object.\n";

/* "breath 3/12", "rep 2/8 set 1/2 Left", "after set 1/2", "repeat 2/3", "part 2/5". */
static void plan_count_text(const plan_segment *s, const char *lang, char *out, size_t size)
{
    const char *label = s->label ? routine_text_get(s->label, lang) : NULL;
    if (s->kind == SEGMENT_INHALE || s->kind == SEGMENT_BREATH_HOLD || s->kind == SEGMENT_EXHALE)
        snprintf(out, size, "breath %u/%u", s->breath, s->breaths);
    else if (s->kind == SEGMENT_REP || s->kind == SEGMENT_REP_HOLD)
        snprintf(out, size, "rep %u/%u set %u/%u%s%s", s->rep, s->reps, s->set, s->sets,
                 label ? " " : "", label ? label : "");
    else if (s->kind == SEGMENT_SET_REST)
        snprintf(out, size, "after set %u/%u", s->set, s->sets);
    else if (s->parts > 1)
        snprintf(out, size, "part %u/%u", s->part, s->parts);
    else if (s->repeats > 1)
        snprintf(out, size, "repeat %u/%u", s->repeat, s->repeats);
}

static void plan_print_text(const plan *p, const char *lang)
{
    const routine *r = p->routine;
    char length[24];
    duration_format_clock(p->length_ms, true, length, sizeof length);
    printf("%s: %s, level %d of %d, %s\n\n", r->id, routine_text_get(&r->title, lang), p->level,
           r->levels, length);
    /* The count column is as wide as its widest entry, so the text column lines up. */
    int count_width = 5;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            printf("%-10s  %-10s  %-8s  %-4s  %-*s  %s\n", "START", "END", "WHAT", "STEP",
                   count_width, "COUNT", "TEXT");
        for (size_t i = 0; i < p->segment_count; i++) {
            const plan_segment *s = &p->segments[i];
            char count[96] = "";
            plan_count_text(s, lang, count, sizeof count);
            if (pass == 0) {
                int n = (int)ydoc_utf8_length(count);
                count_width = n > count_width ? n : count_width;
                continue;
            }
            char start[24], end[24];
            duration_format_clock(s->start_ms, true, start, sizeof start);
            duration_format_clock(s->end_ms, true, end, sizeof end);
            const char *text = routine_text_get(s->text, lang);
            const char *title = routine_text_get(s->title, lang);
            printf("%-10s  %-10s  %-8s  %-4u  %s%*s  %s\n", start, end,
                   plan_segment_kind_name(s->kind), s->step + 1, count,
                   count_width - (int)ydoc_utf8_length(count), "",
                   text && s->text != &r->steps[s->step].text ? text
                   : title                                    ? title
                   : text                                     ? text
                                                              : "");
        }
    }
    printf("\n%-10s  %s\n", "CUE AT", "EVENT");
    for (size_t i = 0; i < p->cue_count; i++) {
        char at[24];
        duration_format_clock(p->cues[i].at_ms, true, at, sizeof at);
        printf("%-10s  %s\n", at, cue_event_name(p->cues[i].event));
    }
}

int command_plan(int argc, char **argv)
{
    const char *file = NULL, *lang = NULL, *poses_dir = NULL;
    long level = 1;
    bool as_json = false;
    const cli_option options[] = {
        {.name = "--json", .kind = CLI_FLAG, .target = &as_json},
        {.name = "--level", .kind = CLI_LEVEL, .target = &level},
        {.name = "--lang", .kind = CLI_TEXT, .target = &lang},
        {.name = "--poses", .kind = CLI_TEXT, .target = &poses_dir},
    };
    const cli_command_line line = {.command = "plan",
                                   .usage = plan_usage,
                                   .options = options,
                                   .option_count = CLI_COUNT(options),
                                   .positional = &file,
                                   .min_positional = 1,
                                   .max_positional = 1};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;
    diag_list diag;
    command_setup setup;
    if (!command_setup_start(&setup, &diag, "plan", NULL, poses_dir))
        return EXIT_SOFTWARE;
    routine_library lib;
    library_init(&lib);
    int status = EXIT_OK;
    plan *p = NULL;
    if (!library_add_file(&lib, file, NULL, &setup.poses, &diag)) {
        status = diag.count && !strcmp(diag.entries[0].message, "no such file") ? EXIT_NO_INPUT
                                                                                : EXIT_PROBLEMS;
    } else if (!plan_compile(lib.routines[0], &setup.poses, (int)level, &p, &diag)) {
        status = EXIT_PROBLEMS;
    }
    if (p && as_json) {
        json_t *json = plan_to_json(p, lang);
        char *text = json ? json_dumps(json, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
        if (text) {
            puts(text);
            free(text);
        } else {
            fputs("ease plan: out of memory writing JSON\n", stderr);
            status = EXIT_SOFTWARE;
        }
        json_decref(json);
    } else if (p) {
        plan_print_text(p, lang);
    }
    /* Errors (and the warnings of a bad file) go to stderr so --json output stays clean. */
    if (status != EXIT_OK || diag.warnings)
        command_print_diag(&diag, stderr);
    plan_free(p);
    library_free(&lib);
    command_setup_free(&setup);
    diag_free(&diag);
    return status;
}
