// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "batch/importance.hpp"
#include "batch/layout.hpp"
#include "sim/io/diagnostic.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/scenario.hpp"

/// Sweep files (TOML): a base scenario, axes that change it, replicates and a root seed; loaded,
/// checked and resolved into points before anything runs. The format is in docs/batch.md; its
/// keys are in one key table (batch/src/sweep_schema.cpp) and sim/io parses and checks the file.
///
/// Loading reads the sweep file, the base scenario and the overlay files it names, each once,
/// and nothing else; it is safe to call from several threads. Errors are sim::io::Diagnostics
/// located in the file where the problem is written (the sweep file for axes, an overlay for its
/// own keys).
namespace batch {

enum class RecordMode { None, Strikes, All };
enum class SamplingMethod { LatinHypercube, Sobol };
enum class AxisKind {
    Bundles,  ///< values are labelled bundles: overlay files and/or several key overrides
    Values,   ///< a list of values for one key
    Steps,    ///< a range for one key, evenly divided into `steps` values (endpoints included)
    Sampled,  ///< a range for one key, sampled jointly with the other sampled axes ([sampling])
};

/// One value of an axis: what it is called and what it changes.
struct AxisValue {
    std::string label;                         ///< "offset", "3 ft", "night"
    std::string cell;                          ///< its runs.csv cell: a number in the axis unit, or the label
    std::vector<std::string> includes;         ///< overlay files, as written (relative to the sweep file)
    std::vector<sim::io::Override> overrides;  ///< applied after all includes, in axis order
};

struct Axis {
    std::string name;                ///< column name: `name`, else the key
    std::string key;                 ///< the scenario key path; empty for bundle axes
    std::string unit;                ///< unit of numeric cells ("ft", "veh/h"); empty for none
    AxisKind kind = AxisKind::Values;
    std::vector<AxisValue> values;   ///< grid values; for a sampled axis one per sample
    sim::io::SourceLocation where;   ///< the axis in the sweep file
    /// "units.patrol.offset [ft]", or the name when there is no unit.
    std::string header() const { return unit.empty() ? name : name + " [" + unit + "]"; }
};

struct Sampling {
    SamplingMethod method = SamplingMethod::LatinHypercube;
    std::size_t samples = 0;
    bool scramble = true;            ///< Sobol only: random digital shift seeded from the root seed
};

/// One combination of axis values, fully resolved.
struct SweepPoint {
    std::string id;                       ///< "p0007": its place in the grid, zero-padded
    std::vector<std::size_t> values;      ///< per axis, the index into Axis::values
    std::optional<std::size_t> baseline;  ///< the point its relative risk is taken against
    std::string scenarioText;             ///< what points/<id>.toml holds: a comment and the flat scenario
    sim::Scenario scenario;               ///< loaded back from scenarioText: exactly what runs
};

/// A loaded sweep: immutable, shared read-only by the runner's threads.
struct Sweep {
    std::string file;                     ///< the sweep file as named
    std::string name;                     ///< `name`, else the file's stem
    std::string description;
    std::string text;                     ///< the sweep file's text
    std::string baseFile;                 ///< as written in `base`
    std::string baseText;                 ///< the base scenario, flattened (Scenario::sourceText)
    std::vector<std::pair<std::string, std::string>> overlays;  ///< (file as written, text), in order of first use
    std::uint64_t rootSeed = 1;
    std::size_t replicates = 0;
    RecordMode record = RecordMode::None;
    Estimator estimator = Estimator::Crude;   ///< how P(strike) is estimated (docs/batch.md, "Rare events")
    ImportanceOptions importance;             ///< the [importance] table; used with Estimator::Importance
    std::optional<Sampling> sampling;
    std::vector<std::pair<std::string, std::string>> baselineSpec;  ///< (axis name, value label)
    std::vector<Axis> axes;
    std::vector<SweepPoint> points;       ///< grid order: the first axis varies slowest
    std::uint64_t hash = 0;               ///< of everything that decides the outputs (docs/batch.md)

    std::size_t tasks() const { return points.size() * replicates; }
    /// The seed of every run of replicate r, at every point (common random numbers); below 2^53.
    std::uint64_t seedOf(std::size_t replicate) const;
    Layout layout() const;
};

/// Changes made from the command line, recorded in the manifest like the file's own values.
struct SweepOptions {
    std::optional<std::size_t> replicates;  ///< replaces `replicates`
    std::size_t maxPoints = 1000000;        ///< a sweep of more points is an error (the fuzzer
                                            ///< lowers it: every point is a scenario load)
};

struct SweepLoad {
    std::optional<Sweep> sweep;
    std::vector<sim::io::Diagnostic> errors;  ///< sorted by file, line and column
    std::vector<sim::io::Diagnostic> notes;   ///< how values of the base scenario and the overlays
                                              ///< were read (sim::io::LoadResult::notes), each once
    bool ok() const { return sweep.has_value() && errors.empty(); }
};

SweepLoad loadSweepFile(const std::filesystem::path& file, const SweepOptions& options = {});
/// As loadSweepFile from text; fileName locates diagnostics and resolves relative paths.
SweepLoad loadSweepText(std::string_view text, const std::string& fileName, const SweepOptions& options = {});

std::string_view name(RecordMode mode);
std::string_view name(SamplingMethod method);
std::string_view name(AxisKind kind);

}  // namespace batch
