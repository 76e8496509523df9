// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// What a valid scenario file becomes: defaults, units, placement, taper, scripts, conditions.
#include <catch2/catch.hpp>
#include <cmath>

#include "io_test_support.hpp"
#include "scenario_dump.hpp"
#include "sim/models/kinematics.hpp"
#include "sim/models/taper.hpp"
#include "sim/units.hpp"

using sim::units::kFoot;
using sim::units::kMph;
using test::loadOk;

namespace {

/// The scenario a file with only a name gives: the C++ defaults, with the default mix written
/// out (the loader materializes it so that traffic.classes can change it).
sim::Scenario cppDefaults(const std::string& name) {
    sim::Scenario s;
    s.name = name;
    s.traffic.mix = sim::defaultFreewayMix();
    return s;
}

/// "key = <documented default>" for every key directly under `prefix` whose documented default is
/// a TOML literal (possibly followed by a note in parentheses). `tested` counts them.
std::string documentedDefaults(std::string_view prefix, int& tested) {
    std::string lines;
    for (const sim::io::KeyDoc& key : sim::io::scenarioKeys()) {
        if (key.path.rfind(prefix, 0) != 0) continue;
        const std::string rest = key.path.substr(prefix.size());
        if (rest.find_first_of(".[*") != std::string::npos || key.type.find("table") != std::string::npos) continue;
        const std::string literal = key.defaultValue.substr(0, key.defaultValue.find(" ("));
        if (literal.empty() || !(std::isdigit(static_cast<unsigned char>(literal[0])) || literal[0] == '"' ||
                                 literal[0] == '-' || literal[0] == '[' || literal == "true" || literal == "false"))
            continue;
        lines += rest + " = " + literal + "\n";
        ++tested;
    }
    return lines;
}

}  // namespace

TEST_CASE("a file with only a name gives the C++ defaults of scenario.hpp", "[io]") {
    const sim::Scenario loaded = loadOk("name = \"plain\"\n");
    CHECK(test::dump(loaded) == test::dump(cppDefaults("plain")));
}

TEST_CASE("every documented default is the C++ default", "[io]") {
    int tested = 0;
    std::string text = "name = \"plain\"\n" + documentedDefaults("", tested);
    for (const char* table : {"run", "road", "environment", "traffic", "drivers", "drivers.prt", "drivers.idm", "drivers.mobil",
                              "drivers.attention", "drivers.attention.episode_duration", "drivers.attention.drift_speed",
                              "drivers.drowsy", "drivers.impaired", "measures"})
        text += std::string("[") + table + "]\n" + documentedDefaults(std::string(table) + ".", tested);
    CHECK(tested >= 60);
    INFO(text);
    CHECK(test::differences(loadOk(text), cppDefaults("plain")) == "");
}

TEST_CASE("documented defaults of units, people and scripted vehicles are the C++ defaults", "[io]") {
    int tested = 0;
    const std::string base = R"(
[units.a]
kind = "sedan"
s = 0
d = -1.5
[units.u]
kind = "sedan"
behind = "a"
)";
    const std::string unitDefaults = documentedDefaults("units.*.", tested);
    const std::string personDefaults = documentedDefaults("people.*.", tested);
    const std::string vehicleDefaults = documentedDefaults("traffic.scripted[].", tested);
    const std::string driftDefaults = documentedDefaults("traffic.scripted[].drift.", tested);
    CHECK(tested >= 20);
    auto document = [&](bool explicitDefaults) {
        return base + (explicitDefaults ? unitDefaults : "") + "[people.p]\nscript = [{ at = \"behind-guardrail\" }]\n" +
               (explicitDefaults ? personDefaults : "") + "[[traffic.scripted]]\nid = \"v\"\n" +
               (explicitDefaults ? vehicleDefaults : "") + "[traffic.scripted.drift]\n" + (explicitDefaults ? driftDefaults : "");
    };
    const sim::Scenario implicitDefaults = loadOk(document(false));
    const sim::Scenario explicitDefaults = loadOk(document(true));
    CHECK(test::differences(explicitDefaults, implicitDefaults) == "");

    // And the implicit ones are the structs' own defaults.
    CHECK(implicitDefaults.units[1].role == sim::UnitDef{}.role);
    CHECK(implicitDefaults.units[1].braked == sim::UnitDef{}.braked);
    CHECK(implicitDefaults.people[0].walkSpeed == sim::PersonDef{}.walkSpeed);
    CHECK(implicitDefaults.people[0].mass == sim::PersonDef{}.mass);
    CHECK(implicitDefaults.scriptedVehicles[0].speed == sim::ScriptedVehicle{}.speed);
    CHECK(implicitDefaults.scriptedVehicles[0].entryS == -sim::kInfinity);
    CHECK(implicitDefaults.scriptedVehicles[0].drift->lateralSpeed == sim::ForcedDrift{}.lateralSpeed);
}

TEST_CASE("sourceText is the merged document: loading it again gives the identical scenario", "[io]") {
    const std::string text = R"(# a comment that the flat text drops
description = "round trip: \"quoted\", tab\t, unicode ✓"
[road]
lanes = 3
lane_width = "11 ft"
curve = { radius = "1500 ft", obstruction_offset = "25 ft" }
[environment]
preset = "rain-night"
friction = 0.42
[traffic]
flow = ["1400 veh/h", "1000 veh/h", 0.1]
[traffic.mix]
sedan = 0.6
tractor-trailer = 0.4
[traffic.classes.tractor-trailer]
speed_factor = 0.9
colour = "#112233"
[[traffic.scripted]]
id = "rv"
kind = "motorhome"
entry_s = -900
drift = { start_s = -150, lateral_speed = "-1 ft/s", duration = "2.5 s" }
[units.violator]
kind = "sedan"
role = "violator"
s = 0.1
d = -1.55
[units.patrol]
kind = "patrol-sedan"
role = "patrol"
behind = "violator"
offset = "2 ft"
heading = "10 deg"
lights = "emergency"
[devices]
flares = [{ s = -60, d = -1 }]
taper = { kind = "shoulder" }
[people.officer]
approach = "passenger"
script = [{ at = "inside", dwell = "45 s" }, { at = "window", dwell = 1e2 }, { at = "inside" }]
)";
    const sim::Scenario first = loadOk(text, {}, "first.toml");
    CHECK_THAT(first.sourceText, !Catch::Contains("comment"));
    const sim::Scenario second = loadOk(first.sourceText, {}, "second.toml");
    CHECK(test::dump(second) == test::dump(first));
    CHECK(second.sourceText == first.sourceText);
    CHECK(second.name == "first");  // the stem of the first file, written into the flat text
    CHECK(second.units[1].id == "patrol");
}

TEST_CASE("the name is the name key, else the file's stem", "[io]") {
    CHECK(loadOk("description = \"x\"\n", {}, "scenarios/night-stop.toml").name == "night-stop");
    CHECK(loadOk("name = \"given\"\n", {}, "scenarios/night-stop.toml").name == "given");
}

TEST_CASE("units parked behind others are placed from gap and offset", "[io]") {
    // Declared out of order on purpose: the vector keeps document order, placement follows behind.
    const sim::Scenario s = loadOk(R"(
[units.blocker]
kind = "fire-engine"
role = "blocker"
behind = "patrol"
gap = "50 ft"
offset = "-1 ft"
d = 1.0
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
gap = "15 ft"
offset = "3 ft"
[units.violator]
kind = "sedan"
role = "violator"
s = 5
d = -1.6
)");
    REQUIRE(s.units.size() == 3);
    CHECK(s.units[0].id == "blocker");
    CHECK(s.units[2].id == "violator");
    const double sedan = sim::vehicleSpec(sim::VehicleKind::Sedan).length;
    const double suv = sim::vehicleSpec(sim::VehicleKind::PatrolSuv).length;
    const double engine = sim::vehicleSpec(sim::VehicleKind::FireEngine).length;
    // Centre to centre: half of each length plus the bumper gap; offset to the left (toward traffic).
    const double patrolS = 5 - sedan / 2 - 15 * kFoot - suv / 2;
    CHECK(s.units[1].position.x == Approx(patrolS));
    CHECK(s.units[1].position.y == Approx(-1.6 + 3 * kFoot));
    CHECK(s.units[0].position.x == Approx(patrolS - suv / 2 - 50 * kFoot - engine / 2));
    CHECK(s.units[0].position.y == Approx(1.0));  // d replaces the lateral part
    // The default gap is 20 ft.
    const sim::Scenario defaults = loadOk(R"(
[units.a]
kind = "sedan"
s = 0
d = -1.5
[units.b]
kind = "sedan"
behind = "a"
)");
    CHECK(defaults.units[1].position.x == Approx(-sedan - 20 * kFoot));
    CHECK(defaults.units[1].position.y == Approx(-1.5));
}

TEST_CASE("a shoulder taper ends at the rear of the most upstream unit with the MUTCD length", "[io]") {
    const sim::Scenario s = loadOk(R"(
[units.violator]
kind = "sedan"
s = 0
d = -1.6
[units.patrol]
kind = "patrol-suv"
behind = "violator"
[devices]
cones = [{ s = 2, d = -0.3 }]
taper = { kind = "shoulder" }
)");
    const double rear = s.units[1].position.x - sim::vehicleSpec(sim::VehicleKind::PatrolSuv).length / 2;
    // MUTCD: L = W S for S >= 45 mph (ft, mph), a shoulder taper L/3: 10 ft at 65 mph is 217 ft
    // (references.md#case-taper).
    const double length = 10.0 * 65.0 / 3.0 * kFoot;
    const double spacing = 65.0 * kFoot;
    REQUIRE(s.devices.size() >= 2);
    CHECK(s.devices[0].position.x == 2.0);  // the explicit cone comes first
    std::vector<sim::Vec2> taper;
    for (std::size_t i = 1; i < s.devices.size(); ++i) taper.push_back(s.devices[i].position);
    CHECK(taper.size() >= static_cast<std::size_t>(std::ceil(length / spacing)) + 1);
    CHECK(taper.front().x == Approx(rear - length).margin(0.01));
    CHECK(taper.front().y == Approx(-10 * kFoot));
    CHECK(taper.back().x == Approx(rear));
    CHECK(taper.back().y == Approx(0.0).margin(1e-9));
    for (std::size_t i = 1; i < taper.size(); ++i) CHECK(taper[i].x - taper[i - 1].x <= spacing + 1e-9);
    CHECK(taper == sim::models::taperCones(rear, -10 * kFoot, 0.0, 65 * kMph, sim::models::TaperKind::Shoulder));
}

TEST_CASE("a merging taper closes lane 1 by default, its band and end can be given", "[io]") {
    const sim::Scenario s = loadOk(R"(
[devices.taper]
kind = "merging"
end_s = -30
speed = "45 mph"
)");
    const double laneWidth = 12 * kFoot;
    CHECK(s.devices.size() == sim::models::taperCones(-30, 0, laneWidth, 45 * kMph, sim::models::TaperKind::Merging).size());
    CHECK(s.devices.front().position.x == Approx(-30 - 12 * 45 * kFoot).margin(0.01));  // L = W S = 540 ft
    CHECK(s.devices.back().position.y == Approx(laneWidth));
}

TEST_CASE("script places: window follows the approach, units default by role", "[io]") {
    const sim::Scenario s = loadOk(R"(
[units.tow]
kind = "tow-truck"
role = "other"
s = 20
d = -1.5
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = -1.6
[units.patrol]
kind = "patrol-sedan"
role = "patrol"
behind = "violator"
[people.driver-side]
script = [{ at = "driver-door", dwell = 5 }, { at = "window", dwell = "1 min" }, { at = "inside" }]
[people.passenger-side]
approach = "passenger"
script = [{ at = "window", dwell = 5 }, { at = "rear", unit = "tow", dwell = 0 }, { at = "behind-guardrail" }]
)");
    const sim::PersonDef& a = s.people[0];
    REQUIRE(a.script.size() == 3);
    CHECK(a.script[0].place == sim::Place::DriverDoor);
    CHECK(a.script[0].unit == 2);  // the first patrol unit
    CHECK(a.script[1].place == sim::Place::DriverWindow);
    CHECK(a.script[1].unit == 1);  // the first violator
    CHECK(a.script[1].dwell == 60.0);
    CHECK(a.script[2].unit == 2);
    CHECK(a.script[2].dwell == sim::kInfinity);
    const sim::PersonDef& b = s.people[1];
    CHECK(b.approach == sim::ApproachSide::Passenger);
    CHECK(b.script[0].place == sim::Place::PassengerWindow);
    CHECK(b.script[1].unit == 0);
    CHECK(b.script[1].dwell == 0.0);
    CHECK(b.script[2].place == sim::Place::BehindGuardrail);
}

TEST_CASE("behind-guardrail needs neither a guardrail nor a unit", "[io]") {
    const sim::Scenario s = loadOk("[people.p]\nscript = [{ at = \"behind-guardrail\" }]\n");
    CHECK_FALSE(s.road.guardrail);
    CHECK(s.people[0].script[0].unit == 0);
}

TEST_CASE("conditions: preset, then the individual keys, friction last", "[io]") {
    const sim::Scenario preset = loadOk("[environment]\npreset = \"rain-night\"\nlight = \"dusk\"\n");
    CHECK(preset.environment.weather == sim::Weather::Rain);
    CHECK(preset.environment.light == sim::Light::Dusk);
    CHECK(preset.environment.visibility == 3700.0);
    CHECK(preset.environment.surface == sim::Surface::Wet);
    CHECK(preset.environment.friction == 0.5);
    const sim::Scenario surface = loadOk("[environment]\npreset = \"rain\"\nsurface = \"ice\"\n");
    CHECK(surface.environment.friction == 0.1);
    const sim::Scenario friction = loadOk("[environment]\nfriction = 0.35\npreset = \"snow\"\nsurface = \"wet\"\n");
    CHECK(friction.environment.surface == sim::Surface::Wet);
    CHECK(friction.environment.friction == 0.35);  // last, whatever the order in the file
}

TEST_CASE("a curve sets the sight distance unless it is given", "[io]") {
    const sim::Scenario curve = loadOk("[road.curve]\nradius = 500\nobstruction_offset = 10\n");
    CHECK(curve.road.curveRadius == 500.0);
    CHECK(curve.road.sightObstructionOffset == 10.0);
    CHECK(curve.road.sightDistance == Approx(2 * 500 * std::acos(1 - 10.0 / 500)));  // AASHTO HSO solved for S
    const sim::Scenario given = loadOk("[road]\nsight_distance = \"800 ft\"\n[road.curve]\nradius = 500\nobstruction_offset = 10\n");
    CHECK(given.road.sightDistance == Approx(800 * kFoot));
    CHECK(loadOk("name = \"straight\"\n").road.sightDistance == sim::kInfinity);
}

TEST_CASE("flows: one value for every lane, or one per lane", "[io]") {
    const sim::Scenario one = loadOk("[road]\nlanes = 3\n[traffic]\nflow = \"900 veh/h\"\n");
    CHECK(one.traffic.flowPerLane == std::vector<double>(3, 900 * sim::units::kPerHour));
    const sim::Scenario defaults = loadOk("[road]\nlanes = 4\n");
    CHECK(defaults.traffic.flowPerLane == std::vector<double>(4, 1200 * sim::units::kPerHour));
    const sim::Scenario each = loadOk("[road]\nlanes = 2\n[traffic]\nflow = [\"1500 veh/h\", \"10 veh/min\"]\n");
    CHECK(each.traffic.flowPerLane[0] == Approx(1500.0 / 3600));
    CHECK(each.traffic.flowPerLane[1] == Approx(10.0 / 60));
}

TEST_CASE("a mix replaces the default, classes change the kinds of the mix", "[io]") {
    const sim::Scenario s = loadOk(R"(
[traffic.mix]
suv = 3
tractor-trailer = 1
[traffic.classes.tractor-trailer]
length = "75 ft"
mass = "80000 lb"
)");
    REQUIRE(s.traffic.mix.size() == 2);
    CHECK(s.traffic.mix[0].spec.kind == sim::VehicleKind::Suv);
    CHECK(s.traffic.mix[0].share == 3.0);
    CHECK(s.traffic.mix[1].spec.length == Approx(75 * kFoot));
    CHECK(s.traffic.mix[1].spec.mass == Approx(36287.39).margin(0.01));
    CHECK(s.traffic.mix[1].spec.headwayFactor == sim::vehicleSpec(sim::VehicleKind::TractorTrailer).headwayFactor);
}

TEST_CASE("scripted vehicles and units take vehicle-field overrides", "[io]") {
    const sim::Scenario s = loadOk(R"(
[[traffic.scripted]]
id = "impaired-pickup"
kind = "pickup"
lane = 2
entry_time = "30 s"
speed = "68 mph"
state = "impaired"
moves_over = false
drift = { start_s = -300, lateral_speed = -0.4, reacts = false }
max_decel = "0.5 g"
[units.engine]
kind = "fire-engine"
s = -40
d = 0.5
heading = "30 deg"
wheel_angle = "-0.5 rad"
colour = "#FFD700"
mass = "20 t"
braked = false
lights = "arrow-board"
)");
    const sim::ScriptedVehicle& v = s.scriptedVehicles.at(0);
    CHECK(v.spec.kind == sim::VehicleKind::Pickup);
    CHECK(v.lane == 2);
    CHECK(v.entryTime == 30.0);
    CHECK(v.speed == Approx(68 * kMph));
    CHECK(v.state == sim::DriverState::Impaired);
    CHECK(v.movesOver == false);
    REQUIRE(v.drift);
    CHECK(v.drift->startS == -300.0);
    CHECK_FALSE(v.drift->reacts);
    CHECK(v.drift->duration == sim::ForcedDrift{}.duration);
    CHECK(v.spec.maxDecel == Approx(0.5 * 9.81));
    const sim::UnitDef& u = s.units.at(0);
    CHECK(u.heading == Approx(30 * sim::units::kDegree));
    CHECK(u.wheelAngle == -0.5);
    CHECK(u.spec.colour == 0xFFFFD700u);
    CHECK(u.spec.mass == 20000.0);
    CHECK_FALSE(u.braked);
    CHECK(u.lights == sim::UnitLights::ArrowBoard);
}

TEST_CASE("a generated scene of 10,000 units parked in a chain loads, placed one behind the other", "[io]") {
    // Placement follows behind iteratively and looks ids up by hash: this would overflow the stack
    // or take minutes otherwise. The chain is declared back to front.
    constexpr int kUnits = 10000;
    std::string text = "[road]\nupstream_length = 20000\n";
    for (int i = kUnits - 1; i >= 0; --i) {
        text += "[units.u" + std::to_string(i) + "]\nkind = \"sedan\"\nlength = 1\nwheelbase = 0.5\n";
        text += i == 0 ? std::string("s = 0\nd = -1.5\n") : "behind = \"u" + std::to_string(i - 1) + "\"\ngap = 0\n";
    }
    const sim::Scenario s = loadOk(text);
    REQUIRE(s.units.size() == kUnits);
    CHECK(s.units.front().id == "u9999");
    CHECK(s.units.front().position.x == Approx(-9999.0));
    CHECK(s.units.back().position.x == 0.0);
}
