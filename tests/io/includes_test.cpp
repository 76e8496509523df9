// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// include = [...]: documents merged in order, tables deep-merged, the including file winning.
#include <catch2/catch.hpp>

#include "io_test_support.hpp"
#include "sim/units.hpp"

using sim::units::kFoot;

namespace {

sim::io::LoadResult loadFile(const std::filesystem::path& file) { return sim::io::loadScenarioFile(file); }

}  // namespace

TEST_CASE("includes merge in order, the including file wins, tables merge deeply, arrays are replaced", "[io]") {
    test::TempDir dir;
    dir.write("roads/freeway.toml", R"(
[road]
lanes = 3
lane_width = "11 ft"
speed_limit = "70 mph"
[traffic]
flow = ["1500 veh/h", "1300 veh/h", "900 veh/h"]
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = -1.6
)");
    dir.write("conditions/night.toml", R"(
[environment]
preset = "night"
visibility = "5 km"
[road]
speed_limit = "55 mph"
)");
    const auto main = dir.write("stops/stop.toml", R"(
include = ["../roads/freeway.toml", "../conditions/night.toml"]
[road]
lane_width = "12 ft"
[traffic]
flow = "1000 veh/h"
[units.patrol]
kind = "patrol-suv"
behind = "violator"
)");
    const sim::Scenario s = test::loadFileOk(main);
    CHECK(s.name == "stop");
    CHECK(s.road.lanes == 3);                                  // from the first include
    CHECK(s.road.speedLimit == Approx(55 * 0.44704));          // the second include wins over the first
    CHECK(s.road.laneWidth == Approx(12 * kFoot));             // the including file wins
    CHECK(s.environment.light == sim::Light::Night);
    CHECK(s.environment.visibility == 5000.0);
    CHECK(s.traffic.flowPerLane == std::vector<double>(3, 1000 * sim::units::kPerHour));  // replaced, not merged
    REQUIRE(s.units.size() == 2);                              // [units] merged: included units come first
    CHECK(s.units[0].id == "violator");
    CHECK(s.units[1].id == "patrol");
    CHECK_THAT(s.sourceText, !Catch::Contains("include"));
}

TEST_CASE("includes nest, each path relative to the file that names it", "[io]") {
    test::TempDir dir;
    dir.write("lib/base/road.toml", "[road]\nlanes = 4\n");
    dir.write("lib/tactic.toml", "include = [\"base/road.toml\"]\n[road]\nshoulder_width = \"8 ft\"\n");
    const auto main = dir.write("case.toml", "include = [\"lib/tactic.toml\"]\ndescription = \"nested\"\n");
    const sim::Scenario s = test::loadFileOk(main);
    CHECK(s.road.lanes == 4);
    CHECK(s.road.shoulderWidth == Approx(8 * kFoot));
}

TEST_CASE("an include cycle is an error at the include that closes it", "[io]") {
    test::TempDir dir;
    dir.write("a.toml", "include = [\"b.toml\"]\n[road]\nlanes = 2\n");
    dir.write("b.toml", "# b\ninclude = [\"a.toml\"]\n");
    const auto result = loadFile(dir.path() / "a.toml");
    const auto e = test::errorAbout(result, "include");
    CHECK_THAT(e.where.file, Catch::EndsWith("b.toml"));
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 12);
    CHECK_THAT(e.found, Catch::Contains("a.toml → ") && Catch::Contains("b.toml → ") && Catch::EndsWith("a.toml"));

    dir.write("self.toml", "include = [\"./self.toml\"]\n");
    CHECK(test::errorAbout(loadFile(dir.path() / "self.toml"), "include").expected ==
          "a file that does not include itself, directly or not");
}

TEST_CASE("the same file included twice (not a cycle) is fine", "[io]") {
    test::TempDir dir;
    dir.write("road.toml", "[road]\nlanes = 3\n");
    dir.write("left.toml", "include = [\"road.toml\"]\n");
    const auto main = dir.write("main.toml", "include = [\"left.toml\", \"road.toml\"]\n");
    CHECK(test::loadFileOk(main).road.lanes == 3);
}

TEST_CASE("a missing include is an error at its string", "[io]") {
    test::TempDir dir;
    const auto main = dir.write("main.toml", "name = \"m\"\ninclude = [\"roads/none.toml\"]\n");
    const auto e = test::errorAbout(loadFile(main), "include");
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 12);
    CHECK_THAT(e.found, Catch::Contains("none.toml") && Catch::Contains("no such file"));
    // A folder is not a scenario file either.
    dir.write("roads/x.toml", "name = \"x\"\n");
    const auto folder = dir.write("folder.toml", "include = [\"roads\"]\n");
    CHECK_THAT(test::errorAbout(loadFile(folder), "include").found, Catch::Contains("not a regular file"));
}

TEST_CASE("errors inside an included file carry that file's name and line", "[io]") {
    test::TempDir dir;
    dir.write("parts/road.toml", "# road\n\n[road]\nlane_width = \"1 ft\"\n");
    dir.write("parts/broken.toml", "[road\n");
    const auto main = dir.write("main.toml", "include = [\"parts/road.toml\"]\n[road]\nlanes = 7\n");
    const auto result = loadFile(main);
    const auto inIncluded = test::errorAbout(result, "road.lane_width");
    CHECK(inIncluded.where.file == (dir.path() / "parts/road.toml").lexically_normal().string());
    CHECK(inIncluded.where.line == 4);
    CHECK(test::errorAbout(result, "road.lanes").where.file == main.string());

    const auto syntax = dir.write("syntax.toml", "include = [\"parts/broken.toml\"]\n");
    const auto broken = loadFile(syntax);
    REQUIRE(broken.errors.size() == 1);
    CHECK_THAT(broken.errors[0].where.file, Catch::EndsWith("broken.toml"));
    CHECK(broken.errors[0].where.line == 1);
    CHECK(broken.errors[0].expected == "valid TOML");
}

TEST_CASE("include from text in memory resolves against the file name's folder", "[io]") {
    test::TempDir dir;
    dir.write("road.toml", "[road]\nlanes = 5\n");
    const sim::Scenario s = test::loadOk("include = [\"road.toml\"]\n", {}, (dir.path() / "virtual.toml").string());
    CHECK(s.road.lanes == 5);
    CHECK(s.name == "virtual");
}

TEST_CASE("a missing scenario file is a diagnostic, not an exception", "[io]") {
    sim::io::LoadResult result;
    REQUIRE_NOTHROW(result = sim::io::loadScenarioFile("/nonexistent/roadside/none.toml"));
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message() == "/nonexistent/roadside/none.toml: expected a readable scenario file, found no such file");
}
