// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// roadside-batch estimate: P(strike) of one scenario by importance sampling (or crude Monte
// Carlo), run until the 95 % interval is tight enough or the time is up.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include <unistd.h>

#include "batch/importance.hpp"
#include "batch/run_table.hpp"
#include "batch/text.hpp"
#include "commands.hpp"
#include "load_or_report.hpp"
#include "sim/io/quantity.hpp"
#include "sim/rng.hpp"
#include "stop_signals.hpp"

namespace batch {

namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

struct Options {
    std::string scenario;
    double relError = 0.2;
    std::string maxTime = "10 min";
    int threads = 0;
    std::vector<std::string> set;
    std::uint64_t seed = 1;
    bool crude = false;
    ImportanceOptions importance;
    std::string window = "8 s";
    std::size_t minHits = 10;
    bool quiet = false;
    std::string runsFile;
};

/// A time typed on the command line: its unit is required (a bare "10" could mean s or min).
std::optional<double> parseTime(const std::string& text, const std::string& option, std::string& error) {
    const sim::io::ParsedQuantity q = sim::io::parseQuantity(text, sim::io::Dimension::Time);
    const bool hasUnit = text.find_first_not_of("0123456789.+-eE \t") != std::string::npos;
    if (q.value && hasUnit && *q.value > 0.0) return q.value;
    error = option + " " + text + ": expected a positive time with its unit, e.g. \"10 min\", \"90 s\" or \"1 h\"";
    if (!q.value && hasUnit) error += " (" + q.error + ")";
    return std::nullopt;
}

/// Somebody is on foot at some point of the run: otherwise there is no strike to estimate.
bool someoneOnFoot(const sim::Scenario& sc) {
    for (const sim::PersonDef& p : sc.people)
        for (const sim::ScriptStep& st : p.script)
            if (st.place != sim::Place::Inside) return true;
    return false;
}

std::string shortNumber(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", x);
    return buffer;
}

/// One line per run: its weight, what was struck, and its tilted window (for checking the
/// estimator and for breaking estimates down; docs/batch.md).
void writeRuns(const std::string& path, const std::vector<sim::Outcome>& runs, const sim::Scenario& scenario) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) throw std::runtime_error("cannot write " + path);
    std::fprintf(f, "run,seed,log_weight,person_struck,unit_struck,p_fatal,windows,log_no_tilt,tilted,vehicle,onset_fraction,"
                    "onset_in_window,lapse,toward_shoulder,drift_speed_mps,duration_s,closest_gap_m,log_ratio\n");
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const sim::Outcome& o = runs[i];
        const sim::TiltedWindow& w = o.importance.tiltedWindow;
        std::fprintf(f, "%zu,%llu,%.17g,%d,%d,%.9g,%d,%.17g,%d,%s,%.6g,%d,%d,%d,%.6g,%.6g,%.6g,%.17g\n", i,
                     static_cast<unsigned long long>(o.seed), o.logWeight, o.struck ? 1 : 0, unitStruck(o, scenario) ? 1 : 0,
                     runProbability(o, true), o.importance.windows, o.importance.logNoTilt, o.importance.tilted ? 1 : 0,
                     w.vehicle.c_str(), w.onsetFraction, w.onsetInWindow ? 1 : 0, w.lapse ? 1 : 0, w.towardShoulder ? 1 : 0,
                     w.driftSpeed, w.duration, w.closestGap, w.logRatio);
    }
    std::fclose(f);
}

void run(const Options& opt, int& exitCode) {
    std::string error;
    const std::optional<double> maxTime = parseTime(opt.maxTime, "--max-time", error);
    std::optional<double> window = parseTime(opt.window, "--window", error);
    if (!maxTime || !window) {
        std::cerr << "roadside-batch estimate: " << error << "\n";
        exitCode = kInvalidInput;
        return;
    }
    const auto overrides = overridesOrReport(opt.set, "roadside-batch estimate");
    if (!overrides) {
        exitCode = kInvalidInput;
        return;
    }
    sim::io::LoadResult load = sim::io::loadScenarioFile(opt.scenario, *overrides);
    for (const sim::io::Diagnostic& d : load.errors) std::cerr << d.message() << "\n";
    if (!load.ok()) {
        exitCode = kInvalidInput;
        return;
    }
    sim::Scenario scenario = std::move(*load.scenario);
    if (!someoneOnFoot(scenario)) {
        std::cerr << "roadside-batch estimate: " << opt.scenario
                  << ": nobody is ever on foot in this scenario (every script step is \"inside\"), so no one can be struck: "
                     "there is nothing to estimate\n";
        exitCode = kInvalidInput;
        return;
    }

    const auto start = Clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    const StopSignals signals;
    ImportanceOptions importance = opt.importance;
    importance.window = *window;
    TuningReport tuning;
    if (!opt.crude) {
        if (!opt.quiet) std::cerr << "tuning the proposal (" << importance.pilotIterations << " x " << importance.pilotRuns << " pilot runs)...\n";
        scenario.importance = tuneImportance(scenario, importance, opt.seed, opt.threads, &tuning);
    }

    // Batches of a fixed size: the answer after each is a pure function of the seed, so a run
    // that stops on its target stops at the same run count on any machine.
    const std::size_t batch = 64;
    std::vector<sim::Outcome> runs;
    RareEventEstimates estimates;
    std::string stopped = "time-up";
    const bool terminal = isatty(STDERR_FILENO) != 0;
    while (true) {
        if (interruptRequested.load()) {
            stopped = "interrupted";
            break;
        }
        if (elapsed() >= *maxTime) break;
        const std::size_t first = runs.size();
        std::vector<sim::Outcome> more =
            runBatch(scenario, batch, [&](std::size_t i) { return sim::runSeed(opt.seed, first + i); }, opt.threads);
        runs.insert(runs.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        estimates = estimateRareEvents(runs, scenario, !opt.crude);
        const WeightedEstimate& p = estimates.personStruck;
        if (!opt.quiet) {
            std::cerr << (terminal ? "\r" : "") << runs.size() << " runs, " << shortNumber(elapsed()) << " s: P(strike) "
                      << shortNumber(p.estimate) << " ±" << (std::isfinite(p.relError) ? shortNumber(100.0 * p.relError) + " %" : "inf")
                      << " (target " << shortNumber(100.0 * opt.relError) << " %), " << p.hits << " hits   " << (terminal ? "" : "\n")
                      << std::flush;
        }
        // Weighted hits, not raw ones: most hits of an importance run carry tiny weights.
        if (p.relError <= opt.relError && p.essHits >= static_cast<double>(opt.minHits)) {
            stopped = "converged";
            break;
        }
    }
    if (!opt.quiet && terminal) std::cerr << "\n";
    if (runs.empty()) estimates = estimateRareEvents(runs, scenario, !opt.crude);

    Json out;
    out["scenario"] = scenario.name;
    out["stopped"] = stopped;
    out["target_rel_error"] = opt.relError;
    out["wall_s"] = elapsed();
    out["seed"] = opt.seed;
    out.update(rareEventFields(estimates));
    Json warnings = warningsOf(estimates);
    if (stopped != "converged")
        warnings.push_back(std::string(stopped == "interrupted" ? "interrupted" : "time is up") + " before the target relative error " +
                           shortNumber(opt.relError) + " was reached: the interval is honest but wider");
    out["warnings"] = warnings;
    if (!opt.crude) {
        out["proposal"] = proposalJson(scenario.importance);
        out["pilot"] = tuningJson(tuning);
    }
    if (!opt.runsFile.empty()) writeRuns(opt.runsFile, runs, scenario);
    std::cout << out.dump(2) << "\n";
    for (const auto& w : warnings) std::cerr << "warning: " << w.get<std::string>() << "\n";
    exitCode = stopped == "interrupted" ? kInterrupted : kOk;
}

}  // namespace

void addEstimateCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "estimate", "Estimate P(a person is struck) of one scenario by importance sampling, to a target relative error");
    cmd->add_option("scenario", opt->scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--rel-error", opt->relError, "Stop when the 95 % interval's half-width is this share of the estimate")
        ->check(between(0, 10, "--rel-error 0.2 (a share: 0.2 = ±20 %)"))
        ->default_val(0.2);
    cmd->add_option("--max-time", opt->maxTime, "Stop after this long, with what there is (\"10 min\", \"90 s\")")->default_val("10 min");
    cmd->add_option("--threads", opt->threads, "Worker threads (default: all cores)")->check(atLeastOne("--threads 2"));
    cmd->add_option("--set", opt->set, "Change a scenario key: KEY=VALUE, e.g. units.patrol.offset='\"3 ft\"' (repeatable)");
    cmd->add_option("--seed", opt->seed, "Root seed of the runs")->default_val(1);
    cmd->add_flag("--crude", opt->crude, "Plain Monte Carlo instead of importance sampling (to check it)");
    cmd->add_option("--window", opt->window, "How long before the scene a vehicle's window opens")->default_val("20 s");
    cmd->add_option("--defensive", opt->importance.defensiveShare, "Share of runs with no tilted window")
        ->check(between(0, 1, "--defensive 0.2"))
        ->default_val(0.2);
    cmd->add_option("--pilot-runs", opt->importance.pilotRuns, "Runs per cross-entropy iteration (0: no tuning)")->default_val(100);
    cmd->add_option("--pilot-iterations", opt->importance.pilotIterations, "Cross-entropy iterations")->default_val(3);
    cmd->add_flag("--quiet", opt->quiet, "No progress line");
    cmd->add_option("--runs", opt->runsFile, "Also write one CSV line per run (weight, strikes, tilted window) to this file");
    cmd->add_option("--min-hits", opt->minHits, "Weighted hits (Kish ESS among runs with a strike) needed before the target can stop the estimate")->default_val(10);
    cmd->callback([opt, &exitCode] { run(*opt, exitCode); });
}

}  // namespace batch
