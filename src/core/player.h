/* Playback of a plan: where the routine is at a moment, and which cues fell due since the last
 * look. The position is always (now - start - paused) x speed, from times handed in; nothing
 * accumulates frame deltas, so nothing drifts over a routine of any length. */
#ifndef EASE_PLAYER_H
#define EASE_PLAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plan.h"

typedef enum {
    PLAYER_READY, /* not started */
    PLAYER_PLAYING,
    PLAYER_PAUSED,
    PLAYER_FINISHED, /* reached the end */
    PLAYER_STOPPED,  /* stopped before the end */
} player_state;

typedef struct {
    const plan *plan; /* borrowed; NULL once cleared (then always PLAYER_READY) */
    player_state state;
    int64_t start_ms;       /* clock time the routine started */
    int64_t paused_ms;      /* clock time spent paused, in all */
    int64_t pause_began_ms; /* while paused: when */
    int speed_permille;     /* 1000 = real time; previews play faster */
    int64_t position_ms;    /* routine time at the last advance */
    size_t segment;         /* at the last advance */
    size_t next_cue;        /* first cue not yet handed out */
    size_t steps_started;   /* distinct steps reached, for "steps completed" */
    uint32_t last_step;
} player;

/* Ready to play p at speed (1000 = real time). p may be NULL: a player with no plan stays
 * PLAYER_READY and every query answers "nothing playing". */
void player_init(player *pl, const plan *p, int speed_permille);

/* Forgets the plan before its owner frees it, so that nothing can read a freed plan through the
 * player between routines: afterwards the player is READY with no plan (position 0, no cues, no
 * steps) until player_init hands it another. */
void player_clear(player *pl);

void player_start(player *pl, int64_t now_ms);
void player_pause(player *pl, int64_t now_ms);
void player_resume(player *pl, int64_t now_ms);
/* Ends before the end (the patient pressed Stop, or walked away). */
void player_stop(player *pl, int64_t now_ms);

/* Starts at routine time from_ms instead of 0 (previews); cues before it are skipped. */
void player_seek(player *pl, int64_t now_ms, int64_t from_ms);

/* Moves to now_ms and hands out the cues that fell due since the last advance, up to
 * max_cues (the rest wait for the next call). Returns how many were written to cues. When the
 * position reaches the end the state becomes PLAYER_FINISHED. */
size_t player_advance(player *pl, int64_t now_ms, plan_cue *cues, size_t max_cues);

/* Hands out, once, the cues that fall due by clock time now_ms + lookahead_ms (while playing;
 * none while paused), without moving the position: the audio gets each cue a little before its
 * moment and starts it at its exact sample. player_advance never hands them out again. */
size_t player_take_cues_ahead(player *pl, int64_t now_ms, int64_t lookahead_ms, plan_cue *cues,
                              size_t max_cues);

/* Clock time of the next cue not yet handed out, or -1 when none is left or not playing: when
 * the frame loop must be awake to hand it over. */
int64_t player_next_cue_clock_ms(const player *pl);

/* Routine time at now_ms without moving (for drawing between advances). */
int64_t player_position_at(const player *pl, int64_t now_ms);

/* Clock time at which routine time at_ms will be (or was) reached, given no further pauses: what
 * the audio uses to start a cue exactly on time. */
int64_t player_clock_at(const player *pl, int64_t at_ms);

/* The countdown shown at routine time t_ms, so the screen never looks frozen: the routine time
 * at which it reaches zero, or -1 where nothing is counted down. A timed step counts to the end
 * of the play it is in (across its prompts; each repeat counts again, with "Repeat 2 of 3"
 * beside it); a rest step, a rest between sets and the hold at the end of a repetition count to
 * their own end. Repetitions are counted instead, and breathing's pacer counts each phase. */
int64_t player_countdown_end_ms(const player *pl, int64_t t_ms);

/* The whole seconds a countdown ending at end_ms shows at t_ms, rounded up (3, 2, 1: never 0
 * while it runs); 0 at or past its end. */
int64_t player_countdown_seconds(int64_t end_ms, int64_t t_ms);

/* Those seconds as the screen shows them: "45" under a minute, "4:05" from a minute on (a bare
 * "285" reads as a number, not as time). */
void player_countdown_format(int64_t seconds, char *out, size_t size);

/* The first routine time after t_ms at which that number changes (its end, at the last). */
int64_t player_countdown_next_change_ms(int64_t end_ms, int64_t t_ms);

/* Steps completed: those started and left behind (all, when finished). */
size_t player_steps_completed(const player *pl);

#endif
