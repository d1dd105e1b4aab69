#!/usr/bin/env bash
# Runs the fuzzers over what the kiosk reads (routines, kiosk.yaml, pose files, language files)
# for SECONDS in all, and fails if any found a crash, a leak, a timeout or an out-of-memory.
#
#   tests/fuzz/run_fuzz.sh BUILD_DIR SECONDS [TARGET...]
#
# BUILD_DIR is a build configured with -DEASE_FUZZ=ON (clang). With no TARGET, fuzz_routine_load
# gets half the time and fuzz_config, fuzz_pose_file and fuzz_language_file a sixth each (at
# least 5 s). Each reads its seed folders in place and writes what it learns to a scratch corpus
# in BUILD_DIR/fuzz/TARGET/corpus, which persists between runs; anything it finds goes to
# BUILD_DIR/fuzz/TARGET/artifacts. Extra libFuzzer flags may follow in FUZZ_FLAGS.
# The last line is 'fuzz: P passed, F failed' (one per target).
set -u

if [ $# -lt 2 ] || ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
    echo "usage: run_fuzz.sh BUILD_DIR SECONDS [TARGET...]" >&2
    exit 2
fi
build=${1%/}
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_routine_load fuzz_config fuzz_pose_file fuzz_language_file)

# seeds_for TARGET: the folders of real files of its kind.
seeds_for() {
    case $1 in
    fuzz_routine_load) echo "$here/seeds $source_dir/tests/hostile/seeds $source_dir/routines" ;;
    fuzz_config) echo "$here/seeds-config" ;;
    fuzz_pose_file) echo "$source_dir/assets/poses $source_dir/tests/rules/poses" ;;
    fuzz_language_file) echo "$source_dir/assets/lang" ;;
    esac
}

# seconds_for TARGET: its share of the time.
seconds_for() {
    local share=$seconds
    if [ ${#targets[@]} -gt 1 ]; then
        if [ "$1" = fuzz_routine_load ]; then share=$((seconds / 2)); else share=$((seconds / 6)); fi
    fi
    [ "$share" -ge 5 ] || share=5
    echo "$share"
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"

passed=0
failed=0
for target in "${targets[@]}"; do
    fuzzer=$build/tests/fuzz/$target
    if [ ! -x "$fuzzer" ]; then
        echo "run_fuzz.sh: no fuzzer at $fuzzer; configure with CC=clang -DEASE_FUZZ=ON and build" >&2
        failed=$((failed + 1))
        continue
    fi
    work=$build/fuzz/$target
    corpus=$work/corpus
    artifacts=$work/artifacts
    log=$work/fuzz.log
    mkdir -p "$corpus" "$artifacts" "$work/tmp"
    # The fuzzer's scratch file (see fuzz_routine_load.c) stays here if a finding stops it.
    export TMPDIR=$work/tmp
    # Findings from an earlier run are not this run's; keep them aside rather than delete them.
    if compgen -G "$artifacts/*" >/dev/null; then
        old=$work/artifacts-$(date +%Y%m%d-%H%M%S)
        mv "$artifacts" "$old"
        mkdir -p "$artifacts"
        echo "run_fuzz.sh: earlier findings moved to $old"
    fi

    seed_dirs=()
    for dir in $(seeds_for "$target"); do
        [ -d "$dir" ] && seed_dirs+=("$dir")
done
target_seconds=$(seconds_for "$target")

echo "run_fuzz.sh: $target for ${target_seconds}s; corpus $corpus; seeds ${seed_dirs[*]}"
# shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
"$fuzzer" \
    -max_total_time="$target_seconds" \
    -max_len=65536 \
    -timeout=2 \
    -rss_limit_mb=2048 \
    -detect_leaks=1 \
    -dict="$here/yaml.dict" \
    -artifact_prefix="$artifacts/" \
    -print_final_stats=1 \
    -error_exitcode=77 \
    -timeout_exitcode=70 \
    ${FUZZ_FLAGS:-} \
    "$corpus" "${seed_dirs[@]}" >"$log" 2>&1
status=$?

execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -n1)
[ -n "$execs" ] || execs=$(grep -Eo '^Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' | tail -n1)
[ -n "$execs" ] || execs=unknown
coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1)
echo "$target: executions: $execs${coverage:+ ($coverage)}; corpus: $(find "$corpus" -type f | wc -l) files"

findings=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | sort)
if [ "$status" -ne 0 ] || [ -n "$findings" ]; then
    echo "run_fuzz.sh: $target stopped with status $status (log: $log)"
    grep -E 'ERROR: |runtime error:|SUMMARY: |==[0-9]+==' "$log" | head -n 20
    for file in $findings; do
        echo "finding: $file"
    done
    failed=$((failed + 1))
else
    passed=$((passed + 1))
fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
