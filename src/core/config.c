#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "source_file.h"
#include "staff_pin.h"
#include "yaml_doc.h"

const char *config_theme_name(config_theme theme)
{
    return theme == CONFIG_THEME_HIGH_CONTRAST ? "high-contrast" : "calm";
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

static const char *const config_keys[] = {
    "format",         "clinic",     "kiosk", "languages",       "language", "idle",
    "rate-before",    "rate-after", "voice", "speak-breathing", "volume",   "theme",
    "reduced-motion", "routines",   "data",  "staff-pin",       "fleet",    NULL};

static bool config_read(ease_config *next, yaml_doc *doc, const char *folder)
{
    yaml_node_t *root = ydoc_root(doc);
    if (!ydoc_expect_map(doc, root, "the kiosk configuration"))
        return false;
    bool ok = ydoc_check_keys(doc, root, config_keys, "the kiosk configuration");
    yaml_node_t *v;
    long number;
    if ((v = ydoc_get(doc, root, "format")) && !ydoc_get_int(doc, v, "format", 1, 1, &number))
        ok = false;
    char *text;
    if ((v = ydoc_get(doc, root, "clinic"))) {
        if (ydoc_get_string(doc, v, "clinic", 60, &text)) {
            free(next->clinic);
            next->clinic = text;
        } else {
            ok = false;
        }
    }
    if ((v = ydoc_get(doc, root, "kiosk"))) {
        if (ydoc_get_string(doc, v, "kiosk", 60, &text)) {
            free(next->kiosk);
            next->kiosk = text;
        } else {
            ok = false;
        }
    }
    if ((v = ydoc_get(doc, root, "languages"))) {
        size_t n = ydoc_seq_size(v);
        if (!ydoc_expect_seq(doc, v, "'languages'")) {
            ok = false;
        } else if (n < 1 || n > CONFIG_MAX_LANGUAGES) {
            ydoc_error(doc, v, "'languages' must list from 1 to %d language codes, got %zu",
                       CONFIG_MAX_LANGUAGES, n);
            ok = false;
        } else {
            next->language_count = 0;
            for (size_t i = 0; i < n; i++) {
                yaml_node_t *item = ydoc_seq_item(doc, v, i);
                if (item && config_language(doc, item, "languages", next->languages[i],
                                            sizeof next->languages[i]))
                    next->language_count++;
                else
                    ok = false;
            }
            /* The default follows the list unless given. */
            if (next->language_count)
                snprintf(next->language, sizeof next->language, "%s", next->languages[0]);
        }
    }
    if ((v = ydoc_get(doc, root, "language"))) {
        if (!config_language(doc, v, "language", next->language, sizeof next->language)) {
            ok = false;
        } else {
            bool offered = false;
            for (size_t i = 0; i < next->language_count; i++)
                offered |= !strcmp(next->languages[i], next->language);
            if (!offered) {
                ydoc_error(doc, v, "'language' is '%s', which is not one of 'languages'",
                           next->language);
                ok = false;
            }
        }
    }
    if ((v = ydoc_get(doc, root, "idle")) &&
        !ydoc_get_duration(doc, v, "idle", 15000, 30 * 60000, &next->idle_ms))
        ok = false;
    struct {
        const char *key;
        bool *out;
    } flags[] = {{"rate-before", &next->rate_before},
                 {"rate-after", &next->rate_after},
                 {"voice", &next->voice},
                 {"speak-breathing", &next->speak_breathing},
                 {"reduced-motion", &next->reduced_motion}};
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if ((v = ydoc_get(doc, root, flags[i].key)) &&
            !ydoc_get_bool(doc, v, flags[i].key, flags[i].out))
            ok = false;
    if ((v = ydoc_get(doc, root, "volume"))) {
        if (ydoc_get_int(doc, v, "volume", 0, 100, &number))
            next->volume = (int)number;
        else
            ok = false;
    }
    if ((v = ydoc_get(doc, root, "theme"))) {
        static const char *const themes[] = {"calm", "high-contrast", NULL};
        int theme;
        if (ydoc_get_enum(doc, v, "theme", themes, &theme))
            next->theme = (config_theme)theme;
        else
            ok = false;
    }
    if ((v = ydoc_get(doc, root, "routines"))) {
        size_t n = ydoc_seq_size(v);
        if (!ydoc_expect_seq(doc, v, "'routines'")) {
            ok = false;
        } else if (n < 1 || n > CONFIG_MAX_ROUTINE_DIRS) {
            ydoc_error(doc, v, "'routines' must list from 1 to %d folders, got %zu",
                       CONFIG_MAX_ROUTINE_DIRS, n);
            ok = false;
        } else {
            for (size_t i = 0; i < next->routine_dir_count; i++)
                free(next->routine_dirs[i]);
            next->routine_dir_count = 0;
            for (size_t i = 0; i < n; i++) {
                yaml_node_t *item = ydoc_seq_item(doc, v, i);
                if (!item || !ydoc_get_string(doc, item, "routines", 4096, &text)) {
                    ok = false;
                    continue;
                }
                char *dir = config_path_from(folder, text);
                free(text);
                if (!dir) {
                    ok = false;
                    continue;
                }
                if (!source_file_is_dir(dir))
                    ydoc_warning(doc, item, "routine folder \"%s\" does not exist; it is skipped",
                                 dir);
                next->routine_dirs[next->routine_dir_count++] = dir;
            }
        }
    } else {
        /* No list given: the clinic's own folder beside kiosk.yaml (/etc/ease/routines when
         * installed) joins the defaults, so physiotherapists add routines without editing
         * this file. Only when it exists: a folder nobody made is not a problem. */
        char *own = source_file_join(folder, "routines");
        if (!own)
            ok = false;
        else if (source_file_is_dir(own) && next->routine_dir_count < CONFIG_MAX_ROUTINE_DIRS)
            next->routine_dirs[next->routine_dir_count++] = own;
        else
            free(own);
    }
    if ((v = ydoc_get(doc, root, "data"))) {
        if (ydoc_get_string(doc, v, "data", 4096, &text)) {
            free(next->data_dir);
            next->data_dir = config_path_from(folder, text);
            free(text);
            ok = ok && next->data_dir;
        } else {
            ok = false;
        }
    }
    if ((v = ydoc_get(doc, root, "staff-pin"))) {
        if (ydoc_get_string(doc, v, "staff-pin", 200, &text)) {
            if (staff_pin_hash_recognised(text)) {
                free(next->staff_pin_hash);
                next->staff_pin_hash = text;
            } else {
                ydoc_error(doc, v,
                           "'staff-pin' must be a hash made by 'ease pin' (it starts with "
                           "$argon2id$), never the PIN itself");
                free(text);
                ok = false;
            }
        } else {
            ok = false;
        }
    }
    /* Its own reader (fleet_config.c), after 'kiosk', whose name it defaults to. */
    if ((v = ydoc_get(doc, root, "fleet"))) {
        if (!fleet_config_read(&next->fleet, doc, v, folder, next->kiosk)) {
            ok = false;
        } else if (!fleet_config_add_routine_folder(&next->fleet, next->data_dir,
                                                    next->routine_dirs, &next->routine_dir_count,
                                                    CONFIG_MAX_ROUTINE_DIRS)) {
            ydoc_error(doc, v,
                       "'fleet' needs a routine folder of its own: list at most %d in "
                       "'routines'",
                       CONFIG_MAX_ROUTINE_DIRS - 1);
            ok = false;
        }
    }
    return ok;
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
    bool ok = (!from->path || to->path) && to->clinic && to->kiosk &&
              (!from->data_dir || to->data_dir) && (!from->staff_pin_hash || to->staff_pin_hash);
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
    bool ok = yaml_doc_load_file(&doc, path, &limits, diag);
    ease_config next;
    if (ok && !config_copy(&next, cfg)) {
        diag_error(diag, path, 0, 0, "ran out of memory reading the configuration");
        yaml_doc_free(&doc);
        ok = false;
    } else if (ok) {
        char *folder = source_file_dirname(path);
        ok = folder && config_read(&next, &doc, folder) && !diag_failed_since(diag, mark);
        free(folder);
        yaml_doc_free(&doc);
        if (ok) {
            free(next.path);
            next.path = strdup(path);
            config_free(cfg);
            *cfg = next;
        } else {
            config_free(&next);
        }
    }
    return ok;
}
