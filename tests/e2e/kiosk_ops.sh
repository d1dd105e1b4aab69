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

# 2. A broken configuration: every error as file:line:col, then the kiosk runs on its defaults.
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
    grep -Fq "$work/kiosk.yaml has errors; starting with the defaults" "$work/kiosk.log"; then
    echo "ok a broken configuration is reported as file:line:col"
else
    fail "no file:line:col report of the broken configuration"
fi
stop_kiosk || fail "the kiosk did not end cleanly on SIGTERM"

echo "$failed failed"
[ "$failed" -eq 0 ]
