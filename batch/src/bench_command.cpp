// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "bench_scenarios.hpp"
#include "commands.hpp"
#include "load_or_report.hpp"
#include "sim/world.hpp"

namespace batch {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    return xs[xs.size() / 2];
}

/// Runs SUMO's reference script and returns its vehicle-updates per second, or nullopt.
std::optional<double> runSumo(const std::string& script) {
    const std::string cmd = script + " plain 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return std::nullopt;
    std::optional<double> ups;
    char line[512];
    while (std::fgets(line, sizeof line, pipe)) {
        const std::string text(line);
        const auto at = text.find("vehicle_updates_per_s=");
        if (at != std::string::npos) ups = std::stod(text.substr(at + 22));
    }
    pclose(pipe);
    return ups;
}

struct Measured {
    double updatesPerSecond;
    double wall;
    std::uint64_t updates;
};

Measured benchCorridor(int runs) {
    const sim::Scenario sc = sumoCorridorScenario();
    std::vector<double> ups, walls;
    std::uint64_t updates = 0;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        const sim::Outcome o = sim::run(sc, static_cast<std::uint64_t>(i + 1));
        const double wall = secondsSince(start);
        updates = o.vehicleUpdates;
        walls.push_back(wall);
        ups.push_back(static_cast<double>(o.vehicleUpdates) / wall);
    }
    return {median(ups), median(walls), updates};
}

}  // namespace

void addBenchCommand(CLI::App& app, int& exitCode) {
    struct Options {
        int corridorRuns = 5;
        std::string defaultScenario = "scenarios/default-stop.toml";
        int defaultRuns = 10;
        std::string sumo;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "bench", "Throughput: the SUMO reference corridor (vehicle-updates/s) and the default stop (runs/s), one thread");
    cmd->add_option("--corridor-runs", opt->corridorRuns, "Runs of the corridor (the median is reported)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--default-scenario", opt->defaultScenario, "The default stop scenario");
    cmd->add_option("--default-runs", opt->defaultRuns, "Runs of the default stop")->check(CLI::PositiveNumber);
    cmd->add_option("--sumo", opt->sumo, "SUMO's run.sh (../shared/peer/sumo/run.sh) to run in the same sitting");
    cmd->callback([opt, &exitCode] {
        std::cout << std::fixed << std::setprecision(0);
        const Measured corridor = benchCorridor(opt->corridorRuns);
        std::cout << "corridor (SUMO reference, stop scene, all measures): " << corridor.updates
                  << " vehicle-updates in " << std::setprecision(3) << corridor.wall << " s = " << std::setprecision(0)
                  << corridor.updatesPerSecond << " vehicle-updates/s (median of " << opt->corridorRuns << ")\n";
        if (!opt->sumo.empty()) {
            if (const std::optional<double> sumo = runSumo(opt->sumo)) {
                std::cout << "sumo 1.15 plain: " << *sumo << " vehicle-updates/s; ratio roadside/sumo = "
                          << std::setprecision(2) << corridor.updatesPerSecond / *sumo << "\n";
            } else {
                std::cout << "sumo: could not run " << opt->sumo << "\n";
            }
        }
        const std::optional<sim::Scenario> sc = loadOrReport(opt->defaultScenario);
        if (!sc) {
            exitCode = kInvalidInput;
            return;
        }
        const auto start = Clock::now();
        std::uint64_t updates = 0;
        for (int i = 0; i < opt->defaultRuns; ++i) updates += sim::run(*sc, static_cast<std::uint64_t>(i + 1)).vehicleUpdates;
        const double wall = secondsSince(start);
        std::cout << std::setprecision(2) << "default stop (" << sc->name << "): " << opt->defaultRuns << " runs in "
                  << wall << " s = " << opt->defaultRuns / wall << " runs/s, " << std::setprecision(0)
                  << static_cast<double>(updates) / wall << " vehicle-updates/s\n";
        exitCode = kOk;
    });
}

}  // namespace batch
