// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario.hpp"

/// What one run produced: plain data, cheap to copy, one JSON object or one CSV row.
namespace sim {

enum class RunStatus { Completed, Diverged };

/// Why a run stopped. A strike of a person ends the run's measures at once and the run itself
/// RunSettings::aftermath later (10 s), so that the struck officer lying in the lane does not go
/// on queueing traffic into the measures.
enum class RunEnd {
    Duration,     ///< the scenario's duration was reached with nobody struck
    FirstStrike,  ///< a person was struck; the run went on for the aftermath (or to the duration)
};

/// How a person was struck: by a vehicle driving into them, or by a parked unit that a
/// vehicle pushed into them (the secondary strike).
enum class StrikeVia { Direct, PushedUnit };

/// How the body met the person, which decides the injury model (sim/models/injury.hpp).
enum class StrikeContact {
    Frontal,   ///< into the person: the person takes the full closing speed (Tefft's data)
    Glancing,  ///< the body's side brushed past: more than 60 deg off the line of contact
    Crush,     ///< pinned between two vehicles or a vehicle and the guardrail
};

/// The driven vehicle behind a strike and what its driver was doing at the moment of impact:
/// what a trainer needs to explain the strike. For a strike by a pushed unit, the vehicle that
/// first hit that unit, at the moment it hit it.
struct Striker {
    std::string id;                          ///< "vehicle-87" or a scripted vehicle's id
    VehicleKind kind = VehicleKind::Sedan;
    DriverState state = DriverState::Normal;
    double speed = 0.0;                      ///< m/s, the vehicle's own speed at impact
    double eyesOffFor = -1.0;                ///< s the eyes had been off the road; < 0 = on the road
    double sawSceneAt = -1.0;                ///< m from the scene when the driver detected it; < 0 = never
    bool braking = false;                    ///< braking at impact
    bool drifting = false;                   ///< lateral control off (looking away, or not yet steering back)
};

struct Strike {
    double time = 0.0;            ///< s
    std::string person;           ///< person id
    std::string by;               ///< "vehicle-87", or a unit id
    StrikeVia via = StrikeVia::Direct;
    Striker striker;              ///< the driven vehicle behind it (see Striker)
    double impactSpeed = 0.0;     ///< m/s, relative speed at the contact point
    double pSevere = 0.0;         ///< P(AIS 4+), by the contact's injury model
    double pFatal = 0.0;          ///< P(death), by the contact's injury model
    StrikeContact contact = StrikeContact::Frontal;
    double injurySpeed = 0.0;     ///< m/s at which the injury curves were read (models::injurySpeed)
};

struct Collision {
    double time = 0.0;            ///< s
    std::string a;                ///< the moving party (a traffic vehicle, or a pushed unit)
    std::string b;                ///< what it hit (a unit, another vehicle, "guardrail")
    double closingSpeed = 0.0;    ///< m/s, relative speed at the contact point
};

/// Near-miss and exposure measures for one person.
struct PersonOutcome {
    std::string id;
    double exposure = 0.0;        ///< s on foot within exposureDistance of an open lane
    double minClearance = 1e9;    ///< m, closest gap to any moving vehicle while on foot
    int closePassesLt1m = 0;      ///< vehicles that passed with under 1 m of clearance
    int closePassesLt2m = 0;      ///< ... under 2 m (includes those under 1 m)
    double minTtc = 1e9;          ///< s, smallest time to collision toward this person
};

struct Outcome {
    std::string scenario;
    std::uint64_t seed = 0;
    RunStatus status = RunStatus::Completed;
    RunEnd ended = RunEnd::Duration;
    double simulated = 0.0;             ///< s, including a strike's aftermath
    /// The measures of the scene (vehicles passed, exposure, clearances, close passes, move-over,
    /// edge lines, vehicle hours) are taken up to the step of the first strike of a person;
    /// strikes, collisions and unitStruck until the run ends.
    double measuredUntil = 0.0;         ///< s
    int vehiclesPassed = 0;             ///< traffic vehicles that passed the scene
    std::uint64_t vehicleUpdates = 0;   ///< sum over steps of vehicles on the road
    bool struck = false;
    /// A traffic vehicle (driven or its wreck) hit the patrol car or the violator (a unit with
    /// role Patrol or Violator; not a blocker, not a unit pushed into another): the event whose
    /// probability references.md#absolute-risk gives per stop. Taken until the run ends, so compare
    /// unitStruckAt with strikes.front().time for "before the first person struck".
    bool unitStruck = false;
    double unitStruckAt = -1.0;         ///< s of the first such hit; < 0 = none
    std::vector<Strike> strikes;
    std::vector<Collision> collisions;
    std::vector<PersonOutcome> people;
    int shoulderIntrusions = 0;         ///< vehicles crossing the edge line near the scene
    double moveOverRate = 0.0;          ///< share of adjacent-lane vehicles that moved over
    double slowDownRate = 0.0;          ///< share that stayed in the lane and slowed
    int observedVehicles = 0;           ///< denominator of the two rates
    double mandatedSpeedRate = 0.0;     ///< share passing in the adjacent lane at or under the
                                        ///< mandated speed (limit - mandatedReduction, +1 mph)
    double adjacentLaneMeanSpeed = 0.0; ///< m/s, passing speed in the lane next to the scene
    int edgeLineCrossings = 0;          ///< anywhere on the road, either edge line
    double vehicleHours = 0.0;          ///< h driven, for crossing rates
    double logWeight = 0.0;             ///< importance-sampling ln w = ln p/q of the run (0 = plain MC)
    ImportanceTrace importance;         ///< the run's critical windows (empty unless sampling is on)
    std::uint64_t stateHash = 0;        ///< hash of the final state, for determinism checks
};

std::string_view name(RunStatus s);
std::string_view name(RunEnd e);
std::string_view name(StrikeVia v);
std::string_view name(StrikeContact c);

}  // namespace sim
