// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/models/taper.hpp"
#include "sim/units.hpp"

using namespace sim;
using namespace sim::models;

namespace {
double taperFeet(double offsetFeet, double mph, TaperKind kind = TaperKind::Merging) {
    return mutcdTaperLength(offsetFeet * units::kFoot, mph * units::kMph, kind) / units::kFoot;
}
}  // namespace

TEST_CASE("MUTCD merging taper, 12 ft offset: 320/540/660/780 ft at 40/45/55/65 mph (calibration §11.11)",
          "[models][validation]") {
    // Exact formulas: W S^2 / 60 and W S; only unit conversions can differ (relative 1e-9).
    CHECK(taperFeet(12, 40) == Approx(320.0).epsilon(1e-9));
    CHECK(taperFeet(12, 45) == Approx(540.0).epsilon(1e-9));
    CHECK(taperFeet(12, 55) == Approx(660.0).epsilon(1e-9));
    CHECK(taperFeet(12, 65) == Approx(780.0).epsilon(1e-9));
}

TEST_CASE("MUTCD shoulder taper (L/3), 10 ft shoulder at 65 mph = 217 ft (calibration §11.11)", "[models][validation]") {
    // 650 / 3 = 216.7 ft; the reference rounds to whole feet, so within 0.5 ft.
    CHECK(taperFeet(10, 65, TaperKind::Shoulder) == Approx(217.0).margin(0.5));
}

TEST_CASE("MUTCD minimum taper lengths, calibration §7 table (whole feet)", "[models][validation]") {
    // calibration §7: L, L/2, L/3 for W = 12 ft [C] and L, L/3 for W = 10 ft [D]; rounded to
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

TEST_CASE("Taper length between 40 and 45 mph is the linear interpolation (assumption)", "[models]") {
    CHECK(taperFeet(12, 42.5) == Approx(430.0));  // halfway between 320 and 540
    double last = 0.0;
    for (double mph = 20.0; mph <= 80.0; mph += 0.25) {
        const double l = taperFeet(12, mph);
        CHECK(l > last);
        last = l;
    }
    CHECK(taperFeet(-12, 65) == Approx(780.0));  // the offset's sign does not matter
}

TEST_CASE("MUTCD taper device spacing is at most 1.0 x S ft (calibration §7)", "[models][validation]") {
    CHECK(mutcdTaperDeviceSpacing(65.0 * units::kMph) / units::kFoot == Approx(65.0));
    CHECK(mutcdTaperDeviceSpacing(40.0 * units::kMph) / units::kFoot == Approx(40.0));
}

TEST_CASE("taperCones: evenly spaced on the taper line, upstream first, spacing <= S ft", "[models]") {
    const double speed = 65.0 * units::kMph;
    const double sEnd = -30.0;
    const double dFrom = 0.0;
    const double dTo = 12.0 * units::kFoot;
    const auto cones = taperCones(sEnd, dFrom, dTo, speed, TaperKind::Merging);
    const double length = 780.0 * units::kFoot;
    const double maxSpacing = 65.0 * units::kFoot;
    REQUIRE(cones.size() == 13);  // 780 ft / 65 ft = 12 intervals exactly
    CHECK(cones.front().x == Approx(sEnd - length));
    CHECK(cones.front().y == Approx(dFrom).margin(1e-12));
    CHECK(cones.back().x == sEnd);
    CHECK(cones.back().y == Approx(dTo));
    for (std::size_t i = 1; i < cones.size(); ++i) {
        const double ds = cones[i].x - cones[i - 1].x;
        CHECK(ds > 0.0);
        CHECK(ds <= maxSpacing * (1.0 + 1e-12));
        CHECK(ds == Approx(length / 12.0));
        // On the straight line from (sEnd - L, dFrom) to (sEnd, dTo).
        const double f = (cones[i].x - (sEnd - length)) / length;
        CHECK(cones[i].y == Approx(dFrom + f * (dTo - dFrom)));
    }

    // A shoulder taper at 45 mph: L = 10 x 45 / 3 = 150 ft, spacing <= 45 ft: 4 intervals.
    const auto shoulder = taperCones(0.0, -10.0 * units::kFoot, 0.0, 45.0 * units::kMph, TaperKind::Shoulder);
    REQUIRE(shoulder.size() == 5);
    CHECK(shoulder.front().x == Approx(-150.0 * units::kFoot));
    for (std::size_t i = 1; i < shoulder.size(); ++i) {
        CHECK(shoulder[i].x - shoulder[i - 1].x <= 45.0 * units::kFoot);
    }

    // No offset: one cone at the end.
    const auto none = taperCones(5.0, 1.0, 1.0, speed, TaperKind::Merging);
    REQUIRE(none.size() == 1);
    CHECK(none[0].x == 5.0);
}
