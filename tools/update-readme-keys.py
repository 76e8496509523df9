#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
"""Brings the generated tables of scenarios/README.md (presets and keys) in line with the code.

`roadside_tests "[.readme]"` prints every such table as the code defines it. Each README table
whose header and first row's first cell match a printed table gets that table's rows; the prose
around the tables is untouched. Usage: tools/update-readme-keys.py build/tests/roadside_tests
"""
import subprocess
import sys
from pathlib import Path

readme = Path(__file__).resolve().parent.parent / "scenarios" / "README.md"
printed = subprocess.run([sys.argv[1], "[.readme]"], capture_output=True, text=True, check=True).stdout


def tables(lines):
    """(start, end) line ranges of the Markdown tables in lines."""
    out, start = [], None
    for i, line in enumerate(lines + [""]):
        if line.startswith("|") and start is None:
            start = i
        elif not line.startswith("|") and start is not None:
            out.append((start, i))
            start = None
    return out


def identity(rows):
    """A table is known by its header and the first cell of its first data row."""
    first = rows[2].split("|")[1].strip() if len(rows) > 2 else ""
    return rows[0], first


code = printed.splitlines()
by_identity = {identity(code[a:b]): code[a:b] for a, b in tables(code)}
lines = readme.read_text().splitlines()
used = set()
out, last = [], 0
for a, b in tables(lines):
    key = identity(lines[a:b])
    out += lines[last:a]
    out += by_identity.get(key, lines[a:b])
    used.add(key)
    last = b
out += lines[last:]
readme.write_text("\n".join(out) + "\n")
unplaced = [k for k in by_identity if k not in used]
if unplaced:
    sys.exit("printed tables with no place in the README: " + ", ".join(f"{h} / {f}" for h, f in unplaced))
