#include "pose_parse.h"
#include "test_support.h"

#include "yaml_doc.h"

static bool parse_poses(pose_library *lib, const char *yaml, diag_list *diag)
{
    yaml_doc doc;
    if (!yaml_doc_load(&doc, "p.yaml", (const unsigned char *)yaml, strlen(yaml), NULL, diag))
        return false;
    bool ok = pose_library_parse(lib, &doc, ydoc_root(&doc));
    yaml_doc_free(&doc);
    return ok;
}

static void builds_poses_on_their_bases(void **state)
{
    pose_library lib;
    pose_library_init(&lib);
    diag_list diag;
    diag_init(&diag);
    assert_true(parse_poses(&lib,
                            "arms-up: {base: standing, left-arm: 170, right-arm: 170}\n"
                            "standing: {view: front}\n"
                            "one-down: {base: arms-up, right-arm: 0, chair: true}\n",
                            &diag));
    assert_true(pose_library_resolve(&lib, NULL, &diag));
    const pose_def *down = pose_library_find(&lib, NULL, "one-down");
    assert_non_null(down);
    assert_true(down->resolved);
    assert_float_equal(down->value.angle_deg[POSE_LEFT_ARM], 170, 0.001);
    assert_float_equal(down->value.angle_deg[POSE_RIGHT_ARM], 0, 0.001);
    assert_true(down->value.chair);
    assert_int_equal(down->value.view, POSE_VIEW_FRONT);
    pose_library_free(&lib);
    diag_free(&diag);
}

static void reports_loops_unknown_bases_and_ranges(void **state)
{
    pose_library lib;
    pose_library_init(&lib);
    diag_list diag;
    diag_init(&diag);
    assert_false(parse_poses(&lib,
                             "a: {base: b}\n"
                             "b: {base: a}\n"
                             "c: {base: standin}\n"
                             "standing: {}\n"
                             "d: {left-arm: 200}\n"
                             "e: {left-elbo: 10}\n"
                             "Bad_Name: {}\n",
                             &diag));
    assert_false(pose_library_resolve(&lib, NULL, &diag));
    assert_diag(&diag, 0, 0, "is based, through its bases, on itself");
    assert_diag(&diag, 3, 11,
                "based on 'standin', which is not a known pose; did you mean "
                "'standing'?");
    assert_diag(&diag, 5, 15, "'left-arm' must be a number from -60 to 180, got \"200\"");
    assert_diag(&diag, 6, 5, "did you mean 'left-elbow'?");
    assert_diag(&diag, 7, 1, "pose name \"Bad_Name\" must be lower-case");
    pose_library_free(&lib);
    diag_free(&diag);
}

static void a_routine_pose_shadows_a_shared_one_with_a_note(void **state)
{
    pose_library shared, own;
    pose_library_init(&shared);
    pose_library_init(&own);
    diag_list diag;
    diag_init(&diag);
    assert_true(parse_poses(&shared, "standing: {}\n", &diag));
    assert_true(pose_library_resolve(&shared, NULL, &diag));
    assert_true(
        parse_poses(&own, "standing: {left-arm: 10}\nlean: {base: standing, torso: 10}\n", &diag));
    assert_true(pose_library_resolve(&own, &shared, &diag));
    assert_int_equal(diag.errors, 0);
    assert_int_equal(diag.count, 1);
    assert_int_equal(diag.entries[0].severity, DIAG_NOTE);
    assert_diag(&diag, 1, 1, "also in the shared pose library");
    /* The routine's own wins, and poses based on the name get the routine's own. */
    const pose_def *lean = pose_library_find(&own, &shared, "lean");
    assert_non_null(lean);
    assert_float_equal(lean->value.angle_deg[POSE_LEFT_ARM], 10, 0.01);
    pose_library_free(&shared);
    pose_library_free(&own);
    diag_free(&diag);
}

static void blends_smoothly(void **state)
{
    pose a, b, mid;
    pose_neutral(&a);
    pose_neutral(&b);
    b.angle_deg[POSE_LEFT_ARM] = 90;
    b.chair = true;
    pose_blend(&a, &b, 0.25, &mid);
    assert_float_equal(mid.angle_deg[POSE_LEFT_ARM], 22.5, 0.001);
    assert_false(mid.chair);
    pose_blend(&a, &b, 0.75, &mid);
    assert_true(mid.chair);
    pose_blend(&a, &b, 7.0, &mid); /* clamped */
    assert_float_equal(mid.angle_deg[POSE_LEFT_ARM], 90, 0.001);
    /* From front to side view: the angles blend and the figure turns; the view's name
     * switches half-way. */
    b.view = POSE_VIEW_SIDE;
    b.view_turn_deg = pose_view_turn_deg(POSE_VIEW_SIDE);
    pose_blend(&a, &b, 0.25, &mid);
    assert_int_equal(mid.view, POSE_VIEW_FRONT);
    assert_float_equal(mid.angle_deg[POSE_LEFT_ARM], 22.5, 0.001);
    assert_float_equal(mid.view_turn_deg, 22.5, 0.001);
    pose_blend(&a, &b, 0.75, &mid);
    assert_int_equal(mid.view, POSE_VIEW_SIDE);
    assert_float_equal(mid.view_turn_deg, 67.5, 0.001);
    /* Raising a hanging arm goes straight to its plane: a hanging arm's plane counts for
     * nothing, so the arm does not swing out to the side and round. */
    pose hanging, ahead;
    pose_neutral(&hanging);
    pose_neutral(&ahead);
    ahead.angle_deg[POSE_LEFT_ARM] = 80;
    ahead.angle_deg[POSE_LEFT_ARM_PLANE] = 140;
    pose_blend(&hanging, &ahead, 0.1, &mid);
    assert_float_equal(mid.angle_deg[POSE_LEFT_ARM_PLANE], 140, 0.001);
    assert_float_equal(pose_ease(0), 0, 1e-9);
    assert_float_equal(pose_ease(0.5), 0.5, 1e-9);
    assert_float_equal(pose_ease(1), 1, 1e-9);
    assert_true(pose_ease(0.1) < 0.1); /* starts gently */
}

/* 'torso', 'neck' and 'body' mean what the picture shows; arms and thighs rise in the picture's
 * plane unless their plane is given; the other names mean the same in every view. */
static void reads_picture_names_by_view(void **state)
{
    pose_library lib;
    pose_library_init(&lib);
    diag_list diag;
    diag_init(&diag);
    assert_true(parse_poses(&lib,
                            "front: {view: front, torso: 10, neck: 5, left-arm: 90}\n"
                            "side: {view: side, torso: 10, neck: 5, left-arm: 90}\n"
                            "quarter: {view: three-quarter, neck-nod: 7, torso-turn: 20,\n"
                            "          right-arm: 60, right-arm-plane: 135, left-hand: 100}\n"
                            "turned: {base: side, view: front}\n",
                            &diag));
    assert_true(pose_library_resolve(&lib, NULL, &diag));
    const pose *front = &pose_library_find(&lib, NULL, "front")->value;
    assert_float_equal(front->angle_deg[POSE_TORSO_SIDE], 10, 0.001);
    assert_float_equal(front->angle_deg[POSE_TORSO], 0, 0.001);
    assert_float_equal(front->angle_deg[POSE_NECK_TILT], 5, 0.001);
    assert_float_equal(front->angle_deg[POSE_LEFT_ARM_PLANE], 0, 0.001);
    const pose *side = &pose_library_find(&lib, NULL, "side")->value;
    assert_float_equal(side->angle_deg[POSE_TORSO], 10, 0.001);
    assert_float_equal(side->angle_deg[POSE_NECK], 5, 0.001);
    assert_float_equal(side->angle_deg[POSE_LEFT_ARM_PLANE], 90, 0.001);
    assert_float_equal(side->view_turn_deg, 90, 0.001);
    const pose *quarter = &pose_library_find(&lib, NULL, "quarter")->value;
    assert_int_equal(quarter->view, POSE_VIEW_THREE_QUARTER);
    assert_float_equal(quarter->view_turn_deg, 45, 0.001);
    assert_float_equal(quarter->angle_deg[POSE_NECK], 7, 0.001);
    assert_float_equal(quarter->angle_deg[POSE_TORSO_TURN], 20, 0.001);
    assert_float_equal(quarter->angle_deg[POSE_RIGHT_ARM_PLANE], 135, 0.001);
    assert_float_equal(quarter->angle_deg[POSE_LEFT_HAND], 100, 0.001);
    /* Turning a side pose to the front keeps what it means: the arm still rises ahead. */
    const pose *turned = &pose_library_find(&lib, NULL, "turned")->value;
    assert_int_equal(turned->view, POSE_VIEW_FRONT);
    assert_float_equal(turned->angle_deg[POSE_TORSO], 10, 0.001);
    assert_float_equal(turned->angle_deg[POSE_LEFT_ARM_PLANE], 90, 0.001);
    pose_library_free(&lib);
    diag_free(&diag);
}

static void loads_the_bundled_library(void **state)
{
    pose_library lib;
    pose_library_init(&lib);
    diag_list diag;
    diag_init(&diag);
    bool ok = pose_library_load_dir(&lib, EASE_SOURCE_DIR "/assets/poses", &diag);
    if (!ok)
        test_diag_dump(&diag);
    assert_true(ok);
    assert_non_null(pose_library_find(&lib, NULL, "standing"));
    assert_non_null(pose_library_find(&lib, NULL, "seated"));
    for (size_t i = 0; i < lib.count; i++)
        assert_true(lib.defs[i].resolved);
    pose_library_free(&lib);
    diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builds_poses_on_their_bases),
        cmocka_unit_test(reports_loops_unknown_bases_and_ranges),
        cmocka_unit_test(a_routine_pose_shadows_a_shared_one_with_a_note),
        cmocka_unit_test(blends_smoothly),
        cmocka_unit_test(reads_picture_names_by_view),
        cmocka_unit_test(loads_the_bundled_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
