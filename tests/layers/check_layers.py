#!/usr/bin/env python3
"""The layer rules of docs/overview.md, checked on the source tree: dependencies point one way
(cli -> kiosk -> core), screens see only screen.h and the drawing headers, libyaml and SQLite
stay inside the modules that parse and store, and the shell's files stay in their places.
Prints each broken rule as FILE:LINE: what is wrong, and exits 1 when there is any."""
import os
import re
import sys

src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'src')
include = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
problems = []


def files(folder, endings=('.c', '.h')):
    for root, _, names in os.walk(os.path.join(src, folder)):
        for name in sorted(names):
            if name.endswith(endings):
                yield os.path.join(root, name)


def includes(path):
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            m = include.match(line)
            if m:
                yield number, m.group(1) == '<', m.group(2)


def where(path, number):
    return '%s:%d' % (os.path.relpath(path, os.path.dirname(src)), number)


def names(folder):
    return {os.path.basename(p) for p in files(folder)}


core, kiosk, cli = names('core'), names('kiosk'), names('cli')
screens_dir = os.path.join(src, 'kiosk', 'screens')
drawing = {'gfx.h', 'text.h', 'theme.h', 'ui.h', 'draw_pacer.h', 'draw_figure.h', 'draw_picture.h'}
# What a screen must not reach even in the core: the records, files and the configuration.
core_not_for_screens = {'store.h', 'recorder.h', 'config.h', 'source_file.h', 'yaml_doc.h',
                        'routine_load.h', 'staff_pin.h'}

# 1. The core: plain C, no SDL, nothing of the shell or the command line.
for path in files('core'):
    for number, system, name in includes(path):
        if system and name.startswith('SDL'):
            problems.append('%s: the core includes <%s>: no SDL below src/kiosk' % (where(path, number), name))
        elif not system and name not in core and (name in kiosk or name in cli):
            problems.append('%s: the core includes "%s" from the shell' % (where(path, number), name))

# 2. The shell: nothing of the command line; no command in it.
for path in files('kiosk'):
    base = os.path.basename(path)
    if base.startswith('command'):
        problems.append('%s: a command in src/kiosk (commands live in src/cli)' % where(path, 1))
    for number, system, name in includes(path):
        if not system and name in cli and name not in kiosk and name not in core:
            problems.append('%s: the shell includes "%s" from src/cli' % (where(path, number), name))

# 3. Screens: screen.h, the drawing headers and the core's model; never app.h or the rest of
# the shell.
for path in files('kiosk/screens'):
    for number, system, name in includes(path):
        if system:
            continue
        if name == 'screen.h' or name in drawing:
            continue
        if name in core and name not in core_not_for_screens:
            continue
        problems.append('%s: a screen includes "%s" (screens see screen.h and drawing headers)'
                        % (where(path, number), name))

# 4. libyaml and SQLite stay in the modules that parse and store: no other core header brings
# them in, even through another header.
allowed = {'yaml.h': {'yaml_doc.h', 'pose_parse.h', 'fleet_config_parse.h'},
           'sqlite3.h': {'store_db.h'}}
headers = {os.path.basename(p): p for p in files('core', ('.h',))}
reach = {}


def reaches(header, seen=()):
    if header in reach:
        return reach[header]
    found = {}
    for number, system, name in includes(headers[header]):
        if system and name in allowed:
            found[name] = header
        elif not system and name in headers and name not in seen:
            for lib, via in reaches(name, seen + (header,)).items():
                found.setdefault(lib, via)
    reach[header] = found
    return found


for header, path in sorted(headers.items()):
    for lib, via in reaches(header).items():
        if header not in allowed[lib]:
            problems.append('%s: brings in <%s> (through %s): only %s may' %
                            (where(path, 1), lib, via, ', '.join(sorted(allowed[lib])) or 'no header'))

# 4b. SQL stays inside the store: only its own files (store*.c) include <sqlite3.h> or
# "store_db.h", the header that hands out its handle; the report and everything above ask the
# store through store.h and store_summary.h. The same for the files that parse with libyaml.
for folder in ('core', 'kiosk', 'cli'):
    for path in files(folder, ('.c',)):
        base = os.path.basename(path)
        for number, system, name in includes(path):
            if (system and name == 'sqlite3.h') or (not system and name == 'store_db.h'):
                if not (folder == 'core' and base.startswith('store')):
                    problems.append('%s: includes %s: SQLite belongs to the store (store*.c)'
                                    % (where(path, number), name))
            if system and name == 'yaml.h':
                problems.append('%s: includes <yaml.h>: read YAML through yaml_doc.h' %
                                where(path, number))

# 5. app.c stays a short list of calls; what it does lives in the app_*.c file of each concern.
app_c = os.path.join(src, 'kiosk', 'app.c')
if os.path.exists(app_c):
    with open(app_c, encoding='utf-8') as f:
        count = sum(1 for _ in f)
    if count >= 400:
        problems.append('%s: app.c has %d lines (under 400: move a concern to its own file)' % (where(app_c, 1), count))

# 6. The end-to-end tests see the kiosk through kiosk_probe.h and app.h's functions, never
# struct app's fields: no "->field" of struct app in tests/e2e.
app_h = os.path.join(src, 'kiosk', 'app.h')
e2e = os.path.join(os.path.dirname(src), 'tests', 'e2e')
if os.path.exists(app_h) and os.path.isdir(e2e):
    with open(app_h, encoding='utf-8') as f:
        text = f.read()
    body = re.search(r'typedef struct app \{(.*?)\n\} app;', text, re.S)
    fields = set()
    for declaration in (body.group(1) if body else '').split(';'):
        declaration = re.sub(r'/\*.*?\*/', '', declaration, flags=re.S)
        declaration = re.sub(r'\[[^]]*\]', '', declaration)
        for part in declaration.split(','):
            m = re.search(r'(\w+)\s*$', part.strip())
            if m:
                fields.add(m.group(1))
    reach = re.compile(r'\b(\w+)\s*(?:->|\.)\s*(\w+)')
    for name in sorted(os.listdir(e2e)):
        if not name.endswith(('.c', '.h')):
            continue
        path = os.path.join(e2e, name)
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                for m in re.finditer(r'\b(?:a|app)\s*->\s*(\w+)', line):
                    if m.group(1) in fields:
                        problems.append('%s: reads struct app\'s field %s (use kiosk_probe.h)'
                                        % (where(path, number), m.group(1)))

for p in problems:
    print(p)
print('%d layer rule%s broken' % (len(problems), '' if len(problems) == 1 else 's'))
sys.exit(1 if problems else 0)
