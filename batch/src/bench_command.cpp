// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// roadside-batch bench: throughput in one sitting, as CPU time (the machine is shared: wall time
// includes other people's work), against SUMO where SUMO can run the same thing. Ends with the
// README's Performance table, dated.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include "batch/importance.hpp"
#include "batch/manifest.hpp"
#include "batch/runner.hpp"
#include "batch/sweep.hpp"
#include "bench_scenarios.hpp"
#include "commands.hpp"
#include "load_or_report.hpp"
#include "sim/rng.hpp"
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

double userSeconds(int who) {
    struct rusage usage = {};
    getrusage(who, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec) + 1e-6 * static_cast<double>(usage.ru_utime.tv_usec);
}

/// User CPU time of this process (every thread), s.
double cpuSeconds() { return userSeconds(RUSAGE_SELF); }

long peakRssKb() {
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

std::string format(const char* fmt, double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, fmt, x);
    return buffer;
}

/// Runs a SUMO script (with `environment` set) and reads what it printed; nullopt if it failed.
std::optional<SumoRun> runSumo(const std::string& script, const std::vector<std::pair<std::string, std::string>>& environment) {
    std::string cmd;
    for (const auto& [name, value] : environment) cmd += name + "='" + value + "' ";
    cmd += script + " plain 2>&1";
    const double childCpu = userSeconds(RUSAGE_CHILDREN);
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return std::nullopt;
    std::string text;
    char line[512];
    while (std::fgets(line, sizeof line, pipe)) text += line;
    if (pclose(pipe) != 0) return std::nullopt;
    std::optional<SumoRun> r = parseSumoOutput(text);
    // A script that does not print SUMO's CPU time (SUMO's own run.sh): the children's, which
    // is SUMO's plus the shell's.
    if (r && !r->cpu) r->cpu = userSeconds(RUSAGE_CHILDREN) - childCpu;
    return r;
}

struct Batch {
    int runs = 0;
    double wall = 0.0, cpu = 0.0;  ///< s
    std::uint64_t updates = 0;
    double cpuPerRun() const { return cpu / runs; }
    double runsPerWallSecond() const { return runs / wall; }
};

/// `runs` runs of `sc` (seeds 1..runs) on `threads` threads.
Batch timeRuns(const sim::Scenario& sc, int runs, int threads) {
    Batch b;
    b.runs = runs;
    const double cpu = cpuSeconds();
    const auto start = Clock::now();
    const std::vector<sim::Outcome> out =
        runBatch(sc, static_cast<std::size_t>(runs), [](std::size_t i) { return static_cast<std::uint64_t>(i + 1); }, threads);
    b.wall = secondsSince(start);
    b.cpu = cpuSeconds() - cpu;
    for (const sim::Outcome& o : out) b.updates += o.vehicleUpdates;
    return b;
}

/// The rare-event estimator on a scenario, as `roadside-batch estimate` runs it: the pilot, then
/// batches of 64 until the 95 % interval is within relError (with 10 weighted hits) or the time
/// is up.
struct EstimatorTiming {
    double wall = 0.0, cpu = 0.0;  ///< s, pilot included
    std::size_t pilotRuns = 0, runs = 0;
    WeightedEstimate estimate;
    bool converged = false;
};

EstimatorTiming timeEstimator(sim::Scenario sc, double relError, double maxSeconds, const ImportanceOptions& options, int threads) {
    EstimatorTiming e;
    const double cpu = cpuSeconds();
    const auto start = Clock::now();
    TuningReport tuning;
    sc.importance = tuneImportance(sc, options, 1, threads, &tuning);
    e.pilotRuns = tuning.pilotRuns;
    std::vector<sim::Outcome> runs;
    while (secondsSince(start) < maxSeconds) {
        const std::size_t first = runs.size();
        std::vector<sim::Outcome> more = runBatch(sc, 64, [&](std::size_t i) { return sim::runSeed(1, first + i); }, threads);
        runs.insert(runs.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        e.estimate = estimateRareEvents(runs, sc, true).personStruck;
        if (e.estimate.relError <= relError && e.estimate.essHits >= 10.0) {
            e.converged = true;
            break;
        }
    }
    e.runs = runs.size();
    e.wall = secondsSince(start);
    e.cpu = cpuSeconds() - cpu;
    return e;
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
                  << 100.0 * overhead << " %; user CPU " << cpu << " s (" << 100.0 * cpu / (report.wallSeconds * threads)
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

struct Options {
    int corridorRuns = 3;
    std::string defaultScenario = "scenarios/default-stop.toml";
    int defaultRuns = 20;
    std::string sumo = "tools/sumo-corridor.sh";
    double estimateRelError = 0.2;
    double estimateMaxTime = 300.0;
    int estimateThreads = 2;
    bool noEstimate = false;
    bool quick = false;
    std::string sweep;
    std::size_t sweepReplicates = 4;
    std::vector<int> sweepThreads = {1, 2};
    bool onlySweep = false;
};

std::string loadAverage() {
    double load[3] = {0.0, 0.0, 0.0};
    if (getloadavg(load, 3) < 1) return "unknown";
    return format("%.2f", load[0]);
}

void bench(Options opt, int& exitCode) {
    if (opt.quick) {
        opt.corridorRuns = 1;
        opt.defaultRuns = 4;
        opt.estimateMaxTime = std::min(opt.estimateMaxTime, 20.0);
    }
    const std::optional<sim::Scenario> sc = loadOrReport(opt.defaultScenario);
    if (!sc) {
        exitCode = kInvalidInput;
        return;
    }
    const std::string date = utcNow();
    std::cout << "roadside-batch bench, " << date << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " cores, load average "
              << loadAverage() << (opt.quick ? ", --quick" : "")
              << ". Times are user CPU seconds (this process, or SUMO's), not wall time, unless they say wall.\n";
    std::ostringstream table;
    table << "| " << date << " | Roadside | SUMO 1.15 | Roadside / SUMO |\n|---|---|---|---|\n";

    // 1. SUMO's reference corridor: vehicle-updates per CPU second, with the default multi-rate
    // step and with every driver deciding every step (as SUMO's drivers do).
    const sim::Scenario corridor = sumoCorridorScenario();
    const auto timeCorridor = [&](const sim::Scenario& scenario) {
        std::vector<double> cpu;
        std::uint64_t updates = 0;
        for (int i = 0; i < opt.corridorRuns; ++i) {
            const double start = cpuSeconds();
            updates = sim::run(scenario, static_cast<std::uint64_t>(i + 1)).vehicleUpdates;
            cpu.push_back(cpuSeconds() - start);
        }
        const double ups = static_cast<double>(updates) / median(cpu);
        std::cout << "corridor (SUMO reference, stop scene, all measures, run.far_step " << scenario.run.farStep << " s): " << updates
                  << " vehicle-updates in " << format("%.3f", median(cpu)) << " s = " << format("%.3g", ups)
                  << " vehicle-updates/s (median of " << opt.corridorRuns << ")\n";
        return ups;
    };
    const double corridorUps = timeCorridor(corridor);
    sim::Scenario fineCorridor = corridor;
    fineCorridor.run.farStep = 0.0;
    const double fineCorridorUps = timeCorridor(fineCorridor);
    std::string corridorSumo = "—", corridorRatio = "—";
    double sumoUps = 0.0;
    if (!opt.sumo.empty()) {
        if (const std::optional<SumoRun> s = runSumo(opt.sumo, {})) {
            const double ups = s->updates / *s->cpu;
            sumoUps = ups;
            std::cout << "sumo corridor: " << format("%.0f", s->updates) << " vehicle-updates in " << format("%.3f", *s->cpu)
                      << " s = " << format("%.3g", ups) << " vehicle-updates/s (its own wall-clock UPS: "
                      << format("%.3g", s->updatesPerSecond) << "); ratio roadside/sumo = " << format("%.2f", corridorUps / ups) << "\n";
            corridorSumo = format("%.2f", ups / 1e6) + " M vehicle-updates/s";
            corridorRatio = format("%.1f×", corridorUps / ups);
        } else {
            std::cout << "sumo: could not run " << opt.sumo << " (tools/install-deps.sh --with-peer installs SUMO)\n";
        }
    }
    table << "| SUMO's reference corridor (3 km, 2 lanes, 3000 veh/h, 0.05 s step; Roadside with a stop scene and every "
             "measure on, drivers far from it deciding every 0.5 s) | "
          << format("%.2f", corridorUps / 1e6) << " M vehicle-updates/s | " << corridorSumo << " | " << corridorRatio << " |\n"
          << "| ... every driver deciding every step (run.far_step = 0) | " << format("%.2f", fineCorridorUps / 1e6)
          << " M vehicle-updates/s | " << corridorSumo << " | " << (sumoUps > 0.0 ? format("%.1f×", fineCorridorUps / sumoUps) : "—")
          << " |\n";

    // 2. The default stop on 1 and 2 threads.
    const Batch one = timeRuns(*sc, opt.defaultRuns, 1);
    std::cout << "default stop (" << sc->name << "), 1 thread: " << one.runs << " runs, " << format("%.1f", 1000.0 * one.cpuPerRun())
              << " ms a run = " << format("%.2f", 1.0 / one.cpuPerRun()) << " runs per CPU second, "
              << format("%.3g", static_cast<double>(one.updates) / one.cpu) << " vehicle-updates/s (wall: "
              << format("%.2f", one.runsPerWallSecond()) << " runs/s)\n";
    const Batch two = timeRuns(*sc, 2 * opt.defaultRuns, 2);
    // Two threads with a core each would run 2 / (CPU a run) runs a second: the efficiency by CPU
    // time is what threading costs (1 = nothing); by wall time it also counts the other processes
    // on the machine, and is the real figure only on an idle one.
    const double cpuEfficiency = one.cpuPerRun() / two.cpuPerRun();
    const double wallEfficiency = two.runsPerWallSecond() / (2.0 * one.runsPerWallSecond());
    const std::string load = loadAverage();
    std::cout << "default stop, 2 threads: " << two.runs << " runs, " << format("%.1f", 1000.0 * two.cpuPerRun()) << " ms of CPU a run = "
              << format("%.1f", 2.0 / two.cpuPerRun()) << " runs/s with a core each, parallel efficiency by CPU "
              << format("%.0f", 100.0 * cpuEfficiency) << " %; wall " << format("%.2f", two.runsPerWallSecond())
              << " runs/s = parallel efficiency by wall " << format("%.0f", 100.0 * wallEfficiency) << " % (load average now " << load << ")\n";
    table << "| default stop (10 min, 2 lanes × 1200 veh/h, 65 mph, every measure on), 1 thread | "
          << format("%.0f", 1000.0 * one.cpuPerRun()) << " ms a run = " << format("%.1f", 1.0 / one.cpuPerRun()) << " runs/s | | |\n"
          << "| ... 2 threads (parallel efficiency by CPU time; by wall time at load average " << load << ") | "
          << format("%.1f", 2.0 / two.cpuPerRun()) << " runs/s (" << format("%.0f", 100.0 * cpuEfficiency) << " %; wall "
          << format("%.1f", two.runsPerWallSecond()) << " runs/s, " << format("%.0f", 100.0 * wallEfficiency) << " %) | | |\n";

    // The multi-rate step's share: the default stop with every driver deciding every step.
    sim::Scenario fineStop = *sc;
    fineStop.run.farStep = 0.0;
    const Batch fine = timeRuns(fineStop, opt.defaultRuns, 1);
    std::cout << "default stop, run.far_step = 0 (every driver decides every step), 1 thread: " << format("%.1f", 1000.0 * fine.cpuPerRun())
              << " ms a run; the multi-rate step saves " << format("%.0f", 100.0 * (1.0 - one.cpuPerRun() / fine.cpuPerRun())) << " %\n";
    table << "| ... every driver deciding every step (run.far_step = 0), 1 thread | " << format("%.0f", 1000.0 * fine.cpuPerRun())
          << " ms a run = " << format("%.1f", 1.0 / fine.cpuPerRun()) << " runs/s | | |\n";

    // 3. The default stop's traffic in SUMO, without a scene, against the default stop itself.
    if (!opt.sumo.empty()) {
        if (const std::optional<SumoRun> s = runSumo(opt.sumo, sumoTrafficEnvironment(*sc))) {
            const double roadsideUpdates = static_cast<double>(one.updates) / one.runs;
            std::cout << "sumo, the default stop's traffic without a scene: " << format("%.0f", s->updates) << " vehicle-updates in "
                      << format("%.3f", *s->cpu) << " s a run (" << format("%.0f", s->inserted.value_or(NAN)) << " vehicles entered of "
                      << format("%.0f", s->loaded.value_or(NAN)) << " due); roadside " << format("%.0f", roadsideUpdates) << " in "
                      << format("%.3f", one.cpuPerRun()) << " s (its road starts full; SUMO's starts empty); time ratio roadside/sumo = "
                      << format("%.2f", one.cpuPerRun() / *s->cpu) << ", per vehicle-update "
                      << format("%.2f", (one.cpuPerRun() / roadsideUpdates) / (*s->cpu / s->updates)) << "\n";
            table << "| default stop's traffic, one run (SUMO: same road, demand, step and IDM, no scene) | "
                  << format("%.0f", 1000.0 * one.cpuPerRun()) << " ms | " << format("%.0f", 1000.0 * *s->cpu) << " ms | "
                  << format("%.2f×", one.cpuPerRun() / *s->cpu) << " the time (" << format("%.2f×", (one.cpuPerRun() / roadsideUpdates) / (*s->cpu / s->updates))
                  << " per vehicle-update) |\n";
        } else {
            std::cout << "sumo: could not run the default stop's traffic with " << opt.sumo << "\n";
        }
    }

    // 4. The rare-event estimator on the default stop.
    if (!opt.noEstimate) {
        ImportanceOptions options;
        if (opt.quick) {
            options.pilotRuns = 32;
            options.pilotIterations = 2;
        }
        const EstimatorTiming e = timeEstimator(*sc, opt.estimateRelError, opt.estimateMaxTime, options, opt.estimateThreads);
        const WeightedEstimate& p = e.estimate;
        std::cout << "estimator (" << e.pilotRuns << " pilot runs, then " << e.runs << " runs on " << opt.estimateThreads
                  << " threads): P(strike) " << format("%.3g", p.estimate) << " ±" << format("%.0f", 100.0 * p.relError) << " %, "
                  << p.hits << " hits (" << format("%.1f", p.essHits) << " weighted) after " << format("%.0f", e.cpu)
                  << " s of CPU (" << format("%.0f", e.wall) << " s wall)" << (e.converged ? ", target reached" : ", time up before the target");
        const std::string reached = (e.converged ? "" : "time up at ±" + format("%.0f", 100.0 * p.relError) + " %: ") +
                                    format("%.0f", e.cpu) + " s of CPU (" + format("%.0f", e.wall) + " s wall, " +
                                    std::to_string(e.pilotRuns + e.runs) + " runs)";
        // Crude Monte Carlo to the same relative error, at the 1-thread CPU time per run; only
        // once the estimate has enough weighted hits to be believed.
        if (p.essHits >= 10.0 && std::isfinite(p.relError)) {
            const double crudeRuns = crudeRunsFor(p.estimate, p.relError);
            const double speedup = crudeRuns * one.cpuPerRun() / e.cpu;
            std::cout << "; crude MC would need " << format("%.3g", crudeRuns) << " runs = " << format("%.3g", crudeRuns * one.cpuPerRun())
                      << " s of CPU for the same error: effective speed-up " << format("%.3g", speedup) << "×\n";
            table << "| rare-event estimator, default stop, to ±" << format("%.0f", 100.0 * opt.estimateRelError) << " % | " << reached
                  << " | crude MC: " << format("%.2g", crudeRuns * one.cpuPerRun()) << " s | " << format("%.2g×", speedup) << " faster |\n";
        } else {
            std::cout << "; too few weighted hits to compare with crude MC\n";
            table << "| rare-event estimator, default stop, to ±" << format("%.0f", 100.0 * opt.estimateRelError) << " % | " << reached
                  << ", " << format("%.1f", p.essHits) << " weighted hits | | |\n";
        }
    }
    std::cout << "\n" << table.str();
    exitCode = kOk;
}

}  // namespace

void addBenchCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "bench", "Throughput in one sitting, in CPU time: the SUMO reference corridor, the default stop on 1 and 2 threads and "
                 "against SUMO on its traffic, the rare-event estimator's time to ±20 %");
    cmd->add_option("--corridor-runs", opt->corridorRuns, "Runs of the corridor (the median is reported)")
        ->check(atLeastOne("--corridor-runs 3"));
    cmd->add_option("--default-scenario", opt->defaultScenario, "The default stop scenario");
    cmd->add_option("--default-runs", opt->defaultRuns, "Runs of the default stop on 1 thread (twice as many on 2)")
        ->check(atLeastOne("--default-runs 20"));
    cmd->add_option("--sumo", opt->sumo, "SUMO's corridor script (\"\" = no SUMO): tools/sumo-corridor.sh also runs the default "
                                          "stop's traffic")
        ->default_val("tools/sumo-corridor.sh");
    cmd->add_option("--estimate-rel-error", opt->estimateRelError, "The estimator's target relative error")
        ->check(between(0, 10, "--estimate-rel-error 0.2"));
    cmd->add_option("--estimate-max-time", opt->estimateMaxTime, "s of wall time the estimator may take")->check(CLI::PositiveNumber);
    cmd->add_option("--estimate-threads", opt->estimateThreads, "The estimator's threads")->check(atLeastOne("--estimate-threads 2"));
    cmd->add_flag("--no-estimate", opt->noEstimate, "Skip the estimator");
    cmd->add_flag("--quick", opt->quick, "One corridor run, 4 default-stop runs, 20 s of estimator with a short pilot");
    cmd->add_option("--sweep", opt->sweep, "Time this sweep (e.g. scenarios/sweeps/default-tactics.toml) at each --sweep-threads");
    cmd->add_option("--sweep-replicates", opt->sweepReplicates, "Replicates per point for --sweep")->check(atLeastOne("--sweep-replicates 4"));
    cmd->add_option("--sweep-threads", opt->sweepThreads, "Thread counts for --sweep (the first is the reference)")->delimiter(',');
    cmd->add_flag("--only-sweep", opt->onlySweep, "Time the sweep only");
    cmd->callback([opt, &exitCode] {
        if (!opt->sweep.empty()) {
            std::cout << std::fixed;
            if (!benchSweep(opt->sweep, opt->sweepReplicates, opt->sweepThreads)) {
                exitCode = kInvalidInput;
                return;
            }
            std::cout.unsetf(std::ios::floatfield);
            if (opt->onlySweep) {
                exitCode = kOk;
                return;
            }
        }
        bench(*opt, exitCode);
    });
}

}  // namespace batch
