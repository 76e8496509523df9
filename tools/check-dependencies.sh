#!/usr/bin/env bash
# The dependency rule (docs/design.md#dependency-rule): the core sim/ sees Box2D only in the physics wrapper, and never
# toml++, TBB, SFML, ImGui, CLI11 or JSON; sim/io (files) never the GUI or TBB; and sim/io is the
# only code that parses input files: batch/ and viz/ read scenarios, overlays, sweeps and replays
# through sim/io's public headers (document.hpp, schema.hpp, scenario_loader.hpp, recording.hpp),
# never with toml++ or zstd of their own. Debian puts every header in /usr/include, so a stray
# #include would still compile, and a stray link would still link: this check catches both.
# Usage: tools/check-dependencies.sh [ROOT]   (default: the checkout this script is in)
set -u
cd "${1:-$(dirname "$0")/..}"
status=0
report() { echo "dependency rule: $1"; echo "$2"; status=1; }

core=$(grep -rnE '#include *<(SFML|imgui|tbb|oneapi|toml\+\+|nlohmann|CLI|zstd)' sim/include sim/src)
[ -n "$core" ] && report "sim/ must not include file-format, GUI or TBB headers:" "$core"

box2d=$(grep -rnE '#include *<box2d' sim tests batch viz 2>/dev/null | grep -vE '^(sim/src/physics_world\.cpp|tests/physics/)')
[ -n "$box2d" ] && report "only sim/src/physics_world.cpp (and its tests) may include Box2D:" "$box2d"

io=$(grep -rnE '#include *<(SFML|imgui|tbb|oneapi)' sim/io)
[ -n "$io" ] && report "sim/io must not include GUI or TBB headers:" "$io"

# sim/io is the only code that parses files: no TOML parser or zstd decoder in batch/ or viz/,
# in their sources or in what their CMake files link, and no reach into sim/io's private sources.
parsers=$(grep -rnE '#include *[<"](toml\+\+/|toml\.h|zstd)|\btoml::[a-z_]+|\bZSTD_[a-zA-Z]+\(' batch viz 2>/dev/null)
[ -n "$parsers" ] && report "batch/ and viz/ must not parse TOML or replays themselves (use sim/io's headers):" "$parsers"
links=$(grep -nE 'tomlplusplus|zstd|sim/io/src' batch/CMakeLists.txt viz/CMakeLists.txt 2>/dev/null | grep -vE '^[^:]+:[0-9]+: *#')
[ -n "$links" ] && report "batch/ and viz/ must not link toml++ or zstd, nor include sim/io's private sources:" "$links"

[ $status -eq 0 ] && echo "dependency rule: ok"
exit $status
