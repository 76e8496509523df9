#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
#
# batch/slurm/sweep-array.sbatch on a real Slurm: this script stands up a one-node cluster on
# localhost (munged, slurmctld, slurmd with their own configuration, key, ports and state in a
# temporary folder), submits the job array as docs/batch.md says, and stops everything it started
# when it ends, however it ends.
#   sweeps       each sweep of SWEEPS as an array of 3 tasks, merged by a job chained with
#                afterok: runs.csv, events.csv, summary.csv, summary.json, points/ and the
#                manifest's sweep member are byte for byte those of the same sweep run here
#                without Slurm
#   failed-task  task 1 killed halfway, task 2 failed before it started: merge refuses and names
#                shard 1/3 (incomplete) and shard 2/3 (missing); each task resubmitted alone
#                (sbatch --array=<i>) completes its shard, and the merge then equals the local sweep
# Needs root (slurmd runs jobs as their user) and Slurm and MUNGE (tools/install-deps.sh installs
# them); without them it skips (exit 77), or fails when ROADSIDE_REQUIRE_SLURM=1 (CI sets it).
# Usage: slurm_test.sh CHECK path/to/roadside-batch SOURCE_DIR
set -u
check=$1 cli=$(realpath "$2") src=$(realpath "$3")

# The sweeps the sweeps check runs on Slurm, relative to SOURCE_DIR: add one line per sweep
# (an importance-sampling sweep, say) to have it proven the same way.
SWEEPS=(
    tests/slurm/tactics.toml
    tests/slurm/tactics-importance.toml
)
shards=3

fail() {
    echo "FAIL: $*" >&2
    for log in "${work:-/nonexistent}"/logs/*; do
        [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }
    done
    exit 1
}
skip() {
    [ "${ROADSIDE_REQUIRE_SLURM:-0}" = 1 ] && fail "$* (ROADSIDE_REQUIRE_SLURM=1: this run must test Slurm)"
    echo "SKIP: $*"
    exit 77
}

PATH=$PATH:/usr/sbin:/sbin
[ "$(id -u)" -eq 0 ] || skip "needs root: slurmd starts each job as its user"
for tool in munged slurmctld slurmd sbatch squeue scontrol scancel srun; do
    command -v "$tool" > /dev/null || skip "$tool not found: tools/install-deps.sh installs Slurm and MUNGE"
done
# Slurm reads options from these; inside a job (a CI runner on a cluster) they would leak in.
unset $(compgen -e | grep -E '^(SLURM|SBATCH|SRUN|SALLOC)_')

# Every process of the cluster and of its jobs carries ROADSIDE_SLURM_TEST=<its folder>, which
# names the test run (its folder's file owner holds the script's pid). stop_cluster ends this
# run's; at the start, processes of an earlier run whose script is gone (killed, so its trap never
# ran) are ended too.
marked() {  # pids of the processes whose environment has ROADSIDE_SLURM_TEST=$1 ('*': any run)
    local e
    for e in /proc/[0-9]*/environ; do
        if [ "$1" = '*' ]; then
            grep -qz '^ROADSIDE_SLURM_TEST=' "$e" 2> /dev/null || continue
        else
            grep -qzxF "ROADSIDE_SLURM_TEST=$1" "$e" 2> /dev/null || continue
        fi
        e=${e#/proc/}
        echo "${e%/environ}"
    done
}
for pid in $(marked '*'); do
    dir=$( (tr '\0' '\n' < "/proc/$pid/environ" | sed -n 's/^ROADSIDE_SLURM_TEST=//p') 2> /dev/null)
    [ -n "$dir" ] || continue  # gone meanwhile
    owner=$(cat "$dir/owner" 2> /dev/null)
    if [ -z "$owner" ] || ! kill -0 "$owner" 2> /dev/null; then
        echo "ending process $pid left by an earlier run in $dir"
        kill -9 "$pid" 2> /dev/null
        case $dir in */roadside-slurm.*) rm -rf "$dir" ;; esac
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/roadside-slurm.XXXXXX") || fail "mktemp"
echo $$ > "$work/owner"
stop_cluster() {
    set +e
    if [ -f "$work/run/slurmctld.pid" ]; then
        scancel --quiet --user=root 2> /dev/null
        for _ in $(seq 1 40); do [ -z "$(squeue -h -o %i 2> /dev/null)" ] && break; sleep 0.25; done
    fi
    local daemons=""
    for pidfile in "$work"/run/{slurmd,slurmctld,munged}.pid; do
        [ -f "$pidfile" ] && daemons="$daemons $(cat "$pidfile")"
    done
    [ -n "$daemons" ] && kill $daemons 2> /dev/null
    for _ in $(seq 1 40); do [ -z "$(marked "$work")" ] && break; sleep 0.25; done
    local left
    left=$(marked "$work")
    if [ -n "$left" ]; then
        echo "killing what did not stop: $left" >&2
        kill -9 $left 2> /dev/null
    fi
    rm -rf "$work"
}
trap stop_cluster EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

# munged wants every folder above its socket searchable by all; the key stays private.
chmod 755 "$work"
mkdir -p "$work"/{run,log,logs,spool,state/ctld} && chmod 700 "$work/state"
dd if=/dev/urandom of="$work/state/munge.key" bs=1024 count=1 status=none && chmod 600 "$work/state/munge.key"

# Two free TCP ports below the ephemeral range, for slurmctld and slurmd.
in_use=" $(awk 'FNR > 1 && $4 == "0A" { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2> /dev/null |
           while read -r hex; do printf '%d ' "0x$hex"; done) "
port=""
for _ in $(seq 1 100); do
    p=$((10000 + RANDOM % 20000))
    case "$in_use" in *" $p "* | *" $((p + 1)) "*) continue ;; esac
    port=$p
    break
done
[ -n "$port" ] || fail "no two free ports found"

export SLURM_CONF=$work/slurm.conf
: > "$work/plugstack.conf"
cat > "$SLURM_CONF" <<EOF
# A one-node cluster for tests/slurm/slurm_test.sh: everything of its own in $work.
ClusterName=roadside-test
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/run/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state/ctld
SlurmdSpoolDir=$work/spool/%n
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
PlugStackConfig=$work/plugstack.conf
# No cgroups in a container: processes are tracked by their parents, tasks are not bound.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
KillWait=5
NodeName=localhost CPUs=$(nproc) RealMemory=512 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

started=$(date +%s)
mark=(env "ROADSIDE_SLURM_TEST=$work")
"${mark[@]}" munged --socket="$work/run/munge.socket" --key-file="$work/state/munge.key" --pid-file="$work/run/munged.pid" \
    --log-file="$work/log/munged.log" --seed-file="$work/state/munged.seed" || fail "munged did not start: $(cat "$work/log/munged.log")"
"${mark[@]}" slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
"${mark[@]}" slurmd -f "$SLURM_CONF" -N localhost || fail "slurmd did not start"
for _ in $(seq 1 120); do
    [ "$(sinfo -h -n localhost -o %t 2> /dev/null)" = idle ] && break
    sleep 0.25
done
[ "$(sinfo -h -n localhost -o %t 2> /dev/null)" = idle ] || {
    tail -n 20 "$work"/log/slurm*.log >&2
    fail "the node is not idle after 30 s: $(sinfo -h -N -o '%N %t %E' 2>&1)"
}
echo "Slurm $(sinfo -V | awk '{ print $2 }') up on localhost:$port in $(($(date +%s) - started)) s ($(nproc) CPUs)"

cd "$work" || fail "cd $work"
# sbatch as a researcher types it (docs/batch.md), plus what this machine needs: one CPU per task
# (the script asks for 16), the job's output in logs/, the test's marker; ROADSIDE_BATCH is the
# build's roadside-batch unless given.
submit() {  # ARRAY SWEEP OUT [ROADSIDE_BATCH]: prints the job id
    sbatch --parsable --array="$1" --cpus-per-task=1 --output="$work/logs/%A_%a.out" \
        --export="ALL,ROADSIDE_SLURM_TEST=$work,ROADSIDE_BATCH=${4:-$cli}" \
        "$src/batch/slurm/sweep-array.sbatch" "$2" "$3" || fail "sbatch --array=$1 refused"
}
wait_for() {  # JOB: until none of its tasks is pending or running (at most 150 s)
    local queued
    for _ in $(seq 1 600); do
        queued=$(squeue -h -j "$1" -o %i 2>&1) || fail "squeue: $queued"
        [ -z "$queued" ] && return 0
        sleep 0.25
    done
    fail "job $1 still queued after 150 s: $queued"
}
expect_state() {  # JOB TASK STATE: array task TASK of JOB (or JOB itself: TASK -) ended in STATE
    local state
    if [ "$2" = - ]; then
        state=$(scontrol -o show job "$1" | tr ' ' '\n' | sed -n 's/^JobState=//p' | head -n 1)
    else
        state=$(scontrol -o show job "$1" | tr ' ' '\n' | sed -n "/^ArrayTaskId=$2\$/,/^JobState=/s/^JobState=//p" | head -n 1)
    fi
    [ "$state" = "$3" ] || fail "job $1 task $2 is ${state:-not found}, not $3"
}
same_as_local() {  # MERGED LOCAL: the unsharded sweep's files, byte for byte
    for f in runs.csv events.csv summary.csv summary.json; do
        cmp "$1/$f" "$2/$f" || fail "$f differs between the merge of the Slurm shards and the local sweep"
    done
    if [ -f "$2/importance.json" ]; then  # importance sampling: the tuned proposals too
        cmp "$1/importance.json" "$2/importance.json" || fail "importance.json differs between the merge and the local sweep"
    fi
    diff -r "$1/points" "$2/points" || fail "points/ differ"
    # The manifest's "sweep" member (2-space JSON, one member per line) is the same; the others
    # say how each folder was made (command line, times, threads, merged_from).
    sweep_member() { awk '/^  "sweep": /{ p = 1 } p { print } p && /^  }/{ exit }' "$1/manifest.json"; }
    [ -n "$(sweep_member "$1")" ] && [ "$(sweep_member "$1")" = "$(sweep_member "$2")" ] || fail "the manifests' sweep members differ"
    [ "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i) if ($i == "struck") c = i } NR > 1 { s += $c } END { print s + 0 }' "$1/runs.csv")" -gt 0 ] ||
        fail "no strikes in runs.csv: nothing but empty events were compared"
    echo "merged = local: $(($(wc -l < "$1/runs.csv") - 1)) runs, $(($(wc -l < "$1/events.csv") - 1)) events, $(ls "$1/points" | wc -l) points"
}
chain_merge() {  # JOB OUT: submits the merge of OUT's shards as docs/batch.md does; prints its id
    sbatch --parsable --dependency="afterok:$1" --output="$work/logs/merge-%j.out" \
        --export="ALL,ROADSIDE_SLURM_TEST=$work" --wrap "$cli merge $2/shard-* --out $2/all" || fail "sbatch of the merge refused"
}
run_locally() {  # SWEEP DIR
    "$cli" sweep "$1" --out "$2" --threads 2 --quiet > /dev/null || fail "the local sweep $1 failed"
}
merge_refused() {  # OUT: merge must refuse; prints its message
    "$cli" merge "$1"/shard-* --out "$1/all" > /dev/null 2> "$work/merge.err"
    local code=$?
    cat "$work/merge.err"
    [ $code -eq 2 ] || fail "merge exit code $code, not 2"
    ! grep -q '[{}]' "$work/merge.err" || fail "merge printed raw JSON"
    [ ! -e "$1/all/runs.csv" ] || fail "merge wrote runs.csv for an incomplete sweep"
}

case $check in
sweeps)
    for sweep in "${SWEEPS[@]}"; do
        name=$(basename "$sweep" .toml)
        echo "== $sweep"
        run_locally "$src/$sweep" "$work/local-$name"
        t0=$(date +%s)
        job=$(submit "0-$((shards - 1))" "$src/$sweep" "$work/$name")
        # The merge as docs/batch.md chains it: a job that starts when every task has succeeded.
        merge=$(chain_merge "$job" "$work/$name")
        wait_for "$job"
        wait_for "$merge"
        for i in $(seq 0 $((shards - 1))); do expect_state "$job" "$i" COMPLETED; done
        expect_state "$merge" - COMPLETED
        echo "array job $job and merge job $merge done in $(($(date +%s) - t0)) s"
        [ "$(cat "$work/$name/shards")" = $shards ] || fail "OUT/shards does not record $shards shards"
        same_as_local "$work/$name/all" "$work/local-$name"
    done
    ;;
failed-task)
    sweep=$src/${SWEEPS[0]}
    run_locally "$sweep" "$work/local"
    # Array task 1 is killed (kill -9) after a few runs, as on a node that dies; task 2 fails
    # before it writes anything. tests/slurm/failing-batch.sh stands in for roadside-batch.
    job=$(ROADSIDE_TEST_REAL_BATCH=$cli ROADSIDE_TEST_KILL_TASK=1 ROADSIDE_TEST_FAIL_TASK=2 \
          submit "0-$((shards - 1))" "$sweep" "$work/out" "$src/tests/slurm/failing-batch.sh")
    merge=$(chain_merge "$job" "$work/out")
    wait_for "$job"
    expect_state "$job" 0 COMPLETED
    expect_state "$job" 1 FAILED
    expect_state "$job" 2 FAILED
    # The chained merge never starts: Slurm says why (docs/batch.md tells to scancel it).
    for _ in $(seq 1 120); do
        reason=$(squeue -h -j "$merge" -o '%T %r')
        [ "$reason" = "PENDING DependencyNeverSatisfied" ] && break
        sleep 0.25
    done
    [ "$reason" = "PENDING DependencyNeverSatisfied" ] || fail "the chained merge is '$reason'"
    scancel "$merge"
    runs=$(($(wc -l < "$work/local/runs.csv") - 1))
    share=$((runs / shards + (1 < runs % shards ? 1 : 0)))  # shard 1's balanced block
    rows=$(($(wc -l < "$work/out/shard-1/runs.csv") - 1))
    [ "$rows" -lt "$share" ] || fail "shard 1 finished before it was killed; nothing was tested"
    [ ! -e "$work/out/shard-2" ] || fail "the failed task 2 left a folder"

    says() { grep -qF -- "$1" "$work/merge.err" || fail "merge does not say: $1"; }
    never_says() { ! grep -qF -- "$1" "$work/merge.err" || fail "merge says: $1"; }
    resubmit() {  # TASK: that array task alone, into the same folder; N comes from OUT/shards
        local job
        job=$(submit "$1" "$sweep" "$work/out")
        wait_for "$job"
        expect_state "$job" "$1" COMPLETED
    }
    merge_refused "$work/out"
    says "shard 1/3 in $work/out/shard-1 is incomplete: $rows of its $share runs, status running"
    says "roadside-batch sweep $sweep --out $work/out/shard-1 --shard 1/3 --resume"
    says "shard 2/3 is missing"
    never_says "shard 0/3"

    # Task 1 alone resumes its shard where the kill left it; then task 2 alone.
    resubmit 1
    merge_refused "$work/out"
    says "shard 2/3 is missing"
    never_says "shard 1/3"
    resubmit 2
    "$cli" merge "$work/out"/shard-* --out "$work/out/all" > /dev/null || fail "merge failed after the resubmissions"
    same_as_local "$work/out/all" "$work/local"
    ;;
*) fail "unknown check $check" ;;
esac
echo "ok: slurm $check in $(($(date +%s) - started)) s"
