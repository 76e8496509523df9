// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Published MUTCD figures the taper generator must reproduce: taper lengths and device spacing
// (MUTCD 2009 Tables 6C-3 and 6C-4; references.md#positioning, #case-taper), in the model and in the scenario
// library's taper overlays. Moved from tests/models/taper_test.cpp, plus the library checks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "io/io_test_support.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/models/taper.hpp"
#include "sim/units.hpp"

using namespace sim;
using namespace sim::models;

namespace {
double taperFeet(double offsetFeet, double mph, TaperKind kind = TaperKind::Merging) {
    return mutcdTaperLength(offsetFeet * units::kFoot, mph * units::kMph, kind) / units::kFoot;
}
}  // namespace

TEST_CASE("MUTCD merging taper, 12 ft offset: 320/540/660/780 ft at 40/45/55/65 mph (references.md#case-taper)",
          "[validation]") {
    // Exact formulas: W S^2 / 60 and W S; only unit conversions can differ (relative 1e-9).
    CHECK(taperFeet(12, 40) == Approx(320.0).epsilon(1e-9));
    CHECK(taperFeet(12, 45) == Approx(540.0).epsilon(1e-9));
    CHECK(taperFeet(12, 55) == Approx(660.0).epsilon(1e-9));
    CHECK(taperFeet(12, 65) == Approx(780.0).epsilon(1e-9));
}

TEST_CASE("MUTCD shoulder taper (L/3), 10 ft shoulder at 65 mph = 217 ft (references.md#case-taper)", "[validation]") {
    // 650 / 3 = 216.7 ft; the reference rounds to whole feet, so within 0.5 ft.
    CHECK(taperFeet(10, 65, TaperKind::Shoulder) == Approx(217.0).margin(0.5));
}

TEST_CASE("MUTCD minimum taper lengths, references.md#positioning table (whole feet)", "[validation]") {
    // references.md#positioning: L, L/2, L/3 for W = 12 ft [C] and L, L/3 for W = 10 ft [D]; rounded to
    // whole feet, halves up (62.5 -> 63): 0.5 ft tolerance, plus 1e-9 ft for the unit round trip.
    constexpr double kHalfFoot = 0.5 + 1e-9;
    struct Row {
        double mph, l12, half12, third12, l10, third10;
    };
    const Row rows[] = {
        {25, 125, 63, 42, 104, 35},   {30, 180, 90, 60, 150, 50},   {35, 245, 123, 82, 204, 68},
        {40, 320, 160, 107, 267, 89}, {45, 540, 270, 180, 450, 150}, {50, 600, 300, 200, 500, 167},
        {55, 660, 330, 220, 550, 183}, {60, 720, 360, 240, 600, 200}, {65, 780, 390, 260, 650, 217},
        {70, 840, 420, 280, 700, 233}, {75, 900, 450, 300, 750, 250},
    };
    for (const Row& r : rows) {
        INFO(r.mph << " mph");
        CHECK(taperFeet(12, r.mph) == Approx(r.l12).margin(kHalfFoot));
        CHECK(taperFeet(12, r.mph, TaperKind::Shifting) == Approx(r.half12).margin(kHalfFoot));
        CHECK(taperFeet(12, r.mph, TaperKind::Shoulder) == Approx(r.third12).margin(kHalfFoot));
        CHECK(taperFeet(10, r.mph) == Approx(r.l10).margin(kHalfFoot));
        CHECK(taperFeet(10, r.mph, TaperKind::Shoulder) == Approx(r.third10).margin(kHalfFoot));
    }
}

TEST_CASE("MUTCD taper device spacing is at most 1.0 x S ft (references.md#positioning)", "[validation]") {
    CHECK(mutcdTaperDeviceSpacing(65.0 * units::kMph) / units::kFoot == Approx(65.0));
    CHECK(mutcdTaperDeviceSpacing(40.0 * units::kMph) / units::kFoot == Approx(40.0));
}

namespace {
/// The cones of a library scenario, upstream first.
std::vector<Vec2> libraryCones(const std::string& file) {
    const Scenario sc = test::loadFileOk(std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios" / file);
    std::vector<Vec2> cones;
    for (const DeviceDef& dv : sc.devices)
        if (dv.kind == DeviceKind::Cone) cones.push_back(dv.position);
    std::sort(cones.begin(), cones.end(), [](Vec2 a, Vec2 b) { return a.x < b.x; });
    return cones;
}
}  // namespace

TEST_CASE("MUTCD taper in the scenario library: merging taper 780 ft, cones 65 ft apart, at 65 mph with 12 ft lanes",
          "[validation]") {
    // scenarios/stops/freeway-65-fire-block.toml includes tactics/lane-taper.toml: L = W S =
    // 12 x 65 = 780 ft (references.md#positioning [C]), from the edge line to the far side of lane 1, ending at
    // the blocking engine. Tolerance 1e-6 m (exact formula; the loader converts units).
    const std::vector<Vec2> cones = libraryCones("stops/freeway-65-fire-block.toml");
    REQUIRE(cones.size() == 13);  // 780 / 65 = 12 intervals
    CHECK(cones.back().x - cones.front().x == Approx(780.0 * units::kFoot).margin(1e-6));
    CHECK(cones.front().y == Approx(0.0).margin(1e-6));
    CHECK(cones.back().y == Approx(12.0 * units::kFoot).margin(1e-6));
    for (std::size_t i = 1; i < cones.size(); ++i) CHECK(cones[i].x - cones[i - 1].x <= 65.0 * units::kFoot + 1e-9);
}

TEST_CASE("MUTCD shoulder taper in the scenario library: L/3 = 8 x 45 / 3 = 120 ft on the 45 mph arterial", "[validation]") {
    // scenarios/stops/arterial-45-shoulder-taper.toml: an 8 ft shoulder at 45 mph, L = W S = 360 ft,
    // shoulder taper L/3 = 120 ft, cones at most 45 ft apart (references.md#positioning [C]). Tolerance 1e-6 m.
    const std::vector<Vec2> cones = libraryCones("stops/arterial-45-shoulder-taper.toml");
    REQUIRE(cones.size() >= 2);
    CHECK(cones.back().x - cones.front().x == Approx(120.0 * units::kFoot).margin(1e-6));
    CHECK(cones.front().y == Approx(-8.0 * units::kFoot).margin(1e-6));
    CHECK(cones.back().y == Approx(0.0).margin(1e-6));
    for (std::size_t i = 1; i < cones.size(); ++i) CHECK(cones[i].x - cones[i - 1].x <= 45.0 * units::kFoot + 1e-9);
}
