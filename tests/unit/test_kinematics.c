/* Forward kinematics, and each bundled movement's defining facts stated on where the body
 * really is: "the lower hand is beside the knee", "the upper hand is in front of the face".
 * Every shared pose a bundled routine uses must have its facts here (docs/poses.md describes
 * each pose in words; these are the same descriptions as numbers). Units: standing heights,
 * x to the figure's left, y up from the floor, z forwards. */
#include "test_support.h"

#include <ctype.h>
#include <math.h>

#include "kinematics.h"

static pose_library shared;
static kin_body standing_body, seated_body;

typedef struct {
    const char *pose;
    char failures[2048];
    size_t used;
} facts;

#define FACT(f, cond, ...)                                                                         \
    do {                                                                                           \
        if (!(cond) && (f)->used < sizeof(f)->failures - 200) {                                    \
            (f)->used += (size_t)snprintf((f)->failures + (f)->used,                               \
                                          sizeof(f)->failures - (f)->used, "\n  %s: ", (f)->pose); \
            (f)->used += (size_t)snprintf((f)->failures + (f)->used,                               \
                                          sizeof(f)->failures - (f)->used, __VA_ARGS__);           \
        }                                                                                          \
    } while (0)

enum { L = 0, R = 1 };
#define AT(b, point, side) ((b)->at[(point) + (side)])

static const kin_body *solve(const char *name, kin_body *out)
{
    const pose_def *def = pose_library_find(&shared, NULL, name);
    if (!def || !def->resolved)
        fail_msg("no shared pose '%s'", name);
    kin_solve(&def->value, out);
    return out;
}

/* ---- facts shared by many poses ---- */

static float eye_height(const kin_body *b)
{
    return AT(b, KIN_HEAD, 0).y + 0.01f;
}

/* A point's position across and in front of the face, in the head's own frame. */
static void face_offsets(const kin_body *b, kin_vec p, float *across, float *ahead, float *up)
{
    kin_vec d = {p.x - b->at[KIN_HEAD].x, p.y - b->at[KIN_HEAD].y, p.z - b->at[KIN_HEAD].z};
    *across = d.x * b->head.x.x + d.y * b->head.x.y + d.z * b->head.x.z;
    *up = d.x * b->head.y.x + d.y * b->head.y.y + d.z * b->head.y.z;
    *ahead = d.x * b->head.z.x + d.y * b->head.z.y + d.z * b->head.z.z;
}

static void feet_on_floor(facts *f, const kin_body *b, int side)
{
    float sole = fminf(AT(b, KIN_LEFT_HEEL, side).y, AT(b, KIN_LEFT_TOE, side).y) - KIN_FOOT_T / 2;
    FACT(f, fabsf(sole) < 0.01f, "the %s foot is %.3f off the floor", side ? "right" : "left",
         sole);
}

static void sits_on_the_chair(facts *f, const kin_body *b)
{
    FACT(f, b->seated && b->chair, "is not seated on a chair");
    FACT(f, fabsf(b->at[KIN_PELVIS].y - (KIN_SEAT_HEIGHT + KIN_SIT_DROP)) < 0.005f,
         "the hips are not on the seat (%.3f)", b->at[KIN_PELVIS].y);
}

/* Seated, no hand may pass through the seat: it is above the seat, or outside it. */
static void hands_clear_of_the_seat(facts *f, const kin_body *b)
{
    for (int s = 0; s < 2; s++) {
        kin_vec h = AT(b, KIN_LEFT_HAND, s);
        bool above = h.y > KIN_SEAT_HEIGHT + 0.02f;
        bool outside = fabsf(h.x - b->chair_seat.x) > KIN_SEAT_DEPTH / 2 + 0.02f ||
                       fabsf(h.z - b->chair_seat.z) > KIN_SEAT_DEPTH / 2 + 0.02f;
        FACT(f, above || outside, "the %s hand is in the seat (%.2f, %.2f, %.2f)",
             s ? "right" : "left", h.x, h.y, h.z);
    }
}

static void hands_on_thighs(facts *f, const kin_body *b)
{
    for (int s = 0; s < 2; s++) {
        kin_vec h = AT(b, KIN_LEFT_HAND, s), hip = AT(b, KIN_LEFT_HIP, s),
                knee = AT(b, KIN_LEFT_KNEE, s);
        FACT(f, h.z > hip.z + 0.05f && h.z < knee.z + 0.03f && fabsf(h.x - knee.x) < 0.06f,
             "the %s hand is not over its thigh", s ? "right" : "left");
        FACT(f, h.y > knee.y && h.y < knee.y + 0.09f, "the %s hand is not resting on the thigh",
             s ? "right" : "left");
    }
}

static void knees_soft(facts *f, const kin_body *b, float most_drop)
{
    float drop = standing_body.at[KIN_PELVIS].y - b->at[KIN_PELVIS].y;
    FACT(f, drop > 0.002f && drop < most_drop, "the hips drop %.3f (soft knees: 0 to %.2f)", drop,
         most_drop);
}

static void shoulders_raised(facts *f, const kin_body *b, const kin_body *from)
{
    for (int s = 0; s < 2; s++)
        FACT(f, AT(b, KIN_LEFT_SHOULDER, s).y > AT(from, KIN_LEFT_SHOULDER, s).y + 0.025f,
             "the %s shoulder is not raised", s ? "right" : "left");
}

static void shoulders_back(facts *f, const kin_body *b, const kin_body *from)
{
    for (int s = 0; s < 2; s++)
        FACT(f, AT(b, KIN_LEFT_SHOULDER, s).z < AT(from, KIN_LEFT_SHOULDER, s).z - 0.012f,
             "the %s shoulder is not drawn back", s ? "right" : "left");
}

/* Ear towards the shoulder of side (0 left): the head moves that way and down, on its neck. */
static void head_tilted(facts *f, const kin_body *b, const kin_body *upright, int side)
{
    float sign = side == L ? 1.0f : -1.0f;
    FACT(f, sign * b->at[KIN_HEAD].x > 0.025f, "the head does not tilt %s",
         side ? "right" : "left");
    FACT(f, b->at[KIN_HEAD].y < upright->at[KIN_HEAD].y - 0.002f, "the head does not lower");
    FACT(f,
         fabsf(kin_distance(b->at[KIN_HEAD], b->at[KIN_NECK]) -
               kin_distance(upright->at[KIN_HEAD], upright->at[KIN_NECK])) < 0.002f,
         "the head moved off its neck");
}

static void forearms_level_in_front(facts *f, const kin_body *b)
{
    for (int s = 0; s < 2; s++) {
        kin_vec e = AT(b, KIN_LEFT_ELBOW, s), w = AT(b, KIN_LEFT_WRIST, s);
        FACT(f, fabsf(w.y - e.y) < 0.04f && w.z > e.z + 0.1f, "the %s forearm is not level ahead",
             s ? "right" : "left");
    }
}

static void wrists_bent(facts *f, const kin_body *b, float sign)
{
    for (int s = 0; s < 2; s++)
        FACT(f, sign * (AT(b, KIN_LEFT_HAND, s).y - AT(b, KIN_LEFT_WRIST, s).y) > 0.025f,
             "the %s hand does not bend %s", s ? "right" : "left", sign > 0 ? "up" : "down");
}

static void arms_ahead_at_shoulder_height(facts *f, const kin_body *b, float tolerance)
{
    for (int s = 0; s < 2; s++) {
        kin_vec h = AT(b, KIN_LEFT_WRIST, s), sh = AT(b, KIN_LEFT_SHOULDER, s);
        FACT(f, fabsf(h.y - sh.y) < tolerance && h.z > sh.z + 0.25f,
             "the %s arm is not ahead at shoulder height (wrist %.2f, shoulder %.2f)",
             s ? "right" : "left", h.y, sh.y);
    }
}

static void trunk_turned(facts *f, const kin_body *b, int towards)
{
    /* Turning left brings the right shoulder forwards and the left one back; hips stay square. */
    float sign = towards == L ? 1.0f : -1.0f;
    float twist = AT(b, KIN_LEFT_SHOULDER, R).z - AT(b, KIN_LEFT_SHOULDER, L).z;
    FACT(f, sign * twist > 0.05f, "the waist does not turn %s", towards ? "right" : "left");
    FACT(f, fabsf(AT(b, KIN_LEFT_HIP, L).z - AT(b, KIN_LEFT_HIP, R).z) < 0.01f,
         "the hips turn too");
}

/* A hand in front of the face: about eye height, ahead of the face, not off to one side. */
static void hand_in_front_of_face(facts *f, const kin_body *b, int side)
{
    float across, ahead, up;
    face_offsets(b, AT(b, KIN_LEFT_HAND, side), &across, &ahead, &up);
    FACT(f, fabsf(across) < 0.07f && ahead > 0.12f && ahead < 0.35f && fabsf(up) < 0.08f,
         "the %s hand is not in front of the face (across %.2f, ahead %.2f, up %.2f)",
         side ? "right" : "left", across, ahead, up);
}

/* A hand in front of the belly: between the hips and the chest, ahead of the body. */
static void hand_in_front_of_belly(facts *f, const kin_body *b, int side)
{
    kin_vec h = AT(b, KIN_LEFT_HAND, side);
    float rel = h.y - b->at[KIN_PELVIS].y;
    FACT(f, rel > 0.0f && rel < 0.2f && h.z > 0.1f && fabsf(h.x) < 0.15f,
         "the %s hand is not in front of the belly (%.2f, %.2f, %.2f)", side ? "right" : "left",
         h.x, h.y, h.z);
}

static void cloud_hands(facts *f, const kin_body *b, int upper, int turn, bool seated)
{
    hand_in_front_of_face(f, b, upper);
    hand_in_front_of_belly(f, b, 1 - upper);
    if (turn >= 0)
        trunk_turned(f, b, turn);
    if (seated)
        sits_on_the_chair(f, b);
    else
        knees_soft(f, b, 0.05f);
}

static void bow_stance(facts *f, const kin_body *b, int front)
{
    FACT(f, AT(b, KIN_LEFT_ANKLE, front).z > AT(b, KIN_LEFT_ANKLE, 1 - front).z + 0.3f,
         "the %s foot has not stepped forward", front ? "right" : "left");
    feet_on_floor(f, b, front);
    feet_on_floor(f, b, 1 - front);
    /* The front knee over the foot, not past the toes. */
    FACT(f, AT(b, KIN_LEFT_KNEE, front).z < AT(b, KIN_LEFT_TOE, front).z,
         "the front knee is past the toes");
}

/* Brush knee, ending: the lower hand below the hip, beside the front knee; the upper hand at
 * ear height, pushing forwards. */
static void brush_knee(facts *f, const kin_body *b, int front, bool seated)
{
    int upper = 1 - front;
    kin_vec low = AT(b, KIN_LEFT_HAND, front), knee = AT(b, KIN_LEFT_KNEE, front);
    /* Seated, the knee is as high as the hip: the hand is beside it, no higher. */
    FACT(f, seated ? low.y < knee.y + 0.08f : low.y < b->at[KIN_PELVIS].y - 0.03f,
         "the lower hand is not below the hip");
    FACT(f, kin_distance(low, knee) < 0.16f && fabsf(low.z - knee.z) < 0.08f,
         "the lower hand is not beside the knee (%.2f away)", kin_distance(low, knee));
    float head_y = b->at[KIN_HEAD].y;
    kin_vec up = AT(b, KIN_LEFT_HAND, upper);
    FACT(f, fabsf(up.y - head_y) < 0.06f, "the upper hand is not at ear height (%.2f, ears %.2f)",
         up.y, head_y);
    FACT(f, up.z > b->at[KIN_HEAD].z + 0.2f, "the upper hand does not push forwards");
    if (seated)
        sits_on_the_chair(f, b);
    else
        bow_stance(f, b, front);
}

/* Brush knee, getting ready: one hand beside its ear, the other across in front of the chest. */
static void brush_knee_prep(facts *f, const kin_body *b, int ear, bool seated)
{
    float across, ahead, up;
    face_offsets(b, AT(b, KIN_LEFT_HAND, ear), &across, &ahead, &up);
    float sign = ear == L ? 1.0f : -1.0f;
    FACT(f, sign * across > 0.08f && fabsf(ahead) < 0.08f && fabsf(up) < 0.06f,
         "the %s hand is not beside the ear (across %.2f, ahead %.2f, up %.2f)",
         ear ? "right" : "left", across, ahead, up);
    kin_vec other = AT(b, KIN_LEFT_HAND, 1 - ear);
    FACT(f,
         sign * other.x > -0.02f && other.z > 0.1f && fabsf(other.y - b->at[KIN_CHEST].y) < 0.08f,
         "the other hand is not across in front of the chest");
    if (seated)
        sits_on_the_chair(f, b);
}

static void hold_ball(facts *f, const kin_body *b, int top, bool seated)
{
    kin_vec a = AT(b, KIN_LEFT_HAND, top), c = AT(b, KIN_LEFT_HAND, 1 - top);
    FACT(f, a.y > c.y + 0.08f && a.y < c.y + 0.25f, "the %s hand is not above the other",
         top ? "right" : "left");
    FACT(f, a.z > 0.1f && c.z > 0.1f, "the hands are not in front of the body");
    FACT(f, fabsf(a.y - b->at[KIN_CHEST].y) < 0.1f, "the top hand is not at the chest");
    if (seated)
        sits_on_the_chair(f, b);
}

static void wild_horse(facts *f, const kin_body *b, int front, bool seated)
{
    kin_vec up = AT(b, KIN_LEFT_HAND, front), low = AT(b, KIN_LEFT_HAND, 1 - front);
    FACT(f, fabsf(up.y - eye_height(b)) < 0.06f,
         "the front hand is not at eye height (%.2f, eyes %.2f)", up.y, eye_height(b));
    FACT(f, up.z > 0.25f, "the front hand is not in front");
    FACT(f, fabsf(low.y - b->at[KIN_PELVIS].y) < 0.12f, "the back hand is not by the hip");
    if (seated) {
        sits_on_the_chair(f, b);
        FACT(f, AT(b, KIN_LEFT_ANKLE, front).z > AT(b, KIN_LEFT_ANKLE, 1 - front).z + 0.05f,
             "the front foot has not slid forward");
    } else {
        bow_stance(f, b, front);
    }
}

static void commencement_rise(facts *f, const kin_body *b)
{
    arms_ahead_at_shoulder_height(f, b, 0.06f);
}

static void commencement_sink(facts *f, const kin_body *b, bool seated)
{
    for (int s = 0; s < 2; s++) {
        kin_vec h = AT(b, KIN_LEFT_HAND, s);
        FACT(f, h.y > b->at[KIN_PELVIS].y && h.y < b->at[KIN_CHEST].y && h.z > 0.15f,
             "the %s hand has not pressed down in front of the belly", s ? "right" : "left");
    }
    if (!seated)
        knees_soft(f, b, 0.06f);
}

static void closing_cross(facts *f, const kin_body *b)
{
    kin_vec l = AT(b, KIN_LEFT_HAND, L), r = AT(b, KIN_LEFT_HAND, R);
    FACT(f, l.x < 0.02f && r.x > -0.02f, "the hands do not cross (left %.2f, right %.2f)", l.x,
         r.x);
    for (int s = 0; s < 2; s++) {
        kin_vec h = AT(b, KIN_LEFT_HAND, s);
        FACT(f, fabsf(h.y - b->at[KIN_CHEST].y) < 0.1f && h.z > 0.2f,
             "the %s hand is not in front of the chest", s ? "right" : "left");
    }
}

static void closing_lower(facts *f, const kin_body *b)
{
    for (int s = 0; s < 2; s++) {
        kin_vec h = AT(b, KIN_LEFT_HAND, s);
        FACT(f, h.y < b->at[KIN_CHEST].y - 0.05f && h.z > 0.05f,
             "the %s hand has not floated down in front", s ? "right" : "left");
    }
}

/* ---- the poses ---- */

static void check_pose(facts *f, const char *name, const kin_body *b)
{
    kin_body ref;
#define IS(n) (!strcmp(name, n))
    if (IS("standing") || IS("standing-side")) {
        FACT(f, fabsf(b->at[KIN_HEAD].y + KIN_HEAD_HEIGHT - 1.0f) < 0.01f,
             "not a whole standing height");
        for (int s = 0; s < 2; s++) {
            feet_on_floor(f, b, s);
            FACT(f, AT(b, KIN_LEFT_HAND, s).y < b->at[KIN_PELVIS].y, "the hands are not hanging");
        }
    } else if (IS("seated") || IS("seated-front") || IS("seated-hands-on-thighs") ||
               IS("seated-tai-chi-ready")) {
        sits_on_the_chair(f, b);
        hands_on_thighs(f, b);
        for (int s = 0; s < 2; s++) {
            feet_on_floor(f, b, s);
            FACT(f, fabsf(AT(b, KIN_LEFT_KNEE, s).y - b->at[KIN_PELVIS].y) < 0.02f,
                 "the thighs are not level");
        }
    } else if (IS("lying")) {
        FACT(f, b->lying && b->at[KIN_HEAD].y < 0.1f && b->at[KIN_LEFT_ANKLE].y < 0.1f,
             "not lying flat");
    } else if (IS("lying-knees-bent")) {
        FACT(f, b->lying && AT(b, KIN_LEFT_KNEE, L).y > b->at[KIN_PELVIS].y + 0.1f,
             "the knees are not up");
        for (int s = 0; s < 2; s++)
            feet_on_floor(f, b, s);
    } else if (IS("arms-up")) {
        for (int s = 0; s < 2; s++)
            FACT(f, AT(b, KIN_LEFT_HAND, s).y > b->at[KIN_HEAD].y + 0.15f,
                 "a hand is not overhead");
    } else if (IS("arms-out")) {
        for (int s = 0; s < 2; s++)
            FACT(f,
                 fabsf(AT(b, KIN_LEFT_HAND, s).y - AT(b, KIN_LEFT_SHOULDER, s).y) < 0.04f &&
                     fabsf(AT(b, KIN_LEFT_HAND, s).x) > 0.4f,
                 "an arm is not out level");
    } else if (IS("shoulders-up") || IS("ready-shoulders-up") || IS("side-shoulders-up")) {
        shoulders_raised(f, b, &standing_body);
    } else if (IS("seated-front-shoulders-up") || IS("seated-shoulders-up")) {
        shoulders_raised(f, b, &seated_body);
        hands_clear_of_the_seat(f, b);
    } else if (IS("seated-shoulders-back")) {
        shoulders_back(f, b, &seated_body);
        hands_clear_of_the_seat(f, b);
    } else if (IS("side-shoulders-back")) {
        shoulders_back(f, b, &standing_body);
        /* A shoulder roll moves the shoulders, not the whole arm back past the body. */
        for (int s = 0; s < 2; s++)
            FACT(f, AT(b, KIN_LEFT_HAND, s).z > -0.08f, "the arm swings back");
    } else if (IS("seated-neck-tilt-left") || IS("seated-neck-tilt-right")) {
        head_tilted(f, b, &seated_body, IS("seated-neck-tilt-left") ? L : R);
        sits_on_the_chair(f, b);
    } else if (IS("ready-neck-tilt-left") || IS("ready-neck-tilt-right")) {
        head_tilted(f, b, solve("tai-chi-ready", &ref), IS("ready-neck-tilt-left") ? L : R);
    } else if (IS("seated-chin-nod")) {
        FACT(f, b->at[KIN_HEAD].z > seated_body.at[KIN_HEAD].z + 0.02f, "the chin does not nod");
        sits_on_the_chair(f, b);
    } else if (IS("seated-elbows-bent")) {
        forearms_level_in_front(f, b);
        for (int s = 0; s < 2; s++)
            FACT(f, fabsf(AT(b, KIN_LEFT_ELBOW, s).z) < 0.04f, "the elbows are not at the sides");
    } else if (IS("seated-shoulder-squeeze")) {
        shoulders_back(f, b, &seated_body);
        for (int s = 0; s < 2; s++) {
            float z = AT(b, KIN_LEFT_ELBOW, s).z;
            FACT(f, z < -0.03f, "the elbows are not drawn back");
            FACT(f, z > b->chair_seat.z - KIN_SEAT_DEPTH / 2, "the elbows pass the chair's back");
        }
    } else if (IS("seated-arms-forward") || IS("seated-arms-level") || IS("seated-reach-open")) {
        arms_ahead_at_shoulder_height(f, b, 0.07f);
        for (int s = 0; s < 2; s++)
            FACT(f, b->hand_closed[s] == 0, "a hand is not open");
    } else if (IS("side-arms-raised")) {
        for (int s = 0; s < 2; s++)
            FACT(f,
                 AT(b, KIN_LEFT_HAND, s).y > AT(b, KIN_LEFT_SHOULDER, s).y + 0.1f &&
                     AT(b, KIN_LEFT_HAND, s).z > 0.2f,
                 "an arm is not raised in front");
    } else if (IS("knee-lift-left") || IS("knee-lift-right")) {
        int up = IS("knee-lift-left") ? L : R;
        FACT(f, AT(b, KIN_LEFT_KNEE, up).y > AT(b, KIN_LEFT_KNEE, 1 - up).y + 0.06f,
             "the knee is not lifted");
        feet_on_floor(f, b, 1 - up);
    } else if (IS("side-bend-left") || IS("side-bend-right")) {
        int to = IS("side-bend-left") ? L : R;
        float sign = to == L ? 1.0f : -1.0f;
        FACT(f, sign * b->at[KIN_HEAD].x > 0.05f, "the trunk does not lean");
        FACT(f,
             AT(b, KIN_LEFT_HAND, to).y < AT(&standing_body, KIN_LEFT_HAND, to).y - 0.01f &&
                 sign * AT(b, KIN_LEFT_HAND, to).x > 0.08f,
             "the hand does not slide down the side of the leg");
        for (int s = 0; s < 2; s++)
            feet_on_floor(f, b, s);
    } else if (IS("mini-squat")) {
        float drop = standing_body.at[KIN_PELVIS].y - b->at[KIN_PELVIS].y;
        FACT(f, drop > 0.015f && drop < 0.07f, "not a small knee bend (the hips drop %.3f)", drop);
        for (int s = 0; s < 2; s++) {
            feet_on_floor(f, b, s);
            FACT(f, AT(b, KIN_LEFT_KNEE, s).z < AT(b, KIN_LEFT_TOE, s).z,
                 "the knee is past the toes");
        }
    } else if (IS("leg-out-left") || IS("leg-out-right")) {
        int out = IS("leg-out-left") ? L : R;
        float sign = out == L ? 1.0f : -1.0f;
        FACT(f,
             sign * (AT(b, KIN_LEFT_ANKLE, out).x - AT(&standing_body, KIN_LEFT_ANKLE, out).x) >
                 0.05f,
             "the leg is not out to the side");
        feet_on_floor(f, b, 1 - out);
        FACT(f, fabsf(b->at[KIN_HEAD].x) < 0.05f, "the body is not upright");
    } else if (IS("seated-hands-forward") || IS("ready-hands-forward")) {
        forearms_level_in_front(f, b);
    } else if (IS("seated-fists")) {
        forearms_level_in_front(f, b);
        FACT(f, b->hand_closed[L] == 1 && b->hand_closed[R] == 1, "the hands are not fists");
    } else if (IS("seated-wrists-back") || IS("ready-wrists-back") ||
               IS("seated-wrist-stretch-back")) {
        wrists_bent(f, b, 1.0f);
    } else if (IS("seated-wrists-down") || IS("ready-wrists-down") ||
               IS("seated-wrist-stretch-down")) {
        wrists_bent(f, b, -1.0f);
    } else if (IS("seated-pelvis-back")) {
        FACT(f, b->at[KIN_NECK].z < seated_body.at[KIN_NECK].z - 0.01f, "the back does not round");
    } else if (IS("seated-pelvis-forward")) {
        FACT(f, b->at[KIN_NECK].z > seated_body.at[KIN_NECK].z + 0.01f, "the back does not arch");
    } else if (IS("seated-knee-lift-left") || IS("seated-knee-lift-right")) {
        int up = IS("seated-knee-lift-left") ? L : R;
        FACT(f, AT(b, KIN_LEFT_KNEE, up).y > AT(b, KIN_LEFT_KNEE, 1 - up).y + 0.04f,
             "the knee is not lifted");
        sits_on_the_chair(f, b);
        feet_on_floor(f, b, 1 - up);
    } else if (IS("seated-forward-bend")) {
        FACT(f, b->at[KIN_HEAD].z > 0.12f, "the trunk does not lean forward");
        for (int s = 0; s < 2; s++) {
            kin_vec h = AT(b, KIN_LEFT_HAND, s);
            FACT(f, h.y < AT(b, KIN_LEFT_KNEE, s).y + 0.03f && h.z > 0.18f,
                 "the %s hand has not slid towards the shin", s ? "right" : "left");
        }
        sits_on_the_chair(f, b);
    } else if (IS("seated-side-bend-left") || IS("seated-side-bend-right")) {
        int to = IS("seated-side-bend-left") ? L : R;
        float sign = to == L ? 1.0f : -1.0f;
        FACT(f, sign * b->at[KIN_HEAD].x > 0.05f, "the trunk does not lean");
        FACT(f, AT(b, KIN_LEFT_HAND, to).y < KIN_SEAT_HEIGHT + 0.05f,
             "the hand does not slide towards the floor");
        sits_on_the_chair(f, b);
    } else if (IS("seated-leg-straight-left") || IS("seated-leg-straight-right")) {
        int out = IS("seated-leg-straight-left") ? L : R;
        FACT(f, AT(b, KIN_LEFT_ANKLE, out).z > 0.4f && AT(b, KIN_LEFT_ANKLE, out).y > 0.12f,
             "the leg is not nearly straight");
        sits_on_the_chair(f, b);
        feet_on_floor(f, b, 1 - out);
    } else if (IS("tai-chi-ready") || IS("tai-chi-ready-side")) {
        knees_soft(f, b, 0.03f);
        for (int s = 0; s < 2; s++)
            feet_on_floor(f, b, s);
    } else if (IS("waist-turn-left") || IS("waist-turn-right")) {
        int to = IS("waist-turn-left") ? L : R;
        trunk_turned(f, b, to);
        FACT(f, AT(b, KIN_LEFT_HAND, 1 - to).z > 0.08f, "the hand does not swing in front");
        FACT(f, AT(b, KIN_LEFT_HAND, to).z < 0.0f, "the hand does not swing behind");
    } else if (IS("horse-stance")) {
        FACT(f, standing_body.at[KIN_PELVIS].y - b->at[KIN_PELVIS].y > 0.04f,
             "the knees are not bent");
    } else if (IS("cloud-hands-stance")) {
        knees_soft(f, b, 0.05f);
        FACT(f, AT(b, KIN_LEFT_ANKLE, L).x - AT(b, KIN_LEFT_ANKLE, R).x > 2 * KIN_HIP_W,
             "the feet are not wider than the hips");
    } else if (IS("cloud-hands-left") || IS("cloud-hands-right")) {
        int side = IS("cloud-hands-left") ? L : R;
        cloud_hands(f, b, side, side, false);
    } else if (IS("cloud-hands-middle")) {
        cloud_hands(f, b, R, -1, false);
        FACT(f, AT(b, KIN_LEFT_HAND, R).x > -0.03f, "the upper hand does not cross the middle");
    } else if (IS("seated-cloud-hands-left") || IS("seated-cloud-hands-right")) {
        int side = IS("seated-cloud-hands-left") ? L : R;
        cloud_hands(f, b, side, side, true);
    } else if (IS("seated-cloud-hands-middle")) {
        cloud_hands(f, b, R, -1, true);
        FACT(f, AT(b, KIN_LEFT_HAND, R).x > -0.03f, "the upper hand does not cross the middle");
    } else if (IS("soft-knee-bend")) {
        knees_soft(f, b, 0.07f);
    } else if (IS("warm-up-arms-up")) {
        for (int s = 0; s < 2; s++)
            FACT(f, AT(b, KIN_LEFT_HAND, s).y > eye_height(b) && AT(b, KIN_LEFT_HAND, s).z > 0.1f,
                 "the arms are not up in front");
    } else if (IS("commencement-rise") || IS("seated-commencement-rise")) {
        commencement_rise(f, b);
    } else if (IS("commencement-sink") || IS("seated-commencement-sink")) {
        commencement_sink(f, b, IS("seated-commencement-sink"));
    } else if (IS("hold-ball-right") || IS("hold-ball-left") || IS("seated-hold-ball-right") ||
               IS("seated-hold-ball-left")) {
        hold_ball(f, b, strstr(name, "right") ? R : L, !strncmp(name, "seated", 6));
    } else if (IS("wild-horse-mane-left") || IS("wild-horse-mane-right") ||
               IS("seated-wild-horse-mane-left") || IS("seated-wild-horse-mane-right")) {
        wild_horse(f, b, strstr(name, "left") ? L : R, !strncmp(name, "seated", 6));
    } else if (IS("brush-knee-prep-left") || IS("brush-knee-prep-right") ||
               IS("seated-brush-knee-prep-left") || IS("seated-brush-knee-prep-right")) {
        /* Getting ready to brush past the left knee: the right hand is by the right ear. */
        brush_knee_prep(f, b, strstr(name, "left") ? R : L, !strncmp(name, "seated", 6));
    } else if (IS("brush-knee-left") || IS("brush-knee-right") || IS("seated-brush-knee-left") ||
               IS("seated-brush-knee-right")) {
        brush_knee(f, b, strstr(name, "left") ? L : R, !strncmp(name, "seated", 6));
    } else if (IS("closing-cross") || IS("seated-closing-cross")) {
        closing_cross(f, b);
    } else if (IS("closing-lower") || IS("seated-closing-lower")) {
        closing_lower(f, b);
    } else {
        FACT(f, false,
             "has no facts in tests/unit/test_kinematics.c: describe it there and in "
             "docs/poses.md");
    }
#undef IS
}

/* Facts every pose must keep: nothing below the floor, limbs their own length, seated hands
 * out of the seat. */
static void check_body(facts *f, const kin_body *b)
{
    for (int k = 0; k < KIN_POINT_COUNT; k++)
        FACT(f, b->at[k].y > -0.005f && isfinite(b->at[k].x) && isfinite(b->at[k].z),
             "%s is below the floor", kin_point_name((kin_point)k));
    for (int s = 0; s < 2; s++) {
        FACT(f,
             fabsf(kin_distance(AT(b, KIN_LEFT_SHOULDER, s), AT(b, KIN_LEFT_ELBOW, s)) -
                   KIN_UPPER_ARM) < 1e-3f,
             "an upper arm changed length");
        FACT(f,
             fabsf(kin_distance(AT(b, KIN_LEFT_KNEE, s), AT(b, KIN_LEFT_ANKLE, s)) - KIN_SHIN) <
                 1e-3f,
             "a shin changed length");
    }
    if (b->seated)
        hands_clear_of_the_seat(f, b);
    if (!b->lying)
        FACT(f, b->at[KIN_HEAD].y > b->at[KIN_NECK].y, "the head is below the neck");
}

static int setup(void **state)
{
    (void)state;
    pose_library_init(&shared);
    diag_list diag;
    diag_init(&diag);
    bool ok = pose_library_load_dir(&shared, EASE_SOURCE_DIR "/assets/poses", &diag);
    if (!ok)
        test_diag_dump(&diag);
    diag_free(&diag);
    if (!ok)
        return -1;
    solve("standing", &standing_body);
    solve("seated", &seated_body);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pose_library_free(&shared);
    return 0;
}

static void neutral_pose_stands_one_height_tall(void **state)
{
    (void)state;
    pose p;
    pose_neutral(&p);
    kin_body b;
    kin_solve(&p, &b);
    assert_float_equal(b.at[KIN_HEAD].y + KIN_HEAD_HEIGHT, 1.0, 0.01);
    assert_float_equal(b.at[KIN_LEFT_SHOULDER].x, KIN_SHOULDER_W, 1e-4); /* left is +x */
    assert_float_equal(b.at[KIN_RIGHT_SHOULDER].x, -KIN_SHOULDER_W, 1e-4);
    assert_true(b.at[KIN_LEFT_TOE].z > b.at[KIN_LEFT_HEEL].z); /* feet point forwards */
    assert_false(b.seated || b.lying);
    /* Out-of-range and NaN angles are clamped, never torn apart. */
    p.angle_deg[POSE_LEFT_ELBOW] = NAN;
    p.angle_deg[POSE_LEFT_ARM] = 1e9f;
    kin_solve(&p, &b);
    assert_float_equal(kin_distance(b.at[KIN_LEFT_ELBOW], b.at[KIN_LEFT_WRIST]), KIN_FOREARM, 1e-4);
    assert_true(b.at[KIN_LEFT_HAND].y > b.at[KIN_HEAD].y); /* clamped to 180: overhead */
}

static void every_shared_pose_keeps_its_body(void **state)
{
    (void)state;
    char all[8192] = "";
    for (size_t i = 0; i < shared.count; i++) {
        facts f = {.pose = shared.defs[i].name};
        kin_body b;
        kin_solve(&shared.defs[i].value, &b);
        check_body(&f, &b);
        if (f.used && strlen(all) + f.used < sizeof all)
            strcat(all, f.failures);
    }
    if (all[0])
        fail_msg("%s", all);
}

/* Every shared pose a bundled routine uses has its defining facts, and they hold. */
static void every_bundled_movement_does_what_it_says(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine_library lib;
    library_init(&lib);
    assert_true(library_load(&lib, EASE_SOURCE_DIR "/routines", &shared, &diag));
    char all[16384] = "";
    size_t checked = 0;
    for (size_t i = 0; i < shared.count; i++) {
        const char *name = shared.defs[i].name;
        bool used = false;
        for (size_t r = 0; r < lib.count && !used; r++)
            for (size_t s = 0; s < lib.routines[r]->step_count && !used; s++)
                for (size_t k = 0; k < lib.routines[r]->steps[s].motion.count; k++)
                    used |= !strcmp(lib.routines[r]->steps[s].motion.keys[k].pose, name);
        /* The facts hold for every shared pose that has them; only used ones must have them. */
        facts f = {.pose = name};
        kin_body b;
        kin_solve(&shared.defs[i].value, &b);
        check_pose(&f, name, &b);
        if (!used && strstr(f.failures, "has no facts"))
            continue;
        checked++;
        if (f.used && strlen(all) + f.used < sizeof all)
            strcat(all, f.failures);
    }
    library_free(&lib);
    diag_free(&diag);
    assert_true(checked >= 60);
    if (all[0])
        fail_msg("%s", all);
}

/* True when the words tell the patient to hold the chair, or to sit on it or get up from it. */
static bool words_use_the_chair(const char *text)
{
    char lower[2048];
    size_t n = 0;
    for (; text && text[n] && n < sizeof lower - 1; n++)
        lower[n] = (char)tolower((unsigned char)text[n]);
    lower[n] = '\0';
    if (!strstr(lower, "chair"))
        return false;
    static const char *const verbs[] = {"hold", "hands on", "sit"};
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (strstr(lower, verbs[i]))
            return true;
    return false;
}

/* A step whose words say to hold the chair (or sit on it, or get up from it) shows the chair in
 * every pose it passes through: a patient told "hold the chair back" sees where it is and where
 * the hands go, and a chair never vanishes half-way through standing up. */
static void every_step_that_uses_the_chair_draws_it(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine_library lib;
    library_init(&lib);
    assert_true(library_load(&lib, EASE_SOURCE_DIR "/routines", &shared, &diag));
    char all[8192] = "";
    size_t steps = 0, standing = 0;
    for (size_t r = 0; r < lib.count; r++) {
        const routine *rt = lib.routines[r];
        for (size_t s = 0; s < rt->step_count; s++) {
            const routine_step *step = &rt->steps[s];
            if (!words_use_the_chair(routine_text_get(&step->text, "en")) || !step->motion.count)
                continue;
            steps++;
            for (size_t k = 0; k < step->motion.count; k++) {
                const char *name = step->motion.keys[k].pose;
                const pose_def *def = pose_library_find(&rt->poses, &shared, name);
                assert_non_null(def);
                assert_true(def->resolved);
                kin_body b;
                kin_solve(&def->value, &b);
                standing += !b.seated;
                if (!b.chair && strlen(all) < sizeof all - 200)
                    snprintf(all + strlen(all), sizeof all - strlen(all),
                             "\n  %s, step %zu: pose '%s' draws no chair", rt->id, s + 1, name);
                /* Held standing, its back stands where the hands are, within a hand's reach. */
                if (b.chair && !b.seated && b.chair_forward.z > 0.5f && b.chair_seat.z > 0 &&
                    strlen(all) < sizeof all - 200) {
                    float back_z = b.chair_seat.z - KIN_SEAT_DEPTH / 2;
                    float top_y = KIN_SEAT_HEIGHT + KIN_CHAIR_BACK;
                    bool near = false;
                    for (int side = 0; side < 2; side++) {
                        kin_vec hand = b.at[KIN_LEFT_HAND + side];
                        near |= fabsf(hand.z - back_z) < 0.08f && hand.y > top_y - 0.03f &&
                                hand.y < top_y + 0.16f;
                    }
                    if (!near)
                        snprintf(all + strlen(all), sizeof all - strlen(all),
                                 "\n  %s, step %zu: pose '%s' holds a chair its hands miss", rt->id,
                                 s + 1, name);
                }
            }
        }
    }
    library_free(&lib);
    diag_free(&diag);
    /* Heel raises, marching, knee bends, leg lifts, sit to stand and the seated routines. */
    assert_true(steps >= 8);
    assert_true(standing >= 10);
    if (all[0])
        fail_msg("%s", all);
}

/* How far a point may sink below the floor, or the hips sit off the seat, and still count as
 * touching: 0.005 standing heights, under a centimetre on a person, under a pixel in a
 * 1080-line figure. */
#define TOUCHING 0.005f
/* Seated, the feet may lift the hips off the seat this much (a heel pressed down as the toes
 * pull up) and the figure still sit: 1.7 cm on a person. */
#define SEAT_GIVE 0.010f

/* The lowest point of either foot: the heel's or the toe's rounding, less half the foot's
 * thickness (kinematics.h puts both points in the middle of the foot's thickness). */
static float lowest_foot(const kin_body *b)
{
    float low = INFINITY;
    for (int s = 0; s < 2; s++) {
        low = fminf(low, AT(b, KIN_LEFT_HEEL, s).y - KIN_FOOT_T / 2);
        low = fminf(low, AT(b, KIN_LEFT_TOE, s).y - KIN_FOOT_T / 2);
    }
    return low;
}

/* Shaped to sit: a chair, not lying, and the thighs more forwards than down. Stated from the
 * joints, not from kinematics' own 'seated', so the facts below are not its rule read back. */
static bool shaped_to_sit(const kin_body *b)
{
    float ahead = 0;
    for (int s = 0; s < 2; s++)
        ahead += (AT(b, KIN_LEFT_KNEE, s).z - AT(b, KIN_LEFT_HIP, s).z) / KIN_THIGH / 2;
    return b->chair && !b->lying && ahead > 0.5f;
}

/* Failures are kept one line a step: how many moments broke a fact, and the worst one. */
typedef struct {
    char failures[8192];
    size_t samples, sitting, rising, keys_seated, planted;
    const routine *routine; /* the step being sampled */
    int level;
    size_t step, broken;
    float worst;
    char worst_why[160];
} floor_report;

static void floor_report_flush(floor_report *out)
{
    size_t used = strlen(out->failures);
    if (out->broken && used < sizeof out->failures - 300)
        snprintf(out->failures + used, sizeof out->failures - used,
                 "\n  %s level %d, step %zu: %zu moments, the worst %s", out->routine->id,
                 out->level, out->step + 1, out->broken, out->worst_why);
    out->broken = 0;
    out->worst = 0;
}

static void floor_report_add(floor_report *out, int64_t t_ms, float off, const char *why)
{
    out->broken++;
    if (fabsf(off) >= out->worst) {
        out->worst = fabsf(off);
        snprintf(out->worst_why, sizeof out->worst_why, "at %.1f s: %s", (double)t_ms / 1000.0,
                 why);
    }
}

/* The facts of one moment of a routine's figure: the feet never sink through the floor; the
 * hips never sink into the seat, and the body rests on the seat or on its feet (never floats);
 * a seated figure has its hips on the seat; standing, a foot touches the floor. key_sits: this is
 * a keyframe the author drew sitting, so the hips must rest on the seat. */
static void check_floor(floor_report *out, const routine *rt, int level, size_t step, int64_t t_ms,
                        const kin_body *b, bool key_sits)
{
    if (rt != out->routine || level != out->level || step != out->step) {
        floor_report_flush(out);
        out->routine = rt;
        out->level = level;
        out->step = step;
    }
    char why[120] = "";
    float foot = lowest_foot(b), hips = b->at[KIN_PELVIS].y, seat = KIN_SEAT_HEIGHT + KIN_SIT_DROP;
    float off = 0;
    out->samples++;
    if (foot < -TOUCHING)
        snprintf(why, sizeof why, "a foot %.3f below the floor", off = -foot);
    else if (b->seated && (hips < seat - TOUCHING || hips > seat + SEAT_GIVE))
        snprintf(why, sizeof why, "seated with the hips %.3f off the seat", off = hips - seat);
    else if (key_sits && !b->seated)
        snprintf(why, sizeof why, "a sitting keyframe not seated (hips %.3f above the seat)",
                 off = hips - seat);
    else if (shaped_to_sit(b) && hips < seat - TOUCHING)
        snprintf(why, sizeof why, "the hips %.3f down in the seat", off = seat - hips);
    else if (shaped_to_sit(b) && hips > seat + TOUCHING && foot > TOUCHING)
        snprintf(why, sizeof why, "rising with no foot on the floor (%.3f above it)", off = foot);
    else if (!b->lying && !shaped_to_sit(b) && fabsf(foot) > TOUCHING)
        snprintf(why, sizeof why, "standing with the lowest foot %.3f off the floor", off = foot);
    out->sitting += b->seated;
    out->rising += shaped_to_sit(b) && !b->seated;
    if (why[0])
        floor_report_add(out, t_ms, off, why);
}

/* Where foot side stands against the chair (z), for a figure off the seat seen with the chair
 * in line (behind it, or held in front): off the seat the feet stay planted by the chair, getting
 * up, bending the knees or rising on the toes. False when that does not apply (seated, where the
 * legs may move; lying; a chair beside the figure); *down says whether that foot is on the floor.
 */
static bool foot_by_the_chair(const kin_body *b, int side, float *z, bool *down)
{
    if (!b->chair || b->seated || b->lying || b->chair_forward.z < 0.5f)
        return false;
    *down = fminf(AT(b, KIN_LEFT_HEEL, side).y, AT(b, KIN_LEFT_TOE, side).y) - KIN_FOOT_T / 2 <=
            TOUCHING;
    *z = AT(b, KIN_LEFT_ANKLE, side).z - b->chair_seat.z;
    return true;
}

/* A keyframe the author drew sitting: shaped to sit, and named so ("seated-...") or with the
 * thighs level (the knees no lower than the hips), as in every seated pose; a keyframe part-way
 * up ("half-up" in sit-to-stand.yaml) has its thighs sloping down and its hips off the seat. */
static bool drawn_sitting(const char *name, const kin_body *b)
{
    if (!shaped_to_sit(b))
        return false;
    bool level = true;
    for (int s = 0; s < 2; s++)
        level &= AT(b, KIN_LEFT_KNEE, s).y > AT(b, KIN_LEFT_HIP, s).y - 0.03f;
    return level || !strncmp(name, "seated", 6);
}

/* The motion of one segment, sampled every 100 ms of its time and at each keyframe. A repetition
 * that plays the same keyframes over the same span as one already sampled is skipped: the same
 * poses again. */
static void sample_segment(floor_report *out, const routine *rt, int level, const plan *pl,
                           size_t i)
{
    const plan_segment *seg = &pl->segments[i];
    for (size_t j = 0; j < i; j++) {
        const plan_segment *o = &pl->segments[j];
        if (o->motion_count && o->motion_first == seg->motion_first &&
            o->motion_count == seg->motion_count &&
            o->start_ms - o->motion_origin_ms == seg->start_ms - seg->motion_origin_ms &&
            o->end_ms - o->motion_origin_ms == seg->end_ms - seg->motion_origin_ms)
            return;
    }
    pose p;
    kin_body b;
    int64_t samples = (seg->end_ms - seg->start_ms) / 100;
    /* Per foot: the span of its place against the chair, and whether it stayed down throughout.
     * Checked only while both feet stay down (getting up, knee bends, heel raises): a foot that
     * lifts, marching, may move, and where the chair stands is then less certain. */
    float nearest[2] = {INFINITY, INFINITY}, farthest[2] = {-INFINITY, -INFINITY}, z;
    bool always_down[2] = {true, true}, down;
    for (int64_t k = 0; k <= samples; k++) {
        int64_t t = seg->start_ms + k * 100;
        assert_true(plan_pose_at(pl, i, t, &p));
        kin_solve(&p, &b);
        check_floor(out, rt, level, seg->step, t, &b, false);
        for (int side = 0; side < 2; side++)
            if (foot_by_the_chair(&b, side, &z, &down)) {
                nearest[side] = fminf(nearest[side], z);
                farthest[side] = fmaxf(farthest[side], z);
                always_down[side] &= down;
                out->planted += side == 0;
            }
    }
    for (int side = 0; side < 2; side++)
        if (always_down[0] && always_down[1] && farthest[side] - nearest[side] > TOUCHING) {
            char why[120];
            snprintf(why, sizeof why, "the %s foot slides %.3f against the chair, off the seat",
                     side ? "right" : "left", farthest[side] - nearest[side]);
            floor_report_add(out, seg->end_ms, farthest[side] - nearest[side], why);
        }
    for (uint32_t k = 0; k < seg->motion_count; k++) {
        const plan_keyframe *key = &pl->keyframes[seg->motion_first + k];
        int64_t t = seg->motion_origin_ms + key->at_ms;
        if (t < seg->start_ms || t > seg->end_ms)
            continue;
        kin_solve(&key->pose, &b);
        bool sits = drawn_sitting(key->name, &b);
        check_floor(out, rt, level, seg->step, t, &b, sits);
        out->keys_seated += sits;
    }
}

/* Every bundled routine at every level, keyframes and in between: the feet stay on the floor and
 * the seated hips on the seat, whether sitting, rising or standing (a sit to stand half-way up
 * once put the feet through the floor). */
static void every_routine_keeps_its_feet_on_the_floor(void **state)
{
    (void)state;
    diag_list diag;
    diag_init(&diag);
    routine_library lib;
    library_init(&lib);
    assert_true(library_load(&lib, EASE_SOURCE_DIR "/routines", &shared, &diag));
    static floor_report report;
    memset(&report, 0, sizeof report);
    size_t plans = 0;
    for (size_t r = 0; r < lib.count; r++) {
        const routine *rt = lib.routines[r];
        for (int level = 1; level <= rt->levels; level++) {
            plan *pl = NULL;
            assert_true(plan_compile(rt, &shared, level, &pl, &diag));
            plans++;
            for (size_t i = 0; i < pl->segment_count; i++)
                if (pl->segments[i].motion_count)
                    sample_segment(&report, rt, level, pl, i);
            plan_free(pl);
        }
    }
    floor_report_flush(&report);
    size_t routines = lib.count;
    library_free(&lib);
    diag_free(&diag);
    print_message("feet on the floor: %zu plans, %zu figures (%zu seated, %zu rising, %zu off the "
                  "seat by the chair), %zu sitting keyframes\n",
                  plans, report.samples, report.sitting, report.rising, report.planted,
                  report.keys_seated);
    if (report.failures[0]) {
        print_error("feet through the floor or sliding, hips off the seat (standing heights):%s\n",
                    report.failures);
        fail_msg("see above");
    }
    /* Every routine was sampled: sit to stand, the seated forms and the standing ones. */
    assert_true(plans >= routines && routines >= 20);
    assert_true(report.sitting > 100 && report.rising > 10 && report.keys_seated > 20);
    assert_true(report.planted > 20);
}

/* The front view's mirror and the figure's sides: "left" in a pose is the figure's own left
 * (+x); a front-view 'torso' leans that way, a side-view 'left-hip' lifts the left knee. */
static void left_is_the_figures_own_left(void **state)
{
    (void)state;
    kin_body b;
    solve("side-bend-left", &b);
    assert_true(b.at[KIN_HEAD].x > 0);
    solve("knee-lift-left", &b);
    assert_true(b.at[KIN_LEFT_KNEE].y > b.at[KIN_RIGHT_KNEE].y);
    solve("seated-neck-tilt-left", &b);
    assert_true(b.at[KIN_HEAD].x > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(neutral_pose_stands_one_height_tall),
        cmocka_unit_test(every_shared_pose_keeps_its_body),
        cmocka_unit_test(every_bundled_movement_does_what_it_says),
        cmocka_unit_test(left_is_the_figures_own_left),
        cmocka_unit_test(every_step_that_uses_the_chair_draws_it),
        cmocka_unit_test(every_routine_keeps_its_feet_on_the_floor),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
