/* ease plan: the compiled timeline of one routine at one level, for people or as JSON. */
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "duration.h"
#include "plan.h"
#include "plan_json.h"

static const char plan_usage[] =
    "usage: ease plan FILE [--level N] [--json] [--lang CODE] [--poses DIR]\n"
    "\n"
    "Prints the routine's timeline at a level (default 1): every segment with its start and\n"
    "end, then every sound cue. --json prints it as one JSON object.\n";

static void plan_print_text(const plan *p, const char *lang)
{
    const routine *r = p->routine;
    char length[24];
    duration_format_clock(p->length_ms, true, length, sizeof length);
    printf("%s: %s, level %d of %d, %s\n\n", r->id, routine_text_get(&r->title, lang), p->level,
           r->levels, length);
    printf("%-10s  %-10s  %-8s  %-4s  %-14s  %s\n", "START", "END", "WHAT", "STEP", "COUNT",
           "TEXT");
    for (size_t i = 0; i < p->segment_count; i++) {
        const plan_segment *s = &p->segments[i];
        char start[24], end[24], count[32] = "";
        duration_format_clock(s->start_ms, true, start, sizeof start);
        duration_format_clock(s->end_ms, true, end, sizeof end);
        if (s->kind == SEGMENT_INHALE || s->kind == SEGMENT_BREATH_HOLD ||
            s->kind == SEGMENT_EXHALE)
            snprintf(count, sizeof count, "cycle %u/%u", s->cycle, s->cycles);
        else if (s->kind == SEGMENT_REP || s->kind == SEGMENT_REP_HOLD)
            snprintf(count, sizeof count, "rep %u/%u set %u/%u", s->rep, s->reps, s->set, s->sets);
        else if (s->kind == SEGMENT_SET_REST)
            snprintf(count, sizeof count, "after set %u/%u", s->set, s->sets);
        else if (s->repeats > 1)
            snprintf(count, sizeof count, "repeat %u/%u", s->repeat, s->repeats);
        const char *text = routine_text_get(s->text, lang);
        const char *title = routine_text_get(s->title, lang);
        printf("%-10s  %-10s  %-8s  %-4u  %-14s  %s\n", start, end, plan_segment_kind_name(s->kind),
               s->step + 1, count,
               text && s->text != &r->steps[s->step].text ? text
               : title                                    ? title
               : text                                     ? text
                                                          : "");
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
    for (int i = 1; i < argc; i++) {
        const char *value;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(plan_usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--json")) {
            as_json = true;
        } else if (command_option(argc, argv, &i, "--level", &value)) {
            if (!command_level("plan", value, &level))
                return EXIT_USAGE;
        } else if (command_option(argc, argv, &i, "--lang", &value)) {
            if (!value)
                return command_missing_value("plan", "--lang");
            lang = value;
        } else if (command_option(argc, argv, &i, "--poses", &value)) {
            if (!value)
                return command_missing_value("plan", "--poses");
            poses_dir = value;
        } else if ((argv[i][0] == '-' && argv[i][1]) || file) {
            fprintf(stderr, "ease plan: unexpected '%s'\n\n%s", argv[i], plan_usage);
            return EXIT_USAGE;
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        fputs(plan_usage, stderr);
        return EXIT_USAGE;
    }
    diag_list diag;
    diag_init(&diag);
    command_setup setup;
    if (!command_setup_load(&setup, NULL, poses_dir, &diag)) {
        diag_free(&diag);
        return EXIT_SOFTWARE;
    }
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
