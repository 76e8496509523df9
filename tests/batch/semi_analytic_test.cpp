// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The second method of issue 9 (docs/validation/semi-analytic.md):
// on the lapse-on-shoulder validation stop only lapsing drivers can reach the officer, so
// P(strike) can be integrated from the driver model (semi_analytic.hpp). Two checks, fixed seeds
// (they cannot flake; if one fails, the integral, the model or the estimator moved, and the lead
// needs to know: the tolerances are not to be widened):
// - the integral against crude Monte Carlo on the same stop with lapses made common (every
//   driver drowsy, 15 lapses an hour): the integral is the model's, not a model of its own;
// - the integral against importance sampling on the stop itself, p about 4e-6, with a short,
//   loose run (the long run is on the page).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "batch/importance.hpp"
#include "semi_analytic.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/models/visibility.hpp"
#include "sim/rng.hpp"
#include "sim/world.hpp"

namespace {

sim::Scenario lapseStop() {
    const sim::io::LoadResult r = sim::io::loadScenarioFile(std::filesystem::path(ROADSIDE_SOURCE_DIR) /
                                                            "scenarios/validation/lapse-on-shoulder.toml");
    if (!r.ok()) throw std::runtime_error(sim::io::formatDiagnostics(r.errors));
    return *r.scenario;
}

/// The officer where the model puts her at t = 0 (the script places her behind the violator).
struct Standing {
    sim::Vec2 position;
    double radius = 0.0;
};

Standing officerOf(const sim::Scenario& sc) {
    const sim::World world(sc, 1);
    const sim::Frame f = world.snapshot();
    for (const sim::EntityState& e : f.entities) {
        const sim::EntityInfo& info = world.entities()[e.entity];
        if (info.kind == sim::EntityKind::Person) return {e.pose.position, 0.5 * info.length};
    }
    throw std::runtime_error("lapse-on-shoulder: no person on foot");
}

/// The integral's own error: the value with half the nodes in every dimension.
double numericalError(const sim::Scenario& sc, const Standing& at, double value) {
    test::SemiAnalyticOptions coarse;
    coarse.speedNodes /= 2;
    coarse.durationNodes /= 2;
    coarse.latencyNodes /= 2;
    coarse.offsetNodes /= 2;
    return std::fabs(test::semiAnalyticStrike(sc, at.position, at.radius, coarse).strikeProbability - value);
}

// The simplifications the integral makes (semi_analytic.hpp) are each worth a few per cent at
// most here (the wander's start law, episodes that cannot overlap, long vehicles' heading): 10 %
// is the stated approximation error of the semi-analytic value [assumption, see the page].
constexpr double kApproximation = 0.10;

}  // namespace

TEST_CASE("semi-analytic strike probability: the lapse stop's officer is reached by lapses only", "[validation][rare-events]") {
    const sim::Scenario stop = lapseStop();
    const Standing officer = officerOf(stop);
    // The script puts her 1 m behind the violator (sedan, 4.9 m) on its centreline, d = -2.2 m.
    CHECK(officer.position.x == Approx(-3.45).margin(1e-6));
    CHECK(officer.position.y == Approx(-2.2).margin(1e-6));
    const test::SemiAnalyticStrike s = test::semiAnalyticStrike(stop, officer.position, officer.radius);
    INFO("P " << s.strikeProbability << ", E[N] " << s.expectedStrikes << ", per vehicle " << s.perVehicle
              << ", lapse share " << s.lapseShare << ", onsets > 8 s before " << s.earlyOnsetShare << ", mean lead "
              << s.meanOnsetLead << " s");
    // A rare stop: between 1e-6 and 1e-5 a run, all of it from lapses.
    CHECK(s.strikeProbability > 1e-6);
    CHECK(s.strikeProbability < 1e-5);
    CHECK(s.lapseShare == 1.0);
    // Ordinary drifts do not count: they would add about 11 % if no driver had seen the stop, but
    // a driver who has seen it keeps their eyes on it (scene capture 0), and every driver sees it
    // (the violator's hazards) long before the 1-3 s within which a fast ordinary drift would
    // have to start to reach her.
    sim::Scenario unseen = stop;
    unseen.drivers.attention.sceneCapture = 1.0;
    const test::SemiAnalyticStrike u = test::semiAnalyticStrike(unseen, officer.position, officer.radius);
    INFO("ordinary drifts if nobody had seen the stop: +" << (u.expectedStrikes - s.expectedStrikes) / s.expectedStrikes);
    CHECK(u.expectedStrikes > s.expectedStrikes);
    CHECK(sim::models::sceneDetectionDistance(stop.environment, sim::UnitLights::Hazards, stop.road.sightDistance) > 150.0);
    CHECK(numericalError(stop, officer, s.strikeProbability) < 1e-2 * s.strikeProbability);
}

TEST_CASE("semi-analytic strike probability agrees with crude Monte Carlo when lapses are common", "[validation][rare-events][slow]") {
    // Every driver drowsy with 15 lapses an hour, 3-minute runs: P about 0.04, 3000 crude runs
    // (about 120 hits). About 60 s of CPU.
    sim::Scenario stop = lapseStop();
    stop.run.duration = 3.0 * sim::units::kMinute;
    stop.drivers.drowsy.share = 1.0;
    stop.drivers.impaired.share = 0.0;
    stop.drivers.drowsy.lapseRate = 15.0 / sim::units::kHour;
    const Standing officer = officerOf(stop);
    const test::SemiAnalyticStrike s = test::semiAnalyticStrike(stop, officer.position, officer.radius);
    const std::vector<sim::Outcome> runs = batch::runBatch(stop, 3000, [](std::size_t i) { return sim::runSeed(201, i); }, 2);
    const batch::WeightedEstimate crude = batch::estimateRareEvents(runs, stop, false).personStruck;
    INFO("semi-analytic " << s.strikeProbability << " (lapse share " << s.lapseShare << "); crude " << crude.estimate
                          << " +- " << crude.standardError << " (" << crude.hits << " hits of " << crude.runs << ")");
    REQUIRE(crude.hits >= 50);
    CHECK(std::fabs(crude.estimate - s.strikeProbability) <=
          batch::kZ95 * crude.standardError + kApproximation * s.strikeProbability);
}

TEST_CASE("semi-analytic strike probability agrees with importance sampling at p about 4e-6", "[validation][rare-events][slow]") {
    // A short, loose version of the page's run: windows of 20 s (the lapses that reach her start
    // 11 s on average before the car passes her: a window of 20 s sees 95 % of them, the default
    // 8 s window only 30 %), the default pilot (3 x 100 runs), then 2000 runs. About 150 s of CPU.
    const sim::Scenario stop = lapseStop();
    const Standing officer = officerOf(stop);
    const test::SemiAnalyticStrike s = test::semiAnalyticStrike(stop, officer.position, officer.radius);
    batch::ImportanceOptions options;
    options.window = 20.0;
    sim::Scenario tilted = stop;
    tilted.importance = batch::tuneImportance(stop, options, 301, 2);
    const std::vector<sim::Outcome> runs = batch::runBatch(tilted, 2000, [](std::size_t i) { return sim::runSeed(302, i); }, 2);
    const batch::WeightedEstimate is = batch::estimateRareEvents(runs, tilted, true).personStruck;
    INFO("semi-analytic " << s.strikeProbability << "; importance " << is.estimate << " +- " << is.standardError << " ["
                          << is.lo << ", " << is.hi << "] (" << is.hits << " hits, " << is.essHits
                          << " weighted, mean weight " << is.meanWeight << ")");
    REQUIRE(is.hits >= 5);
    CHECK(std::fabs(is.estimate - s.strikeProbability) <=
          batch::kZ95 * is.standardError + kApproximation * s.strikeProbability);
}
