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
