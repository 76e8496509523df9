// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] axes and their names, [2] lists of values for a key, [3] bundles, [4] ranges and
// samples, [5] key paths and overrides.
#include "sweep_axes.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "batch/design.hpp"
#include "batch/text.hpp"
#include "sim/io/quantity.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/io/text.hpp"
#include "sim/rng.hpp"
#include "sweep_schema.hpp"

namespace batch::detail {
namespace {

using sim::io::Dimension;
using sim::io::DocMember;
using sim::io::DocNode;
using sim::io::KeyRule;
using sim::io::Override;
using sim::io::SourceLocation;
using sim::io::ValueType;
using sim::io::quote;

// Columns of runs.csv that an axis may not be named after.
const std::vector<std::string_view> kReservedColumns = {"task", "point", "replicate", "seed", "status", "struck"};

/// The scenario rule a (checked) key path names.
const KeyRule& scenarioRule(const std::string& path) {
    return *sim::io::resolveKeyPath(sim::io::scenarioSchema(), path).rules.back();
}

bool isQuantity(const KeyRule& rule) { return rule.type == ValueType::Quantity || rule.type == ValueType::QuantityOrList; }

/// "string", "choice", "table", … as scenarios/README.md names the rule's type.
const std::string& typeName(const KeyRule& rule) {
    const sim::io::Schema& schema = sim::io::scenarioSchema();
    return schema.docs()[static_cast<std::size_t>(&rule - schema.rules().data())].type;
}

/// A number and its unit as written ("3.5 ft" -> 3.5, "ft"; 2 -> 2, ""), when it is a quantity of
/// the dimension.
sim::io::ParsedQuantity writtenQuantity(const DocNode& node, Dimension dimension) {
    switch (node.kind) {
    case DocNode::Kind::Integer: return sim::io::siQuantity(static_cast<double>(node.integer), dimension);
    case DocNode::Kind::Float: return sim::io::siQuantity(node.number, dimension);
    case DocNode::Kind::String: return sim::io::parseQuantity(node.text, dimension);
    default: return {std::nullopt, "not a number", "", 0.0, {}};
    }
}

/// A TOML float literal that reads back as exactly x.
std::string floatLiteral(double x) {
    DocNode node;
    node.kind = DocNode::Kind::Float;
    node.number = x;
    return sim::io::tomlLiteral(node);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [1] Axes
// ---------------------------------------------------------------------------------------------

void AxisReader::read(const DocNode* axes) {
    if (!axes || !axes->valid) return;  // no axes: one point, replicates of the base scenario
    std::set<std::string> names;
    for (std::size_t i = 0; i < axes->items.size(); ++i) {
        const DocNode& item = axes->items[i];
        if (!item.valid) continue;  // not a table: reported by the schema check
        const std::string path = "axes[" + std::to_string(i) + "]";
        std::optional<Axis> axis = readAxis(item, path);
        if (!axis) continue;
        if (!names.insert(axis->name).second) {
            findings_.error(axis->where, path + ".name", "a name no other axis has", quote(axis->name));
            continue;
        }
        if (std::find(kReservedColumns.begin(), kReservedColumns.end(), axis->name) != kReservedColumns.end()) {
            findings_.error(axis->where, path + ".name",
                            "a name that is not a runs.csv column (" + sim::io::joinNames(kReservedColumns, ", ") + ")", quote(axis->name));
            continue;
        }
        sweep_.axes.push_back(std::move(*axis));
    }
}

std::optional<Axis> AxisReader::readAxis(const DocNode& item, const std::string& path) {
    const DocNode* key = item.find("key");
    const DocNode* name = item.find("name");
    if ((key && !key->valid) || (name && !name->valid)) return std::nullopt;  // not strings: reported
    Axis axis;
    axis.where = key ? key->where : name ? name->where : item.where;
    if (!key && !name) {
        findings_.error(axis.where, path, "a key (the scenario key it changes) or a name (for an axis of labelled values)", "neither");
        return std::nullopt;
    }
    axis.key = key ? key->text : "";
    axis.name = name ? name->text : axis.key;
    if (axis.name.empty()) {
        findings_.error(axis.where, path + ".name", "a non-empty name", "\"\"");
        return std::nullopt;
    }
    const DocNode* values = item.find("values");
    const DocNode* range = item.find("range");
    const DocNode* steps = item.find("steps");
    const DocNode* sampled = item.find("sampled");
    const int forms = (values ? 1 : 0) + (range ? 1 : 0);
    if (forms != 1) {
        findings_.error(axis.where, path, "either values = [...] or range = [lo, hi] with steps = n or sampled = true",
                        forms == 0 ? "neither" : "both");
        return std::nullopt;
    }
    if (values) {
        if (steps || sampled) {
            findings_.error((steps ? steps : sampled)->where, path, "steps and sampled only with range",
                            "values with " + std::string(steps ? "steps" : "sampled"));
            return std::nullopt;
        }
        return key ? readValueList(std::move(axis), *values, path) : readBundles(std::move(axis), *values, path);
    }
    if (!key) {
        findings_.error(range->where, path, "a key for a range (the scenario key it changes)", "a range without key");
        return std::nullopt;
    }
    return readRange(std::move(axis), item, *range, path);
}

bool AxisReader::uniqueLabels(const Axis& axis, const std::string& path) {
    std::set<std::string> labels;
    for (const AxisValue& v : axis.values) {
        if (!labels.insert(v.label).second) {
            findings_.error(axis.where, path + ".values", "values with distinct labels", "\"" + v.label + "\" twice");
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// [2] A list of values for one key
// ---------------------------------------------------------------------------------------------

std::optional<Axis> AxisReader::readValueList(Axis axis, const DocNode& values, const std::string& path) {
    axis.kind = AxisKind::Values;
    if (!values.isArray() || values.items.empty()) {
        findings_.error(values.where, path + ".values", "a non-empty array of values", values.isArray() ? "[]" : shown(values));
        return std::nullopt;
    }
    if (!checkPath(axis.key, axis.where)) return std::nullopt;
    const KeyRule& rule = scenarioRule(axis.key);
    bool ok = true;
    std::vector<sim::io::ParsedQuantity> written;
    for (const DocNode& item : values.items) {
        if (item.isTable() && rule.type != ValueType::Table) {  // drivers.prt = { median = … } is a table value
            findings_.error(item.where, axis.key,
                            "a value for " + axis.key + " (tables of labelled overrides need an axis without key)", "a table");
            ok = false;
            continue;
        }
        AxisValue v;
        v.label = sim::io::labelOf(item);
        v.cell = v.label;
        v.overrides.push_back({axis.key, sim::io::tomlLiteral(item), item.where});
        ok = checkOverride(v.overrides.back()) && ok;
        if (isQuantity(rule) && !item.isArray()) written.push_back(writtenQuantity(item, rule.dimension));
        axis.values.push_back(std::move(v));
    }
    if (!ok || !uniqueLabels(axis, path)) return std::nullopt;
    const bool numeric = written.size() == axis.values.size() &&
                         std::all_of(written.begin(), written.end(), [](const auto& w) { return w.value.has_value(); });
    if (!numeric) return axis;
    // Cells in one unit: the one every value was written in (0 needs none), else the display unit.
    std::string unit;
    for (const sim::io::ParsedQuantity& w : written)
        if (!w.unit.empty()) unit = w.unit;
    const bool same = std::all_of(written.begin(), written.end(), [&](const auto& w) { return w.unit == unit || *w.value == 0.0; });
    for (std::size_t i = 0; i < written.size(); ++i)
        axis.values[i].cell = formatDouble(same ? written[i].number : *written[i].value / sim::io::displayFactor(rule.dimension));
    axis.unit = same ? (unit.empty() ? std::string(sim::io::siUnit(rule.dimension)) : unit)
                     : std::string(sim::io::displayUnit(rule.dimension));
    return axis;
}

// ---------------------------------------------------------------------------------------------
// [3] Bundles: labelled overlays and overrides
// ---------------------------------------------------------------------------------------------

std::optional<Axis> AxisReader::readBundles(Axis axis, const DocNode& values, const std::string& path) {
    axis.kind = AxisKind::Bundles;
    if (!values.isArray() || values.items.empty()) {
        findings_.error(values.where, path + ".values", "a non-empty array of { label, include, set }",
                        values.isArray() ? "[]" : shown(values));
        return std::nullopt;
    }
    const sim::io::Schema& schema = sweepSchema();
    bool ok = true;
    for (std::size_t i = 0; i < values.items.size(); ++i) {
        const std::string itemPath = path + ".values[" + std::to_string(i) + "]";
        // A copy: validation marks the nodes it accepts.
        DocNode item = values.items[i];
        const std::size_t before = findings_.errors.size();
        schema.validateValue(item, *schema.find(kBundleRule), itemPath, findings_.errors);
        if (findings_.errors.size() != before) {
            ok = false;
            continue;
        }
        AxisValue v;
        v.label = item.find("label")->text;
        v.cell = v.label;
        if (const DocNode* include = item.find("include"))
            for (const DocNode& file : include->items) {
                if (layers_.readOverlay(file.text, file.where, itemPath + ".include", sweep_, findings_)) v.includes.push_back(file.text);
                else ok = false;
            }
        if (const DocNode* set = item.find("set")) ok = readBundleSet(*set, v) && ok;
        axis.values.push_back(std::move(v));
    }
    if (!ok || !uniqueLabels(axis, path)) return std::nullopt;
    return axis;
}

bool AxisReader::readBundleSet(const DocNode& set, AxisValue& value) {
    bool ok = true;
    for (const DocMember& m : set.members) {  // in the order written: later overrides win
        if (m.value.isTable()) {
            findings_.error(m.keyWhere, m.key, "a quoted key path with a value, e.g. \"units.patrol.offset\" = \"3 ft\"",
                            "a table (write the key path in quotes)");
            ok = false;
            continue;
        }
        if (!checkPath(m.key, m.keyWhere)) {
            ok = false;
            continue;
        }
        value.overrides.push_back({m.key, sim::io::tomlLiteral(m.value), m.value.where});
        ok = checkOverride(value.overrides.back()) && ok;
    }
    return ok;
}

// ---------------------------------------------------------------------------------------------
// [4] Ranges: even steps, or samples
// ---------------------------------------------------------------------------------------------

std::optional<Axis> AxisReader::readRange(Axis axis, const DocNode& item, const DocNode& range, const std::string& path) {
    if (!checkPath(axis.key, axis.where)) return std::nullopt;
    const KeyRule& rule = scenarioRule(axis.key);
    if (!isQuantity(rule) && rule.type != ValueType::Integer) {
        findings_.error(range.where, path + ".range",
                        "a key that holds a number for a range (" + axis.key + " is a " + typeName(rule) +
                            "; list its values instead: values = [...])",
                        "a range");
        return std::nullopt;
    }
    if (!range.isArray() || range.items.size() != 2) {
        findings_.error(range.where, path + ".range", "[lo, hi], two values", shown(range));
        return std::nullopt;
    }
    const DocNode& loNode = range.items[0];
    const DocNode& hiNode = range.items[1];
    RangeSpec spec;
    spec.where = range.where;
    spec.integer = rule.type == ValueType::Integer;
    const Dimension d = spec.integer ? Dimension::Dimensionless : rule.dimension;
    // Each end is a value of the key, as typed: of its type and range, with its unit.
    const bool loOk = checkOverride({axis.key, sim::io::tomlLiteral(loNode), loNode.where});
    const bool hiOk = checkOverride({axis.key, sim::io::tomlLiteral(hiNode), hiNode.where});
    if (!loOk || !hiOk) return std::nullopt;
    sim::io::ParsedQuantity lo = writtenQuantity(loNode, d);
    sim::io::ParsedQuantity hi = writtenQuantity(hiNode, d);
    // [0, "8 ft"] is a range in feet: 0 needs no unit.
    if (lo.unit.empty() && lo.number == 0.0) lo.unit = hi.unit;
    if (hi.unit.empty() && hi.number == 0.0) hi.unit = lo.unit;
    if (lo.unit == hi.unit) {
        spec.lo = lo.number;
        spec.hi = hi.number;
        spec.bare = lo.unit.empty();
        axis.unit = spec.bare ? std::string(sim::io::siUnit(d)) : lo.unit;
    } else {  // different units: both in the display unit
        spec.lo = *lo.value / sim::io::displayFactor(d);
        spec.hi = *hi.value / sim::io::displayFactor(d);
        axis.unit = std::string(sim::io::displayUnit(d));
    }
    if (spec.lo > spec.hi) {
        findings_.error(range.where, path + ".range", "lo ≤ hi", shown(loNode) + " > " + shown(hiNode));
        return std::nullopt;
    }
    const DocNode* steps = item.find("steps");
    const DocNode* sampled = item.find("sampled");
    if ((steps != nullptr) == (sampled != nullptr)) {
        findings_.error(range.where, path, "with range, either steps = n (an even grid) or sampled = true ([sampling])",
                        steps ? "both" : "neither");
        return std::nullopt;
    }
    if (steps) {
        if (!steps->valid) return std::nullopt;  // reported by the schema check
        const std::int64_t n = steps->integer;
        axis.kind = AxisKind::Steps;
        for (std::int64_t i = 0; i < n; ++i) {
            const double x = i + 1 == n ? spec.hi : spec.lo + (spec.hi - spec.lo) * static_cast<double>(i) / static_cast<double>(n - 1);
            axis.values.push_back(generatedValue(axis, spec, x));
        }
        if (spec.integer) {
            std::set<std::string> labels;
            for (const AxisValue& v : axis.values)
                if (!labels.insert(v.label).second) {
                    findings_.error(steps->where, path + ".steps",
                                    "at most " + std::to_string(static_cast<std::int64_t>(spec.hi - spec.lo) + 1) +
                                        " steps for integers from " + formatDouble(spec.lo) + " to " + formatDouble(spec.hi),
                                    std::to_string(n));
                    return std::nullopt;
                }
        }
        return axis;
    }
    if (!sampled->valid) return std::nullopt;  // not a boolean: reported by the schema check
    if (!sampled->boolean) {
        findings_.error(sampled->where, path + ".sampled", "true (or leave it out and give steps)", shown(*sampled));
        return std::nullopt;
    }
    axis.kind = AxisKind::Sampled;
    sampledRanges_.emplace_back(sweep_.axes.size(), spec);  // the index the axis will have
    return axis;
}

AxisValue AxisReader::generatedValue(const Axis& axis, const RangeSpec& range, double x) const {
    AxisValue v;
    if (range.integer) x = std::round(x);
    v.cell = formatDouble(x);
    v.label = axis.unit.empty() || range.bare ? v.cell : v.cell + " " + axis.unit;
    std::string literal;
    if (range.integer) literal = std::to_string(static_cast<std::int64_t>(x));
    else if (range.bare || axis.unit.empty()) literal = floatLiteral(x);
    else literal = quote(v.cell + " " + axis.unit);
    v.overrides.push_back({axis.key, literal, range.where});
    return v;
}

void AxisReader::sample(const SourceLocation& samplingWhere) {
    if (sampledRanges_.empty()) {
        if (sweep_.sampling) findings_.error(samplingWhere, "sampling", "an axis with sampled = true for [sampling] to sample", "none");
        return;
    }
    if (!sweep_.sampling) {
        findings_.error(sampledRanges_.front().second.where, "sampling",
                        "a [sampling] table (method = \"lhs\" or \"sobol\", samples = n) for sampled axes", "none");
        return;
    }
    const Sampling& s = *sweep_.sampling;
    const std::size_t d = sampledRanges_.size();
    if (s.method == SamplingMethod::Sobol && d > kSobolMaxDimensions) {
        findings_.error(samplingWhere, "sampling.method", "at most " + std::to_string(kSobolMaxDimensions) + " sampled axes for sobol",
                        std::to_string(d));
        return;
    }
    // The design's own stream, derived from the root seed.
    const std::uint64_t seed = sim::splitmix64(sweep_.rootSeed ^ 0x5357454550444553ull);
    const auto unit = s.method == SamplingMethod::Sobol ? sobolPoints(s.samples, d, s.scramble ? std::optional<std::uint64_t>(seed) : std::nullopt)
                                                        : latinHypercube(s.samples, d, seed);
    for (std::size_t j = 0; j < d; ++j) {
        Axis& axis = sweep_.axes[sampledRanges_[j].first];
        const RangeSpec& r = sampledRanges_[j].second;
        for (std::size_t i = 0; i < s.samples; ++i) {
            // Integers: uniform over lo..hi, each integer an equal share of [0, 1).
            const double x = r.integer ? std::min(r.hi, std::floor(r.lo + unit[i][j] * (r.hi - r.lo + 1.0))) : r.lo + unit[i][j] * (r.hi - r.lo);
            axis.values.push_back(generatedValue(axis, r, x));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [5] Key paths and overrides
// ---------------------------------------------------------------------------------------------

bool AxisReader::checkPath(const std::string& path, const SourceLocation& where) {
    if (auto hint = sim::io::checkKeyPath(path)) {
        findings_.error(where, path, "a key path of the scenario format (scenarios/README.md)", quote(path), *hint);
        return false;
    }
    if (path == "include" || path == "name") {
        findings_.error(where, path, "a key other than include and name (use an axis of { label, include })", quote(path));
        return false;
    }
    const std::vector<sim::io::PathSegment> segments = *sim::io::splitKeyPath(path);
    if (segments.size() < 2 || (segments[0].key != "units" && segments[0].key != "people")) return true;
    const bool units = segments[0].key == "units";
    const std::set<std::string>& known = units ? layers_.unitIds() : layers_.personIds();
    const std::string& id = segments[1].key;
    if (known.count(id) != 0) return true;
    const std::vector<std::string_view> ids(known.begin(), known.end());
    std::string hint;
    if (const auto close = sim::io::closestMatch(id, ids))
        hint = sim::io::didYouMean(segments[0].key + "." + std::string(*close) + path.substr(segments[0].key.size() + 1 + id.size()));
    findings_.error(where, path,
                    std::string("the id of ") + (units ? "a unit" : "a person") + " in the base scenario or an overlay (" +
                        sim::io::joinNames(ids, ", ") + ")",
                    quote(id), hint);
    return false;
}

bool AxisReader::checkOverride(const Override& override) {
    const std::vector<sim::io::Diagnostic> problems = sim::io::checkOverride(override);
    findings_.errors.insert(findings_.errors.end(), problems.begin(), problems.end());
    return problems.empty();
}

}  // namespace batch::detail
