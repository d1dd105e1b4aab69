#include "fleet_schema.h"

#include <stdio.h>
#include <stdlib.h>

#include "fleet_db.h"
#include "session.h"

/* Step 1: kiosks, visits, heartbeats, published routines, the roles and their policies.
 *
 * A kiosk logs in as a role named like the kiosk. Its policies compare rows with current_user,
 * and its clinic comes from ease.kiosk (through a SECURITY DEFINER function, since a kiosk may
 * not read that table), so neither the kiosk nor its clinic can be claimed, only proven by
 * logging in. The clinic is copied into each visit so reports filter by clinic on an index.
 * Times are timestamptz in UTC; the kiosk's clock is recorded beside the server's, not
 * trusted. */
static const char fleet_schema_step1[] =
    "CREATE SCHEMA IF NOT EXISTS ease;"
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ease_kiosk') THEN"
    "  CREATE ROLE ease_kiosk NOLOGIN; END IF;"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ease_report') THEN"
    "  CREATE ROLE ease_report NOLOGIN; END IF;"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ease_admin') THEN"
    "  CREATE ROLE ease_admin NOLOGIN; END IF;"
    "END $$;"
    "REVOKE ALL ON SCHEMA ease FROM PUBLIC;"
    "GRANT USAGE ON SCHEMA ease TO ease_kiosk, ease_report, ease_admin;"
    "CREATE TABLE ease.kiosk ("
    " kiosk text PRIMARY KEY CHECK (kiosk ~ '^[a-z0-9_-]{1,63}$'),"
    " clinic text NOT NULL CHECK (clinic ~ '^[a-z0-9_-]{1,63}$'),"
    " added_utc timestamptz NOT NULL DEFAULT now());"
    "CREATE FUNCTION ease.clinic_of(who name) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER"
    " SET search_path = pg_catalog, ease AS $f$ SELECT clinic FROM ease.kiosk"
    " WHERE kiosk = who::text $f$;"
    "CREATE TABLE ease.visit ("
    " visit_id text PRIMARY KEY CHECK (visit_id ~ '^[0-9a-f]{32}$'),"
    " kiosk text NOT NULL REFERENCES ease.kiosk,"
    " clinic text NOT NULL,"
    " revision bigint NOT NULL CHECK (revision >= 1),"
    " routine_id text NOT NULL, routine_title text NOT NULL, routine_hash text NOT NULL,"
    " level integer NOT NULL CHECK (level >= 1), language text NOT NULL,"
    " start_utc timestamptz NOT NULL, end_utc timestamptz,"
    " planned_seconds double precision NOT NULL, played_seconds double precision NOT NULL,"
    " steps_completed integer NOT NULL, steps_total integer NOT NULL,"
    " outcome text NOT NULL CHECK (outcome IN ('open', 'completed', 'stopped', 'abandoned')),"
    " stop_reason text CHECK (stop_reason IN ('too-painful', 'too-tiring', 'had-to-go', "
    "'other')),"
    " pain_before smallint CHECK (pain_before BETWEEN 0 AND 10),"
    " pain_after smallint CHECK (pain_after BETWEEN 0 AND 10),"
    " app_version text NOT NULL,"
    " received_utc timestamptz NOT NULL DEFAULT now(),"
    " kiosk_skew_ms bigint);" /* the server's clock minus the kiosk's, when it was sent */
    "CREATE INDEX visit_by_clinic_start ON ease.visit (clinic, start_utc);"
    "CREATE INDEX visit_by_kiosk_start ON ease.visit (kiosk, start_utc);"
    "CREATE INDEX visit_by_start ON ease.visit USING brin (start_utc);"
    "CREATE TABLE ease.heartbeat ("
    " kiosk text PRIMARY KEY REFERENCES ease.kiosk, clinic text NOT NULL,"
    " received_utc timestamptz NOT NULL DEFAULT now(), kiosk_utc timestamptz NOT NULL,"
    " kiosk_skew_ms bigint NOT NULL, app_version text NOT NULL,"
    " routines_loaded integer NOT NULL, routines_rejected integer NOT NULL,"
    " last_visit_utc timestamptz, visits_waiting bigint NOT NULL, sound text NOT NULL,"
    " last_error text NOT NULL);"
    "CREATE TABLE ease.routine ("
    " name text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,120}[.]ya?ml$'),"
    " clinic text NOT NULL DEFAULT ''," /* '' for every clinic */
    " content text NOT NULL, sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
    " published_by text NOT NULL DEFAULT current_user,"
    " published_utc timestamptz NOT NULL DEFAULT now(),"
    " PRIMARY KEY (name, clinic));"
    "ALTER TABLE ease.visit ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE ease.heartbeat ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE ease.routine ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE ease.kiosk ENABLE ROW LEVEL SECURITY;"
    "GRANT SELECT, INSERT, UPDATE ON ease.visit, ease.heartbeat TO ease_kiosk;"
    "GRANT SELECT ON ease.routine TO ease_kiosk;"
    "GRANT SELECT ON ease.visit, ease.heartbeat, ease.routine, ease.kiosk TO ease_report;"
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ease.visit, ease.heartbeat, ease.routine,"
    " ease.kiosk TO ease_admin;"
    "REVOKE ALL ON FUNCTION ease.clinic_of(name) FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION ease.clinic_of(name) TO ease_kiosk, ease_report, ease_admin;"
    "CREATE POLICY kiosk_reads_own ON ease.visit FOR SELECT TO ease_kiosk"
    " USING (kiosk = current_user);"
    "CREATE POLICY kiosk_adds_own ON ease.visit FOR INSERT TO ease_kiosk"
    " WITH CHECK (kiosk = current_user AND clinic = ease.clinic_of(current_user));"
    "CREATE POLICY kiosk_updates_own ON ease.visit FOR UPDATE TO ease_kiosk"
    " USING (kiosk = current_user)"
    " WITH CHECK (kiosk = current_user AND clinic = ease.clinic_of(current_user));"
    "CREATE POLICY kiosk_reads_own ON ease.heartbeat FOR SELECT TO ease_kiosk"
    " USING (kiosk = current_user);"
    "CREATE POLICY kiosk_adds_own ON ease.heartbeat FOR INSERT TO ease_kiosk"
    " WITH CHECK (kiosk = current_user AND clinic = ease.clinic_of(current_user));"
    "CREATE POLICY kiosk_updates_own ON ease.heartbeat FOR UPDATE TO ease_kiosk"
    " USING (kiosk = current_user)"
    " WITH CHECK (kiosk = current_user AND clinic = ease.clinic_of(current_user));"
    "CREATE POLICY kiosk_reads_its_clinics ON ease.routine FOR SELECT TO ease_kiosk"
    " USING (clinic = '' OR clinic = ease.clinic_of(current_user));"
    "CREATE POLICY report_reads ON ease.visit FOR SELECT TO ease_report USING (true);"
    "CREATE POLICY report_reads ON ease.heartbeat FOR SELECT TO ease_report USING (true);"
    "CREATE POLICY report_reads ON ease.routine FOR SELECT TO ease_report USING (true);"
    "CREATE POLICY report_reads ON ease.kiosk FOR SELECT TO ease_report USING (true);"
    "CREATE POLICY admin_all ON ease.visit FOR ALL TO ease_admin USING (true) WITH CHECK (true);"
    "CREATE POLICY admin_all ON ease.heartbeat FOR ALL TO ease_admin USING (true)"
    " WITH CHECK (true);"
    "CREATE POLICY admin_all ON ease.routine FOR ALL TO ease_admin USING (true)"
    " WITH CHECK (true);"
    "CREATE POLICY admin_all ON ease.kiosk FOR ALL TO ease_admin USING (true) WITH CHECK (true);"
    /* Adding a kiosk: its role (logging in with a password or a certificate, set by the
     * administrator), a member of ease_kiosk and nothing else, and its clinic. */
    "CREATE FUNCTION ease.add_kiosk(new_kiosk text, new_clinic text) RETURNS void"
    " LANGUAGE plpgsql SET search_path = pg_catalog, ease AS $f$ BEGIN"
    " IF new_kiosk !~ '^[a-z0-9_-]{1,63}$' THEN"
    "  RAISE EXCEPTION 'a kiosk name is lower-case letters, digits, - or _, not %', new_kiosk;"
    " END IF;"
    " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = new_kiosk) THEN"
    "  EXECUTE format('CREATE ROLE %I LOGIN', new_kiosk); END IF;"
    " EXECUTE format('GRANT ease_kiosk TO %I', new_kiosk);"
    " INSERT INTO ease.kiosk (kiosk, clinic) VALUES (new_kiosk, new_clinic)"
    "  ON CONFLICT (kiosk) DO UPDATE SET clinic = excluded.clinic;"
    " END $f$;"
    "REVOKE ALL ON FUNCTION ease.add_kiosk(text, text) FROM PUBLIC;";

/* Each step once, in order; a new step is appended, never edited once released. */
/* Step 2: the stop reason 'dizzy-unwell' (the kiosk then tells the patient to sit down and tell
 * the staff). */
static const char fleet_schema_step2[] =
    "ALTER TABLE ease.visit DROP CONSTRAINT visit_stop_reason_check;"
    "ALTER TABLE ease.visit ADD CONSTRAINT visit_stop_reason_check"
    " CHECK (stop_reason IN (" SESSION_STOP_REASONS_SQL "));";

static const char *const fleet_schema_steps[] = {fleet_schema_step1, fleet_schema_step2};

int fleet_schema_latest(void)
{
    return (int)(sizeof fleet_schema_steps / sizeof *fleet_schema_steps);
}

static bool fleet_schema_rollback(PGconn *conn)
{
    PQclear(PQexec(conn, "ROLLBACK"));
    return false;
}

bool fleet_schema_migrate(PGconn *conn, int *from, int *to, char *message, size_t size)
{
    PGresult *r = NULL;
    if (!fleet_db_exec(conn, "BEGIN", 0, NULL, NULL, "start the migration", message, size))
        return false;
    /* One migrator at a time, across the whole server. */
    if (!fleet_db_exec(conn, "SELECT pg_advisory_xact_lock(hashtext('ease.fleet.schema'))", 0, NULL,
                       NULL, "lock the schema", message, size) ||
        !fleet_db_exec(conn, "CREATE SCHEMA IF NOT EXISTS ease", 0, NULL, NULL,
                       "make the schema 'ease'", message, size) ||
        !fleet_db_exec(conn,
                       "CREATE TABLE IF NOT EXISTS ease.schema_version (version integer NOT NULL,"
                       " applied_utc timestamptz NOT NULL DEFAULT now(),"
                       " applied_by text NOT NULL DEFAULT current_user)",
                       0, NULL, NULL, "make the version table", message, size) ||
        !fleet_db_exec(conn, "SELECT coalesce(max(version), 0) FROM ease.schema_version", 0, NULL,
                       &r, "read the schema's version", message, size))
        return fleet_schema_rollback(conn);
    int version = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    *from = *to = version;
    if (version > fleet_schema_latest()) {
        snprintf(message, size,
                 "the fleet database is at schema version %d, made by a newer Ease (this one "
                 "knows %d): update Ease on this machine",
                 version, fleet_schema_latest());
        return fleet_schema_rollback(conn);
    }
    for (int step = version + 1; step <= fleet_schema_latest(); step++) {
        char doing[64], number[16];
        snprintf(doing, sizeof doing, "apply schema step %d", step);
        snprintf(number, sizeof number, "%d", step);
        const char *params[] = {number};
        /* A multi-statement string runs through the simple protocol (no parameters). */
        r = PQexec(conn, fleet_schema_steps[step - 1]);
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        if (!ok)
            snprintf(message, size, "cannot %s: %s", doing, PQresultErrorMessage(r));
        PQclear(r);
        if (!ok || !fleet_db_exec(conn, "INSERT INTO ease.schema_version (version) VALUES ($1)", 1,
                                  params, NULL, doing, message, size))
            return fleet_schema_rollback(conn);
        *to = step;
    }
    if (!fleet_db_exec(conn, "COMMIT", 0, NULL, NULL, "commit the migration", message, size)) {
        *to = version;
        return false;
    }
    return true;
}

bool fleet_schema_add_kiosk(PGconn *conn, const char *kiosk, const char *clinic, char *message,
                            size_t size)
{
    const char *params[] = {kiosk, clinic};
    return fleet_db_exec(conn, "SELECT ease.add_kiosk($1, $2)", 2, params, NULL, "add the kiosk",
                         message, size);
}
