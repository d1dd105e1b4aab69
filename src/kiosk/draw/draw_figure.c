/* The figure is placed by the core's forward kinematics (kinematics.h: body units, y up), then
 * seen from the pose's turn as the patient's mirror image, so the figure's left is on the
 * patient's left. Every body part is the hull of a few round joints (a tapered limb, a trunk
 * wider at the chest than at the waist, an oval head), so any pose, view and blend draws with the
 * same soft shapes; parts are grouped into limbs that are outlined as one and drawn far to near. */
#include "draw_figure.h"

#include "draw_moving.h"
#include "gfx_region.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kinematics.h"

#define FIGURE_PI 3.14159265f

/* Thicknesses (radii, in standing heights) at the joints: limbs taper from the body out. */
#define FIGURE_R_SHOULDER 0.037f
#define FIGURE_R_ELBOW    0.030f
#define FIGURE_R_WRIST    0.022f
#define FIGURE_R_PALM     0.029f
#define FIGURE_R_FIST     0.032f
#define FIGURE_R_HIP      0.052f
#define FIGURE_R_KNEE     0.039f
#define FIGURE_R_ANKLE    0.026f
#define FIGURE_R_HEEL     0.024f
#define FIGURE_R_TOE      0.021f
#define FIGURE_R_NECK_LOW 0.032f
#define FIGURE_R_NECK_TOP 0.025f
#define FIGURE_CONTOUR    0.0085f /* the soft line round every part */
#define FIGURE_SHADOW_H   0.013f  /* half the height of the shadow under the figure */
/* How far a focused part's fill goes towards the focus colour: a clear warm tint that still
 * reads as the same soft body, not a warning colour. */
#define FIGURE_FOCUS_TINT 0.75f
/* The room every pose is drawn in, so the figure never grows or shrinks as it moves: arms
 * overhead with the shoulders raised; arms out, lying down, or a chair beside. */
#define FIGURE_REF_H 1.30f
#define FIGURE_REF_W 1.16f

enum {
    FIGURE_MAX_CIRCLES = 14,
    FIGURE_MAX_PARTS = 8,
    FIGURE_MAX_GROUPS = 16,
};

typedef enum {
    FIGURE_INK_BODY,
    FIGURE_INK_HAIR,
    FIGURE_INK_CHAIR,
} figure_ink;

/* A circle in the picture: model units, y up. */
typedef struct {
    float x, y, r;
} figure_circle;

/* One filled shape: the convex hull of its circles. */
typedef struct {
    figure_circle c[FIGURE_MAX_CIRCLES];
    int count;
    figure_ink ink;
    body_region region; /* what 'focus' calls it; BODY_REGION_COUNT for the chair */
} figure_part;

/* Parts outlined together (no seams at the elbow or the neck), drawn at one depth. */
typedef struct {
    figure_part parts[FIGURE_MAX_PARTS];
    int count;
    float depth; /* towards the patient: larger is nearer */
    int order;   /* ties: legs, then the trunk, then arms */
    int id;      /* which group it is (the order it was made in), whatever the sort did */
    bool outlined;
    float shade; /* 0 the body's colour .. 1 the far colour, for limbs behind the body */
} figure_group;

typedef struct {
    figure_group groups[FIGURE_MAX_GROUPS];
    int count;
    float turn_cos, turn_sin;
} figure_scene;

typedef struct {
    float scale, ox, oy; /* screen = (ox + x * scale, oy - y * scale) */
    figure_scene scene;
    float shadow_x, shadow_w;
} figure_layout;

/* The mirror image seen from the pose's turn: the figure's left (+x) on the patient's left. */
static void figure_project(const figure_scene *s, kin_vec v, float *x, float *depth)
{
    *x = -v.x * s->turn_cos + v.z * s->turn_sin;
    *depth = v.x * s->turn_sin + v.z * s->turn_cos;
}

static figure_group *figure_group_add(figure_scene *s, int order, bool outlined)
{
    if (s->count >= FIGURE_MAX_GROUPS)
        return NULL;
    figure_group *g = &s->groups[s->count];
    g->id = s->count++;
    g->count = 0;
    g->depth = 0;
    g->order = order;
    g->outlined = outlined;
    g->shade = 0;
    return g;
}

static figure_part *figure_part_add(figure_group *g, figure_ink ink, body_region region)
{
    if (!g || g->count >= FIGURE_MAX_PARTS)
        return NULL;
    figure_part *p = &g->parts[g->count++];
    p->count = 0;
    p->ink = ink;
    p->region = region;
    return p;
}

static void figure_ball(const figure_scene *s, figure_part *p, kin_vec v, float r)
{
    if (!p || p->count >= FIGURE_MAX_CIRCLES)
        return;
    float x, depth;
    figure_project(s, v, &x, &depth);
    p->c[p->count++] = (figure_circle){x, v.y, r};
}

static kin_vec figure_at(kin_vec o, const kin_frame *f, float x, float y, float z)
{
    return (kin_vec){o.x + f->x.x * x + f->y.x * y + f->z.x * z,
                     o.y + f->x.y * x + f->y.y * y + f->z.y * z,
                     o.z + f->x.z * x + f->y.z * y + f->z.z * z};
}

static float figure_depth_of(const figure_scene *s, kin_vec v)
{
    float x, depth;
    figure_project(s, v, &x, &depth);
    return depth;
}

static float figure_clamp(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A limb behind the trunk (the far arm and leg in a side view) is drawn in the far colour, more
 * so the further behind it is, so the two sides read apart without a cut as the figure turns. */
static float figure_shade(float depth)
{
    return figure_clamp((-depth - 0.02f) / 0.06f, 0.0f, 1.0f);
}

static void figure_arm(figure_scene *s, const kin_body *b, int side)
{
    figure_group *g = figure_group_add(s, 2, true);
    if (!g)
        return;
    kin_vec sh = b->at[KIN_LEFT_SHOULDER + side], el = b->at[KIN_LEFT_ELBOW + side],
            wr = b->at[KIN_LEFT_WRIST + side], ha = b->at[KIN_LEFT_HAND + side];
    figure_part *upper = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_UPPER_ARM);
    figure_ball(s, upper, sh, FIGURE_R_SHOULDER);
    figure_ball(s, upper, el, FIGURE_R_ELBOW);
    figure_part *fore = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_FOREARM);
    figure_ball(s, fore, el, FIGURE_R_ELBOW);
    figure_ball(s, fore, wr, FIGURE_R_WRIST);
    /* An open hand is a rounded paddle a little wider than the wrist; a fist, a ball. */
    float closed = b->hand_closed[side];
    figure_part *hand = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_HAND);
    figure_ball(s, hand, wr, FIGURE_R_WRIST);
    figure_ball(s, hand, ha, FIGURE_R_PALM + (FIGURE_R_FIST - FIGURE_R_PALM) * closed);
    g->depth = (figure_depth_of(s, el) + figure_depth_of(s, wr) + figure_depth_of(s, ha)) / 3;
    g->shade = figure_shade(fmaxf(figure_depth_of(s, sh), g->depth));
}

static void figure_leg(figure_scene *s, const kin_body *b, int side)
{
    figure_group *g = figure_group_add(s, 0, true);
    if (!g)
        return;
    kin_vec hip = b->at[KIN_LEFT_HIP + side], kn = b->at[KIN_LEFT_KNEE + side],
            an = b->at[KIN_LEFT_ANKLE + side], he = b->at[KIN_LEFT_HEEL + side],
            to = b->at[KIN_LEFT_TOE + side];
    figure_part *thigh = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_THIGH);
    figure_ball(s, thigh, hip, FIGURE_R_HIP);
    figure_ball(s, thigh, kn, FIGURE_R_KNEE);
    figure_part *shin = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_SHIN);
    figure_ball(s, shin, kn, FIGURE_R_KNEE);
    figure_ball(s, shin, an, FIGURE_R_ANKLE);
    figure_part *foot = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_FOOT);
    figure_ball(s, foot, an, FIGURE_R_ANKLE);
    figure_ball(s, foot, he, FIGURE_R_HEEL);
    figure_ball(s, foot, to, FIGURE_R_TOE);
    g->depth = (figure_depth_of(s, kn) + figure_depth_of(s, an)) / 2;
    /* Seated, the thighs come towards the patient, over the lap. */
    if (b->seated)
        g->depth = fmaxf(g->depth, figure_depth_of(s, kn));
    g->shade = figure_shade(fmaxf(figure_depth_of(s, hip), g->depth));
}

/* Pelvis, trunk, neck and head: one outlined group, so the body reads as one soft shape. */
static void figure_body(figure_scene *s, const kin_body *b)
{
    figure_group *g = figure_group_add(s, 1, true);
    if (!g)
        return;
    const kin_frame *pf = &b->pelvis, *tf = &b->trunk, *hf = &b->head;
    kin_vec pelvis = b->at[KIN_PELVIS];
    /* Cross-sections as rings of balls: hips, waist, chest, then the shoulders themselves. */
    static const struct {
        float up, half_w, half_d, r;
        bool trunk;
    } rings[] = {
        {-0.030f, 0.058f, 0.038f, 0.040f, false}, /* hips, down to the top of the thighs */
        {0.110f, 0.044f, 0.032f, 0.034f, true},   /* waist */
        {0.205f, 0.056f, 0.046f, 0.038f, true},   /* chest */
    };
    figure_part *lower = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_WAIST);
    figure_part *upper = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_CHEST);
    for (size_t i = 0; i < sizeof rings / sizeof rings[0]; i++) {
        const kin_frame *f = rings[i].trunk ? tf : pf;
        for (int k = 0; k < 4; k++) {
            float x = (k == 0 ? 1.0f : k == 1 ? -1.0f : 0.0f) * rings[i].half_w;
            float z = (k == 2 ? 1.0f : k == 3 ? -1.0f : 0.0f) * rings[i].half_d;
            kin_vec v = figure_at(pelvis, f, x, rings[i].up, z);
            if (i <= 1)
                figure_ball(s, lower, v, rings[i].r);
            if (i >= 1)
                figure_ball(s, upper, v, rings[i].r);
        }
    }
    for (int side = 0; side < 2; side++)
        figure_ball(s, upper, b->at[KIN_LEFT_SHOULDER + side], 0.034f);
    figure_ball(s, upper, b->at[KIN_NECK], 0.042f);

    figure_part *neck = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_NECK);
    figure_ball(s, neck, b->at[KIN_NECK], FIGURE_R_NECK_LOW);
    figure_ball(s, neck, figure_at(b->at[KIN_HEAD], hf, 0, -0.03f, -0.008f), FIGURE_R_NECK_TOP);

    /* The head: an oval a little taller than wide. Hair behind and above the face shows where
     * the head turns and nods, with no face drawn. */
    kin_vec head = b->at[KIN_HEAD];
    float half = KIN_HEAD_HEIGHT - KIN_HEAD_RADIUS;
    figure_part *hair = figure_part_add(g, FIGURE_INK_HAIR, BODY_REGION_HEAD);
    figure_ball(s, hair, figure_at(head, hf, 0, half + 0.004f, -0.010f), KIN_HEAD_RADIUS + 0.002f);
    figure_ball(s, hair, figure_at(head, hf, 0, -half + 0.008f, -0.013f), KIN_HEAD_RADIUS - 0.004f);
    figure_part *face = figure_part_add(g, FIGURE_INK_BODY, BODY_REGION_HEAD);
    figure_ball(s, face, figure_at(head, hf, 0, half - 0.004f, 0.006f), KIN_HEAD_RADIUS - 0.004f);
    figure_ball(s, face, figure_at(head, hf, 0, -half, 0.004f), KIN_HEAD_RADIUS - 0.006f);
    g->depth = 0;
}

/* A plain chair: seat, back and four legs, under the figure or beside it. */
static void figure_chair(figure_scene *s, const kin_body *b)
{
    kin_vec f = b->chair_forward, up = {0, 1, 0};
    kin_vec across = {up.y * f.z - up.z * f.y, up.z * f.x - up.x * f.z, up.x * f.y - up.y * f.x};
    kin_frame frame = {across, up, f};
    kin_vec seat = b->chair_seat;
    float half = KIN_SEAT_DEPTH / 2, slab = 0.014f, leg = 0.012f;
    figure_group *back = figure_group_add(s, -2, false);
    figure_part *p = figure_part_add(back, FIGURE_INK_CHAIR, BODY_REGION_COUNT);
    for (int k = 0; k < 4; k++)
        figure_ball(s, p,
                    figure_at(seat, &frame, (k & 1 ? 1.0f : -1.0f) * (half - slab),
                              k & 2 ? KIN_CHAIR_BACK : 0.0f, -half + slab),
                    slab);
    for (int k = 0; k < 4; k++) {
        figure_group *g = figure_group_add(s, -2, false);
        figure_part *l = figure_part_add(g, FIGURE_INK_CHAIR, BODY_REGION_COUNT);
        float x = (k & 1 ? 1.0f : -1.0f) * (half - leg), z = (k & 2 ? 1.0f : -1.0f) * (half - leg);
        figure_ball(s, l, figure_at(seat, &frame, x, -slab, z), leg);
        kin_vec foot = figure_at(seat, &frame, x * 1.06f, 0, z * 1.06f);
        foot.y = leg;
        figure_ball(s, l, foot, leg);
    }
    figure_group *g = figure_group_add(s, -2, false);
    figure_part *top = figure_part_add(g, FIGURE_INK_CHAIR, BODY_REGION_COUNT);
    for (int k = 0; k < 4; k++)
        figure_ball(s, top,
                    figure_at(seat, &frame, (k & 1 ? 1.0f : -1.0f) * half, -slab,
                              (k & 2 ? 1.0f : -1.0f) * half),
                    slab);
}

/* Far to near; close depths keep legs, then the trunk, then arms. A stable insertion sort on a
 * plain key, so equal groups never swap from one frame to the next. */
static float figure_group_key(const figure_group *g)
{
    return g->order < 0 ? -1000.0f : g->depth + 0.03f * (float)(g->order - 1);
}

static void figure_sort(figure_scene *s)
{
    for (int i = 1; i < s->count; i++) {
        figure_group moving = s->groups[i];
        float key = figure_group_key(&moving);
        int j = i;
        while (j > 0 && figure_group_key(&s->groups[j - 1]) > key) {
            s->groups[j] = s->groups[j - 1];
            j--;
        }
        s->groups[j] = moving;
    }
}

static void figure_scene_build(const pose *p, const kin_body *b, figure_scene *s)
{
    float turn = (isfinite(p->view_turn_deg) ? p->view_turn_deg : 0.0f) * FIGURE_PI / 180.0f;
    s->turn_cos = cosf(turn);
    s->turn_sin = sinf(turn);
    s->count = 0;
    if (b->chair)
        figure_chair(s, b);
    for (int side = 0; side < 2; side++)
        figure_leg(s, b, side);
    figure_body(s, b);
    for (int side = 0; side < 2; side++)
        figure_arm(s, b, side);
    figure_sort(s);
}

typedef struct {
    float min_x, min_y, max_x, max_y;
} figure_extent;

static void figure_extent_of(const figure_scene *s, float grow, figure_extent *e)
{
    e->min_x = e->min_y = INFINITY;
    e->max_x = e->max_y = -INFINITY;
    for (int i = 0; i < s->count; i++)
        for (int j = 0; j < s->groups[i].count; j++) {
            const figure_part *p = &s->groups[i].parts[j];
            float extra = s->groups[i].outlined ? grow : 0.0f;
            for (int k = 0; k < p->count; k++) {
                float r = p->c[k].r + extra;
                e->min_x = fminf(e->min_x, p->c[k].x - r);
                e->max_x = fmaxf(e->max_x, p->c[k].x + r);
                e->min_y = fminf(e->min_y, p->c[k].y - r);
                e->max_y = fmaxf(e->max_y, p->c[k].y + r);
            }
        }
}

/* Where the figure stands: its hips, head and legs but not its arms, so raising an arm never
 * slides the body sideways. With a chair, halfway between the chair and the feet: both stay
 * where they are in the room while the body rises from the seat or bends at the chair, so the
 * picture must not slide under them (centred on the body, a sit-to-stand slid the chair and
 * feet back a tenth of the figure's height). */
static float figure_anchor_x(const figure_scene *s, const kin_body *b)
{
    float x, depth;
    if (b->chair) {
        float seat, left, right;
        figure_project(s, b->chair_seat, &seat, &depth);
        figure_project(s, b->at[KIN_LEFT_ANKLE], &left, &depth);
        figure_project(s, b->at[KIN_RIGHT_ANKLE], &right, &depth);
        return (seat + (left + right) / 2) / 2;
    }
    static const kin_point points[] = {KIN_PELVIS,     KIN_PELVIS,     KIN_NECK,
                                       KIN_HEAD,       KIN_LEFT_KNEE,  KIN_RIGHT_KNEE,
                                       KIN_LEFT_ANKLE, KIN_RIGHT_ANKLE};
    float sum = 0;
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        figure_project(s, b->at[points[i]], &x, &depth);
        sum += x;
    }
    return sum / (float)(sizeof points / sizeof points[0]);
}

static void figure_layout_make(const pose *p, SDL_FRect box, figure_layout *out)
{
    kin_body b;
    kin_solve(p, &b);
    figure_scene_build(p, &b, &out->scene);
    /* A pixel and a half kept free all round for the anti-aliased edge. */
    box = (SDL_FRect){box.x + 1.5f, box.y + 1.5f, box.w - 3, box.h - 3};
    float scale = fminf(box.w / FIGURE_REF_W, box.h / FIGURE_REF_H);
    if (!(scale > 0))
        scale = 0;
    out->scale = scale;
    float contour = scale > 0 ? fmaxf(FIGURE_CONTOUR, 1.0f / scale) : FIGURE_CONTOUR;
    figure_extent e;
    figure_extent_of(&out->scene, contour, &e);
    out->oy = box.y + box.h - FIGURE_SHADOW_H * scale;
    float centre = box.x + box.w / 2;
    out->ox = centre - figure_anchor_x(&out->scene, &b) * scale;
    float left = out->ox + e.min_x * scale, right = out->ox + e.max_x * scale;
    if (right - left > box.w)
        out->ox += centre - (left + right) / 2;
    else if (left < box.x)
        out->ox += box.x - left;
    else if (right > box.x + box.w)
        out->ox -= right - (box.x + box.w);
    /* The shadow spans the feet (or seat, or back): the lowest parts. */
    float lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < out->scene.count; i++)
        for (int j = 0; j < out->scene.groups[i].count; j++) {
            const figure_part *part = &out->scene.groups[i].parts[j];
            for (int k = 0; k < part->count; k++)
                if (part->c[k].y - part->c[k].r < 0.12f) {
                    lo = fminf(lo, part->c[k].x - part->c[k].r);
                    hi = fmaxf(hi, part->c[k].x + part->c[k].r);
                }
        }
    if (!(hi > lo)) {
        lo = e.min_x;
        hi = e.max_x;
    }
    out->shadow_x = (lo + hi) / 2;
    out->shadow_w = (hi - lo) / 2 + 0.05f;
}

/* Whether two poses are the very same (field by field: a struct's padding is not compared). */
static bool figure_pose_same(const pose *a, const pose *b)
{
    return !memcmp(a->angle_deg, b->angle_deg, sizeof a->angle_deg) && a->view == b->view &&
           !memcmp(&a->view_turn_deg, &b->view_turn_deg, sizeof a->view_turn_deg) &&
           a->chair == b->chair;
}

/* The layouts of the last few poses drawn or measured, by pose and box: a frame lays out the
 * same pose several times (how far it moved, where it is, what changed, the drawing itself),
 * and each is the kinematics and a sorted scene. The least recently asked for is replaced, so
 * the two a caller holds at once stay. Drawing is on one thread. */
enum { FIGURE_LAYOUTS_KEPT = 4 };

static const figure_layout *figure_layout_of(const pose *p, SDL_FRect box)
{
    static struct {
        pose p;
        SDL_FRect box;
        figure_layout l;
        uint64_t asked; /* when last asked for; 0: empty */
    } kept[FIGURE_LAYOUTS_KEPT];
    static uint64_t clock;
    int oldest = 0;
    clock++;
    for (int i = 0; i < FIGURE_LAYOUTS_KEPT; i++) {
        if (kept[i].asked && figure_pose_same(&kept[i].p, p) &&
            !memcmp(&kept[i].box, &box, sizeof box)) {
            kept[i].asked = clock;
            return &kept[i].l;
        }
        if (kept[i].asked < kept[oldest].asked)
            oldest = i;
    }
    kept[oldest].p = *p;
    kept[oldest].box = box;
    kept[oldest].asked = clock;
    figure_layout_make(p, box, &kept[oldest].l);
    return &kept[oldest].l;
}

/* Unit directions round a circle, worked out once. */
enum { FIGURE_DIRECTIONS = 48 };
static gfx_point figure_direction[FIGURE_DIRECTIONS];

static void figure_directions_init(void)
{
    if (figure_direction[0].x != 0)
        return;
    for (int k = 0; k < FIGURE_DIRECTIONS; k++) {
        float t = 2 * FIGURE_PI * (float)k / (float)FIGURE_DIRECTIONS;
        figure_direction[k] = (gfx_point){cosf(t), sinf(t)};
    }
}

/* The outline of the convex hull of a part's circles, grown by grow_px, filled. For each of a
 * fixed set of directions the hull's farthest point that way is on the circle reaching
 * farthest, so the outline comes straight from the circles, with no sorting: cheap enough to
 * draw every frame. Small parts take every other direction. */
static void figure_fill_part(gfx *g, const figure_layout *l, const figure_part *p, float grow_px,
                             SDL_Color colour)
{
    if (p->count == 0)
        return;
    float cx[FIGURE_MAX_CIRCLES], cy[FIGURE_MAX_CIRCLES], r[FIGURE_MAX_CIRCLES], biggest = 0;
    for (int k = 0; k < p->count; k++) {
        cx[k] = l->ox + p->c[k].x * l->scale;
        cy[k] = l->oy - p->c[k].y * l->scale;
        r[k] = p->c[k].r * l->scale + grow_px;
        biggest = fmaxf(biggest, r[k]);
    }
    int step = biggest < 12.0f ? 2 : 1;
    gfx_point outline[FIGURE_DIRECTIONS];
    int n = 0;
    for (int d = 0; d < FIGURE_DIRECTIONS; d += step) {
        gfx_point u = figure_direction[d];
        int best = 0;
        float reach = -INFINITY;
        for (int k = 0; k < p->count; k++) {
            float how_far = cx[k] * u.x + cy[k] * u.y + r[k];
            if (how_far > reach) {
                reach = how_far;
                best = k;
            }
        }
        outline[n++] = (gfx_point){cx[best] + r[best] * u.x, cy[best] + r[best] * u.y};
    }
    gfx_fill_convex(g, outline, n, colour);
}

void draw_figure(gfx *g, const pose *p, SDL_FRect box, const figure_colours *colours)
{
    draw_moving_note_figure(g, p, box, colours);
    if (g->recording)
        return;
    const figure_layout *l = figure_layout_of(p, box);
    if (!(l->scale > 0))
        return;
    figure_directions_init();
    /* The outline is the far colour pulled a little towards black: on the light body it reads
     * as a soft line, on the dark background it melts into the edge. Hair is the far colour. */
    SDL_Color contour = gfx_mix(colours->far, (SDL_Color){0, 0, 0, colours->far.a}, 0.22f);
    float contour_px = fmaxf(FIGURE_CONTOUR * l->scale, 1.0f);
    float sx = l->ox + l->shadow_x * l->scale, sw = l->shadow_w * l->scale;
    float sh = FIGURE_SHADOW_H * l->scale;
    if (sw > 0 && sh > 0) {
        gfx_point ring[48];
        for (int i = 0; i < 48; i++) {
            float t = 2 * FIGURE_PI * (float)i / 48.0f;
            ring[i] = (gfx_point){sx + sw * cosf(t), l->oy + sh * sinf(t)};
        }
        gfx_fill_convex(g, ring, 48, colours->floor);
    }
    for (int i = 0; i < l->scene.count; i++) {
        const figure_group *grp = &l->scene.groups[i];
        SDL_Color body = gfx_mix(colours->body, colours->far, grp->shade);
        SDL_Color hair = gfx_mix(colours->far, contour, 0.35f);
        if (grp->outlined)
            for (int j = 0; j < grp->count; j++)
                figure_fill_part(g, l, &grp->parts[j], contour_px, contour);
        for (int j = 0; j < grp->count; j++) {
            figure_ink ink = grp->parts[j].ink;
            SDL_Color c = ink == FIGURE_INK_CHAIR  ? colours->chair
                          : ink == FIGURE_INK_HAIR ? hair
                                                   : body;
            /* Hair keeps its colour: it shows which way the head faces. */
            if (ink == FIGURE_INK_BODY && (colours->focus_regions >> grp->parts[j].region) & 1u)
                c = gfx_mix(c, colours->focus, FIGURE_FOCUS_TINT);
            figure_fill_part(g, l, &grp->parts[j], 0.0f, c);
        }
    }
}

SDL_FRect draw_figure_bounds(const pose *p, SDL_FRect box)
{
    const figure_layout *l = figure_layout_of(p, box);
    if (!(l->scale > 0))
        return (SDL_FRect){box.x, box.y, 0, 0};
    figure_extent e;
    float contour = fmaxf(FIGURE_CONTOUR, 1.0f / l->scale);
    figure_extent_of(&l->scene, contour, &e);
    e.min_x = fminf(e.min_x, l->shadow_x - l->shadow_w);
    e.max_x = fmaxf(e.max_x, l->shadow_x + l->shadow_w);
    e.min_y = fminf(e.min_y, -FIGURE_SHADOW_H);
    /* One pixel more all round for the anti-aliased edge. */
    float x0 = floorf(l->ox + e.min_x * l->scale) - 1, y0 = floorf(l->oy - e.max_y * l->scale) - 1;
    float x1 = ceilf(l->ox + e.max_x * l->scale) + 1, y1 = ceilf(l->oy - e.min_y * l->scale) + 1;
    return (SDL_FRect){x0, y0, x1 - x0, y1 - y0};
}

/* The pixels a part can touch: its circles grown by grow_px, and the anti-aliased edge. */
static SDL_Rect figure_part_rect(const figure_layout *l, const figure_part *p, float grow_px)
{
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int k = 0; k < p->count; k++) {
        float x = l->ox + p->c[k].x * l->scale, y = l->oy - p->c[k].y * l->scale;
        float r = p->c[k].r * l->scale + grow_px + 2.0f;
        x0 = fminf(x0, x - r);
        x1 = fmaxf(x1, x + r);
        y0 = fminf(y0, y - r);
        y1 = fmaxf(y1, y + r);
    }
    if (!(x1 > x0 && y1 > y0))
        return (SDL_Rect){0, 0, 0, 0};
    return (SDL_Rect){(int)floorf(x0), (int)floorf(y0), (int)ceilf(x1) - (int)floorf(x0),
                      (int)ceilf(y1) - (int)floorf(y0)};
}

/* Whether two parts draw the same pixels: the very same circles on screen (the edges are
 * blended by exact coverage: any change can show), ink, and region (a focused one is tinted). */
static bool figure_part_same(const figure_layout *a, const figure_part *pa, const figure_layout *b,
                             const figure_part *pb)
{
    if (pa->count != pb->count || pa->ink != pb->ink || pa->region != pb->region)
        return false;
    for (int k = 0; k < pa->count; k++) {
        const figure_circle *ca = &pa->c[k], *cb = &pb->c[k];
        if (a->ox + ca->x * a->scale != b->ox + cb->x * b->scale ||
            a->oy - ca->y * a->scale != b->oy - cb->y * b->scale ||
            ca->r * a->scale != cb->r * b->scale)
            return false;
    }
    return true;
}

/* The shadow under the feet, as drawn. */
static SDL_Rect figure_shadow_rect(const figure_layout *l)
{
    float sx = l->ox + l->shadow_x * l->scale, sw = l->shadow_w * l->scale;
    float sh = FIGURE_SHADOW_H * l->scale;
    return (SDL_Rect){(int)floorf(sx - sw) - 2, (int)floorf(l->oy - sh) - 2, (int)ceilf(2 * sw) + 5,
                      (int)ceilf(2 * sh) + 5};
}

bool draw_figure_damage(gfx *g, SDL_FRect box, const pose *before, const pose *now,
                        const figure_colours *colours)
{
    (void)colours; /* the caller compares them: a new colour is a new figure */
    const figure_layout *a = figure_layout_of(before, box), *b = figure_layout_of(now, box);
    if (!(a->scale > 0) || a->scale != b->scale || a->scene.count != b->scene.count)
        return false;
    float contour_px = fmaxf(FIGURE_CONTOUR * a->scale, 1.0f);
    SDL_Rect shadow_a = figure_shadow_rect(a), shadow_b = figure_shadow_rect(b);
    if (a->ox + a->shadow_x * a->scale != b->ox + b->shadow_x * b->scale ||
        a->shadow_w != b->shadow_w || a->oy != b->oy) {
        gfx_region_add_rect(g, shadow_a);
        gfx_region_add_rect(g, shadow_b);
    }
    /* A part that moved is redrawn where it was and where it is now (its outline, as drawn, and
     * the anti-aliased pixel round it); the redraw draws every group there, in order, so what
     * lies over or under it comes out as in a whole frame. Only the part's own pixels: the
     * background round a turning arm is left as it is. */
    for (int i = 0; i < a->scene.count; i++) {
        const figure_group *ga = &a->scene.groups[i], *gb = &b->scene.groups[i];
        bool whole =
            ga->count != gb->count || ga->outlined != gb->outlined || ga->shade != gb->shade;
        float grow = ga->outlined ? contour_px : 0.0f;
        for (int j = 0; j < ga->count || j < gb->count; j++) {
            if (!whole && figure_part_same(a, &ga->parts[j], b, &gb->parts[j]))
                continue;
            SDL_Rect was =
                j < ga->count ? figure_part_rect(a, &ga->parts[j], grow) : (SDL_Rect){0, 0, 0, 0};
            SDL_Rect is =
                j < gb->count ? figure_part_rect(b, &gb->parts[j], grow) : (SDL_Rect){0, 0, 0, 0};
            /* A part that moved a little: one rectangle round both, added once. */
            if (SDL_HasIntersection(&was, &is)) {
                SDL_UnionRect(&was, &is, &was);
                is = (SDL_Rect){0, 0, 0, 0};
            }
            gfx_region_add_rect(g, was);
            gfx_region_add_rect(g, is);
        }
    }
    return true;
}

float draw_figure_moved_px(const pose *a, const pose *b, SDL_FRect box)
{
    const figure_layout *la = figure_layout_of(a, box), *lb = figure_layout_of(b, box);
    if (!(la->scale > 0) || la->scale != lb->scale || la->scene.count != lb->scene.count)
        return INFINITY;
    /* The shadow: its middle and its half-width. */
    float most =
        fmaxf(fabsf((la->ox + la->shadow_x * la->scale) - (lb->ox + lb->shadow_x * lb->scale)),
              fabsf(la->shadow_w - lb->shadow_w) * la->scale);
    for (int i = 0; i < la->scene.count; i++) {
        const figure_group *ga = &la->scene.groups[i], *gb = &lb->scene.groups[i];
        /* Another order (one limb now in front of another) or another shade of the far side
         * (more than a level of colour) is a change to draw at once. */
        if (ga->id != gb->id || ga->count != gb->count || fabsf(ga->shade - gb->shade) > 0.004f)
            return INFINITY;
        for (int j = 0; j < ga->count; j++) {
            const figure_part *pa = &ga->parts[j], *pb = &gb->parts[j];
            if (pa->count != pb->count)
                return INFINITY;
            for (int k = 0; k < pa->count; k++) {
                float dx = (la->ox + pa->c[k].x * la->scale) - (lb->ox + pb->c[k].x * lb->scale);
                float dy = (la->oy - pa->c[k].y * la->scale) - (lb->oy - pb->c[k].y * lb->scale);
                float grew = fabsf(pa->c[k].r - pb->c[k].r) * la->scale;
                most = fmaxf(most, sqrtf(dx * dx + dy * dy) + grew);
            }
        }
    }
    return most;
}

SDL_FRect draw_figure_region_bounds(const pose *p, SDL_FRect box, body_regions regions)
{
    const figure_layout *l = figure_layout_of(p, box);
    float contour_px = fmaxf(FIGURE_CONTOUR * l->scale, 1.0f);
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int i = 0; i < l->scene.count && l->scale > 0; i++) {
        const figure_group *grp = &l->scene.groups[i];
        float grow = (grp->outlined ? contour_px : 0.0f) + 2.0f;
        for (int j = 0; j < grp->count; j++) {
            const figure_part *part = &grp->parts[j];
            if (part->region >= BODY_REGION_COUNT || !((regions >> part->region) & 1u))
                continue;
            for (int k = 0; k < part->count; k++) {
                const figure_circle *c = &part->c[k];
                float x = l->ox + c->x * l->scale, y = l->oy - c->y * l->scale;
                float r = c->r * l->scale + grow;
                x0 = fminf(x0, x - r);
                x1 = fmaxf(x1, x + r);
                y0 = fminf(y0, y - r);
                y1 = fmaxf(y1, y + r);
            }
        }
    }
    if (!(x1 > x0 && y1 > y0))
        return (SDL_FRect){box.x, box.y, 0, 0};
    return (SDL_FRect){floorf(x0), floorf(y0), ceilf(x1) - floorf(x0), ceilf(y1) - floorf(y0)};
}
