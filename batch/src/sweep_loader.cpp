// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Loading a sweep file: sim/io parses it (its guards and locations) and checks it against the
// sweep's key table (sweep_schema.cpp), which also writes every bound key into the Sweep; then
// the base scenario and overlays are read once (sweep_layers.cpp), the axes (sweep_axes.cpp) and
// the points (sweep_points.cpp). Everything is checked before a single run starts, and every
// problem is reported in one pass.
#include <algorithm>
#include <set>

#include "batch/sweep.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/rng.hpp"
#include "sweep_axes.hpp"
#include "sweep_layers.hpp"
#include "sweep_points.hpp"
#include "sweep_schema.hpp"

namespace batch {
namespace {

namespace fs = std::filesystem;
using sim::io::Diagnostic;
using sim::io::DocNode;

constexpr std::size_t kMaxSweepBytes = 1u << 20;

/// Sorted by file, line and column, each message once.
std::vector<Diagnostic> ordered(std::vector<Diagnostic> diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.where.file != b.where.file) return a.where.file < b.where.file;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    std::vector<Diagnostic> out;
    std::set<std::string> seen;
    for (Diagnostic& d : diagnostics)
        if (seen.insert(d.message()).second) out.push_back(std::move(d));
    return out;
}

class SweepLoader {
public:
    SweepLoader(std::string_view text, std::string fileName, const SweepOptions& options)
        : text_(text), options_(options), layers_(fs::path(fileName).parent_path()) {
        sweep_.file = std::move(fileName);
    }

    SweepLoad load() {
        read();
        SweepLoad result;
        result.errors = ordered(std::move(findings_.errors));
        result.notes = ordered(std::move(findings_.notes));
        if (result.errors.empty()) result.sweep = std::move(sweep_);
        return result;
    }

private:
    void read() {
        if (text_.size() > kMaxSweepBytes) {
            findings_.error({sweep_.file, 0, 0}, "", "a sweep file of at most 1 MiB", std::to_string(text_.size()) + " bytes");
            return;
        }
        DocNode root = sim::io::parseDocument(text_, sweep_.file, findings_.errors);
        if (!findings_.ok()) return;
        sweep_.text = std::string(text_);
        sweep_.name = fs::path(sweep_.file).stem().string();
        const sim::io::Schema& schema = detail::sweepSchema();
        schema.validate(root, findings_.errors);
        schema.apply(root, "", sweep_);
        if (!root.find("replicates") && !options_.replicates)
            findings_.error({sweep_.file, 1, 1}, "replicates", "the number of replicates per point, e.g. replicates = 100", "none");
        if (options_.replicates) sweep_.replicates = *options_.replicates;
        const DocNode* base = root.find("base");
        const bool baseOk = base && base->valid && layers_.readBase(sweep_.baseFile, base->where, sweep_, findings_);
        detail::AxisReader axes(sweep_, layers_, findings_);
        axes.read(root.find("axes"));
        if (!findings_.ok() || !baseOk) return;
        const DocNode* sampling = root.find("sampling");
        axes.sample(sampling ? sampling->where : sim::io::SourceLocation{});
        detail::readBaseline(root.find("baseline"), sweep_, findings_);
        if (!findings_.ok()) return;
        detail::makePoints(sweep_, layers_, options_.maxPoints, findings_);
        if (!findings_.ok()) return;
        sweep_.hash = detail::hashOf(sweep_);
    }

    std::string_view text_;
    SweepOptions options_;
    Sweep sweep_;
    detail::Findings findings_;
    detail::ScenarioLayers layers_;
};

}  // namespace

// The top 53 bits: every seed is an integer a double holds exactly, so a seed read back by
// pandas, R, Excel or JavaScript from runs.csv re-runs the same row.
std::uint64_t Sweep::seedOf(std::size_t replicate) const { return sim::runSeed(rootSeed, replicate) >> 11; }

Layout Sweep::layout() const {
    Layout out;
    out.name = name;
    out.importance = estimator == Estimator::Importance;
    if (out.importance) out.maxWeight = 1.0 / importance.defensiveShare;
    out.rootSeed = rootSeed;
    out.replicates = replicates;
    for (const Axis& a : axes) {
        out.axisNames.push_back(a.name);
        out.axisHeaders.push_back(a.header());
    }
    for (const SweepPoint& p : points) {
        Layout::Point lp;
        lp.id = p.id;
        for (std::size_t a = 0; a < axes.size(); ++a) {
            lp.labels.push_back(axes[a].values[p.values[a]].label);
            lp.cells.push_back(axes[a].values[p.values[a]].cell);
        }
        lp.baseline = p.baseline;
        out.points.push_back(std::move(lp));
    }
    return out;
}

SweepLoad loadSweepText(std::string_view text, const std::string& fileName, const SweepOptions& options) {
    try {
        return SweepLoader(text, fileName, options).load();
    } catch (const std::exception& e) {  // not expected: bad input is reported, not thrown
        SweepLoad result;
        result.errors.push_back({{fileName, 0, 0}, "", "", std::string("internal error: ") + e.what(), ""});
        return result;
    }
}

SweepLoad loadSweepFile(const std::filesystem::path& file, const SweepOptions& options) {
    std::string problem;
    const std::optional<std::string> text = sim::io::readInputFile(file, problem);
    if (!text) {
        SweepLoad result;
        result.errors.push_back({{file.string(), 0, 0}, "", "a readable sweep file", problem, ""});
        return result;
    }
    return loadSweepText(*text, file.string(), options);
}

std::string_view name(RecordMode mode) { return detail::kRecordModes[static_cast<std::size_t>(mode)]; }

std::string_view name(SamplingMethod method) { return detail::kSamplingMethods[static_cast<std::size_t>(method)]; }

std::string_view name(AxisKind kind) {
    switch (kind) {
    case AxisKind::Bundles: return "bundles";
    case AxisKind::Values: return "values";
    case AxisKind::Steps: return "steps";
    case AxisKind::Sampled: return "sampled";
    }
    return "values";
}

}  // namespace batch
