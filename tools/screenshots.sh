#!/usr/bin/env bash
# Regenerates the visualizer's screenshots in docs/images/ (shown by README.md and
# docs/visualizer.md) with roadside-viz itself, from the scenario files in scenarios/.
#
# Usage: tools/screenshots.sh [BUILD_DIR]      (default: build; run `make build` first)
# Without a display (a server, CI) it runs the viewer under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."

build="${1:-build}"
viz="$build/viz/roadside-viz"
out=docs/images
[[ -x "$viz" ]] || { echo "screenshots: $viz not found; build first (make build)" >&2; exit 2; }
mkdir -p "$out"

run() {
  if [[ -n "${DISPLAY:-}" ]]; then "$viz" "$@"
  else xvfb-run -a -s "-screen 0 1920x1080x24" "$viz" "$@"; fi
}

# A driver who nods off 45 m before the scene and drifts toward the shoulder at 1 m/s for 5 s
# without reacting, not even to the edge line (a lapse): the same car, at the same moment, meets
# each tactic. Seed 38: the drifter stays in lane 1 and reaches the officer at the window at 2:09.2
# (in seed 1 it now changes to lane 2 behind slower traffic and misses); with the patrol car offset
# the officer is at the window too, and the traffic is A's until 1:34.1.
seed=(--seed 38)
drifter='traffic.scripted=[{ id = "drifter", kind = "sedan", lane = 1, entry_time = "75 s", speed = "65 mph", moves_over = false, drift = { start_s = "-45 m", lateral_speed = "-1.0 m/s", duration = "5 s", reacts = false, edge_correction = false } }]'
inline='units.patrol.offset="0 ft"'
size=(--size 1600x900)

# 0. The README's strike (seed 3962 of the training stop: a sedan whose driver looks away 2.8 s
#    before the impact hits the patrol car at 56 mph and pushes it into the officer at 7:25.0) as a
#    trainer exports it, captioned on the picture: 1.5 s before the strike (at the default 3 s his
#    eyes are still on the road), the sedan in view with its glow and label, the card saying what is
#    coming and what its driver is doing; and a GIF of the seconds round it, slow round the impact.
run scenarios/training-stop.toml --seed 3962 --at 7:23.5 "${size[@]}" --screenshot "$out/strike-explained.png"
if command -v ffmpeg > /dev/null; then
  run scenarios/training-stop.toml --seed 3962 --clip "$out/strike-clip.gif" --size 960x540 --fps 10 --before 4 --after 2
else
  echo "screenshots: ffmpeg not found, so $out/strike-clip.gif was not made (tools/install-deps.sh --with-video)" >&2
fi

# 1. The strike: the patrol car in line with the violator; the drifting car's path (orange while
#    its driver's eyes are off the road) passes the patrol car and reaches the officer.
run scenarios/default-stop.toml "${seed[@]}" --set "$drifter" --set "$inline" --at 2:09.4 --trails "${size[@]}" \
    --title "Patrol car in line with the stopped car" --subtitle "A driver looks away 150 ft before the scene" \
    --screenshot "$out/strike.png"

# 2. This is why: the same traffic against the patrol car offset 2 ft toward traffic.
run scenarios/default-stop.toml "${seed[@]}" --set "$drifter" --set "$inline" --compare 'units.patrol.offset="2 ft"' \
    --at 2:09.4 --trails "${size[@]}" \
    --title "A · In line" --subtitle "Patrol car directly behind the stopped car" \
    --title-b "B · Offset 2 ft toward traffic" --subtitle-b "Same seed: the same drifting driver" \
    --screenshot "$out/side-by-side.png"

# 3. Night in rain, the officer at the passenger window: headlights, light bar, hazards.
run scenarios/examples/night-rain-passenger.toml --at 1:40 "${size[@]}" --screenshot "$out/night.png"

# 4. Thick fog (200 m visibility): where approaching drivers can first make out the scene.
run scenarios/default-stop.toml --set 'environment.preset="thick-fog"' --at 1:40 --zoom 6 --centre -110 "${size[@]}" \
    --title "Thick fog, 200 m visibility" --screenshot "$out/fog.png"

# 5. A fire engine blocking upstream ("lane + 1") behind a shoulder taper of cones.
run scenarios/examples/fire-block-taper.toml --at 1.0 --zoom 13 --centre -54 "${size[@]}" --screenshot "$out/blocker.png"

# 6. The window with its panels: the comparison above, the event list, and the tactic panel.
run scenarios/default-stop.toml "${seed[@]}" --set "$drifter" --set "$inline" --compare 'units.patrol.offset="2 ft"' \
    --at 2:09.4 --trails --panels --tab events "${size[@]}" \
    --title "A · In line" --subtitle "Patrol car directly behind the stopped car" \
    --title-b "B · Offset 2 ft toward traffic" --subtitle-b "Same seed: the same drifting driver" \
    --screenshot "$out/panels.png"
run scenarios/default-stop.toml "${seed[@]}" --set "$drifter" --at 2:06 --panels --tab tactic "${size[@]}" \
    --subtitle "Patrol car offset 2 ft, emergency lights; driver-side approach" --screenshot "$out/tactic-panel.png"

# 7. The three cases of scenarios/cases/, at the moment their story happens (their own seeds):
#    the pushed patrol SUV reaching the trooper and the motorist, the impaired driver reaching the
#    officer at the window, the motorhome squeezing between the patrol car and the help truck.
run scenarios/cases/trooper-motorist-snow.toml --at 1:57.8 --trails "${size[@]}" --screenshot "$out/case-trooper-motorist-snow.png"
run scenarios/cases/impaired-driver-night.toml --at 1:49.5 --trails "${size[@]}" --screenshot "$out/case-impaired-driver-night.png"
run scenarios/cases/motorhome-squeeze.toml --at 0:50.7 --trails "${size[@]}" --screenshot "$out/case-motorhome-squeeze.png"

echo "screenshots: wrote $(ls "$out"/*.png "$out"/*.gif 2> /dev/null | wc -l) pictures and clips to $out"
