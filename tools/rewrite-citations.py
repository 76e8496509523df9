#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
"""Points every citation of a document outside the repository into the repository.

The code used to cite a calibration note by section number ("calibration §2, Bosch"), a design
note, a style note and the SUMO peer directory, all kept beside the checkout. This script rewrites
those citations into anchors of docs/references.md and docs/design.md
("references.md#braking, Bosch") and the SUMO peer into tools/sumo-corridor.sh.

    tools/rewrite-citations.py            rewrite every file (git's tracked and untracked-but-not-
                                          ignored files), then run tools/check-citations.sh to
                                          report what is left (its exit status is this one's)
    tools/rewrite-citations.py --check    change nothing; list the files it would change (exit 1
                                          if there are any)
    tools/rewrite-citations.py FILE...    only these files

Idempotent: a second run changes nothing. Forms it does not know are left alone; the check
reports them, and also any anchor that does not exist.

Output forms: in C++, TOML, shell and most Markdown, plain text `references.md#anchor` (plain in
scenarios/README.md too, whose tables are compared with strings in the code); in docs/*.md a link,
`[references.md#anchor](references.md#anchor)`. Several sections cited together become
`references.md#a, #b`.
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# Section of the old calibration note -> anchor of docs/references.md.
SECTIONS = {
    "0": "section-numbers",
    "1": "reaction-time",
    "2": "braking",
    "3": "injury",
    "4": "visibility",
    "5": "move-over",
    "6": "drift",
    "7": "positioning",
    "8": "struck-by-statistics",
    "9": "traffic-stream",
    "10": "prior-models",
    "11": "validation-cases",
    "11.1": "case-stopping-sight-distance",
    "11.2": "case-friction-stopping",
    "11.3": "case-reaction-time",
    "11.4": "case-injury",
    "11.5": "case-visibility",
    "11.6": "case-night-conspicuity",
    "11.7": "case-move-over",
    "11.8": "case-slowing",
    "11.9": "case-encroachment",
    "11.10": "case-weather-flow",
    "11.11": "case-taper",
    "12": "absolute-risk",
    "12.1": "absolute-risk",
    "12.2": "non-responders",
    "12.3": "drift-tail",
    "12.4": "obstacle-response",
    "12.5": "struck-parked-cars",
    "12.6": "absolute-risk",
}

# Practices of the old style note -> anchor of docs/design.md.
STYLE_PRACTICES = {
    "1": "scenario-world-outcome", "2": "scenario-world-outcome", "3": "step-order",
    "4": "determinism", "5": "physics", "6": "loader", "7": "step-order", "8": "visualizer",
    "9": "recordings", "10": "batch", "11": "folders", "12": "folders", "13": "tests",
    "14": "folders", "15": "tests", "16": "overview",
}

SKIP = {"docs/references.md", "docs/design.md", "tools/check-citations.sh", "tools/rewrite-citations.py"}

# A section number: 7, 11.3, 11.5-11.6. Never part of a three-level number such as 4.11.1.
NUM = r"\d+(?:\.\d+)?(?:[-–]\d+(?:\.\d+)?)?(?![.\d]*\.\d)"
GROUP = rf"§{NUM}(?:(?:\s*/\s*|,\s*|\s+and\s+)§{NUM})*"


def expand(number):
    """'11.5-11.6' -> ['11.5', '11.6']; '1-3' -> ['1', '2', '3']; '7' -> ['7']."""
    parts = re.split(r"[-–]", number)
    if len(parts) == 1:
        return parts
    a, b = parts
    if "." in a and "." in b and a.split(".")[0] == b.split(".")[0]:
        major = a.split(".")[0]
        return [f"{major}.{i}" for i in range(int(a.split(".")[1]), int(b.split(".")[1]) + 1)]
    if "." not in a and "." not in b:
        return [str(i) for i in range(int(a), int(b) + 1)]
    return [a, b]


def anchors_of(group):
    """The anchors a group such as '§2/§11.1-11.2' names, in order, without repeats; None when a
    section is unknown."""
    out = []
    for number in re.findall(NUM, group):
        for n in expand(number):
            anchor = SECTIONS.get(n) or SECTIONS.get(n.split(".")[0])
            if anchor is None:
                return None
            if anchor not in out:
                out.append(anchor)
    return out


class Style:
    """How a citation is written in one file."""

    def __init__(self, path):
        self.link = path.startswith("docs/") and path.endswith(".md")

    def cite(self, page, anchors):
        if self.link:
            first = f"[{page}.md#{anchors[0]}]({page}.md#{anchors[0]})"
            return first + "".join(f", [#{a}]({page}.md#{a})" for a in anchors[1:])
        return f"{page}.md#{anchors[0]}" + "".join(f", #{a}" for a in anchors[1:])


def rewrite(path, text):
    """The text of file `path` (relative to the repository) with its citations rewritten."""
    style = Style(path)
    markdown = path.endswith(".md")

    # Lines that cite the calibration note, before anything changes (no step below adds or
    # removes a line): a section cited across a line break counts for the line it lands on.
    original = text.split("\n")
    cited_lines = {i for i, line in enumerate(original) if "calibration" in line}
    cited_lines |= {i for i in range(1, len(original)) if re.search(r"calibration[ \t]*$", original[i - 1])}

    # 1. Sentences that explain the old citation form.
    text = re.sub(r'"calibration §n"(\s+)is(\s+)', r'"references.md#…"\1is a section of\2', text)
    text = re.sub(r'\(cited as "calibration §n"\)', '(cited as "references.md#…")', text)
    text = text.replace("the calibration's stopping formulas", "the stopping formulas of references.md#braking")

    # 2. Section citations: "calibration §2", "../shared/reference/calibration.md §5, §6", and
    #    "calibration" at the end of a comment line with the section at the start of the next.
    def group_sub(m):
        anchors = anchors_of(m.group("group"))
        return m.group(0) if anchors is None else m.group("before") + style.cite("references", anchors)

    prefix = r"(?:`?(?:\.\./shared/reference/)?calibration\.md`?|calibration)"
    text = re.sub(rf"(?P<before>){prefix}[ \t]+(?P<group>{GROUP})", group_sub, text)
    text = re.sub(rf"[ \t]*{prefix}[ \t]*(?P<before>\n[ \t]*(?:#|///|//)[ \t]*)(?P<group>{GROUP})", group_sub, text)

    # 3. A bare "§7" on a line that cited the calibration note (or anywhere in the scenario
    #    catalogue, whose Sources column uses them), after "(", "|", ";", ",", "/", a quote or
    #    "and": never a section of another document ("Manual §4.11.1", "2013, §11.1" are on lines
    #    that cite no calibration section, and three-level numbers never match).
    bare = re.compile(rf'(?P<before>(?:^|[(|;,/"]|\band)[ \t]*)(?P<group>{GROUP})')
    whole_file = path == "scenarios/README.md"
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if whole_file or (i in cited_lines and "references.md#" in line):
            lines[i] = bare.sub(group_sub, line)
    text = "\n".join(lines)

    # 4. Whole documents.
    text = re.sub(r"(?<!validation/)`?(?:\.\./shared/reference/)?rare-events\.md`?", style.cite("references", ["rare-events"]), text)
    if markdown:
        target = os.path.relpath("docs/references.md", os.path.dirname(path) or ".")
        shown = "references.md" if style.link else "docs/references.md"
        text = text.replace("`../shared/reference/calibration.md`", f"[{shown}]({target})")
    text = text.replace("../shared/reference/calibration.md", "docs/references.md")
    # (Not "research-calibration.md" or the like: a different document, which the check reports.)
    text = re.sub(r"(?<![\w-])calibration\.md\b", "references.md", text)

    text = text.replace('DESIGN "rare events"', style.cite("design", ["rare-events"]))
    text = text.replace("The dependency rule (DESIGN.md)", "The dependency rule (docs/design.md#dependency-rule)")
    text = re.sub(r"(?:\.\./shared/)?\bDESIGN\.md", "docs/design.md", text)
    text = re.sub(r"\bSTYLE P(\d+)\b",
                  lambda m: style.cite("design", [STYLE_PRACTICES.get(m.group(1), "overview")]), text)
    text = re.sub(r"\bSTYLE:", style.cite("design", ["visualizer" if path.startswith("viz/") else "overview"]) + ":",
                  text)
    text = re.sub(r"(?:\.\./shared/)?\bSTYLE\.md", "docs/design.md", text)

    # 5. The SUMO peer: its description is design.md#sumo-corridor, its runner ours.
    if style.link:
        text = text.replace("`../shared/peer/sumo/README.md`", style.cite("design", ["sumo-corridor"]))
    elif markdown:
        text = text.replace("`../shared/peer/sumo/README.md`", "`docs/design.md#sumo-corridor`")
    text = text.replace("../shared/peer/sumo/README.md", "design.md#sumo-corridor")
    text = re.sub(r"\.\./shared/peer/sumo(?:/run\.sh|/?)", "tools/sumo-corridor.sh", text)
    return text


def repository_files():
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             check=True, capture_output=True).stdout
        return [f for f in out.decode().split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for base, dirs, names in os.walk(ROOT):
            dirs[:] = [d for d in dirs if d != ".git" and not d.startswith("build") and d != "results"]
            found += [os.path.relpath(os.path.join(base, n), ROOT) for n in names]
        return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    parser.add_argument("files", nargs="*", help="files to rewrite (default: the repository's)")
    args = parser.parse_args()

    paths = [os.path.relpath(os.path.abspath(f), ROOT) for f in args.files] if args.files else repository_files()
    changed = []
    for path in sorted(paths):
        if path in SKIP:
            continue
        full = os.path.join(ROOT, path)
        if not os.path.isfile(full):
            continue
        with open(full, "rb") as f:
            raw = f.read()
        if b"\0" in raw:
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite(path, text)
        if new != text:
            changed.append(path)
            if not args.check:
                with open(full, "w", encoding="utf-8", newline="") as f:
                    f.write(new)
    verb = "would change" if args.check else "changed"
    print(f"rewrite-citations: {verb} {len(changed)} file(s)")
    for path in changed:
        print(f"  {path}")
    if args.check:
        return 1 if changed else 0
    if args.files:
        return 0
    sys.stdout.flush()
    return subprocess.run([os.path.join(ROOT, "tools", "check-citations.sh")]).returncode


if __name__ == "__main__":
    sys.exit(main())
