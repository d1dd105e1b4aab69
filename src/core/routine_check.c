#include "routine_check.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duration.h"
#include "media_limits.h"
#include "plan.h"
#include "routine_fields.h"
#include "source_file.h"

typedef struct {
    routine *r;
    const routine_check_options *options;
    diag_list *diag;
    char *root_real;      /* the library root, resolved */
    char *routine_real;   /* the routine's folder, resolved */
    int suggestions_left; /* "did you mean" costs time: hostile files ask for thousands */
    int64_t sounds_ms;    /* the sounds held in memory whole so far (media_limits.h) */
    bool sounds_over;     /* their total was reported over the limit */
} checker;

static void check_error(checker *c, routine_place at, const char *message)
{
    diag_error(c->diag, c->r->path, at.line, at.col, "%s", message);
}

static void check_warning(checker *c, routine_place at, const char *message)
{
    diag_warning(c->diag, c->r->path, at.line, at.col, "%s", message);
}

size_t routine_check_count_words(const char *text)
{
    size_t words = 0;
    bool in_word = false;
    for (const char *p = text; *p; p++) {
        bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

/* Milliseconds it takes to say the words at an unhurried pace. */
static int64_t check_reading_ms(size_t words)
{
    return (int64_t)words * 60000 / CHECK_READING_WORDS_PER_MINUTE;
}

static int check_shortest_level(int levels, const routine_step *step,
                                int64_t (*length)(const routine_step *, int), int64_t *shortest)
{
    int at = 1;
    *shortest = length(step, 1);
    for (int level = 2; level <= levels; level++) {
        int64_t ms = length(step, level);
        if (ms < *shortest) {
            *shortest = ms;
            at = level;
        }
    }
    return at;
}

static bool check_has_lang(const routine_text *text, const char *lang)
{
    for (size_t i = 0; i < text->count; i++)
        if (!strcmp(text->entries[i].lang, lang))
            return true;
    return false;
}

/* A bilingual routine should say everything in each of its languages. */
static void check_languages(checker *c, const routine_text *text, const char *name)
{
    size_t languages = routine_language_count(c->r);
    if (text->count == 0 || languages == 0)
        return;
    char message[256];
    if (text->count == 1 && !text->entries[0].lang[0]) {
        if (languages > 1) {
            snprintf(message, sizeof message,
                     "'%s' is in one language only, but the routine's title is in %zu; give it "
                     "as {%s: ..., %s: ...}",
                     name, languages, routine_language(c->r, 0), routine_language(c->r, 1));
            check_warning(c, text->place, message);
        }
        return;
    }
    for (size_t i = 0; i < languages; i++) {
        const char *lang = routine_language(c->r, i);
        if (!check_has_lang(text, lang)) {
            snprintf(message, sizeof message,
                     "'%s' has no '%s' version, though the title has; patients reading '%s' will "
                     "see it in '%s'",
                     name, lang, lang, text->entries[0].lang[0] ? text->entries[0].lang : "?");
            check_warning(c, text->place, message);
        }
    }
}

/* " at level N" for routines with levels, "" otherwise: messages name the level at fault. */
static const char *check_at_level(const checker *c, int level, char *out, size_t size)
{
    if (c->r->levels > 1)
        snprintf(out, size, " at level %d", level);
    else if (size)
        out[0] = '\0';
    return out;
}

static void check_add_language(const char **langs, size_t *count, size_t max, const char *lang)
{
    for (size_t i = 0; i < *count; i++)
        if (!strcmp(langs[i], lang))
            return;
    if (*count < max)
        langs[(*count)++] = lang;
}

/* The words of title and text must fit in the time shown, in every language the two are
 * written in (a plain string stands for all of them). */
static void check_reading_time(checker *c, const routine_text *title, const routine_text *text,
                               const char *what, int64_t available_ms, int level)
{
    const char *langs[32];
    size_t count = 0;
    const routine_text *texts[2] = {title, text};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < texts[t]->count; i++)
            if (texts[t]->entries[i].lang[0])
                check_add_language(langs, &count, 32, texts[t]->entries[i].lang);
    if (count == 0)
        langs[count++] = "";
    const routine_text *place = text->count ? text : title;
    char available[32], at_level[32];
    duration_format(available_ms, available, sizeof available);
    check_at_level(c, level, at_level, sizeof at_level);
    for (size_t i = 0; i < count; i++) {
        const char *a = routine_text_get(title, langs[i]), *b = routine_text_get(text, langs[i]);
        size_t words =
            (a ? routine_check_count_words(a) : 0) + (b ? routine_check_count_words(b) : 0);
        int64_t needed = check_reading_ms(words);
        if (needed <= available_ms)
            continue;
        char spoken[32], message[320];
        duration_format(needed, spoken, sizeof spoken);
        snprintf(message, sizeof message,
                 "%s%s%s take%s about %s to read aloud (%zu words), longer than the %s it "
                 "lasts%s; shorten it or give it more time",
                 what, langs[i][0] ? " in " : "", langs[i], strstr(what, " and ") ? "" : "s",
                 spoken, words, available, at_level);
        check_warning(c, place->place, message);
    }
}

static void check_pose_names(checker *c, routine_step *step)
{
    const pose_library *shared = c->options ? c->options->shared_poses : NULL;
    char message[320];
    for (size_t i = 0; i < step->motion.count; i++) {
        motion_key *key = &step->motion.keys[i];
        const pose_def *def = pose_library_find(&c->r->poses, shared, key->pose);
        if (def)
            continue;
        const char *close = c->suggestions_left-- > 0
                                ? pose_library_suggest(&c->r->poses, shared, key->pose)
                                : NULL;
        if (close)
            snprintf(message, sizeof message, "pose '%s' is not known; did you mean '%s'?",
                     key->pose, close);
        else
            snprintf(message, sizeof message,
                     "pose '%s' is not known; define it under 'poses', or use one from the "
                     "shared library (ease list --pose-names)",
                     key->pose);
        check_error(c, key->place, message);
    }
}

static void check_motion(checker *c, routine_step *step)
{
    check_pose_names(c, step);
    char message[320];
    if (!step->motion.timed || step->motion.count == 0)
        return;
    const motion_key *last = &step->motion.keys[step->motion.count - 1];
    int64_t shortest;
    int level = check_shortest_level(c->r->levels, step, plan_motion_unit_ms, &shortest);
    if (last->at_ms > shortest) {
        char at_level[32];
        static const char *const units[] = {"the step", "one breathing cycle", "one repetition",
                                            "the rest"};
        char at[32], unit[32];
        duration_format(last->at_ms, at, sizeof at);
        duration_format(shortest, unit, sizeof unit);
        snprintf(message, sizeof message,
                 "the keyframe at %s is past the end of %s (%s%s); keyframe times may not pass it",
                 at,
                 step->kind == STEP_BREATHE    ? units[1]
                 : step->kind == STEP_EXERCISE ? units[2]
                                               : units[0],
                 unit, check_at_level(c, level, at_level, sizeof at_level));
        check_error(c, last->at_place, message);
    }
}

static void check_breathing(checker *c, routine_step *step)
{
    char message[320];
    /* Counted per breath (each exhale ends one), not per cycle: a pattern of two in-out pairs
     * is two breaths. */
    int64_t breaths = plan_breaths_per_cycle(step);
    const routine_field *safe = &routine_fields[FIELD_ONE_BREATH];
    for (int level = 1; level <= c->r->levels; level++) {
        int64_t breath = plan_cycle_ms(step, level) / breaths;
        if (breath >= safe->warn_min && breath <= safe->warn_max)
            continue;
        char length[32], at_level[32];
        duration_format(breath, length, sizeof length);
        snprintf(message, sizeof message,
                 "one breath takes %s%s: %.1f breaths a minute, %s than is safe to guide "
                 "unattended (%lld to %lld a minute)",
                 length, check_at_level(c, level, at_level, sizeof at_level),
                 60000.0 / (double)breath, breath < safe->warn_min ? "faster" : "slower",
                 (long long)(60000 / safe->warn_max), (long long)(60000 / safe->warn_min));
        check_warning(c, step->place, message);
        break;
    }
    for (size_t i = 0; i < step->phase_count; i++) {
        breath_phase *phase = &step->phases[i];
        int64_t longest = 0, shortest = INT64_MAX;
        int shortest_level = 1;
        for (int level = 1; level <= c->r->levels; level++) {
            int64_t ms = routine_level_value_at(&phase->length_ms, level, 0);
            if (ms > longest)
                longest = ms;
            if (ms < shortest) {
                shortest = ms;
                shortest_level = level;
            }
        }
        int64_t hold_max = routine_fields[FIELD_BREATH_HOLD].warn_max;
        if (phase->kind == BREATH_HOLD && longest > hold_max) {
            char length[32], limit[32];
            duration_format(longest, length, sizeof length);
            duration_format(hold_max, limit, sizeof limit);
            snprintf(message, sizeof message,
                     "a breath hold of %s is longer than %s; long holds are unsafe for some "
                     "people (asthma, high blood pressure)",
                     length, limit);
            check_warning(c, phase->length_ms.place, message);
        }
        if (phase->text.count)
            check_reading_time(c, &(routine_text){0}, &phase->text, "the phase's text", shortest,
                               shortest_level);
    }
    if (step->breathe_ms.count) {
        for (int level = 1; level <= c->r->levels; level++) {
            int64_t asked = routine_level_value_at(&step->breathe_ms, level, 0);
            int64_t cycle = plan_cycle_ms(step, level);
            if (cycle <= asked)
                continue;
            char a[32], b[32];
            duration_format(asked, a, sizeof a);
            duration_format(cycle, b, sizeof b);
            snprintf(message, sizeof message,
                     "'duration' %s is shorter than one cycle of the pattern (%s), so the step "
                     "plays one whole cycle",
                     a, b);
            check_warning(c, step->breathe_ms.place, message);
            break;
        }
    }
}

/* Whether a file looks whole for its kind, from its first bytes and its size: not a decoder,
 * but a truncated or mislabelled file is caught. */
static bool check_media_looks_whole(const unsigned char *head, size_t n, long size, bool image)
{
    if (image) {
        bool png = n >= 16 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8) &&
                   !memcmp(head + 12, "IHDR", 4) && size >= 8 + 25 + 12 + 12;
        bool jpeg = n >= 4 && !memcmp(head, "\xff\xd8\xff", 3) && size >= 128;
        return png || jpeg;
    }
    bool wav =
        n >= 16 && !memcmp(head, "RIFF", 4) && !memcmp(head + 8, "WAVEfmt ", 8) && size >= 44;
    bool ogg = n >= 4 && !memcmp(head, "OggS", 4) && size >= 58;
    bool flac = n >= 4 && !memcmp(head, "fLaC", 4) && size >= 42;
    bool mp3 = ((n >= 3 && !memcmp(head, "ID3", 3)) ||
                (n >= 2 && head[0] == 0xff && (head[1] & 0xe0) == 0xe0)) &&
               size >= 128;
    return wav || ogg || flac || mp3;
}

/* Joins the routine's folder and a relative path, folding "." and "..", into a new string; NULL
 * when ".." climbs above the filesystem root. */
static char *check_fold_path(const char *base, const char *relative)
{
    size_t size = strlen(base) + strlen(relative) + 2;
    char *out = malloc(size);
    if (!out)
        return NULL;
    snprintf(out, size, "%s", base);
    size_t length = strlen(out);
    const char *p = relative;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            char *slash = strrchr(out, '/');
            if (!slash || length <= 1) {
                free(out);
                return NULL;
            }
            length = slash == out ? 1 : (size_t)(slash - out);
            out[length] = '\0';
        } else {
            if (length > 1)
                out[length++] = '/';
            memcpy(out + length, p, n);
            length += n;
            out[length] = '\0';
        }
        if (!end)
            break;
        p = end + 1;
    }
    return out;
}

static bool check_inside(const char *root, const char *path)
{
    size_t n = strlen(root);
    return !strncmp(root, path, n) && (path[n] == '/' || path[n] == '\0' || !strcmp(root, "/"));
}

/* The limits of media_limits.h, from the file's header: errors, since the kiosk will not
 * decode such a file (and a file over them once stalled and crashed it). */
static void check_media_limits(checker *c, const char *real, const char *path, routine_place at,
                               const char *name, bool image)
{
    char why[256], message[512];
    if (image) {
        media_image_info info;
        if (media_probe_image(real, &info) && !media_image_within_limits(&info, why, sizeof why)) {
            snprintf(message, sizeof message, "'%s' file \"%s\" %s; make it smaller", name, path,
                     why);
            check_error(c, at, message);
        }
        return;
    }
    media_sound_info info;
    bool streamed = !strcmp(name, "music");
    if (!media_probe_sound(real, &info))
        return;
    if (!media_sound_within_limits(&info, streamed, why, sizeof why)) {
        snprintf(message, sizeof message, "'%s' file \"%s\" %s; shorten or compress it", name, path,
                 why);
        check_error(c, at, message);
        return;
    }
    if (streamed || info.length_ms < 0)
        return;
    c->sounds_ms += info.length_ms;
    if (c->sounds_ms > MEDIA_ROUTINE_SOUNDS_MAX_MS && !c->sounds_over) {
        c->sounds_over = true;
        snprintf(message, sizeof message,
                 "'%s' file \"%s\" brings the routine's sounds to more than %d minutes; the "
                 "sounds of one routine (all but 'music') are held in memory together and may "
                 "last at most %d minutes in all (%d MB)",
                 name, path, MEDIA_ROUTINE_SOUNDS_MAX_MS / 60000,
                 MEDIA_ROUTINE_SOUNDS_MAX_MS / 60000,
                 MEDIA_ROUTINE_SOUNDS_MAX_MS * MEDIA_DECODED_BYTES_PER_MS / 1000000);
        check_error(c, at, message);
    }
}

static void check_media(checker *c, const char *path, routine_place at, const char *name,
                        bool image)
{
    if (!path || !c->routine_real || !c->root_real)
        return;
    char message[512];
    char *folded = check_fold_path(c->routine_real, path);
    if (!folded || !check_inside(c->root_real, folded)) {
        snprintf(message, sizeof message,
                 "'%s' leads out of the routine library (\"%s\"); keep media files inside the "
                 "library folder",
                 name, path);
        check_error(c, at, message);
        free(folded);
        return;
    }
    /* A link inside the library may still point outside it. */
    char *real = realpath(folded, NULL);
    if (!real) {
        snprintf(message, sizeof message, "'%s' file \"%s\" does not exist; it will be skipped",
                 name, path);
        check_warning(c, at, message);
        free(folded);
        return;
    }
    if (!check_inside(c->root_real, real)) {
        snprintf(message, sizeof message,
                 "'%s' (\"%s\") is a link that leads out of the routine library; copy the file in "
                 "instead",
                 name, path);
        check_error(c, at, message);
    } else {
        /* Opened without blocking and only when regular: a FIFO here once hung `ease check`
         * and every restart of the kiosk. */
        diag_list opened;
        diag_init(&opened);
        int fd = source_file_open_regular(real, &opened);
        if (fd < 0) {
            struct stat info;
            if (stat(real, &info) == 0 && !S_ISREG(info.st_mode)) {
                snprintf(message, sizeof message,
                         "'%s' (\"%s\") is not a regular file (a folder, pipe or device); name a "
                         "sound or picture file",
                         name, path);
                check_error(c, at, message);
                diag_free(&opened);
                free(real);
                free(folded);
                return;
            }
        }
        diag_free(&opened);
        unsigned char head[16];
        ssize_t n = 0;
        long size = 0;
        if (fd >= 0) {
            n = read(fd, head, sizeof head);
            struct stat info;
            if (fstat(fd, &info) == 0)
                size = (long)info.st_size;
            close(fd);
        }
        if (fd < 0 || n < 0 || !check_media_looks_whole(head, (size_t)n, size, image)) {
            snprintf(message, sizeof message,
                     "'%s' file \"%s\" cannot be read as %s; it will be skipped", name, path,
                     image ? "a PNG or JPEG image" : "a WAV, OGG, MP3 or FLAC sound");
            check_warning(c, at, message);
        } else {
            check_media_limits(c, real, path, at, name, image);
        }
    }
    free(real);
    free(folded);
}

/* Prompts: in every language, readable in the time each shows, and inside the step. */
static void check_prompts(checker *c, routine_step *step)
{
    char message[320];
    for (size_t i = 0; i < step->prompt_count; i++) {
        step_prompt *prompt = &step->prompts[i];
        check_languages(c, &prompt->text, "text");
        int64_t shortest = INT64_MAX;
        int shortest_level = 1;
        bool past_end = false;
        for (int level = 1; level <= c->r->levels; level++) {
            int64_t end = routine_level_value_at(&step->duration_ms, level, 0);
            if (prompt->at_ms >= end) {
                past_end = true;
                char at[32], length[32], at_level[32];
                duration_format(prompt->at_ms, at, sizeof at);
                duration_format(end, length, sizeof length);
                snprintf(message, sizeof message,
                         "the prompt at %s is not before the end of the step (%s%s), so it is "
                         "never shown there",
                         at, length, check_at_level(c, level, at_level, sizeof at_level));
                check_warning(c, prompt->at_place, message);
                break;
            }
            int64_t next = i + 1 < step->prompt_count && step->prompts[i + 1].at_ms < end
                               ? step->prompts[i + 1].at_ms
                               : end;
            if (next - prompt->at_ms < shortest) {
                shortest = next - prompt->at_ms;
                shortest_level = level;
            }
        }
        if (!past_end)
            check_reading_time(c, &(routine_text){0}, &prompt->text, "the prompt's text", shortest,
                               shortest_level);
    }
}

/* A repetition's phases: in every language, and readable in the time each lasts. */
static void check_rep_phases(checker *c, routine_step *step)
{
    for (size_t i = 0; i < step->rep_phase_count; i++) {
        rep_phase *phase = &step->rep_phases[i];
        check_languages(c, &phase->name, "name");
        check_languages(c, &phase->text, "text");
        int64_t shortest = INT64_MAX;
        int shortest_level = 1;
        for (int level = 1; level <= c->r->levels; level++) {
            int64_t ms = routine_level_value_at(&phase->length_ms, level, 0);
            if (ms < shortest) {
                shortest = ms;
                shortest_level = level;
            }
        }
        check_reading_time(c, &phase->name, &phase->text, "the phase's name and text", shortest,
                           shortest_level);
    }
}

/* Levels are graded from easiest (1) up: a value that goes down from one level to the next
 * (more reps at level 1 than at level 3) is most likely written hardest-first. Rests may go
 * either way, so they are not judged. */
static void check_level_order(checker *c, const routine_level_value *value, const char *name)
{
    if (value->count < 2)
        return;
    for (int i = 1; i < value->count; i++) {
        if (value->values[i] >= value->values[i - 1])
            continue;
        char message[320];
        snprintf(message, sizeof message,
                 "'%s' goes down from level %d to level %d; level 1 should be the easiest and "
                 "each next level a small step up, so list the values from easiest to hardest",
                 name, i, i + 1);
        check_warning(c, value->place, message);
        return;
    }
}

static void check_step_levels(checker *c, routine_step *step)
{
    check_level_order(c, &step->repeat, "repeat");
    if (step->kind == STEP_TIMED) /* a rest step may shorten as levels go up */
        check_level_order(c, &step->duration_ms, "duration");
    /* Fewer cycles of a longer pattern (4-7-8 at 2-3.5-4 six times, at 4-7-8 four times) is a
     * step up: judge cycles by the step's whole length. */
    for (int level = 2; level <= c->r->levels && step->kind == STEP_BREATHE; level++)
        if (plan_step_total_ms(step, level) < plan_step_total_ms(step, level - 1)) {
            check_level_order(c, &step->cycles, "cycles");
            check_level_order(c, &step->breathe_ms, "duration");
            break;
        }
    check_level_order(c, &step->reps, "reps");
    check_level_order(c, &step->hold_ms, "hold");
    check_level_order(c, &step->sets, "sets");
    for (size_t i = 0; i < step->phase_count; i++) {
        static const char *const names[] = {"inhale", "hold", "exhale"};
        check_level_order(c, &step->phases[i].length_ms, names[step->phases[i].kind]);
    }
    for (size_t i = 0; i < step->rep_phase_count; i++)
        check_level_order(c, &step->rep_phases[i].length_ms, "length");
}

/* 'focus' lights part of the figure: a step that shows none has nothing to light. */
static void check_focus(checker *c, const routine_step *step)
{
    if (step->focus_count == 0 || step->motion.count > 0)
        return;
    check_warning(c, step->focus_place,
                  step->image ? "'focus' highlights part of the figure, but this step shows a "
                                "picture instead; remove 'focus'"
                              : "'focus' highlights part of the figure, but this step shows no "
                                "figure; give it a 'pose' or a 'motion', or remove 'focus'");
}

static void check_step(checker *c, routine_step *step, size_t index)
{
    char what[64];
    check_media(c, step->image, step->image_place, "image", true);
    check_media(c, step->sound, step->sound_place, "sound", false);
    if (!step->complete) {
        /* Its own errors were reported and its times may be missing; what it names is still
         * worth checking, so the author sees every problem at once. */
        check_pose_names(c, step);
        return;
    }
    check_languages(c, &step->title, "title");
    check_languages(c, &step->text, "text");
    for (size_t i = 0; i < step->phase_count; i++)
        check_languages(c, &step->phases[i].text, "text");
    check_motion(c, step);
    check_focus(c, step);
    check_prompts(c, step);
    check_rep_phases(c, step);
    check_step_levels(c, step);
    if (step->kind == STEP_BREATHE)
        check_breathing(c, step);
    int64_t shortest;
    int level = check_shortest_level(c->r->levels, step, plan_step_once_ms, &shortest);
    snprintf(what, sizeof what, "step %zu's %s", index + 1,
             step->title.count && step->text.count ? "title and text"
             : step->title.count                   ? "title"
                                                   : "text");
    check_reading_time(c, &step->title, &step->text, what, shortest, level);
}

/* Minutes a summary states, in any language: "about 5 minutes", "3-8 min", "unos 5 minutos".
 * Returns how many numbers were found before a "min" word (0, 1 or 2 for a range). */
static int check_stated_minutes(const char *text, double found[2])
{
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9' || (p > text && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.')))
            continue;
        int n = 0;
        const char *q = p;
        while (n < 2) {
            char *end;
            double value = strtod(q, &end);
            if (end == q)
                break;
            found[n++] = value;
            q = end;
            /* a range: "3-8", "3 to 8", "3 a 8", "3–8" (an en dash), only before a number */
            const char *after = q;
            while (*after == ' ')
                after++;
            if (*after == '-')
                after++;
            else if (!strncmp(after, "\xe2\x80\x93", 3))
                after += 3;
            else if (!strncmp(after, "to ", 3))
                after += 3;
            else if (!strncmp(after, "a ", 2) || !strncmp(after, "y ", 2))
                after += 2;
            else if (!strncmp(after, "and ", 4))
                after += 4;
            else
                break;
            while (*after == ' ')
                after++;
            if (*after < '0' || *after > '9')
                break;
            q = after;
        }
        while (*q == ' ' || *q == '-') /* "5 minutes", "a 10-minute scan" */
            q++;
        if (n > 0 && !strncmp(q, "min", 3))
            return n;
    }
    return 0;
}

/* A summary's stated minutes should match what the routine plays (within a minute), at one of
 * its levels, or span its levels when a range is given. */
static void check_summary_minutes(checker *c)
{
    const routine *r = c->r;
    int64_t shortest = INT64_MAX, longest = 0;
    for (int level = 1; level <= r->levels; level++) {
        int64_t ms = plan_routine_ms(r, level);
        shortest = ms < shortest ? ms : shortest;
        longest = ms > longest ? ms : longest;
    }
    for (size_t i = 0; i < r->summary.count; i++) {
        double minutes[2];
        int n = check_stated_minutes(r->summary.entries[i].text, minutes);
        if (n == 0)
            continue;
        double low = minutes[0] * 60000, high = (n == 2 ? minutes[1] : minutes[0]) * 60000;
        const double slack = 60000;
        bool agrees = shortest >= low - slack && longest <= high + slack;
        if (agrees)
            continue;
        char stated[48], plays_short[32], plays_long[32], message[320];
        if (n == 2)
            snprintf(stated, sizeof stated, "%g-%g minutes", minutes[0], minutes[1]);
        else
            snprintf(stated, sizeof stated, "%g minutes", minutes[0]);
        duration_format(shortest, plays_short, sizeof plays_short);
        duration_format(longest, plays_long, sizeof plays_long);
        if (shortest == longest)
            snprintf(message, sizeof message,
                     "the summary%s%s says %s, but the routine plays for %s; say what it plays",
                     r->summary.entries[i].lang[0] ? " in " : "", r->summary.entries[i].lang,
                     stated, plays_short);
        else
            snprintf(message, sizeof message,
                     "the summary%s%s says %s, but the routine plays for %s to %s over its "
                     "levels; say what it plays",
                     r->summary.entries[i].lang[0] ? " in " : "", r->summary.entries[i].lang,
                     stated, plays_short, plays_long);
        check_warning(c, r->summary.place, message);
        return;
    }
}

bool routine_check(routine *r, const routine_check_options *options, diag_list *diag)
{
    size_t mark = diag_mark(diag);
    checker c = {.r = r, .options = options, .diag = diag, .suggestions_left = 50};
    char *folder = source_file_dirname(r->path);
    c.routine_real = folder ? realpath(folder, NULL) : NULL;
    const char *root = options && options->library_root ? options->library_root : folder;
    c.root_real = root ? realpath(root, NULL) : NULL;
    free(folder);

    pose_library_resolve(&r->poses, options ? options->shared_poses : NULL, diag);
    check_languages(&c, &r->summary, "summary");
    check_languages(&c, &r->description, "description");
    check_languages(&c, &r->safety, "safety");
    for (int i = 0; i < r->level_label_count; i++)
        check_languages(&c, &r->level_labels[i], "labels");
    for (size_t i = 0; i < r->step_count; i++)
        if (r->steps[i].block_pass <= 1) /* a block's later passes are the same words again */
            check_step(&c, &r->steps[i], i);
    if (r->complete)
        check_summary_minutes(&c);

    char message[256];
    for (int level = 1; level <= r->levels && r->complete; level++) {
        int64_t length = plan_routine_ms(r, level);
        char shown[32];
        duration_format(length, shown, sizeof shown);
        const routine_field *whole = &routine_fields[FIELD_ROUTINE_LENGTH];
        if (length > whole->max) {
            char at_level[32];
            snprintf(message, sizeof message,
                     "the routine plays for %s%s, more than the %lld hours allowed", shown,
                     check_at_level(&c, level, at_level, sizeof at_level),
                     (long long)(whole->max / 3600000));
            check_error(&c, r->steps_place, message);
            break;
        }
        if (length > whole->warn_max) {
            snprintf(message, sizeof message,
                     "the routine plays for %s at level %d, longer than %lld minutes; that is "
                     "long for a waiting room",
                     shown, level, (long long)(whole->warn_max / 60000));
            check_warning(&c, r->steps_place, message);
            break;
        }
    }
    check_media(&c, r->music, r->music_place, "music", false);
    for (int e = 0; e < CUE_EVENT_COUNT; e++)
        if (r->cues[e].source == CUE_SOURCE_FILE)
            check_media(&c, r->cues[e].file, r->cues[e].place, cue_event_name((cue_event)e), false);
    free(c.routine_real);
    free(c.root_real);
    return !diag_failed_since(diag, mark);
}
