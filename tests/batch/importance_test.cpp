// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The importance weights of the rare-event estimator (sim/rare_events.hpp, batch/importance.hpp)
// on real runs: E_q[w] = 1 for every kind of proposal (rare-events reference, "How to show it is
// right", 1), untilted runs are the nominal runs (common random numbers), and a tilted run is a
// pure function of (scenario, seed).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/importance.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/rng.hpp"
#include "sim/world.hpp"

namespace {

constexpr int kColumn = 24;

/// The stop of the weight tests: the officer at the driver's window the whole run and, as the only
/// traffic, a column of 24 vehicles entering lane 1 at 65 mph, 2.5 s apart, that do not move over.
/// A run opens at most 24 windows (fewer when a car changes lanes to pass the scene, or after a
/// strike or a crash), so with the expected score set to 24 a run's prod (1 - beta_i) =
/// 1 - (1 - d) S / 24 never falls below the defensive share d and the weights are bounded by 1/d,
/// as the design intends (sim/rare_events.hpp): the sample SE is then trustworthy with a few
/// hundred runs, and what the test measures is the weight formula, not the spread of the window
/// count (the third test of this file is about that). Episodes are 40 times as frequent as the
/// default (140 /h), so that a window's predicted hazard is about 0.4 and a third of the untilted
/// windows see an episode start in them: every factor of the weight (the onset ratio, the marks'
/// ratio of tilted and untilted windows, the mixture) then matters in E[w]. One driver in four is
/// drowsy and one in four impaired (their own episode durations). The attention model is written
/// out (lapses are set per test): a recalibration of its defaults changes nothing.
std::string weightStopText() {
    std::string text = R"(name = "weight-stop"
[run]
duration = "80 s"
[road]
upstream_length = 500
downstream_length = 120
[traffic]
flow = "0 veh/h"
[drivers.attention]
episode_rate = "140 /h"
episode_duration = { median = "1.2 s", sigma = 0.6 }
drift_speed = { median = "0.3 m/s", sigma = 0.5 }
scene_capture = 0.5
[drivers.drowsy]
episode_rate_factor = 4
episode_duration_factor = 1.5
[drivers.impaired]
episode_rate_factor = 2
episode_duration_factor = 1.3
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = -1.6
lights = "hazards"
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
offset = "2 ft"
lights = "emergency"
[people.officer]
script = [{ at = "window" }]
)";
    const char* states[] = {"normal", "drowsy", "normal", "impaired"};
    for (int i = 0; i < kColumn; ++i)
        text += "[[traffic.scripted]]\nid = \"car-" + std::to_string(i) + "\"\nentry_time = \"" + std::to_string(2.5 * i) +
                " s\"\nspeed = \"65 mph\"\nstate = \"" + states[i % 4] + "\"\nmoves_over = false\nrandom_attention = true\n";
    return text;
}

sim::Scenario weightStop() {
    const sim::io::LoadResult r = sim::io::loadScenarioText(weightStopText(), "weight-stop.toml");
    if (!r.ok()) throw std::runtime_error(sim::io::formatDiagnostics(r.errors));
    return *r.scenario;
}

constexpr std::array<double, sim::kOnsetBins> kUniformOnset = {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125};
/// Most of the proposal's onsets early in the window (u = R / H small).
constexpr std::array<double, sim::kOnsetBins> kPeakedOnset = {0.45, 0.25, 0.12, 0.06, 0.04, 0.04, 0.02, 0.02};

struct Config {
    const char* name;
    double defensiveShare;
    bool peaked;
    double shoulderShare;
    double shift;        ///< on the ln-medians of drift speed and duration (and the lapse's)
    double window;       ///< s
    double lapseRate;    ///< /h; 0 = no lapses in the model
};

/// Seeds of a configuration's runs: apart from every other configuration's.
std::uint64_t seedOf(std::size_t config, std::size_t i) { return sim::runSeed(0x15A1 + config, i); }

/// The pushed-unit validation stop (Poisson traffic in both lanes, the realistic driver model),
/// cut to 90 s: for the tests of common random numbers and determinism.
sim::Scenario trafficStop() {
    const sim::io::LoadResult r =
        sim::io::loadScenarioFile(std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios/validation/pushed-unit.toml");
    if (!r.ok()) throw std::runtime_error(sim::io::formatDiagnostics(r.errors));
    sim::Scenario sc = *r.scenario;
    sc.run.duration = 90.0;
    return sc;
}

sim::Scenario withImportance(const Config& c, sim::Scenario sc) {
    sc.drivers.attention.lapse.rate = c.lapseRate / 3600.0;
    sim::ImportanceSampling& is = sc.importance;
    is.enabled = true;
    is.window = c.window;
    is.selection.defensiveShare = c.defensiveShare;
    is.tilt.onset = c.peaked ? kPeakedOnset : kUniformOnset;
    is.tilt.shoulderShare = c.shoulderShare;
    is.tilt.driftLogShift = c.shift;
    is.tilt.durationLogShift = c.shift;
    if (c.lapseRate > 0.0) {
        is.tilt.lapseShare = 0.5;
        is.tilt.lapseDriftLogShift = c.shift;
        is.tilt.lapseDurationLogShift = c.shift;
    }
    return sc;
}

double meanOf(const std::vector<double>& x) { return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size()); }

double standardError(const std::vector<double>& x) {
    const double m = meanOf(x);
    double ss = 0.0;
    for (const double v : x) ss += (v - m) * (v - m);
    return std::sqrt(ss / (static_cast<double>(x.size()) - 1.0) / static_cast<double>(x.size()));
}

}  // namespace

TEST_CASE("the mean importance weight is 1 within 2 standard errors for every proposal", "[batch][rare-events]") {
    // Every level of every knob appears at least once: defensive share 0.1 / 0.5 (and the default
    // 0.2), onset uniform / peaked, shoulder share 0.5 / 0.95, drift and duration shifts 0 / ln 2,
    // windows 4 s / 10 s (and 8 s), lapses off / on (20 /h, half the tilted episodes lapses).
    const double ln2 = std::log(2.0);
    const std::vector<Config> configs = {
        {"defaults of the estimator", 0.2, false, 0.9, ln2, 8.0, 0.0},
        {"defensive 0.1, peaked onset, shoulder 0.95, 4 s", 0.1, true, 0.95, ln2, 4.0, 0.0},
        {"defensive 0.5, no shifts, shoulder 0.5, 10 s", 0.5, false, 0.5, 0.0, 10.0, 0.0},
        {"defensive 0.1, shoulder 0.95, 10 s, lapses", 0.1, false, 0.95, ln2, 10.0, 20.0},
        {"defensive 0.5, peaked onset, shoulder 0.5, 4 s, lapses", 0.5, true, 0.5, ln2, 4.0, 20.0},
        {"no shifts, peaked onset, lapses", 0.2, true, 0.9, 0.0, 8.0, 20.0},
    };
    // N = 400 runs each (about 8 ms of CPU a run). The expected score is the column's 24 windows,
    // the most a run can open: prod (1 - beta_i) = 1 - (1 - d) S / 24 >= d, so every weight is at
    // most 1 / d and the sample SE is trustworthy. Measured SEs of the mean weight: 0.009 to 0.042
    // (printed on failure): an error of 8 % in E[w] fails every configuration, 2 % the best.
    const std::size_t n = 400;
    for (std::size_t k = 0; k < configs.size(); ++k) {
        const Config& c = configs[k];
        sim::Scenario sc = withImportance(c, weightStop());
        sc.importance.selection.expectedScore = kColumn;
        const std::vector<sim::Outcome> runs = batch::runBatch(sc, n, [&](std::size_t i) { return seedOf(k, i); }, 2);
        std::vector<double> w;
        std::size_t tilted = 0, onsetInWindow = 0, struck = 0;
        double expectedTilted = 0.0, tiltedVariance = 0.0, maxW = 0.0;
        for (const sim::Outcome& o : runs) {
            w.push_back(std::exp(o.logWeight));
            maxW = std::max(maxW, w.back());
            tilted += o.importance.tilted ? 1 : 0;
            onsetInWindow += o.importance.tilted && o.importance.tiltedWindow.onsetInWindow ? 1 : 0;
            struck += o.struck ? 1 : 0;
            const double pTilt = 1.0 - std::exp(o.importance.logNoTilt);
            expectedTilted += pTilt;
            tiltedVariance += pTilt * (1.0 - pTilt);
        }
        const double mean = meanOf(w), se = standardError(w);
        INFO(c.name << ": mean weight " << mean << " +- " << se << " (SE), largest " << maxW << "; tilted " << tilted
                    << " (expected " << expectedTilted << "), onset in the tilted window " << onsetInWindow << ", struck " << struck);
        CHECK(std::fabs(mean - 1.0) <= 2.0 * se);
        CHECK(se > 0.0);
        CHECK(se < 0.05);
        CHECK(maxW <= 1.0 / c.defensiveShare + 1e-9);
        // The coins: as many runs tilted as the schedule's probabilities say (4 binomial SEs).
        CHECK(std::fabs(static_cast<double>(tilted) - expectedTilted) <= 4.0 * std::sqrt(tiltedVariance));
        // The tilted window's onset lands inside it (it may fall after, when the scene holds the
        // driver's attention and the hazard runs slower than predicted).
        CHECK(onsetInWindow >= tilted * 3 / 4);
        CHECK(struck > 0);  // the runs reach the event the estimator is for
    }
}

TEST_CASE("the mean weight of the tuned proposal is 1 within 2 standard errors", "[batch][rare-events]") {
    // The estimator's own path: a cross-entropy pilot (3 x 60 runs) sets the score over which the
    // windows are spread (the pilot's 80th percentile) and refits onset, direction and shifts.
    // 2,400 runs give an SE of about 0.023 (4 s). Fewer are not enough: the weights are skewed (most
    // just under 1, a few up to 1 / d), and the first 800 runs of this stream give 0.90 +- 0.04,
    // 2.7 SE low, which 2,400 (0.98 +- 0.023) and 4,000 (0.99 +- 0.018) show to be chance.
    sim::Scenario sc = weightStop();
    batch::ImportanceOptions options;
    options.pilotRuns = 60;
    batch::TuningReport report;
    sc.importance = batch::tuneImportance(sc, options, 7, 2, &report);
    CHECK(report.pilotRuns == 180);
    CHECK(report.levels.size() == 3);
    const std::size_t n = 2400;
    const std::vector<sim::Outcome> runs = batch::runBatch(sc, n, [&](std::size_t i) { return seedOf(40, i); }, 2);
    std::vector<double> w;
    for (const sim::Outcome& o : runs) w.push_back(std::exp(o.logWeight));
    const double mean = meanOf(w), se = standardError(w);
    INFO("mean weight " << mean << " +- " << se << ", expected score " << sc.importance.selection.expectedScore << ", drift x"
                        << std::exp(sc.importance.tilt.driftLogShift) << ", duration x" << std::exp(sc.importance.tilt.durationLogShift));
    CHECK(std::fabs(mean - 1.0) <= 2.0 * se);
    CHECK(se < 0.08);
}

TEST_CASE("the weights are bounded by the inverse of the defensive share, as sim/rare_events.hpp says", "[batch][rare-events]") {
    // prod_i (1 - beta_i) = 1 - (1 - d) min(S / E, 1) >= d whatever the run's window score S, even
    // with E set below most runs' scores (here the mean of 40 runs: about half the runs exceed it).
    // (The first schedule capped each beta at 0.5 instead, and runs with S > E / (1 - d) carried
    // weights up to 1e5: found by this test.)
    sim::Scenario sc = withImportance({"defaults", 0.2, false, 0.9, std::log(2.0), 8.0, 0.0}, weightStop());
    // The expected score as the pilot sets it: the mean score of runs (here 40 of them).
    sc.importance.selection.expectedScore = kColumn;
    double score = 0.0;
    for (const sim::Outcome& o : batch::runBatch(sc, 40, [&](std::size_t i) { return seedOf(42, i); }, 2)) score += o.importance.selectionScore;
    sc.importance.selection.expectedScore = score / 40.0;
    const std::vector<sim::Outcome> runs = batch::runBatch(sc, 200, [&](std::size_t i) { return seedOf(41, i); }, 2);
    double maxW = 0.0;
    for (const sim::Outcome& o : runs) maxW = std::max(maxW, std::exp(o.logWeight));
    const double bound = 1.0 / sc.importance.selection.defensiveShare;
    INFO("largest weight " << maxW << ", largest 1 / prod (1 - beta) " << batch::maxPossibleWeight(runs) << ", 1 / d = " << bound);
    // 1e-9 relative: the bound is reached exactly when a window is selected with probability 1 - d,
    // and 1 / (1 - (1 - d)) rounds either way.
    CHECK(maxW <= bound * (1.0 + 1e-9));
    CHECK(batch::maxPossibleWeight(runs) <= bound * (1.0 + 1e-9));
}

TEST_CASE("importance settings with sampling off change nothing: the runs are bit-identical", "[batch][rare-events]") {
    const sim::Scenario plain = trafficStop();
    sim::Scenario off = withImportance({"off", 0.1, true, 0.95, std::log(2.0), 4.0, 0.0}, trafficStop());
    off.importance.enabled = false;
    off.importance.selection.expectedScore = 25.0;
    for (std::size_t i = 0; i < 12; ++i) {
        const std::uint64_t seed = seedOf(50, i);
        const sim::Outcome a = sim::run(plain, seed), b = sim::run(off, seed);
        INFO("seed " << seed);
        CHECK(a.stateHash == b.stateHash);
        CHECK(b.logWeight == 0.0);
        CHECK(b.importance.windows == 0);
        CHECK(a.vehiclesPassed == b.vehiclesPassed);
    }
}

TEST_CASE("an importance-sampled run that tilts no window is the nominal run with the same seed", "[batch][rare-events]") {
    // The proposal draws from its own stream and an untilted window draws its marks with the same
    // random numbers as the nominal model: the defensive runs are exactly the crude runs (common
    // random numbers between the estimators); only their weight differs.
    const sim::Scenario plain = trafficStop();
    sim::Scenario is = withImportance({"defaults", 0.4, false, 0.9, std::log(2.0), 8.0, 0.0}, trafficStop());
    is.importance.selection.expectedScore = 40.0;
    std::size_t untilted = 0, tiltedDiffer = 0, tilted = 0;
    for (std::size_t i = 0; i < 30; ++i) {
        const std::uint64_t seed = seedOf(60, i);
        const sim::Outcome a = sim::run(plain, seed), b = sim::run(is, seed);
        CHECK(b.importance.windows > 0);
        if (!b.importance.tilted) {
            ++untilted;
            INFO("seed " << seed);
            CHECK(a.stateHash == b.stateHash);
            CHECK(b.logWeight <= -b.importance.logNoTilt + 1e-12);  // w <= 1 / prod (1 - beta), equal without a natural onset in a window
        } else {
            ++tilted;
            tiltedDiffer += a.stateHash != b.stateHash ? 1 : 0;
        }
    }
    INFO(untilted << " untilted, " << tilted << " tilted runs");
    CHECK(untilted >= 5);
    // A tilted window redraws its vehicle's onset inside the window: that run changes (nearly always).
    CHECK(tiltedDiffer >= tilted * 9 / 10);
}

TEST_CASE("a tilted run is a pure function of scenario and seed, at any thread count", "[batch][rare-events][determinism]") {
    sim::Scenario sc = withImportance({"lapses", 0.2, true, 0.9, std::log(2.0), 8.0, 20.0}, trafficStop());
    sc.importance.selection.expectedScore = 25.0;
    const auto seeds = [](std::size_t i) { return seedOf(70, i); };
    const std::vector<sim::Outcome> one = batch::runBatch(sc, 16, seeds, 1);
    const std::vector<sim::Outcome> two = batch::runBatch(sc, 16, seeds, 2);
    std::size_t tilted = 0;
    for (std::size_t i = 0; i < one.size(); ++i) {
        const sim::Outcome again = sim::run(sc, seeds(i));
        INFO("run " << i);
        tilted += one[i].importance.tilted ? 1 : 0;
        for (const sim::Outcome* o : {&two[i], &again}) {
            CHECK(o->stateHash == one[i].stateHash);
            CHECK(o->logWeight == one[i].logWeight);  // bit for bit
            CHECK(o->importance.windows == one[i].importance.windows);
            CHECK(o->importance.logNoTilt == one[i].importance.logNoTilt);
            CHECK(o->importance.tiltedWindow.vehicle == one[i].importance.tiltedWindow.vehicle);
            CHECK(o->importance.tiltedWindow.logRatio == one[i].importance.tiltedWindow.logRatio);
        }
    }
    CHECK(tilted >= 8);
}
