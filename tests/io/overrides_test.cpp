// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Overrides: how the batch runner applies sweep axes. Errors are located at the override's
// origin (the sweep file), not in the scenario.
#include <catch2/catch.hpp>

#include "io_test_support.hpp"
#include "scenario_dump.hpp"
#include "sim/units.hpp"

using sim::io::Override;
using sim::units::kFoot;

namespace {

constexpr std::string_view kStop = R"(
[road]
lane_width = "12 ft"
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = -1.6
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
offset = "2 ft"
[people.officer-1]
script = [{ at = "inside", dwell = "30 s" }, { at = "window", dwell = "2 min" }, { at = "inside" }]
)";

const sim::io::SourceLocation kSweep{"sweeps/offset.toml", 4, 3};

Override at(std::string path, std::string value) { return {std::move(path), std::move(value), kSweep}; }

sim::io::Diagnostic onlyError(const std::vector<Override>& overrides) {
    const auto result = test::loadText(kStop, overrides);
    INFO("diagnostics:\n" << test::messages(result));
    REQUIRE(result.errors.size() == 1);
    return result.errors.front();
}

}  // namespace

TEST_CASE("overrides set keys after includes, later overrides winning", "[io]") {
    const std::vector<Override> overrides = {
        at("road.lane_width", "\"11 ft\""),
        at("units.patrol.offset", "\"3 ft\""),
        at("units.patrol.offset", "\"4 ft\""),
        at("people.officer-1.approach", "\"passenger\""),
        at("people.officer-1.script[1].dwell", "\"45 s\""),
        at("environment.preset", "\"dense-fog\""),
        at("traffic.flow", "[\"1000 veh/h\", \"800 veh/h\"]"),
        at("drivers.prt", "{ median = \"1.2 s\" }"),
        at("road.curve.radius", "\"500 m\""),
        at("road.curve.obstruction_offset", "\"30 ft\""),
        at("traffic.mix.suv", "1"),
    };
    const sim::Scenario s = test::loadOk(kStop, overrides);
    CHECK(s.road.laneWidth == Approx(11 * kFoot));
    CHECK(s.units[1].position.y == Approx(-1.6 + 4 * kFoot));
    CHECK(s.people[0].approach == sim::ApproachSide::Passenger);
    CHECK(s.people[0].script[1].place == sim::Place::PassengerWindow);
    CHECK(s.people[0].script[1].dwell == 45.0);
    CHECK(s.environment.visibility == 50.0);
    CHECK(s.traffic.flowPerLane[1] == Approx(800.0 / 3600));
    CHECK(s.drivers.prt.median == 1.2);
    CHECK(s.drivers.prt.sigma == sim::Drivers{}.prt.sigma);  // a table value merges into the table
    CHECK(s.road.curveRadius == 500.0);                       // tables are created on the way
    REQUIRE(s.traffic.mix.size() == 1);                       // a mix of one kind: overrides are TOML keys
    CHECK(s.traffic.mix[0].spec.kind == sim::VehicleKind::Suv);
    // The flat text holds the overridden values: it reproduces the swept scenario.
    CHECK(test::dump(test::loadOk(s.sourceText)) == test::dump(s));
}

TEST_CASE("an override of an unknown key is an error at its origin with a suggestion", "[io]") {
    const auto e = onlyError({at("units.patrol.ofset", "\"3 ft\"")});
    CHECK(e.where.file == "sweeps/offset.toml");
    CHECK(e.where.line == 4);
    CHECK(e.where.column == 3);
    CHECK(e.key == "units.patrol.ofset");
    CHECK(e.hint == "did you mean \"units.patrol.offset\"?");
    CHECK(onlyError({at("raod.lane_width", "3.5")}).hint == "did you mean \"road.lane_width\"?");
    CHECK(onlyError({at("traffic.mix.sedna", "1")}).hint == "did you mean \"traffic.mix.sedan\"?");
    CHECK(onlyError({at("people.officer-1.script[0].dwel", "1")}).hint == "did you mean \"people.officer-1.script[0].dwell\"?");
    CHECK(onlyError({at("road..lanes", "3")}).hint.empty());
}

TEST_CASE("an override with the wrong unit or an invalid value is an error at its origin", "[io]") {
    const auto unit = onlyError({at("road.lane_width", "\"3 kg\"")});
    CHECK(unit.where.file == "sweeps/offset.toml");
    CHECK(unit.where.line == 4);
    CHECK(unit.key == "road.lane_width");
    CHECK_THAT(unit.found, Catch::Contains("a mass"));
    CHECK(onlyError({at("road.lanes", "9")}).where.line == 4);
    CHECK_THAT(onlyError({at("road.lane_width", "3 ft")}).expected, Catch::Contains("a TOML value"));
    CHECK_THAT(onlyError({at("road.lane_width", "3\nroad.lanes = 5")}).found, Catch::Contains("more than one value"));
    CHECK(onlyError({at("include", "[\"x.toml\"]")}).key == "include");
}

TEST_CASE("an override of a key with a unit needs the unit: 3 is not taken for 3 m", "[io]") {
    // A trainer types --compare units.patrol.offset=3 meaning feet; it used to park the car 3 m over.
    const auto bare = onlyError({at("units.patrol.offset", "3")});
    CHECK(bare.where.line == 4);
    CHECK(bare.key == "units.patrol.offset");
    CHECK(bare.expected == "a length with its unit (m, km, cm, mm, ft, in, yd, mi)");
    CHECK(bare.found == "3, a number without a unit");
    CHECK(bare.hint == "write e.g. \"3 ft\"");
    // From a command line (no line to point at), the example is what to type there.
    const Override typed{"units.patrol.offset", "3", {"command line (--compare)", 0, 0}};
    const auto result = test::loadText(kStop, std::vector<Override>{typed});
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message() ==
          "command line (--compare): units.patrol.offset: expected a length with its unit (m, km, cm, mm, ft, in, yd, mi), "
          "found 3, a number without a unit; write e.g. units.patrol.offset='\"3 ft\"'");
    CHECK(sim::io::checkOverride(typed).size() == 1);
    // Inside a table value too; a string without a unit is as bare as a number.
    CHECK(onlyError({at("drivers.prt", "{ median = 1.2 }")}).key == "drivers.prt.median");
    CHECK(onlyError({at("units.patrol.gap", "\"20\"")}).found == "20, a number without a unit");
    CHECK_THAT(onlyError({at("road.speed_limit", "[30]")}).found, Catch::Contains("an array"));
    // Zero is zero in any unit, and plain numbers have none.
    CHECK(test::loadOk(kStop, std::vector<Override>{at("units.patrol.offset", "0"), at("drivers.move_over", "0.5")}).units[1].position.y ==
          Approx(-1.6));
    CHECK(sim::io::checkOverride(at("units.patrol.offset", "\"3 ft\"")).empty());
}

TEST_CASE("a quantity typed without its TOML quotes gets a hint to quote it", "[io]") {
    const auto file = onlyError({at("road.lane_width", "11 ft")});
    CHECK(file.hint == "a quantity is a TOML string: \"11 ft\"");
    const Override typed{"road.lane_width", "11 ft", {"command line (--set)", 0, 0}};
    const auto errors = sim::io::checkOverride(typed);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].hint == "a quantity is a TOML string: road.lane_width='\"11 ft\"'");
}

TEST_CASE("an override inside a named unit or person requires that it exists", "[io]") {
    const auto unit = onlyError({at("units.patrl.offset", "\"3 ft\"")});
    CHECK(unit.where.line == 4);
    CHECK_THAT(unit.expected, Catch::Contains("the id of a unit in the scenario (violator, patrol)"));
    CHECK(unit.hint == "did you mean \"patrol\"?");
    CHECK_THAT(onlyError({at("people.officer-2.approach", "\"driver\"")}).expected, Catch::Contains("the id of a person"));
    CHECK_THAT(onlyError({at("people.officer-1.script[5].dwell", "\"3 s\"")}).expected, Catch::Contains("an index below 3"));
}

TEST_CASE("checkKeyPath accepts schema paths and suggests for near misses", "[io]") {
    for (const char* path : {"road.lane_width", "units.patrol.offset", "people.officer-1.script[2].dwell",
                             "traffic.scripted[0].drift.lateral_speed", "traffic.mix.tractor-trailer", "drivers.prt",
                             "traffic.classes.suv.length", "environment.preset"})
        CHECK(sim::io::checkKeyPath(path) == std::nullopt);
    CHECK(sim::io::checkKeyPath("road.lane_widht") == "did you mean \"road.lane_width\"?");
    CHECK(sim::io::checkKeyPath("units.patrol.heding") == "did you mean \"units.patrol.heading\"?");
    CHECK(sim::io::checkKeyPath("traffic.scripted.speed") == "");  // needs an index: no guess
    CHECK(sim::io::checkKeyPath("road.lanes[0]") == "");
    CHECK(sim::io::checkKeyPath("") == "");
    CHECK(sim::io::checkKeyPath("xyzzy.plugh") == "");
}
