/* All a screen may see. A screen is a file in this folder and a line in the table
 * (screen_table.c): it draws what the visit shows at the frame's time and adds a touch target
 * for each thing it offers; it changes nothing but the targets it adds and its own pictures.
 * The app (app_frame.c) fills a screen_context for each frame from its own state. */
#ifndef EASE_SCREEN_H
#define EASE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "captions.h"
#include "catalogue.h"
#include "diag.h"
#include "draw_figure.h"
#include "draw_pacer.h"
#include "draw_picture.h"
#include "flow.h"
#include "gfx.h"
#include "library.h"
#include "read_aloud.h"
#include "report.h"
#include "text.h"
#include "theme.h"
#include "ui.h"

/* What a touch target does when tapped (or chosen with the keyboard): app_input.c turns it into
 * a change of the visit. */
typedef enum {
    ACTION_NONE,
    ACTION_BEGIN,
    ACTION_LANGUAGE, /* arg: index into the offered languages */
    ACTION_KIND,     /* arg: routine_kind */
    ACTION_ROUTINE,  /* arg: index among the routines of the kind */
    ACTION_PAGE,     /* arg: +1 next page of routines */
    ACTION_LEVEL,    /* arg: level */
    ACTION_START,
    ACTION_RATE, /* arg: 0-10 chooses (ACTION_RATE_KEEP keeps it), or SESSION_NO_RATING: Skip */
    ACTION_PAUSE,
    ACTION_STOP,
    ACTION_STOP_REASON, /* arg: session_stop_reason */
    ACTION_KEEP_GOING,
    ACTION_BACK,
    ACTION_THANKS_DONE,
    ACTION_PIN_DIGIT, /* arg: 0-9 */
    ACTION_PIN_ERASE,
    ACTION_PIN_OK,
    ACTION_STAFF_LEAVE,
    ACTION_STAFF_RELOAD,
    ACTION_STAFF_QUIT,
    ACTION_VOLUME, /* arg: change in percent, like -10 */
    ACTION_MUTE,   /* toggles */
    ACTION_SOUND_TEST,
    ACTION_READ_ALOUD, /* the attract screen's accessibility button: voice for this visit */
    ACTION_RATE_KEEP,  /* the rating chosen (ACTION_RATE) is kept */
    ACTION_SAFETY_READ,
    ACTION_TELL_STAFF_DONE,
} app_action;

/* A cue just heard, shown as a caption (captions.h). */
typedef caption screen_caption;

enum { SCREEN_CAPTIONS = CAPTIONS_MAX };

/* What the kiosk is, as the screens show it (read-only, filled by the app each frame). */
typedef struct {
    const char *clinic;           /* the configuration's name for the attract screen, or "" */
    bool reduced_motion;          /* brightness instead of size for the pacer */
    const char *const *languages; /* the languages offered: configured and with words */
    int language_count;
    int routine_page; /* the routines screen's page */
    const routine_library *library;
    const pose_library *poses;
    const diag_list *problems;  /* from loading the routines: the staff screen's list */
    const char *config_message; /* why the configuration was not used, or NULL */
    const char *staff_key_path; /* the technician's key file (with no PIN), or NULL */
    bool sound_live;            /* a sound device plays */
    bool read_aloud;            /* a patient turned voice on for this visit */
    int volume;                 /* 0-100 */
    bool muted;
    size_t sound_files_skipped;     /* a routine's own sound files that could not be played */
    const screen_caption *captions; /* heard in the last CAPTION_MS, oldest first */
    size_t caption_count;
    /* The records, for the staff screen: off in previews and renders. */
    bool keep_records;
    bool records_all_stored;
    size_t records_waiting;              /* visits kept in memory, waiting to be saved */
    store_status records_problem_status; /* the last problem */
    const char *records_problem;         /* the technician's detail */
    const char *records_moved_aside;     /* a damaged database moved aside to this path, or "" */
    const report *today, *week;          /* read as the staff screen opens */
    bool stats_ok;
} screen_kiosk;

typedef struct {
    /* Drawing: the renderer and what every screen draws with. */
    gfx *g;
    text_system *text;
    const theme_colours *colours;
    const theme_layout *layout;
    ui_state *ui; /* touch targets, added while drawing */
    const catalogue *strings;
    const char *lang; /* the patient's language */
    /* What is shown: the visit at the frame's time, and the kiosk around it. */
    const flow *flow;
    int64_t now_ms;
    const screen_kiosk *kiosk;
    draw_picture_cache *pictures; /* the play screen's step picture */
    /* "Read aloud": the words of this screen, collected as it draws them (screen_read_aloud),
     * or NULL when nothing is read. */
    read_aloud_list *read_aloud;
} screen_context;

/* What moves by itself on a screen at one moment. */
typedef struct {
    SDL_FRect area; /* what moves (the pacer and its words, the figure), empty when nothing does */
    SDL_FRect bar;  /* the play screen's progress bar, else empty */
    /* How far what moves has got, in pixels (draw_pacer_travel: the breathing disc's radius);
     * 0 when the screen has no such measure. The frame loop draws a frame each time it has
     * changed by a pixel: it cannot tell that from the area, which the words under the disc
     * keep the same width. */
    float travel;
    /* Where a moving figure is laid out (empty when none is): the frame loop draws a frame
     * each time some part of it has moved a quarter of a pixel (draw_figure_moved_px). */
    SDL_FRect figure_box;
} screen_motion;

/* A screen: its name (in traces and for 'ease render --screen'), how it draws, and what of it
 * moves by itself between whole frames. Each screen file defines one, with designated
 * initialisers; screen_table.c lists them by flow_screen. */
typedef struct {
    const char *name;
    void (*draw)(screen_context *ctx);
    /* What moves at ctx->now_ms (all empty when nothing does); NULL for a screen where
     * nothing does. */
    void (*moving)(const screen_context *ctx, screen_motion *out);
} screen_def;

/* Every screen of the visit, by flow_screen. */
extern const screen_def *const screen_table[FLOW_SCREEN_COUNT];

/* "Read aloud" (screen_read_aloud.c): a screen names the words a patient reads on it, in
 * reading order, and a patient who asked to hear them hears them once, when the screen appears.
 * screen_text, screen_title and screen_button name theirs; a screen names what it draws by
 * other means (its big word, a note) itself. */
void screen_read_aloud(screen_context *ctx, const char *text);

/* Helpers most screens use (screen_common.c). */
const char *screen_str(const screen_context *ctx, const char *key);
/* One PRIMARY a screen (its one obvious thing to do); CHOSEN marks the current choice among
 * several (a level, a language) without competing with it. */
typedef enum {
    BUTTON_PRIMARY,
    BUTTON_SECONDARY,
    BUTTON_QUIET,
    BUTTON_STOP,
    BUTTON_CHOSEN
} button_style;
/* A button with a label, added as a touch target; returns its target index. */
int screen_button(screen_context *ctx, SDL_FRect rect, const char *label, button_style style,
                  app_action action, int arg);
/* Text in a box (wrapped, shrunk to fit); returns the height used. */
float screen_text(screen_context *ctx, const char *text, SDL_FRect box, int size_px,
                  text_weight weight, text_align align, SDL_Color colour);
void screen_focus_ring(screen_context *ctx, SDL_FRect rect);
/* A title at the top (returns the y below it) and a Back button at the bottom left (returns its
 * height). */
float screen_title(screen_context *ctx, const char *title);
float screen_back_button(screen_context *ctx);
/* A still figure in box, in the pose def (the neutral pose when def is NULL or unresolved): the
 * pictures of the choose cards and the routine tiles. */
void screen_still_figure(screen_context *ctx, const pose_def *def, SDL_FRect box);
/* Words shared by screens: "6 min", "Seated", "Breathing". */
void screen_minutes(const screen_context *ctx, int64_t ms, const char *key, char *out, size_t size);
const char *screen_position_word(const screen_context *ctx, routine_position position);
const char *screen_kind_word(const screen_context *ctx, routine_kind kind);

/* Parts of particular screens that others use: the staff screen's records panel
 * (screen_staff_records.c), and whether the play screen's figure moves now (a still pose needs
 * no frames; app_frame.c schedules frames by it). */
void screen_staff_records_draw(screen_context *ctx, SDL_FRect box);
bool screen_play_figure_moves(const screen_context *ctx);

#endif
