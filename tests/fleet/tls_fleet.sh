#!/usr/bin/env bash
# TLS between a kiosk and the fleet server (pg.sh --tls: a CA made for the test signs the
# server's certificate for "localhost"; another CA signs nothing of it). A kiosk given the wrong
# CA, or reaching the server by a name its certificate does not carry, is refused with words
# saying so, in its log and in 'ease status'; given the right CA it connects and sends.
#
#   pg.sh run --tls PORT -- tls_fleet.sh path/to/ease
set -euo pipefail

ease=$1
here=$(cd "$(dirname "$0")" && pwd)
: "${EASE_PG_CA:?run through pg.sh --tls}"
fleet_test_name=tls-fleet
# shellcheck source=fleet_lib.sh
. "$here/fleet_lib.sh"

# run_kiosk SERVER CA: the kiosk with that fleet section, until its first word on the fleet.
run_kiosk() {
    rm -rf "$work/data"
    mkdir -p "$work/data"
    cat >"$work/kiosk.yaml" <<YAML
kiosk: lobby-1
data: data
fleet:
  server: $1
  port: $EASE_PG_PORT
  clinic: north
  tls: verify-full
  ca: $2
  poll: 1s
YAML
    : >"$work/kiosk.log"
    "$ease" --windowed 640x480 --config "$work/kiosk.yaml" 2>"$work/kiosk.log" >/dev/null &
    kiosk_pid=$!
    wait_for "ease: fleet: " 120 || true
}

stop_kiosk() {
    kill -TERM "$kiosk_pid"
    wait "$kiosk_pid" || fail "the kiosk exited with an error"
    kiosk_pid=
}

"$ease" fleet init --server "$admin" >/dev/null
"$ease" fleet add-kiosk lobby-1 --clinic north --server "$admin" >/dev/null

run_kiosk localhost "$EASE_PG_WRONG_CA"
if grep -q "ease: fleet: cannot connect to the fleet server localhost: the server's certificate is not signed by the certificate authority Ease was given (fleet: ca)" "$work/kiosk.log" &&
    "$ease" status --config "$work/kiosk.yaml" 2>/dev/null | grep -q "connected: no.*not signed by the certificate authority"; then
    ok "a server certificate from another CA is refused, and the log and status say why"
else
    fail "wrong CA: $(cat "$work/kiosk.yaml")"
fi
stop_kiosk

run_kiosk 127.0.0.1 "$EASE_PG_CA"
if grep -q "ease: fleet: cannot connect to the fleet server 127.0.0.1: the server's certificate is for another name" "$work/kiosk.log"; then
    ok "a server reached by a name its certificate does not carry is refused"
else
    fail "wrong name"
fi
stop_kiosk

run_kiosk localhost "$EASE_PG_CA"
if grep -q "ease: fleet: connected" "$work/kiosk.log" &&
    [ "$(psql -X -q -t -A "$admin" -c "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE s.ssl AND a.usename = 'lobby-1'")" -ge 1 ]; then
    ok "with the right CA the kiosk connects over TLS"
else
    fail "right CA"
fi
stop_kiosk

fleet_finish
