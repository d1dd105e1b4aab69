/* ease pin: turns a staff PIN into the salted hash kiosk.yaml stores. */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"
#include "staff_pin.h"

static const char pin_usage[] =
    "usage: ease pin\n"
    "\n"
    "Asks for a staff PIN (4 to 12 digits) twice, or reads one line from standard input when it\n"
    "is not a terminal, and prints the line to put in kiosk.yaml:\n"
    "  staff-pin: \"$argon2id$...\"\n";

/* Reads a line without echo when stdin is a terminal. */
static bool pin_read(const char *prompt, char *out, size_t size)
{
    bool terminal = isatty(STDIN_FILENO);
    struct termios saved, quiet;
    if (terminal) {
        fputs(prompt, stderr);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    bool ok = fgets(out, (int)size, stdin) != NULL;
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        fputc('\n', stderr);
    }
    if (ok)
        out[strcspn(out, "\r\n")] = '\0';
    return ok;
}

int command_pin(int argc, char **argv)
{
    const cli_command_line line = {.command = "pin", .usage = pin_usage};
    int parsed = cli_options_parse(&line, argc, argv);
    if (parsed != CLI_GO_ON)
        return parsed;
    char pin[64], again[64];
    if (!pin_read("Staff PIN (4 to 12 digits): ", pin, sizeof pin)) {
        fputs("ease pin: no PIN given\n", stderr);
        return EXIT_USAGE;
    }
    if (!staff_pin_valid(pin)) {
        fputs("ease pin: a PIN is 4 to 12 digits (0-9); nothing was written\n", stderr);
        return EXIT_USAGE;
    }
    if (isatty(STDIN_FILENO)) {
        if (!pin_read("The same PIN again: ", again, sizeof again) || strcmp(pin, again)) {
            fputs("ease pin: the two PINs differ; nothing was written\n", stderr);
            return EXIT_USAGE;
        }
    }
    char hash[STAFF_PIN_HASH_SIZE];
    if (!staff_pin_hash(pin, hash, sizeof hash)) {
        fputs("ease pin: could not hash the PIN (out of memory?)\n", stderr);
        return EXIT_SOFTWARE;
    }
    printf("staff-pin: \"%s\"\n", hash);
    return EXIT_OK;
}
