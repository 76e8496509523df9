// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/models/kinematics.hpp"
#include "sim/units.hpp"

using namespace sim;
using namespace sim::models;

TEST_CASE("stoppingDistance is reaction distance plus v^2/(2a)", "[models]") {
    CHECK(stoppingDistance(20.0, 1.0, 5.0) == Approx(20.0 + 400.0 / 10.0));
    CHECK(stoppingDistance(20.0, 0.0, 5.0) == Approx(40.0));
    CHECK(stoppingDistance(0.0, 1.5, 5.0) == 0.0);
    CHECK(std::isinf(stoppingDistance(10.0, 1.0, 0.0)));
    // frictionStoppingDistance is the same law with a = mu g, g = 9.81.
    CHECK(frictionStoppingDistance(25.0, 1.2, 0.6) == Approx(stoppingDistance(25.0, 1.2, 0.6 * 9.81)));
}

TEST_CASE("brakingLimit is min(vehicle capability, mu g)", "[models]") {
    CHECK(brakingLimit(8.0, 0.8) == Approx(0.8 * 9.81));  // friction-limited: 7.848 < 8
    CHECK(brakingLimit(5.0, 0.8) == Approx(5.0));         // a truck: its brakes limit it
    CHECK(brakingLimit(8.0, 0.1) == Approx(0.981));       // ice
    CHECK(brakingLimit(8.0, 0.0) == 0.0);
}

TEST_CASE("curveSightDistance inverts the AASHTO sightline offset M = R (1 - cos(S / 2R))", "[models]") {
    for (const double radius : {100.0, 300.0, 1000.0}) {
        for (const double s : {20.0, 80.0, 150.0, 250.0}) {
            if (s >= units::kPi * radius) continue;
            const double m = radius * (1.0 - std::cos(s / (2.0 * radius)));
            INFO("R " << radius << " S " << s);
            CHECK(curveSightDistance(radius, m) == Approx(s).epsilon(1e-9));
        }
    }
}

TEST_CASE("curveSightDistance limits: straight road, no obstruction, obstruction past the centre", "[models]") {
    CHECK(std::isinf(curveSightDistance(0.0, 5.0)));    // R <= 0: straight
    CHECK(std::isinf(curveSightDistance(-1.0, 5.0)));
    CHECK(std::isinf(curveSightDistance(300.0, 0.0)));  // M = 0: no obstruction given
    // M = R: the sightline is the diameter, S = pi R (the half-circle); beyond, capped there.
    CHECK(curveSightDistance(300.0, 300.0) == Approx(units::kPi * 300.0));
    CHECK(curveSightDistance(300.0, 450.0) == Approx(units::kPi * 300.0));
    // Continuous at M = R and increasing in M below it.
    CHECK(curveSightDistance(300.0, 300.0 * (1.0 - 1e-9)) == Approx(units::kPi * 300.0).epsilon(1e-4));
    double previous = 0.0;
    for (double m = 1.0; m < 300.0; m += 7.0) {
        const double s = curveSightDistance(300.0, m);
        CHECK(s > previous);
        previous = s;
    }
}
