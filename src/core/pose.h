/* The figure's skeleton and poses: a pose is a few joint angles, so any pose blends smoothly into
 * any other. Pose libraries come from YAML ('poses:' maps), each pose built on a base.
 *
 * Every stored angle has one meaning in three dimensions, whatever the view (so a front pose and a
 * side pose blend, and a pose can be looked at from any side). A few YAML names are read "in the
 * picture": 'body', 'torso' and 'neck' bend forwards in a side-view pose but sideways in a front or
 * three-quarter one, and an arm or leg raised in a front-view pose goes out to the side, in a
 * side-view pose forwards, unless its '-plane' joint says otherwise. Loading turns them into the
 * three-dimensional joints below (see docs/routine-format.md, "Joints"). "Left" is the figure's
 * own left. */
#ifndef EASE_POSE_H
#define EASE_POSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

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
    /* Added joints, each with one meaning in every view. */
    POSE_BODY_SIDE,       /* the whole body leans to its left (+) or right */
    POSE_TORSO_SIDE,      /* the trunk bends to its left (+) or right, at the waist */
    POSE_TORSO_TURN,      /* the trunk turns to its left (+) or right, at the waist */
    POSE_NECK_TILT,       /* the left ear goes towards the left shoulder (+) */
    POSE_NECK_TURN,       /* the head turns to look left (+) or right */
    POSE_SHOULDER_BLADES, /* shoulder blades squeeze together (+) or round forwards (-) */
    POSE_LEFT_ARM_PLANE,  /* where the arm is raised: 0 out to the side, 90 ahead, 135 across */
    POSE_RIGHT_ARM_PLANE,
    POSE_LEFT_ARM_TURN, /* the upper arm rolls out (+, forearm up) or in (-, forearm down) */
    POSE_RIGHT_ARM_TURN,
    POSE_LEFT_HAND, /* 0 an open hand, 100 a loose fist */
    POSE_RIGHT_HAND,
    POSE_LEFT_HIP_PLANE, /* where the thigh is raised: 0 out to the side, 90 ahead */
    POSE_RIGHT_HIP_PLANE,
    POSE_LEFT_ANKLE, /* the toes point (+, the heel rises) or pull up (-) */
    POSE_RIGHT_ANKLE,
    POSE_JOINT_COUNT
} pose_joint;

typedef struct {
    const char *name; /* as written in YAML: "left-arm" */
    float min_deg, max_deg;
    const char *means; /* a few words for authors and the schema: "raise the arm" */
} pose_joint_info;

/* The joint table, POSE_JOINT_COUNT entries, in pose_joint order. */
const pose_joint_info *pose_joints(void);

/* YAML names beyond the joints: 'neck-nod', 'torso-forward' and 'body-back' set POSE_NECK,
 * POSE_TORSO and POSE_BODY in every view. Index j >= POSE_JOINT_COUNT is alias j - count. */
enum { POSE_ALIAS_COUNT = 3, POSE_NAME_COUNT = POSE_JOINT_COUNT + POSE_ALIAS_COUNT };
const char *pose_name_of(int index);   /* YAML name of joint or alias index */
pose_joint pose_name_joint(int index); /* the joint an alias sets (a joint: itself) */
float pose_name_min(int index);        /* its range, in degrees (a hand: per cent) */
float pose_name_max(int index);

/* Names read in the picture of the pose's view ('body', 'torso', 'neck' in a front or
 * three-quarter view): the joint they set there. Other names set the joint of the same name. */
pose_joint pose_joint_in_view(pose_joint joint, int view);

/* The views, and how far the figure is turned in each: 0 facing the patient, 90 facing the
 * patient's right (side view), 45 half-way (three-quarter). */
typedef enum {
    POSE_VIEW_FRONT,
    POSE_VIEW_SIDE,
    POSE_VIEW_THREE_QUARTER,
    POSE_VIEW_COUNT
} pose_view;
const char *pose_view_name(pose_view view); /* "front", "side", "three-quarter" */
float pose_view_turn_deg(pose_view view);

typedef struct {
    float angle_deg[POSE_JOINT_COUNT];
    pose_view view;
    float view_turn_deg; /* as pose_view_turn_deg; blends with the pose, so views turn smoothly */
    bool chair;
} pose;

/* Standing, facing front, arms by the sides: every joint at 0. */
void pose_neutral(pose *out);

/* out = a blended towards b by fraction t in [0, 1] (linear in angle; the caller eases t).
 * The figure turns smoothly between views; the chair and the view's name switch half-way. */
void pose_blend(const pose *a, const pose *b, double t, pose *out);

/* Ease-in-out on [0, 1] (a half cosine), so motion starts and stops gently. */
double pose_ease(double t);

typedef struct {
    char *name; /* owned */
    char *base; /* owned; NULL means the neutral pose */
    char *file; /* owned; where it was written */
    int line, col, base_line, base_col;
    float angle_deg[POSE_NAME_COUNT]; /* as written, by name index: turned into joints by view */
    uint64_t joints_set;              /* bit per name index given in this definition */
    int view;                         /* -1 unset, else pose_view */
    int chair;                        /* -1 unset, 0, 1 */
    bool broken;   /* had errors when read: never resolved, dependents fail quietly */
    bool resolved; /* value below is valid */
    pose value;
} pose_def;

typedef struct {
    pose_def *defs;
    size_t count, capacity;
} pose_library;

void pose_library_init(pose_library *lib);
void pose_library_free(pose_library *lib);

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
