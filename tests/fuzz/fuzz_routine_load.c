/* libFuzzer target: any bytes as a routine file, through everything `ease check` and the player
 * do with one.
 *
 * 1. routine_load_buffer; when the routine loads, routine_check, then plan_compile at every level.
 * 2. The same bytes through the path `ease check` takes: routine_load_file_partial, which hands
 *    the checker a routine even when it has errors, then routine_check on that partial routine.
 *
 * The checks run twice: with no shared poses (options {NULL, NULL}, as a bare routine), and with
 * the bundled shared pose library (EASE_FUZZ_POSES_DIR, set by CMake; the environment variable of
 * the same name overrides it), so that routines using 'seated' or 'standing' get as far as
 * plan_compile. Everything is freed: the fuzzer runs with -detect_leaks=1. The scratch file for
 * step 2 lives in $TMPDIR (run_fuzz.sh points it into the build folder). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "plan.h"
#include "pose.h"
#include "routine.h"
#include "routine_check.h"
#include "routine_load.h"

#ifndef EASE_FUZZ_POSES_DIR
#define EASE_FUZZ_POSES_DIR ""
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pose_library shared_poses;
static bool shared_ok;
static char scratch_path[4096];
static int scratch_fd = -1;

static void fuzz_cleanup(void)
{
    if (scratch_fd >= 0) {
        close(scratch_fd);
        unlink(scratch_path);
    }
    pose_library_free(&shared_poses);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    pose_library_init(&shared_poses);
    const char *dir = getenv("EASE_FUZZ_POSES_DIR");
    if (!dir || !*dir)
        dir = EASE_FUZZ_POSES_DIR;
    if (*dir) {
        diag_list diag;
        diag_init(&diag);
        shared_ok = pose_library_load_dir(&shared_poses, dir, &diag);
        if (!shared_ok)
            fprintf(stderr,
                    "fuzz_routine_load: shared poses in %s did not load; checking "
                    "without them\n",
                    dir);
        diag_free(&diag);
    }
    /* One scratch file per fuzzing process for the file path of `ease check`. */
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(scratch_path, sizeof scratch_path, "%s/ease-fuzz-XXXXXX",
                     tmp && *tmp ? tmp : "/tmp");
    if (n > 0 && (size_t)n < sizeof scratch_path)
        scratch_fd = mkstemp(scratch_path);
    if (scratch_fd < 0)
        fprintf(stderr, "fuzz_routine_load: no scratch file; skipping the file path\n");
    atexit(fuzz_cleanup);
    return 0;
}

static void check_and_plan(routine *r, const pose_library *shared, bool plan_it)
{
    diag_list diag;
    diag_init(&diag);
    routine_check_options options = {.shared_poses = shared, .library_root = NULL};
    bool ok = routine_check(r, &options, &diag);
    if (ok && plan_it) {
        for (int level = 1; level <= r->levels; level++) {
            plan *p = NULL;
            if (plan_compile(r, shared, level, &p, &diag))
                plan_free(p);
        }
    }
    diag_free(&diag);
}

static bool write_scratch(const uint8_t *data, size_t size)
{
    if (scratch_fd < 0 || ftruncate(scratch_fd, 0) != 0)
        return false;
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(scratch_fd, data + done, size - done, (off_t)done);
        if (n <= 0)
            return false;
        done += (size_t)n;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pose_library *shared = shared_ok ? &shared_poses : NULL;

    /* Each routine is loaded anew for each check: routine_check resolves its poses in place. */
    for (int pass = 0; pass < 2; pass++) {
        diag_list diag;
        diag_init(&diag);
        routine *r = NULL;
        if (routine_load_buffer("fuzz.yaml", data, size, &r, &diag)) {
            check_and_plan(r, pass == 0 ? NULL : shared, true);
            routine_free(r);
        }
        diag_free(&diag);
        if (!shared)
            break;
    }

    if (write_scratch(data, size)) {
        diag_list diag;
        diag_init(&diag);
        routine *r = NULL;
        routine_load_file_partial(scratch_path, &r, &diag);
        if (r) {
            /* Only a complete routine that passed its checks may be planned. */
            check_and_plan(r, shared, r->complete);
            routine_free(r);
        }
        diag_free(&diag);
    }
    return 0;
}
