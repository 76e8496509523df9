// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "bench_scenarios.hpp"

#include "sim/presets.hpp"

namespace batch {

sim::Scenario sumoCorridorScenario() {
    sim::Scenario sc;
    sc.name = "sumo-reference-corridor";
    // Road: straight, 3000 m, 2 lanes of 3.65 m, 29.06 m/s; the stop at its middle.
    sc.road.lanes = 2;
    sc.road.laneWidth = 3.65;
    sc.road.speedLimit = 29.06;
    sc.road.upstreamLength = 1500.0;
    sc.road.downstreamLength = 1500.0;
    // Demand: 3000 veh/h over 600 s, then 60 s to drain; step 0.05 s. SUMO starts empty.
    sc.run.duration = 660.0;
    sc.run.dt = 0.05;
    sc.traffic.flowPerLane = {1500.0 / 3600.0, 1500.0 / 3600.0};
    sc.traffic.demandDuration = 600.0;
    sc.traffic.prepopulate = false;
    // Desired-speed factor normal(1.05, 0.1) clipped to [0.7, 1.4] = limit +- 3.5 sd.
    sc.traffic.speedOffset = 0.05 * sc.road.speedLimit;
    sc.traffic.speedSd = 0.1 * sc.road.speedLimit;
    sc.traffic.speedTruncation = 3.5;
    sim::VehicleSpec car = sim::vehicleSpec(sim::VehicleKind::Sedan);
    car.length = 4.6;
    car.width = 1.8;
    sc.traffic.mix = {{car, 1.0}};
    // IDM as in routes.rou.xml: accel 1.5, decel 2.0, tau 1.2, minGap 2.0; no per-driver spread.
    sc.drivers.idm = {1.5, 2.0, 1.2, 2.0, 4.0};
    sc.drivers.idmVariation = 0.0;
    // The stop: violator on the shoulder, patrol car 20 ft behind offset 3 ft left, lights on,
    // an officer at the violator's driver window for the whole run.
    sim::UnitDef violator;
    violator.id = "violator";
    violator.role = sim::UnitRole::Violator;
    violator.spec = sim::vehicleSpec(sim::VehicleKind::Sedan);
    violator.position = {0.0, -1.5};
    violator.lights = sim::UnitLights::Hazards;
    sim::UnitDef patrol;
    patrol.id = "patrol";
    patrol.role = sim::UnitRole::Patrol;
    patrol.spec = sim::vehicleSpec(sim::VehicleKind::PatrolSuv);
    patrol.position = sim::positionBehind(violator, patrol.spec, 20.0 * sim::units::kFoot, 3.0 * sim::units::kFoot);
    patrol.lights = sim::UnitLights::Emergency;
    sc.units = {violator, patrol};
    sim::PersonDef officer;
    officer.id = "officer-1";
    officer.script = {{sim::Place::DriverWindow, 0, sim::kInfinity}};
    sc.people = {officer};
    return sc;
}

}  // namespace batch
