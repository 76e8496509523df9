// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] reading files and resolving includes, [2] overrides, [3] the public functions.
// The pipeline: parse (document.cpp) -> merge includes -> apply overrides -> schema check
// (validate.cpp) -> cross-key check and Scenario (scenario_builder.cpp) -> flattened source text.
#include "sim/io/scenario_loader.hpp"

#include <algorithm>
#include <fstream>
#include <new>

#include "document.hpp"
#include "scenario_builder.hpp"
#include "schema.hpp"
#include "text_util.hpp"
#include "validate.hpp"

namespace sim::io {
namespace {

namespace fs = std::filesystem;
using detail::DocMember;
using detail::DocNode;

constexpr std::size_t kMaxIncludedFiles = 256;  // diamonds of includes grow exponentially
constexpr std::size_t kMaxOverrideBytes = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// [1] Files and includes
// ---------------------------------------------------------------------------------------------

/// Reads a regular file of at most kMaxFileBytes; otherwise nullopt and `problem` says why.
std::optional<std::string> readFile(const fs::path& path, std::string& problem) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        problem = "no such file";
        return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
        problem = "not a regular file";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem = "a file that cannot be opened";
        return std::nullopt;
    }
    // Read in chunks rather than trusting the size: /proc files report 0, files grow.
    std::string text;
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxFileBytes) {
            problem = "more than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
            return std::nullopt;
        }
    }
    return text;
}

/// A file's identity for cycle detection: its canonical path where it exists.
std::string identity(const fs::path& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    return ec ? fs::absolute(path, ec).lexically_normal().string() : canonical.string();
}

class DocumentLoader {
public:
    explicit DocumentLoader(std::vector<Diagnostic>& errors) : errors_(errors) {}

    /// The document of `text` with every include merged in.
    DocNode load(std::string_view text, const std::string& fileName) {
        chain_.push_back({identity(fileName), fileName});
        DocNode doc = parse(text, fileName);
        DocNode merged = resolveIncludes(std::move(doc), fileName, 0);
        chain_.pop_back();
        return merged;
    }

private:
    struct Link {
        std::string identity;
        std::string name;
    };

    void error(const SourceLocation& where, std::string key, std::string expected, std::string found) {
        errors_.push_back({where, std::move(key), std::move(expected), std::move(found), ""});
    }

    DocNode parse(std::string_view text, const std::string& fileName) {
        const std::size_t before = errors_.size();
        DocNode doc = detail::parseDocument(text, fileName, errors_);
        if (errors_.size() == before && doc.members.empty())
            error({fileName, 1, 1}, "", "at least one key", "an empty document");
        return doc;
    }

    DocNode resolveIncludes(DocNode doc, const std::string& fileName, int depth) {
        DocNode merged;
        merged.where = doc.where;
        const auto include = std::find_if(doc.members.begin(), doc.members.end(),
                                          [](const DocMember& m) { return m.key == "include"; });
        if (include != doc.members.end()) {
            const std::size_t before = errors_.size();
            detail::validateValue(include->value, *detail::Schema::instance().find("include"), "include", errors_);
            if (errors_.size() == before)
                for (const DocNode& item : include->value.items)
                    detail::mergeInto(merged, loadIncluded(fs::path(fileName).parent_path() / item.text, item.where, depth + 1));
            doc.members.erase(include);
        }
        detail::mergeInto(merged, std::move(doc));
        return merged;
    }

    DocNode loadIncluded(const fs::path& rawPath, const SourceLocation& includedAt, int depth) {
        const fs::path path = rawPath.lexically_normal();
        const std::string name = path.string();
        if (depth > kMaxIncludeDepth || ++filesLoaded_ > kMaxIncludedFiles) {
            error(includedAt, "include",
                  "includes nested at most " + std::to_string(kMaxIncludeDepth) + " deep and at most " +
                      std::to_string(kMaxIncludedFiles) + " files",
                  "more, at " + detail::quote(name));
            return {};
        }
        const std::string id = identity(path);
        const auto loop = std::find_if(chain_.begin(), chain_.end(), [&](const Link& l) { return l.identity == id; });
        if (loop != chain_.end()) {
            std::string cycle;
            for (auto it = loop; it != chain_.end(); ++it) cycle += it->name + " → ";
            error(includedAt, "include", "a file that does not include itself, directly or not", "the cycle " + cycle + name);
            return {};
        }
        std::string problem;
        const std::optional<std::string> text = readFile(path, problem);
        if (!text) {
            error(includedAt, "include", "a readable file", detail::quote(name) + ": " + problem);
            return {};
        }
        chain_.push_back({id, name});
        DocNode doc = parse(*text, name);
        DocNode merged = resolveIncludes(std::move(doc), name, depth);
        chain_.pop_back();
        return merged;
    }

    std::vector<Diagnostic>& errors_;
    std::vector<Link> chain_;
    std::size_t filesLoaded_ = 0;
};

// ---------------------------------------------------------------------------------------------
// [2] Overrides
// ---------------------------------------------------------------------------------------------

class OverrideApplier {
public:
    OverrideApplier(DocNode& root, const Override& o, std::vector<Diagnostic>& errors)
        : root_(root), o_(o), errors_(errors) {}

    void apply() {
        const detail::ResolvedPath resolved = detail::resolveKeyPath(o_.path);
        if (!resolved.ok()) {
            fail("a key of the scenario format (scenarios/README.md)", *resolved.error, resolved.hint);
            return;
        }
        if (o_.path == "include") {
            fail("a key other than include", "include (includes are merged before overrides apply)", "");
            return;
        }
        std::optional<DocNode> value = parseValue();
        if (!value) return;
        detail::relocate(*value, o_.origin);
        setAt(*detail::splitKeyPath(o_.path), resolved.rules, std::move(*value));
    }

private:
    void fail(std::string expected, std::string found, std::string hint) {
        errors_.push_back({o_.origin, o_.path, std::move(expected), std::move(found), std::move(hint)});
    }

    std::optional<DocNode> parseValue() {
        if (o_.value.size() > kMaxOverrideBytes) {
            fail("a value of at most 64 KiB", std::to_string(o_.value.size()) + " bytes", "");
            return std::nullopt;
        }
        std::vector<Diagnostic> parseErrors;
        DocNode doc = detail::parseDocument("value = " + o_.value, o_.origin.file, parseErrors);
        const std::string literalHelp = "a TOML value such as \"3 ft\", 0.5, true or \"night\"";
        if (!parseErrors.empty()) {
            fail(literalHelp, detail::quote(detail::abbreviated(o_.value)) + " (" + parseErrors.front().found + ")", "");
            return std::nullopt;
        }
        // "1\nroad.lanes = 3" parses, but is two values: one key only.
        if (doc.members.size() != 1 || doc.members.front().key != "value") {
            fail(literalHelp, detail::quote(detail::abbreviated(o_.value)) + ", which is more than one value", "");
            return std::nullopt;
        }
        return std::move(doc.members.front().value);
    }

    // Walks the path, creating plain tables on the way; named units and people must exist.
    void setAt(const std::vector<detail::PathSegment>& segments, const std::vector<const detail::KeyRule*>& rules, DocNode value) {
        DocNode* node = &root_;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const detail::PathSegment& segment = segments[i];
            const bool last = i + 1 == segments.size();
            if (!node->isTable()) {
                fail("a table at " + prefix(segments, i), describe(*node), "");
                return;
            }
            DocNode* child = node->find(segment.key);
            if (!child) {
                const detail::KeyRule* parentRule = i > 0 ? rules[i - 1] : nullptr;
                if (parentRule && parentRule->type == detail::ValueType::Named && parentRule->choices.empty()) {
                    missingEntry(*node, segment.key, parentRule->path);
                    return;
                }
                if (segment.index) {
                    fail("an existing array " + prefix(segments, i + 1), "no such array", "");
                    return;
                }
                DocNode created;
                created.where = o_.origin;
                node->members.push_back({segment.key, o_.origin, last ? std::move(value) : std::move(created)});
                if (last) return;
                child = &node->members.back().value;
            }
            if (segment.index) {
                if (!child->isArray() || *segment.index >= child->items.size()) {
                    fail("an index below " + std::to_string(child->isArray() ? child->items.size() : 0), std::to_string(*segment.index),
                         "");
                    return;
                }
                child = &child->items[*segment.index];
            }
            if (last) {
                detail::mergeInto(*child, std::move(value));
                return;
            }
            node = child;
        }
    }

    void missingEntry(const DocNode& table, const std::string& id, const std::string& tablePath) {
        std::vector<std::string_view> ids;
        for (const DocMember& m : table.members) ids.push_back(m.key);
        const auto close = detail::closestMatch(id, ids);
        const std::string what = tablePath == "people" ? "a person" : "a unit";
        fail("the id of " + what + " in the scenario (" + detail::joinNames(ids, ", ") + ")", detail::quote(id),
             close ? detail::didYouMean(*close) : "");
    }

    static std::string prefix(const std::vector<detail::PathSegment>& segments, std::size_t count) {
        std::string out;
        for (std::size_t i = 0; i < count && i < segments.size(); ++i) out += (i ? "." : "") + segments[i].key;
        return out;
    }

    DocNode& root_;
    const Override& o_;
    std::vector<Diagnostic>& errors_;
};

// ---------------------------------------------------------------------------------------------
// [3] The pipeline
// ---------------------------------------------------------------------------------------------

void sortErrors(std::vector<Diagnostic>& errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.where.file != b.where.file) return a.where.file < b.where.file;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    errors.erase(std::unique(errors.begin(), errors.end(),
                             [](const Diagnostic& a, const Diagnostic& b) { return a.message() == b.message(); }),
                 errors.end());
}

/// The merged document as flat TOML, with the name written out so the text stands alone.
std::string sourceTextOf(DocNode doc, const std::string& name) {
    if (!doc.find("name")) {
        DocNode value;
        value.kind = DocNode::Kind::String;
        value.text = name;
        doc.members.insert(doc.members.begin(), DocMember{"name", {}, std::move(value)});
    }
    return detail::writeToml(doc);
}

std::optional<Scenario> scenarioOf(DocNode doc, const std::string& fileName, std::span<const Override> overrides,
                                   std::vector<Diagnostic>& errors) {
    for (const Override& o : overrides) OverrideApplier(doc, o, errors).apply();
    if (detail::countValues(doc) > kMaxValues) {
        errors.push_back({{fileName, 0, 0}, "", "at most " + std::to_string(kMaxValues) + " values", "more, with includes", ""});
        return std::nullopt;
    }
    detail::validateDocument(doc, errors);
    Scenario scenario = detail::buildScenario(doc, fileName, errors);
    if (!errors.empty()) return std::nullopt;
    scenario.sourceText = sourceTextOf(std::move(doc), scenario.name);
    return scenario;
}

/// Runs a load, turning anything thrown into a diagnostic, and orders the diagnostics.
template <typename Load> LoadResult guarded(const std::string& fileName, Load&& load) {
    LoadResult result;
    try {
        result.scenario = load(result.errors);
    } catch (const std::bad_alloc&) {
        result.errors.push_back({{fileName, 0, 0}, "", "a document that fits in memory", "out of memory", ""});
    } catch (const std::exception& e) {
        // Not expected: bad input is reported, not thrown. Kept so a bug never takes a sweep down.
        result.errors.push_back({{fileName, 0, 0}, "", "", std::string("internal error: ") + e.what(), ""});
    }
    if (!result.errors.empty()) result.scenario.reset();
    sortErrors(result.errors);
    return result;
}

}  // namespace

LoadResult loadScenarioText(std::string_view text, const std::string& fileName, std::span<const Override> overrides) {
    return guarded(fileName, [&](std::vector<Diagnostic>& errors) -> std::optional<Scenario> {
        DocNode doc = DocumentLoader(errors).load(text, fileName);
        // After a syntax or include error the document is incomplete; checking it would only
        // add confusing follow-on errors.
        if (!errors.empty()) return std::nullopt;
        return scenarioOf(std::move(doc), fileName, overrides, errors);
    });
}

LoadResult loadScenarioFile(const std::filesystem::path& file, std::span<const Override> overrides) {
    const std::string fileName = file.string();
    std::string problem;
    const std::optional<std::string> text = readFile(file, problem);
    if (!text) {
        LoadResult result;
        result.errors.push_back({{fileName, 0, 0}, "", "a readable scenario file", problem, ""});
        return result;
    }
    return loadScenarioText(*text, fileName, overrides);
}

std::span<const KeyDoc> scenarioKeys() { return detail::Schema::instance().docs(); }

std::optional<std::string> checkKeyPath(std::string_view path) {
    detail::ResolvedPath resolved = detail::resolveKeyPath(path);
    if (resolved.ok()) return std::nullopt;
    return std::move(resolved.hint);
}

}  // namespace sim::io
