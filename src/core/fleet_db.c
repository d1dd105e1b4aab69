#include "fleet_db.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void fleet_db_say(char *message, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void fleet_db_say(char *message, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(message, size, format, args);
    va_end(args);
}

/* libpq's message on one line, without its trailing newline. */
static void fleet_db_one_line(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = text ? text : ""; *p && n + 1 < size; p++)
        out[n++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

/* What a technician can do about a failed connection, from libpq's words. The table is checked
 * in order: the first phrase found names the cause. */
static void fleet_db_explain(const char *server, const char *ca, const char *libpq, char *message,
                             size_t size)
{
    static const struct {
        const char *phrase, *advice;
    } causes[] = {
        {"certificate verify failed",
         "the server's certificate is not signed by the certificate authority Ease was given "
         "(fleet: ca); ask the server's administrator for the CA certificate that signed it"},
        {"does not match host name",
         "the server's certificate is for another name; set fleet: server to the name in its "
         "certificate"},
        {"root certificate file",
         "the CA certificate file is missing or unreadable; check fleet: ca"},
        {"server does not support SSL",
         "the server does not offer TLS; turn on ssl in its postgresql.conf (see docs/fleet.md)"},
        {"no pg_hba.conf entry",
         "the server does not let this kiosk in from here; add a hostssl line for it to "
         "pg_hba.conf (see docs/fleet.md)"},
        {"password authentication failed",
         "the server refused the password; check the password file (fleet: password-file)"},
        {"no password supplied",
         "the server wants a password and none was found; give fleet: password-file"},
        {"certificate authentication failed",
         "the server refused the client certificate; check fleet: certificate and key"},
        {"does not exist",
         "the server does not know this kiosk or database; run 'ease fleet add-kiosk' on the "
         "server, and check fleet: database"},
        {"Connection refused",
         "nothing answers at that address: is PostgreSQL running and listening there? (Ease "
         "keeps the visits and tries again)"},
        {"No such file or directory",
         "nothing answers at that address: is PostgreSQL running and listening there? (Ease "
         "keeps the visits and tries again)"},
        {"timeout expired",
         "the server did not answer in time: check the network (Ease keeps the visits and "
         "tries again)"},
        {"could not translate host name",
         "the server's name is unknown: check fleet: server and the network's DNS"},
    };
    char said[FLEET_MESSAGE_MAX];
    fleet_db_one_line(libpq, said, sizeof said);
    const char *advice = "see the server's log for why";
    for (size_t i = 0; i < sizeof causes / sizeof *causes; i++)
        if (strstr(said, causes[i].phrase)) {
            advice = causes[i].advice;
            break;
        }
    (void)ca;
    fleet_db_say(message, size, "cannot connect to the fleet server %s: %s (%s)", server, advice,
                 said);
}

static void fleet_db_quiet(void *context, const char *message)
{
    (void)context;
    (void)message;
}

static bool fleet_db_finish(PGconn *conn, const char *server, const char *ca, PGconn **out,
                            char *message, size_t size)
{
    if (!conn) {
        fleet_db_say(message, size, "cannot connect to the fleet server %s: out of memory", server);
        return false;
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        fleet_db_explain(server, ca, PQerrorMessage(conn), message, size);
        PQfinish(conn);
        return false;
    }
    /* The server's notices ("already exists, skipping") are not for a kiosk's log. */
    PQsetNoticeProcessor(conn, fleet_db_quiet, NULL);
    /* Times on the wire in UTC, so the kiosk's and the server's zones never meet. */
    PGresult *r = PQexec(conn, "SET TIME ZONE 'UTC'");
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        fleet_db_explain(server, ca, PQerrorMessage(conn), message, size);
        PQfinish(conn);
        return false;
    }
    *out = conn;
    return true;
}

/* Adds key=value to libpq's arrays, when the value is given. */
static void fleet_db_param(const char **keys, const char **values, size_t *n, const char *key,
                           const char *value)
{
    if (value && *value) {
        keys[*n] = key;
        values[*n] = value;
        (*n)++;
    }
}

bool fleet_db_connect(const fleet_config *fleet, const char *role_override, int connect_timeout_s,
                      PGconn **out, char *message, size_t size)
{
    char port[16], timeout[16];
    snprintf(port, sizeof port, "%d", fleet->port);
    snprintf(timeout, sizeof timeout, "%d", connect_timeout_s > 0 ? connect_timeout_s : 10);
    const char *keys[24], *values[24];
    size_t n = 0;
    fleet_db_param(keys, values, &n, "host", fleet->server);
    fleet_db_param(keys, values, &n, "port", port);
    fleet_db_param(keys, values, &n, "dbname", fleet->database);
    fleet_db_param(keys, values, &n, "user", role_override ? role_override : fleet->kiosk);
    fleet_db_param(keys, values, &n, "sslmode", fleet_tls_name(fleet->tls));
    fleet_db_param(keys, values, &n, "sslrootcert", fleet->ca);
    fleet_db_param(keys, values, &n, "sslcert", fleet->certificate);
    fleet_db_param(keys, values, &n, "sslkey", fleet->key);
    fleet_db_param(keys, values, &n, "passfile", fleet->password_file);
    fleet_db_param(keys, values, &n, "connect_timeout", timeout);
    fleet_db_param(keys, values, &n, "application_name", "ease");
    /* A network that goes silent (a cable pulled, a router gone) must not hold the worker in a
     * query for ever: the kiosk joins it when it stops. TCP keepalives and a user timeout find a
     * dead link within a minute; the server gives up on any statement after two. */
    if (fleet->server[0] != '/') {
        fleet_db_param(keys, values, &n, "keepalives", "1");
        fleet_db_param(keys, values, &n, "keepalives_idle", "20");
        fleet_db_param(keys, values, &n, "keepalives_interval", "10");
        fleet_db_param(keys, values, &n, "keepalives_count", "3");
        fleet_db_param(keys, values, &n, "tcp_user_timeout", "60000");
    }
    fleet_db_param(keys, values, &n, "options", "-c statement_timeout=120000");
    keys[n] = values[n] = NULL;
    PGconn *conn = PQconnectdbParams(keys, values, 0);
    return fleet_db_finish(conn, fleet->server, fleet->ca, out, message, size);
}

bool fleet_db_connect_string(const char *conninfo, int connect_timeout_s, PGconn **out,
                             char *message, size_t size)
{
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%d", connect_timeout_s > 0 ? connect_timeout_s : 10);
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *values[] = {conninfo, timeout, "ease", NULL};
    /* expand_dbname: the first dbname may be a whole connection string or URI. */
    PGconn *conn = PQconnectdbParams(keys, values, 1);
    const char *host = conn ? PQhost(conn) : NULL;
    char server[256];
    snprintf(server, sizeof server, "%s", host && *host ? host : conninfo);
    return fleet_db_finish(conn, server, "", out, message, size);
}

bool fleet_db_exec(PGconn *conn, const char *sql, int count, const char *const *params,
                   PGresult **out, const char *doing, char *message, size_t size)
{
    PGresult *r = PQexecParams(conn, sql, count, NULL, params, NULL, NULL, 0);
    ExecStatusType status = PQresultStatus(r);
    bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok) {
        char said[FLEET_MESSAGE_MAX];
        fleet_db_one_line(r ? PQresultErrorMessage(r) : PQerrorMessage(conn), said, sizeof said);
        if (!*said)
            fleet_db_one_line(PQerrorMessage(conn), said, sizeof said);
        fleet_db_say(message, size, "cannot %s: %s", doing, said);
    }
    if (ok && out)
        *out = r;
    else
        PQclear(r);
    return ok;
}

bool fleet_db_broken(PGconn *conn)
{
    return !conn || PQstatus(conn) != CONNECTION_OK;
}
