/* kiosk.yaml: what a clinic sets about its kiosk. Every key has a default, so Ease runs with no
 * configuration at all; a file is read with the same messages as a routine. */
#ifndef EASE_CONFIG_H
#define EASE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "fleet_config.h"

enum { CONFIG_MAX_LANGUAGES = 8, CONFIG_MAX_ROUTINE_DIRS = 8 };

typedef enum { CONFIG_THEME_CALM, CONFIG_THEME_HIGH_CONTRAST } config_theme;

/* How the kiosk draws: auto picks a GPU's render node when there is one (see renderer_choice.h). */
typedef enum {
    CONFIG_RENDERER_AUTO,
    CONFIG_RENDERER_SOFTWARE,
    CONFIG_RENDERER_ACCELERATED
} config_renderer;

typedef struct {
    char *path;   /* the file read, or NULL for defaults */
    char *clinic; /* shown on the attract screen; "" for none */
    char *kiosk;  /* this kiosk's name in records */
    char languages[CONFIG_MAX_LANGUAGES][16];
    size_t language_count;
    char language[16]; /* the default, one of languages */
    int64_t idle_ms;   /* back to the attract screen after this long untouched */
    bool rate_before, rate_after;
    bool voice;
    bool speak_breathing; /* with voice: "breathe in", "hold", "breathe out" said, not toned */
    int volume;           /* 0-100 */
    config_theme theme;
    bool reduced_motion;
    char *routine_dirs[CONFIG_MAX_ROUTINE_DIRS];
    size_t routine_dir_count;
    char *data_dir;
    char *staff_pin_hash; /* NULL when no PIN is set */
    /* The kiosk box (issue 16): the renderer, the screen turned clockwise by cage (0, 90, 180 or
     * 270 degrees), the sound output's name as 'ease status' lists it (NULL: the default), and
     * quiet hours in minutes after local midnight (start == end: none; start > end: overnight). */
    config_renderer renderer;
    int rotation_degrees;
    char *sound_device;
    int quiet_start_minute, quiet_end_minute;
    /* A clinic's recorded phrases (docs/voice-pack.md): <folder>/<lang>/<phrase-key>.ogg or .wav,
     * said instead of espeak-ng's. NULL: 'voice-pack' under the data folder. */
    char *voice_pack;
    fleet_config fleet; /* the optional clinic group server (fleet_config.h) */
} ease_config;

/* Fills cfg with the defaults; routines_dir and data_dir are the built-in folders. */
bool config_defaults(ease_config *cfg, const char *routines_dir, const char *data_dir);

/* Reads path over cfg (which holds defaults). A bad key is reported in diag and keeps its own
 * default; every other key still applies (so a typo never drops the staff PIN), and a closing
 * warning names the keys that kept their defaults. Returns false when there was any error; cfg
 * is left as it was only when the file is not YAML at all (or cannot be read). Relative folders are
 * taken from the file's folder. Without a 'routines' list, a 'routines' folder beside the file (the
 * clinic's own) is added to the default folders when it exists. */
bool config_load(ease_config *cfg, const char *path, diag_list *diag);

void config_free(ease_config *cfg);

const char *config_theme_name(config_theme theme);
const char *config_renderer_name(config_renderer renderer);

/* The i-th key of kiosk.yaml as config_load reads them (from its table), NULL past the last:
 * what the guide and the commented example are tested against. */
const char *config_key_name(size_t i);

/* True when minute_of_day (0-1439, local time) falls in the quiet hours [start, end). */
bool config_quiet_at(const ease_config *cfg, int minute_of_day);

#endif
