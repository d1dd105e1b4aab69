#!/usr/bin/env bash
# The Debian package, built and installed the way a clinic gets it: builds a Release tree of its
# own with Debian's hardening flags, makes ease_<version>_<arch>.deb with cpack, checks its file
# list and runs lintian (errors fail), then installs it into a throw-away root (dpkg -x, so the
# machine running this is left alone) and runs the installed 'ease' against the installed
# routines and the packaged /etc/ease/kiosk.yaml: check, list, a routine dropped into the
# clinic's folder, status, and the configuration read. Everything it made is removed at the end.
#
#   packaging/install_test.sh [BUILD_DIR]      (default: build-package)
#
# Needs cmake, gcc, dpkg-dev, file and lintian (packaging/setup.sh package installs them).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$top/build-package}
jobs=$(nproc 2>/dev/null || echo 2)
work=$(mktemp -d "${TMPDIR:-/tmp}/ease-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
failed=0
fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

say "building the package in $build"
# Debian's flags with every hardening feature (fortify, stack protector, relro, bindnow).
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DEASE_TESTS=OFF \
    -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CFLAGS)" \
    -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
cmake --build "$build" -j "$jobs" --target ease ease_package_docs >/dev/null
rm -f "$build"/ease_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
version=$(sed -n 's/^project(ease VERSION \([0-9.]*\).*/\1/p' "$top/CMakeLists.txt")
arch=$(dpkg --print-architecture)
deb=$build/ease_${version}_${arch}.deb
if [ ! -f "$deb" ]; then
    echo "FAIL cpack made no $deb:" >&2
    ls "$build"/*.deb >&2 || true
    exit 1
fi
echo "ok $(basename "$deb"): $(stat -c %s "$deb") bytes, installs $(dpkg-deb -f "$deb" Installed-Size) KiB"

# The files the issue asks for.
dpkg -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files"
for path in /usr/bin/ease /usr/share/ease/routines/box-breathing.yaml \
    /usr/share/ease/assets/poses/basic.yaml /usr/share/ease/assets/lang/en.yaml \
    /usr/share/ease/assets/lang/es.yaml /etc/ease/kiosk.yaml /etc/ease/routines/ \
    /usr/share/man/man1/ease.1.gz /usr/share/applications/org.easekiosk.Ease.desktop \
    /usr/share/metainfo/org.easekiosk.Ease.metainfo.xml /lib/systemd/system/ease-kiosk.service \
    /usr/share/doc/ease/copyright /usr/share/doc/ease/changelog.gz /usr/lib/ease/kiosk-session \
    /usr/share/doc/ease/examples/kiosk.yaml /usr/share/doc/ease/kiosk-setup.md; do
    grep -qxF "$path" "$work/files" || fail "the package has no $path"
done
dpkg-deb -e "$deb" "$work/control"
grep -qxF /etc/ease/kiosk.yaml "$work/control/conffiles" || fail "kiosk.yaml is not a conffile"
depends=$(dpkg-deb -f "$deb" Depends)
for needed in cage xwayland libgl1-mesa-dri fonts-dejavu-core adduser libsdl2-2.0-0 libsystemd0; do
    case ", $depends," in *", $needed"[\ ,]*) ;; *) fail "Depends lacks $needed: $depends" ;; esac
done
echo "ok file list, conffiles and dependencies"

say "lintian"
# --fail-on error: warnings are reported but pass. Root runs it too (CI is root).
if lintian --fail-on error --info "$deb" >"$work/lintian" 2>&1; then
    echo "ok lintian: $(grep -c '^E:' "$work/lintian" || true) errors," \
        "$(grep -c '^W:' "$work/lintian" || true) warnings"
else
    fail "lintian reports errors"
fi
grep -E '^[EW]:' "$work/lintian" || true

say "installing into a throw-away root"
root=$work/root
dpkg -x "$deb" "$root"
ease=$root/usr/bin/ease
export EASE_SHARE_DIR=$root/usr/share/ease EASE_CONFIG=$root/etc/ease/kiosk.yaml
export XDG_STATE_HOME=$work/state HOME=$work/home
"$ease" --version | grep -qxF "ease $version" || fail "ease --version is not $version"
if "$ease" check --strict --config "$EASE_CONFIG" "$EASE_SHARE_DIR/routines" >"$work/check" 2>&1; then
    echo "ok ease check: $(tail -n 1 "$work/check")"
else
    cat "$work/check"
    fail "ease check finds problems in the packaged configuration or routines"
fi
"$ease" list >"$work/list" 2>&1 || fail "ease list failed"
bundled=$(find "$EASE_SHARE_DIR/routines" -name '*.yaml' | wc -l)
listed=$(grep -c . "$work/list" || true)
[ "$listed" -ge "$bundled" ] || fail "ease list shows $listed lines for $bundled bundled routines"
grep -q '^box-breathing' "$work/list" || fail "ease list lacks box-breathing"
# The clinic's folder beside the packaged kiosk.yaml is read with no edit to the file.
sed 's/^id: quick-breath$/id: clinic-quick-breath/' "$top/tests/e2e/short-routines/quick-breath.yaml" \
    >"$root/etc/ease/routines/clinic-quick-breath.yaml"
"$ease" list >"$work/list" 2>&1 || fail "ease list failed with a clinic routine"
if grep -q '^clinic-quick-breath' "$work/list"; then
    echo "ok ease list: the $bundled bundled routines and one from /etc/ease/routines"
else
    cat "$work/list"
    fail "a routine in /etc/ease/routines is not listed"
fi

if "$ease" status >"$work/status" 2>&1 &&
    grep -qxF "configuration: $EASE_CONFIG" "$work/status" &&
    grep -qxF "  $root/etc/ease/routines" "$work/status" &&
    grep -qxF "routines: $((bundled + 1)) loaded, 0 rejected" "$work/status" &&
    grep -q "^database: " "$work/status" && grep -q "^audio: " "$work/status"; then
    echo "ok ease status: the packaged configuration, both folders, $((bundled + 1)) routines," \
        "the database and the sound"
else
    cat "$work/status"
    fail "ease status does not report the installed kiosk"
fi

say "removing"
rm -rf "$root"
[ ! -e "$root" ] || fail "the throw-away root is still there"
# 'ease status' opens the sound device as the kiosk would; the PulseAudio client library (not
# Ease) leaves its runtime link under ~/.config/pulse when it looks for a server. Anything else
# written there would be Ease's, and wrong for a read-only command.
rm -rf "$work/home/.config/pulse"
rmdir "$work/home/.config" "$work/home" 2>/dev/null || true
if [ -e "$work/state" ] || [ -e "$work/home" ]; then
    fail "check, list or status wrote state: $(find "$work/state" "$work/home" 2>/dev/null | head -3)"
fi

echo "$failed failed"
[ "$failed" -eq 0 ]
