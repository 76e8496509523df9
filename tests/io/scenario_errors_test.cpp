// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// What the loader reports for bad scenarios: every error, each at its file:line:column with the
// key path, what was expected, what was found, and a suggestion where one is likely.
#include <catch2/catch.hpp>

#include "io_test_support.hpp"

using test::errorAbout;
using test::errorsAbout;
using test::loadText;
using test::messages;

namespace {

// A valid stop that the tests below break in one place at a time.
constexpr std::string_view kStop = R"(
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = -1.6

[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"

[people.officer]
script = [{ at = "inside", dwell = "30 s" }, { at = "window" }]
)";

std::string stopWith(std::string_view extra) { return std::string(kStop) + std::string(extra); }

}  // namespace

TEST_CASE("an error names file, line, column and key path, what was expected and what was found", "[io]") {
    const auto result = loadText("name = \"x\"\n[road]\nlane_width = -3\n");
    REQUIRE_FALSE(result.ok());
    CHECK_FALSE(result.scenario);
    const auto e = errorAbout(result, "road.lane_width");
    CHECK(e.where.file == "test.toml");
    CHECK(e.where.line == 3);
    CHECK(e.where.column == 14);
    CHECK(e.message() == "test.toml:3:14: road.lane_width: expected a length in 2.5–5 m, found -3");
}

TEST_CASE("every error is reported in one pass, in file order", "[io]") {
    const auto result = loadText(R"(
[road]
lanes = 9
lane_width = "12 kg"
speed_limit = 65

[environment]
visibility = 0

[measures]
ttc_horizon = "-1 s"
)");
    REQUIRE(result.errors.size() == 5);
    CHECK(result.errors[0].key == "road.lanes");
    CHECK(result.errors[1].key == "road.lane_width");
    CHECK(result.errors[2].key == "road.speed_limit");
    CHECK(result.errors[3].key == "environment.visibility");
    CHECK(result.errors[4].key == "measures.ttc_horizon");
    for (std::size_t i = 1; i < result.errors.size(); ++i) CHECK(result.errors[i - 1].where.line < result.errors[i].where.line);
    CHECK_THAT(messages(result), Catch::Contains("found \"12 kg\": a mass (kg), not a length"));
    // A bare 65 for a speed is 65 m/s; 65 mph is likely what was meant.
    CHECK(errorAbout(result, "road.speed_limit").hint == "did you mean \"65 mph\"?");
}

TEST_CASE("a misspelt key gets a did-you-mean at every level", "[io]") {
    const auto result = loadText("descripton = \"typo at the top\"\n" + stopWith(R"(
[road]
lane_widht = "12 ft"
[enviroment]
light = "night"
[units.violator.drift]
[drivers.attention]
episode_rat = "9 /h"
[drivers.prt]
medain = 1.1
)"));
    CHECK(errorAbout(result, "descripton").hint == "did you mean \"description\"?");
    CHECK(errorAbout(result, "road.lane_widht").hint == "did you mean \"lane_width\"?");
    CHECK(errorAbout(result, "enviroment").hint == "did you mean \"environment\"?");
    CHECK(errorAbout(result, "drivers.attention.episode_rat").hint == "did you mean \"episode_rate\"?");
    CHECK(errorAbout(result, "drivers.prt.medain").hint == "did you mean \"median\"?");
    // Located at the key, and the expectation lists the valid keys of that table.
    const auto e = errorAbout(result, "road.lane_widht");
    CHECK(e.where.column == 1);
    CHECK_THAT(e.expected, Catch::Contains("a key of [road]") && Catch::Contains("lane_width"));
    // Units have no "drift": only scripted vehicles do. Nothing is close, so no suggestion.
    CHECK(errorAbout(result, "units.violator.drift").hint.empty());
}

TEST_CASE("a misspelt name in a value or in a named table gets a did-you-mean", "[io]") {
    const auto result = loadText(stopWith(R"(
[environment]
light = "nigth"
preset = "dense_fog"
[traffic.mix]
sedna = 1
suv = 1
[[traffic.scripted]]
id = "rv"
kind = "motorhoem"
)"));
    CHECK(errorAbout(result, "environment.light").hint == "did you mean \"night\"?");
    CHECK(errorAbout(result, "environment.preset").hint == "did you mean \"dense-fog\"?");
    CHECK(errorAbout(result, "traffic.mix.sedna").hint == "did you mean \"sedan\"?");
    CHECK(errorAbout(result, "traffic.scripted[0].kind").hint == "did you mean \"motorhome\"?");
}

TEST_CASE("ranges are enforced: negative widths, zero visibility, speeds in kilograms", "[io]") {
    const auto result = loadText(R"(
[road]
shoulder_width = "-2 ft"
speed_limit = "30 kg"
[environment]
visibility = 0
friction = 1.5
)");
    CHECK_THAT(errorAbout(result, "road.shoulder_width").found, Catch::Contains("-0.6096 m"));
    CHECK_THAT(errorAbout(result, "road.speed_limit").found, Catch::Contains("a mass"));
    CHECK(errorAbout(result, "environment.visibility").expected == "a length in 10–100000 m");
    CHECK(errorAbout(result, "environment.friction").expected == "a number in 0.05–1.2");
}

TEST_CASE("an angle given as a bare number is radians, out of range, the hint offers degrees", "[io]") {
    const auto result = loadText(stopWith("[units.violator.heading]\n"));  // wrong type first
    CHECK(errorAbout(result, "units.violator.heading").found == "a table");

    std::string text(kStop);
    text.insert(text.find("role = \"violator\""), "heading = 15\n");
    const auto degrees = loadText(text);
    const auto e = errorAbout(degrees, "units.violator.heading");
    CHECK_THAT(e.expected, Catch::Contains("-1.5708 to 1.5708 rad (-90 to 90 deg)"));
    CHECK(e.hint == "did you mean \"15 deg\"?");
}

TEST_CASE("wrong types are errors: strings for numbers, tables for arrays, arrays for tables", "[io]") {
    const auto result = loadText(stopWith(R"(
[road]
lanes = "two"
guardrail = "yes"
[[measures]]
ttc_horizon = 5
[devices]
cones = { s = 1, d = 2 }
)"));
    CHECK(errorAbout(result, "road.lanes").found == "the string \"two\"");
    CHECK(errorAbout(result, "road.guardrail").expected == "true or false");
    const auto arrayForTable = errorAbout(result, "measures");
    CHECK(arrayForTable.found == "an array");
    CHECK(arrayForTable.hint == "write [measures], not [[measures]]");
    CHECK(errorAbout(result, "devices.cones").expected == "an array of tables");
}

TEST_CASE("references between units and people are checked", "[io]") {
    SECTION("behind a unit that does not exist") {
        std::string text(kStop);
        text.replace(text.find("behind = \"violator\""), 19, "behind = \"violater\"");
        const auto e = errorAbout(loadText(text), "units.patrol.behind");
        CHECK(e.where.line == 11);
        CHECK(e.hint == "did you mean \"violator\"?");
    }
    SECTION("a cycle of behind") {
        const auto result = loadText(R"(
[units.a]
kind = "sedan"
behind = "c"
[units.b]
kind = "sedan"
behind = "a"
[units.c]
kind = "sedan"
behind = "b"
)");
        REQUIRE(result.errors.size() == 1);
        CHECK_THAT(result.errors[0].found, Catch::Contains("a → c → b → a"));
    }
    SECTION("a script naming a unit that does not exist") {
        const auto result = loadText(stopWith(R"(
[people.motorist]
role = "motorist"
script = [{ at = "inside", unit = "violater" }]
)"));
        const auto e = errorAbout(result, "people.motorist.script[0].unit");
        CHECK(e.where.line == 18);
        CHECK(e.hint == "did you mean \"violator\"?");
    }
    SECTION("a default unit that does not exist") {
        const auto result = loadText(R"(
[units.tow]
kind = "tow-truck"
s = 0
d = -2
[people.driver]
script = [{ at = "driver-door" }]
)");
        const auto e = errorAbout(result, "people.driver.script[0].unit");
        CHECK(e.found == "no unit with role patrol");
        CHECK(e.where.line == 7);
    }
}

TEST_CASE("cross-key rules: flows per lane, dwell, wheelbase, mix, curve, unique ids, positions", "[io]") {
    const auto result = loadText(stopWith(R"(
[road]
lanes = 3
[road.curve]
radius = 100
obstruction_offset = 150
[traffic]
flow = ["1000 veh/h", "900 veh/h"]
[traffic.mix]
sedan = 0
[traffic.classes.suv]
length = 5
[[traffic.scripted]]
id = "a"
lane = 4
[[traffic.scripted]]
id = "a"
wheelbase = 6
[people.second]
script = [{ at = "rear" }, { at = "front", dwell = 5 }]
[units.far]
kind = "sedan"
s = -2000
d = 50
)"));
    CHECK(errorAbout(result, "road.curve.obstruction_offset").expected == "an offset smaller than the radius (100 m)");
    CHECK(errorAbout(result, "traffic.flow").found == "2 values");
    CHECK(errorAbout(result, "traffic.mix").found == "only zero shares");
    CHECK_THAT(errorAbout(result, "traffic.classes.suv").expected, Catch::Contains("a vehicle kind of traffic.mix (sedan)"));
    CHECK(errorAbout(result, "traffic.scripted[0].lane").expected == "a lane in 1–3 (road.lanes)");
    CHECK_THAT(errorAbout(result, "traffic.scripted[1].id").found, Catch::Contains("also at line"));
    CHECK(errorAbout(result, "traffic.scripted[1].wheelbase").found == "6 m");
    CHECK(errorAbout(result, "people.second.script[0].dwell").expected == "a time ≥ 0 s (only the last step may omit dwell)");
    CHECK_THAT(errorAbout(result, "units.far.s").expected, Catch::Contains("-1500 to 300 m"));
    CHECK(errorsAbout(result, "units.far.d").size() == 1);
}

TEST_CASE("required keys: a unit's kind and position, a person's script", "[io]") {
    const auto result = loadText(R"(
[units.a]
role = "violator"
[people.p]
role = "officer"
)");
    CHECK(errorAbout(result, "units.a.kind").found == "no value");
    CHECK(errorAbout(result, "units.a.s").where.line == 2);
    CHECK(errorsAbout(result, "units.a.d").size() == 1);
    CHECK(errorAbout(result, "people.p.script").expected == "an array of tables (required)");
}

TEST_CASE("gap and offset without behind are errors, s together with behind is an error", "[io]") {
    const auto result = loadText(R"(
[units.a]
kind = "sedan"
s = 0
d = -1.5
offset = "2 ft"
[units.b]
kind = "sedan"
behind = "a"
s = -10
)");
    CHECK(errorAbout(result, "units.a.offset").found == "no behind");
    CHECK(errorAbout(result, "units.b.s").found == "both s and behind");
}

TEST_CASE("an empty or comment-only file is an error", "[io]") {
    for (const char* text : {"", "  \n\n", "# only a comment\n"}) {
        const auto result = loadText(text);
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].found == "an empty document");
    }
}

TEST_CASE("a number without the unit of its key loads in SI, with a note saying what it was taken as", "[io]") {
    // gap = 20 used to validate silently as 20 m (66 ft) where a trainer meant 20 ft.
    const auto result = loadText(R"(
[units.a]
kind = "sedan"
s = 0
d = -1.5
[units.b]
kind = "sedan"
behind = "a"
gap = 20
offset = "0 ft"
heading = 0.1
)");
    INFO(test::messages(result));
    REQUIRE(result.ok());
    CHECK(result.scenario->units[1].position.x == Approx(-20.0 - result.scenario->units[0].spec.length));
    std::vector<std::string> notes;
    for (const sim::io::Diagnostic& d : result.notes) notes.push_back(d.message());
    // s = 0 needs no unit; d, gap and heading are read in SI and each is said.
    CHECK(notes == std::vector<std::string>{
                       "test.toml:5:5: units.a.d: note: -1.5 without a unit is read as -1.5 m (-4.92126 ft); write \"-1.5 m\" to say so",
                       "test.toml:9:7: units.b.gap: note: 20 without a unit is read as 20 m (65.6168 ft); write \"20 m\" to say so",
                       "test.toml:11:11: units.b.heading: note: 0.1 without a unit is read as 0.1 rad (5.72958 deg); write \"0.1 rad\" "
                       "to say so"});
}
