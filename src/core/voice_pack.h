/* A voice pack: a clinic's own recorded voice (its physiotherapist's, say) for the kiosk's fixed
 * phrases, said instead of espeak-ng's. A folder of <lang>/<phrase-key>.ogg or .wav, where a
 * phrase key is a key of the catalogue (assets/lang/<lang>.yaml) whose words have nothing to
 * fill in ("breathe-in", "stop-question"); a phrase with no file is still spoken by espeak-ng.
 * docs/voice-pack.md says how to record one. Here: which names a pack may hold, where a
 * phrase's file is, and the check of a pack's folder by its names and headers (the decode
 * itself is the shell's, audio_check.c). */
#ifndef EASE_VOICE_PACK_H
#define EASE_VOICE_PACK_H

#include <stdbool.h>

#include "catalogue.h"
#include "config.h"
#include "diag.h"

enum {
    VOICE_PACK_PHRASE_MAX_MS = 15000, /* a phrase longer than this is not a phrase */
};

/* The folder configured (kiosk.yaml's 'voice-pack'), else 'voice-pack' in the data folder;
 * malloc'd, NULL when there is neither (or out of memory). */
char *voice_pack_folder(const ease_config *cfg);

/* Whether key names a phrase a pack may record: a catalogue key (in any language of cat) whose
 * English words have no {placeholder}. */
bool voice_pack_phrase_known(const catalogue *cat, const char *key);

/* The recorded file for key in lang: <folder>/<lang>/<key>.ogg, else .wav, when it is a
 * regular file; malloc'd path, or NULL. */
char *voice_pack_file(const char *folder, const char *lang, const char *key);

/* Checks the pack in folder: each <lang> folder's files are named for known phrases (a warning
 * with "did you mean" when not), are .ogg or .wav, have headers that say they are sound
 * (media_limits.h) and last at most VOICE_PACK_PHRASE_MAX_MS (errors otherwise, each saying
 * what to do). Calls decodes(path, data) for each file that passed, to have it decoded by the
 * kiosk's decoders (false: a warning that it will be skipped); decodes may be NULL. Returns
 * how many files were looked at; a folder that does not exist is no error (0). */
typedef bool (*voice_pack_decoder)(const char *path, void *data);
int voice_pack_check(const char *folder, const catalogue *cat, voice_pack_decoder decodes,
                     void *data, diag_list *diag);

#endif
