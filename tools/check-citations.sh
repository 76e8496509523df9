#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
#
# A citation resolves inside the repository. Fails (exit 1) when
#   - a file of the repository cites a document kept outside it: the shared directory beside the
#     checkout, or the calibration, rare-event, design, style or peer notes that lived there
#     (tools/rewrite-citations.py turns such citations into docs/references.md and
#     docs/design.md anchors); or
#   - a citation `references.md#anchor` or `design.md#anchor` (also the short continuation
#     `references.md#a, #b`), or a `](#anchor)` link inside one of these two pages, names an
#     anchor that the page does not define. Anchors are the pages' `<a id="..."></a>` tags.
# Files: those git tracks plus new ones it does not ignore (every file outside build*/, results/
# and .git/ when this is not a git checkout). Binary files are skipped. This script and the
# rewrite script name the old forms on purpose and are not checked.
#
# Usage: tools/check-citations.sh [--self-test]
#   --self-test  first show on a scratch tree that every kind of bad citation is caught and a
#                clean tree passes (the CTest citations_stay_in_repository runs this way)
set -u

self_excluded='^(tools/check-citations\.sh|tools/rewrite-citations\.py)$'
# Documents outside the repository. Case matters: docs/design.md is ours, DESIGN.md was not.
outside='\.\./shared|calibration §|calibration\.md|\bDESIGN\b|(^|[^/])rare-events\.md|\bSTYLE\b|peers\.md'
# Citations: references.md#a, design.md#b, and the code's continuation "references.md#a, #b and #c".
cite='(references|design)\.md#[A-Za-z0-9_-]+((, | and |, and )#[A-Za-z0-9_-]+)*'

anchors_of() { grep -o -E '<a id="[A-Za-z0-9_-]+"></a>' "$1" | sed -E 's/<a id="(.*)"><\/a>/\1/' | sort -u; }

# Checks the tree rooted at $1; prints what is wrong; returns 1 if anything is.
check_tree() (
  cd "$1" || exit 1
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -d '' all < <(git ls-files -z --cached --others --exclude-standard)
  else
    mapfile -d '' all < <(find . -type f -not -path './.git/*' -not -path './build*' -not -path './results/*' \
                            -printf '%P\0')
  fi
  files=()
  for f in "${all[@]}"; do
    [ -f "$f" ] || continue                      # tracked but deleted in the work tree
    [[ "$f" =~ $self_excluded ]] && continue
    files+=("$f")
  done
  for page in docs/references.md docs/design.md; do
    if [ ! -f "$page" ]; then
      echo "citations: $page is missing"
      exit 1
    fi
  done

  status=0
  hits=$(grep -I -n -H -E "$outside" -- "${files[@]}" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "citations: these lines cite a document outside the repository (run tools/rewrite-citations.py,"
    echo "or cite docs/references.md#anchor / docs/design.md#anchor):"
    echo "$hits"
    status=1
  fi

  references_anchors=$(anchors_of docs/references.md)
  design_anchors=$(anchors_of docs/design.md)
  while IFS= read -r hit; do
    where=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
    page=${text%%.md#*}
    if [ "$page" = references ]; then known=$references_anchors; else known=$design_anchors; fi
    for anchor in $(grep -o -E '#[A-Za-z0-9_-]+' <<<"$text" | tr -d '#'); do
      if ! grep -qx -- "$anchor" <<<"$known"; then
        echo "citations: $where:$line: docs/$page.md has no anchor \"$anchor\" (in \"$text\")"
        status=1
      fi
    done
  done < <(grep -I -o -n -H -E "$cite" -- "${files[@]}" 2>/dev/null)

  for page in docs/references.md docs/design.md; do   # links inside the two pages: [text](#anchor)
    page_anchors=$(anchors_of "$page")
    while IFS=: read -r line link; do
      anchor=${link#](#}; anchor=${anchor%)}
      if ! grep -qx -- "$anchor" <<<"$page_anchors"; then
        echo "citations: $page:$line: no anchor \"$anchor\" on this page"
        status=1
      fi
    done < <(grep -o -n -E '\]\(#[A-Za-z0-9_-]+\)' "$page")
  done

  [ $status -eq 0 ] && echo "citations: ok (${#files[@]} files)"
  exit $status
)

self_test() {
  local tmp fail=0 bad out
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-citations.XXXXXX")
  mkdir -p "$tmp/docs" "$tmp/src"
  printf '<a id="braking"></a>\n<a id="drift"></a>\n' >"$tmp/docs/references.md"
  printf '<a id="physics"></a>\nSee [physics](#physics).\n' >"$tmp/docs/design.md"
  printf '// references.md#braking, #drift and design.md#physics; Manual §4.11.1\n' >"$tmp/src/good.cpp"
  if ! out=$(check_tree "$tmp"); then
    echo "check-citations self-test: a clean tree fails:"; echo "$out"; fail=1
  fi
  for bad in 'calibration §2, Bosch' '../shared/peer/sumo/run.sh' 'calibration.md' 'DESIGN "rare events"' \
             'DESIGN.md' 'STYLE P8' 'rare-events.md' 'peers.md' 'references.md#nope' \
             'references.md#braking, #nope' 'design.md#nope'; do
    printf '// %s\n' "$bad" >"$tmp/src/bad.cpp"
    if check_tree "$tmp" >/dev/null; then
      echo "check-citations self-test: not caught: $bad"; fail=1
    fi
  done
  rm "$tmp/src/bad.cpp"
  printf 'See [nothing](#nope).\n' >>"$tmp/docs/design.md"
  if check_tree "$tmp" >/dev/null; then
    echo "check-citations self-test: not caught: a link to a missing anchor inside design.md"; fail=1
  fi
  rm -rf "$tmp"
  [ $fail -eq 0 ] && echo "check-citations self-test: ok"
  return $fail
}

root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
  --self-test) self_test || exit 1 ;;
  "") ;;
  *) echo "usage: $0 [--self-test]" >&2; exit 2 ;;
esac
check_tree "$root"
