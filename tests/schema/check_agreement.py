#!/usr/bin/python3
"""The JSON Schema and 'ease check' agree on every file under tests/rules/ and tests/schema/.

    check_agreement.py EASE TESTS_DIR SCHEMA_DIR

For each routine file: when 'ease check' finds no error, the schema must accept it; when
'ease check' finds an error the schema could express (a type, a key, an enum, a pattern, a
range of a number), the schema must refuse it. Errors no JSON Schema can express (a list as long
as 'levels', a pose that must exist, a keyframe inside its step, a file on disk, a YAML
duplicate key or syntax, a time's range) are listed in CHECKER_ONLY with the reason; a file whose
only errors are of those kinds must pass the schema (it cannot see them). A file with YAML the
kiosk refuses before the schema applies (aliases loops, a second document) counts as refused.
Ends with 'N passed, M failed'.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_schema  # noqa: E402

# Error messages of 'ease check' that no JSON Schema can express, each with why.
CHECKER_ONLY = [
    (r"has \d+ values, but the routine has \d+ level", "a list's length against 'levels'"),
    (r"has \d+ names, but the routine has \d+ level", "labels' length against 'levels'"),
    (r"pose '.*' is not known", "poses exist in the shared library or the routine"),
    (r"is based on '.*', which is not a known pose", "poses exist"),
    (r"based, through its bases, on itself", "pose bases do not loop"),
    (r"keyframe .* past the end|is not later than the one before|not later than the one before",
     "times compared with each other"),
    (r"leads out of the routine library|is a link that leads out", "files on disk"),
    (r"pixels a side|may last at most|held in memory together|MB on disk",
     "a media file's size and length, read from the file"),
    (r"duplicate key|is used twice|appears twice|twice in", "YAML duplicate keys"),
    (r"YAML syntax|the file is empty|a second YAML document", "YAML syntax"),
    (r"the routine plays for .* more than the 2 hours", "the sum of the whole routine"),
    (r"with its blocks repeated, the routine has", "the sum of repeated blocks"),
    (r"'.*' has two '.*' versions", "duplicate language keys"),
    (r"is already used by", "ids across files"),
]


# A time in range or not is beyond the schema (it checks a time's form, not its size); a time
# that is not a time at all ("soon", "30s1m", a list where one time belongs) is not.
TIME_RANGE = re.compile(r"must be a time from .* to .*, got (\"[^\"]*\"|-?[0-9.]+)$")
TIME_FORM = re.compile(r"^ *([0-9]+(\.[0-9]{1,3})?|(?=[0-9])([0-9]+(\.[0-9]{1,3})?h *)?"
                       r"([0-9]+(\.[0-9]{1,3})?m(?!s) *)?([0-9]+(\.[0-9]{1,3})?s *)?([0-9]+ms *)?)$")


def beyond_schema(error):
    if any(re.search(p, error) for p, _ in CHECKER_ONLY):
        return True
    m = TIME_RANGE.search(error)
    return bool(m and TIME_FORM.match(m.group(1).strip('"')))


def checker_errors(ease, folder, name):
    poses = ["--poses", "poses"] if os.path.isdir(os.path.join(folder, "poses")) else []
    run = subprocess.run([ease, "check"] + poses + [name], cwd=folder,
                         capture_output=True, text=True, timeout=30)
    return [line.split(": error: ", 1)[1] for line in run.stdout.splitlines()
            if ": error: " in line]


def main(argv):
    ease, tests, schema_dir = os.path.abspath(argv[1]), argv[2], argv[3]
    schemas = {}
    for name in os.listdir(schema_dir):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                schemas[name] = check_schema.json.load(f)
    validator = check_schema.make_validator(schemas["routine.schema.json"], schemas)
    files = []
    for sub in ("rules", "schema/valid", "schema/unknown-keys"):
        folder = os.path.join(tests, sub)
        files += [(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".yaml")]
    passed = failed = 0
    for folder, name in files:
        errors = checker_errors(ease, folder, name)
        data, _, problems = check_schema.load_yaml(os.path.join(folder, name))
        schema_ok = not problems and validator.is_valid(data)
        expressible = [e for e in errors if not beyond_schema(e)]
        if expressible:
            agree = not schema_ok
            want = "the schema refuses it, as ease check does: " + expressible[0]
        elif problems:
            agree = True  # YAML the schema never sees (a duplicate key, a syntax error)
            want = ""
        else:
            agree = schema_ok
            want = "the schema accepts it" + (
                " (ease check's errors are beyond a schema: %s)" % errors[0] if errors else "")
        if agree:
            passed += 1
        else:
            failed += 1
            why = ""
            if schema_ok is False and data is not None:
                first = next(iter(validator.iter_errors(data)), None)
                why = "; schema: " + check_schema.describe(first) if first else ""
            print("FAIL %s/%s: %s%s" % (os.path.basename(folder), name, want, why))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
