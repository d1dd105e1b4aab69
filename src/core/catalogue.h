/* Every word the kiosk shows, per language, from assets/lang/<code>.yaml (and a clinic's own
 * folder), so a clinic adds a language by adding a file. A missing string falls back to English,
 * then to its key, so a half-translated file never leaves a blank on screen. */
#ifndef EASE_CATALOGUE_H
#define EASE_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct {
    char code[16];
    char *name; /* in its own language: "Español" */
    char **keys, **values;
    size_t count, keys_capacity, values_capacity;
} catalogue_language;

typedef struct {
    catalogue_language *languages;
    size_t count, capacity;
} catalogue;

void catalogue_init(catalogue *cat);
void catalogue_free(catalogue *cat);

/* Adds every *.yaml in dir; a language already loaded is replaced key by key (a clinic's file
 * can change a few words). False when the folder cannot be read or a file has errors. */
bool catalogue_load_dir(catalogue *cat, const char *dir, diag_list *diag);

const catalogue_language *catalogue_find(const catalogue *cat, const char *code);

/* The string for key in lang, else English, else the key itself. Never NULL. */
const char *catalogue_get(const catalogue *cat, const char *lang, const char *key);

/* Like catalogue_get with "{name}" replaced by values: pairs of name, value, ending in NULL. */
void catalogue_format(const catalogue *cat, const char *lang, const char *key, char *out,
                      size_t size, ...) __attribute__((sentinel));

#endif
