#include "source_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"

/* What a file that is not a regular file is, in words a technician recognises. */
const char *source_file_kind(unsigned mode)
{
    static const struct {
        mode_t type;
        const char *name;
    } kinds[] = {
        {S_IFDIR, "a folder"}, {S_IFIFO, "a named pipe (FIFO)"}, {S_IFSOCK, "a socket"},
        {S_IFCHR, "a device"}, {S_IFBLK, "a block device"},      {S_IFLNK, "a link"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if ((mode & S_IFMT) == kinds[i].type)
            return kinds[i].name;
    return "not a regular file";
}

int source_file_open_regular(const char *path, diag_list *diag)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. The check
     * is on the opened descriptor, so nothing can be swapped in between. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        diag_error(diag, path, 0, 0, "cannot open the file: %s", strerror(errno));
        return -1;
    }
    struct stat info;
    if (fstat(fd, &info) != 0) {
        diag_error(diag, path, 0, 0, "cannot read the file: %s", strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(info.st_mode)) {
        diag_error(diag, path, 0, 0,
                   "is %s, not a file; Ease reads only regular files: put the file itself here",
                   source_file_kind(info.st_mode));
        close(fd);
        return -1;
    }
    return fd;
}

bool source_file_is_regular(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

bool source_file_read(const char *path, size_t max_bytes, unsigned char **out_data,
                      size_t *out_size, diag_list *diag)
{
    int fd = source_file_open_regular(path, diag);
    if (fd < 0)
        return false;
    struct stat info;
    if (fstat(fd, &info) == 0 && (uint64_t)info.st_size > max_bytes) {
        diag_error(diag, path, 1, 1, "the file is %lld bytes, more than the %zu allowed",
                   (long long)info.st_size, max_bytes);
        close(fd);
        return false;
    }
    /* Read at most one byte past the limit: a file that grows while read is still bounded. */
    size_t capacity = (size_t)info.st_size + 1, size = 0;
    if (capacity > max_bytes + 1)
        capacity = max_bytes + 1;
    unsigned char *data = malloc(capacity + 1);
    bool ok = data != NULL;
    if (!ok)
        diag_error(diag, path, 0, 0, "ran out of memory reading the file");
    while (ok && size < capacity) {
        ssize_t n = read(fd, data + size, capacity - size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            diag_error(diag, path, 0, 0, "cannot read the file: %s", strerror(errno));
            ok = false;
        } else if (n == 0) {
            break;
        } else {
            size += (size_t)n;
        }
    }
    close(fd);
    if (ok && size > max_bytes) {
        diag_error(diag, path, 1, 1, "the file is larger than the %zu bytes allowed", max_bytes);
        ok = false;
    }
    if (!ok) {
        free(data);
        return false;
    }
    data[size] = '\0';
    *out_data = data;
    *out_size = size;
    return true;
}

void source_file_list_free(source_file_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    list->paths = NULL;
    list->count = list->capacity = 0;
}

static bool source_file_push(source_file_list *list, char *path)
{
    char **grown = array_grow(list->paths, &list->capacity, list->count + 1, sizeof *grown);
    if (!grown)
        return false;
    list->paths = grown;
    list->paths[list->count++] = path;
    return true;
}

bool source_file_is_yaml(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

char *source_file_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *path = NULL;
    if (asprintf(&path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name) < 0)
        return NULL;
    return path;
}

/* One walk: where it started (resolved), the folders already entered, and its bounds. */
typedef struct {
    source_file_list *files, *folders; /* either may be NULL */
    const char *root_real;
    struct {
        dev_t dev;
        ino_t ino;
    } seen[SOURCE_FILE_MAX_FOLDERS];
    size_t seen_count;
    size_t entries;
    bool said_depth, said_files, said_folders, said_entries;
    diag_list *diag;
    const char *root; /* as given, for messages */
} source_file_walker;

bool source_file_inside(const char *root_real, const char *path_real)
{
    size_t n = strlen(root_real);
    if (!strcmp(root_real, "/"))
        return true;
    return !strncmp(root_real, path_real, n) && (path_real[n] == '/' || path_real[n] == '\0');
}

bool source_file_is_system_folder(const char *real)
{
    /* Never anything inside these (kernel and device files, sockets). */
    static const char *const under[] = {"/proc", "/sys", "/dev", "/run"};
    /* Nor these whole trees: their YAML files are the system's (a network file with a password
     * in /etc), never routines. A routine folder inside them (/etc/ease/routines,
     * /usr/share/ease/routines) is fine. */
    static const char *const whole[] = {"/",     "/etc", "/usr",   "/var", "/home",  "/root",
                                        "/boot", "/bin", "/sbin",  "/lib", "/lib64", "/opt",
                                        "/srv",  "/mnt", "/media", "/tmp"};
    for (size_t i = 0; i < sizeof under / sizeof *under; i++)
        if (source_file_inside(under[i], real))
            return true;
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        if (!strcmp(real, whole[i]))
            return true;
    return false;
}

/* A bound of the walk reached: warned about once per walk (*said), at where. */
__attribute__((format(printf, 4, 5))) static void
source_file_bound(source_file_walker *w, bool *said, const char *where, const char *format, ...)
{
    if (!*said) {
        char message[256];
        va_list args;
        va_start(args, format);
        vsnprintf(message, sizeof message, format, args);
        va_end(args);
        diag_warning(w->diag, where, 0, 0, "%s", message);
    }
    *said = true;
}

/* True the first time a folder (by device and inode) is entered: a link back up the tree, or two
 * links to one folder, are walked once. */
static bool source_file_first_visit(source_file_walker *w, const struct stat *info)
{
    for (size_t i = 0; i < w->seen_count; i++)
        if (w->seen[i].dev == info->st_dev && w->seen[i].ino == info->st_ino)
            return false;
    if (w->seen_count == SOURCE_FILE_MAX_FOLDERS) {
        source_file_bound(w, &w->said_folders, w->root,
                          "more than %d folders under this routine folder; the rest are skipped",
                          SOURCE_FILE_MAX_FOLDERS);
        return false;
    }
    w->seen[w->seen_count].dev = info->st_dev;
    w->seen[w->seen_count].ino = info->st_ino;
    w->seen_count++;
    return true;
}

static bool source_file_walk(source_file_walker *w, const char *dir, int depth)
{
    DIR *folder = opendir(dir);
    if (!folder) {
        diag_error(w->diag, dir, 0, 0, "cannot open the folder: %s", strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *entry;
    while (ok && (entry = readdir(folder))) {
        if (entry->d_name[0] == '.')
            continue;
        if (++w->entries > SOURCE_FILE_MAX_ENTRIES) {
            source_file_bound(w, &w->said_entries, w->root,
                              "more than %d entries under this routine folder; the rest are "
                              "skipped (is it the right folder?)",
                              SOURCE_FILE_MAX_ENTRIES);
            break;
        }
        char *path = source_file_join(dir, entry->d_name);
        if (!path) {
            ok = false;
            break;
        }
        struct stat info;
        if (lstat(path, &info) != 0) {
            free(path);
            continue;
        }
        if (S_ISLNK(info.st_mode)) {
            /* A link is followed only where it stays inside the library; one leading out is
             * never read, so no line of a system file can reach an error message. */
            char *real = realpath(path, NULL);
            bool found = real && stat(real, &info) == 0;
            bool inside = found && source_file_inside(w->root_real, real);
            free(real);
            if (found && !inside && S_ISDIR(info.st_mode))
                diag_warning(w->diag, path, 0, 0,
                             "is a link to a folder outside the routine library; it is skipped");
            else if (found && !inside && source_file_is_yaml(entry->d_name))
                diag_error(w->diag, path, 0, 0,
                           "is a link that leads out of the routine library; it is not read "
                           "(copy the file in instead)");
            if (!inside) {
                free(path);
                continue; /* dangling, or out of the library */
            }
        }
        if (S_ISDIR(info.st_mode)) {
            if (depth >= SOURCE_FILE_MAX_DEPTH) {
                source_file_bound(w, &w->said_depth, path,
                                  "is more than %d folders deep; folders this deep are skipped",
                                  SOURCE_FILE_MAX_DEPTH);
            } else if (source_file_first_visit(w, &info)) {
                if (w->folders && !source_file_push(w->folders, strdup(path)))
                    ok = false;
                ok = ok && source_file_walk(w, path, depth + 1);
            }
            free(path);
        } else if (w->files && S_ISREG(info.st_mode) && source_file_is_yaml(entry->d_name)) {
            if (w->files->count >= SOURCE_FILE_MAX_FILES) {
                source_file_bound(w, &w->said_files, w->root,
                                  "more than %d routine files under this folder; the rest are "
                                  "skipped",
                                  SOURCE_FILE_MAX_FILES);
                free(path);
            } else if (!source_file_push(w->files, path)) {
                free(path);
                ok = false;
            }
        } else {
            if (source_file_is_yaml(entry->d_name) && w->files)
                diag_warning(w->diag, path, 0, 0, "is %s, not a file; it is skipped",
                             source_file_kind(info.st_mode));
            free(path);
        }
    }
    closedir(folder);
    return ok;
}

static int source_file_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void source_file_sort_from(source_file_list *list, size_t first)
{
    if (list && list->count - first > 1)
        qsort(list->paths + first, list->count - first, sizeof *list->paths, source_file_compare);
}

bool source_file_list_tree(source_file_list *files, source_file_list *folders, const char *dir,
                           diag_list *diag)
{
    char *root_real = realpath(dir, NULL);
    if (!root_real) {
        diag_error(diag, dir, 0, 0, "cannot open the folder: %s", strerror(errno));
        return false;
    }
    if (source_file_is_system_folder(root_real)) {
        diag_error(diag, dir, 0, 0,
                   "is a system folder (%s), not a routine folder; name the folder that holds "
                   "the routines",
                   root_real);
        free(root_real);
        return false;
    }
    source_file_walker *w = calloc(1, sizeof *w);
    if (!w) {
        free(root_real);
        diag_error(diag, dir, 0, 0, "ran out of memory listing the folder");
        return false;
    }
    w->files = files;
    w->folders = folders;
    w->root_real = root_real;
    w->root = dir;
    w->diag = diag;
    size_t first_file = files ? files->count : 0, first_folder = folders ? folders->count : 0;
    struct stat info;
    bool ok = stat(root_real, &info) == 0;
    if (ok)
        source_file_first_visit(w, &info);
    ok = ok && source_file_walk(w, dir, 0);
    source_file_sort_from(files, first_file);
    source_file_sort_from(folders, first_folder);
    free(w);
    free(root_real);
    return ok;
}

bool source_file_list_yaml(source_file_list *list, const char *dir, diag_list *diag)
{
    return source_file_list_tree(list, NULL, dir, diag);
}

bool source_file_is_dir(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

char *source_file_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

int source_file_make_folder(const char *dir)
{
    char *path = strdup(dir);
    if (!path)
        return ENOMEM;
    int result = 0;
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            result = errno;
            break;
        }
        *p = saved;
        if (saved == '\0')
            break;
    }
    free(path);
    return result;
}

bool source_file_load_yaml(const char *dir,
                           bool (*load)(void *context, const char *path, diag_list *diag),
                           void *context, diag_list *diag)
{
    source_file_list files = {0};
    bool ok = source_file_list_yaml(&files, dir, diag);
    for (size_t i = 0; i < files.count; i++)
        if (!load(context, files.paths[i], diag))
            ok = false;
    source_file_list_free(&files);
    return ok;
}
