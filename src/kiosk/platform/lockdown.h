/* Lock-down on a desktop session (a clinic PC that autostarts Ease under a window manager): the
 * full-screen kiosk keeps itself full-screen, on top and on every desktop, takes the screen back
 * when it is minimised, unmapped, hidden or moved to another desktop, and holds the keyboard
 * while patients use it, so the window manager's own keys (Super+D, Alt+Space, Ctrl+Alt+Right,
 * Alt+Tab) never reach it. On X11 only; under cage (Wayland) the compositor is the lock-down, and
 * a windowed kiosk or a preview is never locked down. */
#ifndef EASE_LOCKDOWN_H
#define EASE_LOCKDOWN_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

/* How often the window's state is looked at, besides the window events that say it changed. */
enum { LOCKDOWN_CHECK_MS = 250 };

typedef struct lockdown lockdown;

/* Starts holding window (a full-screen kiosk). NULL when there is nothing to hold: not X11, or
 * out of memory. */
lockdown *lockdown_start(SDL_Window *window);
void lockdown_stop(lockdown *l);

/* A window event: minimised, hidden or focus lost is answered at once. */
void lockdown_event(lockdown *l, const SDL_Event *event, int64_t now_ms);

/* Looks at the window when due and takes the screen back if it lost it; holds the keyboard while
 * keyboard_wanted (the patient's screens), lets it go otherwise (the staff screen). */
void lockdown_poll(lockdown *l, int64_t now_ms, bool keyboard_wanted);

/* Milliseconds until lockdown_poll is next due. */
int64_t lockdown_wait_ms(const lockdown *l, int64_t now_ms);

/* How many times the screen was taken back, for the journal and tests. */
unsigned lockdown_retakes(const lockdown *l);

#endif
