#!/usr/bin/env python3
"""Runs the routine-format rule corpus against `ease check`.

usage: run_rules.py EASE_BINARY [RULES_DIR]

Every *.yaml directly in RULES_DIR (default: this script's folder; subfolders such as poses/ and
media/ are not tests) starts with comment lines:

    # rule: <the rule of docs/routine-format.md this file tests>
    # expect: <line>:<col>: error|warning: <exact message>
    # expect: none

For each file this runs `EASE_BINARY check --poses poses <name>.yaml` in RULES_DIR, compares the
diagnostics printed for the file with the `# expect:` lines (as multisets: nothing missing,
nothing extra), and checks the exit status (1 when an error is expected, else 0). It prints
`ok name` or `FAIL name` with the differences, then `N passed, M failed`.
Standard library only.
"""

import collections
import os
import re
import subprocess
import sys

TIMEOUT_SECONDS = 10
DIAG_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note): (?P<msg>.*)$")
SUMMARY_LINE = re.compile(r"^\d+ routines?, \d+ errors?, \d+ warnings?$")
EXPECT_LINE = re.compile(r"^(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note): (?P<msg>.+)$")


def read_header(path):
    """The rule and the expected diagnostics, from the leading comment block.

    Returns (rule, expected list of 'L:C: severity: message', problems with the header)."""
    rule = None
    expected = []
    none = False
    problems = []
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        text = f.read()
    for raw in text.splitlines():
        if not raw.startswith("#"):
            break
        body = raw[1:].strip()
        if body.startswith("rule:"):
            rule = body[len("rule:"):].strip()
        elif body.startswith("expect:"):
            value = body[len("expect:"):].strip()
            if value == "none":
                none = True
            elif EXPECT_LINE.match(value):
                expected.append(value)
            else:
                problems.append("malformed expect line: %s" % raw)
    if not rule:
        problems.append("no '# rule:' line at the top")
    if none and expected:
        problems.append("'# expect: none' together with other '# expect:' lines")
    if not none and not expected and not any(p.startswith("malformed") for p in problems):
        problems.append("no '# expect:' lines (write '# expect: none' for a file that must pass)")
    return rule, expected, problems


def run_check(binary, rules_dir, filename):
    """Runs the checker; returns (actual diagnostics, exit status or None, notes)."""
    notes = []
    try:
        proc = subprocess.run(
            [binary, "check", "--poses", "poses", filename],
            cwd=rules_dir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return [], None, ["timed out after %d s" % TIMEOUT_SECONDS]
    except OSError as e:
        return [], None, ["cannot run %s: %s" % (binary, e)]
    actual = []
    stdout = proc.stdout.decode("utf-8", errors="replace")
    for line in stdout.splitlines():
        line = line.rstrip("\r")
        if not line or SUMMARY_LINE.match(line):
            continue
        m = DIAG_LINE.match(line)
        if m and m.group("file") == filename:
            actual.append("%s:%s: %s: %s" % (m.group("line"), m.group("col"), m.group("sev"), m.group("msg")))
        else:
            actual.append(line)  # another file, or no position: never expected, so shown
    if proc.returncode < 0:
        notes.append("crashed (signal %d)" % -proc.returncode)
    stderr = proc.stderr.decode("utf-8", errors="replace").strip()
    if stderr:
        notes.append("stderr: " + stderr.replace("\n", "\n    "))
    return actual, proc.returncode, notes


def main(argv):
    if len(argv) < 2 or len(argv) > 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: %s EASE_BINARY [RULES_DIR]\n" % os.path.basename(argv[0]))
        return 64
    binary = os.path.abspath(argv[1])
    rules_dir = os.path.abspath(argv[2] if len(argv) == 3 else os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isdir(rules_dir):
        sys.stderr.write("%s: not a folder\n" % rules_dir)
        return 66
    names = sorted(
        n for n in os.listdir(rules_dir) if n.endswith(".yaml") and os.path.isfile(os.path.join(rules_dir, n))
    )
    passed = failed = 0
    for filename in names:
        name = filename[: -len(".yaml")]
        rule, expected, problems = read_header(os.path.join(rules_dir, filename))
        actual, status, notes = run_check(binary, rules_dir, filename)
        want = collections.Counter(expected)
        got = collections.Counter(actual)
        missing = sorted((want - got).elements(), key=sort_key)
        unexpected = sorted((got - want).elements(), key=sort_key)
        want_status = 1 if any(": error: " in e for e in expected) else 0
        status_wrong = status != want_status
        if problems or missing or unexpected or status_wrong or (status is not None and status < 0):
            failed += 1
            print("FAIL %s" % name)
            for p in problems:
                print("  header: %s" % p)
            for line in missing:
                print("  missing:    %s" % line)
            for line in unexpected:
                print("  unexpected: %s" % line)
            if status_wrong:
                print("  exit status %s, expected %d" % ("none" if status is None else status, want_status))
            for note in notes:
                print("  %s" % note)
        else:
            passed += 1
            print("ok %s" % name)
    print("%d passed, %d failed" % (passed, failed))
    if not names:
        sys.stderr.write("no *.yaml rule files in %s\n" % rules_dir)
        return 1
    return 1 if failed else 0


def sort_key(entry):
    m = re.match(r"^(\d+):(\d+):", entry)
    return (0, int(m.group(1)), int(m.group(2)), entry) if m else (1, 0, 0, entry)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
