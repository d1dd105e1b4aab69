#!/usr/bin/env python3
"""Keeps the JSON Schema's pose parts in step with the code and the shared pose library.

  sync_poses.py EASE SCHEMA [--write]

From `EASE poses --json` (the bundled pose library and the joint table of src/core/pose.c):
- `definitions/sharedPoseName` lists every shared pose name, so an author's editor completes
  them wherever a pose is named (a step's `pose`, `motion`, keyframes, a pose's `base`);
- `definitions/pose/properties` has one entry per joint name with the table's range.
Without --write it only checks, and fails naming what differs (then run it with --write).
"""
import collections
import json
import subprocess
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=collections.OrderedDict)


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--write"):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    ease, schema_path, write = argv[1], argv[2], len(argv) == 4
    out = subprocess.run([ease, "poses", "--json"], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(f"'{ease} poses --json' failed:\n{out.stderr}", file=sys.stderr)
        return 1
    library = json.loads(out.stdout)
    names = sorted(p["name"] for p in library["poses"])
    schema = load(schema_path)
    defs = schema["definitions"]
    problems = []

    wanted_names = collections.OrderedDict(
        [
            ("description", "A pose from the shared library (assets/poses; see docs/poses.md), "
                            "offered by editors as you type. A routine's own poses are named "
                            "the same way."),
            ("enum", names),
        ]
    )
    if defs.get("sharedPoseName") != wanted_names:
        old = set(defs.get("sharedPoseName", {}).get("enum", []))
        problems.append(f"sharedPoseName: missing {sorted(set(names) - old)}, "
                        f"stale {sorted(old - set(names))}")
        defs["sharedPoseName"] = wanted_names
    wanted_ref = collections.OrderedDict(
        [
            ("description", "A pose's name: a shared pose, or one of the routine's own."),
            ("anyOf", [{"$ref": "#/definitions/sharedPoseName"}, {"$ref": "#/definitions/name"}]),
        ]
    )
    if defs.get("poseName") != wanted_ref:
        problems.append("poseName is missing or changed")
        defs["poseName"] = wanted_ref

    props = defs["pose"]["properties"]
    for joint in library["joints"]:
        entry = props.get(joint["name"])
        if entry is None:
            problems.append(f"pose joint '{joint['name']}' is not in the schema")
            props[joint["name"]] = collections.OrderedDict(
                [("description", joint["means"]), ("type", "number"),
                 ("minimum", joint["minimum"]), ("maximum", joint["maximum"])])
            continue
        for key in ("minimum", "maximum"):
            if entry.get(key) != joint[key]:
                problems.append(f"pose joint '{joint['name']}': {key} {entry.get(key)} in the "
                                f"schema, {joint[key]:g} in the code")
                entry[key] = int(joint[key]) if float(joint[key]).is_integer() else joint[key]
    known = {j["name"] for j in library["joints"]} | {"base", "view", "chair"}
    for key in list(props):
        if key not in known:
            problems.append(f"the schema's pose key '{key}' is not a joint the code knows")

    if write:
        with open(schema_path, "w", encoding="utf-8") as f:
            f.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        print(f"{schema_path}: {len(problems)} change(s)")
        return 0
    for p in problems:
        print(f"FAIL {p}")
    if problems:
        print(f"run: tests/schema/sync_poses.py {ease} {schema_path} --write")
        return 1
    print(f"{len(names)} shared pose names and {len(library['joints'])} joints in step")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
