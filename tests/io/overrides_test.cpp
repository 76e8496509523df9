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
        at("drivers.prt", "{ median = 1.2 }"),
        at("road.curve.radius", "500"),
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

TEST_CASE("an override inside a named unit or person requires that it exists", "[io]") {
    const auto unit = onlyError({at("units.patrl.offset", "\"3 ft\"")});
    CHECK(unit.where.line == 4);
    CHECK_THAT(unit.expected, Catch::Contains("the id of a unit in the scenario (violator, patrol)"));
    CHECK(unit.hint == "did you mean \"patrol\"?");
    CHECK_THAT(onlyError({at("people.officer-2.approach", "\"driver\"")}).expected, Catch::Contains("the id of a person"));
    CHECK_THAT(onlyError({at("people.officer-1.script[5].dwell", "3")}).expected, Catch::Contains("an index below 3"));
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
