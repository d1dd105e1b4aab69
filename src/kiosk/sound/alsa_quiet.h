/* ALSA's library prints its own errors to stderr (8 lines at each start on a box with no sound
 * card), which the service's journal keeps for ever. SDL loads ALSA itself and reports the one
 * line that matters ("no sound device (ALSA: ...)"), so ALSA's own lines are silenced. */
#ifndef EASE_ALSA_QUIET_H
#define EASE_ALSA_QUIET_H

/* Silences ALSA's error printing in this process; nothing when ALSA is not installed. */
void alsa_quiet(void);

#endif
