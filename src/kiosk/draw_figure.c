/* The figure is worked out in units of standing height (H) with the hip joint at the origin and y
 * pointing down, as on screen, then scaled into the box. It is first turned into a short list of
 * shapes, so drawing and measuring (for the floor, the centring and the bounds) always agree. */
#include "draw_figure.h"

#include <math.h>
#include <stdbool.h>

#define FIGURE_PI 3.14159265f

/* Proportions, in units of standing height. Close to a real adult's, with a slightly large head
 * and slim limbs so the figure reads as friendly rather than anatomical. */
#define FIGURE_LEG_T       0.072f  /* thigh and shin thickness */
#define FIGURE_ARM_T       0.062f  /* upper arm and forearm thickness */
#define FIGURE_THIGH       0.2375f /* hip joint to knee */
#define FIGURE_SHIN        0.2375f /* knee to ankle */
#define FIGURE_UPPER_ARM   0.175f  /* shoulder to elbow */
#define FIGURE_FOREARM     0.145f  /* elbow to wrist */
#define FIGURE_HAND        0.056f  /* wrist to the centre of the fingertips' rounding */
#define FIGURE_HAND_T      0.066f  /* wider than the wrist, covering the forearm's end: no seam */
#define FIGURE_HEAD_R      0.072f  /* head radius */
#define FIGURE_NECK_T      0.052f  /* neck thickness */
#define FIGURE_NECK        0.112f  /* base of the neck to the centre of the head */
#define FIGURE_HEAD_AHEAD  0.022f  /* side view: the head sits a little forward of the spine */
#define FIGURE_TRUNK_ROUND 0.036f  /* rounding of the trunk's corners */
#define FIGURE_SHOULDER_U  0.285f  /* hip joint to shoulder joint, along the trunk */
#define FIGURE_SHOULDER_W  0.098f  /* front view: half the distance between shoulder joints */
#define FIGURE_HIP_W       0.05f   /* front view: half the distance between hip joints */
#define FIGURE_SHRUG       0.12f   /* how far the shoulders rise: this times sin(shoulders) */
#define FIGURE_FOOT_T      0.046f  /* foot thickness (the ankle sits this high) */
#define FIGURE_TOE         0.095f  /* side view: ankle to the toe's rounding centre */
#define FIGURE_HEEL        0.018f  /* side view: ankle back to the heel's rounding centre */
#define FIGURE_FRONT_TOE   0.028f  /* front view: the foot turns a little outward */
#define FIGURE_ARM_FLARE   4.0f    /* front view: hanging arms clear the trunk by a few degrees */
#define FIGURE_FRONT_KNEE  0.55f   /* front view: how much of a knee bend shows in the picture */
#define FIGURE_SEAT_THIGH  0.26f   /* front view, seated: the thighs point at the viewer */
#define FIGURE_KNEE_T      0.084f  /* front view, seated: a knee seen end-on */
#define FIGURE_SEAT_KNEES  0.016f  /* front view, seated: knees wider apart than the hips */
#define FIGURE_CONTOUR     0.0095f /* the line that keeps near limbs apart from what is behind */
#define FIGURE_SHADOW_H    0.013f  /* half the height of the shadow under the figure */

enum { FIGURE_MAX_SHAPES = 32, FIGURE_MAX_CORE = 6, FIGURE_MAX_OUTLINE = 256 };

typedef enum {
    FIGURE_INK_BODY,
    FIGURE_INK_FAR,
    FIGURE_INK_CONTOUR,
    FIGURE_INK_CHAIR,
    FIGURE_INK_FLOOR
} figure_ink;

typedef enum { FIGURE_SHAPE_CAPSULE, FIGURE_SHAPE_POLYGON, FIGURE_SHAPE_ELLIPSE } figure_kind;

/* One thing to fill. A contour shape is its fill shape grown by the contour width, which is only
 * known in pixels, so it is applied when drawing. */
typedef struct {
    figure_kind kind;
    figure_ink ink;
    gfx_point a, b;  /* capsule ends; ellipse centre and radii */
    float thickness; /* capsule */
    bool disc;       /* a capsule with both ends at a: drawn rounder than gfx's dots */
    float round;     /* polygon corner rounding */
    gfx_point core[FIGURE_MAX_CORE];
    int count;
} figure_shape;

typedef struct {
    figure_shape shapes[FIGURE_MAX_SHAPES];
    int count;
} figure_shapes;

/* Joint positions. Index 0 is the figure's left, 1 its right. */
typedef struct {
    bool side, seated; /* seated: front view on a chair */
    gfx_point trunk[FIGURE_MAX_CORE];
    int trunk_count;
    gfx_point neck, head;
    gfx_point shoulder[2], elbow[2], wrist[2], hand_from[2], hand_to[2];
    gfx_point hip[2], knee[2], ankle[2], heel[2], toe[2];
} figure_skeleton;

typedef struct {
    float min_x, min_y, max_x, max_y;
} figure_extent;

/* Where the figure lands in the box: screen = offset + scale * model. */
typedef struct {
    float scale, ox, oy;
    figure_shapes body;  /* the person */
    figure_shapes under; /* shadow and chair, drawn first */
} figure_layout;

static float figure_rad(float deg)
{
    return deg * FIGURE_PI / 180.0f;
}

/* A unit vector at deg: 0 points down, 90 right, 180 up (y grows downwards). */
static gfx_point figure_dir(float deg)
{
    float r = figure_rad(deg);
    return (gfx_point){sinf(r), cosf(r)};
}

static gfx_point figure_along(gfx_point from, float deg, float length)
{
    gfx_point d = figure_dir(deg);
    return (gfx_point){from.x + d.x * length, from.y + d.y * length};
}

/* A point in a frame whose "up" is at angle up: v across it (forwards in side view, towards the
 * figure's left in front view), u along it. */
static gfx_point figure_frame(gfx_point origin, float up, float v, float u)
{
    gfx_point across = figure_dir(up - 90.0f), along = figure_dir(up);
    return (gfx_point){origin.x + across.x * v + along.x * u,
                       origin.y + across.y * v + along.y * u};
}

static float figure_wrap(float deg)
{
    deg = fmodf(deg, 360.0f);
    if (deg > 180.0f)
        deg -= 360.0f;
    if (deg <= -180.0f)
        deg += 360.0f;
    return deg;
}

static float figure_clamp(float value, float low, float high)
{
    return value < low ? low : value > high ? high : value;
}

/* Angles are checked when poses are loaded; this only keeps a stray value from tearing the
 * figure apart. */
static void figure_angles(const pose *p, float *angle)
{
    const pose_joint_info *info = pose_joints();
    for (int j = 0; j < POSE_JOINT_COUNT; j++) {
        float a = p->angle_deg[j];
        angle[j] = isfinite(a) ? figure_clamp(a, info[j].min_deg, info[j].max_deg) : 0.0f;
    }
    /* The picture-plane angles this drawing understands. */
    if (p->view != POSE_VIEW_SIDE) {
        angle[POSE_TORSO] = angle[POSE_TORSO_SIDE];
        angle[POSE_NECK] = angle[POSE_NECK_TILT];
        angle[POSE_BODY] = -angle[POSE_BODY_SIDE];
    }
}

static void figure_skeleton_build(const pose *p, figure_skeleton *k)
{
    float a[POSE_JOINT_COUNT];
    figure_angles(p, a);
    bool side = p->view == POSE_VIEW_SIDE;
    k->side = side;
    k->seated = !side && p->chair;
    float body = a[POSE_BODY];
    float up = 180.0f - a[POSE_TORSO] + body; /* the trunk pivots at the hips */
    gfx_point hip = {0, 0};
    float raise = FIGURE_SHRUG * sinf(figure_rad(a[POSE_SHOULDERS]));

    /* The trunk's core outline (rounded when drawn), a little wider at the shoulders and, in
     * front view, no wider than the legs at the hips, so they meet without a ledge; in side view
     * the chest is deeper than the waist and the back is nearly straight. */
    if (side) {
        const float core[5][2] = {{-0.022f, -0.004f},
                                  {0.022f, -0.004f},
                                  {0.048f, 0.2f},
                                  {0.026f, FIGURE_SHOULDER_U - 0.012f},
                                  {-0.03f, FIGURE_SHOULDER_U - 0.012f}};
        for (int i = 0; i < 5; i++)
            k->trunk[i] = figure_frame(hip, up, core[i][0], core[i][1] + (i >= 3 ? raise : 0));
        k->trunk_count = 5;
    } else {
        const float core[5][2] = {{-0.047f, 0.0f},
                                  {0.0f, -0.016f},
                                  {0.047f, 0.0f},
                                  {0.068f, FIGURE_SHOULDER_U - 0.012f},
                                  {-0.068f, FIGURE_SHOULDER_U - 0.012f}};
        for (int i = 0; i < 5; i++)
            k->trunk[i] = figure_frame(hip, up, core[i][0], core[i][1] + (i >= 3 ? raise : 0));
        k->trunk_count = 5;
    }
    k->neck = figure_frame(hip, up, side ? -0.004f : 0.0f, FIGURE_SHOULDER_U);
    k->head =
        figure_frame(k->neck, up - a[POSE_NECK], side ? FIGURE_HEAD_AHEAD : 0.0f, FIGURE_NECK);

    for (int s = 0; s < 2; s++) {
        /* Front view mirrors the right side; side view shows both sides moving forwards. */
        float sign = side || s == 0 ? 1.0f : -1.0f;
        float arm = a[POSE_LEFT_ARM + s], elbow = a[POSE_LEFT_ELBOW + s],
              wrist = a[POSE_LEFT_WRIST + s];
        /* Side view: arms are measured from the vertical (a forward bend leaves "hanging" arms
         * hanging, so hands reach towards the shins). Front view: from the trunk, so the hand
         * slides down the leg in a side bend. */
        float hang = side ? body : up - 180.0f;
        float shoulder_v = side ? 0.0f : sign * FIGURE_SHOULDER_W;
        k->shoulder[s] = figure_frame(hip, up, shoulder_v, FIGURE_SHOULDER_U - 0.012f + raise);
        float upper = hang + sign * (arm + (side ? 0.0f : FIGURE_ARM_FLARE));
        k->elbow[s] = figure_along(k->shoulder[s], upper, FIGURE_UPPER_ARM);
        /* The elbow folds the forearm forwards and up. Side view shows that in full. Front view
         * sees it from ahead, so the picture shows where the hand goes: a low arm brings it
         * across in front of the body, a raised arm lifts it beside the head, an arm overhead
         * brings it back over the head. */
        gfx_point along = figure_dir(upper), fold_to;
        if (side) {
            fold_to = figure_dir(upper + 90.0f);
        } else {
            float lift = figure_clamp((arm - 40.0f) / 35.0f, 0.0f, 1.0f) *
                         (1.0f - figure_clamp((arm - 120.0f) / 40.0f, 0.0f, 1.0f));
            gfx_point inward = figure_dir(up + sign * 90.0f), rise = figure_dir(up);
            fold_to = (gfx_point){inward.x + (rise.x - inward.x) * lift,
                                  inward.y + (rise.y - inward.y) * lift};
            float length = sqrtf(fold_to.x * fold_to.x + fold_to.y * fold_to.y);
            fold_to.x /= length;
            fold_to.y /= length;
        }
        float fold = figure_rad(elbow), c = cosf(fold), t = sinf(fold);
        gfx_point fore = {along.x * c + fold_to.x * t, along.y * c + fold_to.y * t};
        float shown = sqrtf(fore.x * fore.x + fore.y * fore.y);
        if (shown > 1.0f) { /* never longer than the forearm itself */
            fore.x /= shown;
            fore.y /= shown;
            shown = 1.0f;
        }
        float fore_angle = shown > 1e-3f ? atan2f(fore.x, fore.y) * 180.0f / FIGURE_PI : upper;
        k->wrist[s] = (gfx_point){k->elbow[s].x + fore.x * FIGURE_FOREARM,
                                  k->elbow[s].y + fore.y * FIGURE_FOREARM};
        /* Extension bends the hand back, the same way the elbow folds; a forearm seen end-on
         * shows its hand end-on too. */
        float hand = fore_angle + sign * wrist;
        float hand_scale = side ? 1.0f : 0.4f + 0.6f * shown;
        k->hand_from[s] = k->wrist[s];
        k->hand_to[s] = figure_along(k->wrist[s], hand, FIGURE_HAND * hand_scale);

        float hip_angle = a[POSE_LEFT_HIP + s], knee = a[POSE_LEFT_KNEE + s];
        float pelvis_up = 180.0f + body;
        k->hip[s] = figure_frame(hip, pelvis_up, side ? 0.0f : sign * FIGURE_HIP_W, 0.0f);
        float thigh = body + sign * hip_angle;
        if (side) {
            float shin = thigh - knee; /* the knee folds the shin backwards */
            k->knee[s] = figure_along(k->hip[s], thigh, FIGURE_THIGH);
            k->ankle[s] = figure_along(k->knee[s], shin, FIGURE_SHIN);
            /* No ankle joint in the pose: the foot keeps flat on the floor as far as an ankle
             * can bend (a little up, more down), and points its toes when lying. */
            float tilt = figure_wrap(shin);
            float lying = figure_clamp((fabsf(tilt) - 50.0f) / 30.0f, 0.0f, 1.0f);
            float flat = figure_clamp(-tilt, -50.0f, 25.0f) * (1.0f - lying) - 15.0f * lying;
            float foot = shin + 90.0f + flat;
            gfx_point sole = figure_dir(foot - 90.0f);
            gfx_point centre = {k->ankle[s].x + sole.x * FIGURE_FOOT_T / 2,
                                k->ankle[s].y + sole.y * FIGURE_FOOT_T / 2};
            k->heel[s] = figure_along(centre, foot, -FIGURE_HEEL);
            k->toe[s] = figure_along(centre, foot, FIGURE_TOE);
        } else {
            /* The picture cannot show a bend towards or away from the viewer; thighs and shins
             * shorten with it, and part of it shows as knees turned out. Seated, the thighs come
             * straight at the viewer, so only the shins hang down. */
            float half_bend = figure_rad(knee / 2);
            float thigh_length =
                p->chair ? FIGURE_THIGH * FIGURE_SEAT_THIGH : FIGURE_THIGH * cosf(half_bend);
            float shin_length = p->chair ? FIGURE_SHIN : FIGURE_SHIN * cosf(half_bend);
            float shin = thigh - sign * knee * FIGURE_FRONT_KNEE;
            k->knee[s] = figure_along(k->hip[s], thigh, thigh_length);
            if (p->chair) /* knees a little apart, as people sit */
                k->knee[s] = figure_frame(k->knee[s], pelvis_up, sign * FIGURE_SEAT_KNEES, 0.0f);
            k->ankle[s] = figure_along(k->knee[s], shin, shin_length);
            gfx_point centre = figure_along(k->ankle[s], body, FIGURE_FOOT_T / 2);
            k->heel[s] = figure_along(centre, body + sign * 90.0f, -0.006f);
            k->toe[s] = figure_along(centre, body + sign * 90.0f, FIGURE_FRONT_TOE);
        }
    }
}

static figure_shape *figure_push(figure_shapes *list, figure_kind kind, figure_ink ink)
{
    if (list->count >= FIGURE_MAX_SHAPES)
        return NULL;
    figure_shape *shape = &list->shapes[list->count++];
    shape->kind = kind;
    shape->ink = ink;
    shape->thickness = 0;
    shape->round = 0;
    shape->count = 0;
    shape->disc = false;
    return shape;
}

static void figure_capsule(figure_shapes *list, figure_ink ink, gfx_point a, gfx_point b,
                           float thickness)
{
    figure_shape *shape = figure_push(list, FIGURE_SHAPE_CAPSULE, ink);
    if (!shape)
        return;
    shape->a = a;
    shape->b = b;
    shape->thickness = thickness;
}

static void figure_disc(figure_shapes *list, figure_ink ink, gfx_point centre, float diameter)
{
    figure_shape *shape = figure_push(list, FIGURE_SHAPE_CAPSULE, ink);
    if (!shape)
        return;
    shape->a = shape->b = centre;
    shape->thickness = diameter;
    shape->disc = true;
}

/* An arm or a leg. Outlined limbs get their contour first, all of it before any fill, so the
 * line runs round the whole limb and never across its joints. */
static void figure_arm(figure_shapes *list, const figure_skeleton *k, int s, figure_ink ink,
                       bool outline)
{
    for (int pass = outline ? 0 : 1; pass < 2; pass++) {
        figure_ink use = pass == 0 ? FIGURE_INK_CONTOUR : ink;
        figure_capsule(list, use, k->shoulder[s], k->elbow[s], FIGURE_ARM_T);
        figure_capsule(list, use, k->elbow[s], k->wrist[s], FIGURE_ARM_T);
        figure_capsule(list, use, k->hand_from[s], k->hand_to[s], FIGURE_HAND_T);
    }
}

typedef enum { FIGURE_THIGH_PART = 1, FIGURE_SHIN_PART = 2, FIGURE_WHOLE_LEG = 3 } figure_leg_part;

static void figure_leg(figure_shapes *list, const figure_skeleton *k, int s, figure_ink ink,
                       bool outline, figure_leg_part part)
{
    for (int pass = outline ? 0 : 1; pass < 2; pass++) {
        figure_ink use = pass == 0 ? FIGURE_INK_CONTOUR : ink;
        /* Seated in front view the thigh points at the viewer: only its rounded end, the
         * knee, shows in front of the lap. */
        if ((part & FIGURE_THIGH_PART) && k->seated)
            figure_disc(list, use, k->knee[s], FIGURE_KNEE_T);
        else if (part & FIGURE_THIGH_PART)
            figure_capsule(list, use, k->hip[s], k->knee[s], FIGURE_LEG_T);
        if (part & FIGURE_SHIN_PART) {
            figure_capsule(list, use, k->knee[s], k->ankle[s], FIGURE_LEG_T);
            figure_capsule(list, use, k->heel[s], k->toe[s], FIGURE_FOOT_T);
        }
    }
}

static void figure_trunk_and_head(figure_shapes *list, const figure_skeleton *k)
{
    figure_shape *trunk = figure_push(list, FIGURE_SHAPE_POLYGON, FIGURE_INK_BODY);
    if (trunk) {
        for (int i = 0; i < k->trunk_count; i++)
            trunk->core[i] = k->trunk[i];
        trunk->count = k->trunk_count;
        trunk->round = FIGURE_TRUNK_ROUND;
    }
    figure_capsule(list, FIGURE_INK_BODY, k->neck, k->head, FIGURE_NECK_T);
    figure_disc(list, FIGURE_INK_BODY, k->head, 2 * FIGURE_HEAD_R);
}

/* Painter's order. Side view: the far (left) limbs behind in their own colour, then the near
 * leg, the trunk over the top of it, the head, and the near arm last, outlined so it stays
 * readable across the trunk. Front view: legs, trunk, head, then arms. */
static void figure_body_shapes(const figure_skeleton *k, figure_shapes *list)
{
    list->count = 0;
    if (k->side) {
        figure_arm(list, k, 0, FIGURE_INK_FAR, false);
        figure_leg(list, k, 0, FIGURE_INK_FAR, false, FIGURE_WHOLE_LEG);
        figure_leg(list, k, 1, FIGURE_INK_BODY, true, FIGURE_WHOLE_LEG);
        figure_trunk_and_head(list, k);
        figure_arm(list, k, 1, FIGURE_INK_BODY, true);
    } else if (k->seated) {
        /* The thighs come towards the viewer, in front of the lap: drawn over the trunk, their
         * outlined ends are what says "sitting" from the front. */
        for (int s = 0; s < 2; s++)
            figure_leg(list, k, s, FIGURE_INK_BODY, true, FIGURE_SHIN_PART);
        figure_trunk_and_head(list, k);
        for (int s = 0; s < 2; s++)
            figure_leg(list, k, s, FIGURE_INK_BODY, true, FIGURE_THIGH_PART);
        figure_arm(list, k, 0, FIGURE_INK_BODY, true);
        figure_arm(list, k, 1, FIGURE_INK_BODY, true);
    } else {
        for (int s = 0; s < 2; s++)
            figure_leg(list, k, s, FIGURE_INK_BODY, true, FIGURE_WHOLE_LEG);
        figure_trunk_and_head(list, k);
        figure_arm(list, k, 0, FIGURE_INK_BODY, true);
        figure_arm(list, k, 1, FIGURE_INK_BODY, true);
    }
}

static void figure_extent_reset(figure_extent *e)
{
    e->min_x = e->min_y = INFINITY;
    e->max_x = e->max_y = -INFINITY;
}

static void figure_extent_add(figure_extent *e, gfx_point p, float rx, float ry)
{
    e->min_x = fminf(e->min_x, p.x - rx);
    e->max_x = fmaxf(e->max_x, p.x + rx);
    e->min_y = fminf(e->min_y, p.y - ry);
    e->max_y = fmaxf(e->max_y, p.y + ry);
}

/* The extent of shapes, each grown by grow (the contour, in model units). */
static void figure_extent_of(const figure_shapes *list, float grow, figure_extent *e)
{
    for (int i = 0; i < list->count; i++) {
        const figure_shape *s = &list->shapes[i];
        float extra = s->ink == FIGURE_INK_CONTOUR ? grow : 0.0f;
        switch (s->kind) {
        case FIGURE_SHAPE_CAPSULE:
            figure_extent_add(e, s->a, s->thickness / 2 + extra, s->thickness / 2 + extra);
            figure_extent_add(e, s->b, s->thickness / 2 + extra, s->thickness / 2 + extra);
            break;
        case FIGURE_SHAPE_POLYGON:
            for (int j = 0; j < s->count; j++)
                figure_extent_add(e, s->core[j], s->round + extra, s->round + extra);
            break;
        case FIGURE_SHAPE_ELLIPSE:
            figure_extent_add(e, s->a, s->b.x, s->b.y);
            break;
        }
    }
}

/* A simple chair in the chair colour: side view a seat, a back and two legs; front view a
 * stool-like seat. Its seat is where the hips are, so the feet stay on the floor. */
static void figure_chair(const figure_skeleton *k, float floor_y, figure_shapes *list)
{
    gfx_point hip = {(k->hip[0].x + k->hip[1].x) / 2, (k->hip[0].y + k->hip[1].y) / 2};
    float seat_top = hip.y + 0.038f, seat_t = 0.032f, leg_t = 0.024f;
    if (floor_y - (seat_top + seat_t) < leg_t)
        return; /* no room under the hips for a chair */
    float seat_y = seat_top + seat_t / 2, bottom = floor_y - leg_t / 2;
    if (k->side) {
        float back_x = hip.x - 0.072f, front_x = hip.x + 0.16f;
        figure_capsule(list, FIGURE_INK_CHAIR, (gfx_point){back_x, seat_y - 0.26f},
                       (gfx_point){back_x, bottom}, leg_t + 0.006f);
        figure_capsule(list, FIGURE_INK_CHAIR, (gfx_point){front_x - 0.012f, seat_y},
                       (gfx_point){front_x - 0.012f, bottom}, leg_t);
        figure_capsule(list, FIGURE_INK_CHAIR, (gfx_point){back_x, seat_y},
                       (gfx_point){front_x, seat_y}, seat_t);
    } else {
        float half = 0.2f;
        for (float side = -1.0f; side <= 1.0f; side += 2.0f) /* legs splay a little */
            figure_capsule(list, FIGURE_INK_CHAIR,
                           (gfx_point){hip.x + side * (half - 0.025f), seat_y},
                           (gfx_point){hip.x + side * (half - 0.01f), bottom}, leg_t);
        figure_capsule(list, FIGURE_INK_CHAIR, (gfx_point){hip.x - half, seat_y},
                       (gfx_point){hip.x + half, seat_y}, seat_t);
    }
}

/* Where the figure stands: a blend of its hips, head and legs but not its arms, so raising an
 * arm never slides the body sideways, and seated or lying figures still look centred. */
static float figure_anchor_x(const figure_skeleton *k)
{
    float sum = 2 * (k->hip[0].x + k->hip[1].x) / 2 + k->neck.x + k->head.x;
    for (int s = 0; s < 2; s++)
        sum += k->knee[s].x + k->ankle[s].x;
    return sum / 8.0f;
}

/* The model's full extent in pose p with the chair, in model units and unscaled contour. */
static void figure_model(const pose *p, figure_skeleton *k, figure_shapes *body,
                         figure_shapes *under, figure_extent *all, float *floor_y)
{
    figure_skeleton_build(p, k);
    figure_body_shapes(k, body);
    figure_extent body_extent;
    figure_extent_reset(&body_extent);
    figure_extent_of(body, 0.0f, &body_extent);
    *floor_y = body_extent.max_y;

    under->count = 0;
    /* The shadow spans everything but the arms, so it follows the feet, seat or back, and moves
     * smoothly as the pose does. */
    figure_shapes grounded = {.count = 0};
    figure_trunk_and_head(&grounded, k);
    for (int s = 0; s < 2; s++)
        figure_leg(&grounded, k, s, FIGURE_INK_BODY, false, FIGURE_WHOLE_LEG);
    if (p->chair)
        figure_chair(k, *floor_y, &grounded);
    figure_extent ground;
    figure_extent_reset(&ground);
    figure_extent_of(&grounded, 0.0f, &ground);
    figure_shape *shadow = figure_push(under, FIGURE_SHAPE_ELLIPSE, FIGURE_INK_FLOOR);
    if (shadow) {
        shadow->a = (gfx_point){(ground.min_x + ground.max_x) / 2, *floor_y};
        shadow->b = (gfx_point){(ground.max_x - ground.min_x) / 2 + 0.06f, FIGURE_SHADOW_H};
    }
    if (p->chair)
        figure_chair(k, *floor_y, under);

    figure_extent_reset(all);
    figure_extent_of(body, FIGURE_CONTOUR, all);
    figure_extent_of(under, 0.0f, all);
}

/* The size every pose is drawn at: tall enough for arms overhead with the shoulders raised, wide
 * enough for arms out or lying down, so the figure never grows or shrinks as it moves. */
static void figure_reference(float *height, float *width)
{
    static const struct {
        pose_view view;
        int joint[3];
        float angle[3];
    } refs[] = {
        {POSE_VIEW_FRONT, {POSE_LEFT_ARM, POSE_RIGHT_ARM, POSE_SHOULDERS}, {180, 180, 30}},
        {POSE_VIEW_FRONT, {POSE_LEFT_ARM, POSE_RIGHT_ARM, POSE_BODY}, {90, 90, 0}},
        {POSE_VIEW_SIDE, {POSE_BODY, POSE_LEFT_ARM, POSE_RIGHT_ARM}, {90, 0, 0}},
    };
    *height = *width = 0;
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        pose p;
        pose_neutral(&p);
        p.view = refs[i].view;
        for (int j = 0; j < 3; j++)
            p.angle_deg[refs[i].joint[j]] = refs[i].angle[j];
        figure_skeleton k;
        figure_shapes body, under;
        figure_extent e;
        float floor_y;
        figure_model(&p, &k, &body, &under, &e, &floor_y);
        *height = fmaxf(*height, e.max_y - e.min_y);
        *width = fmaxf(*width, e.max_x - e.min_x);
    }
}

static void figure_layout_make(const pose *p, SDL_FRect box, figure_layout *out)
{
    float ref_h, ref_w;
    figure_reference(&ref_h, &ref_w);
    /* A pixel and a half kept free all round for the anti-aliased edge and a pixel-wide
     * contour at small sizes. */
    box = (SDL_FRect){box.x + 1.5f, box.y + 1.5f, box.w - 3, box.h - 3};
    float scale = fminf(box.w / ref_w, box.h / ref_h);
    if (!(scale > 0))
        scale = 0;
    figure_skeleton k;
    figure_extent e;
    float floor_y;
    figure_model(p, &k, &out->body, &out->under, &e, &floor_y);
    /* The contour is at least a pixel wide; grow the extent to match once scale is known. */
    float contour = scale > 0 ? fmaxf(FIGURE_CONTOUR, 1.0f / scale) : FIGURE_CONTOUR;
    e.min_x -= contour - FIGURE_CONTOUR;
    e.max_x += contour - FIGURE_CONTOUR;
    e.min_y -= contour - FIGURE_CONTOUR;

    out->scale = scale;
    /* The shadow's lower half stays inside the box. */
    out->oy = box.y + box.h - (floor_y + FIGURE_SHADOW_H) * scale;
    float centre = box.x + box.w / 2;
    out->ox = centre - figure_anchor_x(&k) * scale;
    float left = out->ox + e.min_x * scale, right = out->ox + e.max_x * scale;
    if (right - left > box.w)
        out->ox += centre - (left + right) / 2;
    else if (left < box.x)
        out->ox += box.x - left;
    else if (right > box.x + box.w)
        out->ox -= right - (box.x + box.w);
}

static gfx_point figure_to_screen(const figure_layout *l, gfx_point p)
{
    return (gfx_point){l->ox + p.x * l->scale, l->oy + p.y * l->scale};
}

static int figure_arc_steps(float radius_px)
{
    int steps = 2 + (int)(sqrtf(fmaxf(radius_px, 0.0f)) * 1.6f);
    return steps > 24 ? 24 : steps;
}

/* The outline of a convex polygon grown by radius: each corner becomes an arc between the
 * outward normals of its two edges. */
static int figure_rounded_outline(const gfx_point *core, int count, float radius, gfx_point *out,
                                  int max)
{
    float cx = 0, cy = 0;
    for (int i = 0; i < count; i++) {
        cx += core[i].x;
        cy += core[i].y;
    }
    cx /= (float)count;
    cy /= (float)count;
    int steps = figure_arc_steps(radius);
    if (steps * count > max)
        steps = max / count;
    int n = 0;
    for (int i = 0; i < count; i++) {
        gfx_point prev = core[(i + count - 1) % count], here = core[i],
                  next = core[(i + 1) % count];
        float n1 = atan2f(-(here.x - prev.x), here.y - prev.y);
        float n2 = atan2f(-(next.x - here.x), next.y - here.y);
        /* Normals from the edge direction point one way or the other depending on winding. */
        float mx = (prev.x + here.x) / 2, my = (prev.y + here.y) / 2;
        if (cosf(n1) * (mx - cx) + sinf(n1) * (my - cy) < 0) {
            n1 += FIGURE_PI;
            n2 += FIGURE_PI;
        }
        float sweep = n2 - n1;
        while (sweep > FIGURE_PI)
            sweep -= 2 * FIGURE_PI;
        while (sweep < -FIGURE_PI)
            sweep += 2 * FIGURE_PI;
        for (int j = 0; j < steps; j++) {
            float t = n1 + sweep * (float)j / (float)(steps - 1);
            out[n++] = (gfx_point){here.x + radius * cosf(t), here.y + radius * sinf(t)};
        }
    }
    return n;
}

/* Ellipses and discs with enough points that a big head stays round (gfx's own discs are
 * tuned for small dots). */
static void figure_ellipse(gfx *g, gfx_point centre, float rx, float ry, SDL_Color colour)
{
    gfx_point points[FIGURE_MAX_OUTLINE];
    int n = 24 + (int)(fmaxf(rx, ry) * 0.8f);
    if (n > FIGURE_MAX_OUTLINE)
        n = FIGURE_MAX_OUTLINE;
    for (int i = 0; i < n; i++) {
        float t = 2 * FIGURE_PI * (float)i / (float)n;
        points[i] = (gfx_point){centre.x + rx * cosf(t), centre.y + ry * sinf(t)};
    }
    gfx_fill_convex(g, points, n, colour);
}

static void figure_draw_shapes(gfx *g, const figure_layout *l, const figure_shapes *list,
                               const SDL_Color *inks, float contour_px)
{
    for (int i = 0; i < list->count; i++) {
        const figure_shape *s = &list->shapes[i];
        SDL_Color colour = inks[s->ink];
        float grow = s->ink == FIGURE_INK_CONTOUR ? contour_px : 0.0f;
        switch (s->kind) {
        case FIGURE_SHAPE_CAPSULE: {
            gfx_point a = figure_to_screen(l, s->a), b = figure_to_screen(l, s->b);
            float thickness = s->thickness * l->scale + 2 * grow;
            if (s->disc)
                figure_ellipse(g, a, thickness / 2, thickness / 2, colour);
            else
                gfx_fill_capsule(g, a.x, a.y, b.x, b.y, thickness, colour);
            break;
        }
        case FIGURE_SHAPE_POLYGON: {
            gfx_point core[FIGURE_MAX_CORE], outline[FIGURE_MAX_OUTLINE];
            for (int j = 0; j < s->count; j++)
                core[j] = figure_to_screen(l, s->core[j]);
            int n = figure_rounded_outline(core, s->count, s->round * l->scale + grow, outline,
                                           FIGURE_MAX_OUTLINE);
            gfx_fill_convex(g, outline, n, colour);
            break;
        }
        case FIGURE_SHAPE_ELLIPSE:
            figure_ellipse(g, figure_to_screen(l, s->a), s->b.x * l->scale, s->b.y * l->scale,
                           colour);
            break;
        }
    }
}

void draw_figure(gfx *g, const pose *p, SDL_FRect box, const figure_colours *colours)
{
    figure_layout l;
    figure_layout_make(p, box, &l);
    if (!(l.scale > 0))
        return;
    /* The contour is the far colour pulled a little towards black: on a light body it reads as
     * a soft line, on the dark background it disappears into the edge. */
    SDL_Color contour = gfx_mix(colours->far, (SDL_Color){0, 0, 0, colours->far.a}, 0.18f);
    SDL_Color inks[] = {[FIGURE_INK_BODY] = colours->body,
                        [FIGURE_INK_FAR] = colours->far,
                        [FIGURE_INK_CONTOUR] = contour,
                        [FIGURE_INK_CHAIR] = colours->chair,
                        [FIGURE_INK_FLOOR] = colours->floor};
    float contour_px = fmaxf(FIGURE_CONTOUR * l.scale, 1.0f);
    figure_draw_shapes(g, &l, &l.under, inks, contour_px);
    figure_draw_shapes(g, &l, &l.body, inks, contour_px);
}

SDL_FRect draw_figure_bounds(const pose *p, SDL_FRect box)
{
    figure_layout l;
    figure_layout_make(p, box, &l);
    if (!(l.scale > 0))
        return (SDL_FRect){box.x, box.y, 0, 0};
    figure_extent e;
    figure_extent_reset(&e);
    float contour = fmaxf(FIGURE_CONTOUR, 1.0f / l.scale);
    figure_extent_of(&l.body, contour, &e);
    figure_extent_of(&l.under, 0.0f, &e);
    /* One pixel more all round for the anti-aliased edge. */
    float x0 = floorf(l.ox + e.min_x * l.scale) - 1, y0 = floorf(l.oy + e.min_y * l.scale) - 1;
    float x1 = ceilf(l.ox + e.max_x * l.scale) + 1, y1 = ceilf(l.oy + e.max_y * l.scale) + 1;
    return (SDL_FRect){x0, y0, x1 - x0, y1 - y0};
}
