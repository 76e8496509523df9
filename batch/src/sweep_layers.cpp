// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sweep_layers.hpp"

#include "sim/io/scenario_loader.hpp"
#include "sim/io/text.hpp"

namespace batch::detail {

using sim::io::DocNode;

std::string shown(const DocNode& value) {
    if (value.isTable()) return "a table";
    if (value.isArray()) return "an array";
    return value.kind == DocNode::Kind::String ? sim::io::quote(value.text) : sim::io::tomlLiteral(value);
}

std::optional<DocNode> ScenarioLayers::read(const std::string& file, const sim::io::SourceLocation& where, const std::string& key,
                                            const std::string& expected, std::string& text, Findings& findings) const {
    const std::string path = pathOf(file);
    std::string problem;
    std::optional<std::string> read = sim::io::readInputFile(path, problem);
    if (!read) {
        findings.error(where, key, expected + " (relative to the sweep file)",
                       sim::io::quote(file) + ": " + problem + (problem == "no such file" ? " " + sim::io::quote(path) : ""));
        return std::nullopt;
    }
    text = std::move(*read);
    const std::size_t before = findings.errors.size();
    DocNode document = sim::io::readScenarioDocument(text, path, findings.errors);
    if (findings.errors.size() != before) return std::nullopt;
    return document;
}

void ScenarioLayers::addIds(const DocNode& document) {
    const auto add = [&document](std::string_view table, std::set<std::string>& ids) {
        if (const DocNode* entries = document.find(table); entries && entries->isTable())
            for (const sim::io::DocMember& m : entries->members) ids.insert(m.key);
    };
    add("units", unitIds_);
    add("people", personIds_);
}

bool ScenarioLayers::readBase(const std::string& file, const sim::io::SourceLocation& where, Sweep& sweep, Findings& findings) {
    std::string text;
    std::optional<DocNode> document = read(file, where, "base", "a readable scenario file", text, findings);
    if (!document) return false;
    // Alone, the base must load: its flat text is what the manifest records.
    sim::io::LoadResult base = sim::io::loadScenarioDocument(*document, pathOf(file));
    findings.notes.insert(findings.notes.end(), base.notes.begin(), base.notes.end());
    if (!base.ok()) {
        findings.errors.insert(findings.errors.end(), base.errors.begin(), base.errors.end());
        return false;
    }
    sweep.baseText = base.scenario->sourceText;
    baseDescription_ = base.scenario->description;
    base_ = std::move(*document);
    addIds(base_);
    return true;
}

bool ScenarioLayers::readOverlay(const std::string& file, const sim::io::SourceLocation& where, const std::string& key, Sweep& sweep,
                                 Findings& findings) {
    if (overlays_.count(file) != 0) return true;
    std::string text;
    std::optional<DocNode> document = read(file, where, key, "a readable overlay file", text, findings);
    if (!document) return false;
    addIds(*document);
    overlays_.emplace(file, std::move(*document));
    sweep.overlays.emplace_back(file, std::move(text));
    return true;
}

DocNode ScenarioLayers::compose(const std::vector<std::string>& overlays, const std::string& pointFile) const {
    DocNode merged;
    merged.where = {pointFile, 1, 1};
    sim::io::mergeInto(merged, DocNode(base_));
    for (const std::string& file : overlays) sim::io::mergeInto(merged, DocNode(overlays_.at(file)));
    return merged;
}

}  // namespace batch::detail
