/* Option tables for the 'ease' commands. Each command lists its options once, in a table: the
 * name, what the value is, where it goes and what to say when it is wrong. One loop
 * (cli_options_parse) reads argv against the table, so every command takes "--name value" and
 * "--name=value", answers --help, and reports wrong usage the same way. */
#ifndef EASE_CLI_OPTIONS_H
#define EASE_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    CLI_FLAG,     /* bool: true when given */
    CLI_TEXT,     /* const char *: the value as given (borrowed from argv) */
    CLI_LEVEL,    /* long: a whole number from 1 to ROUTINE_MAX_LEVELS */
    CLI_DURATION, /* int64_t milliseconds: a time as people write it ("12s", "1m30s") */
    CLI_SIZE,     /* int[2], width then height: "1280x720", from 160x120 to 16384x16384 */
    CLI_SPEED,    /* int per mille: a number from 0.25 to 20 ("1.5" is 1500) */
    CLI_CHOICE,   /* int: the index of the value in choices */
    CLI_PARSE,    /* parse(value, target): anything else (dates) */
} cli_option_kind;

typedef struct {
    const char *name; /* "--level", "-o" */
    cli_option_kind kind;
    void *target; /* the type the kind says; left untouched unless the value is good */
    /* What is said after "ease COMMAND: " when the value is missing or wrong; a %s in it stands
     * for the value given ("" when missing). NULL: "NAME needs a value", and for
     * CLI_LEVEL "NAME must be a whole number from 1 to 5". */
    const char *wrong;
    const char *const *choices; /* CLI_CHOICE: the values accepted, NULL-terminated */
    bool (*parse)(const char *value, void *target); /* CLI_PARSE: false when wrong */
} cli_option;

typedef struct {
    const char *command; /* "render": messages start "ease render: " */
    const char *usage;   /* for --help (on stdout) and after wrong usage (on stderr) */
    const cli_option *options;
    size_t option_count;
    /* The arguments that are not options, in order (borrowed from argv); more than
     * max_positional is wrong usage. */
    const char **positional;
    size_t min_positional; /* fewer is wrong usage (the usage is printed on stderr) */
    size_t max_positional;
    size_t *positional_count;
} cli_command_line;

/* The status meaning "go on" (every other return is the exit status to return at once). */
enum { CLI_GO_ON = -1 };

/* Reads argv[1..argc-1] against line's options (argv[0] is the command's own name). Returns
 * CLI_GO_ON, EXIT_OK after printing the usage for --help or -h, or EXIT_USAGE after saying
 * what is wrong on stderr: an unknown option (with the usage), a missing or wrong value, one
 * argument too many (with the usage), too few (the usage). */
int cli_options_parse(const cli_command_line *line, int argc, char **argv);

#define CLI_COUNT(array) (sizeof(array) / sizeof *(array))

#endif
