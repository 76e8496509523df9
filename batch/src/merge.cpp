// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Joining shards. Shard i holds tasks [first_i, end_i), contiguous and in order, so the unsharded
// runs.csv is the shards' rows concatenated in shard order (and events.csv likewise); points/
// and the manifest's "sweep" member are the same in every shard; the summaries are recomputed.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>

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
    Shard shard;
};

std::string hashOf(const nlohmann::json& manifest) { return manifest.value(nlohmann::json::json_pointer("/sweep/hash"), std::string()); }

/// Complete rows of a runs.csv (lines that end, the header aside): what an unfinished shard holds.
std::size_t completeRows(const fs::path& runsCsv) {
    std::ifstream in(runsCsv, std::ios::binary);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line) && !in.eof();) ++lines;
    return lines > 0 ? lines - 1 : 0;
}

/// The lines of a message, one per problem, indented under its first line.
std::string listed(const std::vector<std::string>& problems) {
    std::string text;
    for (const std::string& p : problems) text += "\n  " + p;
    return text;
}

/// "shard 4/32 is", or "shards 4/32 to 7/32 are" for the consecutive shards [first, end).
std::string shardsAre(std::size_t first, std::size_t end, std::size_t count) {
    if (end - first == 1) return "shard " + Shard{first, count}.text() + " is";
    return "shards " + Shard{first, count}.text() + " to " + Shard{end - 1, count}.text() + " are";
}

/// Reads the folders' manifests and checks that they are the N complete shards of one sweep,
/// each once. Returns them in shard order; otherwise throws one SweepError that names every
/// problem: each folder that holds no shard, another sweep or a shard of another split, each
/// shard given twice, missing or incomplete (with what it holds and the command that finishes it).
std::vector<ShardFolder> completeShards(const std::vector<fs::path>& dirs) {
    std::vector<std::string> problems;
    std::vector<ShardFolder> given;
    for (const fs::path& dir : dirs) {
        ShardFolder s;
        s.dir = dir;
        try {
            s.manifest = readManifest(dir / "manifest.json");
        } catch (const std::runtime_error& e) {
            problems.push_back(e.what());
            continue;
        }
        s.shard = {s.manifest.value(nlohmann::json::json_pointer("/shard/index"), SIZE_MAX),
                   s.manifest.value(nlohmann::json::json_pointer("/shard/count"), std::size_t{0})};
        if (s.shard.index >= s.shard.count) {
            problems.push_back(dir.string() + ": its manifest names no shard i/N");
            continue;
        }
        given.push_back(std::move(s));
    }
    if (given.empty()) throw SweepError("cannot merge: no shard among the folders given:" + listed(problems));

    // The first folder given decides which sweep and which split the others must belong to.
    const ShardFolder& reference = given.front();
    const std::size_t count = reference.shard.count;
    std::map<std::size_t, const ShardFolder*> byIndex;
    for (const ShardFolder& s : given) {
        const std::string where = s.dir.string();
        if (hashOf(s.manifest) != hashOf(reference.manifest))
            problems.push_back(where + " holds another sweep (" + hashOf(s.manifest) + ") than " + reference.dir.string() + " (" +
                               hashOf(reference.manifest) + ")");
        else if (s.shard.count != count)
            problems.push_back(where + " holds shard " + s.shard.text() + ", but " + reference.dir.string() + " holds shard " +
                               reference.shard.text() + ": merge the " + std::to_string(count) + " shards of one split");
        else if (const auto [at, added] = byIndex.emplace(s.shard.index, &s); !added)
            problems.push_back("shard " + s.shard.text() + " is given twice: " + at->second->dir.string() + " and " + where);
    }
    // Shards in order; each gap between the shards given is a run of missing shards, named as one.
    const std::string sweepFile = reference.manifest.value(nlohmann::json::json_pointer("/sweep/file"), std::string("SWEEP.toml"));
    auto missing = [&](std::size_t first, std::size_t end) {
        if (first == end) return;
        const bool one = end - first == 1;
        problems.push_back(shardsAre(first, end, count) + " missing: no folder given holds " + (one ? "it" : "them") + " (run " +
                           (one ? "it" : "each") + " with: roadside-batch sweep " + sweepFile + " --out <folder> --shard " +
                           (one ? Shard{first, count}.text() : "<i>/" + std::to_string(count)) + " --resume)");
    };
    std::size_t next = 0;
    for (const auto& [index, s] : byIndex) {
        missing(next, index);
        next = index + 1;
        const std::string status = s->manifest.value("status", std::string("unknown"));
        if (status == "complete") continue;
        const auto [first, end] = s->shard.range(s->manifest.value(nlohmann::json::json_pointer("/tasks/total"), std::size_t{0}));
        problems.push_back("shard " + s->shard.text() + " in " + s->dir.string() + " is incomplete: " + std::to_string(completeRows(s->dir / "runs.csv")) +
                           " of its " + std::to_string(end - first) + " runs, status " + status +
                           (status == "running" ? " (still running, or killed)" : "") + "; finish it with: " +
                           s->manifest.value("resume", std::string("--resume")));
    }
    missing(next, count);
    if (!problems.empty())
        throw SweepError("cannot merge: the folders given are not the " + std::to_string(count) + " complete shards of one sweep:" + listed(problems));
    std::vector<ShardFolder> shards;
    for (const auto& [index, s] : byIndex) shards.push_back(*s);
    return shards;
}

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

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw SweepError("cannot merge: " + file.string() + " is missing");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// importance.json: every shard tuned every point's proposal from the same pilot seeds, so the
/// files must be the same bytes; a difference means shards of different builds (the weights of
/// their runs would belong to different proposals).
void copyProposals(const std::vector<ShardFolder>& shards, const fs::path& out) {
    const std::string text = readAll(shards.front().dir / "importance.json");
    for (const ShardFolder& s : shards)
        if (readAll(s.dir / "importance.json") != text)
            throw SweepError("cannot merge: " + (s.dir / "importance.json").string() + " differs from " +
                             (shards.front().dir / "importance.json").string() +
                             ": the shards tuned different proposals (different builds of roadside-batch?); re-run them with one build");
    writeFileAtomically(out / "importance.json", text);
}

}  // namespace

RunReport mergeShards(const std::vector<fs::path>& dirs, const fs::path& out, const std::vector<std::string>& commandLine) {
    const auto wallStart = std::chrono::steady_clock::now();
    if (dirs.empty()) throw SweepError("merge needs the folders of the shards");
    const std::vector<ShardFolder> shards = completeShards(dirs);
    const nlohmann::json& first = shards.front().manifest;
    double runSeconds = 0.0;
    for (const ShardFolder& s : shards) runSeconds += s.manifest.value(nlohmann::json::json_pointer("/timing/run_s"), 0.0);

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
    if (layout.importance) copyProposals(shards, out);
    const std::string runs = runsHeader(layout), events = eventsHeader();
    {
        std::ofstream runsOut(out / "runs.csv", std::ios::binary | std::ios::trunc), eventsOut(out / "events.csv", std::ios::binary | std::ios::trunc);
        runsOut << runs;
        eventsOut << events;
        for (std::size_t i = 0; i < shards.size(); ++i) {
            const auto [a, b] = shards[i].shard.range(layout.tasks());
            const std::size_t rows = appendBody(shards[i].dir / "runs.csv", runs, runsOut);
            if (rows != b - a)
                throw SweepError("cannot merge: shard " + shards[i].shard.text() + ": " + (shards[i].dir / "runs.csv").string() + " has " +
                                 std::to_string(rows) + " rows, not " + std::to_string(b - a));
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
