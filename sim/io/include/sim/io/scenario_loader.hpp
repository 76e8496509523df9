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
#include "sim/scenario.hpp"

/// Scenario files: TOML in, a validated sim::Scenario (SI units) or a list of Diagnostics out.
///
/// Every key, its unit, default and range is in scenarioKeys() and in scenarios/README.md (a test
/// keeps the two together). The loader never throws on bad input and never crashes on it:
/// malformed, binary, truncated, huge or deeply nested files give Diagnostics. Files are capped at
/// kMaxFileBytes and nesting at kMaxDepth. All functions are pure apart from reading the named
/// files, and safe to call from several threads at once.
namespace sim::io {

inline constexpr std::size_t kMaxFileBytes = 4u << 20;  ///< per file, includes counted separately
inline constexpr int kMaxDepth = 64;                    ///< tables/arrays/dotted keys nested
inline constexpr int kMaxIncludeDepth = 16;             ///< include chains longer than this fail
inline constexpr std::size_t kMaxValues = 200000;       ///< TOML values in one merged document

/// One value set from outside the file, after includes are merged: how the batch runner applies
/// a sweep axis to a base scenario.
struct Override {
    std::string path;        ///< a key path: "road.lane_width", "units.patrol.offset",
                             ///< "people.officer-1.script[1].dwell" (array indices 0-based)
    std::string value;       ///< a TOML value literal: "\"3 ft\"", "0.5", "true", "\"night\"",
                             ///< "[1200, 900]", "{ median = 1.2, sigma = 0.4 }"
    SourceLocation origin;   ///< where the override was written (a sweep file); every error in
                             ///< the override, including its value's validation, is located here
};

/// The outcome of a load: a Scenario exactly when there are no errors.
struct LoadResult {
    std::optional<sim::Scenario> scenario;
    std::vector<Diagnostic> errors;   ///< every problem found, sorted by file, line and column
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

/// The schema entry of one key, for documentation, sweep-axis validation and "did you mean".
struct KeyDoc {
    std::string path;          ///< "road.lane_width", "units.*.offset", "people.*.script[].dwell";
                               ///< `*` is a named entry (a unit id, a vehicle kind), `[]` an array item
    std::string type;          ///< "length", "speed", "integer", "boolean", "string", "choice",
                               ///< "table", "table of named tables", "array of tables", …
    std::string unit;          ///< display unit ("m", "veh/h"), empty when there is none
    std::string defaultValue;  ///< a TOML literal (`"12 ft"`, `2`, `true`) or a description
    std::string range;         ///< "2.5–5 m", "≥ 0", "day | dusk | night | night-lit", …
    std::string meaning;       ///< one sentence
};

/// Every key of the scenario format, tables included, in documentation order. The span stays
/// valid for the life of the program.
std::span<const KeyDoc> scenarioKeys();

/// Checks a concrete key path ("units.patrol.offset", "traffic.scripted[0].speed") against the
/// schema only (not against a document). nullopt when the path names a schema key; otherwise a
/// hint for a Diagnostic (`did you mean "units.patrol.offset"?`), empty when nothing is close.
std::optional<std::string> checkKeyPath(std::string_view path);

}  // namespace sim::io
