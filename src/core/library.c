#include "library.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "routine_check.h"
#include "routine_load.h"
#include "source_file.h"

void library_init(routine_library *lib)
{
    memset(lib, 0, sizeof *lib);
}

void library_free(routine_library *lib)
{
    for (size_t i = 0; i < lib->count; i++)
        routine_free(lib->routines[i]);
    free(lib->routines);
    library_init(lib);
}

const routine *library_find(const routine_library *lib, const char *id)
{
    for (size_t i = 0; i < lib->count; i++)
        if (!strcmp(lib->routines[i]->id, id))
            return lib->routines[i];
    return NULL;
}

/* A routine file that resolves outside its library (a link to /etc/shadow, say) is refused
 * before a byte of it is read, so none of its lines can reach an error, the journal or the staff
 * screen. */
static bool library_file_inside(const char *path, const char *root, diag_list *diag)
{
    char *folder = root ? NULL : source_file_dirname(path);
    char *root_real = realpath(root ? root : folder ? folder : ".", NULL);
    char *real = realpath(path, NULL);
    bool inside = !root_real || !real || source_file_inside(root_real, real);
    if (!inside)
        diag_error(diag, path, 0, 0,
                   "is a link that leads out of the routine library; it is not read (copy the "
                   "file in instead)");
    free(real);
    free(root_real);
    free(folder);
    return inside; /* a path that does not resolve is reported when it is opened */
}

/* Whether the file's name is the id itself: "box-breathing.yaml" for box-breathing. */
static bool library_named_for(const char *path, const char *id)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    size_t n = strlen(id);
    return !strncmp(name, id, n) && (!strcmp(name + n, ".yaml") || !strcmp(name + n, ".yml"));
}

static void library_remove(routine_library *lib, const routine *r)
{
    for (size_t i = 0; i < lib->count; i++) {
        if (lib->routines[i] != r)
            continue;
        routine_free(lib->routines[i]);
        memmove(&lib->routines[i], &lib->routines[i + 1],
                (lib->count - i - 1) * sizeof *lib->routines);
        lib->count--;
        return;
    }
}

bool library_add_file(routine_library *lib, const char *path, const char *root,
                      const pose_library *shared, diag_list *diag)
{
    lib->files_seen++;
    if (!library_file_inside(path, root, diag)) {
        lib->files_rejected++;
        return false;
    }
    routine *r = NULL;
    /* A routine with errors is still checked, so its author sees every problem at once. */
    bool ok = routine_load_file_partial(path, &r, diag);
    if (r) {
        routine_check_options options = {.shared_poses = shared, .library_root = root};
        ok = routine_check(r, &options, diag) && ok;
    }
    if (ok) {
        const routine *first = library_find(lib, r->id);
        if (first && library_named_for(path, r->id) && !library_named_for(first->path, r->id)) {
            /* "x-v2.yaml" copied beside "x.yaml" sorts first; the file named for the id is the
             * original, so the copy is the one refused. */
            diag_error(diag, first->path, first->id_place.line, first->id_place.col,
                       "id '%s' is already used by %s:%d:%d, the file named for it; every "
                       "routine needs its own id, so this one is left out",
                       r->id, path, r->id_place.line, r->id_place.col);
            library_remove(lib, first);
            lib->files_rejected++;
        } else if (first) {
            diag_error(diag, path, r->id_place.line, r->id_place.col,
                       "id '%s' is already used by %s:%d:%d; every routine needs its own id, so "
                       "this one is left out",
                       r->id, first->path, first->id_place.line, first->id_place.col);
            ok = false;
        }
    }
    if (ok) {
        routine **grown = array_grow(lib->routines, &lib->capacity, lib->count + 1, sizeof *grown);
        if (grown) {
            lib->routines = grown;
        } else {
            diag_error(diag, path, 0, 0, "ran out of memory adding the routine");
            ok = false;
        }
    }
    if (!ok) {
        routine_free(r);
        lib->files_rejected++;
        return false;
    }
    lib->routines[lib->count++] = r;
    return true;
}

bool library_load(routine_library *lib, const char *dir, const pose_library *shared,
                  diag_list *diag)
{
    source_file_list files = {0};
    size_t mark = diag_mark(diag);
    bool ok = source_file_list_yaml(&files, dir, diag);
    /* What the walk refused (a link out of the library, a system folder) counts as rejected, so
     * `ease status` and the staff screen show it. */
    lib->files_seen += diag->errors - mark;
    lib->files_rejected += diag->errors - mark;
    for (size_t i = 0; i < files.count; i++)
        library_add_file(lib, files.paths[i], dir, shared, diag);
    source_file_list_free(&files);
    library_check_languages(lib, diag);
    return ok;
}

void library_check_languages(const routine_library *lib, diag_list *diag)
{
    /* The library's languages: every language any routine's title is written in. */
    const char *langs[16];
    size_t count = 0;
    for (size_t i = 0; i < lib->count; i++)
        for (size_t j = 0; j < routine_language_count(lib->routines[i]); j++) {
            const char *lang = routine_language(lib->routines[i], j);
            bool known = false;
            for (size_t k = 0; k < count; k++)
                known |= !strcmp(langs[k], lang);
            if (!known && count < 16)
                langs[count++] = lang;
        }
    if (count < 2)
        return;
    for (size_t i = 0; i < lib->count; i++) {
        const routine *r = lib->routines[i];
        for (size_t k = 0; k < count; k++) {
            bool has = false;
            for (size_t j = 0; j < routine_language_count(r); j++)
                has |= !strcmp(routine_language(r, j), langs[k]);
            if (has)
                continue;
            /* Plain strings name no language: the author wrote them for every reader. */
            if (routine_language_count(r) == 0)
                break;
            diag_warning(diag, r->path, r->title.place.line, r->title.place.col,
                         "this routine has no '%s' version, though others in the library have; "
                         "patients reading '%s' will see it in '%s'",
                         langs[k], langs[k], routine_language(r, 0));
            break;
        }
    }
}

static bool library_has_path(const routine_library *lib, const char *path)
{
    for (size_t i = 0; i < lib->count; i++)
        if (!strcmp(lib->routines[i]->path, path))
            return true;
    return false;
}

static bool library_error_in(const diag_list *diag, const char *path)
{
    for (size_t i = 0; i < diag->count; i++)
        if (diag->entries[i].severity == DIAG_ERROR && diag->entries[i].file &&
            !strcmp(diag->entries[i].file, path))
            return true;
    return false;
}

size_t library_merge_last_good(routine_library *fresh, routine_library *old, const diag_list *diag)
{
    size_t kept = 0, left = 0;
    for (size_t i = 0; i < old->count; i++) {
        routine *r = old->routines[i];
        bool carry = !library_has_path(fresh, r->path) && library_error_in(diag, r->path) &&
                     !library_find(fresh, r->id);
        if (carry) {
            routine **grown =
                array_grow(fresh->routines, &fresh->capacity, fresh->count + 1, sizeof *grown);
            if (grown) {
                fresh->routines = grown;
            } else {
                carry = false; /* out of memory: the broken file's routine is left out */
            }
        }
        if (carry) {
            fresh->routines[fresh->count++] = r;
            kept++;
        } else {
            old->routines[left++] = r;
        }
    }
    old->count = left;
    return kept;
}

void library_load_folders(routine_library *lib, char *const *dirs, size_t count,
                          const pose_library *shared, diag_list *diag)
{
    for (size_t i = 0; i < count; i++)
        if (source_file_is_dir(dirs[i]))
            library_load(lib, dirs[i], shared, diag);
}
