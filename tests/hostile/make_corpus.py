#!/usr/bin/python3
"""Writes the hostile corpus for `ease check` into OUTDIR.

    /usr/bin/python3 tests/hostile/make_corpus.py OUTDIR

Every case is one file with a descriptive name. The corpus is generated at test time so that the
multi-megabyte cases are never committed; the small hand-written cases in tests/hostile/seeds/ are
copied in as well. Output is deterministic (random bytes come from a fixed seed).

run_hostile.sh expects every file to be refused (exit status 1, at least one error). Files whose
name starts with 'maypass-' are valid YAML that may legitimately load (UTF-16 with a BOM, CRLF
line endings, ...): for those the runner only asks for exit 0 or 1, no crash, and the same output
format. Uses only the standard library.
"""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")

KIB = 1024
MIB = 1024 * 1024

# A routine that `ease check` accepts; many cases start from it and spoil one thing.
VALID = """\
id: hostile-base
title: Hostile base
kind: breathing
summary: A small routine the hostile corpus starts from.
position: seated
steps:
  - title: Settle in
    text: Sit back and let your shoulders drop.
    duration: 20s
    pose: seated
  - title: Breathe
    breathe:
      pattern:
        - inhale: 4s
        - exhale: 6s
      cycles: 6
    pose: seated
  - rest: 10s
    text: Breathe normally.
"""

# The top of a routine, to which a case appends its own 'steps:' (or other keys).
HEADER = """\
id: hostile
title: Hostile
kind: breathing
"""


class Corpus:
    def __init__(self, outdir):
        self.outdir = outdir
        self.names = set()

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if "/" in name or name in self.names:
            raise SystemExit(f"make_corpus.py: bad or duplicate case name {name!r}")
        self.names.add(name)
        with open(os.path.join(self.outdir, name), "wb") as f:
            f.write(data)


def rng(tag):
    # A fixed seed per case, so each case is stable however the list changes.
    return random.Random(f"ease-hostile-{tag}")


def alias_bombs(c):
    # Billion laughs: 10 levels of lists of 10 aliases (90 aliases, under the 256 limit: the
    # preflight lets it through and the loader's visit budget must hold).
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"lol{level}: &a{level} [{refs}]")
    c.add("alias-bomb-billion-laughs-map-root.yaml", "\n".join(lines) + "\n")

    lines = ['- &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"- &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    c.add("alias-bomb-billion-laughs-list-root.yaml", "\n".join(lines) + "\n")

    # The same inside a plausible routine, where the loader does descend.
    out = [HEADER + "levels: 3", "steps:", "  - &s0 {title: Breathe, text: Breathe in., duration: 10s}"]
    out.append("  - &l1 [" + ", ".join(["*s0"] * 10) + "]")
    for level in range(2, 10):
        out.append(f"  - &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    out += ["  - *l9"] * 20
    c.add("alias-bomb-in-steps.yaml", "\n".join(out) + "\n")

    # Nested aliases in every place a step descends into: text maps, per-level lists, patterns.
    out = [HEADER + "levels: 3", "x-anchors:", '  - &t0 {en: "lol", es: "lol"}',
           "  - &r0 [4, 6, 8]", "  - &p0 {inhale: 4s}"]
    for level in range(1, 8):
        out.append(f"  - &t{level} {{en: *t{level - 1}, es: *t{level - 1}, fr: *t{level - 1}}}")
        out.append(f"  - &r{level} [*r{level - 1}, *r{level - 1}, *r{level - 1}]")
        out.append(f"  - &p{level} [*p{level - 1}, *p{level - 1}, *p{level - 1}]")
    out.append("steps:")
    for i in range(20):
        out += [f"  - title: *t7", f"    text: *t7", f"    reps: *r7", f"    rep: *r7",
                f"    sets: *r7"]
        out += [f"  - breathe: {{pattern: *p7, cycles: *r7}}"]
    c.add("alias-bomb-in-step-values.yaml", "\n".join(out) + "\n")

    # Many aliases to one big step map with 2,000 keys: each alias is visited in full.
    big = ["    title: Big step", "    text: A step with many keys.", "    duration: 10s"]
    big += [f"    k{i:05d}: v" for i in range(2000)]
    out = [HEADER, "steps:", "  - &big"] + big + ["  - *big"] * 250
    c.add("alias-many-to-big-step-unknown-keys.yaml", "\n".join(out) + "\n")

    # ... and to a big step that is valid on its own (32 motion poses, long texts): 250 of them.
    text = "Let your shoulders drop and breathe slowly. " * 9
    motion = ", ".join(["seated", "standing"] * 16)
    out = [HEADER, "steps:", "  - &big", "    title: A long title for a big step here",
           f"    text: {text.strip()}", "    duration: 30s", f"    motion: [{motion}]"]
    out += ["  - *big"] * 250
    c.add("alias-many-to-big-valid-step.yaml", "\n".join(out) + "\n")

    # 300 aliases: over the alias limit.
    out = [HEADER, "steps:", "  - &s {rest: 1s}"] + ["  - *s"] * 300
    c.add("alias-count-300.yaml", "\n".join(out) + "\n")


def nesting(c):
    for n, label in ((10_000, "10000"), (100_000, "100000")):
        c.add(f"nest-flow-seq-{label}.yaml", "[" * n + "]" * n + "\n")
        c.add(f"nest-flow-seq-unclosed-{label}.yaml", "[" * n + "\n")
        c.add(f"nest-flow-map-{label}.yaml", "{a: " * n + "b" + "}" * n + "\n")
        c.add(f"nest-flow-map-key-{label}.yaml", "{" * n + "a" + "}" * n + "\n")
        c.add(f"nest-block-seq-{label}.yaml", "- " * n + "x\n")
        # Block maps on one line, with explicit keys ('? ? ? a' is three maps deep).
        c.add(f"nest-block-map-explicit-key-{label}.yaml", "? " * n + "a\n")
        c.add(f"nest-mixed-flow-{label}.yaml", "[{a: " * (n // 2) + "b" + "}]" * (n // 2) + "\n")
    c.add("nest-flow-seq-in-steps-10000.yaml",
          HEADER + "steps:\n  - title: " + "[" * 10_000 + "]" * 10_000 + "\n")
    c.add("nest-flow-seq-depth-33.yaml", HEADER + "steps: " + "[" * 32 + "]" * 32 + "\n")
    c.add("nest-flow-map-depth-32-in-text.yaml",
          HEADER + "steps:\n  - duration: 1s\n    text: " + "{en: " * 30 + "x" + "}" * 30 + "\n")

    # Indented block maps ('a:\n a:\n  a: ...', one space per level): a file grows with the
    # square of its depth. 1,400 levels fit under the 1 MiB file limit (the depth limit refuses
    # it); 10,000 levels are a 50 MB file (the size limit refuses it). 100,000 indented levels
    # would be 5 GB, so the 100,000-level block maps are the one-line explicit-key form above.
    def block_maps(n):
        return "".join(" " * i + "a:\n" for i in range(n)).encode() + b" " * n + b"b\n"

    c.add("nest-block-map-indented-1400.yaml", block_maps(1400))
    c.add("nest-block-map-indented-10000.yaml", block_maps(10_000))
    # Block lists indented one level per line, under the file limit.
    c.add("nest-block-seq-indented-1400.yaml",
          "".join(" " * i + "-\n" for i in range(1400)) + " " * 1400 + "x\n")


def sizes(c):
    c.add("scalar-5MB.yaml", HEADER + 'summary: "' + "a" * (5 * 1000 * 1000) + '"\n')
    c.add("scalar-900KB-plain.yaml",
          HEADER + "steps:\n  - duration: 10s\n    text: " + "a" * (900 * 1000) + "\n")
    lines = ["b" * 79] * (900 * 1000 // 80)
    c.add("scalar-900KB-block-literal.yaml",
          HEADER + "steps:\n  - duration: 10s\n    text: |\n" +
          "".join("      " + line + "\n" for line in lines))
    c.add("scalar-900KB-key.yaml", HEADER + "k" * (900 * 1000) + ": 1\n")
    # Under the scalar limit, over any text limit of the format.
    c.add("scalar-60KB-title.yaml", HEADER.replace("title: Hostile", "title: " + "t" * 60_000) +
          "steps:\n  - rest: 1s\n")
    c.add("scalar-60KB-unknown-key.yaml", HEADER + "x" * 60_000 + ": 1\nsteps:\n  - rest: 1s\n")
    c.add("scalar-60KB-unicode-text.yaml",
          HEADER + "steps:\n  - duration: 10s\n    text: " + "\u00e9\u4e2d" * 10_000 + "\n")
    # Anchors and tags are not scalars: the preflight's scalar limit does not cover them.
    name = "n" * (900 * 1000)
    c.add("anchor-name-900KB.yaml", HEADER + f"steps: &{name} [{{rest: 1s}}]\nx: *{name}\n")
    c.add("tag-900KB.yaml", HEADER + "steps: !<" + "t" * (900 * 1000) + "> [{rest: 1s}]\n")
    name = "m" * 3000
    c.add("anchor-name-3KB-250-aliases.yaml",
          HEADER + f"steps:\n  - &{name} {{rest: 1s}}\n" + f"  - *{name}\n" * 250)

    # Many small keys: over the 1 MiB file limit, over the event limit, under it.
    out, total, i = [HEADER], len(HEADER), 0
    while total <= MIB + 4096:
        line = f"k{i:07d}: 1\n"
        out.append(line)
        total += len(line)
        i += 1
    c.add("keys-over-1MiB.yaml", "".join(out))
    c.add("keys-40000-one-map.yaml", HEADER + "".join(f"k{i:05d}: 1\n" for i in range(40_000)))
    c.add("keys-24000-one-map-under-event-limit.yaml",
          HEADER + "".join(f"k{i:05d}: 1\n" for i in range(24_000)))
    c.add("keys-24000-in-step.yaml",
          HEADER + "steps:\n  - duration: 10s\n" +
          "".join(f"    k{i:05d}: 1\n" for i in range(24_000)))
    c.add("keys-duplicate-10000.yaml", HEADER + "id: again\n" * 10_000 + "steps:\n  - rest: 1s\n")
    c.add("keys-duplicate-10000-in-step.yaml",
          HEADER + "steps:\n  - rest: 1s\n" + "    rest: 2s\n" * 10_000)

    # Steps: 20,000 tiny steps (80,000 events, over the event limit) and 12,000 (under it).
    c.add("steps-20000-tiny.yaml", HEADER + "steps:\n" + "  - rest: 1s\n" * 20_000)
    c.add("steps-12000-tiny-under-event-limit.yaml",
          HEADER + "steps:\n" + "  - rest: 1s\n" * 12_000)
    c.add("steps-20000-empty-maps.yaml", HEADER + "steps:\n" + "  - {}\n" * 20_000)
    c.add("steps-40000-scalars.yaml", HEADER + "steps:\n" + "  - 1s\n" * 40_000)
    c.add("steps-201.yaml", HEADER + "steps:\n" + "  - rest: 1s\n" * 201)

    # Per-level lists: 100,000 items (over the event limit) and 40,000 (under it).
    for n in (100_000, 40_000):
        c.add(f"per-level-list-{n}-items.yaml",
              HEADER + "levels: 3\nsteps:\n  - reps: [" + ", ".join(["4"] * n) +
              "]\n    rep: 4s\n")
    c.add("per-level-list-6-items-levels-5.yaml",
          HEADER + "levels: 5\nsteps:\n  - reps: [1, 2, 3, 4, 5, 6]\n    rep: 4s\n")

    # Extremely long lines: 2 MB (over the file limit) and 500 KB (a value over the scalar limit;
    # a flow list over the event limit; a comment, which is valid and may pass).
    c.add("line-2MB-single.yaml", "title: " + "x" * (2 * 1000 * 1000) + "\n")
    c.add("line-500KB-value.yaml",
          HEADER + "steps:\n  - duration: 10s\n    text: " + "w " * (250 * 1000) + "\n")
    c.add("line-500KB-flow-list.yaml",
          HEADER + "levels: 2\nsteps:\n  - reps: [" + "1," * (250 * 1000 - 1) + "1]\n    rep: 4s\n")
    c.add("maypass-line-500KB-comment.yaml", VALID + "# " + "c" * (500 * 1000) + "\n")


def routine_rules(c):
    # Every count at its maximum over 200 steps: valid YAML and valid values, far over 2 hours.
    steps = []
    for i in range(200):
        kind = i % 4
        if kind == 0:
            steps.append("  - {title: Hold, duration: 30m, repeat: 20}")
        elif kind == 1:
            steps.append("  - {title: Breathe, repeat: 20, breathe: {cycles: 100, pattern: "
                         "[{inhale: 20s}, {hold: 10s}, {exhale: 30s}, {hold: 10s}, "
                         "{inhale: 20s}, {hold: 10s}, {exhale: 30s}, {hold: 10s}]}}")
        elif kind == 2:
            steps.append("  - {title: Lift, reps: 100, rep: 60s, hold: 60s, sets: 10, "
                         "rest: 5m, repeat: 20}")
        else:
            steps.append("  - {title: Rest, rest: 10m, repeat: 20}")
    c.add("routine-maximums-200-steps.yaml", HEADER + "steps:\n" + "\n".join(steps) + "\n")
    per_level = [s.replace("repeat: 20", "repeat: [1, 1, 1, 1, 20]") for s in steps]
    c.add("routine-maximums-200-steps-level-5.yaml",
          HEADER + "levels: 5\nsteps:\n" + "\n".join(per_level) + "\n")
    c.add("routine-just-over-2h.yaml",
          HEADER + "steps:\n" + "  - {duration: 30m}\n" * 4 + "  - {rest: 1s}\n")

    c.add("path-traversal.yaml", HEADER + """\
music: ../outside.ogg
cues:
  step: ../../../../etc/bell.wav
  end: /etc/chime.ogg
steps:
  - title: Look up
    duration: 10s
    image: /etc/x.png
    sound: ../../../../etc/passwd.wav
  - title: Listen
    duration: 10s
    sound: sub/../../../../../etc/passwd.wav
    image: ./../x.png
""")
    c.add("path-traversal-long.yaml",
          HEADER + "music: " + "../" * 5000 + "etc/x.ogg\nsteps:\n  - rest: 1s\n")
    c.add("path-nul-escaped.yaml",
          HEADER + 'music: "ok.ogg\\0/../../../etc/passwd"\nsteps:\n  - rest: 1s\n'
          '    sound: "a.wav\\0.png"\n')

    # Numbers that overflow, or are not numbers.
    c.add("numbers-overflow.yaml", HEADER + """\
levels: 99999999999999999999999999
steps:
  - duration: 99999999999999999999999999999h
  - rest: 9223372036854775807ms
  - duration: 18446744073709551616s
  - duration: 1e308s
  - duration: -0s
  - duration: .inf
  - duration: .nan
  - duration: 2562047788015215h30m8s
  - duration: 153722867280912930m
  - duration: 9223372036854775.807s
  - reps: 9223372036854775808
    rep: -9223372036854775809s
  - reps: 0x10
    rep: 0o17
  - reps: 1_000
    rep: 1:30
""")
    # Work that grows with the product of two counts the format leaves open.
    letters = "abcdefghijklmnopqrstuvwxyz"
    codes = [a + b for a in letters for b in letters] + \
        [a + b + d for a in letters for b in letters for d in letters]
    many = "{" + ", ".join(f"{code}: x" for code in codes[:18_000]) + "}"
    c.add("maypass-text-languages-18000-in-step.yaml",
          HEADER + "steps:\n  - rest: 1s\n    text: " + many + "\n")
    c.add("maypass-text-languages-18000-in-title.yaml",
          HEADER.replace("title: Hostile", "title: " + many) + "steps:\n  - rest: 1s\n")
    c.add("text-languages-18000-duplicate.yaml",
          HEADER + "steps:\n  - rest: 1s\n    text: {" + ", ".join(["en: x"] * 18_000) + "}\n")
    many = "{" + ",".join(f"{code}: x" for code in codes[:2_000]) + "}"
    c.add("maypass-text-languages-2000-aliased-in-200-steps.yaml",
          HEADER.replace("title: Hostile", f"title: &t {many}") + "levels: 5\n"
          "steps: [&s {title: *t, text: *t, breathe: {pattern: [{inhale: 4s, text: *t}, "
          "{exhale: 4s, text: *t}], cycles: 1}},\n  " + ",".join(["*s"] * 199) + "]\n")

    def long_name(prefix, i):
        return (f"{prefix}{i:04d}-" + "abcdefghij" * 7)[:64]

    c.add("poses-2000-long-names-unknown-bases.yaml",
          HEADER + "poses:\n" +
          "".join(f"  {long_name('p', i)}: {{base: {long_name('q', i)}}}\n" for i in range(2000)) +
          "steps:\n  - duration: 10s\n    pose: " + long_name("p", 0) + "\n")
    motion = ", ".join(long_name("z", j) for j in range(32))
    c.add("poses-2000-long-names-unknown-motion.yaml",
          HEADER + "poses:\n" + "".join(f"  {long_name('p', i)}: {{}}\n" for i in range(2000)) +
          "steps:\n" + f"  - duration: 10s\n    motion: [{motion}]\n" * 200)
    motion = ", ".join(f"z{j}" for j in range(32))
    c.add("poses-2000-unknown-motion.yaml",
          HEADER + "poses:\n" + "".join(f"  p{i}: {{}}\n" for i in range(2000)) +
          "steps:\n" + f"  - duration: 10s\n    motion: [{motion}]\n" * 200)
    c.add("poses-8000-base-chain.yaml",
          HEADER + "poses:\n  p0: {}\n" +
          "".join(f"  p{i}: {{base: p{i - 1}}}\n" for i in range(1, 8000)) +
          "steps:\n  - duration: 10s\n    pose: p7999\n")
    c.add("poses-1999-base-chain-reversed.yaml",
          HEADER + "poses:\n" + "".join(f"  p{i}: {{base: p{i + 1}}}\n" for i in range(1998)) +
          "  p1998: {}\nsteps:\n  - duration: 10s\n    pose: p0\n")
    c.add("poses-2000-base-loop.yaml",
          HEADER + "poses:\n" +
          "".join(f"  p{i}: {{base: p{(i + 1) % 2000}}}\n" for i in range(2000)) +
          "steps:\n  - duration: 10s\n    pose: p0\n")

    c.add("numbers-pose-angles.yaml", HEADER + """\
poses:
  p1: {left-arm: 1e400, right-arm: -1e400}
  p2: {left-arm: .nan, neck: .inf, torso: -.inf}
  p3: {left-arm: 0x7fffffffffffffff, body: 1e-400}
  p4: {base: p4}
  p5: {base: p6}
  p6: {base: p5}
steps:
  - duration: 10s
    pose: p1
  - duration: 10s
    motion: [p2, p3, p4, p5]
""")


def encodings(c):
    r = rng("garbage")
    c.add("garbage-random-64KB.bin.yaml", r.randbytes(64 * KIB))
    c.add("garbage-random-1MiB-exact.yaml", r.randbytes(MIB))
    c.add("garbage-random-1MiB-plus-1.yaml", r.randbytes(MIB + 1))
    printable = b" \n\n\n\t-:?[]{},&*!|>'\"%@`#abcxyz0123456789"
    c.add("garbage-random-yaml-tokens.yaml", bytes(r.choice(printable) for _ in range(64 * KIB)))
    # Random lines of YAML-ish tokens that often parse, exercising the loader's type checks.
    words = ["id:", "title:", "steps:", "- ", "rest:", "1s", "[", "]", "{", "}", ",", "&a", "*a",
             "text:", "breathe:", "pattern:", "reps:", "  ", "    ", "levels:", "3", "~", "!!str",
             "? ", "'x'", '"y"', "motion:", "pose:", "seated"]
    lines = []
    for _ in range(4000):
        lines.append("".join(r.choice(words) + r.choice(["", " "]) for _ in range(r.randint(1, 6))))
    c.add("garbage-random-yaml-words.yaml", "\n".join(lines) + "\n")

    c.add("urandom-with-valid-header.yaml", VALID.encode() + r.randbytes(256 * KIB))
    c.add("urandom-in-comment.yaml", VALID.encode() + b"# " + r.randbytes(4 * KIB) + b"\n")

    bad = {
        "overlong-slash": b"\xc0\xaf",
        "overlong-3byte": b"\xe0\x80\xaf",
        "overlong-nul": b"\xc0\x80",
        "lone-continuation": b"\x80",
        "lone-continuations": b"\xbf\x80\xbf",
        "ff-byte": b"\xff",
        "fe-byte": b"\xfe",
        "surrogate": b"\xed\xa0\x80",
        "above-10ffff": b"\xf4\x90\x80\x80",
        "five-byte": b"\xf8\x88\x80\x80\x80",
        "truncated-sequence": b"\xe2\x82",
    }
    for label, seq in bad.items():
        c.add(f"utf8-invalid-{label}-in-key.yaml",
              HEADER.encode() + b"ti" + seq + b"tle: x\nsteps:\n  - rest: 1s\n")
        c.add(f"utf8-invalid-{label}-in-value.yaml",
              HEADER.encode() + b"steps:\n  - rest: 1s\n    text: Breathe " + seq + b" out\n")
    c.add("utf8-invalid-truncated-at-eof.yaml", HEADER.encode() + b"summary: ok \xe2\x82")
    c.add("utf8-invalid-in-quoted-value.yaml", HEADER.encode() + b'summary: "a\xffb"\nsteps: []\n')
    c.add("utf8-invalid-in-comment.yaml", VALID.encode() + b"# \xc0\xaf\xff\n")

    c.add("nul-at-start.yaml", b"\x00" + VALID.encode())
    c.add("nul-in-middle.yaml", VALID.encode().replace(b"Sit back", b"Sit\x00back"))
    c.add("nul-at-end.yaml", VALID.encode() + b"\x00")
    c.add("nul-many.yaml", b"\x00" * (64 * KIB))
    c.add("nul-escaped-in-title.yaml", VALID.replace("title: Hostile base", 'title: "Host\\0ile"'))
    c.add("nul-escaped-in-id.yaml", VALID.replace("id: hostile-base", 'id: "hostile\\0base"'))
    c.add("nul-escaped-in-key.yaml", VALID.replace("kind: breathing", '"kind\\0": breathing'))
    c.add("nul-escaped-in-pose-name.yaml", VALID.replace("pose: seated", 'pose: "seated\\0x"', 1))

    # UTF-16 with a BOM: libyaml reads it, so the routine may load.
    c.add("maypass-utf16le-bom-routine.yaml", b"\xff\xfe" + VALID.encode("utf-16-le"))
    c.add("maypass-utf16be-bom-routine.yaml", b"\xfe\xff" + VALID.encode("utf-16-be"))
    c.add("maypass-utf8-bom-routine.yaml", b"\xef\xbb\xbf" + VALID.encode())
    c.add("utf16le-bom-broken-routine.yaml", b"\xff\xfe" + HEADER.encode("utf-16-le"))
    c.add("utf16le-bom-odd-length.yaml", b"\xff\xfe" + VALID.encode("utf-16-le") + b"\x41")
    c.add("utf16le-bom-lone-surrogate.yaml",
          b"\xff\xfe" + (HEADER + "summary: ").encode("utf-16-le") + b"\x00\xd8\x41\x00\n\x00")
    c.add("utf16le-no-bom-routine.yaml", VALID.encode("utf-16-le"))
    c.add("utf32le-bom-routine.yaml", b"\xff\xfe\x00\x00" + VALID.encode("utf-32-le"))
    c.add("utf32be-bom-routine.yaml", b"\x00\x00\xfe\xff" + VALID.encode("utf-32-be"))
    c.add("bom-utf16-in-middle.yaml", VALID.encode() + b"\xff\xfe" + b"x\x00")
    c.add("bom-only-utf8.yaml", b"\xef\xbb\xbf")
    c.add("bom-only-utf16le.yaml", b"\xff\xfe")
    c.add("bom-twice-utf8.yaml", b"\xef\xbb\xbf\xef\xbb\xbf" + VALID.encode())

    # Line endings: CRLF and lone CR are valid YAML line breaks.
    c.add("maypass-crlf-routine.yaml", VALID.replace("\n", "\r\n"))
    c.add("maypass-cr-routine.yaml", VALID.replace("\n", "\r"))
    c.add("maypass-mixed-line-endings-routine.yaml",
          "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in
                  enumerate(VALID.splitlines())))
    c.add("maypass-nel-line-separator-routine.yaml",
          VALID.replace("\n", "\u0085", 3).replace("Sit back", "Sit\u2028back"))
    c.add("maypass-bidi-override-in-text.yaml",
          VALID.replace("Sit back", "Sit \u202eback\u202c"))
    c.add("crlf-broken-routine.yaml", HEADER.replace("\n", "\r\n") + "steps:\r\n\t- rest: 1s\r\n")

    # Control characters in text values: raw bytes (libyaml refuses them), and the same written
    # with YAML escapes, which libyaml accepts and the loader must refuse.
    for label, raw in (("01", b"\x01"), ("1b-escape-sequence", b"\x1b[2J\x1b[31m"),
                       ("7f", b"\x7f"), ("08-backspace", b"\x08\x08\x08"),
                       ("c1-9b-csi", "\u009b31m".encode())):
        c.add(f"control-raw-{label}-in-text.yaml",
              VALID.encode().replace(b"Sit back", b"Sit " + raw + b"back"))
    for label, escaped in (("01", "\\x01"), ("1b-escape-sequence", "\\e[2J\\e[31mred"),
                           ("07-bell", "\\a"), ("7f", "\\x7f"), ("c1-9b-csi", "\\x9b31m"),
                           ("08-backspace", "\\b\\b\\b")):
        c.add(f"control-escaped-{label}-in-text.yaml",
              VALID.replace("text: Sit back and let your shoulders drop.",
                            f'text: "Sit {escaped} back"'))
        c.add(f"control-escaped-{label}-in-title.yaml",
              VALID.replace("title: Hostile base", f'title: "Host{escaped}ile"'))


def structure(c):
    body = VALID
    c.add("multi-document-two-routines.yaml", "---\n" + body + "---\n" + body)
    c.add("multi-document-implicit-then-explicit.yaml", body + "---\n" + body)
    c.add("multi-document-1000-empty.yaml", "---\n" * 1000)
    c.add("multi-document-end-marker-then-more.yaml", body + "...\n" + body)
    c.add("multi-document-end-marker-then-scalar.yaml", body + "...\nmore\n")
    c.add("multi-document-second-broken.yaml", body + "---\n[\n")
    c.add("multi-document-end-markers-only.yaml", "...\n" * 1000)
    c.add("directive-yaml-2.yaml", "%YAML 2.0\n---\n" + body)
    c.add("directive-yaml-twice.yaml", "%YAML 1.1\n%YAML 1.1\n---\n" + body)
    c.add("directive-tag-handle.yaml", "%TAG !e! tag:example.com,2000:\n---\n" +
          body.replace("kind: breathing", "kind: !e!kind breathing\nx: !e!x 1"))
    c.add("directive-unknown-1000.yaml", "%FOO bar\n" * 1000 + "---\n" + body)

    c.add("empty.yaml", b"")
    c.add("whitespace-only.yaml", " \n\n   \n\t\n" * 100)
    c.add("comments-only.yaml", "# a comment\n" * 100)
    c.add("tilde-root.yaml", "~\n")
    c.add("null-root.yaml", "null\n")
    c.add("scalar-root.yaml", "hello world\n")
    c.add("scalar-root-quoted-empty.yaml", '""\n')
    c.add("scalar-root-folded.yaml", ">\n  " + "word " * 100 + "\n")
    c.add("list-root.yaml", "- id: x\n- title: y\n")
    c.add("list-root-empty.yaml", "[]\n")
    c.add("map-root-empty.yaml", "{}\n")
    c.add("document-start-only.yaml", "---\n")
    c.add("document-start-then-comment.yaml", "--- # nothing\n")

    c.add("alias-before-anchor.yaml", HEADER + "steps: *s\nx: &s [{rest: 1s}]\n")
    c.add("alias-undefined.yaml", HEADER + "steps: *nowhere\n")
    c.add("alias-undefined-in-step.yaml", HEADER + "steps:\n  - rest: *t\n")
    c.add("alias-recursive-list.yaml", HEADER + "steps: &a [*a]\n")
    c.add("alias-recursive-map.yaml", HEADER + "steps:\n  - &a {rest: 1s, text: *a}\n")
    c.add("alias-recursive-text.yaml", HEADER.replace("title: Hostile", "title: &t {en: *t}") +
          "steps:\n  - rest: 1s\n")
    c.add("alias-recursive-root.yaml", "&r {id: x, title: y, kind: breathing, steps: *r}\n")
    c.add("alias-recursive-poses.yaml", HEADER + "poses: &p {p: *p}\nsteps:\n  - rest: 1s\n")
    c.add("alias-recursive-motion.yaml", HEADER + "steps:\n  - duration: 10s\n    motion: &m [*m, *m]\n")
    c.add("alias-recursive-pattern.yaml",
          HEADER + "steps:\n  - breathe: &b {pattern: [*b, *b], cycles: *b}\n")
    c.add("alias-recursive-per-level.yaml",
          HEADER + "levels: 2\nsteps:\n  - reps: &r [*r, *r]\n    rep: &q [*q, *q]\n")
    c.add("alias-recursive-key.yaml", HEADER + "steps:\n  - &k {? *k : 1, rest: 1s}\n")
    c.add("alias-anchor-redefined.yaml",
          HEADER + "x: &a 1\ny: &a [{rest: 1s}]\nsteps: *a\n")

    c.add("tag-binary.yaml", HEADER + "summary: !!binary aGVsbG8gd29ybGQ=\nsteps:\n  - rest: 1s\n"
          "    text: !!binary |\n      AAECAwQFBgcICQ==\n")
    c.add("tag-custom.yaml", HEADER + "steps: !custom\n  - !step {rest: !!float 1}\n")
    c.add("tag-python-object.yaml",
          HEADER + "steps:\n  - !!python/object/apply:os.system [\"echo pwned\"]\n")
    c.add("tag-type-mismatch.yaml",
          HEADER + "steps:\n  - reps: !!str 5\n    rep: !!int 4s\n    sets: !!map {}\n")
    c.add("tag-verbatim-empty.yaml", HEADER + "steps: !<> [{rest: 1s}]\n")
    c.add("maypass-tag-every-node.yaml",
          "id: !!str hostile\ntitle: !!str Hostile\nkind: !!str breathing\n"
          "steps: !!seq\n  - !!map\n    !!str rest: !!str 1s\n")
    c.add("key-is-map.yaml", HEADER + "? {a: 1}\n: b\nsteps:\n  - rest: 1s\n")
    c.add("key-is-list.yaml", HEADER + "[a, b]: c\nsteps:\n  - rest: 1s\n")
    c.add("key-is-map-in-step.yaml", HEADER + "steps:\n  - ? {rest: 1s}\n    : rest\n")
    c.add("key-is-null.yaml", HEADER + ": value\nsteps:\n  - rest: 1s\n")
    c.add("key-empty-string.yaml", HEADER + '"": value\nsteps:\n  - rest: 1s\n')
    c.add("key-explicit-no-value.yaml", HEADER + "? steps\n")
    c.add("tabs-indentation.yaml", HEADER + "steps:\n\t- rest: 1s\n")
    c.add("quoted-unterminated.yaml", HEADER + 'summary: "never closed\n' * 100)
    c.add("block-scalar-bad-indent.yaml", HEADER + "summary: |\n    a\n  b\nsteps: []\n")


def copy_seeds(c):
    if not os.path.isdir(SEEDS):
        return
    for name in sorted(os.listdir(SEEDS)):
        path = os.path.join(SEEDS, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        prefix = "maypass-seed-" if name.startswith("maypass-") else "seed-"
        c.add(prefix + name.removeprefix("maypass-"), data)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: make_corpus.py OUTDIR\n")
        return 64
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    c = Corpus(outdir)
    for generate in (alias_bombs, nesting, sizes, routine_rules, encodings, structure, copy_seeds):
        generate(c)
    print(f"make_corpus.py: {len(c.names)} files in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
