#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
#
# What roadside-batch says to a person at the command line, [batch]:
#   resume-command   the resume command printed after an interruption (and kept in the manifest)
#                    resumes, also with --replicates and --shard
#   option-messages  --threads 0 and --thread 1 get a plain answer and a did-you-mean, and so do
#                    estimate's --rel-error 0 and --defensive 1
#   foreign-out      a sweep into a folder holding other files is refused, the files untouched
#   run-set          `run --set KEY=VALUE` changes the scenario, as scenarios/README.md says
#   files-line       the "Files in" line names replays/ when the sweep records them, once
# Usage: cli_messages_test.sh CHECK path/to/roadside-batch
set -u
check=$1 cli=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/roadside-cli-messages.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/stops" "$work/sweeps"
cat > "$work/stops/mini.toml" <<'TOML'
name = "mini-stop"
[run]
duration = "20 s"
[road]
upstream_length = 400
downstream_length = 100
[traffic]
flow = "1500 veh/h"
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = "-5 ft"
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
[people.officer-1]
script = [{ at = "driver-door", dwell = "2 s" }, { at = "window", dwell = "10 s" }, { at = "inside" }]
TOML
cat > "$work/sweeps/s.toml" <<'TOML'
base = "../stops/mini.toml"
replicates = 4
seed = 3
[[axes]]
key = "units.patrol.offset"
values = ["0 ft", "2 ft"]
TOML
sweep="$work/sweeps/s.toml"

case $check in
resume-command)
    for shard in "" "--shard 1/2"; do
        out="$work/out${shard:+-shard}"
        # --stop-after interrupts as Ctrl-C does (a test hook): exit 130 and the resume command.
        "$cli" sweep "$sweep" --out "$out" --replicates 6 $shard --stop-after 2 --quiet > /dev/null 2> "$work/stderr"
        code=$?
        cat "$work/stderr"
        [ $code -eq 130 ] || fail "exit code $code after an interruption, not 130"
        printed=$(grep -A1 "Resume with:" "$work/stderr" | tail -1 | sed 's/^ *//')
        recorded=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["resume"])' "$out/manifest.json")
        [ "$printed" = "$recorded" ] || fail "printed \"$printed\", the manifest \"$recorded\""
        case "$printed" in "roadside-batch sweep "*) ;; *) fail "not a roadside-batch command: $printed" ;; esac
        # Run exactly what was printed, with this build's roadside-batch.
        eval "\"$cli\" ${printed#roadside-batch } --quiet" > "$work/resumed" 2>&1
        code=$?
        cat "$work/resumed"
        [ $code -eq 0 ] || fail "the printed resume command failed with exit code $code"
        expected=12
        [ -n "$shard" ] && expected=6
        rows=$(($(wc -l < "$out/runs.csv") - 1))
        [ "$rows" -eq "$expected" ] || fail "$rows rows after resuming, not $expected"
    done
    # A shard mismatch names the shards, not raw JSON.
    "$cli" sweep "$sweep" --out "$work/out-shard" --replicates 6 --shard 0/2 --resume --quiet > /dev/null 2> "$work/stderr"
    [ $? -eq 2 ] || fail "resuming another shard was not refused"
    cat "$work/stderr"
    grep -q "holds shard 1/2, not shard 0/2" "$work/stderr" || fail "the shards are not named i/N"
    grep -q "{" "$work/stderr" && fail "raw JSON in the message"
    ;;
option-messages)
    "$cli" sweep "$sweep" --out "$work/o" --threads 0 > /dev/null 2> "$work/stderr"
    code=$?
    cat "$work/stderr"
    [ $code -eq 2 ] || fail "--threads 0: exit code $code, not 2"
    grep -q "expected a whole number of at least 1, e.g. --threads 2; found 0" "$work/stderr" || fail "--threads 0: no plain answer"
    grep -q "e+308\|0.000000" "$work/stderr" && fail "--threads 0: a range of doubles"
    "$cli" sweep "$sweep" --out "$work/o" --thread 1 > /dev/null 2> "$work/stderr"
    code=$?
    cat "$work/stderr"
    [ $code -eq 2 ] || fail "--thread 1: exit code $code, not 2"
    grep -q "unknown option --thread; did you mean --threads?" "$work/stderr" || fail "--thread: no did-you-mean"
    "$cli" sweep "$sweep" --out "$work/o" --replicate=3 > /dev/null 2> "$work/stderr"
    grep -q "did you mean --replicates?" "$work/stderr" || fail "--replicate=3: no did-you-mean"
    [ ! -e "$work/o" ] || fail "a sweep ran despite the bad options"
    # estimate's shares: a plain answer, no range of doubles.
    for bad in "--rel-error 0" "--rel-error -1" "--defensive 1"; do
        "$cli" estimate "$work/stops/mini.toml" $bad > /dev/null 2> "$work/stderr"
        code=$?
        cat "$work/stderr"
        [ $code -eq 2 ] || fail "$bad: exit code $code, not 2"
        grep -q "expected a number above 0 and below" "$work/stderr" || fail "$bad: no plain answer"
        grep -q "e+308\|0.000000" "$work/stderr" && fail "$bad: a range of doubles"
    done
    ;;
foreign-out)
    mkdir -p "$work/photos"
    echo "not a sweep" > "$work/photos/holiday.jpg"
    "$cli" sweep "$sweep" --out "$work/photos" --quiet > /dev/null 2> "$work/stderr"
    code=$?
    cat "$work/stderr"
    [ $code -eq 2 ] || fail "exit code $code for a folder of other files, not 2"
    grep -q "holiday.jpg" "$work/stderr" || fail "the message does not name what is there"
    [ ! -e "$work/photos/runs.csv" ] && [ ! -e "$work/photos/points" ] || fail "the sweep wrote into the folder"
    [ "$(cat "$work/photos/holiday.jpg")" = "not a sweep" ] || fail "the file was touched"
    "$cli" sweep "$sweep" --out "$work/photos" --resume --quiet > /dev/null 2>&1
    [ $? -eq 2 ] || fail "--resume into a folder of other files was not refused"
    # An empty folder, a new one, and the folder of a finished sweep (with --resume) are fine.
    mkdir -p "$work/empty"
    "$cli" sweep "$sweep" --out "$work/empty" --quiet > /dev/null || fail "an empty folder was refused"
    "$cli" sweep "$sweep" --out "$work/empty" --resume --quiet > /dev/null || fail "resuming a finished sweep was refused"
    ;;
run-set)
    "$cli" run "$work/stops/mini.toml" --seed 5 > "$work/plain.json" || fail "run failed"
    "$cli" run "$work/stops/mini.toml" --seed 5 --set units.patrol.offset='"3 ft"' --set run.duration='"10 s"' > "$work/set.json" \
        || fail "run --set failed"
    grep -q "\"simulated_s\":10\.0," "$work/set.json" || fail "--set run.duration was not applied: $(head -c 200 "$work/set.json")"
    grep -q "\"simulated_s\":20\.0," "$work/plain.json" || fail "the plain run is not 20 s"
    "$cli" run "$work/stops/mini.toml" --set units.patrol.ofset='"3 ft"' > /dev/null 2> "$work/stderr"
    code=$?
    cat "$work/stderr"
    [ $code -eq 2 ] || fail "a misspelt --set key: exit code $code, not 2"
    grep -q "did you mean" "$work/stderr" || fail "a misspelt --set key: no did-you-mean"
    "$cli" run "$work/stops/mini.toml" --set units.patrol.offset > /dev/null 2> "$work/stderr"
    [ $? -eq 2 ] || fail "--set without = was accepted"
    grep -q "expected KEY=VALUE" "$work/stderr" || fail "--set without =: no explanation"
    ;;
files-line)
    printf 'record = "strikes"\n' | cat - "$sweep" > "$work/sweeps/rec.toml"
    "$cli" sweep "$work/sweeps/rec.toml" --out "$work/rec" --quiet > "$work/stdout" || fail "the recording sweep failed"
    cat "$work/stdout"
    [ "$(grep -c "^Files in" "$work/stdout")" -eq 1 ] || fail "the Files line is not printed exactly once"
    grep -q "^Files in .*points/, replays/" "$work/stdout" || fail "the Files line does not name replays/"
    "$cli" sweep "$sweep" --out "$work/plain" --quiet > "$work/stdout" || fail "the plain sweep failed"
    grep -q "replays" "$work/stdout" && fail "replays/ named for a sweep that records none"
    ;;
*) fail "unknown check $check" ;;
esac
echo "ok: $check"
