// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/units.hpp"
#include "sim/world.hpp"
#include "stop_fixture.hpp"
#include "world/scene_layout.hpp"

using namespace sim;

TEST_CASE("an angled unit closes the width its outline covers, slice by slice", "[world]") {
    // A 10 m x 2.5 m fire engine angled 30 degrees: its bounding box is 7.2 m wide, but no cut
    // across the road meets more than 2.5 / cos(30) = 2.89 m of it.
    const OrientedBox engine{{{0.0, 0.0}, 30.0 * units::kDegree}, 5.0, 1.25};
    const auto slices = detail::slicedObstacles(engine, 1.0);
    const detail::Obstacle whole = detail::boundingObstacle(engine);
    REQUIRE(slices.size() >= 8);
    double lo = 1e9, hi = -1e9;
    for (const detail::Obstacle& o : slices) {
        CHECK(o.dMax - o.dMin <= 2.5 / std::cos(30.0 * units::kDegree) + 1.0 * std::tan(30.0 * units::kDegree) + 1e-9);
        lo = std::min(lo, o.dMin);
        hi = std::max(hi, o.dMax);
    }
    // Together the slices span the whole outline, no more.
    CHECK(lo == Approx(whole.dMin));
    CHECK(hi == Approx(whole.dMax));
    CHECK(slices.front().sFrom == Approx(whole.sFrom));
    CHECK(slices.back().sTo == Approx(whole.sTo));
}

TEST_CASE("a fire engine blocking lane 1 sends traffic past it in lane 2, without crashes", "[world]") {
    test::StopOptions o;
    o.flowPerLane = 600.0;
    o.duration = 600.0;
    Scenario sc = test::stopScenario(o);
    UnitDef engine;
    engine.id = "engine";
    engine.role = UnitRole::Blocker;
    engine.spec = vehicleSpec(VehicleKind::FireEngine);
    engine.position = {sc.units[1].position.x - 30.0, 0.3};  // across the shoulder and lane 1
    engine.heading = 0.5;
    engine.lights = UnitLights::Emergency;
    sc.units.push_back(engine);
    sc.people[0].script = {{Place::Inside, 1, kInfinity}};
    const Outcome out = run(sc, 1);
    // Two lanes x 600 veh/h x 10 min = 200 arrivals; one lane and a slow merge pass at least half.
    CHECK(out.vehiclesPassed > 100);
    CHECK(out.collisions.empty());
    CHECK(out.adjacentLaneMeanSpeed > 5.0);
}
