#!/usr/bin/env bash
# The kiosk box, as a clinic's IT person makes it (docs/kiosk-setup.md, steps 1-6): a fresh
# minimal Debian 12 (debootstrap --variant=minbase bookworm), 'apt-get install ./ease*.deb' in
# it, then the service's own ExecStart with the service's user, folders and environment, under
# cage's headless backend (WLR_BACKENDS=headless, pixman renderer; no display, no GPU: the
# software path through Xwayland). It checks:
#   READY=1 and watchdog pings on a notify socket this script reads (as systemd would), the
#   attract screen's first frame (EASE_TRACE), a visit made by tapping (xdotool through cage's
#   Xwayland) recorded in /var/lib/ease and seen by the installed 'ease status' and 'ease
#   report' run as root, an upgrade during that visit over an edited /etc/ease/kiosk.yaml with
#   no prompt and the visit not cut (Ease ends for the new version once it is over), kiosk.yaml's
#   rotation, a crash reported as a failure and restarted after a back-off, the compositor
#   killed (Ease ends at once, as a failure, never spinning), SIGTERM -> a clean
#   stop within 5 s (no abort), the records
#   still the kiosk's, then purge (user gone, records kept and handed to root, no conffile).
# It prints the packages installed, the time to READY=1 and the time to stop.
#
#   packaging/box_test.sh DEB
#
# Needs root, debootstrap, python3, xdotool, x11-utils and imagemagick (packaging/setup.sh package
# installs them); EASE_BOX_SHOTS=DIR keeps the screenshot of the first screen. The
# debootstrap root is kept as a tarball in $EASE_CI_CACHE (default /var/cache/ease-ci), with the
# .debs apt fetched, so later runs download only what changed. Nothing on this machine but that
# cache and a temporary folder is touched; everything started is stopped by its PID.
set -euo pipefail

if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 DEB" >&2
    exit 64
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "$0: needs root (debootstrap, chroot and mounts)" >&2
    exit 1
fi
deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cache=${EASE_CI_CACHE:-/var/cache/ease-ci}
mirror=${EASE_CI_MIRROR:-http://deb.debian.org/debian}
base=$cache/bookworm-minbase.tar
work=$(mktemp -d "${TMPDIR:-/tmp}/ease-box.XXXXXX")
root=$work/root
mounted=()
session_pid=
reader_pid=
test_started=$(date +%s)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
failed=0
fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
}
ok() { echo "ok $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
in_root() { chroot "$root" "$@"; }

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local pid i
    for pid in "$session_pid" "$reader_pid"; do
        if [ -n "$pid" ]; then
            kill -KILL "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    # Anything else still running inside the throw-away root was started by this test.
    for pid in /proc/[0-9]*; do
        if [ "$(readlink "$pid/root" 2>/dev/null)" = "$root" ]; then
            kill -KILL "${pid#/proc/}" 2>/dev/null || true
        fi
    done
    sleep 0.2
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -l "${mounted[i]}" 2>/dev/null || true
    done
    # Never delete through a mount that is still there.
    if ! grep -qF " $work/" /proc/mounts; then
        rm -rf "$work"
    else
        echo "box_test: $work still has mounts; left in place" >&2
    fi
}
trap cleanup EXIT

mount_in() { # type, target under root, options
    mkdir -p "$root/$2"
    mount -t "$1" -o "$3" "ease-ci-$1" "$root/$2"
    mounted+=("$root/$2")
}

# ---------------------------------------------------------------- 1. a minimal Debian 12
say "a minimal Debian 12 root"
mkdir -p "$cache/archives"
if [ ! -s "$base" ]; then
    started=$(now)
    debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 || {
        tail -20 "$work/debootstrap.log"
        echo "FAIL debootstrap"
        exit 1
    }
    tar -C "$work/base" -cf "$base.part" . && mv "$base.part" "$base"
    rm -rf "$work/base"
    ok "debootstrap --variant=minbase bookworm in $(since "$started") s (cached in $base)"
fi
mkdir "$root"
tar -C "$root" -xf "$base"
base_packages=$(in_root dpkg-query -W -f '${binary:Package}\n' | wc -l)
mount_in proc proc nosuid,nodev,noexec
mount_in tmpfs dev mode=0755,nosuid
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    mknod -m 0666 "$root/dev/$name" c "$major" "$minor"
done
mount_in tmpfs dev/shm mode=1777,nosuid,nodev
mount_in tmpfs run mode=0755,nosuid,nodev
chmod 1777 "$root/tmp"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The mirror's suites that hold Debian 12's updates, as a box installed today has them.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${EASE_CI_SECURITY_MIRROR:-http://deb.debian.org/debian-security} bookworm-security main
EOF
echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/90ease-ci"
# No service starts inside the throw-away root (there is no systemd running in it).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
find "$cache/archives" -name '*.deb' -exec cp -t "$root/var/cache/apt/archives/" {} +

# ---------------------------------------------------------------- 2. apt-get install ./ease.deb
say "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq >"$work/apt.log" 2>&1 || {
    cat "$work/apt.log"
    echo "FAIL apt-get update in the new root"
    exit 1
}
started=$(now)
if DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -q "/tmp/$(basename "$deb")" \
    </dev/null >"$work/install.log" 2>&1; then
    installed=$(($(in_root dpkg-query -W -f '${binary:Package}\n' | wc -l) - base_packages))
    ok "apt-get install: $installed packages installed on the minimal root ($base_packages) in $(since "$started") s"
else
    tail -30 "$work/install.log"
    echo "FAIL apt-get install ./$(basename "$deb")"
    exit 1
fi
cp -n "$root"/var/cache/apt/archives/*.deb "$cache/archives/" 2>/dev/null || true
for need in /usr/bin/cage /usr/bin/Xwayland /usr/bin/ease /usr/lib/ease/kiosk-session \
    /usr/share/doc/ease/examples/kiosk.yaml /usr/share/doc/ease/kiosk-setup.md \
    /lib/systemd/system/ease-kiosk.service /etc/ease/kiosk.yaml; do
    [ -e "$root$need" ] || fail "the installed box has no $need"
done
ls "$root"/usr/lib/x86_64-linux-gnu/dri/*swrast* >/dev/null 2>&1 ||
    ls "$root"/usr/lib/*/dri/swrast_dri.so >/dev/null 2>&1 || fail "no Mesa drivers installed"
seat=$(in_root dpkg-query -W -f '${db:Status-Status} ${binary:Package}\n' libpam-systemd seatd \
    2>/dev/null | awk '$1 == "installed" { print $2 }' | paste -sd ' ' -)
[ -n "$seat" ] || fail "no logind session (libpam-systemd) nor seatd installed"
[ -L "$root/etc/systemd/system/multi-user.target.wants/ease-kiosk.service" ] ||
    fail "the service is not enabled for multi-user.target"
ease_uid=$(in_root id -u ease) || fail "no 'ease' user"
ease_gid=$(in_root id -g ease)
in_root id -nG ease | tr ' ' '\n' | grep -qx input && fail "'ease' is in the input group"
ok "cage, Xwayland, Mesa, a seat ($seat), the service enabled for multi-user.target; user ease ($ease_uid), not in 'input'"

# ---------------------------------------------------------------- 3. the service's session
# What systemd does for the unit, done by hand: its User=, StateDirectory= and
# RuntimeDirectory= (0700), UMask=, the XDG_RUNTIME_DIR logind's session gives it, its
# Environment= lines, a notify socket with a watchdog (2 s here, so pings come every second),
# and WATCHDOG_PID set to the main process.
unit=$root/lib/systemd/system/ease-kiosk.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
mapfile -t unit_env < <(sed -n 's/^Environment=//p' "$unit")
umask_value=$(sed -n 's/^UMask=//p' "$unit")
timeout_start=$(sed -n 's/^TimeoutStartSec=//p' "$unit")
[ "$user" = ease ] || fail "the unit runs as '$user', not ease"
install -d -m 0700 -o "$ease_uid" -g "$ease_gid" "$root/var/lib/ease" "$root/run/ease" \
    "$root/run/user/$ease_uid"
install -d -m 0755 "$root/run/ease-ci"
python3 - "$root/run/ease-ci/notify" "$work/notify.log" <<'EOF' &
import os, socket, sys, time
path, log = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o777)
with open(log, "a", buffering=1) as out:
    while True:
        data = s.recv(4096).decode(errors="replace")
        for line in data.splitlines():
            out.write("%.3f %s\n" % (time.time(), line))
EOF
reader_pid=$!
for _ in $(seq 50); do [ -S "$root/run/ease-ci/notify" ] && break; sleep 0.1; done

log=$work/session.log
# start_session: ExecStart as systemd runs it; sets session_pid and started.
start_session() {
    : >"$log"
    : >"$work/notify.log"
    started=$(now)
    chroot "$root" setpriv --reuid="$ease_uid" --regid="$ease_gid" --init-groups \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/ease USER=ease LOGNAME=ease \
        LANG=C.UTF-8 XDG_RUNTIME_DIR="/run/user/$ease_uid" STATE_DIRECTORY=/var/lib/ease \
        RUNTIME_DIRECTORY=/run/ease NOTIFY_SOCKET=/run/ease-ci/notify WATCHDOG_USEC=2000000 \
        "${unit_env[@]}" WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
        EASE_TRACE=1 /bin/sh -c "umask ${umask_value:-0077}; export WATCHDOG_PID=\$\$; exec $exec_start" \
        >"$log" 2>&1 &
    session_pid=$!
}
wait_for() { # seconds, then a command; true when the command succeeded in time
    local deadline=$(($(date +%s) + $1))
    shift
    until "$@"; do
        [ "$(date +%s)" -ge "$deadline" ] && return 1
        kill -0 "$session_pid" 2>/dev/null || return 1
        sleep 0.1
    done
}
notified() { grep -q " $1" "$work/notify.log" 2>/dev/null; }
logged() { grep -q "$1" "$log"; }
# Whether the screen shown last has traced a target for action $1 (a rating's Done comes late).
has_target() {
    awk -v a="$1" '/^trace: screen / { f = 0 } /^trace: target / && $3 == a { f = 1 } END { exit !f }' "$log"
}
show_log() { grep -v '^trace: target' "$log" | tail -20 | sed 's/^/    /'; }
# ready: READY=1 within TimeoutStartSec and the attract screen's first frame; sets ready_s.
ready() {
    if wait_for "${timeout_start:-90}" notified READY=1; then
        local ready_at
        ready_at=$(awk '/ READY=1/ { print $1; exit }' "$work/notify.log")
        ready_s=$(awk -v a="$started" -v b="$ready_at" 'BEGIN { printf "%.2f", b - a }')
        ok "READY=1 ${ready_s} s after ExecStart ($(grep -m1 ' STATUS=' "$work/notify.log" | cut -d' ' -f2-))"
    else
        show_log
        fail "no READY=1 within TimeoutStartSec (${timeout_start:-90} s)"
        return 1
    fi
    if logged '^trace: screen attract' && logged 'first frame shown'; then
        ok "first frame: the attract screen ($(grep -m1 'first frame shown' "$log" | sed 's/^ease: //'))"
    else
        fail "the attract screen's first frame was not traced"
    fi
}
# The latest screen's name.
screen_now() { sed -n 's/^trace: screen //p' "$log" | tail -1; }
# tap ACTION ARG NEXT: taps the target's centre through cage's Xwayland, as the kiosk's user
# (the X server lets only its own user in), and waits for the screen NEXT (- for none). ARG *
# is the screen's first target of that action.
tap() {
    local target x y w h count display
    display=$(find "$root/tmp/.X11-unix" -name 'X*' -printf '%f\n' 2>/dev/null | head -1)
    target=$(awk -v a="$1" -v g="$2" '/^trace: screen / { t = "" }
        /^trace: target / && $3 == a && (g == "*" || $4 == g) && t == "" { t = $5 " " $6 " " $7 " " $8 }
        END { print t }' "$log")
    if [ -z "$display" ] || [ -z "$target" ]; then
        fail "no '$1 $2' target on the '$(screen_now)' screen (display '${display}')"
        return 1
    fi
    read -r x y w h <<<"$target"
    count=$(grep -c '^trace: screen ' "$log")
    setpriv --reuid="$ease_uid" --regid="$ease_gid" --clear-groups env DISPLAY=":${display#X}" \
        xdotool mousemove $((x + w / 2)) $((y + h / 2)) click 1
    screen_after() { [ "$(grep -c '^trace: screen ' "$log")" -gt "$count" ]; }
    [ "$3" = - ] && return 0 # no screen to wait for
    if ! wait_for 20 screen_after || [ "$(screen_now)" != "$3" ]; then
        fail "tapping '$1 $2' did not lead to '$3' (now '$(screen_now)')"
        return 1
    fi
}

say "starting the service's ExecStart ($exec_start) under cage's headless backend"
start_session
ready
first_ready_s=${ready_s:-?}
grep -m1 'drawing with the' "$log" | sed 's/^ease: /   /'
# A screenshot of Ease's window, taken through cage's Xwayland as the kiosk's user: the attract
# screen is drawn (the calm theme's dark blue-green with light words; black would be nothing).
as_ease_x() {
    local display
    display=$(find "$root/tmp/.X11-unix" -name 'X*' -printf '%f\n' 2>/dev/null | head -1)
    setpriv --reuid="$ease_uid" --regid="$ease_gid" --clear-groups env DISPLAY=":${display#X}" "$@"
}
window=$(as_ease_x xwininfo -root -children 2>/dev/null | awk '/^ +0x/ && /"Ease"/ { print $1; exit }')
mkdir -p "$work/shots"
if [ -n "$window" ] && as_ease_x import -window "$window" png:- >"$work/shots/attract.png" 2>/dev/null; then
    shot=$(convert "$work/shots/attract.png" -format '%wx%h mean %[fx:mean]' info:)
    awk -v m="${shot##* }" 'BEGIN { exit !(m > 0.1 && m < 0.5) }' &&
        ok "screenshot of the first screen: $shot" || fail "the screenshot looks empty: $shot"
    [ -n "${EASE_BOX_SHOTS:-}" ] && cp "$work/shots/attract.png" "$EASE_BOX_SHOTS/"
else
    fail "no screenshot of Ease's window (window '$window')"
fi
pings() { grep -c ' WATCHDOG=1' "$work/notify.log" 2>/dev/null || true; }
three_pings() { [ "$(pings)" -ge 3 ]; }
if wait_for 20 three_pings; then
    ok "watchdog: $(pings) pings (WATCHDOG_USEC=2 s)"
else
    fail "watchdog: $(pings) pings in 20 s, 3 expected"
fi

# ---------------------------------------------------------------- 4. a visit, tapped
if tap begin 0 choose && tap kind 0 routines && tap routine 0 card &&
    tap start 0 safety && tap safety-read 0 rate-before && tap rate 5 - &&
    wait_for 20 has_target rate-keep && tap rate-keep 0 play; then
    ok "a visit tapped through cage's Xwayland: attract, choose, routines, card, safety, rate-before, play"
else
    show_log
fi

record_seen() { in_root ease status --json 2>/dev/null | grep -q '"visits": [1-9]'; }
if wait_for 15 record_seen; then
    ok "ease status (as root, no options) reads /var/lib/ease: $(in_root ease status 2>/dev/null | grep '^visits:')"
else
    in_root ease status 2>&1 | sed 's/^/    /'
    fail "the installed 'ease status' does not see the visit in /var/lib/ease"
fi
in_root ease status 2>/dev/null | grep -qx 'data folder: /var/lib/ease' || fail "ease status's data folder is not /var/lib/ease"
in_root ease status 2>/dev/null | grep -q '^renderer: software' || fail "ease status does not name the software renderer"
if in_root ease report >"$work/report" 2>/dev/null && grep -q '1 visit' "$work/report"; then
    ok "ease report (as root) reads the kiosk's records: $(grep '1 visit' "$work/report" | tail -1 | sed 's/^ *//')"
else
    cat "$work/report"
    fail "ease report does not read the kiosk's records"
fi

rows=$(in_root ease export --csv 2>/dev/null | grep -c . || true)
[ "$rows" -ge 2 ] && ok "ease export --csv (as root): a header and $((rows - 1)) visit" ||
    fail "ease export --csv printed $rows lines"

# ---------------------------------------------------------------- 5. an upgrade mid-visit
say "upgrading over an edited /etc/ease/kiosk.yaml while the visit plays"
printf 'clinic: Riverside Pain Clinic\nrotation: 90\n' >>"$root/etc/ease/kiosk.yaml"
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb -R "$deb" "$work/next"
sed -i "s/^Version: .*/Version: $version+ci1/" "$work/next/DEBIAN/control"
dpkg-deb -b "$work/next" "$root/tmp/ease-next.deb" >/dev/null
if DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -q /tmp/ease-next.deb </dev/null \
    >"$work/upgrade.log" 2>&1 &&
    [ "$(in_root dpkg-query -W -f '${Status} ${Version}' ease)" = "install ok installed $version+ci1" ]; then
    ok "upgrade to $version+ci1 with DEBIAN_FRONTEND=noninteractive: no prompt, configured"
else
    tail -20 "$work/upgrade.log"
    fail "the upgrade failed or left ease unconfigured"
fi
grep -qi 'configuration file' "$work/upgrade.log" && fail "dpkg asked about a configuration file"
grep -qx 'clinic: Riverside Pain Clinic' "$root/etc/ease/kiosk.yaml" || fail "the clinic's edit to kiosk.yaml was lost"
in_root ease check --config /etc/ease/kiosk.yaml >/dev/null 2>&1 || fail "the edited kiosk.yaml does not check"
noticed() { logged 'a new version was installed'; }
if wait_for 10 noticed && sleep 2 && kill -0 "$session_pid" 2>/dev/null &&
    ! logged 'ending for the new version' && [ "$(screen_now)" = play ]; then
    ok "the running kiosk saw the new version and waits: the visit in progress is not cut"
else
    show_log
    fail "the upgrade cut the visit (or the kiosk did not notice the new version)"
fi
# The patient stops; once the visit is over, Ease ends (status 0) for systemd to start the new one.
if tap stop 0 stop && tap stop-reason '*' rate-after && tap rate 3 - &&
    wait_for 20 has_target rate-keep && tap rate-keep 0 thanks; then
    thanks_tapped=$(now)
    tap thanks-done 0 - # the kiosk may end before it draws the attract screen
    deadline=$(($(date +%s) + 15))
    while kill -0 "$session_pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    if ! kill -0 "$session_pid" 2>/dev/null && wait "$session_pid" && logged 'ending for the new version'; then
        ok "the visit over, Ease ended for the new version (status 0) $(since "$thanks_tapped") s after the last tap"
    else
        show_log
        fail "Ease did not end for the new version once the visit was over"
    fi
    session_pid=
fi
if [ -z "$session_pid" ]; then
    say "starting the new version, as systemd's Restart=always does"
    start_session
    ready
    # kiosk.yaml's rotation (edited above) turns cage's output: a portrait screen for Ease.
    if grep -q 'drawing with the .* at 720x1280' "$log"; then
        ok "rotation: 90 in kiosk.yaml: cage -r, Ease draws at 720x1280"
    else
        fail "rotation: 90 did not turn the screen ($(grep -m1 'drawing with the' "$log"))"
    fi
fi

# ---------------------------------------------------------------- 6. a crash, then stop
say "a crash: SIGSEGV to Ease"
ease_pid=$(cat "$root/run/ease/ease.pid" 2>/dev/null || true)
if [ -n "$ease_pid" ] && kill -SEGV "$ease_pid" 2>/dev/null; then
    wait "$session_pid" && status=0 || status=$?
    session_pid=
    if [ "$status" -eq 139 ] && logged 'Ease was ended by signal 11'; then
        ok "a crash is a failure to systemd: ExecStart exits 139 (cage alone would say 0)"
    else
        show_log
        fail "after a crash ExecStart exited $status, not 139"
    fi
    start_session
    if ready && logged 'waiting 2s before this one'; then
        ok "restarted after the crash, with a 2 s back-off"
    else
        fail "no back-off after a quick failure"
    fi
else
    fail "no Ease PID in /run/ease/ease.pid"
fi

say "the compositor lost: SIGKILL to cage"
cage_pid=$(pgrep -P "$session_pid" -x cage || true)
ease_left() { # Ease processes still running in the throw-away root
    local pid
    for pid in $(pgrep -x ease); do
        [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && echo "$pid"
    done
}
if [ -n "$cage_pid" ] && kill -KILL "$cage_pid"; then
    lost=$(now)
    for _ in $(seq 50); do
        kill -0 "$session_pid" 2>/dev/null || [ -n "$(ease_left)" ] || break
        sleep 0.1
    done
    if ! kill -0 "$session_pid" 2>/dev/null && [ -z "$(ease_left)" ]; then
        wait "$session_pid" && status=0 || status=$?
        session_pid=
        [ "$status" -ne 0 ] && ok "Ease ended $(since "$lost") s after its display went (no spinning), a failure ($status) for systemd" ||
            fail "the lost display ended the session with status 0"
    else
        fail "Ease or the session still ran 5 s after cage was killed: $(ease_left)"
    fi
    start_session
    ready >/dev/null || fail "no start after the lost display"
else
    fail "no cage process under the session"
fi

say "stopping (SIGTERM to the main process, as systemd's KillMode=mixed does)"
started=$(now)
kill -TERM "$session_pid"
stopped=false
for _ in $(seq 100); do
    kill -0 "$session_pid" 2>/dev/null || {
        stopped=true
        break
    }
    sleep 0.1
done
stop_s=$(since "$started")
if $stopped; then
    wait "$session_pid" && status=0 || status=$?
    session_pid=
    if [ "$status" -eq 0 ] && ! grep -qi 'assertion\|aborted' "$log"; then
        ok "SIGTERM: a clean exit (status 0, no abort) in $stop_s s"
    else
        show_log
        fail "SIGTERM: exit status $status, or an abort in the log"
    fi
    awk -v s="$stop_s" 'BEGIN { exit !(s < 5) }' || fail "stopping took $stop_s s, over 5 s"
else
    fail "the session did not end within 10 s of SIGTERM"
fi
grep -q ' STOPPING=1' "$work/notify.log" || fail "Ease did not say STOPPING=1"
grep -q '^ALSA lib' "$log" && fail "ALSA printed into the log"
bad=$(find "$root/var/lib/ease" ! -user "$ease_uid" | head -3)
[ -z "$bad" ] || fail "files in /var/lib/ease not owned by ease after root's status/report: $bad"
[ "$(stat -c %a "$root/var/lib/ease")" = 700 ] || fail "/var/lib/ease is not 0700"
find "$root/var/lib/ease" -type f -perm /077 | grep -q . && fail "a record file is readable by others"
ok "records: /var/lib/ease 0700, every file the kiosk's own and closed to others"

# ---------------------------------------------------------------- 7. purge
say "purge"
if DEBIAN_FRONTEND=noninteractive in_root apt-get purge -y -q ease </dev/null >"$work/purge.log" 2>&1; then
    in_root getent passwd ease >/dev/null && fail "the 'ease' user is still there"
    [ -e "$root/etc/ease/kiosk.yaml" ] && fail "/etc/ease/kiosk.yaml is still there"
    [ -e "$root/etc/systemd/system/multi-user.target.wants/ease-kiosk.service" ] &&
        fail "a .wants link is left"
    if [ -f "$root/var/lib/ease/ease.sqlite" ] && [ "$(stat -c %U "$root/var/lib/ease/ease.sqlite")" = root ]; then
        ok "purge: user, conffile and service gone; the records kept, handed to root"
    else
        fail "purge: the records in /var/lib/ease were not kept for root"
    fi
else
    tail -20 "$work/purge.log"
    fail "apt-get purge ease failed"
fi

echo "box test: $installed packages installed, READY=1 after ${first_ready_s:-?} s, stopped in ${stop_s:-?} s," \
    "$(($(date +%s) - test_started)) s in all"
echo "$failed failed"
[ "$failed" -eq 0 ]
