#!/usr/bin/env python3
"""The phrase keys of a voice pack, from the kiosk's own words (assets/lang/*.yaml): every key
whose English words have nothing to fill in ({...}). Prints the table docs/voice-pack.md holds;
with --check DOC, fails when the document's table is not that table (so it never drifts).

  voice_pack_phrases.py LANG_DIR              print the table
  voice_pack_phrases.py LANG_DIR --check DOC  compare it with the one in DOC
"""
import os
import sys


def strings(path):
    """The 'strings:' mapping of a language file: one 'key: value' a line (as they are written)."""
    out, inside = {}, False
    for line in open(path, encoding="utf-8"):
        if line.startswith("strings:"):
            inside = True
            continue
        if inside and line.startswith("  ") and ":" in line and not line.lstrip().startswith("#"):
            key, value = line.strip().split(":", 1)
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            out[key] = value
        elif inside and line.strip() and not line.startswith(" "):
            inside = False
    return out


def table(lang_dir):
    en = strings(os.path.join(lang_dir, "en.yaml"))
    es = strings(os.path.join(lang_dir, "es.yaml"))
    rows = ["| phrase key | English | Spanish |", "| --- | --- | --- |"]
    for key, words in en.items():
        if "{" in words:
            continue
        rows.append("| `%s` | %s | %s |" % (key, words.replace("|", "\\|"),
                                            es.get(key, "").replace("|", "\\|")))
    return rows


def main():
    rows = table(sys.argv[1])
    if len(sys.argv) == 4 and sys.argv[2] == "--check":
        doc = [l.rstrip("\n") for l in open(sys.argv[3], encoding="utf-8")]
        start = doc.index(rows[0]) if rows[0] in doc else -1
        if start < 0 or doc[start:start + len(rows)] != rows:
            print("FAIL: the phrase table in %s is not the kiosk's words; print it again with "
                  "%s %s" % (sys.argv[3], sys.argv[0], sys.argv[1]))
            return 1
        print("the phrase table lists the %d phrases of assets/lang" % (len(rows) - 2))
        return 0
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
