// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <cmath>

#include "batch/sweep.hpp"
#include "batch_fixture.hpp"
#include "sim/rng.hpp"
#include "sim/units.hpp"

namespace {

/// The diagnostics of a sweep written into a scratch folder next to the test scenarios.
std::string errorsOf(const test::ScratchDir& dir, const std::string& sweep) {
    test::writeScenarios(dir.path());
    test::writeFile(dir / "sweeps/s.toml", sweep);
    const batch::SweepLoad load = batch::loadSweepFile(dir / "sweeps/s.toml");
    CHECK_FALSE(load.ok());
    return sim::io::formatDiagnostics(load.errors);
}

const std::string kHead = "base = \"../stops/mini.toml\"\nreplicates = 2\n";  // lines 1-2

}  // namespace

TEST_CASE("a grid sweep resolves every point: overlays, bundles of overrides, key values", "[batch]") {
    test::ScratchDir dir;
    test::writeScenarios(dir.path());
    test::writeFile(dir / "sweeps/grid.toml", test::kGridSweep);
    const batch::Sweep sweep = test::loadOrFail(dir / "sweeps/grid.toml");
    REQUIRE(sweep.points.size() == 8);
    CHECK(sweep.tasks() == 48);
    CHECK(sweep.points[0].id == "p0000");
    CHECK(sweep.points[7].id == "p0007");
    REQUIRE(sweep.axes.size() == 3);
    CHECK(sweep.axes[2].header() == "units.patrol.offset [ft]");
    CHECK(sweep.axes[2].values[1].cell == "2");
    // Grid order: the last axis varies fastest. p0005 = angled, none, 2 ft.
    const batch::SweepPoint& p5 = sweep.points[5];
    CHECK(sweep.axes[0].values[p5.values[0]].label == "angled");
    CHECK(sweep.axes[1].values[p5.values[1]].label == "none");
    CHECK(sweep.axes[2].values[p5.values[2]].label == "2 ft");
    const sim::Scenario& sc = p5.scenario;
    REQUIRE(sc.units.size() == 2);
    CHECK(sc.units[1].heading == Approx(15.0 * sim::units::kDegree));
    CHECK(sc.units[1].position.y - sc.units[0].position.y == Approx(2.0 * sim::units::kFoot));
    CHECK(sc.name == "grid.p0005");
    // The point says what it is, not only what its base is (the mini stop has no description).
    CHECK(sc.description == "Sweep grid, point p0005: tactic = angled, blocker = none, units.patrol.offset = 2 ft. Base scenario "
                            "../stops/mini.toml.");
    // The engine overlay adds a unit; its absence is the stop without it.
    CHECK(sweep.points[2].scenario.units.size() == 3);
    CHECK(sweep.points[0].scenario.units.size() == 2);
    // Baseline: same offset, in-line, no blocker.
    CHECK(*sweep.points[5].baseline == 1);
    CHECK(*sweep.points[6].baseline == 0);
    CHECK(*sweep.points[0].baseline == 0);
    // Common random numbers: one seed per replicate, the same at every point.
    CHECK(sweep.seedOf(3) == sim::runSeed(7, 3) >> 11);
    // What points/<id>.toml will hold loads back to the scenario that runs.
    const sim::io::LoadResult again = sim::io::loadScenarioText(p5.scenarioText, "p0005.toml");
    REQUIRE(again.ok());
    CHECK(again.scenario->sourceText == sc.sourceText);
}

TEST_CASE("a point's description names the sweep, the point, its axis values and the base it changes", "[batch]") {
    // Point files kept the base's description ("clear day; 2 ft left") for a night, 1 ft point.
    test::ScratchDir dir;
    test::writeScenarios(dir.path());
    test::writeFile(dir / "stops/described.toml",
                    "include = [\"mini.toml\"]\ndescription = \"Mini stop, clear day; patrol 2 ft left.\"\n");
    test::writeFile(dir / "sweeps/d.toml", "base = \"../stops/described.toml\"\nreplicates = 1\n[[axes]]\nkey = \"environment.light\"\n"
                                           "values = [\"day\", \"night\"]\n[[axes]]\nkey = \"units.patrol.offset\"\nvalues = [\"1 ft\"]\n");
    const batch::Sweep sweep = test::loadOrFail(dir / "sweeps/d.toml");
    REQUIRE(sweep.points.size() == 2);
    const std::string expected = "Sweep d, point p0001: environment.light = night, units.patrol.offset = 1 ft. Base scenario "
                                 "../stops/described.toml: Mini stop, clear day; patrol 2 ft left.";
    CHECK(sweep.points[1].scenario.description == expected);
    CHECK(sweep.points[1].scenarioText.find("description = \"" + expected + "\"") != std::string::npos);
    // Without axes the one point is the base scenario.
    test::writeFile(dir / "sweeps/one.toml", "base = \"../stops/described.toml\"\nreplicates = 1\n");
    CHECK(test::loadOrFail(dir / "sweeps/one.toml").points[0].scenario.description ==
          "Sweep one, point p0000 (the base scenario). Base scenario ../stops/described.toml: Mini stop, clear day; patrol 2 ft left.");
}

TEST_CASE("range axes: even steps and joint samples in the units written", "[batch]") {
    test::ScratchDir dir;
    test::writeScenarios(dir.path());
    test::writeFile(dir / "sweeps/r.toml", kHead + R"(
[sampling]
method = "sobol"
samples = 4
scramble = false
[[axes]]
key = "road.speed_limit"
range = ["55 mph", "75 mph"]
steps = 3
[[axes]]
key = "units.patrol.gap"
range = ["10 ft", "30 ft"]
sampled = true
[[axes]]
key = "environment.visibility"
range = ["100 m", "500 m"]
sampled = true
)");
    const batch::Sweep sweep = test::loadOrFail(dir / "sweeps/r.toml");
    REQUIRE(sweep.points.size() == 12);  // 3 steps x 4 joint samples
    CHECK(sweep.axes[0].header() == "road.speed_limit [mph]");
    CHECK(sweep.axes[0].values[1].label == "65 mph");
    CHECK(sweep.points[4].scenario.road.speedLimit == Approx(65.0 * sim::units::kMph));
    CHECK(sweep.axes[2].header() == "environment.visibility [m]");
    // Sobol points 0..3 of dimensions 1 and 2: (0, 0), (.5, .5), (.75, .25), (.25, .75).
    CHECK(sweep.axes[1].values[2].cell == "25");
    CHECK(sweep.axes[2].values[2].cell == "200");
    // Sampled axes move together: point 2 has sample 2 on both.
    CHECK(sweep.points[2].values[1] == 2);
    CHECK(sweep.points[2].values[2] == 2);
    CHECK(sweep.points[2].scenario.environment.visibility == Approx(200.0));
}

TEST_CASE("sweep errors: an axis key the scenario does not have, located, with did you mean", "[batch]") {
    test::ScratchDir dir;
    const std::string errors = errorsOf(dir, kHead + "[[axes]]\nkey = \"units.patrol.ofset\"\nvalues = [\"1 ft\"]\n");
    INFO(errors);
    CHECK(errors.find("s.toml:4:7: ") != std::string::npos);
    CHECK(errors.find("did you mean \"units.patrol.offset\"?") != std::string::npos);
}

TEST_CASE("sweep errors: a unit the scenario does not have, located, with did you mean", "[batch]") {
    test::ScratchDir dir;
    const std::string errors = errorsOf(dir, kHead + "[[axes]]\nkey = \"units.patroll.offset\"\nvalues = [\"1 ft\"]\n");
    INFO(errors);
    CHECK(errors.find("s.toml:4:7: units.patroll.offset") != std::string::npos);
    CHECK(errors.find("did you mean \"units.patrol.offset\"?") != std::string::npos);
}

TEST_CASE("sweep errors: a key path in a bundle's set, located at the key", "[batch]") {
    test::ScratchDir dir;
    const std::string errors =
        errorsOf(dir, kHead + "[[axes]]\nname = \"t\"\nvalues = [{ label = \"a\", set = { \"road.lane_widht\" = \"11 ft\" } }]\n");
    INFO(errors);
    CHECK(errors.find("s.toml:5:34: road.lane_widht") != std::string::npos);
    CHECK(errors.find("did you mean \"road.lane_width\"?") != std::string::npos);
}

TEST_CASE("sweep errors: a value with the wrong unit is rejected before anything runs", "[batch]") {
    test::ScratchDir dir;
    const std::string errors = errorsOf(dir, kHead + "[[axes]]\nkey = \"units.patrol.offset\"\nvalues = [\"1 ft\", \"3 kg\"]\n");
    INFO(errors);
    CHECK(errors.find("s.toml:5:19: units.patrol.offset: expected a length") != std::string::npos);
    CHECK(errors.find("\"3 kg\"") != std::string::npos);
}

TEST_CASE("sweep errors: a number without the unit of its key, in a range or a list, is an error", "[batch]") {
    // range = [0, 4] for an offset used to run 0-4 m; a trainer means feet.
    test::ScratchDir dir;
    const std::string range = errorsOf(dir, kHead + "[[axes]]\nkey = \"units.patrol.offset\"\nrange = [0, 4]\nsteps = 3\n");
    INFO(range);
    CHECK(range.find("s.toml:5:13: units.patrol.offset: expected a length with its unit (m, km, cm, mm, ft, in, yd, mi), found 4, a "
                     "number without a unit; write e.g. \"4 ft\"") != std::string::npos);
    CHECK(range.find("found 0") == std::string::npos);  // 0 needs no unit
    const std::string values = errorsOf(dir, kHead + "[[axes]]\nkey = \"units.patrol.gap\"\nvalues = [\"20 ft\", 30]\n");
    INFO(values);
    CHECK(values.find("s.toml:5:20: units.patrol.gap: expected a length with its unit") != std::string::npos);
    const std::string set =
        errorsOf(dir, kHead + "[[axes]]\nname = \"t\"\nvalues = [{ label = \"a\", set = { \"road.speed_limit\" = 30 } }]\n");
    INFO(set);
    CHECK(set.find("s.toml:5:55: road.speed_limit: expected a speed with its unit") != std::string::npos);
}

TEST_CASE("sweep errors: a value out of the key's range is located at the value", "[batch]") {
    test::ScratchDir dir;
    const std::string errors = errorsOf(dir, kHead + "[[axes]]\nkey = \"road.lane_width\"\nvalues = [\"12 ft\", \"40 ft\"]\n");
    INFO(errors);
    CHECK(errors.find("s.toml:5:20: road.lane_width") != std::string::npos);
}

TEST_CASE("sweep errors: a missing base file and a missing overlay", "[batch]") {
    test::ScratchDir dir;
    const std::string base = errorsOf(dir, "base = \"../stops/nope.toml\"\nreplicates = 2\n");
    INFO(base);
    CHECK(base.find("s.toml:1:8: base: expected a readable scenario file") != std::string::npos);
    CHECK(base.find("no such file") != std::string::npos);
    const std::string overlay =
        errorsOf(dir, kHead + "[[axes]]\nname = \"t\"\nvalues = [{ label = \"a\", include = [\"../tactics/nope.toml\"] }]\n");
    INFO(overlay);
    CHECK(overlay.find("s.toml:5:37: ") != std::string::npos);
    CHECK(overlay.find("overlay file") != std::string::npos);
}

TEST_CASE("sweep errors: bad axis specifications", "[batch]") {
    test::ScratchDir dir;
    SECTION("one step") {
        const std::string e = errorsOf(dir, kHead + "[[axes]]\nkey = \"road.speed_limit\"\nrange = [\"55 mph\", \"75 mph\"]\nsteps = 1\n");
        INFO(e);
        CHECK(e.find("s.toml:6:9: axes[0].steps: expected an integer in 2–100000, found 1") != std::string::npos);
    }
    SECTION("values and range") {
        const std::string e = errorsOf(dir, kHead + "[[axes]]\nkey = \"road.lanes\"\nvalues = [2]\nrange = [1, 3]\nsteps = 3\n");
        INFO(e);
        CHECK(e.find("s.toml:4:7: axes[0]: expected either values") != std::string::npos);
    }
    SECTION("a sampled axis without [sampling]") {
        const std::string e = errorsOf(dir, kHead + "[[axes]]\nkey = \"units.patrol.gap\"\nrange = [\"10 ft\", \"30 ft\"]\nsampled = true\n");
        INFO(e);
        CHECK(e.find("s.toml:5:9: sampling: expected a [sampling] table") != std::string::npos);
    }
    SECTION("a range over a choice") {
        const std::string e = errorsOf(dir, kHead + "[[axes]]\nkey = \"environment.light\"\nrange = [\"day\", \"night\"]\nsteps = 2\n");
        INFO(e);
        CHECK(e.find("s.toml:5:9: axes[0].range: expected a key that holds a number") != std::string::npos);
    }
    SECTION("an unknown key of the sweep, and of an axis") {
        const std::string e = errorsOf(dir, kHead + "seeds = 3\n[[axes]]\nkey = \"road.lanes\"\nvalus = [2]\n");
        INFO(e);
        CHECK(e.find("s.toml:3:1: seeds: expected a key of a sweep file") != std::string::npos);
        CHECK(e.find("did you mean \"seed\"?") != std::string::npos);
        CHECK(e.find("s.toml:6:1: axes[0].valus: expected a key of [axes[0]]: name, key, values") != std::string::npos);
        CHECK(e.find("did you mean \"values\"?") != std::string::npos);
    }
    SECTION("a baseline naming a value the axis does not have") {
        const std::string e = errorsOf(dir, kHead + "baseline = { lanes = \"3\" }\n[[axes]]\nname = \"lanes\"\nkey = \"road.lanes\"\nvalues = [2, 4]\n");
        INFO(e);
        CHECK(e.find("s.toml:3:22: baseline.lanes: expected one of the axis's values (2, 4)") != std::string::npos);
    }
    SECTION("a syntax error") {
        const std::string e = errorsOf(dir, kHead + "[[axes]\n");
        INFO(e);
        CHECK(e.find("s.toml:3:") != std::string::npos);
        CHECK(e.find("valid TOML") != std::string::npos);
    }
}

TEST_CASE("sweep errors: a dotted key of 60,000 segments is a located error, not a crash", "[batch]") {
    // toml++ 3.3 overflows the stack destroying such a table; the sweep loader parsed with it
    // unguarded and roadside-batch sweep died with SIGSEGV (exit 139). sim/io's parser bounds it.
    test::ScratchDir dir;
    std::string key = "a";
    for (int i = 0; i < 60000; ++i) key += ".a";
    const std::string errors = errorsOf(dir, kHead + key + " = 1\n");
    INFO(errors.substr(0, 300));
    CHECK(errors.find("s.toml:3:") != std::string::npos);
    CHECK(errors.find("nested at most 64 deep") != std::string::npos);
}

TEST_CASE("errors inside an overlay are located in the overlay", "[batch]") {
    test::ScratchDir dir;
    test::writeScenarios(dir.path());
    test::writeFile(dir / "tactics/bad.toml", "[units.patrol]\nheading = \"150 deg\"\n");
    test::writeFile(dir / "sweeps/s.toml", kHead + "[[axes]]\nname = \"t\"\nvalues = [{ label = \"a\", include = [\"../tactics/bad.toml\"] }]\n");
    const batch::SweepLoad load = batch::loadSweepFile(dir / "sweeps/s.toml");
    REQUIRE_FALSE(load.ok());
    const std::string errors = sim::io::formatDiagnostics(load.errors);
    INFO(errors);
    CHECK(errors.find("tactics/bad.toml:2:11: units.patrol.heading") != std::string::npos);
}
