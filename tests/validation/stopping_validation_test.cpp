// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Published stopping figures the kinematics models must reproduce: AASHTO stopping sight distance
// (Green Book Table 3-1) and friction-limited stopping (references.md#braking, #case-stopping-sight-distance, #case-friction-stopping). Each test names
// its source and states its tolerance. Moved from tests/models/kinematics_test.cpp.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/models/kinematics.hpp"
#include "sim/presets.hpp"
#include "sim/units.hpp"
#include "sim/world.hpp"

using namespace sim;
using namespace sim::models;

TEST_CASE("AASHTO stopping sight distance (Green Book Table 3-1, US) within 0.5 %", "[validation]") {
    // references.md#case-stopping-sight-distance: "SSD calculated" column, PRT 2.5 s, 3.4 m/s^2, level grade.
    struct Row {
        double mph;
        double feet;
    };
    for (const Row r : {Row{30, 196.7}, Row{50, 423.8}, Row{60, 566.0}, Row{70, 727.6}, Row{80, 908.3}}) {
        INFO(r.mph << " mph");
        CHECK(aashtoStoppingSightDistance(r.mph * units::kMph) / units::kFoot == Approx(r.feet).epsilon(0.005));
    }
}

TEST_CASE("AASHTO stopping sight distance (Green Book Table 3-1, metric) within 0.5 % of its exact-coefficient form",
          "[validation]") {
    // references.md#case-stopping-sight-distance, metric rows. The metric table is computed with the rounded coefficients
    // SSD = 0.278 V t + 0.039 V^2 / a (V in km/h); the exact ones are 1/3.6 = 0.27778 and
    // 1/(2 x 3.6^2) = 0.038580. The 0.039 inflates the braking part by 1.09 %, so with exactly
    // 3.4 m/s^2 we land 0.6-0.75 % below the table's totals: a gap of the table's arithmetic, not
    // of the model. We therefore check (1) the brake-reaction and braking columns after undoing the
    // coefficient rounding, within 0.5 %, and (2) that the raw totals are below the table by no more
    // than the rounding explains (< 0.8 %).
    struct Row {
        double kmh;
        double reaction;  // m, brake-reaction distance column
        double braking;   // m, braking distance column
        double ssd;       // m, SSD calculated column
    };
    for (const Row r : {Row{50, 34.8, 28.7, 63.5}, Row{80, 55.6, 73.4, 129.0}, Row{100, 69.5, 114.7, 184.2},
                        Row{120, 83.4, 165.2, 248.6}}) {
        INFO(r.kmh << " km/h");
        const double v = r.kmh * units::kKmh;
        const double ssd = aashtoStoppingSightDistance(v);
        const double reaction = v * 2.5;
        const double braking = ssd - reaction;
        CHECK(reaction == Approx(r.reaction * (1.0 / 3.6) / 0.278).epsilon(0.005));
        CHECK(braking == Approx(r.braking * (1.0 / (2.0 * 3.6 * 3.6)) / 0.039).epsilon(0.005));
        CHECK(ssd < r.ssd);
        CHECK(ssd == Approx(r.ssd).epsilon(0.008));
    }
}

TEST_CASE("Friction-limited stopping, PRT 1.5 s (references.md#case-friction-stopping) to the table's 0.1 m", "[validation]") {
    // The reference rounds to 0.1 m, so the formula must land within half a unit: 0.05 m.
    const double v70 = 70.0 * units::kMph;
    struct Row {
        double mu;
        double metres;
    };
    for (const Row r : {Row{0.8, 109.3}, Row{0.7, 118.2}, Row{0.5, 146.8}, Row{0.4, 171.7}, Row{0.2, 296.5},
                        Row{0.1, 546.0}}) {
        INFO("70 mph, mu " << r.mu);
        CHECK(frictionStoppingDistance(v70, 1.5, r.mu) == Approx(r.metres).margin(0.05));
    }
    CHECK(frictionStoppingDistance(55.0 * units::kMph, 1.5, 0.7) == Approx(80.9).margin(0.05));
}

namespace {

/// A whole run: a car stalled in lane 1 on an empty road whose sight distance is `sight`, and the
/// AASHTO design driver behind it at `speed` (PRT 2.5 s, braking at 3.4 m/s^2). Returns the
/// distance from where the stalled car came into sight (its rear `sight` ahead of the driver's
/// front) to where the driver stopped, and the gap left to the stalled car.
struct StopRun {
    double travelled = 0.0;  ///< m
    double gapLeft = 0.0;    ///< m
};

StopRun aashtoDriverMeetsStalledCar(double speed, double sight) {
    Scenario sc;
    sc.run.duration = 120.0;
    sc.road.lanes = 1;
    sc.road.sightDistance = sight;
    sc.traffic.flowPerLane = {0.0};
    sc.traffic.prepopulate = false;
    sc.drivers.attention.laneKeepingSd = 0.0;
    const double stalledAt = 200.0;
    ScriptedVehicle stalled;
    stalled.id = "stalled";
    stalled.spec = vehicleSpec(VehicleKind::Sedan);
    stalled.entryS = stalledAt;
    stalled.speed = 0.0;
    ScriptedVehicle driver;
    driver.id = "design-driver";
    driver.spec = vehicleSpec(VehicleKind::Sedan);
    driver.spec.maxDecel = 3.4;  // AASHTO design deceleration (references.md#braking)
    driver.speed = speed;
    driver.prt = 2.5;            // AASHTO design perception-reaction time
    sc.scriptedVehicles = {stalled, driver};
    World world(sc, 1);
    const auto& entities = world.entities();
    double sightedAt = NAN, front = NAN, stalledRear = NAN;
    while (!world.done()) {
        world.step();
        for (const EntityState& e : world.snapshot().entities) {
            const EntityInfo& info = entities[e.entity];
            if (info.id == "stalled") stalledRear = e.pose.position.x - 0.5 * info.length;
            if (info.id == "design-driver") front = e.pose.position.x + 0.5 * info.length;
        }
        if (std::isnan(sightedAt) && stalledRear - front <= sight) sightedAt = front;
    }
    return {front - sightedAt, stalledRear - front};
}

}  // namespace

TEST_CASE("AASHTO stopping sight distance comes out of a whole run: the design driver stops within it, to 0.5 %",
          "[validation]") {
    // references.md#obstacle-response: an attentive driver brakes for an obstacle one perception-reaction time
    // after seeing it. With AASHTO's design driver (PRT 2.5 s, 3.4 m/s^2) and the stalled car
    // coming into sight exactly one SSD ahead, the travel from sight to stop is the Table 3-1 SSD.
    // Tolerance 0.5 % plus one step's travel (the car is sighted at the first step within range).
    for (const double mph : {50.0, 60.0, 70.0}) {
        INFO(mph << " mph");
        const double v = mph * units::kMph, ssd = aashtoStoppingSightDistance(v);
        const StopRun r = aashtoDriverMeetsStalledCar(v, ssd);
        CHECK(r.travelled == Approx(ssd).margin(0.005 * ssd + v * 0.05));
        // It stops at the stalled car, neither in it nor short of it: it braked at the design
        // deceleration all the way, not the gentler deceleration of car following.
        CHECK(r.gapLeft > -0.05);
        CHECK(r.gapLeft < 0.005 * ssd + v * 0.05);
    }
}
