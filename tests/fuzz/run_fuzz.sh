#!/usr/bin/env bash
# Runs the routine_load fuzzer for a while and fails if it found a crash, a leak, a timeout or
# an out-of-memory.
#
#   tests/fuzz/run_fuzz.sh BUILD_DIR SECONDS
#
# BUILD_DIR is a build configured with -DEASE_FUZZ=ON (clang). The fuzzer reads the seed folders
# in place (tests/fuzz/seeds, tests/hostile/seeds, routines) and writes what it learns to a scratch
# corpus in BUILD_DIR/fuzz/corpus, which persists between runs; anything it finds goes to
# BUILD_DIR/fuzz/artifacts. Extra libFuzzer flags may follow in FUZZ_FLAGS.
# The last line is 'fuzz: 1 passed, 0 failed' or 'fuzz: 0 passed, 1 failed'.
set -u

if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
    echo "usage: run_fuzz.sh BUILD_DIR SECONDS" >&2
    exit 2
fi
build=${1%/}
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
fuzzer=$build/tests/fuzz/fuzz_routine_load
if [ ! -x "$fuzzer" ]; then
    echo "run_fuzz.sh: no fuzzer at $fuzzer; configure with CC=clang -DEASE_FUZZ=ON and build" >&2
    echo "fuzz: 0 passed, 1 failed"
    exit 1
fi

work=$build/fuzz
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
for dir in "$here/seeds" "$source_dir/tests/hostile/seeds" "$source_dir/routines"; do
    [ -d "$dir" ] && seed_dirs+=("$dir")
done

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"

echo "run_fuzz.sh: fuzzing for ${seconds}s; corpus $corpus; seeds ${seed_dirs[*]}"
# shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
"$fuzzer" \
    -max_total_time="$seconds" \
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
echo "executions: $execs${coverage:+ ($coverage)}; corpus: $(find "$corpus" -type f | wc -l) files"

findings=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | sort)
if [ "$status" -ne 0 ] || [ -n "$findings" ]; then
    echo "run_fuzz.sh: the fuzzer stopped with status $status (log: $log)"
    grep -E 'ERROR: |runtime error:|SUMMARY: |==[0-9]+==' "$log" | head -n 20
    for file in $findings; do
        echo "finding: $file"
    done
    echo "fuzz: 0 passed, 1 failed"
    exit 1
fi
echo "fuzz: 1 passed, 0 failed"
