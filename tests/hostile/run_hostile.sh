#!/usr/bin/env bash
# Runs `ease check` on every file of a hostile corpus (see make_corpus.py) and checks that each is
# refused cleanly, quickly and in the documented output format.
#
#   tests/hostile/run_hostile.sh EASE_BINARY CORPUS_DIR
#
# For every file: exit status exactly 1 (not a crash, a timeout or a sanitizer abort), nothing on
# stderr, CPU time (user + system, the process's own work: unlike the wall clock it does not grow
# when the machine is busy) under HOSTILE_LIMIT_S seconds (default 1.0), every stdout line but the last
# in the form 'FILE:LINE:COL: error|warning: message' with at least one error, and the last line
# '1 routine, E errors, W warnings' with E >= 1. Files named 'maypass-*' may also exit 0 (and then
# need no error line). Prints 'ok   NAME  TIME' or 'FAIL NAME  REASON' per file, then
# 'N passed, M failed'; exits 1 when any failed, 2 on wrong usage.
set -u
export LC_ALL=C

if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -d "$2" ]; then
    echo "usage: run_hostile.sh EASE_BINARY CORPUS_DIR" >&2
    exit 2
fi
ease=$1
corpus=${2%/}
limit_s=${HOSTILE_LIMIT_S:-1.0}
# Only a guard against a hang: a busy machine can stretch a 0.3 s run many times over.
HOSTILE_HANG_S=${HOSTILE_HANG_S:-120}
if ! limit_ns=$(awk -v s="$limit_s" 'BEGIN { if (s !~ /^[0-9]*\.?[0-9]+$/) exit 1; printf "%d", s * 1e9 }'); then
    echo "run_hostile.sh: HOSTILE_LIMIT_S must be a number of seconds, got '$limit_s'" >&2
    exit 2
fi

# Sanitizer reports get their own exit codes, so that none can pass for 'problems found' (1).
export ASAN_OPTIONS="exitcode=86:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="exitcode=87:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export LSAN_OPTIONS="exitcode=88:${LSAN_OPTIONS:-}"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/hostile.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
out=$scratch/stdout
err=$scratch/stderr
cpu=$scratch/cpu

line_re='^[0-9]+:[0-9]+: (error|warning): .+'
summary_re='^1 routine, ([0-9]+) errors?, [0-9]+ warnings?$'
sanitizer_re='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|MemorySanitizer|ThreadSanitizer'

passed=0
failed=0
slowest_ns=0
slowest_name=

# Checks one run; prints the reason on failure.
judge() { # name file status elapsed_ns
    local name=$1 file=$2 status=$3 elapsed_ns=$4
    local maypass=false
    case $name in maypass-*) maypass=true ;; esac

    if grep -Eq "$sanitizer_re" "$err"; then
        echo "sanitizer report: $(grep -Em1 "$sanitizer_re" "$err" | cut -c1-200)"
        return 1
    fi
    case $status in
    1) ;;
    0) $maypass || { echo "exit status 0: the file was accepted"; return 1; } ;;
    124) echo "hung (killed after ${HOSTILE_HANG_S}s of wall time)"; return 1 ;;
    134) echo "crashed: abort (status 134)"; return 1 ;;
    139) echo "crashed: segmentation fault (status 139)"; return 1 ;;
    86 | 87 | 88) echo "sanitizer exit (status $status)"; return 1 ;;
    *) echo "exit status $status"; return 1 ;;
    esac
    if [ -s "$err" ]; then
        echo "unexpected stderr: $(head -c 200 "$err" | head -n1)"
        return 1
    fi
    if [ "$elapsed_ns" -ge "$limit_ns" ]; then
        echo "too slow: $(fmt_s "$elapsed_ns") of CPU time (limit ${limit_s}s)"
        return 1
    fi

    local lines total errors=0 n=0 line rest summary
    lines=$(wc -l <"$out")
    if [ "$lines" -lt 1 ] || [ -n "$(tail -c1 "$out")" ]; then
        echo "stdout does not end with a complete summary line"
        return 1
    fi
    summary=$(tail -n1 "$out")
    if ! [[ $summary =~ $summary_re ]]; then
        echo "bad summary line: '$(printf '%s' "$summary" | cut -c1-160)'"
        return 1
    fi
    local summary_errors=${BASH_REMATCH[1]}
    total=$((lines - 1))
    while [ "$n" -lt "$total" ] && IFS= read -r line; do
        n=$((n + 1))
        if [[ $line =~ ^\([0-9]+\ more\ problems\ not\ shown\)$ ]]; then
            echo "line $n, '$line', is not in the FILE:LINE:COL format (too many problems)"
            return 1
        fi
        if [[ $line != "$file:"* ]]; then
            echo "line $n does not start with '$file:': '$(printf '%s' "$line" | cut -c1-160)'"
            return 1
        fi
        rest=${line#"$file:"}
        if ! [[ $rest =~ $line_re ]]; then
            echo "line $n is not 'FILE:LINE:COL: error|warning: message': '$(printf '%s' "$line" | cut -c1-160)'"
            return 1
        fi
        [ "${BASH_REMATCH[1]}" = error ] && errors=$((errors + 1))
    done <"$out"
    if [ "$status" -eq 1 ]; then
        if [ "$errors" -eq 0 ]; then
            echo "exit status 1 but no error line"
            return 1
        fi
        if [ "$summary_errors" -eq 0 ]; then
            echo "exit status 1 but the summary counts 0 errors"
            return 1
        fi
    elif [ "$errors" -ne 0 ] || [ "$summary_errors" -ne 0 ]; then
        echo "exit status 0 with errors reported"
        return 1
    fi
    return 0
}

fmt_s() {
    awk -v ns="$1" 'BEGIN { printf "%.3fs", ns / 1e9 }'
}

shopt -s nullglob
files=("$corpus"/*)
if [ ${#files[@]} -eq 0 ]; then
    echo "run_hostile.sh: no files in $corpus" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    name=${file##*/}
    # CPU time of the check and its children (user + system), as bash's own 'time' counts it:
    # the work the file costs, the same on an idle machine and on one with both cores busy.
    # (The inner braces keep bash's own 'Segmentation fault' notice out of the report.)
    TIMEFORMAT='%3U %3S'
    { time { timeout "$HOSTILE_HANG_S" "$ease" check "$file" >"$out" 2>"$err" </dev/null; } 2>/dev/null; } 2>"$cpu"
    status=$?
    read -r user_s system_s <"$cpu" || { user_s=0; system_s=0; }
    elapsed=$(awk -v u="$user_s" -v s="$system_s" 'BEGIN { printf "%d", (u + s) * 1e9 }')
    if [ "$elapsed" -gt "$slowest_ns" ]; then
        slowest_ns=$elapsed
        slowest_name=$name
    fi
    if reason=$(judge "$name" "$file" "$status" "$elapsed"); then
        passed=$((passed + 1))
        printf 'ok   %s  %s\n' "$name" "$(fmt_s "$elapsed")"
    else
        failed=$((failed + 1))
        printf 'FAIL %s  %s\n' "$name" "$reason"
    fi
done

echo "slowest: $slowest_name $(fmt_s "$slowest_ns")"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
