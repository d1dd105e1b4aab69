/* libFuzzer target: any bytes as a shared pose file (format, poses, base chains), loaded the way
 * the kiosk loads assets/poses: from a folder, then resolved. Each pose that loads is then looked
 * up by name and blended with the neutral pose, as the figure does. Everything is freed. */
#include "fuzz_scratch.h"
#include "pose.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_scratch_init("poses.yaml");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_scratch_write(data, size))
        return 0;
    pose_library lib;
    pose_library_init(&lib);
    diag_list diag;
    diag_init(&diag);
    pose_library_load_dir(&lib, fuzz_scratch_dir, &diag);
    pose neutral, out;
    pose_neutral(&neutral);
    for (size_t i = 0; i < lib.count; i++) {
        const pose_def *def = pose_library_find(&lib, NULL, lib.defs[i].name);
        if (def && def->resolved)
            pose_blend(&neutral, &def->value, 0.5, &out);
    }
    pose_library_free(&lib);
    diag_free(&diag);
    return 0;
}
