#include "library_loader.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct library_loader {
    char *routine_file;
    char **dirs;
    size_t dir_count;
    const pose_library *shared;
    routine_library library; /* the thread's until done, then the taker's */
    diag_list diag;
    atomic_bool done; /* release by the thread, acquire by the frame loop */
    pthread_t thread;
};

static void *library_loader_run(void *data)
{
    library_loader *l = data;
    if (l->routine_file) {
        library_add_file(&l->library, l->routine_file, NULL, l->shared, &l->diag);
    } else {
        library_load_folders(&l->library, l->dirs, l->dir_count, l->shared, &l->diag);
    }
    atomic_store_explicit(&l->done, true, memory_order_release);
    return NULL;
}

static void library_loader_free(library_loader *l)
{
    free(l->routine_file);
    for (size_t i = 0; i < l->dir_count; i++)
        free(l->dirs[i]);
    free(l->dirs);
    free(l);
}

library_loader *library_loader_start(const char *routine_file, char *const *dirs, size_t count,
                                     const pose_library *shared)
{
    library_loader *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->shared = shared;
    library_init(&l->library);
    diag_init(&l->diag);
    bool ok = true;
    if (routine_file) {
        ok = (l->routine_file = strdup(routine_file)) != NULL;
    } else if (count) {
        ok = (l->dirs = calloc(count, sizeof *l->dirs)) != NULL;
        for (size_t i = 0; ok && i < count; i++, l->dir_count++)
            ok = (l->dirs[i] = strdup(dirs[i])) != NULL;
    }
    if (!ok || pthread_create(&l->thread, NULL, library_loader_run, l) != 0) {
        library_free(&l->library);
        diag_free(&l->diag);
        library_loader_free(l);
        return NULL;
    }
    return l;
}

bool library_loader_done(const library_loader *loader)
{
    return atomic_load_explicit(&((library_loader *)loader)->done, memory_order_acquire);
}

void library_loader_finish(library_loader *loader, routine_library *library, diag_list *diag)
{
    pthread_join(loader->thread, NULL);
    *library = loader->library;
    *diag = loader->diag;
    library_loader_free(loader);
}

void library_loader_discard(library_loader *loader)
{
    if (!loader)
        return;
    pthread_join(loader->thread, NULL);
    library_free(&loader->library);
    diag_free(&loader->diag);
    library_loader_free(loader);
}
