#!/usr/bin/env bash
# bench_cage.sh [BUILD_DIR]: what the kiosk costs under cage, as the packaged service runs it, on
# a 1920x1080 output, for each way of drawing this machine has (see bench/README.md):
#   software     no GPU: SDL's software renderer as an X11 client of cage's Xwayland (the path
#                the kiosk chooses on a box without a render node)
#   software-gl  no GPU, asked for 'accelerated': Mesa's llvmpipe through SDL's Wayland driver
#   accelerated  a GPU's render node (only where /dev/dri/renderD* exists)
#   quiet        the software path in kiosk.yaml's quiet hours (the attract screen dark)
# For each: the time to the first frame (Ease's own 'first frame shown' line), then CPU and PSS
# on the attract screen and while playing box-breathing ('ease preview ... --from 30s', the same
# drawing as the kiosk's play screen, the breathing begun), for Ease and for the compositor side
# (cage + Xwayland) apart.
#
# cage runs nested on its X11 backend inside an Xvfb of ours (display :161), its window resized
# to 1920x1080 before Ease starts (cage's headless backend is fixed at 1280x720); the pixman
# renderer. Xvfb stands in for the screen and is not counted. Needs root (cage is run as
# 'nobody'; it refuses to run as root), cage, xwayland, Xvfb, xdotool, x11-utils.
#
# Prints 'name: value unit' lines. Exits 0 when everything ran (a missed target is reported,
# not asserted: machines are noisy), 1 when a measurement failed, 2 on bad usage.
# EASE_BENCH_SECONDS (default 20) sets each CPU sample's length.
set -euo pipefail

readonly sample_s=${EASE_BENCH_SECONDS:-20}
readonly settle_s=3
readonly display=:161
readonly target_play_cpu=4 target_pss=40 # the same targets as bench_kiosk.sh

repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd -- "${1:-$repo/build}" 2>/dev/null && pwd) || {
    echo "usage: bench_cage.sh [BUILD_DIR]   (a RelWithDebInfo or Release build)" >&2
    exit 2
}
ease=$build/src/cli/ease
[ -x "$ease" ] || {
    echo "bench_cage: no $ease; build it first" >&2
    exit 2
}
[ "$(id -u)" -eq 0 ] || {
    echo "bench_cage: run as root (cage is started as 'nobody')" >&2
    exit 2
}
for tool in cage Xwayland Xvfb xdotool xwininfo setpriv; do
    command -v "$tool" >/dev/null || {
        echo "bench_cage: '$tool' is needed (apt-get install cage xwayland xvfb xdotool x11-utils)" >&2
        exit 2
    }
done

work=$(mktemp -d /tmp/ease-bench-cage.XXXXXX)
chmod 0777 "$work"
xvfb_pid='' cage_pid=''
# shellcheck disable=SC2317 # the EXIT trap
cleanup() {
    for pid in $cage_pid $xvfb_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

say() { echo "$1: $2"; }
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pss_kb() { awk '/^Pss:/ { print $2; exit }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
child_named() { # parent pid, command name: the first descendant with that name
    local pid
    for pid in $(pgrep -P "$1" 2>/dev/null); do
        [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && { echo "$pid"; return 0; }
        child_named "$pid" "$2" && return 0
    done
    return 1
}

Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.05; done

# run MODE NAME ARGS...: Ease under a fresh cage; prints the figures for MODE.
run() {
    local mode=$1 name=$2
    shift 2
    local log=$work/$mode-$name.log go=$work/go-$mode-$name window first ease_pid xwl_pid
    local env_extra=()
    # kiosk.yaml's renderer key, as a clinic would set it (preview has no --renderer).
    case $mode in
    software) printf 'format: 1\nrenderer: auto\n' >"$work/kiosk-$mode.yaml" ;;
    # Quiet hours from an hour ago to an hour from now: dark after the first frame.
    quiet) printf 'format: 1\nquiet-hours: "%s-%s"\n' "$(date -d '-1 hour' +%H:%M)" \
        "$(date -d '+1 hour' +%H:%M)" >"$work/kiosk-$mode.yaml" ;;
    *) printf 'format: 1\nrenderer: accelerated\n' >"$work/kiosk-$mode.yaml" ;;
    esac
    env_extra=(EASE_CONFIG="$work/kiosk-$mode.yaml")
    mkdir -p "$work/run" "$work/state"
    chown nobody:nogroup "$work/run" "$work/state"
    chmod 0700 "$work/run"
    # cage's client waits for the go file, so Ease starts on the 1920x1080 output.
    setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin \
        HOME="$work/state" XDG_RUNTIME_DIR="$work/run" XDG_STATE_HOME="$work/state" \
        DISPLAY="$display" WLR_BACKENDS=x11 WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
        "${env_extra[@]}" cage -- /bin/sh -c 'while [ ! -e "$0" ]; do sleep 0.02; done; exec "$@"' \
        "$go" "$ease" "$@" >"$log" 2>&1 &
    cage_pid=$!
    window=''
    for _ in $(seq 200); do
        # wlroots' output window (1024x768 when made), not its other small windows
        window=$(DISPLAY=$display xwininfo -root -children 2>/dev/null |
            awk '/^ +0x/ && / 1024x768\+/ { print $1; exit }')
        [ -n "$window" ] && break
        sleep 0.05
    done
    [ -n "$window" ] || { echo "bench_cage: cage made no window" >&2; return 1; }
    DISPLAY=$display xdotool windowsize "$window" 1920 1080
    sleep 0.5
    touch "$go"
    for _ in $(seq 300); do grep -q 'first frame shown' "$log" && break; sleep 0.05; done
    first=$(sed -n 's/^ease: first frame shown \([0-9]*\) ms.*/\1/p' "$log" | head -1)
    ease_pid=$(child_named "$cage_pid" ease) || ease_pid=''
    # wlroots double-forks Xwayland (it is not cage's descendant): the newest one of 'nobody'.
    xwl_pid=$(pgrep -n -u nobody -x Xwayland) || xwl_pid=''
    if [ -z "$first" ] || [ -z "$ease_pid" ]; then
        echo "bench_cage: $mode $name: Ease did not show a frame:" >&2
        grep -v '^trace' "$log" | tail -5 >&2
        kill "$cage_pid" 2>/dev/null || true
        wait "$cage_pid" 2>/dev/null || true
        cage_pid=''
        return 1
    fi
    say "${mode}_${name}_size" "$(sed -n 's/^ease: drawing with the \([^ ]*\) renderer at \([0-9x]*\).*/\2 (\1)/p' "$log" | head -1)"
    say "${mode}_${name}_first_frame" "$first ms"
    sleep "$settle_s"
    local e0 c0 x0 e1 c1 x1
    e0=$(cpu_ticks "$ease_pid") c0=$(cpu_ticks "$cage_pid") x0=0
    [ -n "$xwl_pid" ] && x0=$(cpu_ticks "$xwl_pid")
    sleep "$sample_s"
    if ! kill -0 "$ease_pid" 2>/dev/null; then
        say "${mode}_${name}" "Ease ended during the sample: $(grep -v '^trace' "$log" | tail -2 | paste -sd '|' -)"
        wait "$cage_pid" 2>/dev/null || true
        cage_pid=''
        rm -f "$go"
        return 1
    fi
    e1=$(cpu_ticks "$ease_pid") c1=$(cpu_ticks "$cage_pid") x1=0
    [ -n "$xwl_pid" ] && x1=$(cpu_ticks "$xwl_pid")
    pct() { awk -v d="$1" -v t="$ticks" -v s="$sample_s" 'BEGIN { printf "%.1f", 100 * d / t / s }'; }
    say "${mode}_${name}_cpu_ease" "$(pct $((e1 - e0))) % of a core"
    say "${mode}_${name}_cpu_compositor" "$(pct $((c1 - c0 + x1 - x0))) % of a core (cage $(pct $((c1 - c0))), Xwayland $(pct $((x1 - x0))))"
    say "${mode}_${name}_pss_ease" "$(awk -v k="$(pss_kb "$ease_pid")" 'BEGIN { printf "%.1f", k / 1024 }') MB"
    local comp_kb=$(($(pss_kb "$cage_pid") + $([ -n "$xwl_pid" ] && pss_kb "$xwl_pid" || echo 0)))
    say "${mode}_${name}_pss_compositor" "$(awk -v k="$comp_kb" 'BEGIN { printf "%.1f", k / 1024 }') MB"
    # What the screen shows: the mean brightness (0: black, nothing drawn).
    if DISPLAY=$display import -window root "$work/shot.png" 2>/dev/null; then
        say "${mode}_${name}_screen_mean" "$(convert "$work/shot.png" -format '%[fx:mean]' info:)"
        [ -n "${EASE_BENCH_SHOTS:-}" ] && cp "$work/shot.png" "$EASE_BENCH_SHOTS/$mode-$name.png"
    fi
    kill -TERM "$ease_pid" 2>/dev/null || true # Ease first: cage 0.1.4 aborts on SIGTERM
    local cage_status=0
    wait "$cage_pid" 2>/dev/null || cage_status=$?
    [ "$cage_status" -eq 0 ] ||
        say "${mode}_${name}_cage_exit" "$cage_status: $(grep -i -m1 'assert\|abort' "$log" || echo '?')"
    cage_pid=''
    rm -f "$go"
}

echo "# bench_cage: $(basename "$build") build, ${sample_s} s samples after ${settle_s} s, $(nproc) cores"
echo "# cage $(cage -v 2>&1 | awk '{ print $NF }'), nested on Xvfb $display at 1920x1080, pixman renderer"
modes=(software software-gl)
if compgen -G '/dev/dri/renderD*' >/dev/null; then
    modes+=(accelerated)
else
    echo "# accelerated: no GPU render node on this machine; not measured"
fi
failed=0
# Quiet hours: the kiosk dark on the attract screen (target: under 0.5 % of a core).
run quiet attract || failed=1
for mode in "${modes[@]}"; do
    run "$mode" attract || failed=1
    # As bench_kiosk.sh: 30 s in, the breathing has begun.
    run "$mode" play preview "$repo/routines/box-breathing.yaml" --windowed 1920x1080 --from 30s ||
        failed=1
done
echo "# targets (bench_kiosk.sh): play < ${target_play_cpu} % of a core, PSS < ${target_pss} MB for Ease"
exit "$failed"
