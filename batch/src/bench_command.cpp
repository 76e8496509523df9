// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include "batch/runner.hpp"
#include "batch/sweep.hpp"
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

double cpuSeconds() {
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

long peakRssKb() {
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/// The sweep at each thread count: runs per second, parallel efficiency against the first count,
/// and the runner's overhead (wall time beyond the time spent inside sim::run, per thread).
bool benchSweep(const std::string& file, std::size_t replicates, const std::vector<int>& threadCounts) {
    SweepOptions options;
    options.replicates = replicates;
    const auto loadStart = Clock::now();
    const SweepLoad load = loadSweepFile(file, options);
    const double loadSeconds = secondsSince(loadStart);
    if (!load.ok()) {
        std::cerr << sim::io::formatDiagnostics(load.errors);
        return false;
    }
    const Sweep& sweep = *load.sweep;
    std::cout << std::setprecision(2) << "sweep " << sweep.name << ": " << sweep.points.size() << " points x " << replicates
              << " replicates = " << sweep.tasks() << " runs; loading and resolving the points took " << loadSeconds << " s\n";
    double base = 0.0;
    int baseThreads = 0;
    for (int threads : threadCounts) {
        const std::filesystem::path out = std::filesystem::temp_directory_path() /
                                          ("roadside-bench-sweep-" + std::to_string(getpid()) + "-" + std::to_string(threads));
        std::filesystem::remove_all(out);
        RunOptions run;
        run.out = out;
        run.threads = threads;
        const double cpuBefore = cpuSeconds();
        const RunReport report = runSweep(sweep, run);
        const double cpu = cpuSeconds() - cpuBefore;
        std::filesystem::remove_all(out);
        const double rate = static_cast<double>(report.ran) / report.wallSeconds;
        // Overhead: wall time the threads spent outside sim::run, relative to the time inside it.
        const double overhead = (report.wallSeconds * threads - report.runSeconds) / report.runSeconds;
        std::cout << "  " << threads << " thread(s): " << report.ran << " runs in " << report.wallSeconds << " s = " << rate
                  << " runs/s; time in runs " << report.runSeconds << " s; outside runs (idle threads included) "
                  << 100.0 * overhead << " %; CPU " << cpu << " s (" << 100.0 * cpu / (report.wallSeconds * threads)
                  << " % of the threads' wall time: the rest is other processes on the machine)";
        if (baseThreads == 0) {
            base = rate;
            baseThreads = threads;
        } else {
            std::cout << "; parallel efficiency vs " << baseThreads << " thread(s): "
                      << 100.0 * rate / (base * threads / baseThreads) << " %";
        }
        std::cout << "; peak RSS so far " << peakRssKb() / 1024 << " MiB\n";
    }
    return true;
}

}  // namespace

void addBenchCommand(CLI::App& app, int& exitCode) {
    struct Options {
        int corridorRuns = 5;
        std::string defaultScenario = "scenarios/default-stop.toml";
        int defaultRuns = 10;
        std::string sumo;
        std::string sweep;
        std::size_t sweepReplicates = 4;
        std::vector<int> sweepThreads = {1, 2};
        bool onlySweep = false;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "bench", "Throughput: the SUMO reference corridor (vehicle-updates/s) and the default stop (runs/s), one thread");
    cmd->add_option("--corridor-runs", opt->corridorRuns, "Runs of the corridor (the median is reported)")
        ->check(atLeastOne("--corridor-runs 3"));
    cmd->add_option("--default-scenario", opt->defaultScenario, "The default stop scenario");
    cmd->add_option("--default-runs", opt->defaultRuns, "Runs of the default stop")->check(atLeastOne("--default-runs 20"));
    cmd->add_option("--sumo", opt->sumo, "SUMO's run.sh (../shared/peer/sumo/run.sh) to run in the same sitting");
    cmd->add_option("--sweep", opt->sweep, "Also time this sweep (e.g. scenarios/sweeps/default-tactics.toml) at each --sweep-threads");
    cmd->add_option("--sweep-replicates", opt->sweepReplicates, "Replicates per point for --sweep")->check(atLeastOne("--sweep-replicates 4"));
    cmd->add_option("--sweep-threads", opt->sweepThreads, "Thread counts for --sweep (the first is the reference)")->delimiter(',');
    cmd->add_flag("--only-sweep", opt->onlySweep, "Time the sweep only");
    cmd->callback([opt, &exitCode] {
        std::cout << std::fixed << std::setprecision(0);
        if (!opt->sweep.empty()) {
            std::cout << std::setprecision(2);
            if (!benchSweep(opt->sweep, opt->sweepReplicates, opt->sweepThreads)) {
                exitCode = kInvalidInput;
                return;
            }
            std::cout << std::setprecision(0);
            if (opt->onlySweep) {
                exitCode = kOk;
                return;
            }
        }
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
