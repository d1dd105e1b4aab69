#!/usr/bin/env bash
# The newcomer's two commands, and CI's: installs the Debian packages Ease needs (only those
# missing), builds, then runs Ease or its tests. Safe to run again; works as root, or through
# sudo where it exists.
#
#   packaging/setup.sh run     build and start Ease with the bundled routines
#   packaging/setup.sh test    build with AddressSanitizer + UBSan and run the whole suite
#   packaging/setup.sh test-loaded   the same with both cores kept busy (stress-ng): no test may
#                              depend on the machine being fast
#   packaging/setup.sh tsan    build with ThreadSanitizer and run the tests that start threads
#   packaging/setup.sh fuzz S  build the libFuzzer targets with clang and fuzz what the kiosk reads, S seconds in all
#   packaging/setup.sh package build the .deb, lintian it, install it into a throw-away root,
#                              then into a fresh minimal Debian 12 and run the kiosk service
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

build_packages=(cmake make gcc pkg-config libyaml-dev libsodium-dev libjansson-dev libsqlite3-dev
    libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsdl2-mixer-dev libespeak-ng-dev espeak-ng-data
    libfontconfig-dev libsystemd-dev fonts-dejavu-core libx11-dev libpq-dev)
test_packages=(libcmocka-dev libvorbis-dev python3 python3-yaml python3-jsonschema clang-format xvfb xdotool
    imagemagick x11-utils openbox wmctrl postgresql openssl)
fuzz_packages=(clang libclang-rt-14-dev)
package_packages=(dpkg-dev file lintian debootstrap python3 xdotool x11-utils imagemagick)
loaded_packages=(stress-ng)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' ||
            missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then
            as_root=(sudo)
        else
            echo "setup: these Debian packages are missing: ${missing[*]}" >&2
            echo "setup: run this script as root, or install them: apt-get install ${missing[*]}" >&2
            exit 1
        fi
    fi
    say "installing ${missing[*]}"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

configure_and_build() { # folder, then cmake options
    local folder=$1
    shift
    say "building in $folder"
    cmake -S "$top" -B "$top/$folder" "$@" >/dev/null
    cmake --build "$top/$folder" -j "$jobs"
}

# Every C file of the tree, from the files themselves (not git: a source tarball has none).
c_sources() {
    find "$top" \( -path "$top/build*" -o -name .git \) -prune -o -type f \
        \( -name '*.c' -o -name '*.h' \) -print0
}

build_and_test() {
    configure_and_build build-test -DCMAKE_BUILD_TYPE=Debug -DEASE_SANITIZE=ON -DEASE_WERROR=ON
    say "checking the code's format (clang-format)"
    c_sources | xargs -0 clang-format --dry-run --Werror
    say "running the test suite"
    cd "$top/build-test"
    ctest --output-on-failure -j "$jobs"
}

case "${1:-}" in
run)
    install_missing "${build_packages[@]}"
    configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEASE_TESTS=OFF
    say "starting Ease"
    shift
    exec "$top/build/src/cli/ease" "$@"
    ;;
test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    build_and_test
    ;;
test-loaded)
    install_missing "${build_packages[@]}" "${test_packages[@]}" "${loaded_packages[@]}"
    say "keeping all ${jobs} cores busy with stress-ng while the suite runs"
    stress-ng --cpu "$jobs" --timeout 4h --quiet &
    stress=$!
    trap 'kill "$stress" 2>/dev/null || true' EXIT
    build_and_test
    ;;
tsan)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    configure_and_build build-tsan -DCMAKE_BUILD_TYPE=Debug -DEASE_TSAN=ON -DEASE_WERROR=ON
    say "running the threaded tests under ThreadSanitizer"
    cd "$top/build-tsan"
    ctest --output-on-failure -j "$jobs" -L thread
    ;;
fuzz)
    seconds=${2:-60}
    install_missing "${build_packages[@]}" "${fuzz_packages[@]}"
    CC=clang configure_and_build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEASE_FUZZ=ON \
        -DEASE_TESTS=OFF
    say "fuzzing routines, kiosk.yaml, pose files and language files for ${seconds}s in all"
    "$top/tests/fuzz/run_fuzz.sh" "$top/build-fuzz" "$seconds"
    ;;
package)
    install_missing "${build_packages[@]}" "${package_packages[@]}"
    "$top/packaging/install_test.sh" "$top/build-package"
    exec "$top/packaging/box_test.sh" "$top"/build-package/ease_*.deb
    ;;
*)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
    ;;
esac
