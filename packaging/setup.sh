#!/usr/bin/env bash
# The newcomer's two commands, and CI's: installs the Debian packages Ease needs (only those
# missing), builds, then runs Ease or its tests. Safe to run again; works as root, or through
# sudo where it exists.
#
#   packaging/setup.sh run     build and start Ease with the bundled routines
#   packaging/setup.sh test    build with AddressSanitizer + UBSan and run the whole suite
#   packaging/setup.sh fuzz S  build the libFuzzer target with clang and fuzz the loader S seconds
#   packaging/setup.sh package build the .deb, lintian it, install it into a throw-away root
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

build_packages=(cmake make gcc pkg-config libyaml-dev libsodium-dev libjansson-dev libsqlite3-dev
    libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libsdl2-mixer-dev libespeak-ng-dev espeak-ng-data
    libfontconfig-dev libsystemd-dev fonts-dejavu-core libpq-dev)
test_packages=(libcmocka-dev python3 python3-yaml python3-jsonschema clang-format xvfb xdotool
    imagemagick x11-utils postgresql openssl)
fuzz_packages=(clang libclang-rt-14-dev)
package_packages=(dpkg-dev file lintian)

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

case "${1:-}" in
run)
    install_missing "${build_packages[@]}"
    configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEASE_TESTS=OFF
    say "starting Ease"
    shift
    exec "$top/build/src/kiosk/ease" "$@"
    ;;
test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    configure_and_build build-test -DCMAKE_BUILD_TYPE=Debug -DEASE_SANITIZE=ON -DEASE_WERROR=ON
    say "checking the code's format (clang-format)"
    (cd "$top" && git ls-files '*.c' '*.h' | xargs clang-format --dry-run --Werror)
    say "running the test suite"
    cd "$top/build-test"
    ctest --output-on-failure -j "$jobs"
    ;;
fuzz)
    seconds=${2:-60}
    install_missing "${build_packages[@]}" "${fuzz_packages[@]}"
    CC=clang configure_and_build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEASE_FUZZ=ON \
        -DEASE_TESTS=OFF
    say "fuzzing the routine loader for ${seconds}s"
    "$top/tests/fuzz/run_fuzz.sh" "$top/build-fuzz" "$seconds"
    ;;
package)
    install_missing "${build_packages[@]}" "${package_packages[@]}"
    exec "$top/packaging/install_test.sh" "$top/build-package"
    ;;
*)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
    ;;
esac
