/* The 'ease' executable: its commands, their exit statuses, and the set-up they share. Each
 * command takes its argv (argv[0] its own name) and returns a sysexits-style status; only
 * main() exits. */
#ifndef EASE_CLI_H
#define EASE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "diag.h"
#include "library.h"
#include "pose.h"

enum {
    EXIT_OK = 0,
    EXIT_PROBLEMS = 1, /* the files have errors (or warnings, with --strict) */
    EXIT_USAGE = 64,
    EXIT_NO_INPUT = 66,
    EXIT_UNAVAILABLE = 69, /* no display to show the kiosk on */
    EXIT_SOFTWARE = 70,
};

/* A line of the command table (main.c): 'ease NAME ARGUMENTS', what it does, its function. */
typedef struct {
    const char *name, *arguments, *summary;
    int (*run)(int argc, char **argv);
} cli_command;

int command_check(int argc, char **argv);
int command_list(int argc, char **argv);
int command_plan(int argc, char **argv);
int command_poses(int argc, char **argv);
int command_pin(int argc, char **argv);
int command_kiosk(int argc, char **argv);
int command_render(int argc, char **argv);
int command_preview(int argc, char **argv);
int command_report(int argc, char **argv);
int command_export(int argc, char **argv);
int command_status(int argc, char **argv);

/* What most commands share: the configuration and the shared pose library, loaded once. */
typedef struct {
    ease_config config;
    pose_library poses;
    bool poses_ok;
    char *poses_dir;
} command_setup;

/* Loads the configuration (config_path, else the default one, else built-in defaults) and the
 * shared poses (poses_dir, else the bundled ones). Problems go to diag; a broken configuration
 * falls back to defaults. False only when out of memory. */
bool command_setup_load(command_setup *setup, const char *config_path, const char *poses_dir,
                        diag_list *diag);
/* What a command does first: diag initialised and the setup loaded into it; on failure (out of
 * memory) says so as "ease COMMAND: ...", frees diag and returns false. */
bool command_setup_start(command_setup *setup, diag_list *diag, const char *command,
                         const char *config_path, const char *poses_dir);
void command_setup_free(command_setup *setup);

/* Prints diag sorted, on out. */
void command_print_diag(diag_list *diag, FILE *out);

#endif
