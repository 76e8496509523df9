// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "batch/progress.hpp"
#include "batch/summary.hpp"
#include "batch/sweep.hpp"

/// Runs a sweep's tasks into a results folder: in parallel with TBB, written in task order so the
/// files are byte-identical at any thread count, durable row by row so that an interruption (Ctrl-C,
/// SIGTERM, kill -9) loses at most the runs in flight and --resume completes the same files.
namespace batch {

/// A problem with the results folder or the options (not with the sweep file): the CLI reports
/// it and exits with 2.
class SweepError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Shard `index` of `count` (0-based): a contiguous, balanced block of the task numbers.
struct Shard {
    std::size_t index = 0;
    std::size_t count = 1;
    /// Task range [first, end) of this shard among `tasks` tasks.
    std::pair<std::size_t, std::size_t> range(std::size_t tasks) const;
    /// "i/N", as --shard takes it and as messages name a shard ("shard 1/3").
    std::string text() const;
};
/// "i/N" with 0 ≤ i < N; nullopt otherwise.
std::optional<Shard> parseShard(std::string_view text);

struct RunOptions {
    std::filesystem::path out;
    int threads = 0;                          ///< 0: every core TBB sees
    Shard shard;
    bool resume = false;                      ///< continue the sweep in `out` (or start it if `out` has none)
    Progress::Style progress = Progress::Style::Quiet;
    std::ostream* progressStream = nullptr;   ///< where progress goes (stderr in the CLI)
    const std::atomic<bool>* interrupt = nullptr;  ///< set (by a signal handler) to stop issuing runs
    std::optional<std::size_t> stopAfter;     ///< test hook: stop issuing runs after this many
    std::vector<std::string> commandLine;     ///< for the manifest
};

struct RunReport {
    std::size_t first = 0, end = 0;   ///< this shard's task range
    std::size_t doneBefore = 0;       ///< runs found in the folder at the start (resume)
    std::size_t ran = 0;              ///< runs made by this call
    bool complete = false;            ///< every task of the range is in runs.csv
    bool interrupted = false;         ///< stopped by the interrupt flag or stopAfter
    double wallSeconds = 0.0;         ///< from start to the outputs written
    double runSeconds = 0.0;          ///< summed over runs, inside sim::run only
    int threads = 0;                  ///< worker threads used
    Summary summary;                  ///< of what runs.csv holds
    Layout layout;
};

/// The command that continues this sweep in options.out (printed after Ctrl-C, kept in the
/// manifest): the sweep file, the folder, the shard and the replicates it runs with.
std::string resumeCommand(const Sweep& sweep, const RunOptions& options);

/// Runs (or resumes) the sweep into options.out and writes every output. Throws SweepError for a
/// folder that holds something else, a resume of a different sweep, or a folder it cannot write.
RunReport runSweep(const Sweep& sweep, const RunOptions& options);

/// Joins the folders of the N shards of one sweep (in any order) into `out`, which then holds
/// exactly what the unsharded sweep writes (runs.csv, events.csv, points/, summaries; the
/// manifest's "sweep" member). Throws SweepError when the shards do not make one complete sweep.
RunReport mergeShards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out,
                      const std::vector<std::string>& commandLine);

/// Writes summary.csv, summary.json from out/runs.csv and returns the summary.
Summary writeSummaries(const Layout& layout, const std::filesystem::path& out);

}  // namespace batch
