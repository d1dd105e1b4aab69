/* ease check's decode of every sound file a routine names, with the kiosk's own decoders. */
#ifndef EASE_AUDIO_CHECK_H
#define EASE_AUDIO_CHECK_H

#include "catalogue.h"
#include "config.h"
#include "diag.h"
#include "library.h"

/* ease check: decodes every sound file the routines name (step sounds, music, cue files) with
 * the decoders the kiosk will use, and warns at the file's place about each that cannot be
 * decoded (it will be skipped). Files already reported (missing, not a sound) are left alone.
 * Opens SDL's dummy audio driver only when there is a file to decode. */
void audio_check_files(const routine_library *library, diag_list *diag);

/* ease check --config: the voice pack the configuration names (voice_pack.h), its names and
 * headers checked and each file decoded as the kiosk will. A missing folder is no problem. */
void audio_check_voice_pack(const ease_config *config, const catalogue *strings, diag_list *diag);

#endif
