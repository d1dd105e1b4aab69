# What the fleet's shell tests share (sourced): a work folder inside the server's, the kiosk's
# environment (offscreen, no sound card), ok/fail reporting, waiting on the kiosk's log, and
# stopping a kiosk left running. The caller sets ease and names its work folder's prefix.
: "${EASE_PG_DIR:?run through tests/fleet/pg.sh run}"
work=$(mktemp -d "$EASE_PG_DIR/${fleet_test_name:-fleet}.XXXXXX")
admin="host=$EASE_PG_DIR port=$EASE_PG_PORT user=postgres dbname=ease"
kiosk_pid=
failed=0

# shellcheck disable=SC2317 # called by the EXIT trap
fleet_cleanup() {
    if [ -n "$kiosk_pid" ]; then
        kill -TERM "$kiosk_pid" 2>/dev/null || true
        wait "$kiosk_pid" 2>/dev/null || true
    fi
}
trap fleet_cleanup EXIT

export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
unset EASE_CONFIG
export XDG_STATE_HOME=$work/state

fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
    if [ -s "$work/kiosk.log" ]; then
        tail -n 15 "$work/kiosk.log" | sed 's/^/    /'
    fi
    return 0
}
ok() { echo "ok   $*"; }

# wait_for PATTERN SECONDS: true once the kiosk's log has a line matching PATTERN (grep -E).
wait_for() {
    local deadline=$((SECONDS + $2))
    while [ "$SECONDS" -lt "$deadline" ]; do
        grep -Eq -- "$1" "$work/kiosk.log" && return 0
        sleep 0.2
    done
    return 1
}

# The database 'ease', empty, for 'ease fleet init'.
psql -X -q "host=$EASE_PG_DIR port=$EASE_PG_PORT user=postgres dbname=postgres" \
    -c "CREATE DATABASE ease" >/dev/null

# The summary line and status the suite reads.
fleet_finish() {
    if [ "$failed" -ne 0 ]; then
        echo "$failed check(s) failed"
        exit 1
    fi
}
