#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "paths.h"
#include "routine.h"

bool command_setup_load(command_setup *setup, const char *config_path, const char *poses_dir,
                        diag_list *diag)
{
    memset(setup, 0, sizeof *setup);
    const char *path = config_path ? config_path : paths_default_config();
    char *routines = paths_bundled_routines();
    char *data = paths_default_data_for(path);
    bool ok = routines && data && config_defaults(&setup->config, routines, data);
    free(routines);
    free(data);
    if (!ok)
        return false;
    if (path)
        config_load(&setup->config, path, diag); /* a bad key keeps its default */
    setup->poses_dir = poses_dir ? strdup(poses_dir) : paths_shared_poses();
    if (!setup->poses_dir)
        return false;
    pose_library_init(&setup->poses);
    setup->poses_ok = pose_library_load_dir(&setup->poses, setup->poses_dir, diag);
    return true;
}

void command_setup_free(command_setup *setup)
{
    config_free(&setup->config);
    pose_library_free(&setup->poses);
    free(setup->poses_dir);
}

bool command_option(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, n))
        return false;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return true;
    }
    if (arg[n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        *value = NULL; /* the caller reports the missing value */
        return true;
    }
    *value = argv[++*i];
    return true;
}

void command_print_diag(diag_list *diag, FILE *out)
{
    diag_sort(diag);
    diag_print(diag, out);
}

bool command_level(const char *command, const char *value, long *level)
{
    char *end = NULL;
    long parsed = value ? strtol(value, &end, 10) : 0;
    if (!value || !*value || *end || parsed < 1 || parsed > ROUTINE_MAX_LEVELS) {
        fprintf(stderr, "ease %s: --level must be a whole number from 1 to %d\n", command,
                ROUTINE_MAX_LEVELS);
        return false;
    }
    *level = parsed;
    return true;
}

int command_missing_value(const char *command, const char *option)
{
    fprintf(stderr, "ease %s: %s needs a value\n", command, option);
    return EXIT_USAGE;
}
