/* The optional 'fleet:' section of kiosk.yaml: where the clinic group's PostgreSQL server is,
 * who this kiosk is there, and how the connection is secured. The password (a libpq password
 * file) or the client certificate's key live in files only the ease user can read, never in
 * kiosk.yaml. With no 'fleet:' section, enabled is false and nothing of the fleet runs. */
#ifndef EASE_FLEET_CONFIG_H
#define EASE_FLEET_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FLEET_PATH_MAX = 1024, FLEET_NAME_MAX = 64 };

typedef enum {
    FLEET_TLS_VERIFY_FULL, /* encrypted, the server's certificate checked against 'ca' and name */
    FLEET_TLS_REQUIRE,     /* encrypted, the certificate not checked (a test bench only) */
    FLEET_TLS_DISABLE,     /* plain: only for a server on this machine's Unix socket */
} fleet_tls;

typedef struct {
    bool enabled;
    char server[FLEET_PATH_MAX]; /* host name or address; a folder (starting '/') is a socket */
    int port;
    char database[FLEET_NAME_MAX];
    char kiosk[FLEET_NAME_MAX]; /* this kiosk's name in the group: also its PostgreSQL role */
    char clinic[FLEET_NAME_MAX];
    fleet_tls tls;
    char ca[FLEET_PATH_MAX];            /* the CA that signed the server's certificate */
    char certificate[FLEET_PATH_MAX];   /* a client certificate, or "" */
    char key[FLEET_PATH_MAX];           /* its private key: mode 0600 */
    char password_file[FLEET_PATH_MAX]; /* a libpq password file (.pgpass format): mode 0600 */
    char routines[FLEET_PATH_MAX];      /* where published routines are kept; "" = data/published */
    int64_t poll_ms;                    /* how often to ship visits and look for routines */
    int64_t heartbeat_ms;               /* how often to say the kiosk is alive */
} fleet_config;

/* The defaults of an absent section: disabled. */
void fleet_config_defaults(fleet_config *fleet);

/* When the fleet is enabled: settles where published routines go ('routines', else
 * data_dir/published) and adds that folder to the kiosk's routine folders (dirs, *count, at
 * most max), so the folder watch reloads what the worker pulls. False when out of memory or no
 * room. */
bool fleet_config_add_routine_folder(fleet_config *fleet, const char *data_dir, char **dirs,
                                     size_t *count, size_t max);

const char *fleet_tls_name(fleet_tls tls);

#endif
