#include "alsa_quiet.h"

#include <dlfcn.h>
#include <stddef.h>

/* alsa-lib's snd_lib_error_handler_t. */
typedef void (*alsa_error_handler)(const char *file, int line, const char *function, int err,
                                   const char *fmt, ...);

static void alsa_quiet_handler(const char *file, int line, const char *function, int err,
                               const char *fmt, ...)
{
    (void)file;
    (void)line;
    (void)function;
    (void)err;
    (void)fmt;
}

void alsa_quiet(void)
{
    /* The same libasound.so.2 SDL opens later (dlopen hands out one copy), found without a
     * build dependency on ALSA. Kept open: the handler must outlive every use of ALSA. */
    static void *alsa;
    if (alsa)
        return;
    alsa = dlopen("libasound.so.2", RTLD_NOW | RTLD_GLOBAL);
    if (!alsa)
        return;
    int (*set_handler)(alsa_error_handler) =
        (int (*)(alsa_error_handler))dlsym(alsa, "snd_lib_error_set_handler");
    if (set_handler)
        set_handler(alsa_quiet_handler);
}
