// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sweep_points.hpp"

#include <algorithm>
#include <map>

#include "batch/text.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/io/text.hpp"

namespace batch::detail {
namespace {

namespace fs = std::filesystem;
using sim::io::DocNode;
using sim::io::SourceLocation;
using sim::io::quote;

DocNode textNode(std::string text) {
    DocNode node;
    node.kind = DocNode::Kind::String;
    node.text = std::move(text);
    return node;
}

/// What a point is, for its description (what points/<id>.toml, the replays and the visualizer
/// show): the sweep, the point and its axis values, then the base scenario it changes. The base
/// description alone ("clear day; 2 ft left") would misdescribe a night point at 1 ft.
std::string descriptionOf(const Sweep& sweep, const ScenarioLayers& layers, const std::string& id, const std::string& title) {
    std::string out = "Sweep " + sweep.name + ", point " + id + (title.empty() ? " (the base scenario)" : ": " + title) +
                      ". Base scenario " + sweep.baseFile;
    return out + (layers.baseDescription().empty() ? "." : ": " + layers.baseDescription());
}

/// Resolves one point: its document is the base and its overlays merged, as if a file in the
/// sweep's folder held include = [base, overlays…], its name and its description; then the
/// overrides apply. The text points/<id>.toml will hold is loaded back: exactly what runs, and
/// what a re-run loads.
bool resolve(const Sweep& sweep, const ScenarioLayers& layers, SweepPoint& point, Findings& findings) {
    std::vector<std::string> overlays;
    std::vector<sim::io::Override> overrides;
    std::string title;
    for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
        const AxisValue& v = sweep.axes[a].values[point.values[a]];
        overlays.insert(overlays.end(), v.includes.begin(), v.includes.end());
        overrides.insert(overrides.end(), v.overrides.begin(), v.overrides.end());
        title += (a ? ", " : "") + sweep.axes[a].name + " = " + v.label;
    }
    const std::string fileName = (fs::path(sweep.file).parent_path() / (fs::path(sweep.file).stem().string() + "." + point.id + ".toml")).string();
    DocNode document = layers.compose(overlays, fileName);
    DocNode own;
    own.members.push_back({"name", {fileName, 2, 1}, textNode(sweep.name + "." + point.id)});
    own.members.push_back({"description", {fileName, 3, 1}, textNode(descriptionOf(sweep, layers, point.id, title))});
    sim::io::mergeInto(document, std::move(own));
    sim::io::LoadResult loaded = sim::io::loadScenarioDocument(std::move(document), fileName, overrides);
    findings.notes.insert(findings.notes.end(), loaded.notes.begin(), loaded.notes.end());
    if (!loaded.ok()) {
        findings.errors.insert(findings.errors.end(), loaded.errors.begin(), loaded.errors.end());
        return false;
    }
    point.scenarioText = "# Sweep " + quote(sweep.name) + ", point " + point.id + (title.empty() ? "" : ": " + title) +
                         "\n# Re-run one row of runs.csv: roadside-batch run points/" + point.id + ".toml --seed <its seed>\n" +
                         loaded.scenario->sourceText;
    sim::io::LoadResult again = sim::io::loadScenarioText(point.scenarioText, "points/" + point.id + ".toml");
    if (!again.ok()) {  // the loader promises that its flat text loads back; say so if not
        findings.error({fileName, 0, 0}, "", "a point whose flat scenario text loads back",
                       again.errors.empty() ? "an empty result" : again.errors.front().message());
        return false;
    }
    point.scenario = std::move(*again.scenario);
    return true;
}

}  // namespace

void readBaseline(const DocNode* baseline, Sweep& sweep, Findings& findings) {
    if (!baseline || !baseline->valid) return;
    std::vector<std::string_view> names;
    for (const Axis& a : sweep.axes) names.push_back(a.name);
    for (const sim::io::DocMember& m : baseline->members) {
        const std::string& axisName = m.key;
        const auto axis = std::find_if(sweep.axes.begin(), sweep.axes.end(), [&](const Axis& a) { return a.name == axisName; });
        if (axis == sweep.axes.end()) {
            const auto close = sim::io::closestMatch(axisName, names);
            findings.error(m.keyWhere, "baseline." + axisName, "the name of an axis (" + sim::io::joinNames(names, ", ") + ")",
                           quote(axisName), close ? sim::io::didYouMean(*close) : "");
            continue;
        }
        if (axis->kind == AxisKind::Sampled) {
            findings.error(m.keyWhere, "baseline." + axisName, "a grid axis (a sampled axis has no fixed values)", quote(axisName));
            continue;
        }
        const std::string label = sim::io::labelOf(m.value);
        std::vector<std::string_view> labels;
        for (const AxisValue& value : axis->values) labels.push_back(value.label);
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
            const auto close = sim::io::closestMatch(label, labels);
            findings.error(m.value.where, "baseline." + axisName, "one of the axis's values (" + sim::io::joinNames(labels, ", ") + ")",
                           quote(label), close ? sim::io::didYouMean(*close) : "");
            continue;
        }
        sweep.baselineSpec.emplace_back(axisName, label);
    }
    // In axis order, whatever order the file names them in.
    std::stable_sort(sweep.baselineSpec.begin(), sweep.baselineSpec.end(), [&](const auto& a, const auto& b) {
        return std::find(names.begin(), names.end(), a.first) < std::find(names.begin(), names.end(), b.first);
    });
}

void makePoints(Sweep& sweep, const ScenarioLayers& layers, std::size_t maxPoints, Findings& findings) {
    constexpr std::size_t kMaxTasks = std::size_t{1} << 40;
    // Factors of the grid: each grid axis, and all sampled axes together as one factor (the
    // sample index), placed where the first sampled axis is.
    std::vector<std::vector<std::size_t>> factors;  // axes in each factor
    std::vector<std::size_t> sizes;
    for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
        if (sweep.axes[a].kind == AxisKind::Sampled) {
            const auto it = std::find_if(factors.begin(), factors.end(),
                                         [&](const auto& f) { return sweep.axes[f.front()].kind == AxisKind::Sampled; });
            if (it != factors.end()) {
                it->push_back(a);
                continue;
            }
        }
        factors.push_back({a});
        sizes.push_back(sweep.axes[a].values.size());
    }
    std::size_t count = 1;
    for (std::size_t s : sizes) {
        if (count > maxPoints / std::max<std::size_t>(s, 1)) {
            findings.error(sweep.axes.empty() ? SourceLocation{sweep.file, 1, 1} : sweep.axes.front().where, "axes",
                           "at most " + std::to_string(maxPoints) + " points", "more");
            return;
        }
        count *= s;
    }
    if (sweep.replicates > 0 && count > kMaxTasks / sweep.replicates) {
        findings.error({sweep.file, 1, 1}, "replicates", "at most 2^40 runs in one sweep", "more");
        return;
    }
    const std::size_t width = std::max<std::size_t>(4, std::to_string(count - 1).size());
    std::map<std::vector<std::size_t>, std::size_t> indexOf;
    sweep.points.reserve(count);
    for (std::size_t p = 0; p < count; ++p) {
        SweepPoint point;
        const std::string number = std::to_string(p);
        point.id = "p" + std::string(width - number.size(), '0') + number;
        point.values.assign(sweep.axes.size(), 0);
        std::size_t rest = p;
        for (std::size_t f = factors.size(); f-- > 0;) {
            const std::size_t value = rest % sizes[f];
            rest /= sizes[f];
            for (std::size_t a : factors[f]) point.values[a] = value;
        }
        indexOf[point.values] = p;
        if (!resolve(sweep, layers, point, findings)) continue;
        sweep.points.push_back(std::move(point));
    }
    if (!findings.ok() || sweep.baselineSpec.empty()) return;
    // Baselines: the point equal to this one except on the axes the baseline names.
    for (SweepPoint& point : sweep.points) {
        std::vector<std::size_t> values = point.values;
        for (const auto& [axisName, label] : sweep.baselineSpec)
            for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
                if (sweep.axes[a].name != axisName) continue;
                for (std::size_t v = 0; v < sweep.axes[a].values.size(); ++v)
                    if (sweep.axes[a].values[v].label == label) values[a] = v;
            }
        point.baseline = indexOf.at(values);
    }
}

std::uint64_t hashOf(const Sweep& s) {
    // v2: seeds below 2^53 (runSeed >> 11); the estimator and its options decide the outputs too.
    std::string key = "roadside-sweep-v2\nseed=" + std::to_string(s.rootSeed) + "\nreplicates=" + std::to_string(s.replicates) +
                      "\nrecord=" + std::string(name(s.record)) + "\nestimator=" + std::string(name(s.estimator)) + "\n";
    if (s.estimator == Estimator::Importance) key += importanceKey(s.importance) + "\n";
    for (const Axis& a : s.axes) key += "axis=" + a.header() + "\n";
    for (const SweepPoint& p : s.points) {
        key += p.id + " " + hex64(fnv1a64(p.scenarioText)) + (p.baseline ? " baseline=" + std::to_string(*p.baseline) : "");
        for (std::size_t a = 0; a < s.axes.size(); ++a) key += " " + s.axes[a].values[p.values[a]].cell;
        key += "\n";
    }
    return fnv1a64(key);
}

}  // namespace batch::detail
