/* Forward kinematics: where every part of the figure is in a pose. The kiosk draws from these
 * positions, `ease poses` prints them and the tests state each movement's facts on them, so what
 * a patient sees is what was checked.
 *
 * Units are the figure's standing height (1.0 from the floor to the top of the head), in the
 * figure's own frame: x towards the figure's left, y up, z forwards (towards the patient in the
 * front view); y = 0 is the floor under the feet (or under the chair, or under the back when
 * lying) and x = 0, z = 0 the middle of the hips. */
#ifndef EASE_KINEMATICS_H
#define EASE_KINEMATICS_H

#include <stdbool.h>

#include "pose.h"

typedef struct {
    float x, y, z;
} kin_vec;

/* Points of the body. Left and right alternate, so LEFT + side (0 left, 1 right) indexes both. */
typedef enum {
    KIN_HEAD,   /* centre of the head */
    KIN_NECK,   /* base of the neck, between the shoulders */
    KIN_CHEST,  /* middle of the chest, on the spine's line */
    KIN_PELVIS, /* between the hip joints */
    KIN_LEFT_SHOULDER,
    KIN_RIGHT_SHOULDER,
    KIN_LEFT_ELBOW,
    KIN_RIGHT_ELBOW,
    KIN_LEFT_WRIST,
    KIN_RIGHT_WRIST,
    KIN_LEFT_HAND, /* middle of the hand, where it would touch something */
    KIN_RIGHT_HAND,
    KIN_LEFT_HIP,
    KIN_RIGHT_HIP,
    KIN_LEFT_KNEE,
    KIN_RIGHT_KNEE,
    KIN_LEFT_ANKLE,
    KIN_RIGHT_ANKLE,
    KIN_LEFT_HEEL,
    KIN_RIGHT_HEEL,
    KIN_LEFT_TOE,
    KIN_RIGHT_TOE,
    KIN_POINT_COUNT
} kin_point;

const char *kin_point_name(kin_point point); /* "left-hand" */

/* A rotation as its three axes (where the frame's x, y and z end up). */
typedef struct {
    kin_vec x, y, z;
} kin_frame;

/* Proportions, in standing heights: close to a real adult's, with a slightly larger head. */
#define KIN_HEAD_RADIUS 0.068f
#define KIN_HEAD_HEIGHT 0.080f /* half the head's height: a little taller than wide */
#define KIN_NECK_LENGTH 0.105f /* base of the neck to the centre of the head */
#define KIN_SHOULDER_UP 0.275f /* hip joints to shoulder joints, along the trunk */
#define KIN_SHOULDER_W  0.100f /* half the distance between the shoulder joints */
#define KIN_HIP_W       0.052f /* half the distance between the hip joints */
#define KIN_UPPER_ARM   0.172f
#define KIN_FOREARM     0.150f
#define KIN_HAND        0.058f /* wrist to the middle of an open hand */
#define KIN_THIGH       0.240f
#define KIN_SHIN        0.238f
#define KIN_FOOT_T      0.046f /* the ankle is this far above the sole */
#define KIN_TOE         0.100f /* ankle to the toes' rounding, along the foot */
#define KIN_HEEL        0.020f /* ankle back to the heel's rounding */
#define KIN_SEAT_HEIGHT 0.245f /* floor to the top of a chair's seat */
#define KIN_SEAT_DEPTH  0.200f
#define KIN_CHAIR_BACK  0.260f /* seat to the top of the chair's back */
#define KIN_SIT_DROP    0.038f /* hip joints above the seat */
#define KIN_SEAT_GIVE   0.010f /* feet may lift seated hips this much (a heel pressed down) */
#define KIN_CHAIR_HELD  0.250f /* a held chair's back in front of the feet, standing */

typedef struct {
    kin_vec at[KIN_POINT_COUNT];
    kin_frame pelvis, trunk, head; /* the frames the parts were placed in */
    float hand_closed[2];          /* 0 open .. 1 fist */
    bool seated;                   /* on the chair, its seat (not the feet) carrying the hips */
    bool lying;                    /* the body is more than half-way to lying down */
    bool chair;                    /* a chair is drawn: under the seated figure, or beside */
    kin_vec chair_seat;            /* middle of the top of the seat, when chair */
    kin_vec chair_forward;         /* the way the chair faces (its back is behind the seat) */
} kin_body;

/* Where everything is in pose p (angles out of range are clamped, NaN taken as 0). */
void kin_solve(const pose *p, kin_body *out);

/* Handy measures for the tests and `ease poses`. */
float kin_distance(kin_vec a, kin_vec b);

#endif
