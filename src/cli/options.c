#include "options.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duration.h"
#include "routine.h"

/* "--name=value" or "--name value": true and *value set when arg is that option (*value NULL
 * when the value is missing). */
static bool cli_option_matches(const cli_option *o, int argc, char **argv, int *i,
                               const char **value)
{
    size_t n = strlen(o->name);
    const char *arg = argv[*i];
    if (strncmp(arg, o->name, n) != 0)
        return false;
    *value = NULL;
    if (o->kind == CLI_FLAG)
        return arg[n] == '\0';
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return true;
    }
    if (arg[n] != '\0')
        return false;
    if (*i + 1 < argc)
        *value = argv[++*i];
    return true;
}

static bool cli_parse_size(const char *text, int size[2])
{
    int w, h;
    char end;
    if (sscanf(text, "%dx%d%c", &w, &h, &end) != 2 || w < 160 || h < 120 || w > 16384 || h > 16384)
        return false;
    size[0] = w;
    size[1] = h;
    return true;
}

/* Stores value in o's target; false when it is not what the kind takes. */
static bool cli_option_store(const cli_option *o, const char *value)
{
    char *end = NULL;
    switch (o->kind) {
    case CLI_FLAG:
        *(bool *)o->target = true;
        return true;
    case CLI_TEXT:
        *(const char **)o->target = value;
        return true;
    case CLI_LEVEL: {
        long level = strtol(value, &end, 10);
        if (!*value || *end || level < 1 || level > ROUTINE_MAX_LEVELS)
            return false;
        *(long *)o->target = level;
        return true;
    }
    case CLI_DURATION:
        return duration_parse_ms(value, (int64_t *)o->target);
    case CLI_SIZE:
        return cli_parse_size(value, (int *)o->target);
    case CLI_SPEED: {
        double speed = strtod(value, &end);
        if (!*value || *end || speed < 0.25 || speed > 20)
            return false;
        *(int *)o->target = (int)(speed * 1000);
        return true;
    }
    case CLI_CHOICE:
        for (int k = 0; o->choices[k]; k++)
            if (!strcmp(o->choices[k], value)) {
                *(int *)o->target = k;
                return true;
            }
        return false;
    case CLI_PARSE:
        return o->parse(value, o->target);
    }
    return false;
}

static int cli_wrong_value(const cli_command_line *line, const cli_option *o, const char *value)
{
    fprintf(stderr, "ease %s: ", line->command);
    const char *mark = o->wrong ? strstr(o->wrong, "%s") : NULL;
    if (mark) /* the value given, where the message says */
        fprintf(stderr, "%.*s%s%s", (int)(mark - o->wrong), o->wrong, value ? value : "", mark + 2);
    else if (o->wrong)
        fputs(o->wrong, stderr);
    else if (o->kind == CLI_LEVEL && value)
        fprintf(stderr, "%s must be a whole number from 1 to %d", o->name, ROUTINE_MAX_LEVELS);
    else
        fprintf(stderr, "%s needs a value", o->name);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

int cli_options_parse(const cli_command_line *line, int argc, char **argv)
{
    size_t given = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(line->usage, stdout);
            return EXIT_OK;
        }
        const cli_option *o = NULL;
        const char *value = NULL;
        for (size_t k = 0; k < line->option_count && !o; k++)
            if (cli_option_matches(&line->options[k], argc, argv, &i, &value))
                o = &line->options[k];
        if (o) {
            if ((o->kind != CLI_FLAG && !value) || !cli_option_store(o, value))
                return cli_wrong_value(line, o, value);
        } else if (arg[0] == '-' && arg[1]) {
            fprintf(stderr, "ease %s: unknown option '%s'\n\n%s", line->command, arg, line->usage);
            return EXIT_USAGE;
        } else if (given < line->max_positional) {
            line->positional[given++] = arg;
        } else {
            fprintf(stderr, "ease %s: unexpected '%s'\n\n%s", line->command, arg, line->usage);
            return EXIT_USAGE;
        }
    }
    if (given < line->min_positional) {
        fputs(line->usage, stderr);
        return EXIT_USAGE;
    }
    if (line->positional_count)
        *line->positional_count = given;
    return CLI_GO_ON;
}
