#!/usr/bin/env bash
# The dependency rule (DESIGN.md): the core sim/ sees Box2D only in the physics wrapper, and never
# toml++, TBB, SFML, ImGui, CLI11 or JSON; sim/io (files) never the GUI or TBB. Debian puts every
# header in /usr/include, so a stray #include would still compile: this check catches it.
set -u
cd "$(dirname "$0")/.."
status=0
report() { echo "dependency rule: $1"; echo "$2"; status=1; }

core=$(grep -rnE '#include *<(SFML|imgui|tbb|oneapi|toml\+\+|nlohmann|CLI|zstd)' sim/include sim/src)
[ -n "$core" ] && report "sim/ must not include file-format, GUI or TBB headers:" "$core"

box2d=$(grep -rnE '#include *<box2d' sim tests batch viz 2>/dev/null | grep -vE '^(sim/src/physics_world\.cpp|tests/physics/)')
[ -n "$box2d" ] && report "only sim/src/physics_world.cpp (and its tests) may include Box2D:" "$box2d"

io=$(grep -rnE '#include *<(SFML|imgui|tbb|oneapi)' sim/io)
[ -n "$io" ] && report "sim/io must not include GUI or TBB headers:" "$io"

[ $status -eq 0 ] && echo "dependency rule: ok"
exit $status
