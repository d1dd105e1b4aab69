#include "fleet_routines.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fleet_db.h"
#include "source_file.h"

enum { FLEET_ROUTINE_MAX_BYTES = 1024 * 1024 }; /* the loader's own limit for a file */

bool fleet_routine_name_ok(const char *name)
{
    size_t n = strlen(name);
    return n > 0 && n <= 122 && name[0] != '.' &&
           strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n &&
           source_file_is_yaml(name);
}

static void fleet_routine_sha256(const unsigned char *data, size_t size, char out[65])
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, data, size);
    sodium_bin2hex(out, 65, hash, sizeof hash);
}

bool fleet_routine_publish(PGconn *conn, const char *name, const char *clinic,
                           const unsigned char *content, size_t size, char sha256_hex[65],
                           char *message, size_t message_size)
{
    if (!fleet_routine_name_ok(name)) {
        snprintf(message, message_size,
                 "cannot publish \"%s\": a published file's name is letters, digits, '.', '-' "
                 "or '_', ending .yaml",
                 name);
        return false;
    }
    if (size > FLEET_ROUTINE_MAX_BYTES || memchr(content, '\0', size)) {
        snprintf(message, message_size, "cannot publish \"%s\": not a routine file", name);
        return false;
    }
    char *text = malloc(size + 1);
    if (!text) {
        snprintf(message, message_size, "cannot publish \"%s\": out of memory", name);
        return false;
    }
    memcpy(text, content, size);
    text[size] = '\0';
    fleet_routine_sha256(content, size, sha256_hex);
    const char *params[] = {name, clinic ? clinic : "", text, sha256_hex};
    bool ok = fleet_db_exec(
        conn,
        "INSERT INTO ease.routine (name, clinic, content, sha256) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (name, clinic) DO UPDATE SET content = excluded.content,"
        " sha256 = excluded.sha256, published_by = current_user, published_utc = now()",
        4, params, NULL, "publish the routine", message, message_size);
    free(text);
    return ok;
}

bool fleet_routine_withdraw(PGconn *conn, const char *name, const char *clinic, char *message,
                            size_t size)
{
    const char *params[] = {name, clinic ? clinic : ""};
    PGresult *r = NULL;
    if (!fleet_db_exec(conn, "DELETE FROM ease.routine WHERE name = $1 AND clinic = $2", 2, params,
                       &r, "withdraw the routine", message, size))
        return false;
    bool found = atoi(PQcmdTuples(r)) > 0;
    PQclear(r);
    if (!found)
        snprintf(message, size, "nothing is published as \"%s\"%s%s", name,
                 clinic && *clinic ? " for clinic " : " for every clinic",
                 clinic && *clinic ? clinic : "");
    return found;
}

/* Whether the file at path holds exactly the content with this hash. */
static bool fleet_routine_same(const char *path, const char *sha256_hex)
{
    unsigned char *data = NULL;
    size_t size = 0;
    diag_list quiet;
    diag_init(&quiet);
    bool same = false;
    if (source_file_read(path, FLEET_ROUTINE_MAX_BYTES, &data, &size, &quiet)) {
        char hash[65];
        fleet_routine_sha256(data, size, hash);
        same = !strcmp(hash, sha256_hex);
        free(data);
    }
    diag_free(&quiet);
    return same;
}

/* The whole file on the disk under a hidden name (the watcher and the loader skip hidden
 * names), then renamed: the library never sees half a routine. */
static bool fleet_routine_write(const char *folder, const char *name, const char *content,
                                size_t size, char *message, size_t message_size)
{
    char *path = source_file_join(folder, name), *temporary = NULL;
    bool ok = path && asprintf(&temporary, "%s/.%s.part", folder, name) >= 0;
    int fd = ok ? open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
    if (fd < 0) {
        ok = false;
    } else {
        size_t done = 0;
        while (ok && done < size) {
            ssize_t n = write(fd, content + done, size - done);
            if (n < 0 && errno == EINTR)
                continue;
            ok = n > 0;
            done += n > 0 ? (size_t)n : 0;
        }
        ok = fsync(fd) == 0 && ok;
        ok = close(fd) == 0 && ok;
        ok = ok && rename(temporary, path) == 0;
        if (!ok)
            unlink(temporary);
    }
    if (!ok)
        snprintf(message, message_size, "cannot write the published routine %s in %s: %s", name,
                 folder, strerror(errno));
    free(path);
    free(temporary);
    return ok;
}

bool fleet_routine_pull(PGconn *conn, const char *folder, size_t *changed, char *message,
                        size_t size)
{
    *changed = 0;
    /* For each name, this clinic's own version before the one for every clinic; row-level
     * security has already left out other clinics'. */
    PGresult *r = NULL;
    if (!fleet_db_exec(conn,
                       "SELECT DISTINCT ON (name) name, sha256, content FROM ease.routine"
                       " ORDER BY name, clinic = ''",
                       0, NULL, &r, "read the published routines", message, size))
        return false;
    int made = source_file_make_folder(folder);
    if (made) {
        snprintf(message, size, "cannot make the published routines' folder %s: %s", folder,
                 strerror(made));
        PQclear(r);
        return false;
    }
    bool ok = true;
    int rows = PQntuples(r);
    for (int i = 0; i < rows; i++) {
        const char *name = PQgetvalue(r, i, 0), *sha = PQgetvalue(r, i, 1);
        const char *content = PQgetvalue(r, i, 2);
        size_t length = (size_t)PQgetlength(r, i, 2);
        char check[65];
        fleet_routine_sha256((const unsigned char *)content, length, check);
        if (!fleet_routine_name_ok(name) || strcmp(check, sha) != 0) {
            snprintf(message, size, "the server's routine \"%s\" is damaged; it is skipped", name);
            ok = false;
            continue;
        }
        char *path = source_file_join(folder, name);
        bool same = path && fleet_routine_same(path, sha);
        free(path);
        if (same)
            continue;
        if (fleet_routine_write(folder, name, content, length, message, size))
            (*changed)++;
        else
            ok = false;
    }
    /* Withdrawn: whatever routine file in our own folder the server no longer lists. */
    DIR *dir = opendir(folder);
    struct dirent *entry;
    while (dir && (entry = readdir(dir))) {
        if (entry->d_name[0] == '.' || !source_file_is_yaml(entry->d_name))
            continue;
        bool listed = false;
        for (int i = 0; i < rows && !listed; i++)
            listed = !strcmp(PQgetvalue(r, i, 0), entry->d_name);
        if (listed)
            continue;
        char *path = source_file_join(folder, entry->d_name);
        if (path && unlink(path) == 0)
            (*changed)++;
        free(path);
    }
    if (dir)
        closedir(dir);
    PQclear(r);
    return ok;
}
