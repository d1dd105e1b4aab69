#!/usr/bin/env bash
# Media over the limits (issue 10), made at test time (never committed: hundreds of MB):
#   - a routine of 12 steps each carrying a 52 MB WAV (4 min 55 s of 44.1 kHz stereo);
#   - a step sound that is a real 3-hour Ogg Vorbis file (made by make_long_ogg);
#   - a real 12000x12000 PNG of a few hundred KB (576 MB once decoded).
# 'ease check' refuses each with an error naming the limit, from the headers alone (little CPU
# time: the 3-hour OGG once cost 29 s and 4.1 GB to decode), and the 3-hour file as 'music'
# (streamed) passes. The real kiosk, on a folder holding them and a good routine, leaves the bad
# ones out, says so, and keeps running until SIGTERM.
#
#   tests/media/check_media_limits.sh EASE MAKE_LONG_OGG WORKDIR
set -euo pipefail

if [ "$#" -ne 3 ]; then
    echo "usage: $0 EASE MAKE_LONG_OGG WORKDIR" >&2
    exit 64
fi
ease=$1
make_long_ogg=$2
work=$3
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
lib=$work/library
rm -rf "$lib"
mkdir -p "$lib/media"
failed=0
fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

# The media. The OGG takes some seconds of CPU to encode: kept between runs.
if [ ! -s "$work/long.ogg" ]; then
    "$make_long_ogg" "$work/long.ogg.part" 10800
    mv "$work/long.ogg.part" "$work/long.ogg"
fi
cp "$work/long.ogg" "$lib/media/long.ogg"
python3 - "$lib/media" <<'PY'
import struct, sys, zlib
media = sys.argv[1]
# 52 MB of silence: a real WAV, 44.1 kHz stereo 16-bit (sparse on disk).
frames = 13_000_000
with open(media + "/big.wav", "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + frames * 4) + b"WAVEfmt " +
            struct.pack("<IHHIIHH", 16, 1, 2, 44100, 44100 * 4, 4, 16) + b"data" +
            struct.pack("<I", frames * 4))
    f.truncate(44 + frames * 4)
# 12000x12000, 1-bit grey: a real PNG that decodes to 576 MB of RGBA.
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
side = 12000
rows = (b"\x00" + b"\x55" * (side // 8)) * side
with open(media + "/huge.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
PY

routine() { # file id, then the steps' YAML on stdin
    {
        printf 'id: %s\ntitle: {en: %s, es: %s}\nkind: breathing\nsummary: {en: Limits., es: Límites.}\n' "$2" "$2" "$2"
        printf 'position: seated\nsafety: {en: Stop if anything hurts., es: Para si algo te duele.}\n'
        cat
    } >"$lib/$1"
}
{
    echo "steps:"
    for i in $(seq 1 12); do
        printf '  - title: {en: Step %d, es: Paso %d}\n    duration: 10s\n    sound: media/big.wav\n' "$i" "$i"
    done
} | routine twelve-big-wavs.yaml twelve-big-wavs
printf 'steps:\n  - title: {en: Long, es: Largo}\n    duration: 10s\n    sound: media/long.ogg\n' |
    routine long-ogg-sound.yaml long-ogg-sound
printf 'music: media/long.ogg\nsteps:\n  - title: {en: Long, es: Largo}\n    duration: 10s\n' |
    routine long-ogg-music.yaml long-ogg-music
printf 'steps:\n  - title: {en: Picture, es: Imagen}\n    duration: 10s\n    image: media/huge.png\n' |
    routine huge-picture.yaml huge-picture

# check FILE STATUS PATTERN: ease check's exit status and a line of its output; its CPU time.
check() {
    local file=$1 want=$2 pattern=$3 status=0 cpu
    TIMEFORMAT='%3U %3S'
    { time "$ease" check "$lib/$file" >"$work/check.out" 2>&1 || status=$?; } 2>"$work/cpu"
    cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$work/cpu")
    if [ "$status" -ne "$want" ]; then
        fail "$file: ease check exited $status, not $want"; sed 's/^/    /' "$work/check.out"
    elif ! grep -Eq -- "$pattern" "$work/check.out"; then
        fail "$file: no line matching '$pattern'"; sed 's/^/    /' "$work/check.out"
    elif awk -v c="$cpu" 'BEGIN { exit !(c > 10) }'; then
        fail "$file: ease check took ${cpu}s of CPU time: it decoded what it should only measure"
    else
        echo "ok   $file: $(grep -Em1 -- "$pattern" "$work/check.out" | sed "s|$lib/||" | cut -c1-150)... (${cpu}s CPU)"
    fi
}
check twelve-big-wavs.yaml 1 "error: 'sound' file \"media/big.wav\" brings the routine's sounds to more than 10 minutes"
check long-ogg-sound.yaml 1 "error: 'sound' file \"media/long.ogg\" lasts 180 min 0 s; .* may last at most 5 minutes"
check huge-picture.yaml 1 "error: 'image' file \"media/huge.png\" is 12000x12000 pixels .* at most 4096 pixels a side"
check long-ogg-music.yaml 0 "0 errors"

# The kiosk on that folder and a good routine: the bad ones left out (said on its log and staff
# screen), the good one offered, and it runs on until SIGTERM.
cp "$here/e2e/short-routines/quick-breath.yaml" "$lib/"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy XDG_STATE_HOME=$work/state
unset EASE_CONFIG
"$ease" --windowed 640x480 --routines "$lib" 2>"$work/kiosk.log" >/dev/null &
pid=$!
deadline=$((SECONDS + 120))
until grep -q 'routines ready' "$work/kiosk.log" || [ "$SECONDS" -ge "$deadline" ] ||
    ! kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
if grep -q '2 routines ready, 3 left out' "$work/kiosk.log"; then
    echo "ok   the kiosk left the three out and offers the rest: $(grep 'routines ready' "$work/kiosk.log")"
else
    if kill -0 "$pid" 2>/dev/null; then alive=running; else alive=gone; fi
    fail "the kiosk did not leave the three out; it is $alive; its log:"
    tail -n 20 "$work/kiosk.log" | sed 's/^/    /'
fi
sleep 1
kill -TERM "$pid" 2>/dev/null || true
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || fail "the kiosk ended with status $status"
rm -rf "$lib"
[ "$failed" -eq 0 ]
