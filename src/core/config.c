#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fleet_config_parse.h"
#include "source_file.h"
#include "staff_pin.h"
#include "yaml_doc.h"

const char *config_theme_name(config_theme theme)
{
    return theme == CONFIG_THEME_HIGH_CONTRAST ? "high-contrast" : "calm";
}

const char *config_renderer_name(config_renderer renderer)
{
    static const char *const names[] = {"auto", "software", "accelerated"};
    return renderer <= CONFIG_RENDERER_ACCELERATED ? names[renderer] : "auto";
}

bool config_quiet_at(const ease_config *cfg, int minute_of_day)
{
    int start = cfg->quiet_start_minute, end = cfg->quiet_end_minute;
    if (start == end)
        return false;
    if (start < end)
        return minute_of_day >= start && minute_of_day < end;
    return minute_of_day >= start || minute_of_day < end; /* overnight */
}

void config_free(ease_config *cfg)
{
    free(cfg->path);
    free(cfg->clinic);
    free(cfg->kiosk);
    for (size_t i = 0; i < cfg->routine_dir_count; i++)
        free(cfg->routine_dirs[i]);
    free(cfg->data_dir);
    free(cfg->staff_pin_hash);
    free(cfg->sound_device);
    free(cfg->voice_pack);
    memset(cfg, 0, sizeof *cfg);
}

bool config_defaults(ease_config *cfg, const char *routines_dir, const char *data_dir)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->clinic = strdup("");
    cfg->kiosk = strdup("kiosk");
    snprintf(cfg->languages[0], sizeof cfg->languages[0], "en");
    snprintf(cfg->languages[1], sizeof cfg->languages[1], "es");
    cfg->language_count = 2;
    snprintf(cfg->language, sizeof cfg->language, "en");
    cfg->idle_ms = 90000;
    cfg->rate_before = cfg->rate_after = true;
    cfg->voice = false;
    cfg->volume = 70;
    cfg->theme = CONFIG_THEME_CALM;
    cfg->reduced_motion = false;
    fleet_config_defaults(&cfg->fleet);
    if (routines_dir) {
        cfg->routine_dirs[0] = strdup(routines_dir);
        cfg->routine_dir_count = cfg->routine_dirs[0] ? 1 : 0;
    }
    cfg->data_dir = data_dir ? strdup(data_dir) : NULL;
    bool ok = cfg->clinic && cfg->kiosk && (!routines_dir || cfg->routine_dir_count == 1) &&
              (!data_dir || cfg->data_dir);
    if (!ok)
        config_free(cfg);
    return ok;
}

static char *config_path_from(const char *folder, const char *path)
{
    if (path[0] == '/')
        return strdup(path);
    return source_file_join(folder, path);
}

static bool config_language(yaml_doc *doc, yaml_node_t *node, const char *name, char *out,
                            size_t size)
{
    char *code;
    if (!ydoc_get_string(doc, node, name, 15, &code))
        return false;
    size_t letters = strspn(code, "abcdefghijklmnopqrstuvwxyz");
    bool ok = letters >= 2 && letters <= 3 && (!code[letters] || code[letters] == '-');
    if (!ok)
        ydoc_error(doc, node, "'%s' must be a language code like en, es or pt-BR, got \"%s\"", name,
                   code);
    else
        snprintf(out, size, "%s", code);
    free(code);
    return ok;
}

/* "HH:MM-HH:MM" to minutes after midnight; false when it is not that. */
static bool config_parse_hours(const char *text, int *start, int *end)
{
    int h1, m1, h2, m2, used = 0;
    if (sscanf(text, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &used) != 4 || text[used] || h1 < 0 ||
        h1 > 23 || h2 < 0 || h2 > 23 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
        return false;
    *start = h1 * 60 + m1;
    *end = h2 * 60 + m2;
    return true;
}

/* What one key's reader sees. A reader changes `next` only when its value is good, so a bad key
 * leaves its own default in place and every other key still applies (above all 'staff-pin': a
 * typo in 'idle' must never leave the staff screen open to anyone). */
typedef struct {
    yaml_doc *doc;
    ease_config *next;
    const char *folder;
    size_t offset; /* of the field, for readers shared by several keys (the flags) */
} config_reading;

typedef bool (*config_reader)(config_reading *r, yaml_node_t *v, const char *key);

static bool config_read_format(config_reading *r, yaml_node_t *v, const char *key)
{
    long number;
    return ydoc_get_int(r->doc, v, key, 1, 1, &number);
}

static bool config_read_name(config_reading *r, yaml_node_t *v, const char *key, char **out)
{
    char *text;
    if (!ydoc_get_string(r->doc, v, key, 60, &text))
        return false;
    free(*out);
    *out = text;
    return true;
}

static bool config_read_clinic(config_reading *r, yaml_node_t *v, const char *key)
{
    return config_read_name(r, v, key, &r->next->clinic);
}

static bool config_read_kiosk(config_reading *r, yaml_node_t *v, const char *key)
{
    return config_read_name(r, v, key, &r->next->kiosk);
}

static bool config_read_languages(config_reading *r, yaml_node_t *v, const char *key)
{
    size_t n;
    if (!ydoc_expect_seq_of(r->doc, v, "'languages'", "must list", 1, CONFIG_MAX_LANGUAGES,
                            "language codes", &n))
        return false;
    char codes[CONFIG_MAX_LANGUAGES][16];
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(r->doc, v, i);
        if (!item || !config_language(r->doc, item, key, codes[i], sizeof codes[i]))
            ok = false;
    }
    if (!ok)
        return false; /* the whole list keeps its default: half a list is not what was meant */
    memcpy(r->next->languages, codes, sizeof codes);
    r->next->language_count = n;
    /* The default follows the list unless given. */
    snprintf(r->next->language, sizeof r->next->language, "%s", codes[0]);
    return true;
}

static bool config_read_language(config_reading *r, yaml_node_t *v, const char *key)
{
    char code[16];
    if (!config_language(r->doc, v, key, code, sizeof code))
        return false;
    for (size_t i = 0; i < r->next->language_count; i++)
        if (!strcmp(r->next->languages[i], code)) {
            snprintf(r->next->language, sizeof r->next->language, "%s", code);
            return true;
        }
    ydoc_error(r->doc, v, "'language' is '%s', which is not one of 'languages'", code);
    return false;
}

static bool config_read_idle(config_reading *r, yaml_node_t *v, const char *key)
{
    int64_t ms;
    if (!ydoc_get_duration(r->doc, v, key, 15000, 30 * 60000, &ms))
        return false;
    r->next->idle_ms = ms;
    return true;
}

static bool config_read_flag(config_reading *r, yaml_node_t *v, const char *key)
{
    bool value;
    if (!ydoc_get_bool(r->doc, v, key, &value))
        return false;
    *(bool *)((char *)r->next + r->offset) = value;
    return true;
}

static bool config_read_volume(config_reading *r, yaml_node_t *v, const char *key)
{
    long number;
    if (!ydoc_get_int(r->doc, v, key, 0, 100, &number))
        return false;
    r->next->volume = (int)number;
    return true;
}

static bool config_read_theme(config_reading *r, yaml_node_t *v, const char *key)
{
    static const char *const themes[] = {"calm", "high-contrast", NULL};
    int theme;
    if (!ydoc_get_enum(r->doc, v, key, themes, &theme))
        return false;
    r->next->theme = (config_theme)theme;
    return true;
}

static bool config_read_routines(config_reading *r, yaml_node_t *v, const char *key)
{
    size_t n;
    if (!ydoc_expect_seq_of(r->doc, v, "'routines'", "must list", 1, CONFIG_MAX_ROUTINE_DIRS,
                            "folders", &n))
        return false;
    char *dirs[CONFIG_MAX_ROUTINE_DIRS] = {0};
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = ydoc_seq_item(r->doc, v, i);
        char *text;
        if (!item || !ydoc_get_string(r->doc, item, key, 4096, &text)) {
            ok = false;
            continue;
        }
        dirs[i] = config_path_from(r->folder, text);
        free(text);
        if (!dirs[i]) {
            ok = false;
            continue;
        }
        if (!source_file_is_dir(dirs[i]))
            ydoc_warning(r->doc, item, "routine folder \"%s\" does not exist; it is skipped",
                         dirs[i]);
    }
    if (!ok) {
        for (size_t i = 0; i < n; i++)
            free(dirs[i]);
        return false;
    }
    for (size_t i = 0; i < r->next->routine_dir_count; i++)
        free(r->next->routine_dirs[i]);
    memcpy(r->next->routine_dirs, dirs, sizeof dirs);
    r->next->routine_dir_count = n;
    return true;
}

/* A folder, relative to the file's own, into *field (the old value freed). */
static bool config_read_folder(config_reading *r, yaml_node_t *v, const char *key, char **field)
{
    char *text;
    if (!ydoc_get_string(r->doc, v, key, 4096, &text))
        return false;
    char *dir = config_path_from(r->folder, text);
    free(text);
    if (!dir)
        return false;
    free(*field);
    *field = dir;
    return true;
}

static bool config_read_data(config_reading *r, yaml_node_t *v, const char *key)
{
    return config_read_folder(r, v, key, &r->next->data_dir);
}

static bool config_read_voice_pack(config_reading *r, yaml_node_t *v, const char *key)
{
    return config_read_folder(r, v, key, &r->next->voice_pack);
}

static bool config_read_staff_pin(config_reading *r, yaml_node_t *v, const char *key)
{
    char *text;
    if (!ydoc_get_string(r->doc, v, key, 200, &text))
        return false;
    if (!staff_pin_hash_recognised(text)) {
        ydoc_error(r->doc, v,
                   "'staff-pin' must be a hash made by 'ease pin' (it starts with $argon2id$), "
                   "never the PIN itself");
        free(text);
        return false;
    }
    free(r->next->staff_pin_hash);
    r->next->staff_pin_hash = text;
    return true;
}

/* The kiosk box's keys (issue 16): renderer, rotation, sound-device, quiet-hours. */
static bool config_read_renderer(config_reading *r, yaml_node_t *v, const char *key)
{
    static const char *const renderers[] = {"auto", "software", "accelerated", NULL};
    int choice;
    if (!ydoc_get_enum(r->doc, v, key, renderers, &choice))
        return false;
    r->next->renderer = (config_renderer)choice;
    return true;
}

static bool config_read_rotation(config_reading *r, yaml_node_t *v, const char *key)
{
    static const char *const turns[] = {"0", "90", "180", "270", NULL};
    int choice;
    if (!ydoc_get_enum(r->doc, v, key, turns, &choice))
        return false;
    r->next->rotation_degrees = 90 * choice;
    return true;
}

static bool config_read_sound_device(config_reading *r, yaml_node_t *v, const char *key)
{
    char *text;
    if (!ydoc_get_string(r->doc, v, key, 200, &text))
        return false;
    free(r->next->sound_device);
    r->next->sound_device = text[0] ? text : NULL; /* "": the default output */
    if (!text[0])
        free(text);
    return true;
}

static bool config_read_quiet_hours(config_reading *r, yaml_node_t *v, const char *key)
{
    char *text;
    if (!ydoc_get_string(r->doc, v, key, 20, &text))
        return false;
    int start, end;
    bool ok = config_parse_hours(text, &start, &end);
    if (ok) {
        r->next->quiet_start_minute = start;
        r->next->quiet_end_minute = end;
    } else {
        ydoc_error(r->doc, v,
                   "'quiet-hours' must be two local times like \"20:00-07:00\" (from, to; 24-hour "
                   "clock), got \"%s\"",
                   text);
    }
    free(text);
    return ok;
}

/* The clinic group's server: its own reader (fleet_config.c), read last, after 'kiosk' (whose
 * name it defaults to), 'data' and 'routines' (it adds the folder published routines go to). A
 * bad section leaves the fleet off, as if it were absent. */
static bool config_read_fleet(config_reading *r, yaml_node_t *v, const char *key)
{
    (void)key;
    fleet_config fleet = r->next->fleet;
    if (!fleet_config_read(&fleet, r->doc, v, r->folder, r->next->kiosk))
        return false;
    if (!fleet_config_add_routine_folder(&fleet, r->next->data_dir, r->next->routine_dirs,
                                         &r->next->routine_dir_count, CONFIG_MAX_ROUTINE_DIRS)) {
        ydoc_error(r->doc, v,
                   "'fleet' needs a routine folder of its own: list at most %d in 'routines'",
                   CONFIG_MAX_ROUTINE_DIRS - 1);
        return false;
    }
    r->next->fleet = fleet;
    return true;
}

/* Every key of kiosk.yaml and its reader, in the order they are read ('language' after
 * 'languages', which it must be one of). A new key is one row here and one field in config.h. */
static const struct {
    const char *key;
    config_reader read;
    size_t offset;
} config_table[] = {
    {"format", config_read_format, 0},
    {"clinic", config_read_clinic, 0},
    {"kiosk", config_read_kiosk, 0},
    {"languages", config_read_languages, 0},
    {"language", config_read_language, 0},
    {"idle", config_read_idle, 0},
    {"rate-before", config_read_flag, offsetof(ease_config, rate_before)},
    {"rate-after", config_read_flag, offsetof(ease_config, rate_after)},
    {"voice", config_read_flag, offsetof(ease_config, voice)},
    {"speak-breathing", config_read_flag, offsetof(ease_config, speak_breathing)},
    {"reduced-motion", config_read_flag, offsetof(ease_config, reduced_motion)},
    {"volume", config_read_volume, 0},
    {"theme", config_read_theme, 0},
    {"routines", config_read_routines, 0},
    {"data", config_read_data, 0},
    {"staff-pin", config_read_staff_pin, 0},
    {"renderer", config_read_renderer, 0},
    {"rotation", config_read_rotation, 0},
    {"sound-device", config_read_sound_device, 0},
    {"quiet-hours", config_read_quiet_hours, 0},
    {"fleet", config_read_fleet, 0},
    {"voice-pack", config_read_voice_pack, 0},
};
enum { CONFIG_KEY_COUNT = sizeof config_table / sizeof *config_table };

const char *config_key_name(size_t i)
{
    return i < CONFIG_KEY_COUNT ? config_table[i].key : NULL;
}

/* Reads every key it can; returns false when the file is not a mapping at all. The names of the
 * keys that kept their defaults go into fallen_back ("idle, theme"). */
static bool config_read(ease_config *next, yaml_doc *doc, const char *folder, char *fallen_back,
                        size_t size)
{
    yaml_node_t *root = ydoc_root(doc);
    if (!ydoc_expect_map(doc, root, "the kiosk configuration"))
        return false;
    const char *keys[CONFIG_KEY_COUNT + 1];
    for (size_t i = 0; i < CONFIG_KEY_COUNT; i++)
        keys[i] = config_table[i].key;
    keys[CONFIG_KEY_COUNT] = NULL;
    ydoc_check_keys(doc, root, keys, "the kiosk configuration"); /* reported; the rest apply */
    config_reading reading = {.doc = doc, .next = next, .folder = folder};
    size_t used = 0;
    fallen_back[0] = '\0';
    for (size_t i = 0; i < CONFIG_KEY_COUNT; i++) {
        yaml_node_t *v = ydoc_get(doc, root, config_table[i].key);
        size_t mark = diag_mark(doc->diag);
        reading.offset = config_table[i].offset;
        if (!v || (config_table[i].read(&reading, v, config_table[i].key) &&
                   !diag_failed_since(doc->diag, mark)))
            continue;
        int n = snprintf(fallen_back + used, size - used, "%s%s", used ? ", " : "",
                         config_table[i].key);
        if (n > 0 && (size_t)n < size - used)
            used += (size_t)n;
    }
    if (!ydoc_get(doc, root, "routines")) {
        /* No list given: the clinic's own folder beside kiosk.yaml (/etc/ease/routines when
         * installed) joins the defaults, so physiotherapists add routines without editing
         * this file. Only when it exists: a folder nobody made is not a problem. */
        char *own = source_file_join(folder, "routines");
        if (own && source_file_is_dir(own) && next->routine_dir_count < CONFIG_MAX_ROUTINE_DIRS)
            next->routine_dirs[next->routine_dir_count++] = own;
        else
            free(own);
    }
    return true;
}

/* A deep copy, so a failed read can be thrown away without touching the caller's config. */
static bool config_copy(ease_config *to, const ease_config *from)
{
    *to = *from;
    to->path = from->path ? strdup(from->path) : NULL;
    to->clinic = strdup(from->clinic ? from->clinic : "");
    to->kiosk = strdup(from->kiosk ? from->kiosk : "kiosk");
    for (size_t i = 0; i < from->routine_dir_count; i++)
        to->routine_dirs[i] = strdup(from->routine_dirs[i]);
    to->data_dir = from->data_dir ? strdup(from->data_dir) : NULL;
    to->staff_pin_hash = from->staff_pin_hash ? strdup(from->staff_pin_hash) : NULL;
    to->sound_device = from->sound_device ? strdup(from->sound_device) : NULL;
    to->voice_pack = from->voice_pack ? strdup(from->voice_pack) : NULL;
    bool ok = (!from->path || to->path) && to->clinic && to->kiosk &&
              (!from->data_dir || to->data_dir) && (!from->staff_pin_hash || to->staff_pin_hash) &&
              (!from->sound_device || to->sound_device) && (!from->voice_pack || to->voice_pack);
    for (size_t i = 0; i < from->routine_dir_count; i++)
        ok = ok && to->routine_dirs[i];
    if (!ok)
        config_free(to);
    return ok;
}

bool config_load(ease_config *cfg, const char *path, diag_list *diag)
{
    size_t mark = diag_mark(diag);
    yaml_doc_limits limits = yaml_doc_default_limits;
    limits.max_bytes = 256 * 1024; /* a configuration is a page or two */
    yaml_doc doc;
    if (!yaml_doc_load_file(&doc, path, &limits, diag))
        return false; /* not YAML at all: nothing in it can be trusted, cfg stays as it was */
    ease_config next;
    if (!config_copy(&next, cfg)) {
        diag_error(diag, path, 0, 0, "ran out of memory reading the configuration");
        yaml_doc_free(&doc);
        return false;
    }
    char *folder = source_file_dirname(path);
    char fallen_back[256];
    bool read = folder && config_read(&next, &doc, folder, fallen_back, sizeof fallen_back);
    free(folder);
    yaml_doc_free(&doc);
    if (!read) {
        config_free(&next);
        return false;
    }
    free(next.path);
    next.path = strdup(path);
    config_free(cfg);
    *cfg = next;
    if (fallen_back[0])
        diag_warning(diag, path, 0, 0,
                     "these keys keep their defaults: %s; every other key applies", fallen_back);
    return !diag_failed_since(diag, mark);
}
