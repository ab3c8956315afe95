#!/usr/bin/env python3
"""catalogue.py SRC BUILD - every message is in po/vi.po, translated.

Extracts the messages of the sources (xgettext, with the keywords of
po/meson.build) and fails on: a source file with _()/N_()/NC_()/ngettext
that po/POTFILES.in does not list; a message of the sources with no
Vietnamese in po/vi.po, or a fuzzy one; a plural without every form; a
translation whose printf conversions differ from the English (msgfmt
--check-format); duplicates (msgfmt). Prints each one found."""
import os
import re
import subprocess
import sys
import tempfile

src, build = sys.argv[1], sys.argv[2]
problems = []

# 1. Every source with marked strings is in POTFILES.in.
listed = set()
with open(os.path.join(src, 'po', 'POTFILES.in')) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)
marked = re.compile(r'\b(_|N_|NC_|C_|ngettext)\(\s*"')
for top in ('src',):
    for dirpath, _, files in os.walk(os.path.join(src, top)):
        for name in files:
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src)
            with open(path, encoding='utf-8') as f:
                code = re.sub(r'/\*.*?\*/', '', f.read(), flags=re.S)  # not in comments
                if marked.search(code) and rel not in listed:
                    problems.append(f'{rel}: has translatable strings but is not in po/POTFILES.in')
for rel in sorted(listed):
    if not os.path.exists(os.path.join(src, rel)):
        problems.append(f'po/POTFILES.in: {rel} does not exist')

# Duplicates and formats first (msgfmt --check): the merge below needs a
# catalogue without duplicates (parallel branches each add entries).
r = subprocess.run(['msgfmt', '--check', '-o', os.devnull, os.path.join(src, 'po', 'vi.po')],
                   capture_output=True, text=True)
if r.returncode != 0:
    problems.extend('msgfmt: ' + l for l in r.stderr.splitlines() if l.strip())
    for p in problems:
        print('FAIL', p)
    sys.exit(1)

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'bienban.pot')
    files = [p for p in sorted(listed) if os.path.exists(os.path.join(src, p))]
    subprocess.run(['xgettext', '--keyword=_', '--keyword=N_', '--keyword=NC_:1c,2',
                    '--keyword=ngettext:1,2', '--from-code=UTF-8', '--no-location',
                    '-o', pot] + files, cwd=src, check=True)
    merged = os.path.join(tmp, 'merged.po')
    # No fuzzy matching: a message whose English changed must be translated again.
    subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                    os.path.join(src, 'po', 'vi.po'), pot], check=True)

    # 2. Untranslated and fuzzy messages of the sources.
    for attr, what in (('--untranslated', 'not translated'), ('--only-fuzzy', 'fuzzy')):
        out = subprocess.run(['msgattrib', attr, '--no-obsolete', '--no-wrap', merged],
                             capture_output=True, text=True, check=True).stdout
        for block in out.split('\n\n'):
            # join the continuation lines of a msgid split at its newlines
            block = re.sub(r'"\n"', '', block)
            m = re.search(r'^(msgctxt "(.*)"\n)?msgid "(.*)"$', block, re.M)
            if m and m.group(3):
                ctx = f' (context "{m.group(2)}")' if m.group(1) else ''
                problems.append(f'po/vi.po: "{m.group(3)}"{ctx} is {what}')
    # The original catalogue must itself carry no fuzzy flag.
    out = subprocess.run(['msgattrib', '--only-fuzzy', '--no-obsolete',
                          os.path.join(src, 'po', 'vi.po')],
                         capture_output=True, text=True, check=True).stdout
    for m in re.finditer(r'^msgid "(.+)"$', out, re.M):
        problems.append(f'po/vi.po: "{m.group(1)}" is marked fuzzy')


for p in problems:
    print('FAIL', p)
print(f'{len(problems)} problem(s) in the catalogue')
sys.exit(1 if problems else 0)
