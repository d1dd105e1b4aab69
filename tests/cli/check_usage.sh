#!/bin/sh
# Sub-commands answer --help, refuse wrong usage with 64 and missing input with 66.
ease="$1"
passed=0
failed=0
expect() { # expect STATUS DESCRIPTION COMMAND...
    want="$1"; what="$2"; shift 2
    "$@" >/dev/null 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL $what: exit $got, wanted $want"; fi
}
for command in check list plan pin status report export; do
    expect 0 "$command --help" "$ease" "$command" --help
done
expect 0 "help" "$ease" help
expect 0 "version" "$ease" --version
expect 64 "unknown command" "$ease" frobnicate
expect 64 "check with nothing" "$ease" check
expect 64 "check unknown option" "$ease" check --frob x
expect 64 "plan with nothing" "$ease" plan
expect 64 "plan bad level" "$ease" plan x.yaml --level 9
expect 64 "option without value" "$ease" check --poses
expect 64 "status unknown option" "$ease" status --frob
expect 66 "check a missing path" "$ease" check /nonexistent/routine.yaml
expect 64 "report with a bad date" "$ease" report --since 18/11/2026
expect 64 "report with an impossible date" "$ease" report --until 2026-02-30
expect 64 "export with no format" "$ease" export
expect 64 "export with two formats" "$ease" export --csv --fhir
expect 66 "report where no kiosk ran" "$ease" report --data /nonexistent/ease
expect 66 "export where no kiosk ran" "$ease" export --csv --data /nonexistent/ease
expect 64 "a short pin" sh -c "echo 12 | '$ease' pin"
out=$(echo 2468 | "$ease" pin)
case "$out" in
    'staff-pin: "$argon2id$'*) passed=$((passed + 1)) ;;
    *) failed=$((failed + 1)); echo "FAIL pin prints a hash line: $out" ;;
esac
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
