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
rows = [line.split() for line in listing.stdout.splitlines()[1:] if line.strip()]
kinds = [row[1] for row in rows]
check(kinds.count("breathing") >= 4, f"at least 4 breathing routines ({kinds.count('breathing')})")
check(kinds.count("tai-chi") >= 3, f"at least 3 tai-chi routines ({kinds.count('tai-chi')})")
check(kinds.count("graded-movement") >= 4,
      f"at least 4 graded-movement routines ({kinds.count('graded-movement')})")
for row in rows:
    if row[1] == "graded-movement":
        check(row[2] == "3", f"{row[0]} offers 3 levels (has {row[2]})")

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
