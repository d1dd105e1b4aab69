/* The fuzz targets' scratch folder: each input is written as one file in a private folder under
 * $TMPDIR (run_fuzz.sh points it into the build folder), since the loaders under test read files
 * and folders as the kiosk does. Removed at exit. */
#ifndef EASE_FUZZ_SCRATCH_H
#define EASE_FUZZ_SCRATCH_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_scratch_dir[4096], fuzz_scratch_file[4200];

static void fuzz_scratch_cleanup(void)
{
    if (fuzz_scratch_file[0])
        unlink(fuzz_scratch_file);
    if (fuzz_scratch_dir[0])
        rmdir(fuzz_scratch_dir);
}

/* Makes the folder and names the file in it (name: "kiosk.yaml", "poses.yaml"...). */
static bool fuzz_scratch_init(const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_scratch_dir, sizeof fuzz_scratch_dir, "%s/ease-fuzz-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(fuzz_scratch_dir)) {
        fuzz_scratch_dir[0] = '\0';
        fprintf(stderr, "fuzz: no scratch folder under %s\n", tmp && *tmp ? tmp : "/tmp");
        return false;
    }
    snprintf(fuzz_scratch_file, sizeof fuzz_scratch_file, "%s/%s", fuzz_scratch_dir, name);
    atexit(fuzz_scratch_cleanup);
    return true;
}

/* Writes the input as the whole scratch file. */
static bool fuzz_scratch_write(const uint8_t *data, size_t size)
{
    if (!fuzz_scratch_dir[0])
        return false;
    int fd = open(fuzz_scratch_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    close(fd);
    return done == size;
}

#endif
