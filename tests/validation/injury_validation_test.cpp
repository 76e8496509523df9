// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Published injury figures the injury model must reproduce: Tefft (2013) pedestrian death and
// AIS 4+ risk against impact speed (references.md#injury, #case-injury). Moved from tests/models/injury_test.cpp.
#include <catch2/catch.hpp>

#include "sim/models/injury.hpp"
#include "sim/units.hpp"

using namespace sim;
using namespace sim::models;

namespace {
struct Point {
    double risk;
    double mph;
};
}  // namespace

TEST_CASE("Tefft 2013 pedestrian death risk at the published percentile speeds within 0.03", "[validation]") {
    // references.md#injury, #case-injury [C]: 10/25/50/75/90 % at 24.1/32.5/40.6/48.0/54.6 mph. The tolerance is
    // the reference's (§11.4); the logistic fit's own maximum error is 0.023.
    for (const Point p : {Point{0.10, 24.1}, Point{0.25, 32.5}, Point{0.50, 40.6}, Point{0.75, 48.0},
                          Point{0.90, 54.6}}) {
        INFO(p.mph << " mph");
        CHECK(pedestrianDeathRisk(p.mph * units::kMph) == Approx(p.risk).margin(0.03));
    }
}

TEST_CASE("Tefft 2013 pedestrian AIS 4+ injury risk at the published percentile speeds within 0.03",
          "[validation]") {
    // references.md#injury, #case-injury [C]: 10/25/50/75/90 % at 17.1/24.9/33.0/40.8/48.1 mph.
    for (const Point p : {Point{0.10, 17.1}, Point{0.25, 24.9}, Point{0.50, 33.0}, Point{0.75, 40.8},
                          Point{0.90, 48.1}}) {
        INFO(p.mph << " mph");
        CHECK(pedestrianSevereInjuryRisk(p.mph * units::kMph) == Approx(p.risk).margin(0.03));
    }
}
