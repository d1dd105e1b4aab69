#!/usr/bin/env bash
# End-to-end test of the real kiosk: a real X window under Xvfb, real X input
# events from xdotool, whole visits by mouse and by keyboard alone, the ways a
# patient might try to leave (Alt+F4, Ctrl+Q, Escape) and the staff way out.
#
#   tests/e2e/xvfb_visit.sh path/to/ease
#
# The kiosk runs with EASE_TRACE=1, which prints every new screen and where its
# touch targets are; the test reads that log to know where to click and waits
# for the screen it expects after every action (never a fixed sleep).
# Screenshots go to $XVFB_SHOTS (default: a new temporary folder, kept).
# Needs Xvfb, xdotool and ImageMagick (Debian: xvfb xdotool imagemagick).
set -euo pipefail

if [ "$#" -ne 1 ]; then
    echo "usage: $0 EASE_BINARY" >&2
    exit 64
fi
ease=$1
case $ease in /*) ;; *) ease=$PWD/$ease ;; esac
if [ ! -x "$ease" ]; then
    echo "$0: $ease is not an executable file" >&2
    exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)
routines=$here/short-routines

missing=()
for tool in Xvfb:xvfb xdotool:xdotool import:imagemagick compare:imagemagick; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
    packages=$(printf '%s\n' "${missing[@]}" | sort -u | paste -sd ' ' -)
    echo "$0: missing tools; install them with: sudo apt-get install $packages" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ease-xvfb.XXXXXX")
shots=${XVFB_SHOTS:-$(mktemp -d "${TMPDIR:-/tmp}/ease-xvfb-shots.XXXXXX")}
mkdir -p "$shots"
log=$work/kiosk.log
xvfb_pid=
kiosk_pid=

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local pid
    for pid in "$kiosk_pid" "$xvfb_pid"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [ -f "$log" ]; then
        cp "$log" "$shots/kiosk.log" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0
failed=0

ok() {
    echo "ok $*"
    passed=$((passed + 1))
}

# fail MESSAGE: report with the log's tail, count it, and stop the run.
fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
    if [ -s "$log" ]; then
        echo "---- last lines of the kiosk's log ----"
        tail -n 25 "$log" | sed 's/^/    /'
        echo "---------------------------------------"
    fi
    finish
}

finish() {
    echo "$passed passed, $failed failed"
    if [ "$failed" -gt 0 ]; then
        exit 1
    fi
    exit 0
}

now_ms() {
    local s
    s=$(date +%s%N)
    echo $((s / 1000000))
}

# ---------------------------------------------------------------- X server

start_xvfb() {
    local n deadline
    for n in $(seq 70 130); do
        if [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; then
            continue
        fi
        Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb-$n.log" 2>&1 &
        xvfb_pid=$!
        deadline=$(($(now_ms) + 10000))
        while [ "$(now_ms)" -lt "$deadline" ]; do
            if ! kill -0 "$xvfb_pid" 2>/dev/null; then
                break # lost a race for this display: try the next one
            fi
            if DISPLAY=:$n xdotool getdisplaygeometry >/dev/null 2>&1; then
                export DISPLAY=:$n
                return 0
            fi
            sleep 0.05
        done
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
        xvfb_pid=
    done
    return 1
}

# ---------------------------------------------------------------- the log

# All screens traced so far, one name per line.
screens() {
    sed -n 's/^trace: screen \([a-z-]*\)$/\1/p' "$log"
}

screen_count() {
    screens | wc -l | tr -d ' '
}

last_screen() {
    screens | tail -n 1
}

# The target lines of the latest screen ("ACTION ARG X Y W H", drawing order).
latest_targets() {
    awk '/^trace: screen / { n = 0; delete t; next }
         /^trace: target / { t[n++] = $3 " " $4 " " $5 " " $6 " " $7 " " $8 }
         END { for (i = 0; i < n; i++) print t[i] }' "$log"
}

kiosk_alive() {
    kill -0 "$kiosk_pid" 2>/dev/null
}

# wait_screen NAME SINCE TIMEOUT_S: wait until a screen traced after the first
# SINCE screens appears; it must be NAME (the next screen, in order).
wait_screen() {
    local want=$1 since=$2 timeout=$3 deadline next
    deadline=$(($(now_ms) + timeout * 1000))
    while :; do
        if [ "$(screen_count)" -gt "$since" ]; then
            next=$(screens | sed -n "$((since + 1))p")
            if [ "$next" = "$want" ]; then
                return 0
            fi
            fail "expected screen '$want' next, but the kiosk showed '$next'"
        fi
        if ! kiosk_alive; then
            fail "the kiosk exited while waiting for screen '$want'"
        fi
        if [ "$(now_ms)" -ge "$deadline" ]; then
            fail "screen '$want' did not appear within ${timeout}s (still on '$(last_screen)')"
        fi
        sleep 0.05
    done
}

# find_target ACTION ARG: set t_index t_x t_y t_w t_h to that target on the
# latest screen, waiting briefly for its trace line (the lines are written one
# by one), and t_count to how many targets the screen has so far.
find_target() {
    local action=$1 arg=$2 deadline found
    deadline=$(($(now_ms) + 2000))
    while :; do
        found=$(latest_targets | awk -v a="$action" -v g="$arg" \
            '$1 == a && $2 == g && !f { f = NR - 1 " " $3 " " $4 " " $5 " " $6 }
             END { if (f != "") print f, NR }')
        if [ -n "$found" ]; then
            read -r t_index t_x t_y t_w t_h t_count <<<"$found"
            return 0
        fi
        if [ "$(now_ms)" -ge "$deadline" ]; then
            fail "no target '$action $arg' on screen '$(last_screen)'"
        fi
        sleep 0.05
    done
}

# ---------------------------------------------------------------- actions

# The keyboard focus: the index of the focused target on the screen traced as
# number focus_screen (a new screen starts with no focus).
focus=-1
focus_screen=0

# click ACTION ARG NEXT TIMEOUT_S: click the centre of a target, wait for NEXT.
click() {
    local action=$1 arg=$2 next=$3 timeout=$4 since from
    since=$(screen_count)
    from=$(last_screen)
    find_target "$action" "$arg"
    xdotool mousemove --window "$wid" $((t_x + t_w / 2)) $((t_y + t_h / 2)) click 1
    wait_screen "$next" "$since" "$timeout"
    ok "click '$action $arg' on the $from screen leads to '$next'"
}

# choose ACTION ARG: click a target that keeps the screen (a rating chosen, not yet kept); the
# targets it brings (Done) are traced again with the next frame, and find_target waits for them.
choose() {
    local action=$1 arg=$2
    find_target "$action" "$arg"
    xdotool mousemove --window "$wid" $((t_x + t_w / 2)) $((t_y + t_h / 2)) click 1
    ok "click '$action $arg' on the $(last_screen) screen (it stays)"
}

# key KEYSYM NEXT TIMEOUT_S: press a key, wait for NEXT.
key() {
    local keysym=$1 next=$2 timeout=$3 since from
    since=$(screen_count)
    from=$(last_screen)
    xdotool key --window "$wid" "$keysym"
    wait_screen "$next" "$since" "$timeout"
    ok "key '$keysym' on the $from screen leads to '$next'"
}

# tab_press ACTION ARG: move the focus to that target with Tab (index + 1
# times from no focus, or onwards from the focused one), then press Return.
# Sets tabs to the number of Tabs pressed.
tab_press() {
    local action=$1 arg=$2 keys i
    if [ "$focus_screen" != "$(screen_count)" ]; then
        focus=-1
        focus_screen=$(screen_count)
    fi
    find_target "$action" "$arg"
    if [ "$focus" -lt 0 ]; then
        tabs=$((t_index + 1))
    else
        tabs=$(((t_index - focus + t_count) % t_count))
    fi
    keys=()
    for ((i = 0; i < tabs; i++)); do
        keys+=(Tab)
    done
    xdotool key --window "$wid" "${keys[@]}" Return
    focus=$t_index
}

# tab_to ACTION ARG NEXT TIMEOUT_S: tab_press, then wait for NEXT.
tab_to() {
    local action=$1 arg=$2 next=$3 timeout=$4 since from
    since=$(screen_count)
    from=$(last_screen)
    tab_press "$action" "$arg"
    wait_screen "$next" "$since" "$timeout"
    ok "Tab x$tabs + Return ('$action $arg') on the $from screen leads to '$next'"
}

# shot NAME: save the root window (after the newly traced frame is presented).
shot() {
    sleep 0.3
    import -window root "$shots/$1.png"
}

# ---------------------------------------------------------------- run

started=$(now_ms)
start_xvfb || {
    echo "FAIL could not start Xvfb on any display from :70 to :130"
    failed=1
    finish
}

mkdir -p "$work/home" "$work/state/ease"
# No PIN here: the technician's key file opens the staff screen (README, "Staff").
touch "$work/state/ease/staff-open"
HOME=$work/home XDG_STATE_HOME=$work/state EASE_CONFIG='' EASE_TRACE=1 \
    SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy} \
    "$ease" --windowed 1280x720 --renderer software --routines "$routines" 2>"$log" &
kiosk_pid=$!

wait_screen attract 0 10
wid=$(timeout 10 xdotool search --sync --name '^Ease$' | head -n 1) || true
[ -n "$wid" ] || fail "no window named 'Ease' appeared"
ok "the kiosk started on the attract screen in window $wid ($DISPLAY)"

# -- a. a whole visit by mouse (breathing: quick-breath)
shot 1-attract
click begin 0 choose 10
shot 2-choose
click kind 0 routines 10
click routine 0 card 10
shot 3-card
click start 0 safety 10
click safety-read 0 rate-before 10
choose rate 5
click rate-keep 0 play 10
shot 4-play
wait_screen rate-after "$(screen_count)" 30
ok "the breathing routine played through to 'rate-after'"
shot 5-rate-after
choose rate 1
choose rate 2 # corrected before it is kept
click rate-keep 0 thanks 10
wait_screen attract "$(screen_count)" 15
ok "the thank-you screen returned to 'attract' by itself"
expect="attract choose routines card safety rate-before play rate-after thanks attract"
seen=$(screens | tr '\n' ' ' | sed 's/ $//')
[ "$seen" = "$expect" ] || fail "mouse visit: screens were '$seen', expected '$expect'"
ok "mouse visit: screens in order: $seen"

# -- b. a whole visit by keyboard alone (graded movement: quick-move, level 2)
mark=$(screen_count)
key Return choose 10
tab_to kind 2 routines 10
tab_to routine 0 card 10
# Choosing a level stays on the card (no new screen is traced); level 2 is
# seen below in how long the routine plays (3 reps of 2 s, level 1 has 2).
since=$(screen_count)
tab_press level 2
ok "Tab x$tabs + Return chose 'level 2' on the card"
tab_to start 0 safety 10
tab_to safety-read 0 rate-before 10
xdotool key --window "$wid" 7 # chooses; Return keeps it
key Return play 10
play_started=$(now_ms)
xdotool key --window "$wid" p
paused_at=$(now_ms)
# The pause shows at the next frame; a pair of screenshots taken while the
# paused frame was still being presented may differ, so allow three pairs.
for attempt in 1 2 3; do
    sleep 0.3
    import -window root "$work/pause-a.png"
    sleep 1
    import -window root "$work/pause-b.png"
    diff=$(compare -metric AE "$work/pause-a.png" "$work/pause-b.png" null: 2>&1 >/dev/null || true)
    diff=${diff%% *}
    [ "$diff" != 0 ] || break
done
cp "$work/pause-b.png" "$shots/6-paused.png"
[ "$diff" = 0 ] || fail "paused play: two screenshots 1 s apart differ in '$diff' pixels (3 tries)"
# Since the card: the safety notice, rate-before and play, nothing else.
if [ "$(screen_count)" != "$((since + 3))" ] || [ "$(last_screen)" != play ]; then
    fail "after pausing the kiosk is on '$(last_screen)', not 'play'"
fi
ok "key 'p' paused play: two screenshots 1 s apart are identical (try $attempt)"
xdotool key --window "$wid" p
paused=$(($(now_ms) - paused_at))
wait_screen rate-after "$(screen_count)" 30
played=$(($(now_ms) - play_started - paused))
# Level 2 is 3 reps of 2 s = 6 s of play; level 1 would be 2 reps, 4 s. Measured from outside
# by the wall clock, which a busy machine only stretches (9.5 s seen with both cores busy): the
# lower bound tells the levels apart, the upper one only catches a routine that never ends.
if [ "$played" -lt 5000 ] || [ "$played" -gt 30000 ]; then
    fail "the routine played for ${played} ms besides ${paused} ms paused; level 2 plays 6 s"
fi
ok "key 'p' resumed; the routine played through to 'rate-after' (${played} ms besides ${paused} ms paused: level 2)"
xdotool key --window "$wid" 3
key Return thanks 10
key Return attract 10
expect="attract choose routines card safety rate-before play rate-after thanks attract"
seen="attract $(screens | tail -n +"$((mark + 1))" | tr '\n' ' ' | sed 's/ $//')"
[ "$seen" = "$expect" ] || fail "keyboard visit: screens were '$seen', expected '$expect'"
ok "keyboard visit: screens in order: $seen"

# -- c. the ways a patient might try to leave
key Return choose 10
since=$(screen_count)
xdotool key --window "$wid" alt+F4 ctrl+q alt+F4 ctrl+q
# Escape goes back one screen: the next screen traced must be attract, which
# also shows Alt+F4 and Ctrl+Q, handled before it, changed nothing.
xdotool key --window "$wid" Escape
wait_screen attract "$since" 10
ok "Alt+F4 and Ctrl+Q on 'choose' did nothing; Escape went back to 'attract'"
since=$(screen_count)
xdotool key --window "$wid" Escape alt+F4 ctrl+q Escape alt+F4 ctrl+q Escape
# These must change nothing; the staff shortcut, sent after them, shows they
# were all handled: its screen must be the very next one traced.
xdotool key --window "$wid" ctrl+alt+e
wait_screen staff "$since" 10
ok "Escape, Alt+F4 and Ctrl+Q on 'attract' did nothing; the kiosk still runs"

# -- d. staff leave the kiosk
ok "key 'ctrl+alt+e' on the attract screen leads to 'staff'"
find_target staff-quit 0
xdotool mousemove --window "$wid" $((t_x + t_w / 2)) $((t_y + t_h / 2)) click 1
deadline=$(($(now_ms) + 5000))
while kiosk_alive && [ "$(now_ms)" -lt "$deadline" ]; do
    sleep 0.05
done
if kiosk_alive; then
    fail "the kiosk still runs 5 s after clicking 'staff-quit'"
fi
status=0
wait "$kiosk_pid" || status=$?
kiosk_pid=
[ "$status" = 0 ] || fail "the kiosk exited with status $status after 'staff-quit', not 0"
ok "click 'staff-quit' closed the kiosk with status 0"

echo "screenshots in $shots; run took $((($(now_ms) - started) / 1000)) s"
finish
