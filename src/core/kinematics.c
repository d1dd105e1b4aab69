#include "kinematics.h"

#include <math.h>
#include <string.h>

#define KIN_PI 3.14159265358979f

static const char *const kin_point_names[KIN_POINT_COUNT] = {
    [KIN_HEAD] = "head",
    [KIN_NECK] = "neck",
    [KIN_CHEST] = "chest",
    [KIN_PELVIS] = "pelvis",
    [KIN_LEFT_SHOULDER] = "left-shoulder",
    [KIN_RIGHT_SHOULDER] = "right-shoulder",
    [KIN_LEFT_ELBOW] = "left-elbow",
    [KIN_RIGHT_ELBOW] = "right-elbow",
    [KIN_LEFT_WRIST] = "left-wrist",
    [KIN_RIGHT_WRIST] = "right-wrist",
    [KIN_LEFT_HAND] = "left-hand",
    [KIN_RIGHT_HAND] = "right-hand",
    [KIN_LEFT_HIP] = "left-hip",
    [KIN_RIGHT_HIP] = "right-hip",
    [KIN_LEFT_KNEE] = "left-knee",
    [KIN_RIGHT_KNEE] = "right-knee",
    [KIN_LEFT_ANKLE] = "left-ankle",
    [KIN_RIGHT_ANKLE] = "right-ankle",
    [KIN_LEFT_HEEL] = "left-heel",
    [KIN_RIGHT_HEEL] = "right-heel",
    [KIN_LEFT_TOE] = "left-toe",
    [KIN_RIGHT_TOE] = "right-toe",
};

const char *kin_point_name(kin_point point)
{
    return (unsigned)point < KIN_POINT_COUNT ? kin_point_names[point] : "?";
}

static float kin_rad(float deg)
{
    return deg * KIN_PI / 180.0f;
}

static kin_vec kin_v(float x, float y, float z)
{
    return (kin_vec){x, y, z};
}

static kin_vec kin_add(kin_vec a, kin_vec b)
{
    return kin_v(a.x + b.x, a.y + b.y, a.z + b.z);
}

static kin_vec kin_scale(kin_vec a, float s)
{
    return kin_v(a.x * s, a.y * s, a.z * s);
}

static kin_vec kin_mix2(kin_vec a, float sa, kin_vec b, float sb)
{
    return kin_add(kin_scale(a, sa), kin_scale(b, sb));
}

static float kin_dot(kin_vec a, kin_vec b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

static kin_vec kin_cross(kin_vec a, kin_vec b)
{
    return kin_v(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

static kin_vec kin_unit(kin_vec a, kin_vec fallback)
{
    float n = sqrtf(kin_dot(a, a));
    return n > 1e-6f ? kin_scale(a, 1.0f / n) : fallback;
}

float kin_distance(kin_vec a, kin_vec b)
{
    kin_vec d = kin_v(a.x - b.x, a.y - b.y, a.z - b.z);
    return sqrtf(kin_dot(d, d));
}

/* v rotated by deg about the unit axis k (Rodrigues). */
static kin_vec kin_rotate(kin_vec v, kin_vec k, float deg)
{
    float r = kin_rad(deg), c = cosf(r), s = sinf(r);
    return kin_add(kin_add(kin_scale(v, c), kin_scale(kin_cross(k, v), s)),
                   kin_scale(k, kin_dot(k, v) * (1 - c)));
}

/* A vector given in frame f, in the frame f sits in. */
static kin_vec kin_in(const kin_frame *f, kin_vec v)
{
    return kin_add(kin_add(kin_scale(f->x, v.x), kin_scale(f->y, v.y)), kin_scale(f->z, v.z));
}

static kin_frame kin_identity(void)
{
    return (kin_frame){kin_v(1, 0, 0), kin_v(0, 1, 0), kin_v(0, 0, 1)};
}

/* Frame f turned by deg about its own axis (given in f's coordinates). */
static kin_frame kin_turn(const kin_frame *f, kin_vec local_axis, float deg)
{
    kin_vec axis = kin_in(f, local_axis);
    return (kin_frame){kin_rotate(f->x, axis, deg), kin_rotate(f->y, axis, deg),
                       kin_rotate(f->z, axis, deg)};
}

static float kin_clamp(float value, float low, float high)
{
    return value < low ? low : value > high ? high : value;
}

/* A limb raised by raise_deg from hanging, in the plane plane_deg (0 out to side s's side, 90
 * forwards, more across the body): the rotation that takes "hanging" there, as a frame in the
 * parent's coordinates. side_sign is +1 for the left, -1 for the right. */
static kin_frame kin_swing(float raise_deg, float plane_deg, float side_sign)
{
    float a = kin_rad(plane_deg);
    kin_vec towards = kin_v(side_sign * cosf(a), 0, sinf(a));
    /* The axis that turns "down" towards 'towards': down x towards. */
    kin_vec axis = kin_unit(kin_cross(kin_v(0, -1, 0), towards), kin_v(1, 0, 0));
    kin_frame f = kin_identity();
    return kin_turn(&f, axis, raise_deg);
}

typedef struct {
    float a[POSE_JOINT_COUNT];
} kin_angles;

static void kin_read(const pose *p, kin_angles *out)
{
    const pose_joint_info *info = pose_joints();
    for (int j = 0; j < POSE_JOINT_COUNT; j++) {
        float v = p->angle_deg[j];
        out->a[j] = isfinite(v) ? kin_clamp(v, info[j].min_deg, info[j].max_deg) : 0.0f;
    }
}

static void kin_arm(const kin_angles *an, int s, kin_body *b)
{
    float sign = s == 0 ? 1.0f : -1.0f;
    const float *a = an->a;
    const kin_frame *trunk = &b->trunk;
    kin_frame swing = kin_swing(a[POSE_LEFT_ARM + s], a[POSE_LEFT_ARM_PLANE + s], sign);
    /* A relaxed arm hangs a few degrees clear of the trunk. */
    kin_frame hang = kin_identity();
    hang = kin_turn(&hang, kin_v(0, 0, 1), sign * 5.0f);
    kin_vec upper = kin_in(&hang, kin_in(&swing, kin_v(0, -1, 0)));
    /* A hanging arm bends its elbow forwards and a little in, towards the belly; the swing
     * carries that along, and the upper arm's roll turns it about the arm. */
    kin_vec fold =
        kin_in(&hang, kin_in(&swing, kin_unit(kin_v(-sign * 0.35f, 0, 1), kin_v(0, 0, 1))));
    float roll = kin_rad(a[POSE_LEFT_ARM_TURN + s]);
    fold = kin_mix2(fold, cosf(roll), kin_cross(upper, fold), -sign * sinf(roll));
    float elbow = kin_rad(a[POSE_LEFT_ELBOW + s]);
    kin_vec fore = kin_mix2(upper, cosf(elbow), fold, sinf(elbow));
    kin_vec fore_fold = kin_mix2(upper, -sinf(elbow), fold, cosf(elbow));
    /* The wrist bends the hand the way the elbow folds (back, with the palm down). */
    float wrist = kin_rad(a[POSE_LEFT_WRIST + s]);
    kin_vec hand = kin_mix2(fore, cosf(wrist), fore_fold, sinf(wrist));
    float closed = kin_clamp(a[POSE_LEFT_HAND + s] / 100.0f, 0, 1);

    kin_vec shoulder = b->at[KIN_LEFT_SHOULDER + s];
    kin_vec el = kin_add(shoulder, kin_scale(kin_in(trunk, upper), KIN_UPPER_ARM));
    kin_vec wr = kin_add(el, kin_scale(kin_in(trunk, fore), KIN_FOREARM));
    kin_vec ha = kin_add(wr, kin_scale(kin_in(trunk, hand), KIN_HAND * (1.0f - 0.45f * closed)));
    b->at[KIN_LEFT_ELBOW + s] = el;
    b->at[KIN_LEFT_WRIST + s] = wr;
    b->at[KIN_LEFT_HAND + s] = ha;
    b->hand_closed[s] = closed;
}

static void kin_leg(const kin_angles *an, int s, kin_body *b)
{
    float sign = s == 0 ? 1.0f : -1.0f;
    const float *a = an->a;
    float knee = a[POSE_LEFT_KNEE + s], plane = a[POSE_LEFT_HIP_PLANE + s];
    kin_frame swing = kin_swing(a[POSE_LEFT_HIP + s], plane, sign);
    /* A knee bent in a front picture says nothing about the hip, yet a standing knee bend
     * always brings the thigh forwards: half the bend, so the feet stay under the body. The
     * more the thigh is raised forwards by its own plane, the less of this is added. */
    float c = cosf(kin_rad(plane));
    kin_frame leg = kin_turn(&swing, kin_v(1, 0, 0), -knee / 2 * c * c);
    kin_vec thigh = kin_in(&leg, kin_v(0, -1, 0));
    kin_vec back = kin_in(&leg, kin_v(0, 0, -1));
    kin_vec ahead = kin_in(&leg, kin_v(0, 0, 1));
    float k = kin_rad(knee);
    kin_vec shin = kin_mix2(thigh, cosf(k), back, sinf(k));
    kin_vec toes = kin_mix2(ahead, cosf(k), thigh, sinf(k)); /* square to the shin */

    const kin_frame *pelvis = &b->pelvis;
    kin_vec hip = b->at[KIN_LEFT_HIP + s];
    kin_vec kn = kin_add(hip, kin_scale(kin_in(pelvis, thigh), KIN_THIGH));
    kin_vec shin_w = kin_in(pelvis, shin), toes_w = kin_in(pelvis, toes);
    kin_vec an_at = kin_add(kn, kin_scale(shin_w, KIN_SHIN));
    /* The foot keeps flat on the floor as far as an ankle bends (more down than up) while the
     * shin is near upright, and follows the shin when lying; the ankle joint adds to that. */
    float flat = atan2f(toes_w.y, -shin_w.y) * 180.0f / KIN_PI;
    float lying =
        kin_clamp((acosf(kin_clamp(-shin_w.y, -1, 1)) * 180.0f / KIN_PI - 50.0f) / 30.0f, 0, 1);
    float point =
        kin_clamp(flat, -25.0f, 50.0f) * (1 - lying) + 15.0f * lying + a[POSE_LEFT_ANKLE + s];
    float r = kin_rad(point);
    kin_vec foot = kin_mix2(toes_w, cosf(r), shin_w, sinf(r));
    kin_vec foot_up = kin_mix2(shin_w, -cosf(r), toes_w, sinf(r));
    kin_vec sole = kin_add(an_at, kin_scale(foot_up, -KIN_FOOT_T / 2));
    b->at[KIN_LEFT_KNEE + s] = kn;
    b->at[KIN_LEFT_ANKLE + s] = an_at;
    b->at[KIN_LEFT_HEEL + s] = kin_add(sole, kin_scale(foot, -KIN_HEEL));
    b->at[KIN_LEFT_TOE + s] = kin_add(sole, kin_scale(foot, KIN_TOE));
}

/* How far the chair's middle stands behind the feet once the hips are off it: as far as when
 * sitting upright (ankles a thigh's length ahead of the hips, the seat's middle 0.03 behind them),
 * because getting up the feet stay planted and the hips come forwards over them. */
#define KIN_CHAIR_BEHIND_FEET (KIN_THIGH + 0.03f)

/* Where the feet stand (z): the middle of the ankles, each weighed by how near its foot is to
 * the floor (1 on it, 0 from 0.005 up), so a foot lifting away counts less and less and the place
 * never jumps. */
static float kin_feet_z(const kin_body *b)
{
    float sum = 0, weight = 0;
    for (int s = 0; s < 2; s++) {
        float low = fminf(b->at[KIN_LEFT_HEEL + s].y, b->at[KIN_LEFT_TOE + s].y) - KIN_FOOT_T / 2;
        float w = kin_clamp(1.0f - low / 0.005f, 0.0f, 1.0f);
        sum += w * b->at[KIN_LEFT_ANKLE + s].z;
        weight += w;
    }
    return weight > 0 ? sum / weight : (b->at[KIN_LEFT_ANKLE].z + b->at[KIN_RIGHT_ANKLE].z) / 2;
}

/* Where the chair stands, so the picture matches what the step says. Seated, under the hips.
 * Getting up or sitting down (the hips over the seat but off it), and standing up from it seen
 * from the side, behind the feet as far as when seated: the feet stay where they are and the
 * chair with them, while the hips leave the seat and come over the feet. Standing with hands
 * reaching forward at hip height or above, they hold its back: the chair stands in front, facing
 * away, its back where the hands reach standing tall, and it too keeps its place by the feet (the
 * poses that bend the knees reach a little further to stay on it). Seen from the front, at the
 * figure's right, its back by that hand. */
static void kin_place_chair(const pose *p, bool over_seat, kin_body *b)
{
    float reach = fmaxf(b->at[KIN_LEFT_HAND].z, b->at[KIN_RIGHT_HAND].z);
    float hands_y = fmaxf(b->at[KIN_LEFT_HAND].y, b->at[KIN_RIGHT_HAND].y);
    bool holding = reach > 0.16f && hands_y > KIN_SEAT_HEIGHT + 0.5f * KIN_CHAIR_BACK &&
                   hands_y < KIN_SEAT_HEIGHT + KIN_CHAIR_BACK + 0.2f;
    float turn = isfinite(p->view_turn_deg) ? fabsf(p->view_turn_deg) : 0.0f;
    b->chair_forward = kin_v(0, 0, 1);
    if (b->seated) {
        b->chair_seat = kin_v(0, KIN_SEAT_HEIGHT, -0.03f);
    } else if (over_seat || (!holding && turn >= 45.0f)) {
        b->chair_seat = kin_v(0, KIN_SEAT_HEIGHT, kin_feet_z(b) - KIN_CHAIR_BEHIND_FEET);
    } else if (holding) {
        /* Its place by the feet, as for a chair behind: it stands still on the floor while the
         * knees bend or the heels rise. */
        b->chair_seat =
            kin_v(0, KIN_SEAT_HEIGHT, kin_feet_z(b) + KIN_CHAIR_HELD + KIN_SEAT_DEPTH / 2);
    } else {
        b->chair_seat = kin_v(-(KIN_SHOULDER_W + 0.12f + KIN_SEAT_DEPTH / 2), KIN_SEAT_HEIGHT, 0);
        b->chair_forward = kin_v(-1, 0, 0);
    }
}

void kin_solve(const pose *p, kin_body *out)
{
    kin_angles an;
    kin_read(p, &an);
    const float *a = an.a;
    kin_body b;
    memset(&b, 0, sizeof b);

    /* Pelvis: the whole body lies back about the hips' axis and leans sideways. */
    kin_frame f = kin_identity();
    f = kin_turn(&f, kin_v(0, 0, 1), -a[POSE_BODY_SIDE]);
    f = kin_turn(&f, kin_v(1, 0, 0), -a[POSE_BODY]);
    b.pelvis = f;
    /* Trunk: turns and bends at the hips, forward bend last (in the turned, bent frame). */
    kin_frame t = f;
    t = kin_turn(&t, kin_v(0, 1, 0), a[POSE_TORSO_TURN]);
    t = kin_turn(&t, kin_v(0, 0, 1), -a[POSE_TORSO_SIDE]);
    t = kin_turn(&t, kin_v(1, 0, 0), a[POSE_TORSO]);
    b.trunk = t;
    kin_frame h = t;
    h = kin_turn(&h, kin_v(0, 1, 0), a[POSE_NECK_TURN]);
    h = kin_turn(&h, kin_v(0, 0, 1), -a[POSE_NECK_TILT]);
    h = kin_turn(&h, kin_v(1, 0, 0), a[POSE_NECK]);
    b.head = h;

    kin_vec origin = kin_v(0, 0, 0);
    b.at[KIN_PELVIS] = origin;
    float shrug = 0.11f * sinf(kin_rad(a[POSE_SHOULDERS]));
    float blades = sinf(kin_rad(a[POSE_SHOULDER_BLADES]));
    b.at[KIN_NECK] = kin_in(&t, kin_v(0, KIN_SHOULDER_UP + 0.012f, -0.006f));
    b.at[KIN_CHEST] = kin_in(&t, kin_v(0, 0.19f, 0.0f));
    b.at[KIN_HEAD] = kin_add(b.at[KIN_NECK], kin_in(&h, kin_v(0, KIN_NECK_LENGTH, 0.018f)));
    for (int s = 0; s < 2; s++) {
        float sign = s == 0 ? 1.0f : -1.0f;
        /* Squeezing the blades draws the shoulders back and a little in; rounding, forwards. */
        b.at[KIN_LEFT_SHOULDER + s] =
            kin_in(&t, kin_v(sign * KIN_SHOULDER_W * (1 - 0.12f * fmaxf(blades, 0)),
                             KIN_SHOULDER_UP + shrug, -0.035f * blades));
        b.at[KIN_LEFT_HIP + s] = kin_in(&f, kin_v(sign * KIN_HIP_W, 0, 0));
    }
    for (int s = 0; s < 2; s++) {
        kin_arm(&an, s, &b);
        kin_leg(&an, s, &b);
    }

    /* Where the floor is. The body rests on whatever holds it highest: the soles (or a knee,
     * kneeling); the chair's seat under the hips when the thighs come forwards over it; the back
     * and head when lying. Taking the highest support, never the seat alone, is what keeps the
     * feet out of the floor while getting up: half-way up the thighs slope down and the legs are
     * longer than the seat is high, so the feet take the weight and lift the hips off the seat,
     * as a person's do (nose over toes, then the hips rise). Sitting with the legs folded under
     * the seat, the feet reach the floor and the seat carries the hips. */
    b.chair = p->chair;
    float thigh_ahead = 0;
    for (int s = 0; s < 2; s++)
        thigh_ahead += (b.at[KIN_LEFT_KNEE + s].z - b.at[KIN_LEFT_HIP + s].z) / KIN_THIGH / 2;
    b.lying = fabsf(b.pelvis.y.y) < 0.7071f;
    bool over_seat = p->chair && !b.lying && thigh_ahead > 0.5f;
    float floor = INFINITY;
    for (int s = 0; s < 2; s++) {
        floor = fminf(floor, b.at[KIN_LEFT_HEEL + s].y - KIN_FOOT_T / 2);
        floor = fminf(floor, b.at[KIN_LEFT_TOE + s].y - KIN_FOOT_T / 2);
        floor = fminf(floor, b.at[KIN_LEFT_KNEE + s].y - 0.04f);
    }
    if (b.lying) {
        floor = fminf(floor, b.at[KIN_HEAD].y - KIN_HEAD_RADIUS);
        floor = fminf(floor, b.at[KIN_CHEST].y - 0.06f);
        floor = fminf(floor, b.at[KIN_PELVIS].y - 0.06f);
    }
    float on_seat = -(KIN_SIT_DROP + KIN_SEAT_HEIGHT);
    /* Seated: the seat carries the hips (the feet lift them no more than a cushion gives);
     * beyond that the figure is rising, its hips above the seat. */
    b.seated = over_seat && floor >= on_seat - KIN_SEAT_GIVE;
    if (over_seat)
        floor = fminf(floor, on_seat);
    for (int i = 0; i < KIN_POINT_COUNT; i++)
        b.at[i].y -= floor;
    kin_place_chair(p, over_seat, &b);
    *out = b;
}
