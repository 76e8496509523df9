// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// roadside-batch bench's helpers (batch/src/bench_scenarios.hpp): reading what SUMO prints, the
// default stop's traffic as tools/sumo-corridor.sh's environment (and, where SUMO is installed,
// that SUMO really runs that traffic), and the crude Monte Carlo run count the estimator is
// compared with.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "bench_scenarios.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/presets.hpp"

namespace {

std::map<std::string, std::string> environmentOf(const sim::Scenario& sc) {
    std::map<std::string, std::string> env;
    for (const auto& [name, value] : batch::sumoTrafficEnvironment(sc)) env[name] = value;
    return env;
}

sim::Scenario defaultStop() {
    const sim::io::LoadResult load =
        sim::io::loadScenarioFile(std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios/default-stop.toml");
    REQUIRE(load.ok());
    return *load.scenario;
}

}  // namespace

TEST_CASE("parseSumoOutput reads SUMO's duration in s or ms, its UPS, insertions and the script's CPU time", "[bench]") {
    const std::string seconds = " Duration: 2.55s\n UPS: 377411.464468\n Inserted: 465 (Loaded: 500)\n"
                                "mode=plain wall_s=2.650 vehicle_updates_per_s=377411.464468 cpu_user_s=1.300\n";
    const std::optional<batch::SumoRun> s = batch::parseSumoOutput(seconds);
    REQUIRE(s);
    CHECK(s->updatesPerSecond == Approx(377411.464468));
    CHECK(s->duration == Approx(2.55));
    CHECK(s->updates == Approx(377411.464468 * 2.55));
    REQUIRE(s->cpu);
    CHECK(*s->cpu == Approx(1.3));
    REQUIRE(s->inserted);
    CHECK(*s->inserted == 465.0);
    REQUIRE(s->loaded);
    CHECK(*s->loaded == 500.0);

    // Older SUMOs print milliseconds; SUMO's own run.sh prints no CPU time.
    const std::optional<batch::SumoRun> ms = batch::parseSumoOutput(" Duration: 2550ms\n UPS: 1000\n");
    REQUIRE(ms);
    CHECK(ms->duration == Approx(2.55));
    CHECK(ms->updates == Approx(2550.0));
    CHECK_FALSE(ms->cpu);

    CHECK_FALSE(batch::parseSumoOutput("sumo: command not found\n"));
    CHECK_FALSE(batch::parseSumoOutput(" Duration: 2.55s\n"));
}

TEST_CASE("sumoTrafficEnvironment gives SUMO the default stop's road, demand, step and drivers", "[bench]") {
    const sim::Scenario sc = defaultStop();
    const std::map<std::string, std::string> env = environmentOf(sc);
    const auto num = [&](const std::string& key) {
        REQUIRE(env.count(key) == 1);
        return std::stod(env.at(key));
    };
    CHECK(num("SUMO_LENGTH_M") == Approx(sc.road.upstreamLength + sc.road.downstreamLength));
    CHECK(num("SUMO_LANES") == sc.road.lanes);
    CHECK(num("SUMO_LANE_WIDTH_M") == Approx(sc.road.laneWidth).epsilon(1e-5));
    CHECK(num("SUMO_SPEED_LIMIT_MS") == Approx(sc.road.speedLimit).epsilon(1e-5));
    double flow = 0.0;
    for (double f : sc.traffic.flowPerLane) flow += f;
    CHECK(num("SUMO_FLOW_VPH") == Approx(3600.0 * flow).epsilon(1e-5));
    CHECK(num("SUMO_END_S") == Approx(sc.run.duration));
    CHECK(num("SUMO_DEMAND_S") == Approx(sc.run.duration));  // arrivals never stop in the default stop
    CHECK(num("SUMO_STEP_S") == Approx(sc.run.dt));
    CHECK(num("SUMO_IDM_A") == Approx(sc.drivers.idm.a).epsilon(1e-5));
    CHECK(num("SUMO_IDM_T") == Approx(sc.drivers.idm.T).epsilon(1e-5));
    // One class as long as the mix on average: between its shortest and its longest vehicle.
    const std::vector<sim::MixEntry> mix = sim::defaultFreewayMix();
    double shortest = 1e9, longest = 0.0;
    for (const sim::MixEntry& m : mix) {
        shortest = std::min(shortest, m.spec.length);
        longest = std::max(longest, m.spec.length);
    }
    CHECK(num("SUMO_CAR_LENGTH_M") > shortest);
    CHECK(num("SUMO_CAR_LENGTH_M") < longest);
    // Desired speed: SUMO's speed factor times the limit has the scenario's mean and spread.
    double mean = 0.0, sd = 0.0, lo = 0.0, hi = 0.0;
    REQUIRE(std::sscanf(env.at("SUMO_SPEED_FACTOR").c_str(), "normc(%lf,%lf,%lf,%lf)", &mean, &sd, &lo, &hi) == 4);
    CHECK(mean * sc.road.speedLimit == Approx(sc.road.speedLimit + sc.traffic.speedOffset).epsilon(1e-5));
    CHECK(sd * sc.road.speedLimit == Approx(sc.traffic.speedSd).epsilon(1e-5));
    CHECK((hi - mean) / sd == Approx(sc.traffic.speedTruncation).epsilon(1e-4));
    CHECK((mean - lo) / sd == Approx(sc.traffic.speedTruncation).epsilon(1e-4));
}

TEST_CASE("tools/sumo-corridor.sh runs the traffic its environment describes", "[bench]") {
    if (std::system("command -v sumo >/dev/null 2>&1 && command -v netconvert >/dev/null 2>&1") != 0) {
        WARN("SUMO is not installed (tools/install-deps.sh --with-peer): not checked");
        return;
    }
    // A minute of the default stop's traffic, and the same with twice the flow.
    sim::Scenario sc = defaultStop();
    sc.run.duration = 60.0;
    const auto runWith = [](const sim::Scenario& s) {
        std::string cmd;
        for (const auto& [name, value] : batch::sumoTrafficEnvironment(s)) cmd += name + "='" + value + "' ";
        cmd += std::string(ROADSIDE_SOURCE_DIR) + "/tools/sumo-corridor.sh plain 2>&1";
        FILE* pipe = popen(cmd.c_str(), "r");
        REQUIRE(pipe);
        std::string text;
        char line[512];
        while (std::fgets(line, sizeof line, pipe)) text += line;
        REQUIRE(pclose(pipe) == 0);
        const std::optional<batch::SumoRun> r = batch::parseSumoOutput(text);
        REQUIRE(r);
        REQUIRE(r->inserted);
        REQUIRE(r->cpu);
        return *r;
    };
    const batch::SumoRun one = runWith(sc);
    double flow = 0.0;
    for (double f : sc.traffic.flowPerLane) flow += f;
    // SUMO's flow generates vehicles at the scenario's rate (a deterministic flow: within 2); it
    // inserts those it finds room for at the desired speed.
    REQUIRE(one.loaded);
    CHECK(std::abs(*one.loaded - flow * sc.run.duration) <= 2.0);
    CHECK(*one.inserted <= *one.loaded);
    CHECK(*one.inserted >= 0.5 * *one.loaded);
    for (double& f : sc.traffic.flowPerLane) f *= 2.0;
    const batch::SumoRun two = runWith(sc);
    REQUIRE(two.loaded);
    CHECK(std::abs(*two.loaded - 2.0 * flow * sc.run.duration) <= 2.0);
    CHECK(*two.inserted > *one.inserted);
    // (Not the updates: SUMO prints its duration to 10 ms, a few per cent of so short a run.)
}

TEST_CASE("crudeRunsFor is the run count at which crude Monte Carlo's 95 % interval is that tight", "[bench]") {
    for (const double p : {1e-2, 1e-4, 3e-6}) {
        for (const double rel : {0.1, 0.2, 0.5}) {
            const double n = batch::crudeRunsFor(p, rel);
            // The binomial proportion's 95 % half-width at n runs, over p.
            CHECK(1.959963984540054 * std::sqrt(p * (1.0 - p) / n) / p == Approx(rel));
        }
    }
    // Ten times rarer takes about ten times the runs; half the error four times.
    CHECK(batch::crudeRunsFor(1e-5, 0.2) / batch::crudeRunsFor(1e-4, 0.2) == Approx(10.0).epsilon(1e-3));
    CHECK(batch::crudeRunsFor(1e-4, 0.1) / batch::crudeRunsFor(1e-4, 0.2) == Approx(4.0));
}
