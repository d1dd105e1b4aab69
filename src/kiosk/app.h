/* The kiosk: one struct that owns the window, the text, the loaded library, the visit flow,
 * the sound and the records, moved to each frame's time by app_update (one call per concern,
 * one file per concern). The frame loop that drives it is loop.c; the screens see none of it,
 * only the screen_context app_frame.c makes for them (screens/screen.h). */
#ifndef EASE_APP_H
#define EASE_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "app_fleet.h"
#include "audio.h"
#include "catalogue.h"
#include "config.h"
#include "draw_figure.h"
#include "flow.h"
#include "gfx.h"
#include "library.h"
#include "pose.h"
#include "recorder.h"
#include "report.h"
#include "screen.h"
#include "speech.h"
#include "text.h"
#include "theme.h"
#include "ui.h"

typedef struct {
    bool windowed;
    int width, height;          /* window size when windowed */
    gfx_renderer_kind renderer; /* auto, software or accelerated */
    const char *config_path;    /* NULL: the default */
    const char *routines_dir;   /* NULL: those of the configuration */
    const char *routine_file;   /* one routine only (render, preview); NULL: the folders */
    int speed_permille;         /* 1000 */
    bool defer_routines;        /* load them after the first frame (app_reload_routines) */
    bool keep_records;          /* the kiosk stores visits; previews and renders do not */
    const char *data_dir;       /* NULL: the configuration's */
    bool sound;                 /* open the sound device (render and tests stay silent) */
    const char *audio_trace;    /* write one JSON line per cue here (preview --trace) */
    bool cross_fade;            /* fade between screens (the kiosk and previews; app_fade.c) */
} app_options;

typedef struct app {
    gfx g;
    text_system *text;
    theme_colours colours;
    theme_layout layout;
    ui_state ui;
    catalogue strings;
    ease_config config;
    pose_library poses;
    routine_library library;
    diag_list problems; /* from loading: shown on the staff screen */
    bool routines_loaded;
    bool reload_waiting;           /* the folders changed: reload once no visit is open */
    struct library_loader *loader; /* a load under way off the frame loop (app_load.c), or NULL */
    bool reload_again;             /* asked for again while it ran */
    unsigned routines_generation;  /* counts the libraries swapped in off the frame loop */
    char *notice;         /* shown over the screen (preview: why the saved file was not used) */
    bool trace;           /* EASE_TRACE: print each new screen and its targets, for tests */
    flow_screen traced;   /* the last screen traced */
    int traced_targets;   /* and how many targets it had (a rating's Done comes later) */
    char *config_message; /* why the configuration was not used, or NULL */
    flow flow;
    app_options options;
    recorder records;               /* when options.keep_records */
    report staff_today, staff_week; /* what the staff screen shows, read as it opens */
    bool staff_stats_read, staff_stats_ok;
    audio *audio;       /* never NULL after app_init; silent without a device */
    bool sound_pending; /* the kiosk opens its sound device after the first frame */
    bool sound_plugged; /* a device appeared while silent: open it when no routine plays */
    bool audio_opened;  /* the deferred first open is done (the trace, if any, was opened) */
    /* With sound asked for and no device: when to look for one again, and the wait after that
     * (doubling to a minute: a look can take a tenth of a second, between routines only). */
    int64_t sound_retry_at_ms, sound_retry_wait_ms;
    draw_picture_cache pictures; /* the play screen's step picture, let go with the renderer */
    /* What the audio was last told about the routine playing, to tell it what changed. */
    const plan *audio_plan;
    bool audio_paused;
    int64_t audio_paused_ms; /* the player's paused_ms when the audio last resumed */
    int volume;              /* 0-100: the configuration's, then the staff screen's */
    bool muted;
    caption_list captions; /* the latest cues heard */
    bool read_aloud;       /* a patient turned voice on for this visit */
    speech *speech;        /* the routine's words being rendered, or NULL */
    size_t speech_fed;     /* how many of them the audio has been given */
    /* "Read aloud" of the screens (app_read_aloud.c): the words the last frame drew, those
     * being said (rendered by read_speech), and how many the audio has been given. */
    read_aloud_list read_drawn, read_said;
    speech *read_speech;
    size_t read_fed;

    int64_t now_ms, utc_ms; /* this frame's clocks: monotonic, and wall time for records */
    bool dirty;             /* something changed: draw a whole frame */
    flow_screen drawn_screen;
    int routine_page;
    bool corner_held; /* the staff gesture: top-left corner held down */
    int64_t corner_since_ms;
    SDL_FingerID corner_finger;
    SDL_Rect moving[2];     /* what moved in the last frame drawn: the visual, and a progress bar */
    uint64_t bar_drawn;     /* what was last drawn over the progress bar (gfx.watch_hash) */
    bool drawn_once;        /* a whole frame is on the renderer */
    SDL_Texture *fade_from; /* the old screen's last frame while a cross-fade runs, or NULL */
    int64_t fade_start_ms;
    bool fade_pending; /* the screen changed; its first frame not drawn yet */
    uint64_t shown;    /* what the last full frame showed that changes only in steps */

    /* Staff access (issue 11). */
    char *staff_key_path;  /* with no PIN, this file opens the staff screen (README, "Staff") */
    size_t pin_wrong_said; /* wrong PINs already written to the journal */
    int instance_lock;     /* holds ease.lock in the data folder (kiosk only), or 0 */

    app_fleet fleet; /* the clinic group's worker, with a 'fleet:' section only */
} app;

/* Loads configuration, strings, poses and routines, and opens the screen described by opts
 * (gfx must be opened by the caller: a window or offscreen). False with a message in error. */
bool app_init(app *a, const app_options *opts, char *error, size_t size);
void app_free(app *a);

/* Reloads the routine folders (staff screen, folder watcher); the flow forgets choices made on
 * the old set. A routine whose file now has errors keeps its last good version. */
void app_reload_routines(app *a);
/* The same off the frame loop (app_load.c): start (or, while one runs, ask for another),
 * then poll (app_update does, every pass): true when a fresh library was swapped in. Discard waits
 * for a load under way and throws it away. */
void app_reload_routines_start(app *a);
bool app_reload_routines_poll(app *a);
void app_reload_routines_discard(app *a);
/* After a->library was replaced: keeps the last good versions from *old (then freed), reports,
 * and hands the flow the new library. */
void app_routines_swapped(app *a, routine_library *old);

/* ease preview: the one routine played at once at level, from routine time from_ms, with no
 * ratings asked; and played again from the same place when its file is saved (a broken save
 * is shown over the screen, and the last good version plays on). */
void app_preview_start(app *a, int level, int64_t from_ms, int64_t now_ms, int64_t utc_ms);
void app_preview_reload(app *a, const char *path);

/* The folders the routines come from (--routines, else the configuration's); none for a single
 * routine file. The strings belong to a. */
size_t app_routine_folders(const app *a, char *const **dirs);
/* "Read aloud" (app_read_aloud.c): the list a screen fills as it draws (NULL when nothing is
 * read now), what to do once it has drawn (a new list: read it), each frame's feeding of the
 * words rendered, and the end. */
read_aloud_list *app_read_aloud_collect(app *a);
void app_read_aloud_drawn(app *a);
void app_read_aloud_update(app *a);
void app_read_aloud_stop(app *a);

/* Opens the sound device, when app_init left it for after the first frame (the kiosk). */
void app_open_sound(app *a);

/* The kiosk's clock: the sound's output stream while a device plays (so picture and sound
 * never drift apart), else the monotonic clock. wall_ms is SDL_GetTicks64(). */
int64_t app_clock_ms(app *a, int64_t wall_ms);
/* Milliseconds until the next cue must be handed to the audio (or words read aloud may be
 * ready), or -1 for none coming. */
int64_t app_next_cue_wait_ms(const app *a, int64_t now_ms);

/* Moves the app to now (monotonic ms) and utc (wall ms): ticks the flow, applies gestures. */
void app_update(app *a, int64_t now_ms, int64_t utc_ms);
/* Its parts, one a file: the routine's sound (and the flow's tick, which hands out the cues),
 * the records, the staff gesture, and what a new screen resets. */
void app_sound_update(app *a, int64_t now_ms, int64_t utc_ms);
void app_records_update(app *a, int64_t now_ms, int64_t utc_ms);
void app_input_update(app *a, int64_t now_ms, int64_t utc_ms);
void app_frame_update(app *a);
/* The first problem of diag as "file:line:col: message" (an error before any warning), for
 * the staff screen; NULL when none. The caller frees it. */
char *app_first_problem(const diag_list *diag);
/* Loads the routines into an empty library: the one file (render, preview), --routines, or the
 * configuration's folders; problems go to a->problems. */
void app_load_routines(app *a);
/* ease preview: the one routine played at once at level, from routine time from_ms, with no
 * ratings asked; and played again from the same place when its file is saved (a broken save
 * is shown over the screen, and the last good version plays on). */
void app_preview_start(app *a, int level, int64_t from_ms, int64_t now_ms, int64_t utc_ms);
void app_preview_reload(app *a, const char *path);
/* The captions to show at now_ms (cues heard within the last CAPTION_MS of routine time),
 * oldest first; returns how many. */
size_t app_visible_captions(const app *a, int64_t now_ms, screen_caption *out, size_t max);
/* Cross-fades between screens (app_fade.c). */
enum { APP_FADE_MS = 180 };
void app_fade_begin(app *a);        /* the screen changed: keep the last frame to fade from */
bool app_fade_active(const app *a); /* a fade is under way: whole frames at the display's rate */
void app_fade_draw(app *a);         /* over a whole frame: the old screen, fading */
void app_fade_free(app *a);

/* Draws the current screen in full. */
void app_draw(app *a);
/* Draws again only what moves, and words that changed, where they changed, for the frames
 * between full ones; returns the rectangles (at most max) for the caller to show, or -1 when
 * it drew the whole frame instead (it could not tell what changed). */
int app_draw_moving(app *a, SDL_Rect *shown, int max);
/* What the screen shows that changes only in steps (screen, segment, pause, captions): when
 * it differs from a->shown, a full frame is due. A countdown's seconds are not in it: partial
 * frames redraw a line of words that changed (app_draw_moving). */
uint64_t app_signature(const app *a);
/* Whether the current screen moves by itself (and so needs frames without input). */
bool app_animating(const app *a);
/* When the next frame is worth drawing, given the frame rate wanted (ms between frames): the
 * attract screen's slow breath waits until it has moved a few pixels. */
int64_t app_next_frame_ms(app *a, int64_t now_ms, int64_t frame_ms);

void app_handle_event(app *a, const SDL_Event *event);
void app_do(app *a, app_action action, int arg);

/* The patient's language, and a string from the catalogue in it. */
const char *app_lang(const app *a);
const char *app_str(const app *a, const char *key);

/* The index-th language offered on the attract screen (those configured that have strings;
 * app_frame.c lists them for the screens), or NULL. */
const char *app_language_code(const app *a, int index);

/* The name of an action in traces: "kind", "rate". */
const char *app_action_name(app_action action);
/* Sets (or, with NULL, clears) the notice drawn over the screen. */
void app_set_notice(app *a, const char *text);

/* True when the technician's key file is there (a regular file): checked at each staff request,
 * so creating it takes effect at once. */
bool app_staff_key_present(const app *a);

/* Before a staff request: tells the flow whether the key file is there, then asks. */
void app_staff_request(app *a, int64_t now_ms, int64_t utc_ms);

#endif
