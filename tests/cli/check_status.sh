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
# No sound card (CI): one line from Ease, none of ALSA's own.
grep -q '^ALSA lib' "$work/out" && fail "ALSA printed its own lines"

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

# --data names the records' folder; --json says the same for monitoring; --get one setting.
printf 'format: 1\nrotation: 90\nrenderer: software\nquiet-hours: "20:00-07:00"\n' >"$work/etc/kiosk.yaml"
rm "$work/etc/routines/x.yaml"
"$ease" status --config "$work/etc/kiosk.yaml" --data "$work/records" >"$work/out" 2>&1 ||
    fail "status with --data"
has "data folder: $work/records (not created yet)"
has "database: $work/records/ease.sqlite (none yet"
has "renderer: software as asked"
"$ease" status --config "$work/etc/kiosk.yaml" --data "$work/records" --json >"$work/out" 2>/dev/null ||
    fail "status --json"
python3 - "$work/out" "$work/records" <<'PY' || fail "status --json is not the JSON expected"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["ok"] is True, report
assert report["data_folder"] == {"path": sys.argv[2], "exists": False}, report["data_folder"]
assert report["database"]["exists"] is False
assert report["routines"]["rejected"] == 0
assert report["renderer"]["kind"] == "software", report["renderer"]
assert "live" in report["audio"]
PY
for pair in rotation=90 renderer=software quiet-hours=20:00-07:00 "data=$work/state/ease"; do
    value=$("$ease" status --config "$work/etc/kiosk.yaml" --get "${pair%%=*}" 2>/dev/null)
    [ "$value" = "${pair#*=}" ] || fail "--get ${pair%%=*} printed '$value', not '${pair#*=}'"
done
"$ease" status --get colour >/dev/null 2>&1
[ $? -eq 64 ] || fail "--get with an unknown key is not a usage error"

# sound-device names an ALSA device: ALSA's own 'null' device is there on every box.
printf 'format: 1\nsound-device: "null"\n' >"$work/etc/kiosk.yaml"
env -u AUDIODEV -u SDL_AUDIODRIVER "$ease" status --config "$work/etc/kiosk.yaml" >"$work/out" 2>&1
has "audio: null (driver alsa), playing"
grep -q '^ALSA lib' "$work/out" && fail "ALSA printed its own lines"

[ "$failed" -eq 0 ] && echo "ok ease status"
exit "$failed"
