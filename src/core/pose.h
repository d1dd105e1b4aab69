/* The figure's skeleton and poses: a pose is a few joint angles, so any pose blends smoothly into
 * any other. Pose libraries come from YAML ('poses:' maps), each pose built on a base. */
#ifndef EASE_POSE_H
#define EASE_POSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "yaml_doc.h"

typedef enum {
    POSE_BODY,
    POSE_TORSO,
    POSE_NECK,
    POSE_SHOULDERS,
    POSE_LEFT_ARM,
    POSE_RIGHT_ARM,
    POSE_LEFT_ELBOW,
    POSE_RIGHT_ELBOW,
    POSE_LEFT_WRIST,
    POSE_RIGHT_WRIST,
    POSE_LEFT_HIP,
    POSE_RIGHT_HIP,
    POSE_LEFT_KNEE,
    POSE_RIGHT_KNEE,
    POSE_JOINT_COUNT
} pose_joint;

typedef struct {
    const char *name; /* as written in YAML: "left-arm" */
    float min_deg, max_deg;
} pose_joint_info;

/* The joint table, POSE_JOINT_COUNT entries, in pose_joint order. */
const pose_joint_info *pose_joints(void);

typedef enum { POSE_VIEW_FRONT, POSE_VIEW_SIDE } pose_view;

typedef struct {
    float angle_deg[POSE_JOINT_COUNT];
    pose_view view;
    bool chair;
} pose;

/* Standing, facing front, arms by the sides: every joint at 0. */
void pose_neutral(pose *out);

/* out = a blended towards b by fraction t in [0, 1] (linear in angle; the caller eases t).
 * The chair switches half-way; poses of different views are not blended but cut half-way. */
void pose_blend(const pose *a, const pose *b, double t, pose *out);

/* Ease-in-out on [0, 1] (a half cosine), so motion starts and stops gently. */
double pose_ease(double t);

typedef struct {
    char *name; /* owned */
    char *base; /* owned; NULL means the neutral pose */
    char *file; /* owned; where it was written */
    int line, col, base_line, base_col;
    float angle_deg[POSE_JOINT_COUNT];
    uint32_t joints_set; /* bit per joint given in this definition */
    int view;            /* -1 unset, else pose_view */
    int chair;           /* -1 unset, 0, 1 */
    bool broken;         /* had errors when read: never resolved, dependents fail quietly */
    bool resolved;       /* value below is valid */
    pose value;
} pose_def;

typedef struct {
    pose_def *defs;
    size_t count, capacity;
} pose_library;

void pose_library_init(pose_library *lib);
void pose_library_free(pose_library *lib);

/* Reads a 'poses:' map into lib, reporting problems; returns false on any error in it. */
bool pose_library_parse(pose_library *lib, yaml_doc *doc, yaml_node_t *map);

/* Loads every *.yaml file in dir (a shared pose library: 'format' and 'poses' keys) and
 * resolves it. False when the folder cannot be read or any file has errors (good poses stay). */
bool pose_library_load_dir(pose_library *lib, const char *dir, diag_list *diag);

/* Resolves every base chain of lib, looking in lib first, then in parent (may be NULL; must be
 * resolved already). Reports unknown bases ("did you mean"), loops, and names that clash with
 * parent. */
bool pose_library_resolve(pose_library *lib, const pose_library *parent, diag_list *diag);

/* The definition named name in lib, else parent; NULL when none. */
const pose_def *pose_library_find(const pose_library *lib, const pose_library *parent,
                                  const char *name);

/* A close name for "did you mean", searched in both; NULL when none is close. */
const char *pose_library_suggest(const pose_library *lib, const pose_library *parent,
                                 const char *name);

#endif
