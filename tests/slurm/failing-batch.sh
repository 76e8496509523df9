#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
#
# Stands in for roadside-batch in the array tasks of slurm_test.sh failed-task (the sbatch script
# runs $ROADSIDE_BATCH): array task $ROADSIDE_TEST_FAIL_TASK fails before it writes anything, as
# on a node that dies before the task starts; array task $ROADSIDE_TEST_KILL_TASK runs the real
# roadside-batch ($ROADSIDE_TEST_REAL_BATCH) and kills it with SIGKILL once it has written a few
# runs, as on a node that dies in the middle. Every other task runs the real one.
set -u
real=${ROADSIDE_TEST_REAL_BATCH:?the real roadside-batch}
task=${SLURM_ARRAY_TASK_ID:?not in an array task}
if [ "$task" = "${ROADSIDE_TEST_FAIL_TASK:-}" ]; then
    echo "failing-batch: array task $task fails before it starts" >&2
    exit 1
fi
[ "$task" = "${ROADSIDE_TEST_KILL_TASK:-}" ] || exec "$real" "$@"

out=""
previous=""
for arg in "$@"; do
    [ "$previous" = --out ] && out=$arg
    previous=$arg
done
"$real" "$@" &
pid=$!
for _ in $(seq 1 2000); do  # until 3 runs are written (header + 3 lines), at most 100 s
    [ -f "$out/runs.csv" ] && [ "$(wc -l < "$out/runs.csv")" -ge 4 ] && break
    kill -0 $pid 2> /dev/null || break
    sleep 0.05
done
kill -9 $pid
wait $pid
echo "failing-batch: array task $task killed after $(($(wc -l < "$out/runs.csv") - 1)) runs" >&2
exit 137
