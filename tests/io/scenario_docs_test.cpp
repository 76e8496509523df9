// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// scenarios/README.md documents every key of the schema, and the scenario files in the
// repository load cleanly: the docs and the examples cannot drift from the code.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "io_test_support.hpp"
#include "scenario_dump.hpp"
#include "sim/io/quantity.hpp"
#include "sim/presets.hpp"
#include "sim/units.hpp"

namespace {

const std::filesystem::path kScenarios = std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios";

std::string readme() {
    std::ifstream in(kScenarios / "README.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string cell(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

std::string number(double value, const char* format = "%.4g") {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// The generated tables of README.md: each row is checked, so the doc follows the code.

/// | `path` | type | unit | default | range | meaning |
std::string keyRow(const sim::io::KeyDoc& key) {
    return "| `" + key.path + "` | " + cell(key.type) + " | " + cell(key.unit) + " | " + cell(key.defaultValue) + " | " +
           cell(key.range) + " | " + cell(key.meaning) + " |";
}

/// | `kind` | length | width | mass | wheelbase | braking | a, T, v0 factors | colour |
std::string vehicleRow(sim::VehicleKind kind) {
    const sim::VehicleSpec v = sim::vehicleSpec(kind);
    char colour[8];
    std::snprintf(colour, sizeof colour, "#%06X", static_cast<unsigned>(v.colour & 0xFFFFFFu));
    return "| `" + std::string(sim::name(kind)) + "` | " + number(v.length) + " m | " + number(v.width) + " m | " +
           number(v.mass, "%.0f") + " kg | " + number(v.wheelbase) + " m | " + number(v.maxDecel, "%.2f") + " m/s^2 (" +
           number(v.maxDecel / sim::units::kGravity, "%.2f") + " g) | " + number(v.accelFactor) + " / " +
           number(v.headwayFactor) + " / " + number(v.speedFactor) + " | `" + colour + "` |";
}

/// | `kind` | share |
std::string mixRow(const sim::MixEntry& entry) {
    return "| `" + std::string(sim::name(entry.spec.kind)) + "` | " + number(entry.share) + " |";
}

/// | `preset` | weather | light | visibility | surface | friction | source |
std::string conditionsRow(const sim::ConditionsPreset& p) {
    return "| `" + std::string(p.name) + "` | " + std::string(sim::name(p.weather)) + " | " + std::string(sim::name(p.light)) +
           " | " + number(p.visibility, "%.0f") + " m | " + std::string(sim::name(p.surface)) + " | " +
           number(sim::surfaceFriction(p.surface)) + " | " + cell(std::string(p.source)) + " |";
}

}  // namespace

TEST_CASE("scenarios/README.md documents every key of the schema, with its current default and range", "[io]") {
    const std::string doc = readme();
    for (const sim::io::KeyDoc& key : sim::io::scenarioKeys()) {
        INFO("README.md lacks this row (roadside_tests \"[.readme]\" prints them all):\n" << keyRow(key));
        CHECK_THAT(doc, Catch::Contains("`" + key.path + "`"));
        CHECK_THAT(doc, Catch::Contains(keyRow(key)));
        CHECK_FALSE(key.meaning.empty());
        CHECK_FALSE(key.type.empty());
    }
    CHECK(sim::io::scenarioKeys().size() > 150);
}

TEST_CASE("scenarios/README.md shows the current presets: vehicles, the mix, conditions", "[io]") {
    const std::string doc = readme();
    const char* help = "README.md lacks this row (roadside_tests \"[.readme]\" prints them all):\n";
    for (std::string_view kind : sim::names<sim::VehicleKind>()) {
        const std::string row = vehicleRow(*sim::parseName<sim::VehicleKind>(kind));
        INFO(help << row);
        CHECK_THAT(doc, Catch::Contains(row));
    }
    for (const sim::MixEntry& entry : sim::defaultFreewayMix()) {
        INFO(help << mixRow(entry));
        CHECK_THAT(doc, Catch::Contains(mixRow(entry)));
    }
    for (const sim::ConditionsPreset& preset : sim::conditionsPresets()) {
        INFO(help << conditionsRow(preset));
        CHECK_THAT(doc, Catch::Contains(conditionsRow(preset)));
    }
}

// Hidden (run it by its tag): prints the generated tables of scenarios/README.md.
TEST_CASE("print the README tables", "[.readme]") {
    std::cout << "| kind | length | width | mass | wheelbase | braking (dry) | a / T / v0 factors | colour |\n"
                 "|---|---|---|---|---|---|---|---|\n";
    for (std::string_view kind : sim::names<sim::VehicleKind>()) std::cout << vehicleRow(*sim::parseName<sim::VehicleKind>(kind)) << "\n";
    std::cout << "\n| kind | share |\n|---|---|\n";
    for (const sim::MixEntry& entry : sim::defaultFreewayMix()) std::cout << mixRow(entry) << "\n";
    std::cout << "\n| preset | weather | light | visibility | surface | friction | source |\n|---|---|---|---|---|---|---|\n";
    for (const sim::ConditionsPreset& preset : sim::conditionsPresets()) std::cout << conditionsRow(preset) << "\n";
    std::string section;
    for (const sim::io::KeyDoc& key : sim::io::scenarioKeys()) {
        const bool nested = key.path.find_first_of(".[") != std::string::npos;
        const bool table = key.type.find("table") != std::string::npos;
        const std::string heading = nested ? key.path.substr(0, key.path.find_first_of(".[")) : table ? key.path : "";
        if (heading != section || section.empty() != heading.empty() || (&key == sim::io::scenarioKeys().data())) {
            section = heading;
            std::cout << "\n#### " << (heading.empty() ? std::string("Top level") : "[" + heading + "]") << "\n\n"
                      << "| key | type | unit | default | range | meaning |\n|---|---|---|---|---|---|\n";
        }
        std::cout << keyRow(key) << "\n";
    }
}

TEST_CASE("scenarios/README.md names every preset, unit symbol and place", "[io]") {
    const std::string doc = readme();
    for (std::string_view kind : sim::names<sim::VehicleKind>()) CHECK_THAT(doc, Catch::Contains("`" + std::string(kind) + "`"));
    for (const sim::ConditionsPreset& p : sim::conditionsPresets()) CHECK_THAT(doc, Catch::Contains("`" + std::string(p.name) + "`"));
    for (std::string_view place : sim::names<sim::Place>()) CHECK_THAT(doc, Catch::Contains("`" + std::string(place) + "`"));
    for (const sim::io::UnitInfo& unit : sim::io::knownUnits()) CHECK_THAT(doc, Catch::Contains("`" + std::string(unit.symbol) + "`"));
}

TEST_CASE("the scenario files in the repository load without errors", "[io]") {
    const sim::Scenario stop = test::loadFileOk(kScenarios / "default-stop.toml");
    CHECK(stop.name == "default-stop");
    CHECK(stop.units.size() == 2);
    CHECK(stop.people.size() == 2);
    int examples = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kScenarios / "examples")) {
        if (entry.path().extension() != ".toml") continue;
        const sim::Scenario s = test::loadFileOk(entry.path());
        CHECK(s.name == entry.path().stem().string());
        CHECK(test::dump(test::loadOk(s.sourceText)) == test::dump(s));
        ++examples;
    }
    CHECK(examples >= 3);
}

TEST_CASE("the examples compose the default stop by includes", "[io]") {
    const sim::Scenario stop = test::loadFileOk(kScenarios / "default-stop.toml");
    const sim::Scenario rain = test::loadFileOk(kScenarios / "examples/night-rain-passenger.toml");
    CHECK(rain.environment.light == sim::Light::Night);
    CHECK(rain.environment.surface == sim::Surface::Wet);
    CHECK(rain.people[0].approach == sim::ApproachSide::Passenger);
    CHECK(rain.units[1].position == stop.units[1].position);
    const sim::Scenario block = test::loadFileOk(kScenarios / "examples/fire-block-taper.toml");
    CHECK(block.road.lanes == 3);
    REQUIRE(block.units.size() == 3);
    CHECK(block.units[2].spec.kind == sim::VehicleKind::FireEngine);
    CHECK(block.units[2].position.x < block.units[1].position.x);
    CHECK(block.devices.size() >= 4);
    CHECK(block.devices.back().position.x < block.units[2].position.x);
}
