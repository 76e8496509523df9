// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] shards, [2] the results folder (claiming, recovering a tail), [3] the pipeline,
// [4] runSweep.
//
// Durability: a task's event rows are appended and flushed, then its run row. A run row ends with
// "\n" only when complete, so after a kill -9 runs.csv is a prefix of the full file plus perhaps
// a partial line; --resume cuts the partial line, drops event rows of tasks past the last run row,
// and carries on with the next task. Rows are written in task order, so the result is the file an
// uninterrupted sweep writes.
#include "batch/runner.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "batch/manifest.hpp"
#include "batch/run_table.hpp"
#include "batch/text.hpp"
#include "sim/io/recording.hpp"
#include "sim/world.hpp"

namespace batch {

namespace fs = std::filesystem;

namespace {

/// Runs one task, writing its replay to DIR/replays/ when the sweep's `record` asks for it:
/// every run, or only runs with a strike (re-run with the writer: a run is a pure function of
/// scenario and seed, so the replay is of the very run in the table).
sim::Outcome runWithReplay(const Sweep& sweep, const sim::Scenario& scenario, std::size_t point, const RunKey& key,
                           const fs::path& out) {
    const fs::path replay = out / "replays" / (sweep.points[point].id + "-r" + std::to_string(key.replicate) + ".rsr");
    if (sweep.record == RecordMode::All) return sim::io::runAndRecord(scenario, key.seed, replay);
    const sim::Outcome outcome = sim::run(scenario, key.seed);
    if (sweep.record == RecordMode::Strikes && outcome.struck) sim::io::runAndRecord(scenario, key.seed, replay);
    return outcome;
}

/// The scenario every task of each point runs: the point's own, and with the importance
/// estimator its proposal, tuned by a short cross-entropy pilot (deterministic: the same for
/// every shard, and after a resume). Writes what was tuned to DIR/importance.json.
std::vector<sim::Scenario> scenariosToRun(const Sweep& sweep, int threads, const fs::path& out, std::ostream* progress) {
    std::vector<sim::Scenario> scenarios;
    for (const SweepPoint& p : sweep.points) scenarios.push_back(p.scenario);
    if (sweep.estimator != Estimator::Importance) return scenarios;
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        if (progress) *progress << "\rtuning the proposal of point " << (i + 1) << "/" << scenarios.size() << std::flush;
        TuningReport tuning;
        // The same pilot seeds at every point: the points' proposals meet the same traffic.
        scenarios[i].importance = tuneImportance(scenarios[i], sweep.importance, sweep.rootSeed, threads, &tuning);
        points.push_back({{"id", sweep.points[i].id}, {"proposal", proposalJson(scenarios[i].importance)},
                          {"pilot", tuningJson(tuning)}});
    }
    if (progress) *progress << "\n";
    const nlohmann::ordered_json file = {{"estimator", "importance"}, {"options", importanceKey(sweep.importance)}, {"points", points}};
    writeFileAtomically(out / "importance.json", file.dump(2) + "\n");
    return scenarios;
}

}  // namespace

using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// [1] Shards
// ---------------------------------------------------------------------------------------------

std::pair<std::size_t, std::size_t> Shard::range(std::size_t tasks) const {
    // Balanced blocks without overflow: the first tasks % count shards get one task more.
    const std::size_t base = tasks / count, extra = tasks % count;
    const std::size_t first = index * base + std::min(index, extra);
    return {first, first + base + (index < extra ? 1 : 0)};
}

std::string Shard::text() const { return std::to_string(index) + "/" + std::to_string(count); }

std::optional<Shard> parseShard(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    Shard s;
    const auto a = std::from_chars(text.data(), text.data() + slash, s.index);
    const auto b = std::from_chars(text.data() + slash + 1, text.data() + text.size(), s.count);
    if (a.ec != std::errc() || a.ptr != text.data() + slash || b.ec != std::errc() || b.ptr != text.data() + text.size())
        return std::nullopt;
    if (s.count == 0 || s.index >= s.count) return std::nullopt;
    return s;
}

std::string resumeCommand(const Sweep& sweep, const RunOptions& options) {
    // Every option that decides the sweep's hash or its share of the tasks: a command that drops
    // one is refused by the very check it must pass.
    return "roadside-batch sweep " + shellWord(sweep.file) + " --out " + shellWord(options.out.string()) +
           (options.shard.count > 1 ? " --shard " + options.shard.text() : "") +
           " --resume --replicates " + std::to_string(sweep.replicates);
}

namespace {

// ---------------------------------------------------------------------------------------------
// [2] The results folder
// ---------------------------------------------------------------------------------------------

/// A FILE* that closes itself.
struct File {
    std::FILE* f = nullptr;
    File(const fs::path& path, const char* mode) : f(std::fopen(path.c_str(), mode)) {
        if (!f) throw SweepError("cannot open " + path.string() + " for writing");
    }
    ~File() {
        if (f) std::fclose(f);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    void write(std::string_view text) {
        if (!text.empty() && std::fwrite(text.data(), 1, text.size(), f) != text.size()) throw SweepError("write failed (disk full?)");
    }
    void flush() {
        if (std::fflush(f) != 0) throw SweepError("write failed (disk full?)");
    }
};

std::size_t firstCellAsTask(std::string_view line) {
    std::size_t task = 0;
    const auto comma = line.find(',');
    const auto end = comma == std::string_view::npos ? line.size() : comma;
    const auto r = std::from_chars(line.data(), line.data() + end, task);
    if (r.ec != std::errc() || r.ptr != line.data() + end) return SIZE_MAX;
    return task;
}

struct Recovered {
    std::size_t rows = 0;
    std::size_t struck = 0;
};

/// Keeps the complete rows of runs.csv that continue tasks first, first+1, … and cuts the rest.
Recovered recoverRuns(const fs::path& path, const Layout& layout, const std::string& header, std::size_t first) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!std::getline(in, line) || line + "\n" != header)
        throw SweepError(path.string() + " does not start with the header this sweep writes: it belongs to another sweep");
    std::uintmax_t good = header.size();
    const RunsReader reader(layout, header);
    Recovered r;
    while (std::getline(in, line)) {
        if (in.eof()) break;  // no line end: the partial row of an interrupted write
        if (firstCellAsTask(line) != first + r.rows) break;
        try {
            r.struck += reader.parse(line).struck ? 1 : 0;
        } catch (const std::runtime_error&) {
            break;
        }
        good += line.size() + 1;
        ++r.rows;
    }
    in.close();
    fs::resize_file(path, good);
    return r;
}

/// Keeps the complete rows of events.csv for tasks before `next` and cuts the rest.
void recoverEvents(const fs::path& path, const std::string& header, std::size_t next) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!std::getline(in, line) || line + "\n" != header) {
        in.close();
        File(path, "wb").write(header);  // lost or damaged header: nothing after it can be trusted
        return;
    }
    std::uintmax_t good = header.size();
    while (std::getline(in, line)) {
        if (in.eof() || firstCellAsTask(line) >= next) break;
        good += line.size() + 1;
    }
    in.close();
    fs::resize_file(path, good);
}

/// The first entry of `out` that a sweep does not write, if any: a folder holding other files is
/// not a results folder, and a sweep written into it would mix with them.
std::optional<std::string> foreignEntry(const fs::path& out) {
    static constexpr std::string_view kOurs[] = {"points",       "replays",       "runs.csv",     "events.csv",
                                                 "summary.csv",  "summary.json",  "manifest.json", "importance.json"};
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(out, ec)) {
        std::string name = e.path().filename().string();
        if (name.ends_with(".tmp")) name.resize(name.size() - 4);  // writeFileAtomically's, after a kill
        if (std::find(std::begin(kOurs), std::end(kOurs), name) == std::end(kOurs)) return e.path().filename().string();
    }
    return std::nullopt;
}

nlohmann::json manifestOf(const Sweep& sweep, const nlohmann::json& sweepMember, const RunOptions& options, const RunReport& report,
                          const std::string& started, const std::string& status, int threads) {
    return {
        {"tool", toolJson()},
        {"command_line", options.commandLine},
        {"status", status},
        {"started", started},
        {"finished", status == "running" ? nlohmann::json() : nlohmann::json(utcNow())},
        {"threads", threads},
        {"shard", {{"index", options.shard.index}, {"count", options.shard.count}}},
        {"tasks", {{"first", report.first}, {"end", report.end}, {"done", report.doneBefore + report.ran}, {"total", sweep.tasks()}}},
        {"timing", {{"wall_s", report.wallSeconds}, {"run_s", report.runSeconds},
                    {"runs_per_s", report.wallSeconds > 0 ? static_cast<double>(report.ran) / report.wallSeconds : 0.0}}},
        {"resume", resumeCommand(sweep, options)},
        {"sweep", sweepMember},
    };
}

// ---------------------------------------------------------------------------------------------
// [3] The pipeline
// ---------------------------------------------------------------------------------------------

struct TaskResult {
    std::size_t task = 0;
    bool struck = false;
    double seconds = 0.0;
    std::string runRow;
    std::string eventRows;
};

}  // namespace

Summary writeSummaries(const Layout& layout, const fs::path& out) {
    Summary summary = summarizeRuns(layout, out / "runs.csv");
    writeFileAtomically(out / "summary.csv", summaryCsv(layout, summary));
    writeFileAtomically(out / "summary.json", summaryJson(layout, summary));
    return summary;
}

// ---------------------------------------------------------------------------------------------
// [4] runSweep
// ---------------------------------------------------------------------------------------------

RunReport runSweep(const Sweep& sweep, const RunOptions& options) {
    const auto wallStart = Clock::now();
    const std::string started = utcNow();
    if (options.shard.count == 0 || options.shard.index >= options.shard.count) throw SweepError("a shard i/N needs 0 <= i < N");
    RunReport report;
    report.layout = sweep.layout();
    const Layout& layout = report.layout;
    std::tie(report.first, report.end) = options.shard.range(sweep.tasks());
    const nlohmann::json sweepMember = sweepJson(sweep);
    const int threads = options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
    report.threads = threads;

    // Claim the folder: a new one, or the same sweep and shard when resuming.
    const fs::path& out = options.out;
    if (const auto other = foreignEntry(out); other && !fs::exists(out / "manifest.json") && !fs::exists(out / "runs.csv"))
        throw SweepError(out.string() + " holds files a sweep does not write (" + *other +
                         "): choose a new or empty folder for --out");
    std::error_code ec;
    fs::create_directories(out / "points", ec);
    if (sweep.record != RecordMode::None) fs::create_directories(out / "replays", ec);
    if (ec) throw SweepError("cannot create " + (out / "points").string() + ": " + ec.message());
    const fs::path manifestPath = out / "manifest.json", runsPath = out / "runs.csv", eventsPath = out / "events.csv";
    const bool existing = fs::exists(manifestPath) || fs::exists(runsPath);
    if (existing && !options.resume)
        throw SweepError(out.string() + " already holds a sweep: add --resume to continue it, or choose another --out");
    if (existing) {
        nlohmann::json previous;
        try {
            previous = readManifest(manifestPath);
        } catch (const std::runtime_error& e) {
            throw SweepError(std::string("cannot resume: ") + e.what());
        }
        const std::string hash = previous.value(nlohmann::json::json_pointer("/sweep/hash"), std::string());
        if (hash != hex64(sweep.hash))
            throw SweepError("cannot resume: " + out.string() + " holds sweep " + hash + ", not this one (" + hex64(sweep.hash) +
                             "); the sweep file, an overlay, the base scenario or --replicates changed");
        const Shard held{previous.value(nlohmann::json::json_pointer("/shard/index"), SIZE_MAX),
                         previous.value(nlohmann::json::json_pointer("/shard/count"), SIZE_MAX)};
        if (held.index != options.shard.index || held.count != options.shard.count)
            throw SweepError("cannot resume: " + out.string() + " holds shard " + held.text() + ", not shard " + options.shard.text());
    }
    for (const SweepPoint& p : sweep.points) {
        const fs::path file = out / "points" / (p.id + ".toml");
        std::ifstream in(file, std::ios::binary);
        std::string have((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (have != p.scenarioText) writeFileAtomically(file, p.scenarioText);
    }
    writeFileAtomically(manifestPath, manifestOf(sweep, sweepMember, options, report, started, "running", threads).dump(2) + "\n");

    const std::string header = runsHeader(layout);
    Recovered recovered;
    if (existing && fs::exists(runsPath)) {
        recovered = recoverRuns(runsPath, layout, header, report.first);
        if (report.first + recovered.rows > report.end) throw SweepError(runsPath.string() + " has more rows than this shard has tasks");
        if (fs::exists(eventsPath)) recoverEvents(eventsPath, eventsHeader(), report.first + recovered.rows);
        else File(eventsPath, "wb").write(eventsHeader());
    } else {
        File(runsPath, "wb").write(header);
        File(eventsPath, "wb").write(eventsHeader());
    }
    report.doneBefore = recovered.rows;

    std::ostream* progressOut = options.progressStream;
    const std::vector<sim::Scenario> scenarios =
        scenariosToRun(sweep, threads, out, options.progress == Progress::Style::Quiet ? nullptr : progressOut);
    File runs(runsPath, "ab"), events(eventsPath, "ab");
    Progress progress(progressOut ? *progressOut : std::cerr, progressOut ? options.progress : Progress::Style::Quiet,
                      report.end - report.first, recovered.rows, recovered.struck, sweep.estimator == Estimator::Importance);
    std::size_t next = report.first + recovered.rows;
    std::size_t issued = 0;
    auto stopRequested = [&] {
        return (options.interrupt && options.interrupt->load(std::memory_order_relaxed)) ||
               (options.stopAfter && issued >= *options.stopAfter);
    };
    const std::size_t inFlight = static_cast<std::size_t>(threads) * 4;
    tbb::task_arena arena(threads);
    arena.execute([&] {
        tbb::parallel_pipeline(
            inFlight,
            tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                                [&](tbb::flow_control& control) -> std::size_t {
                                                    if (next >= report.end || stopRequested()) {
                                                        if (next < report.end) report.interrupted = true;
                                                        control.stop();
                                                        return 0;
                                                    }
                                                    ++issued;
                                                    return next++;
                                                }) &
                tbb::make_filter<std::size_t, TaskResult>(
                    tbb::filter_mode::parallel,
                    [&](std::size_t task) {
                        const std::size_t point = layout.pointOf(task), replicate = layout.replicateOf(task);
                        const RunKey key{task, point, replicate, sweep.seedOf(replicate)};
                        const auto start = Clock::now();
                        const sim::Outcome outcome = runWithReplay(sweep, scenarios[point], point, key, out);
                        TaskResult r;
                        r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
                        r.task = task;
                        r.struck = outcome.struck;
                        r.runRow = runRow(layout, key, outcome);
                        r.eventRows = eventRows(layout, key, outcome);
                        return r;
                    }) &
                tbb::make_filter<TaskResult, void>(tbb::filter_mode::serial_in_order, [&](const TaskResult& r) {
                    events.write(r.eventRows);
                    events.flush();
                    runs.write(r.runRow);
                    runs.flush();
                    report.runSeconds += r.seconds;
                    ++report.ran;
                    progress.add(r.struck);
                }));
    });
    progress.finish();
    report.complete = report.first + report.doneBefore + report.ran == report.end;

    report.summary = writeSummaries(layout, out);
    report.wallSeconds = std::chrono::duration<double>(Clock::now() - wallStart).count();
    writeFileAtomically(manifestPath, manifestOf(sweep, sweepMember, options, report, started,
                                                 report.complete ? "complete" : "interrupted", threads)
                                              .dump(2) +
                                          "\n");
    return report;
}

}  // namespace batch
