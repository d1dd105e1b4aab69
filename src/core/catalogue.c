#include "catalogue.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "source_file.h"
#include "yaml_doc.h"

enum { CATALOGUE_MAX_STRINGS = 1000, CATALOGUE_STRING_MAX = 500 };

void catalogue_init(catalogue *cat)
{
    memset(cat, 0, sizeof *cat);
}

static void catalogue_language_free(catalogue_language *lang)
{
    for (size_t i = 0; i < lang->count; i++) {
        free(lang->keys[i]);
        free(lang->values[i]);
    }
    free(lang->keys);
    free(lang->values);
    free(lang->name);
    memset(lang, 0, sizeof *lang);
}

void catalogue_free(catalogue *cat)
{
    for (size_t i = 0; i < cat->count; i++)
        catalogue_language_free(&cat->languages[i]);
    free(cat->languages);
    catalogue_init(cat);
}

const catalogue_language *catalogue_find(const catalogue *cat, const char *code)
{
    for (size_t i = 0; code && i < cat->count; i++)
        if (!strcmp(cat->languages[i].code, code))
            return &cat->languages[i];
    return NULL;
}

static const char *catalogue_lookup(const catalogue_language *lang, const char *key)
{
    for (size_t i = 0; lang && i < lang->count; i++)
        if (!strcmp(lang->keys[i], key))
            return lang->values[i];
    return NULL;
}

const char *catalogue_get(const catalogue *cat, const char *lang, const char *key)
{
    const char *text = catalogue_lookup(catalogue_find(cat, lang), key);
    if (!text)
        text = catalogue_lookup(catalogue_find(cat, "en"), key);
    return text ? text : key;
}

void catalogue_format(const catalogue *cat, const char *lang, const char *key, char *out,
                      size_t size, ...)
{
    const char *pattern = catalogue_get(cat, lang, key);
    size_t o = 0;
    if (size == 0)
        return;
    for (const char *p = pattern; *p && o + 1 < size;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close) {
            const char *value = NULL;
            va_list args;
            va_start(args, size);
            for (const char *name; (name = va_arg(args, const char *));) {
                const char *candidate = va_arg(args, const char *);
                if (strlen(name) == (size_t)(close - p - 1) && !strncmp(name, p + 1, strlen(name)))
                    value = candidate;
            }
            va_end(args);
            if (value) {
                size_t n = strlen(value);
                if (n > size - 1 - o)
                    n = size - 1 - o;
                memcpy(out + o, value, n);
                o += n;
                p = close + 1;
                continue;
            }
        }
        out[o++] = *p++;
    }
    out[o] = '\0';
}

static catalogue_language *catalogue_language_for(catalogue *cat, const char *code)
{
    for (size_t i = 0; i < cat->count; i++)
        if (!strcmp(cat->languages[i].code, code))
            return &cat->languages[i];
    catalogue_language *grown =
        array_grow(cat->languages, &cat->capacity, cat->count + 1, sizeof *grown);
    if (!grown)
        return NULL;
    cat->languages = grown;
    catalogue_language *lang = &cat->languages[cat->count++];
    memset(lang, 0, sizeof *lang);
    snprintf(lang->code, sizeof lang->code, "%s", code);
    return lang;
}

static bool catalogue_put(catalogue_language *lang, const char *key, char *value)
{
    for (size_t i = 0; i < lang->count; i++)
        if (!strcmp(lang->keys[i], key)) {
            free(lang->values[i]);
            lang->values[i] = value;
            return true;
        }
    char **keys = array_grow(lang->keys, &lang->keys_capacity, lang->count + 1, sizeof *keys);
    if (keys)
        lang->keys = keys;
    char **values =
        array_grow(lang->values, &lang->values_capacity, lang->count + 1, sizeof *values);
    if (values)
        lang->values = values;
    char *copy = strdup(key);
    if (!keys || !values || !copy) {
        free(copy);
        free(value);
        return false;
    }
    lang->keys[lang->count] = copy;
    lang->values[lang->count++] = value;
    return true;
}

static bool catalogue_load_file(catalogue *cat, const char *path, diag_list *diag)
{
    yaml_doc doc;
    if (!yaml_doc_load_file(&doc, path, NULL, diag))
        return false;
    yaml_node_t *root = ydoc_root(&doc);
    static const char *const known[] = {"format", "language", "name", "strings", NULL};
    bool ok = ydoc_expect_map(&doc, root, "a language file") &&
              ydoc_check_keys(&doc, root, known, "a language file");
    yaml_node_t *code = ok ? ydoc_get(&doc, root, "language") : NULL;
    yaml_node_t *name = ok ? ydoc_get(&doc, root, "name") : NULL;
    yaml_node_t *strings = ok ? ydoc_get(&doc, root, "strings") : NULL;
    if (ok && (!code || !name || !strings)) {
        ydoc_error(&doc, root, "a language file needs 'language' (its code), 'name' and 'strings'");
        ok = false;
    }
    char *code_text = NULL, *name_text = NULL;
    if (ok)
        ok = ydoc_get_string(&doc, code, "language", 15, &code_text) &&
             ydoc_get_string(&doc, name, "name", 40, &name_text) &&
             ydoc_expect_map(&doc, strings, "'strings'");
    catalogue_language *lang = ok ? catalogue_language_for(cat, code_text) : NULL;
    if (ok && !lang)
        ok = false;
    if (lang) {
        free(lang->name);
        lang->name = name_text;
        name_text = NULL;
        size_t n = ydoc_map_size(strings);
        for (size_t i = 0; i < n && i < CATALOGUE_MAX_STRINGS; i++) {
            yaml_node_t *k, *v;
            char *value;
            if (!ydoc_map_pair(&doc, strings, i, &k, &v))
                break;
            const char *key = ydoc_scalar(k);
            if (!key || !ydoc_get_string(&doc, v, key, CATALOGUE_STRING_MAX, &value)) {
                ok = false;
                continue;
            }
            if (!catalogue_put(lang, key, value))
                ok = false;
        }
    }
    free(code_text);
    free(name_text);
    yaml_doc_free(&doc);
    return ok;
}

static bool catalogue_load_one(void *cat, const char *path, diag_list *diag)
{
    return catalogue_load_file(cat, path, diag);
}

bool catalogue_load_dir(catalogue *cat, const char *dir, diag_list *diag)
{
    return source_file_load_yaml(dir, catalogue_load_one, cat, diag);
}
