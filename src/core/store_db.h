/* The store's own SQLite handle, for the store's files (store.c, store_summary.c) and for tests
 * that check the database itself (integrity_check, a version from the future). Nothing else
 * includes this: the rest of Ease reaches the records through store.h, so SQLite stays inside
 * the store. */
#ifndef EASE_STORE_DB_H
#define EASE_STORE_DB_H

#include <sqlite3.h>

#include "store.h"

sqlite3 *store_db(store *s);

#endif
