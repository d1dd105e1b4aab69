/* ease check's decode of every sound file the routines name, with the decoders the kiosk uses
 * (SDL_mixer on the dummy driver): the narrow probe the CLI needs, apart from the kiosk's sound. */
#include "audio_check.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "source_file.h"
#include "voice_pack.h"

static bool audio_reported_at(const diag_list *diag, const char *file, routine_place at)
{
    for (size_t i = 0; i < diag->count; i++)
        if (diag->entries[i].line == at.line && diag->entries[i].col == at.col &&
            !strcmp(diag->entries[i].file, file))
            return true;
    return false;
}

/* Decodes one file (music streams through Mix_LoadMUS, the rest through Mix_LoadWAV, as the
 * kiosk does); false when it cannot be. */
static bool audio_decodes(const char *path, bool music)
{
    if (!source_file_is_regular(path))
        return false; /* a FIFO would block the decoder; the checker names it */
    if (music) {
        Mix_Music *m = Mix_LoadMUS(path);
        if (m)
            Mix_FreeMusic(m);
        return m != NULL;
    }
    Mix_Chunk *c = Mix_LoadWAV(path);
    if (c)
        Mix_FreeChunk(c);
    return c != NULL;
}

static void audio_check_file(const routine *r, const char *file, routine_place at, const char *name,
                             bool music, bool *opened, diag_list *diag)
{
    if (!file || audio_reported_at(diag, r->path, at))
        return;
    char *folder = source_file_dirname(r->path);
    char *path = folder ? source_file_join(folder, file) : NULL;
    if (path && !*opened) {
        /* Decoding converts to an open device's format: the dummy driver has one, silently. */
        SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "dummy", SDL_HINT_OVERRIDE);
        *opened = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0 &&
                  Mix_OpenAudio(AUDIO_RATE_HZ, AUDIO_S16SYS, 2, 1024) == 0;
        if (!*opened)
            fprintf(stderr,
                    "ease check: cannot decode sounds here (%s); only their first bytes "
                    "were checked\n",
                    Mix_GetError());
    }
    if (path && *opened && !audio_decodes(path, music))
        diag_warning(diag, r->path, at.line, at.col,
                     "'%s' file \"%s\" cannot be decoded as sound; it will be skipped", name, file);
    free(path);
    free(folder);
}

void audio_check_files(const routine_library *library, diag_list *diag)
{
    bool opened = false;
    for (size_t i = 0; i < library->count; i++) {
        const routine *r = library->routines[i];
        audio_check_file(r, r->music, r->music_place, "music", true, &opened, diag);
        for (int e = 0; e < CUE_EVENT_COUNT; e++)
            if (r->cues[e].source == CUE_SOURCE_FILE)
                audio_check_file(r, r->cues[e].file, r->cues[e].place, cue_event_name((cue_event)e),
                                 false, &opened, diag);
        for (size_t s = 0; s < r->step_count; s++)
            audio_check_file(r, r->steps[s].sound, r->steps[s].sound_place, "sound", false, &opened,
                             diag);
    }
    if (opened) {
        Mix_CloseAudio();
        Mix_Quit();
        SDL_Quit();
    }
}

/* The voice pack's decoder: the dummy device opened on the first file, as for routines. */
static bool audio_check_pack_file(const char *path, void *data)
{
    bool *opened = data;
    if (!*opened) {
        SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "dummy", SDL_HINT_OVERRIDE);
        *opened = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0 &&
                  Mix_OpenAudio(AUDIO_RATE_HZ, AUDIO_S16SYS, 2, 1024) == 0;
        if (!*opened)
            return true; /* cannot tell here: the headers passed */
    }
    return audio_decodes(path, false);
}

void audio_check_voice_pack(const ease_config *config, const catalogue *strings, diag_list *diag)
{
    char *folder = voice_pack_folder(config);
    bool opened = false;
    voice_pack_check(folder, strings, audio_check_pack_file, &opened, diag);
    free(folder);
    if (opened) {
        Mix_CloseAudio();
        Mix_Quit();
        SDL_Quit();
    }
}
