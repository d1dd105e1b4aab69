#!/usr/bin/env bash
# The signals a kiosk may be sent (issue 10): SIGTERM, SIGINT, SIGHUP, SIGQUIT and SIGUSR1 each
# end it cleanly (exit status 0, the closing line in its log, the watchdog told it is stopping),
# as systemd's SIGTERM does; SIGPIPE does not end it at all. The real binary, offscreen.
#
#   tests/e2e/kiosk_signals.sh path/to/ease
set -euo pipefail

if [ "$#" -ne 1 ]; then
    echo "usage: $0 EASE_BINARY" >&2
    exit 64
fi
ease=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/ease-signals.XXXXXX")
pid=
cleanup() {
    if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
unset EASE_CONFIG
export XDG_STATE_HOME=$work/state
failed=0

# Started, and its routines loaded: the loop is running. Generous: a loaded CI machine under ASan.
start() {
    : >"$work/log"
    "$ease" --windowed 640x480 2>"$work/log" >/dev/null &
    pid=$!
    local deadline=$((SECONDS + 120))
    while [ "$SECONDS" -lt "$deadline" ]; do
        grep -q 'routines ready' "$work/log" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

for signal in TERM INT HUP QUIT USR1; do
    if ! start; then
        echo "FAIL the kiosk did not start"; failed=$((failed + 1)); continue
    fi
    kill -s "$signal" "$pid"
    status=0
    wait "$pid" || status=$?
    pid=
    if [ "$status" -eq 0 ] && grep -q 'closing, visits saved first' "$work/log"; then
        echo "ok SIG$signal ends the kiosk cleanly"
    else
        echo "FAIL SIG$signal: exit status $status"; sed 's/^/    /' "$work/log" | tail -n 5
        failed=$((failed + 1))
    fi
done

# SIGPIPE is ignored: the kiosk is still there a while later, then ends on SIGTERM as usual.
if start; then
    kill -s PIPE "$pid"
    sleep 1
    if kill -0 "$pid" 2>/dev/null; then
        kill -s TERM "$pid"
        status=0
        wait "$pid" || status=$?
        pid=
        if [ "$status" -eq 0 ]; then echo "ok SIGPIPE is ignored"; else
            echo "FAIL after SIGPIPE, SIGTERM gave status $status"; failed=$((failed + 1)); fi
    else
        status=0
        wait "$pid" || status=$?
        pid=
        echo "FAIL SIGPIPE ended the kiosk (status $status)"; failed=$((failed + 1))
    fi
else
    echo "FAIL the kiosk did not start"; failed=$((failed + 1))
fi
[ "$failed" -eq 0 ]
