// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Joining shards. Shard i holds tasks [first_i, end_i), contiguous and in order, so the unsharded
// runs.csv is the shards' rows concatenated in shard order (and events.csv likewise); points/
// and the manifest's "sweep" member are the same in every shard; the summaries are recomputed.
#include <algorithm>
#include <chrono>
#include <fstream>

#include "batch/manifest.hpp"
#include "batch/run_table.hpp"
#include "batch/runner.hpp"
#include "batch/text.hpp"

namespace batch {

namespace fs = std::filesystem;

namespace {

struct ShardFolder {
    fs::path dir;
    nlohmann::json manifest;
    std::size_t index = 0;
};

/// Appends `from` without its header line (checked against `header`) to `to`; returns the rows.
std::size_t appendBody(const fs::path& from, const std::string& header, std::ofstream& to) {
    std::ifstream in(from, std::ios::binary);
    std::string line;
    if (!std::getline(in, line) || line + "\n" != header) throw SweepError(from.string() + " does not have the header of this sweep");
    std::size_t rows = 0;
    while (std::getline(in, line)) {
        if (in.eof()) throw SweepError(from.string() + " ends in a partial row: resume that shard first");
        to << line << '\n';
        ++rows;
    }
    return rows;
}

}  // namespace

RunReport mergeShards(const std::vector<fs::path>& dirs, const fs::path& out, const std::vector<std::string>& commandLine) {
    const auto wallStart = std::chrono::steady_clock::now();
    if (dirs.empty()) throw SweepError("merge needs the folders of the shards");
    std::vector<ShardFolder> shards;
    for (const fs::path& dir : dirs) {
        ShardFolder s;
        s.dir = dir;
        try {
            s.manifest = readManifest(dir / "manifest.json");
        } catch (const std::runtime_error& e) {
            throw SweepError(std::string("cannot merge: ") + e.what());
        }
        s.index = s.manifest.value(nlohmann::json::json_pointer("/shard/index"), SIZE_MAX);
        shards.push_back(std::move(s));
    }
    std::sort(shards.begin(), shards.end(), [](const ShardFolder& a, const ShardFolder& b) { return a.index < b.index; });
    const nlohmann::json& first = shards.front().manifest;
    const std::string hash = first.value(nlohmann::json::json_pointer("/sweep/hash"), std::string());
    const std::size_t count = first.value(nlohmann::json::json_pointer("/shard/count"), std::size_t{0});
    if (count != shards.size())
        throw SweepError("cannot merge: the sweep was split into " + std::to_string(count) + " shards, and " + std::to_string(shards.size()) +
                         " folders were given");
    double runSeconds = 0.0;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const nlohmann::json& m = shards[i].manifest;
        const std::string where = shards[i].dir.string();
        if (m.value(nlohmann::json::json_pointer("/sweep/hash"), std::string()) != hash)
            throw SweepError("cannot merge: " + where + " holds another sweep (" + m.value(nlohmann::json::json_pointer("/sweep/hash"), std::string()) +
                             ", not " + hash + ")");
        if (shards[i].index != i)
            throw SweepError("cannot merge: shard " + std::to_string(i) + " of " + std::to_string(count) + " is missing (or given twice)");
        if (m.value("status", std::string()) != "complete")
            throw SweepError("cannot merge: shard " + std::to_string(i) + " in " + where + " is " + m.value("status", std::string("unknown")) +
                             "; finish it with: " + m.value("resume", std::string("--resume")));
        runSeconds += m.value(nlohmann::json::json_pointer("/timing/run_s"), 0.0);
    }

    const nlohmann::json& sweepMember = first.at("sweep");
    RunReport report;
    report.layout = layoutFromJson(sweepMember);
    const Layout& layout = report.layout;
    if (fs::exists(out / "manifest.json") || fs::exists(out / "runs.csv"))
        throw SweepError(out.string() + " already holds a sweep: choose another --out");
    std::error_code ec;
    fs::create_directories(out / "points", ec);
    if (ec) throw SweepError("cannot create " + (out / "points").string() + ": " + ec.message());
    for (const auto& point : sweepMember.at("points")) {
        const std::string file = point.at("file").get<std::string>();
        std::ifstream in(shards.front().dir / file, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (hex64(fnv1a64(text)) != point.at("hash").get<std::string>())
            throw SweepError("cannot merge: " + (shards.front().dir / file).string() + " is missing or changed");
        writeFileAtomically(out / file, text);
    }
    const std::string runs = runsHeader(layout), events = eventsHeader();
    {
        std::ofstream runsOut(out / "runs.csv", std::ios::binary | std::ios::trunc), eventsOut(out / "events.csv", std::ios::binary | std::ios::trunc);
        runsOut << runs;
        eventsOut << events;
        for (std::size_t i = 0; i < shards.size(); ++i) {
            const Shard shard{i, count};
            const auto [a, b] = shard.range(layout.tasks());
            const std::size_t rows = appendBody(shards[i].dir / "runs.csv", runs, runsOut);
            if (rows != b - a)
                throw SweepError("cannot merge: " + (shards[i].dir / "runs.csv").string() + " has " + std::to_string(rows) + " rows, not " +
                                 std::to_string(b - a));
            appendBody(shards[i].dir / "events.csv", events, eventsOut);
        }
        if (!runsOut.flush() || !eventsOut.flush()) throw SweepError("cannot write to " + out.string());
    }
    report.summary = writeSummaries(layout, out);
    report.first = 0;
    report.end = layout.tasks();
    report.doneBefore = layout.tasks();
    report.complete = report.summary.complete;
    report.runSeconds = runSeconds;
    report.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::vector<std::string> merged;
    for (const ShardFolder& s : shards) merged.push_back(s.dir.string());
    const nlohmann::json manifest = {
        {"tool", toolJson()},
        {"command_line", commandLine},
        {"status", report.complete ? "complete" : "interrupted"},
        {"started", first.value("started", std::string())},
        {"finished", utcNow()},
        {"merged_from", merged},
        {"shard", {{"index", 0}, {"count", 1}}},
        {"tasks", {{"first", 0}, {"end", layout.tasks()}, {"done", report.summary.runs}, {"total", layout.tasks()}}},
        {"timing", {{"run_s", runSeconds}, {"merge_wall_s", report.wallSeconds}}},
        {"sweep", sweepMember},
    };
    writeFileAtomically(out / "manifest.json", manifest.dump(2) + "\n");
    return report;
}

}  // namespace batch
