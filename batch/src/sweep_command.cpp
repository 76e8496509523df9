// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "batch/runner.hpp"
#include "batch/sweep.hpp"
#include "commands.hpp"
#include "stop_signals.hpp"

namespace batch {

namespace {

std::string filesLine(const std::filesystem::path& out) {
    std::error_code ec;
    const bool replays = std::filesystem::is_directory(out / "replays", ec);  // record = "strikes" or "all"
    const bool proposals = std::filesystem::is_regular_file(out / "importance.json", ec);  // estimator = "importance"
    return "Files in " + out.string() + "/: runs.csv, events.csv, summary.csv, summary.json, manifest.json, " +
           (proposals ? "importance.json, " : "") + "points/" + (replays ? ", replays/ (open one with roadside-viz)" : "") + "\n";
}

}  // namespace

void addSweepCommand(CLI::App& app, int& exitCode, const std::vector<std::string>& commandLine) {
    struct Options {
        std::string sweep;
        std::string out;
        int threads = 0;
        std::string shard = "0/1";
        bool resume = false;
        bool quiet = false;
        std::optional<std::size_t> replicates;
        std::optional<std::size_t> stopAfter;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("sweep", "Run a Monte Carlo sweep (docs/batch.md): parallel, reproducible, resumable");
    cmd->add_option("sweep", opt->sweep, "Sweep file (TOML)")->required();
    cmd->add_option("--out", opt->out, "Results folder")->required();
    cmd->add_option("--threads", opt->threads, "Worker threads (default: every core)")->check(atLeastOne("--threads 2"));
    cmd->add_option("--shard", opt->shard, "Run shard i of N (0 <= i < N), a deterministic share of the runs; join with merge");
    cmd->add_flag("--resume", opt->resume, "Continue the sweep in --out (start it if --out holds none)");
    cmd->add_flag("--quiet", opt->quiet, "No progress output");
    cmd->add_option("--replicates", opt->replicates, "Replace the sweep file's replicates (recorded in the manifest)")
        ->check(atLeastOne("--replicates 100"));
    // Test hook: stop issuing runs after N, as if Ctrl-C had been pressed.
    cmd->add_option("--stop-after", opt->stopAfter, "")->group("");
    cmd->callback([opt, &exitCode, &commandLine] {
        const std::optional<Shard> shard = parseShard(opt->shard);
        if (!shard) {
            std::cerr << "roadside-batch: --shard " << opt->shard << ": expected i/N with 0 <= i < N, e.g. --shard 0/4\n";
            exitCode = kInvalidInput;
            return;
        }
        SweepOptions sweepOptions;
        sweepOptions.replicates = opt->replicates;
        const SweepLoad load = loadSweepFile(opt->sweep, sweepOptions);
        std::cerr << sim::io::formatDiagnostics(load.notes);
        if (!load.ok()) {
            std::cerr << sim::io::formatDiagnostics(load.errors) << "roadside-batch: " << opt->sweep << ": "
                      << load.errors.size() << (load.errors.size() == 1 ? " error" : " errors") << "; nothing was run\n";
            exitCode = kInvalidInput;
            return;
        }
        const Sweep& sweep = *load.sweep;
        RunOptions run;
        run.out = opt->out;
        run.threads = opt->threads;
        run.shard = *shard;
        run.resume = opt->resume;
        run.progress = Progress::styleFor(opt->quiet, isatty(STDERR_FILENO) != 0);
        run.progressStream = &std::cerr;
        run.interrupt = &interruptRequested;
        run.stopAfter = opt->stopAfter;
        run.commandLine = commandLine;
        RunReport report;
        try {
            const StopSignals signals;
            report = runSweep(sweep, run);
        } catch (const SweepError& e) {
            std::cerr << "roadside-batch: " << e.what() << "\n";
            exitCode = kInvalidInput;
            return;
        }
        const std::size_t done = report.doneBefore + report.ran, share = report.end - report.first;
        const bool sharded = shard->count > 1;
        std::cout << "Sweep \"" << sweep.name << "\": " << sweep.points.size() << " points x " << sweep.replicates
                  << " replicates = " << sweep.tasks() << " runs, root seed " << sweep.rootSeed;
        if (sharded) std::cout << "; shard " << shard->index << "/" << shard->count << " holds runs " << report.first << "-" << report.end - 1;
        std::cout << "\n";
        std::printf("%zu runs here in %.1f s on %d thread(s) (%.2f runs/s)\n", report.ran, report.wallSeconds,
                    report.threads, report.wallSeconds > 0 ? static_cast<double>(report.ran) / report.wallSeconds : 0.0);
        std::fflush(stdout);
        std::cout << "\n" << summaryTable(report.layout, report.summary) << "\n" << filesLine(run.out);
        std::cout << "Re-run one row alone: roadside-batch run " << (run.out / "points").string() << "/<point>.toml --seed <seed>";
        if (sweep.estimator == Estimator::Importance) std::cout << " --proposal " << (run.out / "importance.json").string();
        std::cout << "\n";
        if (sharded && report.complete)
            std::cout << "This is one shard: when all " << shard->count << " are done, join them with\n  roadside-batch merge <shard folders...> --out <folder>\n";
        if (!report.complete) {
            std::cerr << "roadside-batch: interrupted with " << done << " of " << share << " runs written to " << run.out.string()
                      << " (the runs in flight were finished). Resume with:\n  " << resumeCommand(sweep, run) << "\n";
            exitCode = kInterrupted;
            return;
        }
        exitCode = kOk;
    });
}

void addMergeCommand(CLI::App& app, int& exitCode, const std::vector<std::string>& commandLine) {
    struct Options {
        std::vector<std::string> shards;
        std::string out;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("merge", "Join the folders of a sharded sweep into what the unsharded sweep writes");
    cmd->add_option("shards", opt->shards, "The shards' results folders, in any order")->required();
    cmd->add_option("--out", opt->out, "Results folder for the whole sweep")->required();
    cmd->callback([opt, &exitCode, &commandLine] {
        std::vector<std::filesystem::path> dirs(opt->shards.begin(), opt->shards.end());
        try {
            const RunReport report = mergeShards(dirs, opt->out, commandLine);
            std::cout << "Merged " << dirs.size() << " shards of \"" << report.layout.name << "\": " << report.summary.runs << " runs\n\n"
                      << summaryTable(report.layout, report.summary) << "\n"
                      << filesLine(opt->out);
            exitCode = kOk;
        } catch (const SweepError& e) {
            std::cerr << "roadside-batch: " << e.what() << "\n";
            exitCode = kInvalidInput;
        }
    });
}

}  // namespace batch
