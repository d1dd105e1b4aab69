#include "pose_parse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "source_file.h"
#include "spell.h"

static const pose_joint_info pose_joint_table[POSE_JOINT_COUNT] = {
    [POSE_BODY] = {"body", -90, 90, "the whole body leans (side view: back, as lying down)"},
    [POSE_TORSO] = {"torso", -45, 90, "the trunk bends at the hips (side view: forwards)"},
    [POSE_NECK] = {"neck", -45, 45,
                   "the head bends (side view: chin down; front: ear to shoulder)"},
    [POSE_SHOULDERS] = {"shoulders", 0, 30, "both shoulders shrug up"},
    [POSE_LEFT_ARM] = {"left-arm", -60, 180, "the left arm rises from hanging"},
    [POSE_RIGHT_ARM] = {"right-arm", -60, 180, "the right arm rises from hanging"},
    [POSE_LEFT_ELBOW] = {"left-elbow", 0, 150, "the left elbow bends"},
    [POSE_RIGHT_ELBOW] = {"right-elbow", 0, 150, "the right elbow bends"},
    [POSE_LEFT_WRIST] = {"left-wrist", -80, 80, "the left hand bends back (+) or down"},
    [POSE_RIGHT_WRIST] = {"right-wrist", -80, 80, "the right hand bends back (+) or down"},
    [POSE_LEFT_HIP] = {"left-hip", -45, 120, "the left thigh rises from standing"},
    [POSE_RIGHT_HIP] = {"right-hip", -45, 120, "the right thigh rises from standing"},
    [POSE_LEFT_KNEE] = {"left-knee", 0, 150, "the left knee bends"},
    [POSE_RIGHT_KNEE] = {"right-knee", 0, 150, "the right knee bends"},
    [POSE_BODY_SIDE] = {"body-side", -45, 45, "the whole body leans to its left (+) or right"},
    [POSE_TORSO_SIDE] = {"torso-side", -45, 45, "the trunk bends to its left (+) or right"},
    [POSE_TORSO_TURN] = {"torso-turn", -60, 60, "the trunk turns to its left (+) or right"},
    [POSE_NECK_TILT] = {"neck-tilt", -45, 45, "the left ear goes to the left shoulder (+)"},
    [POSE_NECK_TURN] = {"neck-turn", -80, 80, "the head turns to look left (+) or right"},
    [POSE_SHOULDER_BLADES] = {"shoulder-blades", -30, 30,
                              "the shoulder blades squeeze together (+) or round forwards"},
    [POSE_LEFT_ARM_PLANE] = {"left-arm-plane", -30, 150,
                             "where the left arm rises: 0 out to the side, 90 ahead, 135 across"},
    [POSE_RIGHT_ARM_PLANE] = {"right-arm-plane", -30, 150,
                              "where the right arm rises: 0 out to the side, 90 ahead, 135 across"},
    [POSE_LEFT_ARM_TURN] = {"left-arm-turn", -90, 90,
                            "the left upper arm rolls out (+, forearm up) or in"},
    [POSE_RIGHT_ARM_TURN] = {"right-arm-turn", -90, 90,
                             "the right upper arm rolls out (+, forearm up) or in"},
    [POSE_LEFT_HAND] = {"left-hand", 0, 100, "the left hand: 0 open, 100 a loose fist"},
    [POSE_RIGHT_HAND] = {"right-hand", 0, 100, "the right hand: 0 open, 100 a loose fist"},
    [POSE_LEFT_HIP_PLANE] = {"left-hip-plane", -30, 90,
                             "where the left thigh rises: 0 out to the side, 90 ahead"},
    [POSE_RIGHT_HIP_PLANE] = {"right-hip-plane", -30, 90,
                              "where the right thigh rises: 0 out to the side, 90 ahead"},
    [POSE_LEFT_ANKLE] = {"left-ankle", -30, 60, "the left toes point (+, heel up) or pull up"},
    [POSE_RIGHT_ANKLE] = {"right-ankle", -30, 60, "the right toes point (+, heel up) or pull up"},
};

/* Names that set a joint in every view, whatever the picture shows. */
static const struct {
    const char *name;
    pose_joint joint;
} pose_alias_table[POSE_ALIAS_COUNT] = {
    {"neck-nod", POSE_NECK},
    {"torso-forward", POSE_TORSO},
    {"body-back", POSE_BODY},
};

enum { POSE_MAX_CHAIN = 32, POSE_NAME_MAX = 64, POSE_MAX_PER_LIBRARY = 2000 };

const pose_joint_info *pose_joints(void)
{
    return pose_joint_table;
}

const char *pose_name_of(int index)
{
    if (index >= 0 && index < POSE_JOINT_COUNT)
        return pose_joint_table[index].name;
    if (index >= POSE_JOINT_COUNT && index < POSE_NAME_COUNT)
        return pose_alias_table[index - POSE_JOINT_COUNT].name;
    return "?";
}

pose_joint pose_name_joint(int index)
{
    if (index >= POSE_JOINT_COUNT && index < POSE_NAME_COUNT)
        return pose_alias_table[index - POSE_JOINT_COUNT].joint;
    return (pose_joint)index;
}

float pose_name_min(int index)
{
    return pose_joint_table[pose_name_joint(index)].min_deg;
}

float pose_name_max(int index)
{
    return pose_joint_table[pose_name_joint(index)].max_deg;
}

pose_joint pose_joint_in_view(pose_joint joint, int view)
{
    if (view == POSE_VIEW_SIDE)
        return joint;
    /* Front and three-quarter pictures show sideways movement. 'body' leans the other way from
     * the rest in the picture's old convention, so the sign is handled by the caller. */
    switch (joint) {
    case POSE_BODY:
        return POSE_BODY_SIDE;
    case POSE_TORSO:
        return POSE_TORSO_SIDE;
    case POSE_NECK:
        return POSE_NECK_TILT;
    default:
        return joint;
    }
}

const char *pose_view_name(pose_view view)
{
    static const char *const names[POSE_VIEW_COUNT] = {"front", "side", "three-quarter"};
    return (unsigned)view < POSE_VIEW_COUNT ? names[view] : "?";
}

float pose_view_turn_deg(pose_view view)
{
    /* Side view faces the patient's right; three-quarter is half-way there. */
    static const float turn[POSE_VIEW_COUNT] = {0.0f, 90.0f, 45.0f};
    return (unsigned)view < POSE_VIEW_COUNT ? turn[view] : 0.0f;
}

void pose_neutral(pose *out)
{
    memset(out, 0, sizeof *out);
    out->view = POSE_VIEW_FRONT;
    out->view_turn_deg = 0.0f;
}

void pose_blend(const pose *a, const pose *b, double t, pose *out)
{
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    pose result;
    /* Every angle means the same in every view, so a change of view is the figure turning
     * while it moves: no cut, no splayed limbs. */
    for (int j = 0; j < POSE_JOINT_COUNT; j++)
        result.angle_deg[j] = (float)(a->angle_deg[j] + (b->angle_deg[j] - a->angle_deg[j]) * t);
    /* A hanging arm's plane means nothing: raising an arm from hanging goes straight to where
     * it is going (forwards, not out to the side and round), so each plane counts as much as
     * its limb is raised. */
    static const struct {
        pose_joint raise, plane;
    } limbs[] = {{POSE_LEFT_ARM, POSE_LEFT_ARM_PLANE},
                 {POSE_RIGHT_ARM, POSE_RIGHT_ARM_PLANE},
                 {POSE_LEFT_HIP, POSE_LEFT_HIP_PLANE},
                 {POSE_RIGHT_HIP, POSE_RIGHT_HIP_PLANE}};
    for (size_t i = 0; i < sizeof limbs / sizeof limbs[0]; i++) {
        double wa = fabs(a->angle_deg[limbs[i].raise]) * (1 - t),
               wb = fabs(b->angle_deg[limbs[i].raise]) * t;
        if (wa + wb > 1e-6)
            result.angle_deg[limbs[i].plane] =
                (float)((a->angle_deg[limbs[i].plane] * wa + b->angle_deg[limbs[i].plane] * wb) /
                        (wa + wb));
    }
    result.view_turn_deg = (float)(a->view_turn_deg + (b->view_turn_deg - a->view_turn_deg) * t);
    result.view = t < 0.5 ? a->view : b->view;
    result.chair = t < 0.5 ? a->chair : b->chair;
    *out = result;
}

double pose_ease(double t)
{
    if (t <= 0)
        return 0;
    if (t >= 1)
        return 1;
    return 0.5 - 0.5 * cos(M_PI * t);
}

void pose_library_init(pose_library *lib)
{
    memset(lib, 0, sizeof *lib);
}

void pose_library_free(pose_library *lib)
{
    for (size_t i = 0; i < lib->count; i++) {
        free(lib->defs[i].name);
        free(lib->defs[i].base);
        free(lib->defs[i].file);
    }
    free(lib->defs);
    pose_library_init(lib);
}

static pose_def *pose_library_own(const pose_library *lib, const char *name)
{
    for (size_t i = 0; i < lib->count; i++)
        if (!strcmp(lib->defs[i].name, name))
            return &lib->defs[i];
    return NULL;
}

const pose_def *pose_library_find(const pose_library *lib, const pose_library *parent,
                                  const char *name)
{
    const pose_def *def = lib ? pose_library_own(lib, name) : NULL;
    if (!def && parent)
        def = pose_library_own(parent, name);
    return def;
}

const char *pose_library_suggest(const pose_library *lib, const pose_library *parent,
                                 const char *name)
{
    /* The closest of both libraries, not the first library's closest. */
    const char *own = lib ? spell_closest_in(name, lib->defs, lib->count, sizeof(pose_def),
                                             offsetof(pose_def, name))
                          : NULL;
    const char *shared = parent ? spell_closest_in(name, parent->defs, parent->count,
                                                   sizeof(pose_def), offsetof(pose_def, name))
                                : NULL;
    if (!own || !shared)
        return own ? own : shared;
    return spell_distance(name, shared, 8) < spell_distance(name, own, 8) ? shared : own;
}

/* Pose names follow the routine id rules: lower-case letters, digits and single dashes. */
static bool pose_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > POSE_NAME_MAX || name[0] == '-' || name[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && name[i + 1] == '-'))
            return false;
    }
    return true;
}

static bool pose_parse_one(pose_def *def, yaml_doc *doc, yaml_node_t *key, yaml_node_t *value)
{
    static const char *known[POSE_NAME_COUNT + 4];
    if (!known[0]) {
        known[0] = "base";
        known[1] = "view";
        known[2] = "chair";
        for (int j = 0; j < POSE_NAME_COUNT; j++)
            known[3 + j] = pose_name_of(j);
        known[3 + POSE_NAME_COUNT] = NULL;
    }
    char where[96];
    snprintf(where, sizeof where, "pose '%s'", def->name);
    /* "name: {}" or "name:" with nothing is the neutral pose. */
    if (ydoc_is_null(value))
        return true;
    if (!ydoc_expect_map(doc, value, where))
        return false;
    bool ok = ydoc_check_keys(doc, value, known, where);
    size_t n = ydoc_map_size(value);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        if (!ydoc_map_pair(doc, value, i, &k, &v))
            return false;
        const char *name = ydoc_scalar(k);
        if (!name)
            continue;
        if (!strcmp(name, "base")) {
            char *base = NULL;
            if (ydoc_get_string(doc, v, "base", POSE_NAME_MAX, &base)) {
                free(def->base);
                def->base = base;
                def->base_line = ydoc_line(v);
                def->base_col = ydoc_col(v);
            } else {
                ok = false;
            }
        } else if (!strcmp(name, "view")) {
            static const char *const views[] = {"front", "side", "three-quarter", NULL};
            int view;
            if (ydoc_get_enum(doc, v, "view", views, &view))
                def->view = view;
            else
                ok = false;
        } else if (!strcmp(name, "chair")) {
            bool chair;
            if (ydoc_get_bool(doc, v, "chair", &chair))
                def->chair = chair;
            else
                ok = false;
        } else {
            for (int j = 0; j < POSE_NAME_COUNT; j++) {
                if (strcmp(name, pose_name_of(j)))
                    continue;
                double degrees;
                if (ydoc_get_number(doc, v, name, pose_name_min(j), pose_name_max(j), &degrees)) {
                    def->angle_deg[j] = (float)degrees;
                    def->joints_set |= (uint64_t)1 << j;
                } else {
                    ok = false;
                }
            }
        }
    }
    (void)key;
    return ok;
}

static pose_def *pose_library_push(pose_library *lib)
{
    pose_def *grown = array_grow(lib->defs, &lib->capacity, lib->count + 1, sizeof *grown);
    if (!grown)
        return NULL;
    lib->defs = grown;
    pose_def *def = &lib->defs[lib->count];
    memset(def, 0, sizeof *def);
    def->view = -1;
    def->chair = -1;
    return def;
}

bool pose_library_parse(pose_library *lib, yaml_doc *doc, yaml_node_t *map)
{
    if (!ydoc_expect_map(doc, map, "'poses'"))
        return false;
    bool ok = true;
    size_t n = ydoc_map_size(map);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        if (!ydoc_map_pair(doc, map, i, &k, &v))
            return false;
        const char *name = ydoc_scalar(k);
        if (!name || !pose_name_valid(name)) {
            char shown[64];
            ydoc_describe(k, shown, sizeof shown);
            ydoc_error(doc, k,
                       "pose name %s must be lower-case letters, digits and single dashes "
                       "(like 'arms-up'), at most %d characters",
                       shown, POSE_NAME_MAX);
            ok = false;
            continue;
        }
        const pose_def *twin = pose_library_own(lib, name);
        if (twin) {
            ydoc_error(doc, k, "pose '%s' is defined twice (first at %s:%d:%d)", name, twin->file,
                       twin->line, twin->col);
            ok = false;
            continue;
        }
        if (lib->count >= POSE_MAX_PER_LIBRARY) {
            ydoc_error(doc, k, "more than %d poses; that is far more than a figure needs",
                       POSE_MAX_PER_LIBRARY);
            return false;
        }
        pose_def *def = pose_library_push(lib);
        if (!def) {
            ydoc_error(doc, k, "ran out of memory");
            return false;
        }
        def->name = strdup(name);
        def->file = strdup(doc->path);
        def->line = ydoc_line(k);
        def->col = ydoc_col(k);
        if (!def->name || !def->file) {
            free(def->name);
            free(def->file);
            ydoc_error(doc, k, "ran out of memory");
            return false;
        }
        lib->count++;
        if (!pose_parse_one(def, doc, k, v)) {
            def->broken = true;
            ok = false;
        }
    }
    return ok;
}

/* Writes def's angles into value, whose view is already def's own: names read in the picture go
 * to the joint they mean in that view, an arm or thigh raised without its plane is raised in the
 * picture's plane, then names that mean one thing everywhere. */
static void pose_apply_names(const pose_def *def, pose *value)
{
    static const struct {
        pose_joint raise, plane;
    } limbs[] = {{POSE_LEFT_ARM, POSE_LEFT_ARM_PLANE},
                 {POSE_RIGHT_ARM, POSE_RIGHT_ARM_PLANE},
                 {POSE_LEFT_HIP, POSE_LEFT_HIP_PLANE},
                 {POSE_RIGHT_HIP, POSE_RIGHT_HIP_PLANE}};
    bool side = value->view == POSE_VIEW_SIDE;
    for (int j = 0; j < POSE_JOINT_COUNT; j++) {
        if (!(def->joints_set & ((uint64_t)1 << j)))
            continue;
        pose_joint to = pose_joint_in_view((pose_joint)j, value->view);
        float degrees = def->angle_deg[j];
        /* In a front picture 'body' leaned to the figure's right; body-side leans left. */
        value->angle_deg[to] = to == POSE_BODY_SIDE ? -degrees : degrees;
    }
    for (size_t i = 0; i < sizeof limbs / sizeof limbs[0]; i++) {
        uint64_t raise = (uint64_t)1 << limbs[i].raise, plane = (uint64_t)1 << limbs[i].plane;
        if ((def->joints_set & raise) && !(def->joints_set & plane))
            value->angle_deg[limbs[i].plane] = side ? 90.0f : 0.0f;
    }
    for (int j = POSE_JOINT_COUNT; j < POSE_NAME_COUNT; j++)
        if (def->joints_set & ((uint64_t)1 << j))
            value->angle_deg[pose_name_joint(j)] = def->angle_deg[j];
}

typedef enum { POSE_UNSEEN, POSE_IN_PROGRESS, POSE_DONE } pose_state;

/* Resolves lib->defs[index] after its base; state marks the chain in progress to catch loops. */
static bool pose_resolve_one(pose_library *lib, const pose_library *parent, size_t index,
                             pose_state *state, int depth, int *suggestions_left, diag_list *diag)
{
    pose_def *def = &lib->defs[index];
    if (state[index] == POSE_DONE || def->broken)
        return def->resolved;
    if (state[index] == POSE_IN_PROGRESS || depth > POSE_MAX_CHAIN) {
        diag_error(diag, def->file, def->base_line, def->base_col,
                   "pose '%s' is based, through its bases, on itself", def->name);
        return false;
    }
    state[index] = POSE_IN_PROGRESS;
    pose value;
    bool ok = true;
    if (!def->base) {
        pose_neutral(&value);
    } else {
        pose_def *own = pose_library_own(lib, def->base);
        const pose_def *shared = parent ? pose_library_own(parent, def->base) : NULL;
        if (own == def && shared)
            own = NULL; /* 'standing: {base: standing}' refines the shared one it shadows */
        if (own) {
            ok = pose_resolve_one(lib, parent, (size_t)(own - lib->defs), state, depth + 1,
                                  suggestions_left, diag);
            if (ok)
                value = own->value;
        } else if (shared && shared->resolved) {
            value = shared->value;
        } else if (shared) {
            ok = false; /* its own error was reported where it was loaded */
        } else {
            /* "Did you mean" is costly; a hostile file must not make it run thousands of times. */
            const char *close =
                (*suggestions_left)-- > 0 ? pose_library_suggest(lib, parent, def->base) : NULL;
            if (close)
                diag_error(diag, def->file, def->base_line, def->base_col,
                           "pose '%s' is based on '%s', which is not a known pose; did you mean "
                           "'%s'?",
                           def->name, def->base, close);
            else
                diag_error(diag, def->file, def->base_line, def->base_col,
                           "pose '%s' is based on '%s', which is not a known pose", def->name,
                           def->base);
            ok = false;
        }
    }
    if (ok) {
        if (def->view >= 0) {
            value.view = (pose_view)def->view;
            value.view_turn_deg = pose_view_turn_deg(value.view);
        }
        if (def->chair >= 0)
            value.chair = def->chair;
        pose_apply_names(def, &value);
        def->value = value;
        def->resolved = true;
    }
    state[index] = POSE_DONE;
    return ok;
}

bool pose_library_resolve(pose_library *lib, const pose_library *parent, diag_list *diag)
{
    bool ok = true;
    if (parent) {
        for (size_t i = 0; i < lib->count; i++) {
            /* A routine's own pose shadows a shared one of the same name: a note, not an error,
             * so a pose added to the shared library never breaks a clinic's file on upgrade. */
            const pose_def *clash = pose_library_own(parent, lib->defs[i].name);
            if (clash)
                diag_note(diag, lib->defs[i].file, lib->defs[i].line, lib->defs[i].col,
                          "pose '%s' is also in the shared pose library (%s:%d:%d); this "
                          "routine uses its own",
                          lib->defs[i].name, clash->file, clash->line, clash->col);
        }
    }
    if (lib->count == 0)
        return ok;
    pose_state *state = calloc(lib->count, sizeof *state);
    if (!state) {
        diag_error(diag, "", 0, 0, "ran out of memory resolving poses");
        return false;
    }
    int suggestions_left = 50;
    for (size_t i = 0; i < lib->count; i++)
        if (!pose_resolve_one(lib, parent, i, state, 0, &suggestions_left, diag))
            ok = false;
    free(state);
    return ok;
}

static bool pose_load_file(pose_library *lib, const char *path, diag_list *diag)
{
    yaml_doc doc;
    bool ok = yaml_doc_load_file(&doc, path, NULL, diag);
    if (ok) {
        yaml_node_t *root = ydoc_root(&doc);
        static const char *const known[] = {"format", "poses", NULL};
        ok = ydoc_expect_map(&doc, root, "a pose file") &&
             ydoc_check_keys(&doc, root, known, "a pose file");
        yaml_node_t *format = ok ? ydoc_get(&doc, root, "format") : NULL;
        long version = 1;
        if (format && !ydoc_get_int(&doc, format, "format", 1, 1, &version))
            ok = false;
        yaml_node_t *poses = ok ? ydoc_get(&doc, root, "poses") : NULL;
        if (ok && !poses) {
            ydoc_error(&doc, root, "a pose file needs a 'poses' map");
            ok = false;
        }
        if (ok)
            ok = pose_library_parse(lib, &doc, poses);
        yaml_doc_free(&doc);
    }
    return ok;
}

static bool pose_load_one(void *lib, const char *path, diag_list *diag)
{
    return pose_load_file(lib, path, diag);
}

bool pose_library_load_dir(pose_library *lib, const char *dir, diag_list *diag)
{
    bool ok = source_file_load_yaml(dir, pose_load_one, lib, diag);
    if (!pose_library_resolve(lib, NULL, diag))
        ok = false;
    return ok;
}
