#!/usr/bin/python3
"""Checks the routine JSON Schemas against routine files.

    check_schema.py --schema-dir schema --valid routines --valid tests/schema/valid \
                    --invalid tests/schema/unknown-keys [--poses assets/poses]

Every YAML file under a --valid directory must validate against routine.schema.json, every file
under an --invalid directory must be rejected by it, and every file under a --poses directory
must validate against poses.schema.json. The schemas themselves are checked first, and so is the
time grammar against a few known-good and known-bad times. Ends with "N passed, M failed" and
exits 1 if anything failed (2 on wrong usage).

Needs only Debian's python3-jsonschema and python3-yaml.
"""

import argparse
import json
import os
import re
import sys

import jsonschema
import yaml


# --- YAML, read the way the kiosk's loader reads it -------------------------------------------
#
# PyYAML implements YAML 1.1: "yes", "no", "on", "off" become booleans, "1:30" becomes 90
# (sexagesimal), "010" becomes 8, "2024-01-01" a date and "<<" a merge key. The kiosk reads YAML
# 1.2-style plain scalars, so this loader keeps only the YAML 1.2 core schema: null, true/false,
# decimal/0o/0x integers and decimal floats; everything else stays a string.

class RoutineLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars; remembers duplicate keys."""


RoutineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
RoutineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
# Numbers as the kiosk reads them: decimal only. YAML 1.2 would make 0x10, 0o20 and 1e1 numbers
# (and an editor's schema check then passes them), but 'ease check' refuses them as a
# physiotherapist's slip, so here they stay strings and the schema refuses them too.
RoutineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^[-+]?[0-9]+$"),
    list("-+0123456789"))
RoutineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$"),
    list("-+0123456789."))


def _construct_int(loader, node):
    return int(loader.construct_scalar(node), 10)  # "010" is ten, as for the kiosk


RoutineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


# YAML 1.2 has no merge key: "<<" is a key like any other (which the schema then refuses, as
# 'ease check' does), not PyYAML's YAML 1.1 merge.
def _no_merge(loader, node):
    pass


RoutineLoader.flatten_mapping = _no_merge
RoutineLoader.yaml_implicit_resolvers.pop("<", None)


def load_yaml(path):
    """Returns (data, root node, problems): problems are YAML errors and duplicate keys."""
    with open(path, "rb") as f:
        raw = f.read()
    loader = RoutineLoader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, [" the file holds no YAML document"]
        problems = list(_duplicate_keys(node))
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        return None, None, [" YAML: " + " ".join(str(error).split())]
    finally:
        loader.dispose()
    return data, node, problems


def _duplicate_keys(node, seen_nodes=None):
    seen_nodes = set() if seen_nodes is None else seen_nodes
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in keys:
                    yield "%d:%d: duplicate key '%s' (first at line %d)" % (
                        key.start_mark.line + 1, key.start_mark.column + 1, key.value,
                        keys[key.value] + 1)
                else:
                    keys[key.value] = key.start_mark.line
            yield from _duplicate_keys(value, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, seen_nodes)


def node_at(node, path):
    """The YAML node at a JSON path (as deep as it can be followed), for line:col."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    node = value
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            break
    return node


def json_path(path):
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += "[%d]" % part
        elif re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", part):
            out += "." + part
        else:
            out += "[%s]" % json.dumps(part)
    return out


# --- Schemas ----------------------------------------------------------------------------------

# JSON Schema (draft 6 on) counts 6.0 as an integer; the kiosk refuses "reps: 6.0" as a slip, so
# here a whole number must be written as one (as an editor cannot tell, this is the kiosk's view).
STRICT_TYPES = jsonschema.Draft7Validator.TYPE_CHECKER.redefine(
    "integer", lambda checker, instance: isinstance(instance, int)
    and not isinstance(instance, bool))
StrictDraft7Validator = jsonschema.validators.extend(jsonschema.Draft7Validator,
                                                     type_checker=STRICT_TYPES)


def make_validator(schema, all_schemas):
    """A Draft-07 validator that resolves relative $refs between the schemas in the directory."""
    try:
        import referencing  # jsonschema >= 4.18
        import referencing.jsonschema
        registry = referencing.Registry().with_resources(
            (s["$id"], referencing.Resource.from_contents(
                s, default_specification=referencing.jsonschema.DRAFT7))
            for s in all_schemas.values() if "$id" in s)
        return StrictDraft7Validator(schema, registry=registry)
    except ImportError:
        store = {s["$id"]: s for s in all_schemas.values() if "$id" in s}
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return StrictDraft7Validator(schema, resolver=resolver)


def describe(error, limit=240):
    """The error's message, with whole maps and lists shortened and 'not' explained."""
    if error.validator == "not" and isinstance(error.schema, dict) \
            and error.schema.get("description"):
        message = "not allowed here: " + error.schema["description"]
    else:
        message = error.message
        if isinstance(error.instance, (dict, list)):
            message = message.replace(repr(error.instance),
                                      "{...}" if isinstance(error.instance, dict) else "[...]")
    message = " ".join(message.split())
    if len(message) > limit:
        message = message[:limit] + "..."
    return message


def closest(errors):
    """Of the alternatives of an anyOf/oneOf, the error most likely meant: alternatives whose
    type does not even match are set aside first."""
    errors = list(errors)
    typed = [e for e in errors if e.validator != "type"]
    return jsonschema.exceptions.best_match(typed or errors)


def error_lines(error, depth=0):
    """One line for the error, then, for anyOf/oneOf, the closest alternative's own errors."""
    yield depth, json_path(error.absolute_path), error
    if error.context and depth < 3:
        best = closest(error.context)
        if best is not None:
            yield from error_lines(best, depth + 1)


# --- Running ----------------------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self):
        self.passed += 1

    def fail(self, *lines):
        self.failed += 1
        for line in lines:
            print(line)


def yaml_files(root):
    if os.path.isfile(root):
        return [root]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                found.append(os.path.join(folder, name))
    return found


def check_valid(path, validator, tally):
    data, root, problems = load_yaml(path)
    lines = ["FAIL %s:%s" % (path, p) for p in problems]
    if root is None:
        tally.fail(*lines)
        return
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors and not lines:
        tally.ok()
        return
    for error in errors:
        for depth, where, sub in error_lines(error):
            node = node_at(root, sub.absolute_path)
            place = "%s:%d:%d" % (path, node.start_mark.line + 1, node.start_mark.column + 1)
            if depth == 0:
                lines.append("FAIL %s: %s: %s" % (place, where, describe(sub)))
            else:
                lines.append("     %s closest: %s: %s" % ("  " * depth, where, describe(sub)))
    tally.fail(*lines)


def check_invalid(path, validator, tally):
    data, _, problems = load_yaml(path)
    if problems:
        tally.ok()  # rejected already by reading it
        return
    if validator.is_valid(data):
        tally.fail("FAIL %s: accepted, but it must be rejected" % path)
    else:
        tally.ok()


TIMES_GOOD = ["4s", "90s", "1m30s", "2.5s", "500ms", "1m", "1h", "4", "0", "2.25", "1h2m3s4ms",
              "1m 30s", "0.5m", "1.125s", "20s"]
TIMES_BAD = ["30s1m", "4 s", "4sec", "-4s", "1m30", "30 1m", ".5s", "4S", "1:30", "ms", "s", "",
             "1m1m", "2.5ms", "1.2345s", "ten", "4s ms", "1e3"]


def check_times(schema, all_schemas, tally):
    """The time grammar, checked on strings (numbers are always fine)."""
    time_schema = {"$ref": schema["$id"] + "#/definitions/time"}
    validator = make_validator(time_schema, all_schemas)
    for text in TIMES_GOOD:
        if validator.is_valid(text):
            tally.ok()
        else:
            tally.fail("FAIL time grammar: %r must be accepted" % text)
    for text in TIMES_BAD:
        if validator.is_valid(text):
            tally.fail("FAIL time grammar: %r must be rejected" % text)
        else:
            tally.ok()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema-dir", required=True, help="folder with *.schema.json")
    parser.add_argument("--valid", action="append", default=[], metavar="DIR",
                        help="every routine under it must validate (repeatable)")
    parser.add_argument("--invalid", action="append", default=[], metavar="DIR",
                        help="every routine under it must be rejected (repeatable)")
    parser.add_argument("--poses", action="append", default=[], metavar="DIR",
                        help="every shared pose file under it must validate (repeatable)")
    args = parser.parse_args(argv)

    tally = Tally()
    all_schemas = {}
    for name in sorted(os.listdir(args.schema_dir)):
        if not name.endswith(".schema.json"):
            continue
        path = os.path.join(args.schema_dir, name)
        try:
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
            jsonschema.Draft7Validator.check_schema(schema)
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as error:
            tally.fail("FAIL %s: not a valid Draft-07 schema: %s" % (
                path, " ".join(str(error).split())[:300]))
            continue
        all_schemas[name] = schema
        tally.ok()

    for needed in ("routine.schema.json", "poses.schema.json"):
        if needed not in all_schemas:
            tally.fail("FAIL %s: missing or broken" % os.path.join(args.schema_dir, needed))
    if "routine.schema.json" in all_schemas:
        routine = make_validator(all_schemas["routine.schema.json"], all_schemas)
        check_times(all_schemas["routine.schema.json"], all_schemas, tally)
        for folder, check in [(d, check_valid) for d in args.valid] + \
                             [(d, check_invalid) for d in args.invalid]:
            if not os.path.exists(folder):
                tally.fail("FAIL %s: no such file or folder" % folder)
                continue
            for path in yaml_files(folder):
                check(path, routine, tally)
    if "poses.schema.json" in all_schemas:
        poses = make_validator(all_schemas["poses.schema.json"], all_schemas)
        for folder in args.poses:
            if not os.path.exists(folder):
                tally.fail("FAIL %s: no such file or folder" % folder)
                continue
            for path in yaml_files(folder):
                check_valid(path, poses, tally)

    print("%d passed, %d failed" % (tally.passed, tally.failed))
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
