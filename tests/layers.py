#!/usr/bin/env python3
"""layers.py - the layers' walls hold: a file that includes what its layer
may not see fails to build.

For each layer, takes the real compile command of one of its sources from
the build tree's compile_commands.json, swaps the source for a probe that
includes one header, and checks that the compiler refuses what the layer
may not see (curses in the core; another layer's private headers) and
accepts what it may (its public headers). Usage: layers.py BUILDDIR SRCDIR
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

build, src = sys.argv[1], os.path.realpath(sys.argv[2])

# layer folder -> (headers that must fail, headers that must build)
CURSES = ["<curses.h>", "<ncurses.h>", "<ncursesw/curses.h>"]
STORE_PRIVATE = ['"db.h"', '"store_rows.h"', '"src/store/db.h"']
DOC_PRIVATE = ['"zipw.h"', '"doc_build.h"', '"interchange_field.h"', '"pdf_module.h"',
               '"src/doc/zipw.h"']
TUI_PRIVATE = ['"ui.h"', '"screens.h"', '"keys.h"', '"src/tui/ui.h"']
CLI_PRIVATE = ['"cli.h"', '"src/cli/cli.h"']
RULES = {
    "src/base/": (CURSES + STORE_PRIVATE + DOC_PRIVATE + TUI_PRIVATE, ['"util.h"', '"text.h"']),
    "src/store/": (CURSES + DOC_PRIVATE + TUI_PRIVATE, ['"db.h"', '"store.h"']),
    "src/doc/": (CURSES + STORE_PRIVATE + TUI_PRIVATE, ['"zipw.h"', '"doc.h"']),
    "src/tui/screens/": (STORE_PRIVATE + DOC_PRIVATE + CLI_PRIVATE, ['"ui.h"', '"store.h"', "<curses.h>"]),
    "src/tui/": (STORE_PRIVATE + DOC_PRIVATE + CLI_PRIVATE, ['"ui.h"', '"doc.h"']),
    "src/cli/": (STORE_PRIVATE + DOC_PRIVATE + TUI_PRIVATE, ['"store.h"', '"tui.h"']),
}

with open(os.path.join(build, "compile_commands.json")) as f:
    commands = json.load(f)


def command_for(layer):
    """The compile command of one source directly in the layer's folder."""
    for e in commands:
        path = os.path.realpath(os.path.join(e["directory"], e["file"]))
        rel = os.path.relpath(path, src)
        if rel.startswith(layer) and "/" not in rel[len(layer):]:
            return e
    return None


def compiles(entry, header, probe_dir):
    probe = os.path.join(probe_dir, "probe.c")
    with open(probe, "w") as f:
        f.write("#define NCURSES_WIDECHAR 1\n#include %s\nint bb_probe;\n" % header)
    args = shlex.split(entry["command"]) if "command" in entry else list(entry["arguments"])
    out = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MQ", "-MT"):
            skip = True
            continue
        if a in ("-c", "-MD") or a == entry["file"]:
            continue
        out.append(a)
    out += ["-fsyntax-only", probe]
    r = subprocess.run(out, cwd=entry["directory"], capture_output=True, text=True)
    return r.returncode == 0


passed = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for layer, (refused, allowed) in RULES.items():
        entry = command_for(layer)
        if entry is None:
            print("FAIL %s: no source of this layer in compile_commands.json" % layer)
            failed += 1
            continue
        for h in refused:
            if compiles(entry, h, tmp):
                print("FAIL %s may include %s, which it must not see" % (layer, h))
                failed += 1
            else:
                passed += 1
        for h in allowed:
            if compiles(entry, h, tmp):
                passed += 1
            else:
                print("FAIL %s cannot include %s, which it should see" % (layer, h))
                failed += 1
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
