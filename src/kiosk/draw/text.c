#include "text.h"

#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { TEXT_MAX_LINES = 64, TEXT_LINE_BYTES = 1024 };

/* Rendered lines are kept up to a count and a size in bytes (a line of a 4K title is megabytes),
 * so a kiosk that runs for months holds a bounded amount. */
enum {
    TEXT_FONT_SLOTS = 48,
    TEXT_CACHE_SLOTS = 256,
    TEXT_CACHE_BYTES = 16 * 1024 * 1024,
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

/* Measured widths: wrapping measures each growing line word by word, and the play screen asks
 * every frame whether its words fit (text_fits), so unmeasured that was a third of a moving
 * frame's CPU, all of it shaping the same strings again. Four slots per hash, the least
 * recently used one given up, so two strings a frame never keep pushing each other out. */
enum { TEXT_WIDTH_SLOTS = 2048, TEXT_WIDTH_WAYS = 4 };
typedef struct {
    char *text; /* NULL: empty slot */
    uint64_t hash;
    int size_px, weight, width;
    unsigned long last_used;
} text_width_entry;

/* Answers of text_fits: the play screen asks the same question of the same words every frame. */
enum { TEXT_FITS_SLOTS = 32 };
typedef struct {
    char *text; /* NULL: empty slot */
    int size_px, weight, max_lines;
    float box_w, box_h;
    bool fits;
    unsigned long last_used;
} text_fits_entry;

struct text_system {
    char path[TEXT_WEIGHT_COUNT][1024];
    text_fits_entry fits[TEXT_FITS_SLOTS];
    text_layout_entry layouts[TEXT_LAYOUT_SLOTS];
    text_width_entry widths[TEXT_WIDTH_SLOTS];
    struct {
        TTF_Font *font;
        int size_px;
        text_weight weight;
        unsigned long last_used;
    } fonts[TEXT_FONT_SLOTS];
    text_cache_entry cache[TEXT_CACHE_SLOTS];
    SDL_Renderer *renderer;
    unsigned long clock;
    size_t cache_bytes; /* pixels held by the rendered lines */
    void (*on_line)(void *data, SDL_FRect where, const SDL_Texture *shows);
    void *on_line_data;
    text_record *record; /* NULL but in the screen tests */
};

void text_set_record(text_system *ts, text_record *record)
{
    ts->record = record;
}

void text_on_line(text_system *ts,
                  void (*on_line)(void *data, SDL_FRect where, const SDL_Texture *shows),
                  void *data)
{
    ts->on_line = on_line;
    ts->on_line_data = data;
}

/* The humanist sans families the design names, best first. */
static bool text_find_font(const char *family, bool bold, char *out, size_t size)
{
    FcPattern *pattern = FcPatternCreate();
    if (!pattern)
        return false;
    FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddString(pattern, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
    FcConfigSubstitute(NULL, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    FcPattern *match = FcFontMatch(NULL, pattern, &result);
    bool ok = false;
    if (match) {
        FcChar8 *file = NULL, *found_family = NULL;
        if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
            FcPatternGetString(match, FC_FAMILY, 0, &found_family) == FcResultMatch &&
            !strcmp((const char *)found_family, family)) {
            snprintf(out, size, "%s", (const char *)file);
            ok = true;
        }
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pattern);
    return ok;
}

bool text_init(text_system **out, SDL_Renderer *renderer, char *error, size_t size)
{
    *out = NULL;
    text_system *ts = calloc(1, sizeof *ts);
    if (!ts) {
        snprintf(error, size, "out of memory for the text renderer");
        return false;
    }
    ts->renderer = renderer;
    static const char *const families[] = {"DejaVu Sans", "Noto Sans"};
    bool found = false;
    for (size_t f = 0; f < 2 && !found; f++)
        found = text_find_font(families[f], false, ts->path[TEXT_REGULAR],
                               sizeof ts->path[TEXT_REGULAR]) &&
                text_find_font(families[f], true, ts->path[TEXT_BOLD], sizeof ts->path[TEXT_BOLD]);
    FcFini();
    if (!found) {
        snprintf(error, size,
                 "no font: Ease needs DejaVu Sans or Noto Sans; install them with "
                 "'apt-get install fonts-dejavu-core'");
        free(ts);
        return false;
    }
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(error, size, "cannot start the text renderer: %s", TTF_GetError());
        free(ts);
        return false;
    }
    *out = ts;
    return true;
}

static void text_layout_forget(text_layout_entry *e)
{
    free(e->text);
    for (int i = 0; i < e->count && i < TEXT_LAYOUT_LINES; i++)
        free(e->lines[i]);
    memset(e, 0, sizeof *e);
}

static void text_cache_drop(text_system *ts, text_cache_entry *e)
{
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    ts->cache_bytes -= (size_t)e->w * (size_t)e->h * 4;
    free(e->text);
    memset(e, 0, sizeof *e);
}

void text_flush(text_system *ts)
{
    for (int i = 0; i < TEXT_LAYOUT_SLOTS; i++)
        text_layout_forget(&ts->layouts[i]);
    for (int i = 0; i < TEXT_WIDTH_SLOTS; i++) {
        free(ts->widths[i].text);
        ts->widths[i] = (text_width_entry){0};
    }
    for (int i = 0; i < TEXT_FITS_SLOTS; i++) {
        free(ts->fits[i].text);
        ts->fits[i] = (text_fits_entry){0};
    }
    for (int i = 0; i < TEXT_CACHE_SLOTS; i++)
        if (ts->cache[i].text)
            text_cache_drop(ts, &ts->cache[i]);
    ts->cache_bytes = 0;
}

void text_shutdown(text_system *ts)
{
    if (!ts)
        return;
    text_flush(ts);
    for (int i = 0; i < TEXT_FONT_SLOTS; i++)
        if (ts->fonts[i].font)
            TTF_CloseFont(ts->fonts[i].font);
    free(ts);
    if (TTF_WasInit())
        TTF_Quit();
}

size_t text_cache_bytes(const text_system *ts)
{
    return ts ? ts->cache_bytes : 0;
}

static TTF_Font *text_font(text_system *ts, int size_px, text_weight weight)
{
    int oldest = 0;
    for (int i = 0; i < TEXT_FONT_SLOTS; i++) {
        if (ts->fonts[i].font && ts->fonts[i].size_px == size_px && ts->fonts[i].weight == weight) {
            ts->fonts[i].last_used = ++ts->clock;
            return ts->fonts[i].font;
        }
        if (ts->fonts[i].last_used < ts->fonts[oldest].last_used)
            oldest = i;
    }
    TTF_Font *font = TTF_OpenFont(ts->path[weight], size_px);
    if (!font)
        return NULL;
    if (ts->fonts[oldest].font)
        TTF_CloseFont(ts->fonts[oldest].font);
    ts->fonts[oldest].font = font;
    ts->fonts[oldest].size_px = size_px;
    ts->fonts[oldest].weight = weight;
    ts->fonts[oldest].last_used = ++ts->clock;
    return font;
}

/* FNV-1a over the text, then the size and weight. */
static uint64_t text_width_hash(const char *text, int size_px, text_weight weight)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ (uint64_t)size_px) * 1099511628211u;
    return (h ^ (uint64_t)weight) * 1099511628211u;
}

int text_width(text_system *ts, const char *text, int size_px, text_weight weight)
{
    if (!*text)
        return 0;
    uint64_t hash = text_width_hash(text, size_px, weight);
    text_width_entry *set =
        &ts->widths[hash % (TEXT_WIDTH_SLOTS / TEXT_WIDTH_WAYS) * TEXT_WIDTH_WAYS];
    text_width_entry *oldest = &set[0];
    for (int i = 0; i < TEXT_WIDTH_WAYS; i++) {
        text_width_entry *e = &set[i];
        if (e->text && e->hash == hash && e->size_px == size_px && e->weight == (int)weight &&
            !strcmp(e->text, text)) {
            e->last_used = ++ts->clock;
            return e->width;
        }
        if (e->last_used < oldest->last_used)
            oldest = e;
    }
    TTF_Font *font = text_font(ts, size_px, weight);
    int w = 0, h = 0;
    if (!font || TTF_SizeUTF8(font, text, &w, &h) != 0)
        return w; /* not kept: a font that failed to open may open next time */
    char *copy = strdup(text);
    if (copy) { /* out of memory: measured, just not kept */
        free(oldest->text);
        *oldest = (text_width_entry){copy, hash, size_px, (int)weight, w, ++ts->clock};
    }
    return w;
}

static text_cache_entry *text_line_texture(text_system *ts, const char *line, int size_px,
                                           text_weight weight, SDL_Color colour)
{
    int oldest = 0;
    for (int i = 0; i < TEXT_CACHE_SLOTS; i++) {
        text_cache_entry *e = &ts->cache[i];
        if (e->text && e->size_px == size_px && e->weight == weight && e->colour.r == colour.r &&
            e->colour.g == colour.g && e->colour.b == colour.b && e->colour.a == colour.a &&
            !strcmp(e->text, line)) {
            e->last_used = ++ts->clock;
            return e;
        }
        if (ts->cache[i].last_used < ts->cache[oldest].last_used)
            oldest = i;
    }
    TTF_Font *font = text_font(ts, size_px, weight);
    if (!font)
        return NULL;
    SDL_Surface *surface = TTF_RenderUTF8_Blended(font, line, colour);
    if (!surface)
        return NULL;
    SDL_Texture *texture = SDL_CreateTextureFromSurface(ts->renderer, surface);
    int w = surface->w, h = surface->h;
    SDL_FreeSurface(surface);
    if (!texture)
        return NULL;
    /* Over budget: let the least recently used lines go first. */
    size_t bytes = (size_t)w * (size_t)h * 4;
    while (ts->cache_bytes + bytes > TEXT_CACHE_BYTES) {
        text_cache_entry *least = NULL;
        for (int i = 0; i < TEXT_CACHE_SLOTS; i++)
            if (ts->cache[i].text && (!least || ts->cache[i].last_used < least->last_used))
                least = &ts->cache[i];
        if (!least)
            break;
        text_cache_drop(ts, least);
    }
    text_cache_entry *e = &ts->cache[oldest];
    if (e->text)
        text_cache_drop(ts, e);
    ts->cache_bytes += bytes;
    *e = (text_cache_entry){.text = strdup(line),
                            .size_px = size_px,
                            .weight = weight,
                            .colour = colour,
                            .texture = texture,
                            .w = w,
                            .h = h,
                            .last_used = ++ts->clock};
    if (!e->text) {
        text_cache_drop(ts, e);
        return NULL;
    }
    return e;
}

/* Breaks text into lines no wider than width at size_px; explicit newlines break too. A word
 * wider than the line is put on its own line (the caller shrinks until none is). */
static int text_wrap(text_system *ts, const char *text, int size_px, text_weight weight,
                     float width, char lines[][TEXT_LINE_BYTES], int max_lines, bool *overflow)
{
    int count = 0;
    *overflow = false;
    char current[TEXT_LINE_BYTES] = "";
    const char *p = text;
    while (*p) {
        if (*p == '\n') {
            if (count < max_lines)
                snprintf(lines[count], TEXT_LINE_BYTES, "%s", current);
            count++;
            current[0] = '\0';
            p++;
            continue;
        }
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " \n");
        if (n == 0)
            continue;
        char candidate[TEXT_LINE_BYTES];
        int written = snprintf(candidate, sizeof candidate, "%s%s%.*s", current,
                               current[0] ? " " : "", (int)n, p);
        if (written >= (int)sizeof candidate)
            *overflow = true;
        if (current[0] && text_width(ts, candidate, size_px, weight) > width) {
            if (count < max_lines)
                snprintf(lines[count], TEXT_LINE_BYTES, "%s", current);
            count++;
            snprintf(current, sizeof current, "%.*s", (int)n, p);
        } else {
            snprintf(current, sizeof current, "%s", candidate);
        }
        if (text_width(ts, current, size_px, weight) > width)
            *overflow = true;
        p += n;
    }
    if (current[0]) {
        if (count < max_lines)
            snprintf(lines[count], TEXT_LINE_BYTES, "%s", current);
        count++;
    }
    return count;
}

static float text_line_height(text_system *ts, int size_px, text_weight weight)
{
    TTF_Font *font = text_font(ts, size_px, weight);
    return font ? (float)TTF_FontLineSkip(font) : (float)size_px * 1.2f;
}

/* The largest size from style->size_px down at which the text fits; lines filled in. */
static int text_layout(text_system *ts, const char *text, const text_style *style,
                       char lines[][TEXT_LINE_BYTES], int *count, float *height)
{
    /* The patients' screens pass the theme's floor (tests/screens holds them to it); a staff
     * screen or the preview's notice may ask for less on a small screen. */
    int min_px = style->min_px > 0 ? style->min_px : TEXT_MIN_PX;
    int size = style->size_px > min_px ? style->size_px : min_px;
    for (;;) {
        bool overflow;
        int max_lines = style->max_lines > 0 ? style->max_lines : TEXT_MAX_LINES;
        int n = text_wrap(ts, text, size, style->weight, style->box.w, lines, TEXT_MAX_LINES,
                          &overflow);
        float h = (float)n * text_line_height(ts, size, style->weight);
        bool fits = !overflow && n <= max_lines && n <= TEXT_MAX_LINES && h <= style->box.h;
        if (fits || size <= min_px) {
            *count = n < TEXT_MAX_LINES ? n : TEXT_MAX_LINES;
            *height = h;
            return size;
        }
        /* Shrink by a tenth at a time: quick to converge, few font sizes opened. */
        int next = size * 9 / 10;
        size = next < min_px ? min_px : next;
    }
}

bool text_fits(text_system *ts, const char *text, const text_style *style)
{
    text_fits_entry *oldest = &ts->fits[0];
    for (int i = 0; i < TEXT_FITS_SLOTS; i++) {
        text_fits_entry *e = &ts->fits[i];
        if (e->text && e->size_px == style->size_px && e->weight == (int)style->weight &&
            e->max_lines == style->max_lines && e->box_w == style->box.w &&
            e->box_h == style->box.h && !strcmp(e->text, text)) {
            e->last_used = ++ts->clock;
            return e->fits;
        }
        if (e->last_used < oldest->last_used)
            oldest = e;
    }
    static char lines[TEXT_MAX_LINES][TEXT_LINE_BYTES];
    bool overflow;
    int n = text_wrap(ts, text, style->size_px, style->weight, style->box.w, lines, TEXT_MAX_LINES,
                      &overflow);
    int max_lines = style->max_lines > 0 ? style->max_lines : TEXT_MAX_LINES;
    float h = (float)n * text_line_height(ts, style->size_px, style->weight);
    bool fits = !overflow && n <= max_lines && h <= style->box.h;
    char *copy = strdup(text);
    if (copy) { /* out of memory: answered, just not kept */
        free(oldest->text);
        *oldest = (text_fits_entry){
            copy,         style->size_px, (int)style->weight, style->max_lines, style->box.w,
            style->box.h, fits,           ++ts->clock};
    }
    return fits;
}

/* text_layout through a small cache: the same words in the same box wrap the same way. Lines
 * point into the cache (or into the static buffer for layouts too long to keep). */
static int text_layout_cached(text_system *ts, const char *text, const text_style *style,
                              const char **lines, int *count, float *height)
{
    static char fresh[TEXT_MAX_LINES][TEXT_LINE_BYTES];
    int oldest = 0;
    for (int i = 0; i < TEXT_LAYOUT_SLOTS; i++) {
        text_layout_entry *e = &ts->layouts[i];
        if (e->text && e->want_px == style->size_px && e->min_px == style->min_px &&
            e->max_lines == style->max_lines && e->weight == (int)style->weight &&
            e->box_w == style->box.w && e->box_h == style->box.h && !strcmp(e->text, text)) {
            e->last_used = ++ts->clock;
            for (int l = 0; l < e->count; l++)
                lines[l] = e->lines[l];
            *count = e->count;
            *height = e->height;
            return e->size_px;
        }
        if (e->last_used < ts->layouts[oldest].last_used)
            oldest = i;
    }
    int size = text_layout(ts, text, style, fresh, count, height);
    for (int l = 0; l < *count; l++)
        lines[l] = fresh[l];
    if (*count > TEXT_LAYOUT_LINES || strlen(text) >= TEXT_LAYOUT_BYTES)
        return size;
    text_layout_entry *e = &ts->layouts[oldest];
    text_layout_forget(e);
    *e = (text_layout_entry){.text = strdup(text),
                             .want_px = style->size_px,
                             .min_px = style->min_px,
                             .max_lines = style->max_lines,
                             .box_w = style->box.w,
                             .box_h = style->box.h,
                             .weight = (int)style->weight,
                             .size_px = size,
                             .height = *height,
                             .last_used = ++ts->clock};
    bool ok = e->text != NULL;
    for (int l = 0; ok && l < *count; l++) {
        e->lines[l] = strdup(fresh[l]);
        ok = e->lines[l] != NULL;
        e->count = l + 1;
    }
    if (!ok)
        text_layout_forget(e); /* out of memory: this layout is simply not kept */
    return size;
}

/* False when a clip is set (a partial frame) and box lies wholly outside it: nothing to draw,
 * and no need to lay the text out. */
static bool text_box_visible(const text_system *ts, SDL_FRect box)
{
    if (!SDL_RenderIsClipEnabled(ts->renderer))
        return true;
    SDL_Rect clip;
    SDL_RenderGetClipRect(ts->renderer, &clip);
    return box.x < (float)(clip.x + clip.w) && box.x + box.w > (float)clip.x &&
           box.y < (float)(clip.y + clip.h) && box.y + box.h > (float)clip.y;
}

/* Notes a drawn line for the screen tests; out of memory, the line is simply not noted. */
static void text_note(text_record *record, SDL_FRect box, int size_px, SDL_Color colour,
                      const char *line)
{
    if (record->count == record->capacity) {
        size_t capacity = record->capacity ? record->capacity * 2 : 64;
        text_drawn *grown = realloc(record->lines, capacity * sizeof *grown);
        if (!grown)
            return;
        record->lines = grown;
        record->capacity = capacity;
    }
    text_drawn *d = &record->lines[record->count++];
    *d = (text_drawn){.box = box, .size_px = size_px, .colour = colour};
    snprintf(d->text, sizeof d->text, "%s", line);
}

int text_draw(text_system *ts, const char *text, const text_style *style, float *height)
{
    const char *lines[TEXT_MAX_LINES];
    int count;
    float h;
    if (!text || !*text || (!height && !text_box_visible(ts, style->box))) {
        if (height)
            *height = 0;
        return style->size_px;
    }
    int size = text_layout_cached(ts, text, style, lines, &count, &h);
    float line_height = text_line_height(ts, size, style->weight);
    float y = style->box.y + (style->centre_vertically ? (style->box.h - h) / 2 : 0);
    for (int i = 0; i < count; i++, y += line_height) {
        if (!lines[i][0])
            continue;
        text_cache_entry *e = text_line_texture(ts, lines[i], size, style->weight, style->colour);
        if (!e)
            continue;
        float x = style->box.x;
        if (style->align == TEXT_CENTRE)
            x += (style->box.w - (float)e->w) / 2;
        else if (style->align == TEXT_RIGHT)
            x += style->box.w - (float)e->w;
        SDL_FRect to = {x, y, (float)e->w, (float)e->h};
        if (ts->record)
            text_note(ts->record, to, size, style->colour, lines[i]);
        if (!ts->record || !ts->record->hide)
            SDL_RenderCopyF(ts->renderer, e->texture, NULL, &to);
        if (ts->on_line)
            ts->on_line(ts->on_line_data, to, e->texture);
    }
    if (height)
        *height = h;
    return size;
}
