// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] helpers (locations, literals, quantities), [2] the sweep file's own keys,
// [3] axes, [4] key paths against the scenario, [5] points, [6] the public functions.
//
// The loader checks everything it can before a single run starts: the sweep's keys, each axis,
// every value's unit, and then every point is resolved by the scenario loader (base + overlays +
// overrides), so that an error in any point stops the sweep before it begins.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "batch/design.hpp"
#include "batch/sweep.hpp"
#include "batch/text.hpp"
#include "sim/io/quantity.hpp"
#include "sim/rng.hpp"

namespace batch {
namespace {

namespace fs = std::filesystem;
using sim::io::Diagnostic;
using sim::io::Dimension;
using sim::io::Override;
using sim::io::SourceLocation;

// ---------------------------------------------------------------------------------------------
// [1] Helpers
// ---------------------------------------------------------------------------------------------

constexpr std::size_t kMaxSweepBytes = 1u << 20;
constexpr std::size_t kMaxPoints = 1000000;
constexpr std::size_t kMaxTasks = std::size_t{1} << 40;

const std::vector<std::string> kTopKeys = {"name", "description", "base", "replicates", "seed",
                                           "record", "baseline", "sampling", "axes"};
const std::vector<std::string> kAxisKeys = {"name", "key", "values", "range", "steps", "sampled"};
const std::vector<std::string> kBundleKeys = {"label", "include", "set"};
const std::vector<std::string> kSamplingKeys = {"method", "samples", "scramble"};
// Columns of runs.csv that an axis may not be named after.
const std::vector<std::string> kReservedColumns = {"task", "point", "replicate", "seed", "status", "struck"};

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

/// A TOML float literal: what formatDouble writes, with ".0" added where it would read as an integer.
std::string tomlFloat(double value) {
    std::string s = formatDouble(value);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

/// The TOML literal of a value node, for an Override (strings quoted, floats kept floats).
std::string literalOf(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string: return tomlString(node.as_string()->get());
    case toml::node_type::integer: return std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point: return tomlFloat(node.as_floating_point()->get());
    case toml::node_type::boolean: return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::array: {
        std::string out = "[";
        for (const toml::node& item : *node.as_array()) out += (out.size() > 1 ? ", " : "") + literalOf(item);
        return out + "]";
    }
    case toml::node_type::table: {
        std::string out = "{ ";
        bool first = true;
        for (auto&& [k, v] : *node.as_table()) {
            out += (first ? "" : ", ") + tomlString(k.str()) + " = " + literalOf(v);
            first = false;
        }
        return out + (first ? "}" : " }");
    }
    default: return "a date or time";
    }
}

/// How a value is named in tables: the string itself, or the literal of anything else.
std::string labelOf(const toml::node& node) {
    if (const auto* s = node.as_string()) return s->get();
    return literalOf(node);
}

std::string describe(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string: return quote(node.as_string()->get());
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    default: return literalOf(node);
    }
}

/// A number and the unit written after it: "3.5 ft" -> (3.5, "ft"); "2" -> (2, "").
struct WrittenQuantity {
    double number = 0.0;
    std::string unit;
};
std::optional<WrittenQuantity> splitQuantity(const toml::node& node) {
    if (const auto* i = node.as_integer()) return WrittenQuantity{static_cast<double>(i->get()), ""};
    if (const auto* f = node.as_floating_point()) return WrittenQuantity{f->get(), ""};
    const auto* s = node.as_string();
    if (!s) return std::nullopt;
    std::string_view text = s->get();
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double number = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc()) return std::nullopt;
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
    return WrittenQuantity{number, std::string(unit)};
}

/// The SI unit of a bare number of each dimension (what the scenario loader reads it as).
std::string siUnitOf(Dimension d) {
    switch (d) {
    case Dimension::Length: return "m";
    case Dimension::Time: return "s";
    case Dimension::Speed: return "m/s";
    case Dimension::Acceleration: return "m/s^2";
    case Dimension::Angle: return "rad";
    case Dimension::Flow: return "veh/s";
    case Dimension::Rate: return "1/s";
    case Dimension::Mass: return "kg";
    case Dimension::Dimensionless: return "";
    }
    return "";
}

/// What a scenario key holds, from its schema entry (sim::io::scenarioKeys()).
struct KeyKind {
    enum Type { Quantity, Integer, Other } type = Other;
    Dimension dimension = Dimension::Dimensionless;
    std::string schemaType;  ///< "length", "choice", …
};

bool segmentMatches(std::string_view pattern, std::string_view segment) {
    if (pattern == "*") return true;
    if (pattern.size() > 2 && pattern.substr(pattern.size() - 2) == "[]") {
        const std::string_view base = pattern.substr(0, pattern.size() - 2);
        return segment.size() > base.size() + 2 && segment.substr(0, base.size()) == base && segment[base.size()] == '[' &&
               segment.back() == ']';
    }
    return pattern == segment;
}

std::vector<std::string_view> splitDots(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        out.push_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) return out;
        start = dot + 1;
    }
}

KeyKind keyKindOf(std::string_view path) {
    const std::vector<std::string_view> segments = splitDots(path);
    for (const sim::io::KeyDoc& doc : sim::io::scenarioKeys()) {
        const std::vector<std::string_view> pattern = splitDots(doc.path);
        if (pattern.size() != segments.size()) continue;
        bool match = true;
        for (std::size_t i = 0; i < pattern.size() && match; ++i) match = segmentMatches(pattern[i], segments[i]);
        if (!match) continue;
        KeyKind kind;
        kind.schemaType = doc.type;
        if (doc.type == "integer") {
            kind.type = KeyKind::Integer;
            return kind;
        }
        for (Dimension d : {Dimension::Length, Dimension::Time, Dimension::Speed, Dimension::Acceleration, Dimension::Angle,
                            Dimension::Flow, Dimension::Rate, Dimension::Mass, Dimension::Dimensionless}) {
            const std::string dim(sim::io::dimensionName(d));
            if (doc.type == dim || doc.type == dim + ", or array") {
                kind.type = KeyKind::Quantity;
                kind.dimension = d;
            }
        }
        return kind;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// [2]-[5] The loader
// ---------------------------------------------------------------------------------------------

/// A range axis before its values exist: endpoints in the axis unit.
struct RangeSpec {
    double lo = 0.0;
    double hi = 0.0;
    bool integer = false;
    bool bare = false;          ///< endpoints were bare numbers (SI): write values bare
    SourceLocation where;
};

class SweepLoader {
public:
    SweepLoader(std::string_view text, std::string fileName, const SweepOptions& options)
        : text_(text), file_(std::move(fileName)), options_(options) {}

    SweepLoad load() {
        SweepLoad result;
        if (text_.size() > kMaxSweepBytes) {
            error({file_, 0, 0}, "", "a sweep file of at most 1 MiB", std::to_string(text_.size()) + " bytes");
            return finish(result);
        }
        toml::table root;
        try {
            root = toml::parse(text_, std::string_view(file_));
        } catch (const toml::parse_error& e) {
            error(at(e.source()), "", "valid TOML", std::string(e.description()));
            return finish(result);
        }
        sweep_.file = file_;
        sweep_.text = std::string(text_);
        sweep_.name = fs::path(file_).stem().string();
        checkKeys(root, kTopKeys, "");
        readScalars(root);
        const bool baseOk = readBase(root);
        readSampling(root);
        readAxes(root);
        if (!errors_.empty() || !baseOk) return finish(result);
        makeSamples();
        readBaseline(root);
        if (!errors_.empty()) return finish(result);
        makePoints();
        if (!errors_.empty()) return finish(result);
        sweep_.hash = hashOf(sweep_);
        result.sweep = std::move(sweep_);
        return finish(result);
    }

private:
    // -- diagnostics --------------------------------------------------------------------------
    SourceLocation at(const toml::source_region& region) const {
        return {file_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
    }
    SourceLocation at(const toml::node& node) const { return at(node.source()); }

    void error(SourceLocation where, std::string key, std::string expected, std::string found, std::string hint = "") {
        errors_.push_back({std::move(where), std::move(key), std::move(expected), std::move(found), std::move(hint)});
    }

    SweepLoad finish(SweepLoad& result) {
        std::stable_sort(errors_.begin(), errors_.end(), [](const Diagnostic& a, const Diagnostic& b) {
            if (a.where.file != b.where.file) return a.where.file < b.where.file;
            if (a.where.line != b.where.line) return a.where.line < b.where.line;
            return a.where.column < b.where.column;
        });
        std::set<std::string> seen;
        for (Diagnostic& d : errors_)
            if (seen.insert(d.message()).second) result.errors.push_back(std::move(d));
        if (!result.errors.empty()) result.sweep.reset();
        return std::move(result);
    }

    /// Unknown keys of a table, with "did you mean".
    void checkKeys(const toml::table& table, const std::vector<std::string>& allowed, const std::string& where) {
        for (auto&& [k, v] : table) {
            const std::string key(k.str());
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            const auto close = closestMatch(key, allowed);
            error(at(k.source().begin.line ? k.source() : v.source()), where.empty() ? key : where + "." + key,
                  "a key of " + (where.empty() ? std::string("a sweep file") : where) + " (" + joinList(allowed) + ")",
                  quote(key), close ? didYouMean(*close) : "");
        }
    }

    SourceLocation keyLocation(const toml::table& table, std::string_view key) const {
        for (auto&& [k, v] : table)
            if (k.str() == key) return k.source().begin.line ? at(k.source()) : at(v);
        return {file_, 0, 0};
    }

    // -- [2] the sweep's own keys ---------------------------------------------------------------
    std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, std::int64_t lo, std::int64_t hi,
                                        const std::string& path) {
        const toml::node* node = t.get(key);
        if (!node) return std::nullopt;
        const auto* i = node->as_integer();
        if (!i || i->get() < lo || i->get() > hi) {
            error(at(*node), path, "an integer in " + std::to_string(lo) + "–" + std::to_string(hi), describe(*node));
            return std::nullopt;
        }
        return i->get();
    }

    std::optional<std::string> string(const toml::table& t, std::string_view key, const std::string& path) {
        const toml::node* node = t.get(key);
        if (!node) return std::nullopt;
        if (!node->is_string()) {
            error(at(*node), path, "a string", describe(*node));
            return std::nullopt;
        }
        return node->as_string()->get();
    }

    void readScalars(const toml::table& root) {
        if (auto name = string(root, "name", "name")) sweep_.name = *name;
        if (auto description = string(root, "description", "description")) sweep_.description = *description;
        if (auto seed = integer(root, "seed", 0, INT64_MAX, "seed")) sweep_.rootSeed = static_cast<std::uint64_t>(*seed);
        if (!root.get("replicates") && !options_.replicates)
            error({file_, 1, 1}, "replicates", "the number of replicates per point, e.g. replicates = 100", "none");
        if (auto replicates = integer(root, "replicates", 1, 100000000, "replicates"))
            sweep_.replicates = static_cast<std::size_t>(*replicates);
        if (options_.replicates) sweep_.replicates = *options_.replicates;
        if (auto record = string(root, "record", "record")) {
            const std::vector<std::string> modes = {"none", "strikes", "all"};
            if (*record == "none") sweep_.record = RecordMode::None;
            else if (*record == "strikes") sweep_.record = RecordMode::Strikes;
            else if (*record == "all") sweep_.record = RecordMode::All;
            else {
                const auto close = closestMatch(*record, modes);
                error(at(*root.get("record")), "record", "one of none, strikes, all", quote(*record), close ? didYouMean(*close) : "");
            }
        }
    }

    bool readBase(const toml::table& root) {
        const toml::node* node = root.get("base");
        if (!node) {
            error({file_, 1, 1}, "base", "the base scenario, e.g. base = \"../stops/freeway-65.toml\"", "none");
            return false;
        }
        if (!node->is_string()) {
            error(at(*node), "base", "a path to a scenario file, relative to the sweep file", describe(*node));
            return false;
        }
        sweep_.baseFile = node->as_string()->get();
        const fs::path path = folder() / sweep_.baseFile;
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            error(at(*node), "base", "a readable scenario file (relative to the sweep file)",
                  quote(sweep_.baseFile) + ": " + (fs::exists(path, ec) ? "not a regular file" : "no such file " + quote(path.lexically_normal().string())));
            return false;
        }
        sim::io::LoadResult base = sim::io::loadScenarioFile(path.lexically_normal());
        if (!base.ok()) {
            errors_.insert(errors_.end(), base.errors.begin(), base.errors.end());
            return false;
        }
        sweep_.baseText = base.scenario->sourceText;
        for (const sim::UnitDef& u : base.scenario->units) unitIds_.insert(u.id);
        for (const sim::PersonDef& p : base.scenario->people) personIds_.insert(p.id);
        return true;
    }

    void readSampling(const toml::table& root) {
        const toml::node* node = root.get("sampling");
        if (!node) return;
        const toml::table* t = node->as_table();
        if (!t) {
            error(at(*node), "sampling", "a table { method, samples }", describe(*node));
            return;
        }
        checkKeys(*t, kSamplingKeys, "sampling");
        Sampling s;
        if (auto method = string(*t, "method", "sampling.method")) {
            if (*method == "lhs") s.method = SamplingMethod::LatinHypercube;
            else if (*method == "sobol") s.method = SamplingMethod::Sobol;
            else {
                const std::vector<std::string> methods = {"lhs", "sobol"};
                const auto close = closestMatch(*method, methods);
                error(at(*t->get("method")), "sampling.method", "lhs or sobol", quote(*method), close ? didYouMean(*close) : "");
            }
        } else if (!t->get("method")) {
            error(at(*node), "sampling.method", "lhs or sobol", "none");
        }
        if (auto samples = integer(*t, "samples", 1, 1000000, "sampling.samples")) s.samples = static_cast<std::size_t>(*samples);
        else if (!t->get("samples")) error(at(*node), "sampling.samples", "the number of samples, e.g. samples = 64", "none");
        if (const toml::node* scramble = t->get("scramble")) {
            if (const auto* b = scramble->as_boolean()) s.scramble = b->get();
            else error(at(*scramble), "sampling.scramble", "true or false", describe(*scramble));
        }
        sweep_.sampling = s;
        samplingWhere_ = at(*node);
    }

    // -- [3] axes -------------------------------------------------------------------------------
    void readAxes(const toml::table& root) {
        const toml::node* node = root.get("axes");
        if (!node) return;  // a sweep without axes is one point: replicates of the base scenario
        const toml::array* list = node->as_array();
        if (!list) {
            error(at(*node), "axes", "an array of tables, [[axes]]", describe(*node));
            return;
        }
        std::set<std::string> names;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const toml::node& item = *list->get(i);
            const std::string path = "axes[" + std::to_string(i) + "]";
            const toml::table* t = item.as_table();
            if (!t) {
                error(at(item), path, "a table { key, values } or { name, values = [{ label, include, set }] }", describe(item));
                continue;
            }
            std::optional<Axis> axis = readAxis(*t, path);
            if (!axis) continue;
            if (!names.insert(axis->name).second) {
                error(axis->where, path + ".name", "a name no other axis has", quote(axis->name));
                continue;
            }
            if (std::find(kReservedColumns.begin(), kReservedColumns.end(), axis->name) != kReservedColumns.end()) {
                error(axis->where, path + ".name", "a name that is not a runs.csv column (" + joinList(kReservedColumns) + ")",
                      quote(axis->name));
                continue;
            }
            sweep_.axes.push_back(std::move(*axis));
        }
    }

    std::optional<Axis> readAxis(const toml::table& t, const std::string& path) {
        checkKeys(t, kAxisKeys, "an axis");
        Axis axis;
        axis.where = at(t);
        const std::optional<std::string> key = string(t, "key", path + ".key");
        const std::optional<std::string> name = string(t, "name", path + ".name");
        if (t.get("key") && !key) return std::nullopt;
        if (t.get("name") && !name) return std::nullopt;
        if (key) axis.where = at(*t.get("key"));
        else if (name) axis.where = at(*t.get("name"));
        if (!key && !name) {
            error(axis.where, path, "a key (the scenario key it changes) or a name (for an axis of labelled values)", "neither");
            return std::nullopt;
        }
        axis.key = key.value_or("");
        axis.name = name.value_or(axis.key);
        if (axis.name.empty()) {
            error(axis.where, path + ".name", "a non-empty name", "\"\"");
            return std::nullopt;
        }
        const toml::node* values = t.get("values");
        const toml::node* range = t.get("range");
        const toml::node* steps = t.get("steps");
        const toml::node* sampled = t.get("sampled");
        const int forms = (values ? 1 : 0) + (range ? 1 : 0);
        if (forms != 1) {
            error(axis.where, path, "either values = [...] or range = [lo, hi] with steps = n or sampled = true",
                  forms == 0 ? "neither" : "both");
            return std::nullopt;
        }
        if (values) {
            if (steps || sampled) {
                error(at(steps ? *steps : *sampled), path, "steps and sampled only with range", "values with " + std::string(steps ? "steps" : "sampled"));
                return std::nullopt;
            }
            return key ? readValueList(axis, t, *values, path) : readBundles(axis, *values, path);
        }
        if (!key) {
            error(at(*range), path, "a key for a range (the scenario key it changes)", "a range without key");
            return std::nullopt;
        }
        return readRange(axis, t, *range, path);
    }

    std::optional<Axis> readValueList(Axis axis, const toml::table& t, const toml::node& node, const std::string& path) {
        axis.kind = AxisKind::Values;
        const toml::array* list = node.as_array();
        if (!list || list->empty()) {
            error(at(node), path + ".values", "a non-empty array of values", list ? "[]" : describe(node));
            return std::nullopt;
        }
        if (!checkPath(axis.key, at(*t.get("key")), axis.key)) return std::nullopt;
        const KeyKind kind = keyKindOf(axis.key);
        bool ok = true;
        std::vector<std::optional<WrittenQuantity>> written;
        const bool tableKey = kind.schemaType == "table";  // e.g. drivers.prt = { median = 1.2, sigma = 0.4 }
        for (const toml::node& item : *list) {
            if (item.is_table() && !tableKey) {
                error(at(item), axis.key, "a value for " + axis.key + " (tables of labelled overrides need an axis without key)",
                      "a table");
                ok = false;
                continue;
            }
            AxisValue v;
            v.label = labelOf(item);
            v.cell = v.label;
            v.overrides.push_back({axis.key, literalOf(item), at(item)});
            if (kind.type == KeyKind::Quantity && !item.is_array()) {
                if (!checkQuantity(item, kind.dimension, axis.key)) ok = false;
                written.push_back(splitQuantity(item));
            }
            axis.values.push_back(std::move(v));
        }
        if (!ok) return std::nullopt;
        if (!uniqueLabels(axis, path)) return std::nullopt;
        if (kind.type == KeyKind::Quantity && written.size() == axis.values.size()) numericCells(axis, written, kind.dimension);
        return axis;
    }

    /// Cells in one unit: the one every value was written in, else the display unit.
    static void numericCells(Axis& axis, const std::vector<std::optional<WrittenQuantity>>& written, Dimension d) {
        for (const auto& w : written)
            if (!w) return;
        const std::string unit = written.front()->unit;
        const bool same = std::all_of(written.begin(), written.end(), [&](const auto& w) { return w->unit == unit; });
        for (std::size_t i = 0; i < written.size(); ++i) {
            if (same) {
                axis.values[i].cell = formatDouble(written[i]->number);
            } else {
                const double si = *sim::io::parseQuantity(written[i]->unit.empty() ? formatDouble(written[i]->number)
                                                                                    : formatDouble(written[i]->number) + " " + written[i]->unit,
                                                           d)
                                       .value;
                axis.values[i].cell = formatDouble(si / sim::io::displayFactor(d));
            }
        }
        axis.unit = same ? (unit.empty() ? siUnitOf(d) : unit) : std::string(sim::io::displayUnit(d));
    }

    bool checkQuantity(const toml::node& item, Dimension d, const std::string& key) {
        sim::io::ParsedQuantity parsed;
        if (const auto* s = item.as_string()) parsed = sim::io::parseQuantity(s->get(), d);
        else if (const auto* i = item.as_integer()) parsed = sim::io::siQuantity(static_cast<double>(i->get()), d);
        else if (const auto* f = item.as_floating_point()) parsed = sim::io::siQuantity(f->get(), d);
        else {
            error(at(item), key, sim::io::dimensionWithArticle(d) + " (" + sim::io::unitSymbols(d) + ")", describe(item));
            return false;
        }
        if (parsed.value) return true;
        error(at(item), key, sim::io::dimensionWithArticle(d) + " (" + sim::io::unitSymbols(d) + ")",
              describe(item) + ": " + parsed.error, parsed.hint);
        return false;
    }

    std::optional<Axis> readBundles(Axis axis, const toml::node& node, const std::string& path) {
        axis.kind = AxisKind::Bundles;
        const toml::array* list = node.as_array();
        if (!list || list->empty()) {
            error(at(node), path + ".values", "a non-empty array of { label, include, set }", list ? "[]" : describe(node));
            return std::nullopt;
        }
        bool ok = true;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const toml::node& item = *list->get(i);
            const std::string itemPath = path + ".values[" + std::to_string(i) + "]";
            const toml::table* t = item.as_table();
            if (!t) {
                error(at(item), itemPath, "a table { label, include = [...], set = { \"key.path\" = value } } (an axis without key)",
                      describe(item));
                ok = false;
                continue;
            }
            checkKeys(*t, kBundleKeys, "an axis value");
            AxisValue v;
            if (auto label = string(*t, "label", itemPath + ".label")) v.label = *label;
            else {
                if (!t->get("label")) error(at(item), itemPath + ".label", "a label naming this value", "none");
                ok = false;
                continue;
            }
            v.cell = v.label;
            if (const toml::node* include = t->get("include")) {
                const toml::array* files = include->as_array();
                if (!files) {
                    error(at(*include), itemPath + ".include", "an array of overlay files", describe(*include));
                    ok = false;
                }
                for (std::size_t f = 0; files && f < files->size(); ++f) {
                    const toml::node& file = *files->get(f);
                    if (!file.is_string()) {
                        error(at(file), itemPath + ".include", "a path to an overlay file, relative to the sweep file", describe(file));
                        ok = false;
                    } else if (readOverlay(file.as_string()->get(), at(file), itemPath + ".include")) {
                        v.includes.push_back(file.as_string()->get());
                    } else {
                        ok = false;
                    }
                }
            }
            if (const toml::node* set = t->get("set")) {
                const toml::table* overrides = set->as_table();
                if (!overrides) {
                    error(at(*set), itemPath + ".set", "a table { \"key.path\" = value, ... }", describe(*set));
                    ok = false;
                } else {
                    std::vector<std::pair<SourceLocation, Override>> ordered;
                    for (auto&& [k, value] : *overrides) {
                        const std::string key(k.str());
                        const SourceLocation keyAt = k.source().begin.line ? at(k.source()) : at(value);
                        if (value.is_table()) {
                            error(keyAt, key, "a quoted key path with a value, e.g. \"units.patrol.offset\" = \"3 ft\"",
                                  "a table (write the key path in quotes)");
                            ok = false;
                            continue;
                        }
                        if (!checkPath(key, keyAt, key)) {
                            ok = false;
                            continue;
                        }
                        const KeyKind kind = keyKindOf(key);
                        if (kind.type == KeyKind::Quantity && !value.is_array() && !checkQuantity(value, kind.dimension, key)) {
                            ok = false;
                            continue;
                        }
                        ordered.push_back({keyAt, Override{key, literalOf(value), at(value)}});
                    }
                    // toml++ orders keys by name; overrides apply in the order written.
                    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
                        return a.first.line != b.first.line ? a.first.line < b.first.line : a.first.column < b.first.column;
                    });
                    for (auto& [where, o] : ordered) v.overrides.push_back(std::move(o));
                }
            }
            axis.values.push_back(std::move(v));
        }
        if (!ok || !uniqueLabels(axis, path)) return std::nullopt;
        return axis;
    }

    bool uniqueLabels(const Axis& axis, const std::string& path) {
        std::set<std::string> labels;
        for (const AxisValue& v : axis.values) {
            if (!labels.insert(v.label).second) {
                error(axis.where, path + ".values", "values with distinct labels", "\"" + v.label + "\" twice");
                return false;
            }
        }
        return true;
    }

    bool readOverlay(const std::string& file, const SourceLocation& where, const std::string& key) {
        for (const auto& [name, text] : sweep_.overlays)
            if (name == file) return true;
        const fs::path path = (folder() / file).lexically_normal();
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            error(where, key, "a readable overlay file (relative to the sweep file)",
                  quote(file) + ": no such file " + quote(path.string()));
            return false;
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (text.str().size() > kMaxSweepBytes * 4) {
            error(where, key, "an overlay of at most 4 MiB", quote(file));
            return false;
        }
        // Units and people the overlay adds, so that axes may name them ("units.blocker.gap").
        // Syntax errors are left to the scenario loader, which locates them in the overlay.
        try {
            const toml::table overlay = toml::parse(text.str(), path.string());
            if (const toml::table* units = overlay["units"].as_table())
                for (auto&& [k, v] : *units) unitIds_.insert(std::string(k.str()));
            if (const toml::table* people = overlay["people"].as_table())
                for (auto&& [k, v] : *people) personIds_.insert(std::string(k.str()));
        } catch (const toml::parse_error&) {
        }
        sweep_.overlays.emplace_back(file, text.str());
        return true;
    }

    std::optional<Axis> readRange(Axis axis, const toml::table& t, const toml::node& node, const std::string& path) {
        if (!checkPath(axis.key, at(*t.get("key")), axis.key)) return std::nullopt;
        const KeyKind kind = keyKindOf(axis.key);
        if (kind.type == KeyKind::Other) {
            error(at(node), path + ".range", "a key that holds a number for a range (" + axis.key + " is a " + kind.schemaType +
                                                 "; list its values instead: values = [...])",
                  "a range");
            return std::nullopt;
        }
        const toml::array* ends = node.as_array();
        if (!ends || ends->size() != 2) {
            error(at(node), path + ".range", "[lo, hi], two values", describe(node));
            return std::nullopt;
        }
        const toml::node& loNode = *ends->get(0);
        const toml::node& hiNode = *ends->get(1);
        const Dimension d = kind.type == KeyKind::Integer ? Dimension::Dimensionless : kind.dimension;
        if (!checkQuantity(loNode, d, axis.key) | !checkQuantity(hiNode, d, axis.key)) return std::nullopt;
        const WrittenQuantity lo = *splitQuantity(loNode);
        const WrittenQuantity hi = *splitQuantity(hiNode);
        RangeSpec range;
        range.where = at(node);
        range.integer = kind.type == KeyKind::Integer;
        if (range.integer && (!loNode.is_integer() || !hiNode.is_integer())) {
            error(at(node), path + ".range", "integers for " + axis.key, describe(loNode) + ", " + describe(hiNode));
            return std::nullopt;
        }
        if (lo.unit == hi.unit) {
            range.lo = lo.number;
            range.hi = hi.number;
            range.bare = lo.unit.empty();
            axis.unit = range.bare ? siUnitOf(d) : lo.unit;
        } else {  // different units: convert both to the display unit
            auto display = [&](const toml::node& n) {
                const double si = n.is_string() ? *sim::io::parseQuantity(n.as_string()->get(), d).value : splitQuantity(n)->number;
                return si / sim::io::displayFactor(d);
            };
            range.lo = display(loNode);
            range.hi = display(hiNode);
            axis.unit = std::string(sim::io::displayUnit(d));
        }
        if (range.lo > range.hi) {
            error(at(node), path + ".range", "lo ≤ hi", describe(loNode) + " > " + describe(hiNode));
            return std::nullopt;
        }
        const toml::node* steps = t.get("steps");
        const toml::node* sampled = t.get("sampled");
        if ((steps != nullptr) == (sampled != nullptr)) {
            error(at(node), path, "with range, either steps = n (an even grid) or sampled = true ([sampling])",
                  steps ? "both" : "neither");
            return std::nullopt;
        }
        if (steps) {
            const auto n = integer(t, "steps", 2, 100000, path + ".steps");
            if (!n) return std::nullopt;
            axis.kind = AxisKind::Steps;
            for (std::int64_t i = 0; i < *n; ++i) {
                const double x = i + 1 == *n ? range.hi : range.lo + (range.hi - range.lo) * static_cast<double>(i) / static_cast<double>(*n - 1);
                axis.values.push_back(generatedValue(axis, range, x));
            }
            if (range.integer) {
                std::set<std::string> labels;
                for (const AxisValue& v : axis.values)
                    if (!labels.insert(v.label).second) {
                        error(at(*steps), path + ".steps", "at most " + std::to_string(static_cast<std::int64_t>(range.hi - range.lo) + 1) +
                                                               " steps for integers from " + formatDouble(range.lo) + " to " + formatDouble(range.hi),
                              std::to_string(*n));
                        return std::nullopt;
                    }
            }
            return axis;
        }
        const toml::value<bool>* flag = sampled->as_boolean();
        if (!flag || !flag->get()) {
            error(at(*sampled), path + ".sampled", "true (or leave it out and give steps)", describe(*sampled));
            return std::nullopt;
        }
        axis.kind = AxisKind::Sampled;
        sampledRanges_.emplace_back(sweep_.axes.size(), range);  // index the axis will have
        return axis;
    }

    AxisValue generatedValue(const Axis& axis, const RangeSpec& range, double x) const {
        AxisValue v;
        if (range.integer) x = std::round(x);
        v.cell = formatDouble(x);
        v.label = axis.unit.empty() || range.bare ? v.cell : v.cell + " " + axis.unit;
        std::string literal;
        if (range.integer) literal = std::to_string(static_cast<std::int64_t>(x));
        else if (range.bare || axis.unit.empty()) literal = tomlFloat(x);
        else literal = tomlString(v.cell + " " + axis.unit);
        v.overrides.push_back({axis.key, literal, range.where});
        return v;
    }

    void makeSamples() {
        if (sampledRanges_.empty()) {
            if (sweep_.sampling) error(samplingWhere_, "sampling", "an axis with sampled = true for [sampling] to sample", "none");
            return;
        }
        if (!sweep_.sampling) {
            error(sampledRanges_.front().second.where, "sampling",
                  "a [sampling] table (method = \"lhs\" or \"sobol\", samples = n) for sampled axes", "none");
            return;
        }
        const Sampling& s = *sweep_.sampling;
        const std::size_t d = sampledRanges_.size();
        if (s.method == SamplingMethod::Sobol && d > kSobolMaxDimensions) {
            error(samplingWhere_, "sampling.method", "at most " + std::to_string(kSobolMaxDimensions) + " sampled axes for sobol",
                  std::to_string(d));
            return;
        }
        // The design's own stream, derived from the root seed.
        const std::uint64_t seed = sim::splitmix64(sweep_.rootSeed ^ 0x5357454550444553ull);
        const auto unit = s.method == SamplingMethod::Sobol
                              ? sobolPoints(s.samples, d, s.scramble ? std::optional<std::uint64_t>(seed) : std::nullopt)
                              : latinHypercube(s.samples, d, seed);
        for (std::size_t j = 0; j < d; ++j) {
            Axis& axis = sweep_.axes[sampledRanges_[j].first];
            const RangeSpec& r = sampledRanges_[j].second;
            for (std::size_t i = 0; i < s.samples; ++i) {
                // Integers: uniform over lo..hi, each integer an equal share of [0, 1).
                const double x = r.integer ? std::min(r.hi, std::floor(r.lo + unit[i][j] * (r.hi - r.lo + 1.0)))
                                           : r.lo + unit[i][j] * (r.hi - r.lo);
                axis.values.push_back(generatedValue(axis, r, x));
            }
        }
    }

    // -- [4] key paths ----------------------------------------------------------------------------
    /// A key path of the scenario format, naming units and people that the base scenario or an
    /// overlay has. Located at the key, with "did you mean".
    bool checkPath(const std::string& path, const SourceLocation& where, const std::string& key) {
        if (auto hint = sim::io::checkKeyPath(path)) {
            error(where, key, "a key path of the scenario format (scenarios/README.md)", quote(path), *hint);
            return false;
        }
        if (path == "include" || path == "name") {
            error(where, key, "a key other than include and name (use an axis of { label, include })", quote(path));
            return false;
        }
        const std::vector<std::string_view> segments = splitDots(path);
        if (segments.size() >= 2 && (segments[0] == "units" || segments[0] == "people")) {
            const bool units = segments[0] == "units";
            const std::set<std::string>& known = units ? unitIds_ : personIds_;
            const std::string id(segments[1]);
            if (!known.count(id)) {
                const std::vector<std::string> ids(known.begin(), known.end());
                std::optional<std::string> close = closestMatch(id, ids);
                std::string hint;
                if (close) {
                    std::string suggestion(segments[0]);
                    suggestion += "." + *close;
                    for (std::size_t i = 2; i < segments.size(); ++i) suggestion += "." + std::string(segments[i]);
                    hint = didYouMean(suggestion);
                }
                error(where, key,
                      std::string("the id of ") + (units ? "a unit" : "a person") + " in the base scenario or an overlay (" + joinList(ids) + ")",
                      quote(id), hint);
                return false;
            }
        }
        return true;
    }

    // -- baseline -----------------------------------------------------------------------------------
    void readBaseline(const toml::table& root) {
        const toml::node* node = root.get("baseline");
        if (!node) return;
        const toml::table* t = node->as_table();
        if (!t) {
            error(at(*node), "baseline", "a table { axis name = value label, ... }", describe(*node));
            return;
        }
        std::vector<std::string> names;
        for (const Axis& a : sweep_.axes) names.push_back(a.name);
        for (auto&& [k, v] : *t) {
            const std::string axisName(k.str());
            const SourceLocation keyAt = k.source().begin.line ? at(k.source()) : at(v);
            const auto axis = std::find_if(sweep_.axes.begin(), sweep_.axes.end(), [&](const Axis& a) { return a.name == axisName; });
            if (axis == sweep_.axes.end()) {
                const auto close = closestMatch(axisName, names);
                error(keyAt, "baseline." + axisName, "the name of an axis (" + joinList(names) + ")", quote(axisName),
                      close ? didYouMean(*close) : "");
                continue;
            }
            if (axis->kind == AxisKind::Sampled) {
                error(keyAt, "baseline." + axisName, "a grid axis (a sampled axis has no fixed values)", quote(axisName));
                continue;
            }
            const std::string label = labelOf(v);
            std::vector<std::string> labels;
            for (const AxisValue& value : axis->values) labels.push_back(value.label);
            if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
                const auto close = closestMatch(label, labels);
                error(at(v), "baseline." + axisName, "one of the axis's values (" + joinList(labels) + ")", quote(label),
                      close ? didYouMean(*close) : "");
                continue;
            }
            sweep_.baselineSpec.emplace_back(axisName, label);
        }
        // Axes in file order, whatever order toml++ iterates in.
        std::stable_sort(sweep_.baselineSpec.begin(), sweep_.baselineSpec.end(), [&](const auto& a, const auto& b) {
            return std::find(names.begin(), names.end(), a.first) < std::find(names.begin(), names.end(), b.first);
        });
    }

    // -- [5] points -----------------------------------------------------------------------------------
    void makePoints() {
        // Factors of the grid: each grid axis, and all sampled axes together as one factor (the
        // sample index), placed where the first sampled axis is.
        std::vector<std::vector<std::size_t>> factors;  // axes in each factor
        std::vector<std::size_t> sizes;
        for (std::size_t a = 0; a < sweep_.axes.size(); ++a) {
            if (sweep_.axes[a].kind == AxisKind::Sampled) {
                const auto it = std::find_if(factors.begin(), factors.end(),
                                             [&](const auto& f) { return sweep_.axes[f.front()].kind == AxisKind::Sampled; });
                if (it != factors.end()) {
                    it->push_back(a);
                    continue;
                }
            }
            factors.push_back({a});
            sizes.push_back(sweep_.axes[a].values.size());
        }
        std::size_t count = 1;
        for (std::size_t s : sizes) {
            if (count > kMaxPoints / std::max<std::size_t>(s, 1)) {
                error(sweep_.axes.empty() ? SourceLocation{file_, 1, 1} : sweep_.axes.front().where, "axes",
                      "at most " + std::to_string(kMaxPoints) + " points", "more");
                return;
            }
            count *= s;
        }
        if (sweep_.replicates > 0 && count > kMaxTasks / sweep_.replicates) {
            error({file_, 1, 1}, "replicates", "at most 2^40 runs in one sweep", "more");
            return;
        }
        const std::size_t width = std::max<std::size_t>(4, std::to_string(count - 1).size());
        std::vector<std::string> labels(sweep_.axes.size());
        std::map<std::vector<std::size_t>, std::size_t> indexOf;
        sweep_.points.reserve(count);
        for (std::size_t p = 0; p < count; ++p) {
            SweepPoint point;
            std::string number = std::to_string(p);
            point.id = "p" + std::string(width - number.size(), '0') + number;
            point.values.assign(sweep_.axes.size(), 0);
            std::size_t rest = p;
            for (std::size_t f = factors.size(); f-- > 0;) {
                const std::size_t value = rest % sizes[f];
                rest /= sizes[f];
                for (std::size_t a : factors[f]) point.values[a] = value;
            }
            indexOf[point.values] = p;
            if (!resolve(point)) continue;
            sweep_.points.push_back(std::move(point));
        }
        if (!errors_.empty()) return;
        // Baselines: the point equal to this one except on the axes the baseline names.
        if (sweep_.baselineSpec.empty()) return;
        for (SweepPoint& point : sweep_.points) {
            std::vector<std::size_t> values = point.values;
            for (const auto& [axisName, label] : sweep_.baselineSpec) {
                for (std::size_t a = 0; a < sweep_.axes.size(); ++a) {
                    if (sweep_.axes[a].name != axisName) continue;
                    for (std::size_t v = 0; v < sweep_.axes[a].values.size(); ++v)
                        if (sweep_.axes[a].values[v].label == label) values[a] = v;
                }
            }
            point.baseline = indexOf.at(values);
        }
    }

    /// Loads one point: base and overlays as includes of a document in the sweep's folder, then
    /// the overrides; then loads it back from the text that points/<id>.toml will hold.
    bool resolve(SweepPoint& point) {
        std::vector<std::string> includes = {sweep_.baseFile};
        std::vector<Override> overrides;
        std::string title;
        for (std::size_t a = 0; a < sweep_.axes.size(); ++a) {
            const AxisValue& v = sweep_.axes[a].values[point.values[a]];
            includes.insert(includes.end(), v.includes.begin(), v.includes.end());
            overrides.insert(overrides.end(), v.overrides.begin(), v.overrides.end());
            title += (a ? ", " : "") + sweep_.axes[a].name + " = " + v.label;
        }
        std::string document = "include = [";
        for (std::size_t i = 0; i < includes.size(); ++i) document += (i ? ", " : "") + tomlString(includes[i]);
        document += "]\nname = " + tomlString(sweep_.name + "." + point.id) + "\n";
        const std::string fileName = (folder() / (fs::path(file_).stem().string() + "." + point.id + ".toml")).string();
        sim::io::LoadResult loaded = sim::io::loadScenarioText(document, fileName, overrides);
        if (!loaded.ok()) {
            errors_.insert(errors_.end(), loaded.errors.begin(), loaded.errors.end());
            return false;
        }
        point.scenarioText = "# Sweep " + tomlString(sweep_.name) + ", point " + point.id + (title.empty() ? "" : ": " + title) +
                             "\n# Re-run one row of runs.csv: roadside-batch run points/" + point.id +
                             ".toml --seed <its seed>\n" + loaded.scenario->sourceText;
        sim::io::LoadResult again = sim::io::loadScenarioText(point.scenarioText, "points/" + point.id + ".toml");
        if (!again.ok()) {  // the loader promises that its flat text loads back; say so if not
            error({fileName, 0, 0}, "", "a point whose flat scenario text loads back",
                  again.errors.empty() ? "an empty result" : again.errors.front().message());
            return false;
        }
        point.scenario = std::move(*again.scenario);
        return true;
    }

    static std::uint64_t hashOf(const Sweep& s) {
        std::string key = "roadside-sweep-v1\nseed=" + std::to_string(s.rootSeed) + "\nreplicates=" + std::to_string(s.replicates) +
                          "\nrecord=" + std::string(name(s.record)) + "\n";
        for (const Axis& a : s.axes) key += "axis=" + a.header() + "\n";
        for (const SweepPoint& p : s.points) {
            key += p.id + " " + hex64(fnv1a64(p.scenarioText)) + (p.baseline ? " baseline=" + std::to_string(*p.baseline) : "");
            for (std::size_t a = 0; a < s.axes.size(); ++a) key += " " + s.axes[a].values[p.values[a]].cell;
            key += "\n";
        }
        return fnv1a64(key);
    }

    fs::path folder() const { return fs::path(file_).parent_path(); }

    std::string_view text_;
    std::string file_;
    SweepOptions options_;
    Sweep sweep_;
    std::vector<Diagnostic> errors_;
    std::set<std::string> unitIds_;
    std::set<std::string> personIds_;
    std::vector<std::pair<std::size_t, RangeSpec>> sampledRanges_;
    SourceLocation samplingWhere_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [6] Public functions
// ---------------------------------------------------------------------------------------------

std::uint64_t Sweep::seedOf(std::size_t replicate) const { return sim::runSeed(rootSeed, replicate); }

Layout Sweep::layout() const {
    Layout out;
    out.name = name;
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
    } catch (const std::exception& e) {
        SweepLoad result;
        result.errors.push_back({{fileName, 0, 0}, "", "", std::string("internal error: ") + e.what(), ""});
        return result;
    }
}

SweepLoad loadSweepFile(const std::filesystem::path& file, const SweepOptions& options) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        SweepLoad result;
        result.errors.push_back({{file.string(), 0, 0}, "", "a readable sweep file", fs::exists(file, ec) ? "not a regular file" : "no such file", ""});
        return result;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return loadSweepText(text.str(), file.string(), options);
}

std::string_view name(RecordMode mode) {
    switch (mode) {
    case RecordMode::None: return "none";
    case RecordMode::Strikes: return "strikes";
    case RecordMode::All: return "all";
    }
    return "none";
}

std::string_view name(SamplingMethod method) { return method == SamplingMethod::Sobol ? "sobol" : "lhs"; }

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
