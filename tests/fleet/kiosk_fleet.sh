#!/usr/bin/env bash
# The fleet as a clinic's IT person and a running kiosk meet it, against the server pg.sh
# started: 'ease fleet init' and 'add-kiosk', 'ease check --config' on a fleet section, a
# routine with an error refused by 'ease publish' (nothing stored), a published routine
# appearing on a running kiosk (offscreen) within a minute and leaving it when withdrawn,
# the kiosk's visits from before the fleet (a version-1 database it migrates) sent by its worker,
# 'ease fleet status' flagging a silent kiosk, 'ease status' showing the link, a kiosk without
# 'fleet:' running nothing of it, and 'ease report' and 'ease export' across kiosks with
# --clinic and --kiosk.
#
#   pg.sh run PORT -- kiosk_fleet.sh path/to/ease
set -euo pipefail

ease=$1
here=$(cd "$(dirname "$0")" && pwd)
fleet_test_name=kiosk-fleet
# shellcheck source=fleet_lib.sh
. "$here/fleet_lib.sh"

sql() { psql -X -q -t -A "$admin" -c "$1"; }

# The administrator's side.
if "$ease" fleet init --server "$admin" | grep -q "version 2 (was 0)" &&
    "$ease" fleet init --server "$admin" | grep -q "up to date"; then
    ok "fleet init creates the schema, then finds it up to date"
else
    fail "fleet init"
fi
"$ease" fleet add-kiosk lobby-1 --clinic north --server "$admin" >/dev/null
"$ease" fleet add-kiosk lobby-2 --clinic south --server "$admin" >/dev/null

# A kiosk's configuration.
mkdir -p "$work/routines" "$work/data"
# A history from before the fleet: a version-1 records database with 3 visits, as an older
# Ease left it. The kiosk migrates it and its worker sends all 3.
python3 - "$work/data/ease.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE visit (visit_id TEXT PRIMARY KEY NOT NULL, kiosk TEXT NOT NULL,
 routine_id TEXT NOT NULL, routine_title TEXT NOT NULL, routine_hash TEXT NOT NULL,
 level INTEGER NOT NULL CHECK (level >= 1), language TEXT NOT NULL, start_utc TEXT NOT NULL,
 end_utc TEXT, planned_seconds REAL NOT NULL, played_seconds REAL NOT NULL,
 steps_completed INTEGER NOT NULL, steps_total INTEGER NOT NULL, outcome TEXT NOT NULL,
 stop_reason TEXT, pain_before INTEGER, pain_after INTEGER, app_version TEXT NOT NULL) STRICT;
CREATE INDEX visit_by_start ON visit (start_utc);
CREATE INDEX visit_by_routine ON visit (routine_id, routine_hash);
PRAGMA user_version = 1;
""")
for i in range(3):
    db.execute("INSERT INTO visit VALUES (?, 'lobby-1', 'quick-move', 'Quick move', ?, 1, 'en',"
               " ?, ?, 60, 60, 2, 2, 'completed', NULL, 6, 4, '0.1.0')",
               ("%032x" % (i + 1), "b" * 64, "2026-10-0%dT09:00:00.000Z" % (i + 1),
                "2026-10-0%dT09:01:00.000Z" % (i + 1)))
db.commit()
PY
cp "$here/../e2e/short-routines/quick-move.yaml" "$work/routines/"
cat >"$work/kiosk.yaml" <<YAML
kiosk: lobby-1
routines: [routines]
data: data
idle: 15s
fleet:
  server: $EASE_PG_DIR
  port: $EASE_PG_PORT
  clinic: north
  poll: 1s
YAML
if "$ease" check --config "$work/kiosk.yaml" | grep -q "0 errors, 0 warnings"; then
    ok "check --config accepts the fleet section"
else
    fail "check --config on a good fleet section"
fi
printf 'secret\n' >"$work/pgpass"
chmod 644 "$work/pgpass"
cat >"$work/broken.yaml" <<YAML
fleet:
  server: db.example.org
  kiosk: Lobby 1
  password-file: pgpass
  tls: maybe
YAML
out=$("$ease" check --config "$work/broken.yaml" || true)
if grep -q "broken.yaml:3:10: error: 'kiosk' must be lower-case" <<<"$out" &&
    grep -q "broken.yaml:5:8: error: 'tls'" <<<"$out" &&
    grep -q "broken.yaml:4:18: warning: 'password-file' file .* can be read by other users" <<<"$out"; then
    ok "check --config names each fleet problem at its line and column"
else
    fail "check --config on a broken fleet section: $out"
fi

# A routine with an error is refused, and nothing reaches the server.
printf 'id: broken\ntitle: {en: Broken}\nkind: breathing\nsteps: 3\n' >"$work/broken-routine.yaml"
out=$("$ease" publish "$work/broken-routine.yaml" --server "$admin" 2>&1) && status=0 || status=$?
if [ "$status" -eq 1 ] && grep -q "broken-routine.yaml:[0-9]*:[0-9]*: error" <<<"$out" &&
    grep -q "nothing was published" <<<"$out" && [ "$(sql 'SELECT count(*) FROM ease.routine')" = 0 ]; then
    ok "publish refuses a routine with an error, and stores nothing"
else
    fail "publish of a broken routine (status $status): $out"
fi

# A running kiosk takes up a published routine within a minute, and lets a withdrawn one go.
"$ease" --windowed 640x480 --config "$work/kiosk.yaml" 2>"$work/kiosk.log" >/dev/null &
kiosk_pid=$!
if wait_for "1 routines ready" 120; then
    ok "the kiosk starts with its own routine"
else
    fail "the kiosk did not start"
fi
if grep -qx ease-fleet /proc/$kiosk_pid/task/*/comm; then
    ok "with a fleet section the kiosk runs its fleet thread"
else
    fail "no ease-fleet thread in the kiosk with a fleet section"
fi
cp "$here/../e2e/short-routines/quick-breath.yaml" "$work/quick-breath.yaml"
published_at=$SECONDS
"$ease" publish "$work/quick-breath.yaml" --clinic north --server "$admin" >/dev/null
if wait_for "routines reloaded: 2 ready" 60; then
    ok "a published routine appears on the running kiosk ($((SECONDS - published_at)) s)"
else
    fail "the published routine did not appear within a minute"
fi
"$ease" publish --withdraw quick-breath.yaml --clinic north --server "$admin" >/dev/null
if wait_for "routines reloaded: 1 ready" 60; then
    ok "a withdrawn routine leaves the running kiosk"
else
    fail "the withdrawn routine stayed"
fi

# Health: lobby-1 has said it is alive; lobby-2 never has.
deadline=$((SECONDS + 60))
while [ "$(sql 'SELECT count(*) FROM ease.heartbeat')" != 1 ] && [ $SECONDS -lt $deadline ]; do
    sleep 0.5
done
out=$("$ease" fleet status --server "$admin") && status=0 || status=$?
if [ "$status" -eq 1 ] && grep -Eq "^north +lobby-1 +ok .*version" <<<"$out" &&
    grep -Eq "^south +lobby-2 +SILENT +never heard from" <<<"$out"; then
    ok "fleet status lists each kiosk and flags the silent one"
else
    fail "fleet status (status $status): $out"
fi
out=$("$ease" status --config "$work/kiosk.yaml" 2>&1 || true)
if grep -q "fleet: server $EASE_PG_DIR .* kiosk lobby-1 in clinic north" <<<"$out" &&
    grep -q "connected: yes; last sync 20" <<<"$out" &&
    grep -q "visits waiting to be sent: 0" <<<"$out" &&
    [ "$(sql "SELECT count(*) FROM ease.visit WHERE kiosk = 'lobby-1' AND clinic = 'north'")" = 3 ]; then
    ok "status shows the fleet link; the kiosk's earlier visits reached the server"
else
    fail "status: $out"
fi
kill -TERM "$kiosk_pid"
if wait "$kiosk_pid"; then
    ok "the kiosk with a fleet stops cleanly"
else
    fail "the kiosk exited with an error"
fi
kiosk_pid=
# Eleven minutes without a word (the kiosk is stopped): flagged, with how long.
sql "UPDATE ease.heartbeat SET received_utc = now() - interval '11 minutes'" >/dev/null
out=$("$ease" fleet status --server "$admin" --clinic north) && status=0 || status=$?
if [ "$status" -eq 1 ] && grep -Eq "^north +lobby-1 +SILENT .*\(11 min ago\)" <<<"$out" &&
    ! grep -q lobby-2 <<<"$out"; then
    ok "a kiosk silent for more than 10 minutes is flagged (--clinic narrows the list)"
else
    fail "fleet status after 11 minutes (status $status): $out"
fi

# With no fleet section nothing of the fleet runs: no thread, no connection, no state file.
sed '/^fleet:/,$d' "$work/kiosk.yaml" >"$work/alone.yaml"
sed -i 's/^data: data/data: alone-data/' "$work/alone.yaml"
: >"$work/kiosk.log"
"$ease" --windowed 640x480 --config "$work/alone.yaml" 2>"$work/kiosk.log" >/dev/null &
kiosk_pid=$!
wait_for "routines ready" 120 || fail "the kiosk without a fleet did not start"
sleep 2
if ! grep -qx ease-fleet /proc/$kiosk_pid/task/*/comm &&
    [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ease'")" = 0 ] &&
    [ ! -e "$work/alone-data/fleet-state.json" ] && ! grep -Eq "ease: fleet|fleet server" "$work/kiosk.log"; then
    ok "without a fleet section: no fleet thread, no connection, nothing said of a fleet"
else
    fail "a kiosk without a fleet section showed signs of one"
fi
kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || fail "the kiosk without a fleet exited with an error"
kiosk_pid=

# Reports across kiosks, as the reporting role sees them.
sql "INSERT INTO ease.visit (visit_id, kiosk, clinic, revision, routine_id, routine_title,
     routine_hash, level, language, start_utc, end_utc, planned_seconds, played_seconds,
     steps_completed, steps_total, outcome, pain_before, pain_after, app_version)
     SELECT md5(k || i), k, c, 2, 'box', 'Box breathing', repeat('a', 64), 1, 'en',
     '2026-11-02T10:00:00Z'::timestamptz + i * interval '1 hour',
     '2026-11-02T10:04:00Z'::timestamptz + i * interval '1 hour', 240, 240, 4, 4, 'completed',
     6, 3, '0.1.0'
     FROM (VALUES ('lobby-1', 'north', 3), ('lobby-2', 'south', 5)) AS kc(k, c, n),
     generate_series(1, n) AS i" >/dev/null
sql "CREATE ROLE reports LOGIN IN ROLE ease_report" >/dev/null
reports="host=$EASE_PG_DIR port=$EASE_PG_PORT user=reports dbname=ease"
all=$("$ease" report --server "$reports")
north=$("$ease" report --server "$reports" --clinic north --since 2026-11-01)
lobby2=$("$ease" export --csv --server "$reports" --kiosk lobby-2 | grep -c ",lobby-2,")
if grep -Eq "^Total +11 " <<<"$all" && grep -Eq "^Total +3 " <<<"$north" && [ "$lobby2" = 5 ]; then
    ok "report and export across kiosks, by clinic and by kiosk"
else
    fail "reports: all=[$all] north=[$north] lobby-2 rows=$lobby2"
fi

fleet_finish
