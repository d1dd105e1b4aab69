#!/usr/bin/env bash
# End-to-end tests of the kiosk as a clinic runs it (issue 6): the real binary on SDL's offscreen
# driver, its log read back. It must start with no configuration at all, start on its defaults
# when the configuration is broken (saying file:line:col why), and pick up a routine copied into
# the clinic's folder while it runs, without a restart.
#
#   tests/e2e/kiosk_ops.sh path/to/ease
set -euo pipefail

if [ "$#" -ne 1 ]; then
    echo "usage: $0 EASE_BINARY" >&2
    exit 64
fi
ease=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ease-ops.XXXXXX")
kiosk_pid=

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    stop_kiosk || true
    rm -rf "$work"
}
trap cleanup EXIT

export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy EASE_TRACE=1
unset EASE_CONFIG
export XDG_STATE_HOME=$work/state
failed=0

fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
    if [ -s "$work/kiosk.log" ]; then
        tail -n 20 "$work/kiosk.log" | sed 's/^/    /'
    fi
}

# start_kiosk ARGS...: runs the kiosk in the background, its log in $work/kiosk.log.
start_kiosk() {
    : >"$work/kiosk.log"
    "$ease" --windowed 640x480 "$@" 2>"$work/kiosk.log" >/dev/null &
    kiosk_pid=$!
}

# stop_kiosk: SIGTERM (as systemd stops it), then its status must be 0.
stop_kiosk() {
    [ -n "$kiosk_pid" ] || return 0
    local pid=$kiosk_pid status=0
    kiosk_pid=
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || status=$?
    return "$status"
}

# wait_for PATTERN SECONDS: true once the log has a line matching PATTERN (a grep -E pattern).
wait_for() {
    local deadline=$((SECONDS + $2))
    while [ "$SECONDS" -lt "$deadline" ]; do
        grep -Eq -- "$1" "$work/kiosk.log" && return 0
        if [ -n "$kiosk_pid" ] && ! kill -0 "$kiosk_pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.1
    done
    return 1
}

# 1. No configuration at all: the defaults and the bundled routines.
start_kiosk
if wait_for '^trace: screen attract' 60 && wait_for 'routines ready' 60; then
    echo "ok starts with no configuration"
else
    fail "the kiosk did not start without a configuration"
fi
stop_kiosk || fail "the kiosk did not end cleanly on SIGTERM"
# It made its records database, and 'ease status' reads it.
if [ "$(stat -c %a "$work/state/ease/ease.sqlite" 2>/dev/null)" = 600 ] &&
    "$ease" status >"$work/status.out" 2>&1 &&
    grep -Fq "database: $work/state/ease/ease.sqlite (" "$work/status.out" &&
    grep -Fq "visits: 0, the last started none" "$work/status.out"; then
    echo "ok the records database is made (0600) and 'ease status' reads it"
else
    fail "no records database, or 'ease status' does not show it"
    cat "$work/status.out" 2>/dev/null
fi

# 2. A broken configuration: every error as file:line:col, then the kiosk runs with each bad key
# on its default and the others applied.
cat >"$work/kiosk.yaml" <<'EOF'
format: 1
clinic: Riverside
idle: soon
theme: bright
EOF
start_kiosk --config "$work/kiosk.yaml"
if wait_for '^trace: screen attract' 60; then
    echo "ok a broken configuration still starts the kiosk"
else
    fail "the kiosk did not start with a broken configuration"
fi
if grep -Fq "$work/kiosk.yaml:3:7: error: 'idle' must be a time" "$work/kiosk.log" &&
    grep -Fq "$work/kiosk.yaml:4:8: error: 'theme'" "$work/kiosk.log" &&
    grep -Fq "$work/kiosk.yaml has errors; those keys keep their defaults, every other key applies" "$work/kiosk.log"; then
    echo "ok a broken configuration is reported as file:line:col"
else
    fail "no file:line:col report of the broken configuration"
fi
stop_kiosk || fail "the kiosk did not end cleanly on SIGTERM"

# 3. The clinic's folder beside kiosk.yaml (as installed: /etc/ease/routines), watched: a routine
# copied in appears without a restart; a broken save keeps the last good version; a removed file
# takes its routine with it.
mkdir -p "$work/etc/routines"
echo "format: 1" >"$work/etc/kiosk.yaml"
start_kiosk --config "$work/etc/kiosk.yaml"
if wait_for '^ease: [0-9]+ routines ready' 60; then
    bundled=$(sed -n 's/^ease: \([0-9]*\) routines ready.*/\1/p' "$work/kiosk.log" | head -n 1)
    copied_at=$(date +%s%N)
    sed 's/^id: quick-breath$/id: clinic-breath/' "$here/short-routines/quick-breath.yaml" \
        >"$work/clinic-breath.yaml"
    cp "$work/clinic-breath.yaml" "$work/etc/routines/"
    if wait_for "^ease: routines reloaded: $((bundled + 1)) ready, 0 left out" 30; then
        echo "ok a routine copied into the clinic's folder appears in" \
            "$((($(date +%s%N) - copied_at) / 1000000)) ms, without a restart"
    else
        fail "a routine copied into the clinic's folder did not appear"
    fi
    sed 's/^kind: breathing$/kind: breathing\nsteps: 3/' "$work/clinic-breath.yaml" \
        >"$work/etc/routines/.clinic-breath.yaml.tmp"
    mv "$work/etc/routines/.clinic-breath.yaml.tmp" "$work/etc/routines/clinic-breath.yaml"
    if wait_for "^ease: routines reloaded: $((bundled + 1)) ready, 1 left out, 1 kept" 30 &&
        grep -q "clinic-breath.yaml:[0-9]*:[0-9]*: error:" "$work/kiosk.log"; then
        echo "ok a broken save is reported, and the last good version stays in use"
    else
        fail "a broken save did not keep the last good version"
    fi
    rm "$work/etc/routines/clinic-breath.yaml"
    if wait_for "^ease: routines reloaded: $bundled ready, 0 left out" 30; then
        echo "ok a removed routine goes"
    else
        fail "a removed routine stayed"
    fi
else
    fail "the kiosk did not load its routines"
fi
stop_kiosk || fail "the kiosk did not end cleanly on SIGTERM"

echo "$failed failed"
[ "$failed" -eq 0 ]
