// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <limits>

#include "sim/models/idm.hpp"
#include "sim/models/mobil.hpp"

using namespace sim;
using namespace sim::models;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kCarLength = 5.0;  // m, Treiber et al. 2000's vehicle length
}  // namespace

TEST_CASE("MOBIL: a slow leader ahead and an empty target lane -> change", "[models]") {
    // Kesting, Treiber & Helbing 2007, the textbook overtaking case, with IDM accelerations.
    const IdmDriver d;          // v0 30 m/s
    const MobilParams params;   // p 0.25, threshold 0.2, bSafe 4
    const double v = 28.0;      // the deciding driver
    const double vTruck = 20.0; // slow leader 40 m ahead
    MobilAccelerations acc;
    acc.self = idmAcceleration(d, v, 40.0, v - vTruck);
    acc.selfAfter = idmAcceleration(d, v, kInf, 0.0);  // empty target lane
    acc.newFollower = 0.0;                              // nobody in the target lane
    acc.newFollowerAfter = 0.0;
    // The old follower, 35 m behind at the same speed, will then follow the truck instead.
    acc.oldFollower = idmAcceleration(d, v, 35.0, 0.0);
    acc.oldFollowerAfter = idmAcceleration(d, v, 35.0 + kCarLength + 40.0, v - vTruck);
    REQUIRE(acc.selfAfter - acc.self > 1.0);  // a large own advantage
    CHECK(mobilChange(params, acc, 0.0));
    // An egoistic or a very polite (p 0.5) driver changes too: the follower's loss is small here.
    MobilParams polite = params;
    polite.politeness = 0.5;
    CHECK(mobilChange(polite, acc, 0.0));
}

TEST_CASE("MOBIL: an unsafe gap blocks the change whatever the incentive", "[models]") {
    const IdmDriver d;
    const MobilParams params;
    const double v = 28.0;
    MobilAccelerations acc;
    acc.self = idmAcceleration(d, v, 40.0, v - 20.0);
    acc.selfAfter = idmAcceleration(d, v, kInf, 0.0);
    // A target-lane follower at 30 m/s just 5 m behind: it would have to brake far beyond bSafe.
    acc.newFollower = idmAcceleration(d, 30.0, kInf, 0.0);
    acc.newFollowerAfter = idmAcceleration(d, 30.0, 5.0, 30.0 - v);
    REQUIRE(acc.newFollowerAfter < -params.bSafe);
    CHECK_FALSE(mobilChange(params, acc, 0.0));
    CHECK_FALSE(mobilChange(params, acc, 100.0));  // no bias overrides safety
    MobilParams egoist = params;
    egoist.politeness = 0.0;
    CHECK_FALSE(mobilChange(egoist, acc, 0.0));

    // The safety limit is inclusive: exactly -bSafe is still acceptable.
    MobilAccelerations edge;
    edge.selfAfter = 1.0;
    edge.newFollowerAfter = -params.bSafe;
    MobilParams noPoliteness = params;
    noPoliteness.politeness = 0.0;
    CHECK(mobilChange(noPoliteness, edge, 0.0));
}

TEST_CASE("MOBIL politeness: gain 0.3 for the driver, cost 1.0 to the new follower", "[models]") {
    // Incentive 0.3 - p x 1.0 against the threshold 0.2: p 0.5 gives -0.2 (refused), p 0 gives 0.3.
    MobilAccelerations acc;
    acc.self = -0.1;
    acc.selfAfter = 0.2;           // +0.3 m/s^2 for the driver
    acc.newFollower = 0.0;
    acc.newFollowerAfter = -1.0;   // -1.0 m/s^2 for the new follower (safe: > -4)
    MobilParams params;
    params.threshold = 0.2;
    params.politeness = 0.5;
    CHECK_FALSE(mobilChange(params, acc, 0.0));
    params.politeness = 0.0;
    CHECK(mobilChange(params, acc, 0.0));
    // The old follower's gain counts with the same weight: +1.0 behind the driver balances it.
    params.politeness = 0.5;
    acc.oldFollower = -1.0;
    acc.oldFollowerAfter = 0.0;
    CHECK(mobilChange(params, acc, 0.0));
}

TEST_CASE("MOBIL bias shifts the decision by lowering or raising the threshold", "[models]") {
    MobilAccelerations acc;
    acc.selfAfter = 0.15;  // incentive 0.15 below the 0.2 threshold
    MobilParams params;
    params.threshold = 0.2;
    params.politeness = 0.25;
    CHECK_FALSE(mobilChange(params, acc, 0.0));
    CHECK(mobilChange(params, acc, 0.1));    // keep-right / move-over bias: 0.15 > 0.2 - 0.1
    acc.selfAfter = 0.4;
    CHECK(mobilChange(params, acc, 0.0));
    CHECK_FALSE(mobilChange(params, acc, -0.3));  // a bias against the change: 0.4 < 0.5
}
