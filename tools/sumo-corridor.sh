#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Roadside contributors
#
# The SUMO reference corridor, built and run from this description (docs/design.md#sumo-corridor):
# the throughput peer of `make bench` and `roadside-batch bench` (its default --sumo).
# Roadside runs the same corridor as batch/src/bench_scenarios.cpp; keep the two in step.
#
# Usage: tools/sumo-corridor.sh [plain|ssm|fcd] [--keep DIR]
#   plain  SUMO alone (the figure `bench` compares with)
#   ssm    with SUMO's surrogate-safety device (TTC, DRAC, PET) on every vehicle
#   fcd    writing SUMO's trajectory output (FCD XML) to $TMPDIR/sumo-corridor-fcd.xml
#   --keep DIR  write the generated network, routes and configuration to DIR and keep them
# Prints SUMO's own summary lines, then one line
#   mode=<mode> wall_s=<s> vehicle_updates_per_s=<UPS> cpu_user_s=<s>
# where UPS is SUMO's figure: vehicles on the road summed over steps, per wall-clock second,
# and cpu_user_s SUMO's user CPU time.
# Environment: SUMO_LENGTH_M, SUMO_LANES, SUMO_LANE_WIDTH_M, SUMO_SPEED_LIMIT_MS, SUMO_FLOW_VPH,
# SUMO_DEMAND_S, SUMO_END_S, SUMO_STEP_S, SUMO_CAR_LENGTH_M, SUMO_CAR_WIDTH_M, SUMO_IDM_A,
# SUMO_IDM_B, SUMO_IDM_T, SUMO_IDM_S0, SUMO_SPEED_FACTOR replace the corridor's figures (roadside-batch
# bench runs the default stop's traffic this way).
# Needs Debian's sumo package: tools/install-deps.sh --with-peer. Exit 2 on bad usage, 3 when
# SUMO is not installed.
set -euo pipefail

mode=plain
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    plain|ssm|fcd) mode=$1 ;;
    --keep) keep=${2:?--keep needs a directory}; shift ;;
    *) echo "usage: $0 [plain|ssm|fcd] [--keep DIR]" >&2; exit 2 ;;
  esac
  shift
done

for tool in sumo netconvert; do
  if ! command -v "$tool" >/dev/null; then
    echo "sumo-corridor: $tool not found; install it with tools/install-deps.sh --with-peer" >&2
    exit 3
  fi
done

# The corridor. Every figure here is also in batch/src/bench_scenarios.cpp.
length_m=${SUMO_LENGTH_M:-3000}           # straight road
lanes=${SUMO_LANES:-2}
lane_width_m=${SUMO_LANE_WIDTH_M:-3.65}
speed_limit_ms=${SUMO_SPEED_LIMIT_MS:-29.06}    # 65 mph
flow_vph=${SUMO_FLOW_VPH:-3000}           # both lanes together, entering in a random lane
demand_s=${SUMO_DEMAND_S:-600}            # then the road drains
end_s=${SUMO_END_S:-660}
step_s=${SUMO_STEP_S:-0.05}
# One car class: 4.6 m x 1.8 m, IDM with a = 1.5 m/s^2, b = 2.0 m/s^2, T = 1.2 s, s0 = 2.0 m;
# desired speed = limit x a factor drawn from normal(1.05, 0.1) clipped to [0.7, 1.4].
car_length_m=${SUMO_CAR_LENGTH_M:-4.6}
car_width_m=${SUMO_CAR_WIDTH_M:-1.8}
idm_a=${SUMO_IDM_A:-1.5}
idm_b=${SUMO_IDM_B:-2.0}
idm_T=${SUMO_IDM_T:-1.2}
idm_s0=${SUMO_IDM_S0:-2.0}
emergency_decel=8.0
speed_factor=${SUMO_SPEED_FACTOR:-"normc(1.05,0.1,0.7,1.4)"}

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  dir=$(cd "$keep" && pwd)
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sumo-corridor.XXXXXX")
  trap 'rm -rf "$dir"' EXIT
fi

cat >"$dir/corridor.nod.xml" <<EOF
<nodes>
  <node id="upstream" x="0" y="0"/>
  <node id="downstream" x="$length_m" y="0"/>
</nodes>
EOF
# Short ids ("road", "f"): they are repeated in every line of the FCD output, whose size
# docs/recording-format.md compares with a recording's.
cat >"$dir/corridor.edg.xml" <<EOF
<edges>
  <edge id="road" from="upstream" to="downstream" numLanes="$lanes" speed="$speed_limit_ms" width="$lane_width_m"/>
</edges>
EOF
cat >"$dir/corridor.rou.xml" <<EOF
<routes>
  <vType id="car" carFollowModel="IDM" accel="$idm_a" decel="$idm_b" tau="$idm_T" minGap="$idm_s0"
         emergencyDecel="$emergency_decel" length="$car_length_m" width="$car_width_m" maxSpeed="40"
         speedFactor="$speed_factor" lcStrategic="1" lcSpeedGain="1"/>
  <route id="through" edges="road"/>
  <flow id="f" type="car" route="through" begin="0" end="$demand_s" vehsPerHour="$flow_vph"
        departLane="random" departSpeed="desired" departPos="base"/>
</routes>
EOF
netconvert --node-files "$dir/corridor.nod.xml" --edge-files "$dir/corridor.edg.xml" \
  --output-file "$dir/corridor.net.xml" --xml-validation never --no-warnings >/dev/null

extra=()
case "$mode" in
  ssm) extra=(--device.ssm.probability 1 --device.ssm.measures "TTC DRAC PET" --device.ssm.file /dev/null) ;;
  fcd) extra=(--fcd-output "${TMPDIR:-/tmp}/sumo-corridor-fcd.xml") ;;
esac
args=(--net-file "$dir/corridor.net.xml" --route-files "$dir/corridor.rou.xml"
      --begin 0 --end "$end_s" --step-length "$step_s" --ignore-route-errors true
      --no-step-log true --duration-log.statistics true
      --xml-validation never --xml-validation.net never --xml-validation.routes never)
[ -n "$keep" ] && printf '%s\n' "${args[@]}" >"$dir/sumo-arguments.txt"

start=$(date +%s.%N)
TIMEFORMAT=%3U  # SUMO's user CPU time: on a shared machine its wall time includes the others' work
cpu=$( { time sumo "${args[@]}" "${extra[@]}" >"$dir/sumo.log" 2>&1; } 2>&1 )
out=$(cat "$dir/sumo.log")
end=$(date +%s.%N)
echo "$out" | grep -E "Duration:|UPS:|Inserted:" | head -3
ups=$(echo "$out" | awk '/UPS:/{print $2}')
wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
echo "mode=$mode wall_s=$wall vehicle_updates_per_s=$ups cpu_user_s=$cpu"
