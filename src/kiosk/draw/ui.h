/* Buttons and where they are: each frame a screen adds its touch targets while it draws them;
 * touches, clicks and keys find them here. Keyboard focus moves through them in order. */
#ifndef EASE_UI_H
#define EASE_UI_H

#include <SDL.h>
#include <stdbool.h>

enum { UI_MAX_TARGETS = 64 };

typedef struct {
    SDL_FRect rect;
    int action, arg;
} ui_target;

typedef struct {
    ui_target targets[UI_MAX_TARGETS];
    int count;
    int focus;          /* index into targets, -1 none */
    bool focus_visible; /* shown after keyboard use */
    int pressed;        /* target under a press in progress, -1 none */
} ui_state;

void ui_reset(ui_state *ui);       /* new screen: no focus, no press */
void ui_begin_frame(ui_state *ui); /* targets are added again while drawing */
int ui_add(ui_state *ui, SDL_FRect rect, int action, int arg);
/* The target at x, y (the last added wins where they overlap), or -1. */
int ui_hit(const ui_state *ui, float x, float y);
void ui_focus_move(ui_state *ui, int step);
bool ui_is_focused(const ui_state *ui, int index);

#endif
