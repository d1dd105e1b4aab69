/* Text on screen: the font found through fontconfig (DejaVu Sans or Noto Sans, two weights),
 * word-wrapped into a box and shrunk until it fits, never cut off; rendered lines are cached as
 * textures so a calm frame re-renders nothing. */
#ifndef EASE_TEXT_H
#define EASE_TEXT_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

typedef enum { TEXT_REGULAR, TEXT_BOLD, TEXT_WEIGHT_COUNT } text_weight;
typedef enum { TEXT_LEFT, TEXT_CENTRE, TEXT_RIGHT } text_align;

/* Rendered lines are kept up to a count and a size in bytes (a line of a 4K title is megabytes),
 * so a kiosk that runs for months holds a bounded amount. */
enum {
    TEXT_FONT_SLOTS = 48,
    TEXT_CACHE_SLOTS = 256,
    TEXT_CACHE_BYTES = 16 * 1024 * 1024,
    TEXT_MIN_PX = 20 /* the design's floor: a style with no min_px never shrinks below it */
};

typedef struct {
    char *text;
    int size_px;
    text_weight weight;
    SDL_Color colour;
    SDL_Texture *texture;
    int w, h;
    unsigned long last_used;
} text_cache_entry;

/* A text already wrapped for a box: frames redraw the same words many times. */
enum { TEXT_LAYOUT_SLOTS = 32, TEXT_LAYOUT_LINES = 12, TEXT_LAYOUT_BYTES = 1024 };
typedef struct {
    char *text;
    int want_px, min_px, max_lines;
    float box_w, box_h;
    int weight;
    int size_px, count;
    float height;
    char *lines[TEXT_LAYOUT_LINES];
    unsigned long last_used;
} text_layout_entry;

/* What was drawn, for the tests that measure the screens (tests/screens/): each line's box, size
 * and colour, so a test can read the pixels behind it. Off (NULL) in the kiosk. */
enum { TEXT_DRAWN_BYTES = 160 };
typedef struct {
    SDL_FRect box; /* the rendered line's whole box, ascent to descent */
    int size_px;
    SDL_Color colour;
    char text[TEXT_DRAWN_BYTES];
} text_drawn;
typedef struct {
    text_drawn *lines; /* grown as needed; the owner frees */
    size_t count, capacity;
    bool hide; /* record only: draws the screen as it is behind its words */
} text_record;

typedef struct {
    char path[TEXT_WEIGHT_COUNT][1024];
    text_layout_entry layouts[TEXT_LAYOUT_SLOTS];
    struct {
        TTF_Font *font;
        int size_px;
        text_weight weight;
        unsigned long last_used;
    } fonts[TEXT_FONT_SLOTS];
    text_cache_entry cache[TEXT_CACHE_SLOTS];
    SDL_Renderer *renderer;
    unsigned long clock;
    size_t cache_bytes;  /* pixels held by the rendered lines */
    text_record *record; /* NULL but in the screen tests */
} text_system;

/* Finds the fonts (error says what to install when none is found) and starts SDL_ttf. */
bool text_init(text_system *ts, SDL_Renderer *renderer, char *error, size_t size);
void text_shutdown(text_system *ts);
/* Forgets every texture (the renderer changed or the screen was cleared for privacy). */
void text_flush(text_system *ts);

typedef struct {
    SDL_FRect box; /* where the text may go */
    int size_px;   /* wanted size; shrunk to fit */
    int min_px;    /* never smaller than this (0: TEXT_MIN_PX); what does not fit at it
                      overflows the box, so the screen's layout must say less or reflow */
    text_weight weight;
    text_align align;
    bool centre_vertically;
    SDL_Color colour;
    int max_lines; /* 0: as many as fit */
} text_style;

/* Draws text wrapped into style->box, shrinking until it fits; returns the size used (px)
 * and the height drawn in *height (may be NULL). */
int text_draw(text_system *ts, const char *text, const text_style *style, float *height);

/* Whether text fits style's box (and max_lines) at style->size_px, without shrinking: a screen
 * says less (leaves a line out) rather than shrink past what it wants. */
bool text_fits(text_system *ts, const char *text, const text_style *style);

/* One line, unwrapped, at size_px: its width in pixels. */
int text_width(text_system *ts, const char *text, int size_px, text_weight weight);

#endif
