/* Where Ease finds its bundled files and keeps its state: installed under the data directory, or
 * in the source tree when run from a build folder, so a developer needs no install step. */
#ifndef EASE_PATHS_H
#define EASE_PATHS_H

/* The installed kiosk: its configuration, and the service's data folder (StateDirectory=ease). */
#define PATHS_SYSTEM_CONFIG "/etc/ease/kiosk.yaml"
#define PATHS_SYSTEM_DATA   "/var/lib/ease"

/* The folder holding routines/, assets/ and schema/ ($EASE_SHARE_DIR overrides). */
const char *paths_share_dir(void);

/* New strings: the bundled routines, the shared poses, and the default data folder for a
 * configuration file ($STATE_DIRECTORY, set by systemd for the service; else /var/lib/ease for
 * the installed /etc/ease/kiosk.yaml; else $XDG_STATE_HOME/ease, else ~/.local/state/ease).
 * paths_default_data uses the configuration read when none is named. */
char *paths_bundled_routines(void);
char *paths_shared_poses(void);
char *paths_default_data(void);
char *paths_default_data_for(const char *config_path);

/* The configuration read when none is named: $EASE_CONFIG, else /etc/ease/kiosk.yaml when it
 * exists; NULL when there is none (defaults apply). */
const char *paths_default_config(void);

#endif
