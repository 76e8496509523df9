// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario.hpp"

namespace batch {

/// The SUMO reference corridor (design.md#sumo-corridor) as a Roadside scenario: the same
/// road, demand, IDM parameters and step, with a lit traffic stop in its middle and every measure
/// on, so that vehicle-updates per second compare like with like.
sim::Scenario sumoCorridorScenario();

/// The environment (NAME, value) under which tools/sumo-corridor.sh runs a scenario's traffic
/// without its scene: its road (upstream + downstream length, lanes, lane width, limit), its
/// demand over the run, its step and mean IDM parameters, one car class of the mix's mean length
/// and width, and the desired-speed distribution as SUMO's clipped normal speed factor.
std::vector<std::pair<std::string, std::string>> sumoTrafficEnvironment(const sim::Scenario& sc);

/// What one run of tools/sumo-corridor.sh (or SUMO's own run.sh) printed.
struct SumoRun {
    double updatesPerSecond = 0.0;  ///< SUMO's UPS: vehicle-updates per second of its own (wall) duration
    double duration = 0.0;          ///< s, SUMO's simulation time on the wall clock
    double updates = 0.0;           ///< vehicle-updates: UPS x duration (printed to 10 ms: 0.5 % of a 2 s run)
    std::optional<double> cpu;      ///< s of SUMO's user CPU time (tools/sumo-corridor.sh prints it)
    std::optional<double> inserted; ///< vehicles SUMO put on the road
    std::optional<double> loaded;   ///< ... of those its flow generated (the rest found no room to enter)
};
/// Reads SUMO's " Duration: 2.55s" (or "2550ms"), " UPS: ..." and " Inserted: ... (Loaded: ...)"
/// lines and the script's "cpu_user_s=" field; nullopt without UPS or duration.
std::optional<SumoRun> parseSumoOutput(const std::string& text);

/// Crude Monte Carlo runs that reach a 95 % interval of half-width relError x p for a
/// probability p (normal approximation: (1.96 / relError)^2 (1 - p) / p).
double crudeRunsFor(double p, double relError);

}  // namespace batch
