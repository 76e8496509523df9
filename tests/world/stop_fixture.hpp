// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/presets.hpp"
#include "sim/scenario.hpp"

/// Scenarios built in code for the world tests: a two-lane 65 mph freeway with a violator on the
/// shoulder, optionally a patrol car 20 ft behind it, and one officer.
namespace test {

struct StopOptions {
    bool patrol = true;
    double patrolOffset = 0.0;            ///< m left of the violator's centreline
    sim::Place officerPlace = sim::Place::DriverWindow;
    int officerUnit = 0;                  ///< 0 = violator, 1 = patrol
    double flowPerLane = 0.0;             ///< veh/h
    double duration = 30.0;               ///< s
    bool attention = false;               ///< random eyes-off episodes
};

inline sim::Scenario stopScenario(const StopOptions& o) {
    sim::Scenario sc;
    sc.name = "test-stop";
    sc.run.duration = o.duration;
    sc.traffic.flowPerLane = {o.flowPerLane / 3600.0, o.flowPerLane / 3600.0};
    if (!o.attention) sc.drivers.attention.episodeRate = 0.0;
    sim::UnitDef violator;
    violator.id = "violator";
    violator.role = sim::UnitRole::Violator;
    violator.spec = sim::vehicleSpec(sim::VehicleKind::Sedan);
    violator.position = {0.0, -1.8};  // left side 0.875 m off the edge line: an officer at its window stands wholly on the shoulder
    violator.lights = sim::UnitLights::Hazards;
    sc.units.push_back(violator);
    if (o.patrol) {
        sim::UnitDef patrol;
        patrol.id = "patrol";
        patrol.role = sim::UnitRole::Patrol;
        patrol.spec = sim::vehicleSpec(sim::VehicleKind::PatrolSuv);
        patrol.position = sim::positionBehind(violator, patrol.spec, 20.0 * sim::units::kFoot, o.patrolOffset);
        patrol.lights = sim::UnitLights::Emergency;
        sc.units.push_back(patrol);
    }
    sim::PersonDef officer;
    officer.id = "officer-1";
    officer.script = {{o.officerPlace, o.officerUnit, sim::kInfinity}};
    sc.people.push_back(officer);
    return sc;
}

/// A car in lane 1 at `speed` whose driver looks away at `startS` and drifts toward the shoulder
/// at `lateralSpeed` (negative) without reacting. Lane keeping is exact so the path is known.
inline sim::ScriptedVehicle driftingCar(double speed, double lateralSpeed, double startS) {
    sim::ScriptedVehicle car;
    car.id = "drifter";
    car.spec = sim::vehicleSpec(sim::VehicleKind::Sedan);
    car.lane = 1;
    car.entryTime = 0.0;
    car.entryS = startS - 150.0;
    car.speed = speed;
    car.movesOver = false;
    car.drift = sim::ForcedDrift{startS, lateralSpeed, 30.0, false};
    return car;
}

}  // namespace test
