#include "instance_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source_file.h"

int instance_lock_take(const char *data_dir, char *message, size_t size)
{
    int made = source_file_make_folder(data_dir);
    if (made) {
        snprintf(message, size,
                 "cannot make the data folder %s: %s; create it, writable for the user running "
                 "Ease",
                 data_dir, strerror(made));
        return INSTANCE_LOCK_UNAVAILABLE;
    }
    char *path = source_file_join(data_dir, "ease.lock");
    if (!path) {
        snprintf(message, size, "out of memory");
        return INSTANCE_LOCK_UNAVAILABLE;
    }
    /* Held read-only: a descriptor open for writing would keep the folder's file system from
     * being remounted read-only (EBUSY), which the records must survive. */
    int fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    struct stat info;
    if (fd >= 0 && (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))) {
        close(fd);
        fd = -1;
        errno = EINVAL;
    }
    if (fd < 0) {
        snprintf(message, size,
                 "cannot use the lock file %s: %s; make the data folder writable for the user "
                 "running Ease (and remove anything but a file by that name)",
                 path, strerror(errno));
        free(path);
        return INSTANCE_LOCK_UNAVAILABLE;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        char who[48] = "";
        if (pid[0])
            snprintf(who, sizeof who, " (process %.20s)", pid);
        snprintf(message, size,
                 "another Ease kiosk%s is already running with the data folder %s; only one "
                 "kiosk may keep one folder's records, so this one stops (give it another "
                 "folder with --data, or stop the other first)",
                 who, data_dir);
        close(fd);
        free(path);
        return INSTANCE_LOCK_HELD_BY_ANOTHER;
    }
    /* The holder's process id, for the message a second start gives (written through a second
     * descriptor, closed at once). */
    int writer = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (writer >= 0) {
        char pid[32];
        int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
        if (write(writer, pid, (size_t)len) != len) {
            /* Only the message of a second start is poorer; the lock itself holds. */
        }
        close(writer);
    }
    free(path);
    return fd;
}
