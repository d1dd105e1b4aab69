#include <stdlib.h>
#include <string.h>

#include "cli.h"
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

bool command_setup_start(command_setup *setup, diag_list *diag, const char *command,
                         const char *config_path, const char *poses_dir)
{
    diag_init(diag);
    if (command_setup_load(setup, config_path, poses_dir, diag))
        return true;
    fprintf(stderr, "ease %s: out of memory\n", command);
    diag_free(diag);
    return false;
}

void command_setup_free(command_setup *setup)
{
    config_free(&setup->config);
    pose_library_free(&setup->poses);
    free(setup->poses_dir);
}

void command_print_diag(diag_list *diag, FILE *out)
{
    diag_sort(diag);
    diag_print(diag, out);
}
