#include "lockdown.h"

#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* EWMH: the window manager's side of the conversation. */
enum { LOCKDOWN_ALL_DESKTOPS = 0xFFFFFFFFu, LOCKDOWN_NET_WM_STATE_ADD = 1 };

struct lockdown {
    SDL_Window *window;
    Display *display;
    Window xwindow, root;
    Atom wm_state, state_fullscreen, state_above, state_sticky, state_hidden, wm_desktop,
        active_window, supporting_wm;
    bool keyboard_held;
    int64_t check_at_ms;
    unsigned retakes;
};

lockdown *lockdown_start(SDL_Window *window)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11)
        return NULL;
    lockdown *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->window = window;
    l->display = info.info.x11.display;
    l->xwindow = info.info.x11.window;
    l->root = DefaultRootWindow(l->display);
    l->wm_state = XInternAtom(l->display, "_NET_WM_STATE", False);
    l->state_fullscreen = XInternAtom(l->display, "_NET_WM_STATE_FULLSCREEN", False);
    l->state_above = XInternAtom(l->display, "_NET_WM_STATE_ABOVE", False);
    l->state_sticky = XInternAtom(l->display, "_NET_WM_STATE_STICKY", False);
    l->state_hidden = XInternAtom(l->display, "_NET_WM_STATE_HIDDEN", False);
    l->wm_desktop = XInternAtom(l->display, "_NET_WM_DESKTOP", False);
    l->active_window = XInternAtom(l->display, "_NET_ACTIVE_WINDOW", False);
    l->supporting_wm = XInternAtom(l->display, "_NET_SUPPORTING_WM_CHECK", False);
    SDL_SetWindowAlwaysOnTop(window, SDL_TRUE);
    return l;
}

void lockdown_stop(lockdown *l)
{
    if (!l)
        return;
    if (l->keyboard_held) {
        XUngrabKeyboard(l->display, CurrentTime);
        XFlush(l->display);
    }
    free(l);
}

/* A request to the window manager about our window (EWMH client message to the root). */
static void lockdown_ask(lockdown *l, Atom type, long a0, long a1, long a2, long a3)
{
    XEvent event = {0};
    event.xclient.type = ClientMessage;
    event.xclient.window = l->xwindow;
    event.xclient.message_type = type;
    event.xclient.format = 32;
    event.xclient.data.l[0] = a0;
    event.xclient.data.l[1] = a1;
    event.xclient.data.l[2] = a2;
    event.xclient.data.l[3] = a3;
    XSendEvent(l->display, l->root, False, SubstructureRedirectMask | SubstructureNotifyMask,
               &event);
}

/* One CARDINAL or ATOM list property of our window; count 0 when it has none. */
static unsigned long lockdown_property(lockdown *l, Atom name, Atom type, unsigned long *values,
                                       unsigned long most)
{
    Atom actual;
    int format;
    unsigned long count = 0, after;
    unsigned char *data = NULL;
    if (XGetWindowProperty(l->display, l->xwindow, name, 0, (long)most, False, type, &actual,
                           &format, &count, &after, &data) != Success ||
        !data || format != 32) {
        if (data)
            XFree(data);
        return 0;
    }
    const long *longs = (const long *)data; /* format 32 comes back as longs */
    for (unsigned long i = 0; i < count && i < most; i++)
        values[i] = (unsigned long)longs[i];
    XFree(data);
    return count < most ? count : most;
}

/* True when the window is on screen as a kiosk must be: mapped and viewable, not hidden
 * (minimised), on every desktop, full-screen and above the rest. */
/* True when an EWMH window manager runs (it may start after Ease, or go): only then do the
 * desktop, the state and the active window mean anything. */
static bool lockdown_managed(lockdown *l)
{
    Atom actual;
    int format;
    unsigned long count = 0, after;
    unsigned char *data = NULL;
    bool managed = XGetWindowProperty(l->display, l->root, l->supporting_wm, 0, 1, False, XA_WINDOW,
                                      &actual, &format, &count, &after, &data) == Success &&
                   data && count == 1;
    if (data)
        XFree(data);
    return managed;
}

static bool lockdown_holds(lockdown *l, bool managed)
{
    XWindowAttributes attributes;
    if (!XGetWindowAttributes(l->display, l->xwindow, &attributes) ||
        attributes.map_state != IsViewable)
        return false;
    if (!managed)
        return true; /* no window manager: nothing else can take the screen */
    unsigned long desktop[1];
    if (lockdown_property(l, l->wm_desktop, XA_CARDINAL, desktop, 1) == 1 &&
        (uint32_t)desktop[0] != LOCKDOWN_ALL_DESKTOPS)
        return false;
    unsigned long states[16];
    unsigned long n = lockdown_property(l, l->wm_state, XA_ATOM, states, 16);
    bool full = false, above = false;
    for (unsigned long i = 0; i < n; i++) {
        if (states[i] == l->state_hidden)
            return false;
        full |= states[i] == l->state_fullscreen;
        above |= states[i] == l->state_above;
    }
    return full && above;
}

/* Takes the screen back: shown, restored, full-screen, above, on every desktop, active. */
static void lockdown_retake(lockdown *l)
{
    l->retakes++;
    /* Requests only, never a wait: SDL_ShowWindow waits for the window to be mapped, which a
     * window manager keeping it on another desktop never does (it hung the kiosk). SDL learns
     * the new state from the events that follow. The desktop first, so the map is honoured. */
    lockdown_ask(l, l->wm_desktop, (long)LOCKDOWN_ALL_DESKTOPS, 2, 0, 0);
    XMapRaised(l->display, l->xwindow);
    lockdown_ask(l, l->wm_state, LOCKDOWN_NET_WM_STATE_ADD, (long)l->state_fullscreen,
                 (long)l->state_above, 2);
    lockdown_ask(l, l->wm_state, LOCKDOWN_NET_WM_STATE_ADD, (long)l->state_sticky, 0, 2);
    /* Source 2: a pager's request, which window managers honour without focus-stealing checks. */
    lockdown_ask(l, l->active_window, 2, CurrentTime, 0, 0);
    XFlush(l->display);
}

/* Whose is the active window? Another's (a dialog or a window the window manager raised): the
 * screen is taken back. */
static void lockdown_take_focus(lockdown *l)
{
    Atom actual;
    int format;
    unsigned long count = 0, after;
    unsigned char *data = NULL;
    if (XGetWindowProperty(l->display, l->root, l->active_window, 0, 1, False, XA_WINDOW, &actual,
                           &format, &count, &after, &data) == Success &&
        data && count == 1 && *(const Window *)data != l->xwindow)
        lockdown_retake(l);
    if (data)
        XFree(data);
}

void lockdown_event(lockdown *l, const SDL_Event *event, int64_t now_ms)
{
    if (!l || event->type != SDL_WINDOWEVENT)
        return;
    switch (event->window.event) {
    case SDL_WINDOWEVENT_MINIMIZED:
    case SDL_WINDOWEVENT_HIDDEN:
    case SDL_WINDOWEVENT_FOCUS_LOST:
    case SDL_WINDOWEVENT_LEAVE:
        l->check_at_ms = now_ms; /* look at once */
        break;
    default:
        break;
    }
}

void lockdown_poll(lockdown *l, int64_t now_ms, bool keyboard_wanted)
{
    if (!l || now_ms < l->check_at_ms)
        return;
    l->check_at_ms = now_ms + LOCKDOWN_CHECK_MS;
    bool managed = lockdown_managed(l);
    if (!lockdown_holds(l, managed)) {
        lockdown_retake(l);
        l->keyboard_held = false; /* a window that was unmapped lost its grab */
    } else if (managed) {
        lockdown_take_focus(l);
    }
    if (keyboard_wanted) {
        /* Asked again each time: a grab is lost when the window is unmapped, and a second grab
         * by the holder only refreshes it. */
        int status =
            XGrabKeyboard(l->display, l->xwindow, True, GrabModeAsync, GrabModeAsync, CurrentTime);
        l->keyboard_held = status == GrabSuccess;
    } else if (l->keyboard_held) {
        XUngrabKeyboard(l->display, CurrentTime);
        l->keyboard_held = false;
    }
    XFlush(l->display);
}

int64_t lockdown_wait_ms(const lockdown *l, int64_t now_ms)
{
    if (!l)
        return INT64_MAX;
    return l->check_at_ms > now_ms ? l->check_at_ms - now_ms : 0;
}

unsigned lockdown_retakes(const lockdown *l)
{
    return l ? l->retakes : 0;
}
