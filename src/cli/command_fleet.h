/* The clinic group's commands (command_fleet.c): 'ease fleet init|add-kiosk|status', 'ease
 * publish', and the server side of 'ease report' and 'ease export' (--server). */
#ifndef EASE_COMMAND_FLEET_H
#define EASE_COMMAND_FLEET_H

#include <stdint.h>
#include <stdio.h>

int command_fleet(int argc, char **argv);
int command_publish(int argc, char **argv);

/* 'ease report --server' and 'ease export --server --csv': across the group's kiosks. */
int command_fleet_report(const char *server, const char *clinic, const char *kiosk,
                         int64_t since_utc_ms, int64_t until_utc_ms, const char *range);
int command_fleet_export_csv(const char *server, const char *clinic, const char *kiosk,
                             int64_t since_utc_ms, int64_t until_utc_ms, FILE *out);

#endif
