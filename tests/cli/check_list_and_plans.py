"""'ease list' offers every kind; 'ease plan --json' of every routine at every level is valid
JSON whose segments tile the timeline with no gaps or overlaps, with cues in order inside it."""
import json
import re
import subprocess
import sys

ease, routines = sys.argv[1], sys.argv[2]
failures = []
passed = 0


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(what)
        print("FAIL", what)


listing = subprocess.run([ease, "list", routines], capture_output=True, text=True, timeout=60)
check(listing.returncode == 0, f"ease list exits 0 (got {listing.returncode}: {listing.stderr})")
lines = [line for line in listing.stdout.splitlines() if line.strip()]
rows = [line.split() for line in lines[1:]]
kinds = [row[1] for row in rows]
check(len(rows) >= 20, f"at least 20 routines ({len(rows)})")
# The title column starts at the same place on every line, however many levels a routine has.
title_at = lines[0].index("TITLE")
check(all(len(line) > title_at and line[title_at - 2:title_at] == "  " for line in lines[1:]),
      "the title column lines up")


def minutes(clock):
    m, s = clock.split(":")
    return int(m) + int(s) / 60


for kind in ("breathing", "tai-chi", "graded-movement", "relaxation"):
    of_kind = [row for row in rows if row[1] == kind]
    check(len(of_kind) >= 3, f"at least 3 {kind} routines ({len(of_kind)})")
    check(any(row[3] == "seated" for row in of_kind), f"a seated {kind} routine")
    check(any(minutes(row[4]) <= 3 for row in of_kind), f"a {kind} routine of 3 minutes or less")
for row in rows:
    check(1 <= int(row[2]) <= 5, f"{row[0]} offers 1 to 5 levels (has {row[2]})")

# The checker's hint for an unknown pose names this command: it must exist and list poses.
names = subprocess.run([ease, "list", "--pose-names"], capture_output=True, text=True, timeout=60)
listed = [line.split()[0] for line in names.stdout.splitlines() if line.strip()]
check(names.returncode == 0 and "standing" in listed and "seated" in listed,
      "ease list --pose-names lists the shared poses")

files = subprocess.run(["find", routines, "-name", "*.yaml"], capture_output=True, text=True)
for path in sorted(files.stdout.split()):
    first = subprocess.run([ease, "plan", path, "--json"], capture_output=True, text=True,
                           timeout=60)
    check(first.returncode == 0, f"{path}: ease plan exits 0 ({first.stderr.strip()})")
    if first.returncode:
        continue
    levels = json.loads(first.stdout)["routine"]["levels"]
    for level in range(1, levels + 1):
        run = subprocess.run([ease, "plan", path, "--json", "--level", str(level)],
                             capture_output=True, text=True, timeout=60)
        try:
            data = json.loads(run.stdout)
        except json.JSONDecodeError as error:
            check(False, f"{path} level {level}: JSON ({error})")
            continue
        where = f"{path} level {level}"
        segments = data["segments"]
        check(data["level"] == level, f"{where}: says its level")
        check(segments and segments[0]["start_ms"] == 0, f"{where}: starts at 0")
        tiled = all(a["end_ms"] == b["start_ms"] for a, b in zip(segments, segments[1:]))
        check(tiled, f"{where}: no gaps or overlaps")
        check(all(s["end_ms"] > s["start_ms"] for s in segments), f"{where}: no empty segment")
        check(segments[-1]["end_ms"] == data["length_ms"], f"{where}: ends at length_ms")
        cues = [c["at_ms"] for c in data["cues"]]
        check(cues == sorted(cues), f"{where}: cues sorted")
        check(all(0 <= c <= data["length_ms"] for c in cues), f"{where}: cues inside")
        check(data["cues"][-1]["event"] == "end", f"{where}: ends with the end cue")
        for s in segments:
            for key in s["motion"]:
                check(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key["pose"]) is not None,
                      f"{where}: pose name {key['pose']}")
                break

print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
