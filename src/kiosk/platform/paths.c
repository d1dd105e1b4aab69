#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source_file.h"

const char *paths_share_dir(void)
{
    static char share[PATH_MAX];
    if (share[0])
        return share;
    const char *forced = getenv("EASE_SHARE_DIR");
    if (forced && *forced) {
        snprintf(share, sizeof share, "%s", forced);
        return share;
    }
    /* A binary inside the build tree reads the source tree it was built from. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *build = EASE_BUILD_DIR;
    if (n > 0) {
        exe[n] = '\0';
        size_t b = strlen(build);
        if (!strncmp(exe, build, b) && exe[b] == '/') {
            snprintf(share, sizeof share, "%s", EASE_SOURCE_DIR);
            return share;
        }
    }
    snprintf(share, sizeof share, "%s", EASE_INSTALL_DATADIR);
    return share;
}

char *paths_bundled_routines(void)
{
    return source_file_join(paths_share_dir(), "routines");
}

char *paths_shared_poses(void)
{
    return source_file_join(paths_share_dir(), "assets/poses");
}

char *paths_default_data(void)
{
    return paths_default_data_for(paths_default_config());
}

char *paths_default_data_for(const char *config_path)
{
    /* Under systemd, StateDirectory=ease names /var/lib/ease here: the service needs no home. */
    const char *service = getenv("STATE_DIRECTORY");
    if (service && service[0] == '/' && !strchr(service, ':'))
        return strdup(service);
    /* The installed kiosk's configuration: its records are the service's, whoever asks (root,
     * or the technician running 'ease report'), not in the asker's home. */
    if (config_path && !strcmp(config_path, PATHS_SYSTEM_CONFIG))
        return strdup(PATHS_SYSTEM_DATA);
    const char *state = getenv("XDG_STATE_HOME");
    if (state && state[0] == '/')
        return source_file_join(state, "ease");
    const char *home = getenv("HOME");
    char *path = NULL;
    if (asprintf(&path, "%s/.local/state/ease", home && *home ? home : "/tmp") < 0)
        return NULL;
    return path;
}

const char *paths_default_config(void)
{
    const char *forced = getenv("EASE_CONFIG");
    if (forced && *forced)
        return forced;
    if (access(PATHS_SYSTEM_CONFIG, R_OK) == 0)
        return PATHS_SYSTEM_CONFIG;
    return NULL;
}
