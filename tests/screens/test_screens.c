/* Every screen as a patient sees it, held still: each is rendered (as 'ease render' does) at the
 * four sizes of the design (1920x1080, 1280x800, 800x480, 480x800) in both themes and compared
 * with its reference PNG in tests/screens/reference/ (kept at half size) within a tolerance, so
 * a change of layout is a picture in a review, not a surprise. Then every text a patient reads is
 * measured from the renders themselves: the text layer notes each line's box, size and colour, the
 * same screen drawn without its words gives what is really behind each glyph, and the test prints
 * the smallest size and the lowest contrast it found, failing below the design's floors (24 px at
 * 1080p-equivalent and never under 20 px; 7:1). How to regenerate the references: README.md
 * beside this file. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "kiosk.h"

/* One screen reached as a patient would: the routine (NULL: the bundled library), the screen,
 * the routine time and the level. */
typedef struct {
    const char *name;
    const char *file;
    const char *screen;
    int64_t at_ms;
    int level;
    /* The staff's keypad: compared, but not held to the patients' floors. (The staff screen
     * itself is left out: it shows this machine's paths, routine count and version.) */
    bool staff;
    bool pacer; /* also measured in reduced-motion mode, where the pacer dims instead */
} screen_shot;

#define ROUTINE(name) EASE_SOURCE_DIR "/routines/" name ".yaml"
static const screen_shot shots[] = {
    {"attract", NULL, "attract", 2500, 1, false, true},
    {"choose", NULL, "choose", 0, 1, false, false},
    {"routines", NULL, "routines", 0, 1, false, false},
    {"card", ROUTINE("neck-shoulders-seated"), "card", 0, 2, false, false},
    {"rate", ROUTINE("neck-shoulders-seated"), "rate", 0, 1, false, false},
    {"play-move", ROUTINE("neck-shoulders-seated"), "play", 40000, 2, false, false},
    {"play-in", ROUTINE("coherent-breathing"), "play", 31000, 1, false, true},
    {"play-out", ROUTINE("coherent-breathing"), "play", 38500, 1, false, true},
    {"play-hold", ROUTINE("box-breathing"), "play", 0, 1, false, true},
    {"play-split", EASE_SOURCE_DIR "/tests/e2e/breath-with-motion/breath-motion.yaml", "play", 3500,
     1, false, true},
    {"stop", ROUTINE("neck-shoulders-seated"), "stop", 40000, 1, false, false},
    {"after", ROUTINE("neck-shoulders-seated"), "after", 0, 1, false, false},
    {"thanks", ROUTINE("neck-shoulders-seated"), "thanks", 0, 1, false, false},
    {"safety", ROUTINE("neck-shoulders-seated"), "safety", 0, 1, false, false},
    {"tell-staff", ROUTINE("neck-shoulders-seated"), "tell-staff", 40000, 1, false, false},
    {"after-pain", ROUTINE("neck-shoulders-seated"), "after-pain", 40000, 1, false, false},
    {"thanks-pain", ROUTINE("neck-shoulders-seated"), "thanks-pain", 40000, 1, false, false},
    {"staff-pin", NULL, "staff-pin", 0, 1, true, false},
};
enum { SHOTS = sizeof shots / sizeof *shots };

static const struct {
    int w, h;
} sizes[] = {{1920, 1080}, {1280, 800}, {800, 480}, {480, 800}};
enum { SIZES = sizeof sizes / sizeof *sizes };
static const char *const themes[] = {"calm", "high-contrast"};

/* The design's floors. */
#define FLOOR_AT_1080P_PX 24.0
#define FLOOR_ANYWHERE_PX 20
#define FLOOR_CONTRAST    7.0

/* A pixel differs from the reference when a channel is off by more than this, and a screen
 * differs when more than this share of its pixels do (room for a rounding change, none for a
 * moved word). */
#define PIXEL_TOLERANCE 40
#define SHARE_TOLERANCE 0.002

static int64_t hold_start_ms; /* the box breathing's first hold, found from its plan */

static SDL_Surface *load_argb(const char *path)
{
    SDL_Surface *loaded = IMG_Load(path);
    if (!loaded)
        return NULL;
    SDL_Surface *argb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    return argb;
}

/* Renders a shot into path; with a record, notes its text (hidden when record->hide). */
static SDL_Surface *render(const screen_shot *s, int size, const char *theme, const char *lang,
                           bool reduced_motion, text_record *record, const char *path)
{
    kiosk_render_options o = {.file = s->file,
                              .screen = s->screen,
                              .out = path,
                              .lang = lang,
                              .theme = theme,
                              .at_ms = !strcmp(s->name, "play-hold") ? hold_start_ms : s->at_ms,
                              .level = s->level,
                              .width = sizes[size].w,
                              .height = sizes[size].h,
                              .reduced_motion = reduced_motion,
                              .record = record};
    if (kiosk_render(&o) != KIOSK_OK)
        fail_msg("could not render %s at %dx%d (%s)", s->name, sizes[size].w, sizes[size].h, theme);
    SDL_Surface *shot = load_argb(path);
    if (!shot)
        fail_msg("could not read back %s: %s", path, IMG_GetError());
    return shot;
}

static const Uint8 *pixel_at(const SDL_Surface *s, int x, int y)
{
    return (const Uint8 *)s->pixels + y * s->pitch + x * 4;
}

/* The picture at half its size, each pixel the mean of four: the references are kept so (a
 * third of the bytes in git), still sharp enough to read every word and see every move. */
static SDL_Surface *halve(const SDL_Surface *full)
{
    SDL_Surface *half =
        SDL_CreateRGBSurfaceWithFormat(0, full->w / 2, full->h / 2, 32, SDL_PIXELFORMAT_ARGB8888);
    for (int y = 0; y < half->h; y++)
        for (int x = 0; x < half->w; x++) {
            Uint8 *out = (Uint8 *)half->pixels + y * half->pitch + x * 4;
            for (int c = 0; c < 4; c++)
                out[c] =
                    (Uint8)((pixel_at(full, 2 * x, 2 * y)[c] + pixel_at(full, 2 * x + 1, 2 * y)[c] +
                             pixel_at(full, 2 * x, 2 * y + 1)[c] +
                             pixel_at(full, 2 * x + 1, 2 * y + 1)[c] + 2) /
                            4);
        }
    return half;
}

/* The share of pixels that differ, and a picture of where (red on a dimmed copy). */
static double compare(const SDL_Surface *got, const SDL_Surface *want, const char *diff_path)
{
    long differ = 0;
    SDL_Surface *diff =
        SDL_CreateRGBSurfaceWithFormat(0, got->w, got->h, 32, SDL_PIXELFORMAT_ARGB8888);
    for (int y = 0; y < got->h; y++)
        for (int x = 0; x < got->w; x++) {
            const Uint8 *p = pixel_at(got, x, y), *q = pixel_at(want, x, y);
            int d = 0;
            for (int c = 0; c < 3; c++)
                d = abs(p[c] - q[c]) > d ? abs(p[c] - q[c]) : d;
            Uint32 *out = (Uint32 *)((Uint8 *)diff->pixels + y * diff->pitch) + x;
            if (d > PIXEL_TOLERANCE) {
                differ++;
                *out = 0xFFFF2020;
            } else {
                *out = 0xFF000000 | (Uint32)(p[2] / 3) << 16 | (Uint32)(p[1] / 3) << 8 |
                       (Uint32)(p[0] / 3);
            }
        }
    double share = (double)differ / ((double)got->w * got->h);
    if (share > SHARE_TOLERANCE)
        IMG_SavePNG(diff, diff_path);
    SDL_FreeSurface(diff);
    return share;
}

static void screens_match_their_references(void **state)
{
    (void)state;
    bool update = getenv("EASE_UPDATE_REFERENCES") && *getenv("EASE_UPDATE_REFERENCES");
    int failures = 0, compared = 0;
    for (int s = 0; s < SHOTS; s++)
        for (int z = 0; z < SIZES; z++)
            for (int t = 0; t < 2; t++) {
                char name[128], got_path[512], want_path[512], diff_path[512];
                snprintf(name, sizeof name, "%s-%dx%d-%s", shots[s].name, sizes[z].w, sizes[z].h,
                         themes[t]);
                snprintf(got_path, sizeof got_path, "%s/screens/%s.png", TEST_OUTPUT_DIR, name);
                snprintf(want_path, sizeof want_path, "%s/tests/screens/reference/%s.png",
                         EASE_SOURCE_DIR, name);
                snprintf(diff_path, sizeof diff_path, "%s/screens/%s-diff.png", TEST_OUTPUT_DIR,
                         name);
                SDL_Surface *full = render(&shots[s], z, themes[t], "en", false, NULL, got_path);
                SDL_Surface *got = halve(full);
                SDL_FreeSurface(full);
                if (update && IMG_SavePNG(got, want_path) != 0)
                    fail_msg("cannot write %s: %s", want_path, IMG_GetError());
                SDL_Surface *want = update ? NULL : load_argb(want_path);
                if (!update && !want) {
                    printf("no reference %s (regenerate: tests/screens/README.md)\n", want_path);
                    failures++;
                } else if (want && (want->w != got->w || want->h != got->h)) {
                    printf("%s: %dx%d, the reference is %dx%d\n", name, got->w, got->h, want->w,
                           want->h);
                    failures++;
                } else if (want) {
                    double share = compare(got, want, diff_path);
                    compared++;
                    if (share > SHARE_TOLERANCE) {
                        printf("%s differs from its reference in %.2f%% of pixels: see %s and "
                               "%s\n",
                               name, share * 100, got_path, diff_path);
                        failures++;
                    }
                }
                SDL_FreeSurface(got);
                SDL_FreeSurface(want);
            }
    if (update)
        printf("wrote %d references into %s/tests/screens/reference/\n", SHOTS * SIZES * 2,
               EASE_SOURCE_DIR);
    else
        printf("%d screens compared with their references, %d differ\n", compared, failures);
    assert_int_equal(failures, 0);
}

/* WCAG's relative luminance and contrast ratio. */
static double channel(Uint8 v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(Uint8 r, Uint8 g, Uint8 b)
{
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

static double contrast(double a, double b)
{
    return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

typedef struct {
    double smallest_equiv; /* px at 1080p-equivalent */
    int smallest_px;       /* px, at any size */
    double lowest_contrast;
    char smallest_where[256], smallest_px_where[256], lowest_where[256];
    int below_floor, below_contrast, lines;
} text_findings;

/* Each line of text against the pixels behind its glyphs: where the shown render differs from
 * the one without words, the glyph covers the pixel, and the pixel of the wordless render is
 * what it is read against. */
static void measure(const char *where, const text_record *record, const SDL_Surface *shown,
                    const SDL_Surface *behind, float unit, text_findings *f)
{
    for (size_t i = 0; i < record->count; i++) {
        const text_drawn *d = &record->lines[i];
        f->lines++;
        double equiv = d->size_px * 1080.0 / unit;
        char here[256];
        snprintf(here, sizeof here, "%s \"%.60s\"", where, d->text);
        if (equiv < f->smallest_equiv) {
            f->smallest_equiv = equiv;
            snprintf(f->smallest_where, sizeof f->smallest_where, "%s", here);
        }
        if (d->size_px < f->smallest_px) {
            f->smallest_px = d->size_px;
            snprintf(f->smallest_px_where, sizeof f->smallest_px_where, "%s", here);
        }
        if (equiv < FLOOR_AT_1080P_PX - 0.5 || d->size_px < FLOOR_ANYWHERE_PX) {
            printf("too small: %s at %d px (%.0f px at 1080p)\n", here, d->size_px, equiv);
            f->below_floor++;
        }
        double text_l = luminance(d->colour.r, d->colour.g, d->colour.b), worst = 21;
        long counted = 0;
        int x0 = (int)floorf(d->box.x), y0 = (int)floorf(d->box.y);
        int x1 = (int)ceilf(d->box.x + d->box.w), y1 = (int)ceilf(d->box.y + d->box.h);
        for (int y = y0 < 0 ? 0 : y0; y < y1 && y < shown->h; y++)
            for (int x = x0 < 0 ? 0 : x0; x < x1 && x < shown->w; x++) {
                const Uint8 *p = pixel_at(shown, x, y), *q = pixel_at(behind, x, y);
                /* Half covered or more: the glyph's body, not its anti-aliased fringe. */
                int moved = abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]);
                int full = (int)(fabs(text_l - luminance(q[2], q[1], q[0])) * 255 * 3);
                if (moved == 0 || moved * 2 < full)
                    continue;
                double c = contrast(text_l, luminance(q[2], q[1], q[0]));
                counted++;
                if (c < worst)
                    worst = c;
            }
        int cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        if (counted == 0 && cx >= 0 && cy >= 0 && cx < shown->w && cy < shown->h) {
            /* No glyph pixel stands out at all: the words are as dark or light as behind. */
            const Uint8 *q = pixel_at(behind, cx, cy);
            worst = contrast(text_l, luminance(q[2], q[1], q[0]));
        }
        if (worst < f->lowest_contrast) {
            f->lowest_contrast = worst;
            snprintf(f->lowest_where, sizeof f->lowest_where, "%s", here);
        }
        if (worst < FLOOR_CONTRAST) {
            printf("too faint: %s at %.1f:1\n", here, worst);
            f->below_contrast++;
        }
    }
}

static void text_is_large_and_contrasted_enough(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "es"};
    text_findings f = {.smallest_equiv = 1e9, .smallest_px = 1 << 30, .lowest_contrast = 21};
    int renders = 0;
    for (int s = 0; s < SHOTS; s++) {
        if (shots[s].staff)
            continue;
        for (int z = 0; z < SIZES; z++)
            for (int t = 0; t < 2; t++)
                for (int l = 0; l < 2; l++)
                    for (int reduced = 0; reduced <= (shots[s].pacer ? 1 : 0); reduced++) {
                        char where[160], shown_path[512], behind_path[512];
                        snprintf(where, sizeof where, "%s %dx%d %s %s%s", shots[s].name, sizes[z].w,
                                 sizes[z].h, themes[t], langs[l], reduced ? " reduced-motion" : "");
                        snprintf(shown_path, sizeof shown_path, "%s/screens/measure.png",
                                 TEST_OUTPUT_DIR);
                        snprintf(behind_path, sizeof behind_path, "%s/screens/behind.png",
                                 TEST_OUTPUT_DIR);
                        text_record hidden = {.hide = true}, record = {0};
                        SDL_Surface *behind = render(&shots[s], z, themes[t], langs[l], reduced,
                                                     &hidden, behind_path);
                        SDL_Surface *shown =
                            render(&shots[s], z, themes[t], langs[l], reduced, &record, shown_path);
                        renders += 2;
                        /* The same words in the same places with and without their pixels. */
                        assert_int_equal(hidden.count, record.count);
                        float unit = (float)(sizes[z].w < sizes[z].h ? sizes[z].w : sizes[z].h);
                        measure(where, &record, shown, behind, unit, &f);
                        free(hidden.lines);
                        free(record.lines);
                        SDL_FreeSurface(behind);
                        SDL_FreeSurface(shown);
                    }
    }
    printf("%d renders, %d lines of text measured\n", renders, f.lines);
    printf("smallest text: %d px (%s), floor %d px\n", f.smallest_px, f.smallest_px_where,
           FLOOR_ANYWHERE_PX);
    printf("smallest text at 1080p-equivalent: %.1f px (%s), floor %.0f px\n", f.smallest_equiv,
           f.smallest_where, FLOOR_AT_1080P_PX);
    printf("lowest contrast: %.2f:1 (%s); floor %.0f:1\n", f.lowest_contrast, f.lowest_where,
           FLOOR_CONTRAST);
    assert_true(f.lines > 100); /* a screen that drew no words would pass everything */
    assert_int_equal(f.below_floor, 0);
    assert_int_equal(f.below_contrast, 0);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1) /* one test by name, as when regenerating the references */
        cmocka_set_test_filter(argv[1]);
    char folder[512];
    snprintf(folder, sizeof folder, "%s/screens", TEST_OUTPUT_DIR);
    mkdir(folder, 0755);
    /* Box breathing: 30 s to settle, in for 4 s, then the first hold; a second into it. */
    hold_start_ms = 35000;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(screens_match_their_references),
        cmocka_unit_test(text_is_large_and_contrasted_enough),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
