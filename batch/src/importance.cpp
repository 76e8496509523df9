// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/importance.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <stdexcept>
#include <numeric>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "batch/run_table.hpp"
#include "sim/rng.hpp"
#include "sim/world.hpp"

namespace batch {

namespace {

/// A tilted window as the tuning sees it: how close it came, its draws, and p/q of them.
struct Sample {
    double score = 0.0;   ///< minus the least lateral gap (m): higher is closer; >= 0 is contact
    double weight = 1.0;  ///< p/q of the window's draws under the proposal that made them
    sim::TiltedWindow window;
};

std::vector<Sample> tiltedSamples(const std::vector<sim::Outcome>& runs) {
    std::vector<Sample> out;
    for (const sim::Outcome& o : runs) {
        if (!o.importance.tilted) continue;
        const sim::TiltedWindow& w = o.importance.tiltedWindow;
        out.push_back({-w.closestGap, std::exp(-w.logRatio), w});
    }
    return out;
}

/// The (1 - rho) quantile of the scores, never above 0 (contact is the event sought).
double eliteLevel(std::vector<Sample> samples, double eliteShare) {
    std::vector<double> scores;
    for (const Sample& s : samples) scores.push_back(s.score);
    std::sort(scores.begin(), scores.end());
    const auto at = static_cast<std::size_t>(std::floor((1.0 - eliteShare) * static_cast<double>(scores.size() - 1)));
    return std::min(0.0, scores[at]);
}

/// Weighted mean of f over the samples that pass `use`; `fallback` when none does.
template <typename Use, typename F>
double weightedMean(const std::vector<Sample>& elite, Use use, F f, double fallback) {
    double sum = 0.0, norm = 0.0;
    for (const Sample& s : elite)
        if (use(s)) {
            sum += s.weight * f(s);
            norm += s.weight;
        }
    return norm > 0.0 ? sum / norm : fallback;
}

double blend(double fresh, double old, double alpha) { return alpha * fresh + (1.0 - alpha) * old; }

/// One cross-entropy update of the tilt from the elite samples.
sim::EpisodeTilt refit(const sim::EpisodeTilt& old, const std::vector<Sample>& elite, double alpha) {
    sim::EpisodeTilt t = old;
    // Onset: the weighted histogram of u, floored so that no stretch of the window is abandoned.
    std::array<double, sim::kOnsetBins> bins{};
    double total = 0.0;
    for (const Sample& s : elite) {
        const auto b = std::min(sim::kOnsetBins - 1, static_cast<std::size_t>(s.window.onsetFraction * sim::kOnsetBins));
        bins[b] += s.weight;
        total += s.weight;
    }
    constexpr double kFloor = 0.02;
    if (total > 0.0) {
        double sum = 0.0;
        for (std::size_t b = 0; b < sim::kOnsetBins; ++b) {
            bins[b] = std::max(kFloor, blend(bins[b] / total, old.onset[b], alpha));
            sum += bins[b];
        }
        for (std::size_t b = 0; b < sim::kOnsetBins; ++b) t.onset[b] = bins[b] / sum;
    }
    const auto started = [](const Sample& s) { return s.window.onsetInWindow; };
    const auto ordinary = [](const Sample& s) { return s.window.onsetInWindow && !s.window.lapse; };
    const auto lapse = [](const Sample& s) { return s.window.onsetInWindow && s.window.lapse; };
    t.shoulderShare = std::clamp(blend(weightedMean(elite, started, [](const Sample& s) { return s.window.towardShoulder ? 1.0 : 0.0; },
                                                    old.shoulderShare),
                                       old.shoulderShare, alpha),
                                 0.5, 0.98);
    t.driftLogShift = blend(weightedMean(elite, ordinary, [](const Sample& s) { return s.window.driftLogDeviation; }, old.driftLogShift),
                            old.driftLogShift, alpha);
    t.durationLogShift = blend(
        weightedMean(elite, ordinary, [](const Sample& s) { return s.window.durationLogDeviation; }, old.durationLogShift),
        old.durationLogShift, alpha);
    if (old.lapseShare > 0.0) {
        t.lapseShare = std::clamp(
            blend(weightedMean(elite, started, [](const Sample& s) { return s.window.lapse ? 1.0 : 0.0; }, old.lapseShare),
                  old.lapseShare, alpha),
            0.05, 0.95);
        t.lapseDriftLogShift = blend(
            weightedMean(elite, lapse, [](const Sample& s) { return s.window.driftLogDeviation; }, old.lapseDriftLogShift),
            old.lapseDriftLogShift, alpha);
        t.lapseDurationLogShift = blend(
            weightedMean(elite, lapse, [](const Sample& s) { return s.window.durationLogDeviation; }, old.lapseDurationLogShift),
            old.lapseDurationLogShift, alpha);
    }
    return t;
}

/// The score over which a run's windows are spread: the 80th percentile of the pilot runs' totals,
/// so that four runs in five reach the last of their windows before the selection is used up.
double spreadScore(const std::vector<sim::Outcome>& runs) {
    std::vector<double> scores;
    for (const sim::Outcome& o : runs) scores.push_back(o.importance.selectionScore);
    if (scores.empty()) return 1e-9;
    std::sort(scores.begin(), scores.end());
    const auto at = static_cast<std::size_t>(std::floor(0.8 * static_cast<double>(scores.size() - 1)));
    return std::max(scores[at], 1e-9);
}

/// A seed of the pilot, apart from every seed of the main runs.
std::uint64_t pilotSeed(std::uint64_t seed, std::size_t iteration, std::size_t i) {
    return sim::runSeed(sim::splitmix64(seed ^ 0x70696C6F74ull), iteration * 1000003ull + i);
}

}  // namespace

std::string_view name(Estimator e) { return kEstimatorNames[static_cast<std::size_t>(e)]; }

std::string importanceKey(const ImportanceOptions& o) {
    char buffer[200];
    std::snprintf(buffer, sizeof buffer, "importance window=%.17g defensive=%.17g pilot=%zux%zu elite=%.17g smoothing=%.17g", o.window,
                  o.defensiveShare, o.pilotIterations, o.pilotRuns, o.eliteShare, o.smoothing);
    return buffer;
}

sim::ImportanceSampling initialImportance(const ImportanceOptions& options) {
    sim::ImportanceSampling is;
    is.enabled = true;
    is.window = options.window;
    is.selection.defensiveShare = options.defensiveShare;
    is.tilt.shoulderShare = 0.9;
    is.tilt.driftLogShift = std::log(2.0);
    is.tilt.durationLogShift = std::log(1.5);
    return is;
}

std::vector<sim::Outcome> runBatch(const sim::Scenario& scenario, std::size_t count,
                                   const std::function<std::uint64_t(std::size_t)>& seedOf, int threads) {
    std::vector<sim::Outcome> out(count);
    tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
    arena.execute([&] {
        tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) { out[i] = sim::run(scenario, seedOf(i)); });
    });
    return out;
}

sim::ImportanceSampling tuneImportance(const sim::Scenario& scenario, const ImportanceOptions& options, std::uint64_t seed,
                                       int threads, TuningReport* report) {
    sim::Scenario pilot = scenario;
    pilot.importance = initialImportance(options);
    // A lapse proposal only where the model has lapses.
    if (scenario.drivers.attention.lapse.rate > 0.0) pilot.importance.tilt.lapseShare = 0.5;
    // Before the first pilot run nothing is known of how many windows a run opens: a first guess
    // (one window a second of someone on foot is generous); corrected after every iteration.
    pilot.importance.selection.expectedScore = 30.0;
    TuningReport local;
    for (std::size_t it = 0; it < options.pilotIterations && options.pilotRuns > 0; ++it) {
        const std::vector<sim::Outcome> runs =
            runBatch(pilot, options.pilotRuns, [&](std::size_t i) { return pilotSeed(seed, it, i); }, threads);
        local.pilotRuns += runs.size();
        pilot.importance.selection.expectedScore = spreadScore(runs);
        const std::vector<Sample> samples = tiltedSamples(runs);
        if (samples.size() < 5) continue;
        const double level = eliteLevel(samples, options.eliteShare);
        local.levels.push_back(-level);
        std::vector<Sample> elite;
        for (const Sample& s : samples)
            if (s.score >= level) elite.push_back(s);
        local.contacts = static_cast<std::size_t>(std::count_if(samples.begin(), samples.end(), [](const Sample& s) { return s.score >= 0.0; }));
        pilot.importance.tilt = refit(pilot.importance.tilt, elite, options.smoothing);
    }
    if (options.pilotRuns == 0 || options.pilotIterations == 0) {
        // No tuning, but the selection still needs to know how many windows a run opens: a few
        // runs that tilt nothing count them.
        sim::Scenario counting = pilot;
        counting.importance.selection.expectedScore = 0.0;
        const std::vector<sim::Outcome> runs = runBatch(counting, 32, [&](std::size_t i) { return pilotSeed(seed, 99, i); }, threads);
        local.pilotRuns += runs.size();
        pilot.importance.selection.expectedScore = spreadScore(runs);
    }
    if (report) *report = local;
    return pilot.importance;
}

nlohmann::ordered_json proposalJson(const sim::ImportanceSampling& is) {
    nlohmann::ordered_json onset = nlohmann::ordered_json::array();
    for (const double b : is.tilt.onset) onset.push_back(b);
    return {{"window_s", is.window},
            {"window_per_lane_s", is.windowPerLane},
            {"defensive_share", is.selection.defensiveShare},
            {"expected_window_score", is.selection.expectedScore},
            {"onset_bins", onset},
            {"shoulder_share", is.tilt.shoulderShare},
            {"drift_median_factor", std::exp(is.tilt.driftLogShift)},
            {"duration_median_factor", std::exp(is.tilt.durationLogShift)},
            {"lapse_share", is.tilt.lapseShare},
            {"lapse_drift_median_factor", std::exp(is.tilt.lapseDriftLogShift)},
            {"lapse_duration_median_factor", std::exp(is.tilt.lapseDurationLogShift)},
            // The shifts themselves, for proposalFromJson: exp and log do not round-trip exactly.
            {"drift_log_shift", is.tilt.driftLogShift},
            {"duration_log_shift", is.tilt.durationLogShift},
            {"lapse_drift_log_shift", is.tilt.lapseDriftLogShift},
            {"lapse_duration_log_shift", is.tilt.lapseDurationLogShift}};
}

sim::ImportanceSampling proposalFromJson(const nlohmann::json& j) {
    sim::ImportanceSampling is;
    is.enabled = true;
    is.window = j.at("window_s").get<double>();
    is.windowPerLane = j.at("window_per_lane_s").get<double>();
    is.selection.defensiveShare = j.at("defensive_share").get<double>();
    is.selection.expectedScore = j.at("expected_window_score").get<double>();
    const nlohmann::json& onset = j.at("onset_bins");
    if (onset.size() != is.tilt.onset.size())
        throw std::runtime_error("onset_bins: expected " + std::to_string(is.tilt.onset.size()) + " bins, found " + std::to_string(onset.size()));
    for (std::size_t i = 0; i < onset.size(); ++i) is.tilt.onset[i] = onset[i].get<double>();
    is.tilt.shoulderShare = j.at("shoulder_share").get<double>();
    is.tilt.lapseShare = j.at("lapse_share").get<double>();
    is.tilt.driftLogShift = j.at("drift_log_shift").get<double>();
    is.tilt.durationLogShift = j.at("duration_log_shift").get<double>();
    is.tilt.lapseDriftLogShift = j.at("lapse_drift_log_shift").get<double>();
    is.tilt.lapseDurationLogShift = j.at("lapse_duration_log_shift").get<double>();
    return is;
}

nlohmann::ordered_json tuningJson(const TuningReport& report) {
    return {{"runs", report.pilotRuns}, {"levels_m", report.levels}, {"contacts_last_iteration", report.contacts}};
}

double maxPossibleWeight(const std::vector<sim::Outcome>& runs) {
    double w = 1.0;
    for (const sim::Outcome& o : runs) w = std::max(w, std::exp(-o.importance.logNoTilt));
    return w;
}

bool unitStruck(const sim::Outcome& outcome, const sim::Scenario& scenario) {
    for (const sim::Collision& c : outcome.collisions)
        for (const sim::UnitDef& u : scenario.units)
            if (c.b == u.id && c.a.rfind("vehicle-", 0) == 0) return true;
    return false;
}

RareEventEstimates estimateRareEvents(const std::vector<sim::Outcome>& runs, const sim::Scenario& scenario, bool importance) {
    RareEventAccumulator sums;
    for (const sim::Outcome& o : runs) sums.add(std::exp(o.logWeight), o.struck, runProbability(o, true), unitStruck(o, scenario));
    return sums.estimates(importance, importance ? maxPossibleWeight(runs) : 1.0);
}

}  // namespace batch
