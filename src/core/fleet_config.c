#include "fleet_config_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "source_file.h"

const char *fleet_tls_name(fleet_tls tls)
{
    static const char *const names[] = {"verify-full", "require", "disable"};
    return (unsigned)tls < sizeof names / sizeof *names ? names[tls] : "?";
}

void fleet_config_defaults(fleet_config *fleet)
{
    memset(fleet, 0, sizeof *fleet);
    fleet->port = 5432;
    snprintf(fleet->database, sizeof fleet->database, "ease");
    fleet->tls = FLEET_TLS_VERIFY_FULL;
    fleet->poll_ms = 60000;
    fleet->heartbeat_ms = 60000;
}

/* A name PostgreSQL and a file name both take as it is: letters, digits, '-', '_'. */
static bool fleet_name_ok(const char *name)
{
    return *name && strlen(name) < FLEET_NAME_MAX &&
           strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(name);
}

/* The text at key (at most size - 1 bytes) in *text, its node in *v: true with *text NULL when
 * the key is absent, false when its value is wrong (reported). */
static bool fleet_get_text(yaml_doc *doc, yaml_node_t *map, const char *key, size_t size,
                           yaml_node_t **v, char **text)
{
    *text = NULL;
    *v = ydoc_get(doc, map, key);
    return !*v || ydoc_get_string(doc, *v, key, size - 1, text);
}

static bool fleet_read_name(yaml_doc *doc, yaml_node_t *map, const char *key, char *out,
                            size_t size)
{
    yaml_node_t *v;
    char *text;
    if (!fleet_get_text(doc, map, key, size, &v, &text) || !text)
        return !v; /* absent: fine; wrong: reported */
    bool ok = fleet_name_ok(text);
    if (ok)
        snprintf(out, size, "%s", text);
    else
        ydoc_error(doc, v,
                   "'%s' must be lower-case letters, digits, '-' or '_' (it names a PostgreSQL "
                   "role or a clinic), got \"%s\"",
                   key, text);
    free(text);
    return ok;
}

/* A file the server or libpq reads: its path (relative to kiosk.yaml's folder), warned about
 * when missing, and when group or others may read it (secrets only). */
static bool fleet_read_file(yaml_doc *doc, yaml_node_t *map, const char *key, const char *folder,
                            bool secret, char *out, size_t size)
{
    yaml_node_t *v;
    char *text;
    if (!fleet_get_text(doc, map, key, size, &v, &text) || !text)
        return !v; /* absent: fine; wrong: reported */
    char *path = text[0] == '/' ? strdup(text) : source_file_join(folder, text);
    free(text);
    if (!path)
        return false;
    snprintf(out, size, "%s", path);
    struct stat info;
    if (stat(path, &info) != 0)
        ydoc_warning(doc, v,
                     "'%s' file \"%s\" does not exist; the kiosk cannot reach the server "
                     "until it does",
                     key, path);
    else if (secret && (info.st_mode & 077))
        ydoc_warning(doc, v,
                     "'%s' file \"%s\" can be read by other users (mode %03o); make it readable "
                     "by the ease user alone: chown ease \"%s\" && chmod 600 \"%s\"",
                     key, path, (unsigned)(info.st_mode & 0777), path, path);
    free(path);
    return true;
}

static const char *const fleet_keys[] = {
    "server",      "port", "database",      "kiosk",    "clinic", "tls",       "ca",
    "certificate", "key",  "password-file", "routines", "poll",   "heartbeat", NULL};

bool fleet_config_read(fleet_config *fleet, yaml_doc *doc, yaml_node_t *node, const char *folder,
                       const char *kiosk_name)
{
    if (!ydoc_expect_map(doc, node, "'fleet'"))
        return false;
    fleet_config next = *fleet;
    next.enabled = true;
    bool ok = ydoc_check_keys(doc, node, fleet_keys, "'fleet'");
    yaml_node_t *v;
    char *text;
    if ((v = ydoc_get(doc, node, "server")) && ydoc_get_string(doc, v, "server", 255, &text)) {
        snprintf(next.server, sizeof next.server, "%s", text);
        free(text);
    } else if (v) {
        ok = false;
    } else {
        ydoc_error(doc, node, "'fleet' needs 'server': the PostgreSQL server's host name");
        ok = false;
    }
    long number;
    if ((v = ydoc_get(doc, node, "port"))) {
        if (ydoc_get_int(doc, v, "port", 1, 65535, &number))
            next.port = (int)number;
        else
            ok = false;
    }
    if (kiosk_name && fleet_name_ok(kiosk_name))
        snprintf(next.kiosk, sizeof next.kiosk, "%s", kiosk_name);
    ok = fleet_read_name(doc, node, "database", next.database, sizeof next.database) && ok;
    ok = fleet_read_name(doc, node, "kiosk", next.kiosk, sizeof next.kiosk) && ok;
    ok = fleet_read_name(doc, node, "clinic", next.clinic, sizeof next.clinic) && ok;
    if (ok && !next.kiosk[0]) {
        ydoc_error(doc, node,
                   "'fleet' needs 'kiosk': this kiosk's name in the group (lower-case letters, "
                   "digits, '-', '_'), the PostgreSQL role made by 'ease fleet add-kiosk'");
        ok = false;
    }
    if (ok && !next.clinic[0]) {
        ydoc_error(doc, node, "'fleet' needs 'clinic': the clinic this kiosk belongs to");
        ok = false;
    }
    if ((v = ydoc_get(doc, node, "tls"))) {
        static const char *const modes[] = {"verify-full", "require", "disable", NULL};
        int mode;
        if (ydoc_get_enum(doc, v, "tls", modes, &mode))
            next.tls = (fleet_tls)mode;
        else
            ok = false;
    } else if (next.server[0] == '/') {
        next.tls = FLEET_TLS_DISABLE; /* a Unix socket on this machine: nothing on the wire */
    }
    if (v && next.tls == FLEET_TLS_DISABLE && next.server[0] && next.server[0] != '/' &&
        strcmp(next.server, "localhost") != 0)
        ydoc_warning(doc, v,
                     "'tls: disable' sends visits to %s unencrypted; use verify-full with 'ca'",
                     next.server);
    ok = fleet_read_file(doc, node, "ca", folder, false, next.ca, sizeof next.ca) && ok;
    ok = fleet_read_file(doc, node, "certificate", folder, false, next.certificate,
                         sizeof next.certificate) &&
         ok;
    ok = fleet_read_file(doc, node, "key", folder, true, next.key, sizeof next.key) && ok;
    ok = fleet_read_file(doc, node, "password-file", folder, true, next.password_file,
                         sizeof next.password_file) &&
         ok;
    ok = fleet_read_file(doc, node, "routines", folder, false, next.routines,
                         sizeof next.routines) &&
         ok;
    if (ok && next.tls == FLEET_TLS_VERIFY_FULL && !next.ca[0])
        ydoc_warning(doc, node,
                     "'fleet' has tls: verify-full but no 'ca': the system's CA list is used; "
                     "give the CA that signed the server's certificate");
    if (ok && next.certificate[0] && !next.key[0]) {
        ydoc_error(doc, node, "'fleet' has a 'certificate' but no 'key': give both, or neither");
        ok = false;
    }
    if ((v = ydoc_get(doc, node, "poll")) &&
        !ydoc_get_duration(doc, v, "poll", 1000, 3600000, &next.poll_ms))
        ok = false;
    if ((v = ydoc_get(doc, node, "heartbeat")) &&
        !ydoc_get_duration(doc, v, "heartbeat", 1000, 600000, &next.heartbeat_ms))
        ok = false;
    if (ok)
        *fleet = next;
    return ok;
}

bool fleet_config_add_routine_folder(fleet_config *fleet, const char *data_dir, char **dirs,
                                     size_t *count, size_t max)
{
    if (!fleet->enabled)
        return true;
    if (!fleet->routines[0] && data_dir) {
        char *folder = source_file_join(data_dir, "published");
        if (!folder)
            return false;
        snprintf(fleet->routines, sizeof fleet->routines, "%s", folder);
        free(folder);
    }
    for (size_t i = 0; i < *count; i++)
        if (!strcmp(dirs[i], fleet->routines))
            return true;
    if (*count >= max)
        return false;
    dirs[*count] = strdup(fleet->routines);
    if (!dirs[*count])
        return false;
    (*count)++;
    return true;
}
