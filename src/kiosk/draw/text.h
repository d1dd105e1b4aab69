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

/* Fonts, wrapped layouts and rendered lines, cached (bounded: see text.c); opaque, so that no
 * caller depends on how. */
typedef struct text_system text_system;

enum { TEXT_MIN_PX = 20 }; /* the design's floor: a style with no min_px never shrinks below it */

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

/* Finds the fonts (error says what to install when none is found), starts SDL_ttf and makes
 * *out; on failure *out is NULL. */
bool text_init(text_system **out, SDL_Renderer *renderer, char *error, size_t size);
/* Frees what text_init made (NULL is fine). */
void text_shutdown(text_system *ts);
/* When set (NULL to stop), told where each line is drawn and what it shows (the line's texture,
 * made for its words, size and colour; for partial frames: draw_moving.h). */
void text_on_line(text_system *ts,
                  void (*on_line)(void *data, SDL_FRect where, const SDL_Texture *shows),
                  void *data);
/* Notes each line drawn from now on in record (NULL to stop): the screen tests. */
void text_set_record(text_system *ts, text_record *record);
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

/* Bytes of pixels the rendered lines hold now (bounded by the cache; tests tell it from a leak). */
size_t text_cache_bytes(const text_system *ts);

#endif
