#include "voice_pack.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "media_limits.h"
#include "source_file.h"
#include "spell.h"

enum { VOICE_PACK_FILES_MAX = 2000 }; /* a pack is a few hundred files: more is a wrong folder */

char *voice_pack_folder(const ease_config *cfg)
{
    if (cfg->voice_pack)
        return strdup(cfg->voice_pack);
    return cfg->data_dir ? source_file_join(cfg->data_dir, "voice-pack") : NULL;
}

bool voice_pack_phrase_known(const catalogue *cat, const char *key)
{
    for (size_t l = 0; l < cat->count; l++) {
        const catalogue_language *lang = &cat->languages[l];
        for (size_t i = 0; i < lang->count; i++)
            if (!strcmp(lang->keys[i], key))
                return !strchr(catalogue_get(cat, "en", key), '{');
    }
    return false;
}

char *voice_pack_file(const char *folder, const char *lang, const char *key)
{
    static const char *const extensions[] = {"ogg", "wav"};
    if (!folder || !lang || !key || strchr(lang, '/') || strchr(key, '/'))
        return NULL;
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s/%s/%s.%s", folder, lang, key, extensions[i]) < 0)
            return NULL;
        if (source_file_is_regular(path))
            return path;
        free(path);
    }
    return NULL;
}

/* The known phrase closest to a misspelt name, from the English catalogue. */
static const char *voice_pack_closest(const catalogue *cat, const char *key)
{
    const catalogue_language *en = catalogue_find(cat, "en");
    if (!en)
        return NULL;
    return spell_closest_in(key, en->keys, en->count, sizeof *en->keys, 0);
}

static void voice_pack_check_file(const char *path, const char *name, const catalogue *cat,
                                  voice_pack_decoder decodes, void *data, diag_list *diag)
{
    const char *dot = strrchr(name, '.');
    if (!dot || (strcmp(dot, ".ogg") && strcmp(dot, ".wav"))) {
        diag_warning(diag, path, 0, 0,
                     "not a phrase of the voice pack (it must be <phrase-key>.ogg or .wav); "
                     "it is left alone");
        return;
    }
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(dot - name), name);
    if (!voice_pack_phrase_known(cat, key)) {
        const char *near = voice_pack_closest(cat, key);
        if (near)
            diag_warning(diag, path, 0, 0,
                         "'%s' is not a phrase the kiosk says; did you mean '%s'? (the list is in "
                         "docs/voice-pack.md); it is never played",
                         key, near);
        else
            diag_warning(diag, path, 0, 0,
                         "'%s' is not a phrase the kiosk says (the list is in docs/voice-pack.md); "
                         "it is never played",
                         key);
        return;
    }
    media_sound_info info;
    if (!source_file_is_regular(path) || !media_probe_sound(path, &info)) {
        diag_error(diag, path, 0, 0,
                   "cannot be read; make it a readable regular file (espeak-ng says '%s' "
                   "meanwhile)",
                   key);
        return;
    }
    char why[256] = "";
    if (!media_sound_within_limits(&info, false, why, sizeof why)) {
        diag_error(diag, path, 0, 0, "it %s; record '%s' again, shorter", why, key);
        return;
    }
    if (info.length_ms > VOICE_PACK_PHRASE_MAX_MS) {
        diag_error(diag, path, 0, 0,
                   "lasts %.1f s, more than a phrase's %d s: trim the silence before and after "
                   "it, or record '%s' again (espeak-ng says it meanwhile)",
                   (double)info.length_ms / 1000.0, VOICE_PACK_PHRASE_MAX_MS / 1000, key);
        return;
    }
    if (decodes && !decodes(path, data))
        diag_warning(diag, path, 0, 0,
                     "cannot be decoded as sound; export it again as 16-bit PCM WAV or Ogg "
                     "Vorbis (espeak-ng says '%s' meanwhile)",
                     key);
}

int voice_pack_check(const char *folder, const catalogue *cat, voice_pack_decoder decodes,
                     void *data, diag_list *diag)
{
    DIR *top = folder ? opendir(folder) : NULL;
    if (!top)
        return 0;
    int files = 0;
    struct dirent *lang;
    while ((lang = readdir(top)) && files < VOICE_PACK_FILES_MAX) {
        if (lang->d_name[0] == '.')
            continue;
        char *dir = source_file_join(folder, lang->d_name);
        struct stat st;
        if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            if (dir)
                diag_warning(diag, dir, 0, 0,
                             "a voice pack holds one folder per language (en, es...); this is "
                             "left alone");
            free(dir);
            continue;
        }
        if (!catalogue_find(cat, lang->d_name))
            diag_warning(diag, dir, 0, 0,
                         "'%s' is not a language the kiosk has (assets/lang); its phrases are "
                         "never played",
                         lang->d_name);
        DIR *in = opendir(dir);
        struct dirent *file;
        while (in && (file = readdir(in)) && files < VOICE_PACK_FILES_MAX) {
            if (file->d_name[0] == '.')
                continue;
            char *path = source_file_join(dir, file->d_name);
            if (path)
                voice_pack_check_file(path, file->d_name, cat, decodes, data, diag);
            free(path);
            files++;
        }
        if (in)
            closedir(in);
        free(dir);
    }
    closedir(top);
    return files;
}
