// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/diagnostic.hpp"
#include "sim/io/document.hpp"
#include "sim/io/schema.hpp"
#include "sim/scenario.hpp"

/// Scenario files: TOML in, a validated sim::Scenario (SI units) or a list of Diagnostics out.
///
/// Every key, its unit, default and range is in scenarioSchema() (scenario_schema.cpp, the one
/// place a key is declared and bound to its field) and in scenarios/README.md (a test keeps the
/// two together). The loader never throws on bad input and never crashes on it: malformed,
/// binary, truncated, huge or deeply nested files give Diagnostics. Files are capped at
/// kMaxFileBytes and nesting at kMaxDepth (document.hpp). All functions are pure apart from
/// reading the named files, and safe to call from several threads at once.
namespace sim::io {

inline constexpr int kMaxIncludeDepth = 16;             ///< include chains longer than this fail

/// One value set from outside the file, after includes are merged: how the batch runner applies
/// a sweep axis to a base scenario, and the visualizer's --set, --compare and live panels.
/// A value is checked as typed by a person (ValueSource::Typed): a number for a key with a unit
/// must carry its unit ("\"3 ft\""; 0 needs none).
struct Override {
    std::string path;        ///< a key path: "road.lane_width", "units.patrol.offset",
                             ///< "people.officer-1.script[1].dwell" (array indices 0-based)
    std::string value;       ///< a TOML value literal: "\"3 ft\"", "0.5", "true", "\"night\"",
                             ///< "[\"1200 veh/h\", \"900 veh/h\"]", "{ median = \"1.2 s\", sigma = 0.4 }"
    SourceLocation origin;   ///< where the override was written (a sweep file); every error in
                             ///< the override, including its value's validation, is located here
};

/// The outcome of a load: a Scenario exactly when there are no errors.
struct LoadResult {
    std::optional<sim::Scenario> scenario;
    std::vector<Diagnostic> errors;   ///< every problem found, sorted by file, line and column
    std::vector<Diagnostic> notes;    ///< how values were read (a number without its unit), sorted
                                      ///< likewise; they do not stop the load
    bool ok() const { return scenario.has_value() && errors.empty(); }
};

/// Loads a scenario file: merges its includes, applies the overrides in order, validates
/// everything and builds the Scenario. Scenario::name is the `name` key or the file's stem;
/// Scenario::sourceText is the merged document as flat TOML (no includes), from which
/// loadScenarioText() rebuilds an identical Scenario.
LoadResult loadScenarioFile(const std::filesystem::path& file, std::span<const Override> overrides = {});

/// As loadScenarioFile, from text in memory. fileName is used in diagnostics, for the default
/// name (its stem) and to resolve includes (relative to its folder; to the working directory
/// when it has none).
LoadResult loadScenarioText(std::string_view text, const std::string& fileName,
                            std::span<const Override> overrides = {});

/// The first half of loadScenarioText: the document of `text` with its includes merged (an
/// overlay, a base scenario), not yet checked against the schema. Errors are syntax and include
/// problems; after one the document is incomplete. For readers that compose documents, as a
/// sweep composes a base and overlays for each point without reading them again.
DocNode readScenarioDocument(std::string_view text, const std::string& fileName, std::vector<Diagnostic>& errors);

/// The second half: the Scenario of a document whose includes are merged (readScenarioDocument,
/// perhaps mergeInto() other documents): overrides, validation, the Scenario, its flat text.
/// fileName stands for the document in diagnostics and gives the default name.
LoadResult loadScenarioDocument(DocNode document, const std::string& fileName, std::span<const Override> overrides = {});

/// Checks an override on its own, as the loader checks it before applying it: its key path, its
/// value's TOML, and the value against the key's rule (type, unit, range; a number without the
/// unit of a dimensioned key is an error). What depends on the scenario (a unit's id, cross-key
/// rules) is checked when it is applied. Diagnostics are located at the override's origin.
std::vector<Diagnostic> checkOverride(const Override& override);

/// The scenario format's key table (scenario_schema.cpp): validation, key paths, docs.
const Schema& scenarioSchema();

/// Every key of the scenario format, tables included, in documentation order. The span stays
/// valid for the life of the program.
std::span<const KeyDoc> scenarioKeys();

/// Checks a concrete key path ("units.patrol.offset", "traffic.scripted[0].speed") against the
/// schema only (not against a document). nullopt when the path names a schema key; otherwise a
/// hint for a Diagnostic (`did you mean "units.patrol.offset"?`), empty when nothing is close.
std::optional<std::string> checkKeyPath(std::string_view path);

}  // namespace sim::io
