#!/usr/bin/python3
"""Validates an 'ease export --fhir' Bundle against the FHIR R4 JSON Schema, then checks the pain
ratings' codes. usage: check_fhir.py SCHEMA.json.xz EXPORT.json. Prints 'N passed, M failed'."""
import json
import lzma
import sys

import jsonschema

ANSWERS = ["LA6111-4", "LA6112-2", "LA6113-0", "LA6114-8", "LA6115-5", "LA10137-0",
           "LA10138-8", "LA10139-6", "LA10140-4", "LA10141-2", "LA13942-0"]

schema_path, export_path = sys.argv[1], sys.argv[2]
with lzma.open(schema_path, "rt", encoding="utf-8") as f:
    schema = json.load(f)
with open(export_path, encoding="utf-8") as f:
    bundle = json.load(f)

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


# The official schema is draft-06; its $id is 'id'. Validate the Bundle, and each resource alone.
validator = jsonschema.Draft6Validator(schema)
errors = sorted(validator.iter_errors(bundle), key=lambda e: list(e.absolute_path))
for error in errors[:20]:
    print("  ", "/".join(str(p) for p in error.absolute_path), error.message[:200])
check(not errors, "the Bundle is valid FHIR R4 (%d schema errors)" % len(errors))

# The schema must also refuse what is wrong (it leaves out "type": "object" in places, so a
# bare string where a CodeableConcept belongs passes it: the code checks below catch that): an
# Observation with a made-up field, and a coding that is not a list.
first = bundle["entry"][0]["resource"] if bundle.get("entry") else None
if first is not None:
    wrong = dict(first, valueInteger=7, painScore=7)
    check(any(True for _ in validator.iter_errors(wrong)), "the schema refuses a made-up field")
    wrong = dict(first, valueCodeableConcept={"coding": "LA10139-6"})
    check(any(True for _ in validator.iter_errors(wrong)), "the schema refuses a coding not a list")

entries = bundle.get("entry", [])
check(len(entries) > 0, "the export holds ratings")
for entry in entries:
    o = entry["resource"]
    where = o.get("id", "?")
    code = o["code"]["coding"][0]
    check(code == {**code, "system": "http://loinc.org", "code": "72514-3"},
          where + ": LOINC 72514-3")
    check("valueInteger" not in o, where + ": no bare integer")
    answer = o["valueCodeableConcept"]["coding"][0]
    check(answer["system"] == "http://loinc.org" and answer["code"] in ANSWERS,
          where + ": a LOINC answer code")
    check(ANSWERS.index(answer["code"]) == int(answer["display"]),
          where + ": the answer code matches its rating")
    timing = o["component"][0]["valueCodeableConcept"]["coding"][0]["code"]
    check(timing in ("before", "after") and where.endswith("-" + timing),
          where + ": says before or after")

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
