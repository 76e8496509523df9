// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "io/io_test_support.hpp"
#include "sim/presets.hpp"
#include "sim/world.hpp"

// Multi-rate integration (docs/model.md#multi-rate): a driver far from the scene with nothing
// happening to them decides every run.far_step and moves every run.step. These tests bound what
// that costs in accuracy, against the fine step (run.far_step = 0).

using namespace sim;

namespace {

/// One lane, no scene: every driver is far. A slow leader and five faster cars that catch up
/// with it and follow it (IDM), with no lane-keeping noise and no attention episodes, so that a
/// run is a deterministic trajectory.
Scenario platoon() {
    Scenario sc;
    sc.name = "platoon";
    sc.run.duration = 120.0;
    sc.road.lanes = 1;
    sc.traffic.flowPerLane = {0.0};
    sc.traffic.prepopulate = false;
    sc.drivers.attention.episodeRate = 0.0;
    sc.drivers.attention.laneKeepingSd = 0.0;
    for (int i = 0; i < 6; ++i) {
        ScriptedVehicle car;
        car.id = "car-" + std::to_string(i);
        car.spec = vehicleSpec(i == 3 ? VehicleKind::BoxTruck : VehicleKind::Sedan);
        car.lane = 1;
        car.entryTime = 2.5 * i;
        car.speed = i == 0 ? 22.0 : 32.0 - i;  // m/s: the followers close in on the leader
        car.movesOver = false;
        sc.scriptedVehicles.push_back(car);
    }
    return sc;
}

struct Trajectories {
    std::map<std::string, double> passAt;  ///< s: when each car's centre passed s = 0
    double minGap = 1e9;                   ///< m, bumper to bumper, over the whole run
};

Trajectories drive(Scenario sc, double farStep) {
    sc.run.farStep = farStep;
    World w(sc, 1);
    Trajectories out;
    std::map<std::uint32_t, double> lastX;
    while (!w.done()) {
        w.step();
        const Frame f = w.snapshot();
        std::vector<std::pair<double, double>> extents;  // (rear, front) of each car
        for (const EntityState& e : f.entities) {
            const EntityInfo& info = w.entities()[e.entity];
            if (info.kind != EntityKind::TrafficVehicle) continue;
            const double x = e.pose.position.x;
            if (lastX.count(e.entity) && lastX[e.entity] < 0.0 && x >= 0.0) {
                // The crossing, interpolated within the step.
                out.passAt[info.id] = w.time() - sc.run.dt * x / (x - lastX[e.entity]);
            }
            lastX[e.entity] = x;
            extents.emplace_back(x - 0.5 * info.length, x + 0.5 * info.length);
        }
        std::sort(extents.begin(), extents.end());
        for (std::size_t i = 1; i < extents.size(); ++i) out.minGap = std::min(out.minGap, extents[i].first - extents[i - 1].second);
    }
    return out;
}

double largestPassError(const Trajectories& coarse, const Trajectories& fine) {
    double worst = 0.0;
    for (const auto& [id, t] : fine.passAt) {
        REQUIRE(coarse.passAt.count(id) == 1);
        worst = std::max(worst, std::abs(coarse.passAt.at(id) - t));
    }
    return worst;
}

}  // namespace

TEST_CASE("multi-rate: a platoon's far-step trajectories converge to the fine step's, at first order", "[world]") {
    // The far step holds a driver's IDM acceleration for 0.5 s while the car moves every 0.05 s:
    // a ballistic update of step 0.5 s, first order in the step (Treiber & Kanagaraj 2015).
    const Scenario sc = platoon();
    const Trajectories fine = drive(sc, 0.0);
    REQUIRE(fine.passAt.size() == 6);  // every car reaches s = 0 after following the leader
    const Trajectories half = drive(sc, 0.5), quarter = drive(sc, 0.25);
    const double errHalf = largestPassError(half, fine), errQuarter = largestPassError(quarter, fine);
    INFO("largest difference in when a car passes s = 0: far step 0.5 s " << errHalf << " s, 0.25 s " << errQuarter << " s");
    // The bound: 10 ms after 1500 m of catching up and following (docs/model.md#multi-rate).
    CHECK(errHalf < 0.01);
    // Convergence: halving the far step at least halves the error, less a slack for rounding.
    CHECK(errQuarter <= 0.6 * errHalf + 1e-6);
    // The far step leaves no car running into the one ahead.
    CHECK(half.minGap > 0.5 * fine.minGap);
    CHECK(half.minGap > 1.0);
}

TEST_CASE("multi-rate: the default stop's measures agree with the fine step's within their stated bounds", "[world][slow]") {
    // Paired runs (the same seeds, so the same arrivals and drivers) of the default stop with the
    // far step (its default, 0.5 s) and without. Each measure's mean difference must be within
    // three paired standard errors plus the bound docs/model.md#multi-rate states for it.
    Scenario sc = test::loadFileOk(std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios/default-stop.toml");
    REQUIRE(sc.run.farStep == Approx(0.5));
    Scenario fineSc = sc;
    fineSc.run.farStep = 0.0;
    constexpr int kSeeds = 60;
    struct Measure {
        const char* name;
        double bound;
        bool relative;
        std::vector<double> differences;
        double fineSum = 0.0;
    };
    std::vector<Measure> measures = {
        {"vehicles passed", 0.01, true, {}},      {"move-over rate", 0.02, false, {}},
        {"slow-down rate", 0.02, false, {}},      {"at the mandated speed", 0.02, false, {}},
        {"adjacent-lane speed (m/s)", 0.2, false, {}}, {"edge-line crossings", 0.1, true, {}},
        {"close passes < 2 m", 0.1, true, {}},
    };
    auto values = [](const Outcome& o) {
        const PersonOutcome& officer = o.people.front();
        return std::vector<double>{double(o.vehiclesPassed), o.moveOverRate, o.slowDownRate,
                                   o.mandatedSpeedRate, o.adjacentLaneMeanSpeed,
                                   double(o.edgeLineCrossings), double(officer.closePassesLt2m)};
    };
    for (int seed = 1; seed <= kSeeds; ++seed) {
        const std::vector<double> coarse = values(run(sc, seed)), fine = values(run(fineSc, seed));
        for (std::size_t m = 0; m < measures.size(); ++m) {
            measures[m].differences.push_back(coarse[m] - fine[m]);
            measures[m].fineSum += fine[m];
        }
    }
    for (const Measure& m : measures) {
        double mean = 0.0, sq = 0.0;
        for (const double d : m.differences) mean += d / kSeeds;
        for (const double d : m.differences) sq += (d - mean) * (d - mean);
        const double se = std::sqrt(sq / (kSeeds - 1) / kSeeds);
        const double bound = m.relative ? m.bound * m.fineSum / kSeeds : m.bound;
        INFO(m.name << ": fine " << m.fineSum / kSeeds << ", far step minus fine " << mean << " ± " << se << " (bound " << bound << ")");
        CHECK(std::abs(mean) <= 3.0 * se + bound);
    }
}
