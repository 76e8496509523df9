#!/usr/bin/env bash
# Regenerates docs/results.md, the results page, from runs: the default tactics sweep and the
# conditions sweep (scenarios/sweeps/), then `roadside-batch report` over their results folders.
# Every number in the page comes from these runs; nothing in it is typed by hand.
#
# Usage: tools/results.sh [BUILD_DIR]      (default: build; run `make build` first)
# Environment: THREADS (default: all cores), RESULTS (default: results/), REPLICATES (replaces
# the sweeps' own replicates, for a quick look or a long run; the page says which were used).
#
# On the 2-core development machine the two sweeps take about 6 minutes together (2250 runs of
# 10 simulated minutes, 12 minutes of CPU). Each run of this script starts the sweeps afresh, so
# that the page's provenance (dates, wall time, command lines, tool version) is that of the runs
# it shows; the results folders stay behind for a closer look (runs.csv, events.csv, points/).
set -euo pipefail
cd "$(dirname "$0")/.."

build="${1:-build}"
cli="$build/batch/roadside-batch"
[[ -x "$cli" ]] || { echo "results: $cli not found; build first (make build)" >&2; exit 2; }
results="${RESULTS:-results}"
threads=(); [[ -n "${THREADS:-}" ]] && threads=(--threads "$THREADS")
replicates=(); [[ -n "${REPLICATES:-}" ]] && replicates=(--replicates "$REPLICATES")

started=$(date +%s)
for sweep in default-tactics conditions; do
  echo "== $sweep: roadside-batch sweep scenarios/sweeps/$sweep.toml --out $results/$sweep" >&2
  rm -rf "${results:?}/$sweep"
  "$cli" sweep "scenarios/sweeps/$sweep.toml" --out "$results/$sweep" --quiet \
      "${threads[@]}" "${replicates[@]}" >/dev/null
done
"$cli" report "$results/default-tactics" "$results/conditions" --out docs/results.md \
    --title "Results: tactics and conditions" --regenerate "tools/results.sh"
echo "docs/results.md written in $(( $(date +%s) - started )) s" >&2
