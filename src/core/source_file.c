#include "source_file.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool source_file_read(const char *path, size_t max_bytes, unsigned char **out_data,
                      size_t *out_size, diag_list *diag)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        diag_error(diag, path, 0, 0, "cannot open the file: %s", strerror(errno));
        return false;
    }
    struct stat info;
    if (fstat(fileno(file), &info) == 0 && S_ISDIR(info.st_mode)) {
        diag_error(diag, path, 0, 0, "is a folder, not a file");
        fclose(file);
        return false;
    }
    size_t capacity = 4096, size = 0;
    unsigned char *data = malloc(capacity + 1);
    bool ok = data != NULL;
    while (ok) {
        if (size == capacity) {
            if (capacity > max_bytes) {
                diag_error(diag, path, 1, 1, "the file is larger than the %zu bytes allowed",
                           max_bytes);
                ok = false;
                break;
            }
            capacity *= 2;
            unsigned char *grown = realloc(data, capacity + 1);
            if (!grown) {
                ok = false;
                break;
            }
            data = grown;
        }
        size_t n = fread(data + size, 1, capacity - size, file);
        size += n;
        if (n == 0) {
            if (ferror(file)) {
                diag_error(diag, path, 0, 0, "cannot read the file: %s", strerror(errno));
                ok = false;
            }
            break;
        }
    }
    fclose(file);
    if (ok && size > max_bytes) {
        diag_error(diag, path, 1, 1, "the file is %zu bytes, more than the %zu allowed", size,
                   max_bytes);
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
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 32;
        char **grown = realloc(list->paths, capacity * sizeof *grown);
        if (!grown)
            return false;
        list->paths = grown;
        list->capacity = capacity;
    }
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

static bool source_file_walk(source_file_list *list, const char *dir, int depth, diag_list *diag)
{
    DIR *folder = opendir(dir);
    if (!folder) {
        diag_error(diag, dir, 0, 0, "cannot open the folder: %s", strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *entry;
    while (ok && (entry = readdir(folder))) {
        if (entry->d_name[0] == '.')
            continue;
        char *path = source_file_join(dir, entry->d_name);
        if (!path) {
            ok = false;
            break;
        }
        struct stat info;
        if (stat(path, &info) != 0) {
            free(path);
            continue; /* a dangling link: nothing to load */
        }
        if (S_ISDIR(info.st_mode)) {
            if (depth < SOURCE_FILE_MAX_DEPTH)
                ok = source_file_walk(list, path, depth + 1, diag);
            free(path);
        } else if (S_ISREG(info.st_mode) && source_file_is_yaml(entry->d_name) &&
                   list->count < SOURCE_FILE_MAX_FILES) {
            if (!source_file_push(list, path)) {
                free(path);
                ok = false;
            }
        } else {
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

bool source_file_list_yaml(source_file_list *list, const char *dir, diag_list *diag)
{
    size_t first = list->count;
    bool ok = source_file_walk(list, dir, 0, diag);
    if (list->count - first > 1)
        qsort(list->paths + first, list->count - first, sizeof *list->paths, source_file_compare);
    return ok;
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
