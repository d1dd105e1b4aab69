#!/bin/sh
# ease status: the configuration used (or why not), the routines loaded and rejected with the
# first problem of each, the data folder; exit 1 when something has errors.
ease="$1"
work=$(mktemp -d "${TMPDIR:-/tmp}/ease-status.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
fail() { failed=$((failed + 1)); echo "FAIL $*"; cat "$work/out"; }
has() { grep -qF -- "$1" "$work/out" || fail "no '$1'"; }
unset EASE_CONFIG
export XDG_STATE_HOME="$work/state"

"$ease" status --config /nonexistent/kiosk.yaml >/dev/null 2>&1
[ $? -eq 1 ] || fail "a missing configuration file is not an error"

mkdir -p "$work/etc/routines"
echo "format: 1" >"$work/etc/kiosk.yaml"
"$ease" status --config "$work/etc/kiosk.yaml" >"$work/out" 2>&1 || fail "status of a clean kiosk"
has "version: ease "
has "configuration: $work/etc/kiosk.yaml"
has "  $work/etc/routines"
has "0 rejected"
has "data folder: $work/state/ease (not created yet)"
has "database: $work/state/ease/ease.sqlite (none yet"
has "audio: "

printf 'id: x\ntitle: X\nkind: breathing\nsteps: []\n' >"$work/etc/routines/x.yaml"
printf 'format: 1\nidle: soon\n' >"$work/etc/kiosk.yaml"
"$ease" status --config "$work/etc/kiosk.yaml" >"$work/out" 2>&1
[ $? -eq 1 ] || fail "status with errors does not exit 1"
has "configuration: $work/etc/kiosk.yaml has errors; those keys keep their defaults, every other key applies"
has "  $work/etc/kiosk.yaml:2:7: error: 'idle' must be a time"
has "routines: "
# Only the bad key falls back: the clinic folder beside the file is still read, as the kiosk does.
grep -qF "  $work/etc/routines" "$work/out" || fail "a bad key dropped the clinic folder"

echo "format: 1" >"$work/etc/kiosk.yaml"
"$ease" status --config "$work/etc/kiosk.yaml" >"$work/out" 2>&1
[ $? -eq 1 ] || fail "a rejected routine does not exit 1"
has "1 rejected"
has "  rejected: $work/etc/routines/x.yaml:4:8: error: 'steps' must list"

[ "$failed" -eq 0 ] && echo "ok ease status"
exit "$failed"
