/* Poses read out of a YAML document, for the modules that parse (pose.c's pose files,
 * routine_load.c's routines with poses of their own). Apart from this header, pose.h keeps
 * libyaml out of everything that uses poses: the plan, the flow, the screens, the records. */
#ifndef EASE_POSE_PARSE_H
#define EASE_POSE_PARSE_H

#include <stdbool.h>

#include "pose.h"
#include "yaml_doc.h"

/* Reads a 'poses:' map into lib, reporting problems; returns false on any error in it. */
bool pose_library_parse(pose_library *lib, yaml_doc *doc, yaml_node_t *map);

#endif
