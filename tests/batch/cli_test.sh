#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
#
# Command-line tests of roadside-batch sweep, [batch]:
#   bad-sweep    located errors and exit code 2, nothing run
#   kill-resume  a real kill -9 in the middle of a sweep; --resume gives the uninterrupted files
#   sigint       Ctrl-C finishes the runs in flight, writes everything, exits 130 saying how to resume
#   report       the Markdown tables count the strikes runs.csv holds; a folder without a sweep is refused
# Usage: cli_test.sh CHECK path/to/roadside-batch SOURCE_DIR
set -u
check=$1 cli=$2 src=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/roadside-cli-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/stops" "$work/sweeps"
# A short stop (cheap runs) as in tests/batch/batch_fixture.hpp.
cat > "$work/stops/mini.toml" <<'TOML'
name = "mini-stop"
[run]
duration = "40 s"
[road]
upstream_length = 500
downstream_length = 100
[traffic]
flow = "1500 veh/h"
[drivers.attention]
episode_rate = "400 /h"
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = "-5 ft"
lights = "hazards"
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
lights = "emergency"
[people.officer-1]
script = [{ at = "driver-door", dwell = "2 s" }, { at = "window", dwell = "20 s" }, { at = "inside" }]
TOML
cat > "$work/sweeps/s.toml" <<'TOML'
base = "../stops/mini.toml"
replicates = 40
seed = 3
[[axes]]
key = "units.patrol.offset"
values = ["0 ft", "1 ft", "2 ft"]
TOML

same_outputs() {  # folders $1 and $2 hold the same results (the manifest's run details aside)
    for f in runs.csv events.csv summary.csv summary.json; do
        cmp -s "$1/$f" "$2/$f" || fail "$f differs between $1 and $2"
    done
    diff -r "$1/points" "$2/points" > /dev/null || fail "points/ differ"
    [ "$(wc -l < "$1/runs.csv")" -eq 121 ] || fail "$1/runs.csv has $(wc -l < "$1/runs.csv") lines, not 121"
}

case $check in
bad-sweep)
    cat > "$work/sweeps/bad.toml" <<'TOML'
base = "../stops/mini.toml"
replicates = 2
[[axes]]
key = "units.patrol.ofset"
values = ["1 ft"]
[[axes]]
key = "road.lane_width"
values = ["12 ft", "3 kg"]
TOML
    "$cli" sweep "$work/sweeps/bad.toml" --out "$work/out" > "$work/stdout" 2> "$work/stderr"
    code=$?
    cat "$work/stderr"
    [ $code -eq 2 ] || fail "exit code $code, not 2"
    grep -q "bad.toml:4:7: units.patrol.ofset: .*did you mean \"units.patrol.offset\"?" "$work/stderr" || fail "no located did-you-mean"
    grep -q "bad.toml:8:20: road.lane_width: expected a length" "$work/stderr" || fail "no located unit error"
    [ ! -e "$work/out/runs.csv" ] || fail "runs.csv written for a bad sweep"
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/out" --shard 3/3 > /dev/null 2>&1
    [ $? -eq 2 ] || fail "--shard 3/3 accepted"
    ;;
kill-resume)
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/whole" --threads 2 --quiet > /dev/null || fail "the whole sweep failed"
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/killed" --threads 2 --quiet > /dev/null 2>&1 &
    pid=$!
    # Wait until some runs are written, then kill -9 in the middle of the sweep.
    for _ in $(seq 1 600); do
        [ -f "$work/killed/runs.csv" ] && [ "$(wc -l < "$work/killed/runs.csv")" -ge 20 ] && break
        sleep 0.05
    done
    kill -9 $pid
    wait $pid 2> /dev/null
    rows=$(($(wc -l < "$work/killed/runs.csv") - 1))
    echo "killed with $rows of 120 rows written"
    [ "$rows" -lt 120 ] || fail "the sweep finished before the kill; nothing was tested"
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/killed" --quiet > /dev/null 2>&1
    [ $? -eq 2 ] || fail "a sweep into a used folder without --resume was not refused"
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/killed" --threads 1 --resume --quiet > "$work/resume.out" 2>&1
    code=$?
    [ $code -eq 0 ] || { cat "$work/resume.out"; fail "resume exit code $code"; }
    same_outputs "$work/whole" "$work/killed"
    ;;
sigint)
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/whole" --threads 2 --quiet > /dev/null || fail "the whole sweep failed"
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/stopped" --threads 2 > /dev/null 2> "$work/stderr" &
    pid=$!
    for _ in $(seq 1 600); do
        [ -f "$work/stopped/runs.csv" ] && [ "$(wc -l < "$work/stopped/runs.csv")" -ge 20 ] && break
        sleep 0.05
    done
    kill -INT $pid
    wait $pid
    code=$?
    cat "$work/stderr"
    [ $code -eq 130 ] || fail "exit code $code after SIGINT, not 130"
    grep -q -- "--resume" "$work/stderr" || fail "no resume command in the message"
    grep -q '"status": "interrupted"' "$work/stopped/manifest.json" || fail "manifest not marked interrupted"
    [ -f "$work/stopped/summary.csv" ] || fail "no summary after the interruption"
    tail -c 1 "$work/stopped/runs.csv" | od -c | grep -q '\\n' || fail "runs.csv ends in a partial row after SIGINT"
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/stopped" --resume --quiet > /dev/null || fail "--resume failed"
    same_outputs "$work/whole" "$work/stopped"
    ;;
report)
    "$cli" sweep "$work/sweeps/s.toml" --out "$work/out" --threads 2 --quiet > /dev/null || fail "the sweep failed"
    "$cli" report "$work/out" --out "$work/page.md" --title "Offsets" || fail "report exit code $?"
    grep -q '^# Offsets$' "$work/page.md" || fail "no title"
    # Each point's row: its offset, its runs and its strikes, as runs.csv has them (struck is column 7).
    for offset in 0 1 2; do
        expected=$(awk -F, -v o="$offset" 'NR > 1 && $5 == o { n++; s += $7 } END { print n " " s }' "$work/out/runs.csv")
        row=$(grep "^| $offset ft |" "$work/page.md") || fail "no row for $offset ft"
        got=$(echo "$row" | awk -F'|' '{ gsub(/ /, "", $3); gsub(/ /, "", $4); print $3 " " $4 }')
        echo "$offset ft: runs and strikes $got (runs.csv: $expected)"
        [ "$got" = "$expected" ] || fail "row for $offset ft says $got, runs.csv $expected"
    done
    [ "$(awk -F, 'NR > 1 { s += $7 } END { print s + 0 }' "$work/out/runs.csv")" -gt 0 ] || fail "no strikes: nothing was compared"
    mkdir -p "$work/empty"
    "$cli" report "$work/empty" --out "$work/bad.md" 2> "$work/stderr"
    code=$?
    cat "$work/stderr"
    [ $code -eq 2 ] || fail "report of a folder without a sweep: exit code $code, not 2"
    grep -q "empty" "$work/stderr" || fail "the error does not name the folder"
    [ ! -e "$work/bad.md" ] || fail "a page was written for a folder without a sweep"
    ;;
*) fail "unknown check $check" ;;
esac
echo "ok: $check"
