/* The visit, screen by screen: attract -> choose -> card -> safety notice (once a visit) ->
 * before -> play (-> stop question, and after dizziness the tell-staff screen) -> after ->
 * thanks, with the staff screens beside them. Which screen is shown, what a patient has chosen, the
 * player and the session all live here, in plain C driven by actions and times handed in, so a
 * whole visit can be tested without a screen. The SDL shell draws what this says and turns
 * touches into these calls. */
#ifndef EASE_FLOW_H
#define EASE_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "library.h"
#include "plan.h"
#include "player.h"
#include "pose.h"
#include "session.h"
#include "staff_pin.h"

/* The screens of a visit. Each has one row in flow.c's table of rules (its name, what Back
 * does, what ends it by itself, whether the routine plays under it) and one in the shell's
 * table of drawings (src/kiosk/screens/screen_table.c); the only code a new screen needs in the
 * flow is the action that leads to it. */
/* Every screen of the visit, one row each, in one list: its id (FLOW_<ID>), its drawing in the
 * shell (the `screen_def` screen_<DRAW>, src/kiosk/screens/), and its rules: its name (traces,
 * `ease render --screen`), what Back does (a function of flow.c, or NULL), where Back goes,
 * what ends it by itself (FLOW_ENDS_<ENDS>), whether the routine plays under it, and whether no
 * patient is in a visit there (a new library may be swapped in). The enum below, flow.c's rules
 * and the shell's screen table are all made from it: a new screen is a row here and a file in
 * src/kiosk/screens/ defining screen_<DRAW>.
 *   X(ID, DRAW, NAME, BACK, BACK_TO, ENDS, ROUTINE_LIVE, QUIET) */
#define FLOW_SCREENS(X)                                                                            \
    X(ATTRACT, attract, "attract", NULL, ATTRACT, NEVER, false, true)                              \
    X(CHOOSE_KIND, choose, "choose", flow_back_reset, ATTRACT, IDLE, false, false)                 \
    X(CHOOSE_ROUTINE, routines, "routines", flow_back_go, CHOOSE_KIND, IDLE, false, false)         \
    X(CARD, card, "card", flow_back_go, CHOOSE_ROUTINE, IDLE, false, false)                        \
    X(RATE_BEFORE, rate_before, "rate-before", flow_back_to_card, CARD, IDLE, false, false)        \
    X(PLAY, play, "play", flow_back_stop, ATTRACT, ROUTINE, true, false)                           \
    X(CONFIRM_STOP, stop, "stop", flow_back_keep_going, ATTRACT, ROUTINE, true, false)             \
    /* Walked away from the after-rating: the visit stays as it ended, unrated after. */           \
    X(RATE_AFTER, rate_after, "rate-after", flow_back_skip, ATTRACT, IDLE, false, false)           \
    X(THANKS, thanks, "thanks", flow_back_thanks, ATTRACT, SHOWN, false, false)                    \
    X(STAFF_PIN, staff_pin, "staff-pin", flow_back_pin, ATTRACT, PIN_IDLE, false, true)            \
    X(STAFF, staff, "staff", flow_back_staff, ATTRACT, NEVER, false, true)                         \
    /* The general safety notice, once a visit, before the first routine. */                       \
    X(SAFETY, safety, "safety", flow_back_to_card, CARD, IDLE, false, false)                       \
    /* After a stop for dizziness: sit down and tell a member of staff. It stays until             \
     * someone taps it: a patient who felt unwell is not left by a timeout. */                     \
    X(TELL_STAFF, tell_staff, "tell-staff", flow_back_tell_staff, ATTRACT, NEVER, false, false)

#define FLOW_SCREEN_ID(id, ...) FLOW_##id,
typedef enum { FLOW_SCREENS(FLOW_SCREEN_ID) FLOW_SCREEN_COUNT } flow_screen;
#undef FLOW_SCREEN_ID

const char *flow_screen_name(flow_screen screen); /* "attract" */

/* What ends a screen by itself. */
typedef enum {
    FLOW_ENDS_NEVER,    /* stays until someone acts */
    FLOW_ENDS_IDLE,     /* untouched for the configured idle time: back to attract */
    FLOW_ENDS_SHOWN,    /* shown for FLOW_THANKS_MS: back to attract */
    FLOW_ENDS_PIN_IDLE, /* untouched for FLOW_PIN_IDLE_MS: Back */
    FLOW_ENDS_ROUTINE,  /* the routine's end, or five minutes paused and untouched */
} flow_ends;

typedef struct flow flow;

/* A screen's rules, one row per screen (designated initialisers in flow.c). */
typedef struct {
    const char *name; /* in traces, and for 'ease render --screen' */
    /* Escape / Back: never out of the kiosk. back_to is where flow_back_go goes. */
    void (*back)(flow *f, int64_t now_ms, int64_t utc_ms);
    flow_screen back_to;
    flow_ends ends;
    bool routine_live; /* the player runs (and cues sound) while this screen shows */
    bool quiet;        /* no patient is in a visit here: a new library may be swapped in */
} flow_screen_rules;

/* The rules of a screen (a row of "?" that does nothing for one out of range). */
const flow_screen_rules *flow_screen_rules_of(flow_screen screen);

enum {
    FLOW_PAUSE_ABANDON_MS = 5 * 60000, /* paused this long: the patient has gone */
    FLOW_THANKS_MS = 10000,            /* the thank-you returns to attract by itself */
    FLOW_PIN_IDLE_MS = 30000,          /* an unfinished PIN entry gives up */
    FLOW_PIN_MAX_DIGITS = 12,
};

typedef struct {
    int64_t idle_ms;
    bool rate_before, rate_after;
    const char *language; /* the default; copied */
    const char *kiosk;    /* copied */
    const char *app_version;
    const char *staff_pin_hash; /* NULL: no PIN; the staff screen then opens only when the
                                   shell says the technician's key file is there */
    int speed_permille;         /* 1000; previews and tests play faster */
} flow_settings;

struct flow {
    const routine_library *library; /* borrowed, may be swapped by flow_set_library */
    const pose_library *poses;      /* borrowed */
    flow_settings settings;
    char default_language[16], language[16], kiosk[64], app_version[16];
    char *staff_pin_hash; /* owned copy */

    flow_screen screen;
    flow_screen before_staff; /* where the staff screens return to */
    int64_t last_input_ms, screen_since_ms;

    routine_kind kind;
    const routine *routine; /* chosen; in library */
    int level;
    int pain_before;
    int rating_chosen; /* on a rating screen: tapped but not yet kept, or SESSION_NO_RATING */
    bool safety_shown; /* the general safety notice was shown in this visit */
    plan *plan;        /* owned, while a routine is chosen to play */
    player player;

    session session;     /* the visit playing, or the last one (its after-rating comes later) */
    bool session_open;   /* playing: the visit has not ended */
    bool session_dirty;  /* changed since the records were handed it: start, end, rating */
    size_t visits_ended; /* count, for the staff screen */

    char pin_entry[FLOW_PIN_MAX_DIGITS + 1];
    bool pin_wrong; /* the last PIN entered was wrong */
    staff_pin_throttle pin_throttle;
    /* With no PIN: set by the shell before a staff request, true when the technician's key
     * file (see README, "Staff") is present. Without either the staff screen stays shut. */
    bool staff_key_present;
    bool quit_requested;
};

void flow_init(flow *f, const routine_library *library, const pose_library *poses,
               const flow_settings *settings, int64_t now_ms);
void flow_free(flow *f);

/* Routines of a kind, in library order: count, and the i-th. */
size_t flow_routine_count(const flow *f, routine_kind kind);
const routine *flow_routine_at(const flow *f, routine_kind kind, size_t i);

/* Any touch, click or key: the patient is there. */
void flow_input(flow *f, int64_t now_ms);

void flow_set_language(flow *f, const char *language);
void flow_begin(flow *f, int64_t now_ms); /* "Touch to begin" */
void flow_choose_kind(flow *f, routine_kind kind, int64_t now_ms);
void flow_choose_routine(flow *f, const routine *r, int64_t now_ms);
void flow_choose_level(flow *f, int level);
/* Start on the card; false (and nothing changes) if the routine cannot be compiled. */
bool flow_start(flow *f, int64_t now_ms, int64_t utc_ms);
/* A rating 0-10, or SESSION_NO_RATING for Skip, on the before or after screen: kept, and on to
 * the next screen. */
void flow_rate(flow *f, int rating, int64_t now_ms, int64_t utc_ms);
/* A tap on a number of the rating screen chooses it (shown as chosen; another tap changes it),
 * and flow_rate_keep keeps it: a mis-tap can be corrected before it is kept. */
void flow_rate_choose(flow *f, int rating);
void flow_rate_keep(flow *f, int64_t now_ms, int64_t utc_ms);
/* The safety notice read: on to the rating before, or the routine. */
void flow_safety_read(flow *f, int64_t now_ms, int64_t utc_ms);
void flow_toggle_pause(flow *f, int64_t now_ms);
void flow_request_stop(flow *f, int64_t now_ms);
void flow_cancel_stop(flow *f, int64_t now_ms);
/* Stops with a reason, or STOP_REASON_NONE (stopping is the question's default answer). A
 * patient dizzy or unwell is then told to sit down and tell the staff (FLOW_TELL_STAFF), which
 * stays until tapped; flow_tell_staff_done goes on to the after-rating or thanks. */
void flow_confirm_stop(flow *f, session_stop_reason why, int64_t now_ms, int64_t utc_ms);
void flow_tell_staff_done(flow *f, int64_t now_ms);

/* What the screens after a routine say of how it ended: praise only for a routine played to the
 * end, and only on the thank-you screen (after the rating, which it must not colour); after a
 * stop, that stopping is good pacing, and after a stop for pain or dizziness, to tell the staff
 * if it stays. */
typedef enum {
    FLOW_AFTER_PRAISE,      /* "Well done." */
    FLOW_AFTER_PACING,      /* "Stopping when you need to is good pacing." */
    FLOW_AFTER_PACING_PAIN, /* ... "If your pain stays worse, tell the staff." */
} flow_after_words;
flow_after_words flow_after_message(const flow *f);
/* Escape / Back: one screen back, never out of the kiosk (the screen's rules say where). */
void flow_back(flow *f, int64_t now_ms, int64_t utc_ms);
/* Whether the routine is playing, or paused under a question: cues are handed out. */
bool flow_routine_live(const flow *f);
void flow_finish_thanks(flow *f, int64_t now_ms);

/* Staff: the hidden gesture, PIN digits, and the staff screen's actions. */
void flow_staff_request(flow *f, int64_t now_ms, int64_t utc_ms);
void flow_pin_digit(flow *f, int digit, int64_t now_ms);
void flow_pin_erase(flow *f, int64_t now_ms);
/* Checks the PIN typed, unless the throttle says wait (then the try is not counted). */
void flow_pin_submit(flow *f, int64_t now_ms, int64_t utc_ms);
/* Milliseconds before the keypad takes another PIN; 0 when it does now. */
int64_t flow_pin_wait_ms(const flow *f, int64_t now_ms);
void flow_staff_leave(flow *f, int64_t now_ms);
void flow_staff_quit(flow *f);

/* Moves time on: plays, hands out due cues (up to max_cues), ends the routine, and applies
 * the timeouts. Returns the number of cues written. */
size_t flow_tick(flow *f, int64_t now_ms, int64_t utc_ms, plan_cue *cues, size_t max_cues);

/* While a routine plays: the cues due by now_ms + lookahead_ms, each handed out once (see
 * player_take_cues_ahead); flow_tick never returns them again. */
size_t flow_cues_ahead(flow *f, int64_t now_ms, int64_t lookahead_ms, plan_cue *cues,
                       size_t max_cues);

/* Milliseconds until the flow next needs a tick without input (a timeout), or -1 for never;
 * the frame loop sleeps at most this long when nothing moves. */
int64_t flow_next_deadline(const flow *f, int64_t now_ms);

/* Replaces the library (a reload from the staff screen, where no visit is open); choices
 * made on the old one are forgotten. */
void flow_set_library(flow *f, const routine_library *library);

/* Whether the library may be swapped now without pulling it from under a patient: on the attract
 * screen or the staff screens, with no visit open. A reload found by the folder watcher waits
 * for this. */
bool flow_library_swap_safe(const flow *f);

/* ease preview: r played at once at level (from the routine screen, as if chosen), with no
 * ratings asked and no visit recorded; false when its plan cannot be made. */
bool flow_preview_start(flow *f, const routine *r, int level, int64_t now_ms, int64_t utc_ms);
/* Whether the pain rating is asked before playing (ease render draws that screen). */
void flow_set_rating_before(flow *f, bool ask);
/* True once for each change of the visit's session (playing started, the visit ended, the
 * after-rating given): the shell then hands a copy to the records. */
bool flow_take_session_change(flow *f);
/* Whether the technician's key file is there (with no PIN, it opens the staff screen). */
void flow_set_staff_key_present(flow *f, bool present);
/* The staff PIN's hash (copied), or NULL for none; false when out of memory. */
bool flow_set_staff_pin_hash(flow *f, const char *hash);

#endif
