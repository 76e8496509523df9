// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/weighted_estimate.hpp"
#include "sim/outcome.hpp"
#include "sim/rare_events.hpp"
#include "sim/scenario.hpp"

/// The rare-event estimator of the batch runner: importance sampling over critical
/// vehicle-windows (sim/rare_events.hpp), its proposal tuned by a short cross-entropy pilot, and
/// the three estimates every run feeds (docs/batch.md, "Rare events").
namespace batch {

enum class Estimator { Crude, Importance };
inline constexpr std::string_view kEstimatorNames[] = {"crude", "importance"};
std::string_view name(Estimator e);

/// The `[importance]` table of a sweep file and the options of `roadside-batch estimate`.
struct ImportanceOptions {
    double window = 20.0;             ///< s before the scene at which a vehicle's window opens (sim::ImportanceSampling::window says why 20)
    double defensiveShare = 0.2;      ///< share of runs with no tilted window
    std::size_t pilotRuns = 100;      ///< runs per cross-entropy iteration (0 = no tuning)
    std::size_t pilotIterations = 3;
    double eliteShare = 0.1;          ///< rho: the share of pilot runs that sets the next level
    double smoothing = 0.7;           ///< weight of the new parameters against the old ones
};

/// The options as one line of text, for the sweep's hash (a change of option is a new sweep).
std::string importanceKey(const ImportanceOptions& options);

/// The importance sampling to start tuning from: the options' window and defensive share, a
/// uniform onset, drift toward the shoulder nine times in ten, twice the nominal drift speed.
sim::ImportanceSampling initialImportance(const ImportanceOptions& options);

/// Runs `count` runs of `scenario` with seeds seedOf(0..count-1) on `threads` threads (0 = all),
/// results in index order whatever the thread count.
std::vector<sim::Outcome> runBatch(const sim::Scenario& scenario, std::size_t count,
                                   const std::function<std::uint64_t(std::size_t)>& seedOf, int threads);

/// What the pilot found, for the manifest and the estimate's JSON.
struct TuningReport {
    std::size_t pilotRuns = 0;
    std::vector<double> levels;       ///< the score level of each iteration (m of lateral gap; 0 = contact)
    std::size_t contacts = 0;         ///< tilted windows that reached a person or a unit in the last iteration
};

/// Tunes the importance sampling of `scenario` by multilevel cross-entropy (Rubinstein &
/// Kroese 2004; Zhao et al. 2017 for driving): pilot runs with the current proposal, the tilted
/// windows ranked by how close the vehicle came to a person on foot or a unit, the proposal
/// refitted to the closest share by weighted maximum likelihood. Deterministic for a given seed.
sim::ImportanceSampling tuneImportance(const sim::Scenario& scenario, const ImportanceOptions& options, std::uint64_t seed,
                                       int threads, TuningReport* report = nullptr);

/// The proposal and the pilot, as JSON, for importance.json and estimate's output.
nlohmann::ordered_json proposalJson(const sim::ImportanceSampling& is);

/// The proposal proposalJson wrote, exactly (to re-run a row of an importance-sampled sweep).
/// Throws nlohmann::json::exception or std::runtime_error on a missing or malformed field.
sim::ImportanceSampling proposalFromJson(const nlohmann::json& j);
nlohmann::ordered_json tuningJson(const TuningReport& report);

/// The largest weight a run of this scenario can carry: 1 / the smallest no-tilt probability
/// seen (1 for crude runs).
double maxPossibleWeight(const std::vector<sim::Outcome>& runs);

/// The three estimates of a set of runs of one scenario.
RareEventEstimates estimateRareEvents(const std::vector<sim::Outcome>& runs, const sim::Scenario& scenario, bool importance);

/// A parked unit was struck by a vehicle in this run (the collisions name the unit ids).
bool unitStruck(const sim::Outcome& outcome, const sim::Scenario& scenario);

}  // namespace batch
