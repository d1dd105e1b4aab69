#!/usr/bin/env bash
# The real kiosk killed with SIGKILL while its fleet thread is sending, 100 times: before each
# start more visits are added to its records (as if patients had come while it was down), the
# kiosk starts, its worker sends them in batches, and at a random moment the kiosk is killed.
# Then it runs until nothing waits. Every visit in its records must be on the server exactly
# once, at the same revision: nothing lost, nothing twice.
#
#   pg.sh run PORT -- kiosk_killed.sh path/to/ease [ROUNDS]
set -euo pipefail

ease=$1
rounds=${2:-100}
here=$(cd "$(dirname "$0")" && pwd)
fleet_test_name=kiosk-killed
# shellcheck source=fleet_lib.sh
. "$here/fleet_lib.sh"

sql() { psql -X -q -t -A "$admin" -c "$1"; }

"$ease" fleet init --server "$admin" >/dev/null
"$ease" fleet add-kiosk lobby-9 --clinic west --server "$admin" >/dev/null
mkdir -p "$work/routines" "$work/data"
cp "$here/../e2e/short-routines/quick-move.yaml" "$work/routines/"
cat >"$work/kiosk.yaml" <<YAML
kiosk: lobby-9
routines: [routines]
data: data
fleet:
  server: $EASE_PG_DIR
  port: $EASE_PG_PORT
  clinic: west
  poll: 1s
YAML

# add_visits N ROUND: N visits into the kiosk's records (a version-2 database once the kiosk has
# made it), each waiting to be sent; a tenth of the earlier ones gain an after-rating (a newer
# revision of a visit perhaps already sent).
add_visits() {
    python3 - "$work/data/ease.sqlite" "$1" "$2" <<'PY'
import sqlite3, sys
path, count, round_ = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(path, timeout=30)
for i in range(count):
    db.execute("INSERT INTO visit (visit_id, kiosk, routine_id, routine_title, routine_hash,"
               " level, language, start_utc, end_utc, planned_seconds, played_seconds,"
               " steps_completed, steps_total, outcome, stop_reason, pain_before, pain_after,"
               " app_version) VALUES (?, 'lobby-9', 'quick-move', 'Quick move', ?, 1, 'en', ?,"
               " ?, 60, 60, 2, 2, 'completed', NULL, 6, NULL, '0.1.0')",
               ("%016x%016x" % (round_ + 1, i), "c" * 64,
                "2026-10-%02dT%02d:%02d:00.000Z" % (1 + round_ % 28, 8 + i // 60 % 10, i % 60),
                "2026-10-%02dT%02d:%02d:59.000Z" % (1 + round_ % 28, 8 + i // 60 % 10, i % 60)))
db.execute("UPDATE visit SET pain_after = 3 WHERE pain_after IS NULL AND"
           " abs(random()) % 10 = 0 AND visit_id < ?", ("%016x" % (round_ + 1),))
db.commit()
PY
}

waiting() {
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM visit WHERE shipped_revision < revision').fetchone()[0])" "$work/data/ease.sqlite"
}

# The first start makes the records database (version 2); then the rounds.
"$ease" --windowed 320x240 --config "$work/kiosk.yaml" 2>"$work/kiosk.log" >/dev/null &
kiosk_pid=$!
wait_for "routines ready" 120 || fail "the kiosk did not start"
kill -KILL "$kiosk_pid"
wait "$kiosk_pid" 2>/dev/null || true
kiosk_pid=
fell_between=0 mid_send=0
for round in $(seq 1 "$rounds"); do
    add_visits 1000 "$round"
    waiting_before=$(waiting)
    "$ease" --windowed 320x240 --config "$work/kiosk.yaml" 2>"$work/kiosk.log" >/dev/null &
    kiosk_pid=$!
    # A random moment in the first 0.6 s after its fleet thread starts: before, during and
    # after its batches.
    for _ in $(seq 1 3000); do
        grep -q "sending visits to the fleet server" "$work/kiosk.log" && break
        sleep 0.01
    done
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % 600) / 1000 }')"
    kill -KILL "$kiosk_pid"
    wait "$kiosk_pid" 2>/dev/null || true
    kiosk_pid=
    # Committed on the server but not yet marked in the records: the kill fell between the two.
    stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM visit WHERE shipped_revision > 0').fetchone()[0])" "$work/data/ease.sqlite")
    after=$(sql "SELECT count(*) FROM ease.visit")
    [ "$after" -gt "$stored" ] && fell_between=$((fell_between + 1))
    # Some of what waited was sent and some not: the kill came while it was sending.
    waiting_after=$(waiting)
    [ "$waiting_after" -gt 0 ] && [ "$waiting_after" -lt "$waiting_before" ] &&
        mid_send=$((mid_send + 1))
done

# Now let it run until nothing waits.
"$ease" --windowed 320x240 --config "$work/kiosk.yaml" 2>"$work/kiosk.log" >/dev/null &
kiosk_pid=$!
deadline=$((SECONDS + 300))
while [ "$(waiting)" != 0 ] && [ $SECONDS -lt $deadline ]; do
    sleep 1
done
kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || fail "the kiosk exited with an error"
kiosk_pid=

# Every visit of the records on the server once, at the same revision.
python3 -c "import sqlite3,sys
for row in sqlite3.connect(sys.argv[1]).execute('SELECT visit_id, revision FROM visit ORDER BY visit_id'):
    print('%s|%d' % row)" "$work/data/ease.sqlite" >"$work/local.txt"
sql "SELECT visit_id || '|' || revision FROM ease.visit ORDER BY visit_id" >"$work/server.txt"
local_count=$(wc -l <"$work/local.txt")
if [ "$(waiting)" = 0 ] && [ "$local_count" -eq $((rounds * 1000)) ] &&
    cmp -s "$work/local.txt" "$work/server.txt" &&
    [ "$(sql "SELECT count(*) - count(DISTINCT visit_id) FROM ease.visit")" = 0 ]; then
    ok "killed $rounds times: all $local_count visits on the server once, at their revisions" \
        "($mid_send kills came mid-send, $fell_between between the server's commit and the" \
        "kiosk's mark)"
else
    fail "after $rounds kills: $(waiting) waiting, $local_count in the records," \
        "$(wc -l <"$work/server.txt") on the server; first difference:" \
        "$(diff "$work/local.txt" "$work/server.txt" | head -n 3 | tr '\n' ' ')"
fi
fleet_finish
