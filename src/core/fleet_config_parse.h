/* The 'fleet:' section read out of kiosk.yaml's YAML document, for the modules that parse it
 * (config.c, fleet_config.c). Apart from this header, fleet_config.h keeps libyaml out of the
 * configuration's users: the kiosk, the fleet's worker, the commands. */
#ifndef EASE_FLEET_CONFIG_PARSE_H
#define EASE_FLEET_CONFIG_PARSE_H

#include <stdbool.h>

#include "fleet_config.h"
#include "yaml_doc.h"

/* Reads the 'fleet' mapping at node over *fleet. Relative paths are taken from folder; the
 * kiosk's name defaults to kiosk_name (the top-level 'kiosk'). Problems go to the document's
 * diagnostics with their line and column; a key or password file others can read is a
 * warning. Returns false on errors. */
bool fleet_config_read(fleet_config *fleet, yaml_doc *doc, yaml_node_t *node, const char *folder,
                       const char *kiosk_name);

#endif
