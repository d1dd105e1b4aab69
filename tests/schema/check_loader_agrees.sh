#!/bin/sh
# The loader agrees with the schema: the valid files pass 'ease check --strict', and each file
# the schema rejects for an unknown key is refused by the loader for that key.
ease="$1"
dir="$2"
passed=0
failed=0
if "$ease" check --strict "$dir/valid" >/dev/null; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL the valid files do not pass ease check --strict"; fi
for file in "$dir"/unknown-keys/*.yaml; do
    out=$("$ease" check "$file")
    status=$?
    if [ "$status" -eq 1 ] && printf '%s\n' "$out" | grep -q "error: unknown key\|error: pose name\|is not a language code"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $file: exit $status"
        printf '%s\n' "$out"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
