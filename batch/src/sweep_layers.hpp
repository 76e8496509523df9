// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "batch/sweep.hpp"
#include "sim/io/document.hpp"

/// What the parts of the sweep loader share: where they report, and the scenario documents a
/// sweep composes its points from.
namespace batch::detail {

/// Every error and note found while a sweep is loaded, located in the file that holds it.
struct Findings {
    std::vector<sim::io::Diagnostic> errors;
    std::vector<sim::io::Diagnostic> notes;

    void error(sim::io::SourceLocation where, std::string key, std::string expected, std::string found, std::string hint = "") {
        errors.push_back({std::move(where), std::move(key), std::move(expected), std::move(found), std::move(hint)});
    }
    bool ok() const { return errors.empty(); }
};

/// A value as messages about sweep files show it: a string quoted, a number or boolean as
/// written, "a table", "an array".
std::string shown(const sim::io::DocNode& value);

/// The base scenario and the overlays of a sweep, each read and parsed once (includes merged), and
/// merged anew for each point: a sweep of 324 points reads its 8 files once, not 324 times.
class ScenarioLayers {
public:
    /// `folder`: the sweep file's, against which the files it names are resolved.
    explicit ScenarioLayers(std::filesystem::path folder) : folder_(std::move(folder)) {}

    /// Reads and loads the base scenario (`file` as the sweep names it, at `where`): Sweep::baseText
    /// and the ids of its units and people. False, with errors, when it does not load.
    bool readBase(const std::string& file, const sim::io::SourceLocation& where, Sweep& sweep, Findings& findings);
    /// Reads an overlay the first time an axis names it (Sweep::overlays gets its text, in order of
    /// first use) and adds the ids of the units and people it adds. False, with errors, when it
    /// cannot be read or parsed.
    bool readOverlay(const std::string& file, const sim::io::SourceLocation& where, const std::string& key, Sweep& sweep,
                     Findings& findings);

    /// The base scenario's description (empty before readBase()).
    const std::string& baseDescription() const { return baseDescription_; }

    /// Ids of the units and people of the base and of the overlays read so far: those axis keys
    /// may name ("units.blocker.gap").
    const std::set<std::string>& unitIds() const { return unitIds_; }
    const std::set<std::string>& personIds() const { return personIds_; }

    /// The document of a point: the base, then each overlay in order, merged (later files win),
    /// as if a file `pointFile` held include = [base, overlays…]. Not yet validated.
    sim::io::DocNode compose(const std::vector<std::string>& overlays, const std::string& pointFile) const;

private:
    /// The path of a file named in the sweep, as the loader names it in diagnostics.
    std::string pathOf(const std::string& file) const { return (folder_ / file).lexically_normal().string(); }
    std::optional<sim::io::DocNode> read(const std::string& file, const sim::io::SourceLocation& where, const std::string& key,
                                         const std::string& expected, std::string& text, Findings& findings) const;
    void addIds(const sim::io::DocNode& document);

    std::filesystem::path folder_;
    sim::io::DocNode base_;
    std::string baseDescription_;
    std::map<std::string, sim::io::DocNode> overlays_;  ///< by file as written
    std::set<std::string> unitIds_;
    std::set<std::string> personIds_;
};

}  // namespace batch::detail
