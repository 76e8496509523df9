// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] resolving includes, [2] overrides, [3] the public functions.
// The pipeline: parse (document.cpp) -> merge includes -> apply overrides -> schema check
// (validate.cpp, against scenario_schema.cpp) -> bound keys and cross-key rules: the Scenario
// (scenario_builder.cpp) -> flattened source text.
#include "sim/io/scenario_loader.hpp"

#include <algorithm>
#include <new>

#include "scenario_builder.hpp"
#include "sim/io/text.hpp"

namespace sim::io {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxIncludedFiles = 256;  // diamonds of includes grow exponentially
constexpr std::size_t kMaxOverrideBytes = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// [1] Includes
// ---------------------------------------------------------------------------------------------

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
        DocNode doc = parseDocument(text, fileName, errors_);
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
            scenarioSchema().validateValue(include->value, *scenarioSchema().find("include"), "include", errors_);
            if (errors_.size() == before)
                for (const DocNode& item : include->value.items)
                    mergeInto(merged, loadIncluded(fs::path(fileName).parent_path() / item.text, item.where, depth + 1));
            doc.members.erase(include);
        }
        mergeInto(merged, std::move(doc));
        return merged;
    }

    DocNode loadIncluded(const fs::path& rawPath, const SourceLocation& includedAt, int depth) {
        const fs::path path = rawPath.lexically_normal();
        const std::string name = path.string();
        if (depth > kMaxIncludeDepth || ++filesLoaded_ > kMaxIncludedFiles) {
            error(includedAt, "include",
                  "includes nested at most " + std::to_string(kMaxIncludeDepth) + " deep and at most " +
                      std::to_string(kMaxIncludedFiles) + " files",
                  "more, at " + quote(name));
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
        const std::optional<std::string> text = readInputFile(path, problem);
        if (!text) {
            error(includedAt, "include", "a readable file", quote(name) + ": " + problem);
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

/// An override's value parsed and checked on its own, as typed by a person (ValueSource::Typed),
/// with every diagnostic located at its origin; nullopt after an error.
class OverrideValue {
public:
    OverrideValue(const Override& o, std::vector<Diagnostic>& errors) : o_(o), errors_(errors) {}

    std::optional<DocNode> check() {
        resolved_ = resolveKeyPath(scenarioSchema(), o_.path);
        if (!resolved_.ok()) {
            fail("a key of the scenario format (scenarios/README.md)", *resolved_.error, resolved_.hint);
            return std::nullopt;
        }
        if (o_.path == "include") {
            fail("a key other than include", "include (includes are merged before overrides apply)", "");
            return std::nullopt;
        }
        std::optional<DocNode> value = parse();
        if (!value) return std::nullopt;
        relocate(*value, o_.origin);
        const std::size_t before = errors_.size();
        scenarioSchema().validateValue(*value, *resolved_.rules.back(), o_.path, errors_, nullptr, ValueSource::Typed);
        if (errors_.size() != before) return std::nullopt;
        return value;
    }

    const ResolvedPath& resolved() const { return resolved_; }

private:
    void fail(std::string expected, std::string found, std::string hint) {
        errors_.push_back({o_.origin, o_.path, std::move(expected), std::move(found), std::move(hint)});
    }

    std::optional<DocNode> parse() {
        if (o_.value.size() > kMaxOverrideBytes) {
            fail("a value of at most 64 KiB", std::to_string(o_.value.size()) + " bytes", "");
            return std::nullopt;
        }
        std::vector<Diagnostic> parseErrors;
        DocNode doc = parseDocument("value = " + o_.value, o_.origin.file, parseErrors);
        const std::string literalHelp = "a TOML value such as \"3 ft\", 0.5, true or \"night\"";
        if (!parseErrors.empty()) {
            fail(literalHelp, quote(abbreviated(o_.value)) + " (" + parseErrors.front().found + ")", unquotedHint());
            return std::nullopt;
        }
        // "1\nroad.lanes = 3" parses, but is two values: one key only.
        if (doc.members.size() != 1 || doc.members.front().key != "value") {
            fail(literalHelp, quote(abbreviated(o_.value)) + ", which is more than one value", "");
            return std::nullopt;
        }
        return std::move(doc.members.front().value);
    }

    /// 3 ft without quotes (a shell ate them) is a quantity written as a TOML string.
    std::string unquotedHint() const {
        const KeyRule& rule = *resolved_.rules.back();
        const bool quantity = rule.type == ValueType::Quantity || rule.type == ValueType::QuantityOrList;
        if (!quantity || !parseQuantity(o_.value, rule.dimension).value) return "";
        const std::string literal = quote(o_.value);
        return "a quantity is a TOML string: " + (o_.origin.line > 0 ? literal : o_.path + "='" + literal + "'");
    }

    const Override& o_;
    std::vector<Diagnostic>& errors_;
    ResolvedPath resolved_;
};

class OverrideApplier {
public:
    OverrideApplier(DocNode& root, const Override& o, std::vector<Diagnostic>& errors)
        : root_(root), o_(o), errors_(errors) {}

    void apply() {
        OverrideValue checked(o_, errors_);
        std::optional<DocNode> value = checked.check();
        if (!value) return;
        setAt(*splitKeyPath(o_.path), checked.resolved().rules, std::move(*value));
    }

private:
    void fail(std::string expected, std::string found, std::string hint) {
        errors_.push_back({o_.origin, o_.path, std::move(expected), std::move(found), std::move(hint)});
    }

    // Walks the path, creating plain tables on the way; named units and people must exist.
    void setAt(const std::vector<PathSegment>& segments, const std::vector<const KeyRule*>& rules, DocNode value) {
        DocNode* node = &root_;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const PathSegment& segment = segments[i];
            const bool last = i + 1 == segments.size();
            if (!node->isTable()) {
                fail("a table at " + prefix(segments, i), describe(*node), "");
                return;
            }
            DocNode* child = node->find(segment.key);
            if (!child) {
                const KeyRule* parentRule = i > 0 ? rules[i - 1] : nullptr;
                if (parentRule && parentRule->type == ValueType::Named && parentRule->choices.empty()) {
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
                mergeInto(*child, std::move(value));
                return;
            }
            node = child;
        }
    }

    void missingEntry(const DocNode& table, const std::string& id, const std::string& tablePath) {
        std::vector<std::string_view> ids;
        for (const DocMember& m : table.members) ids.push_back(m.key);
        const auto close = closestMatch(id, ids);
        const std::string what = tablePath == "people" ? "a person" : "a unit";
        fail("the id of " + what + " in the scenario (" + joinNames(ids, ", ") + ")", quote(id),
             close ? didYouMean(*close) : "");
    }

    static std::string prefix(const std::vector<PathSegment>& segments, std::size_t count) {
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

void sortDiagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.where.file != b.where.file) return a.where.file < b.where.file;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                  [](const Diagnostic& a, const Diagnostic& b) { return a.message() == b.message(); }),
                      diagnostics.end());
}

/// The merged document as flat TOML, with the name written out so the text stands alone.
std::string sourceTextOf(DocNode doc, const std::string& name) {
    if (!doc.find("name")) {
        DocNode value;
        value.kind = DocNode::Kind::String;
        value.text = name;
        doc.members.insert(doc.members.begin(), DocMember{"name", {}, std::move(value)});
    }
    return writeToml(doc);
}

std::optional<Scenario> scenarioOf(DocNode doc, const std::string& fileName, std::span<const Override> overrides,
                                   std::vector<Diagnostic>& errors, std::vector<Diagnostic>& notes) {
    for (const Override& o : overrides) OverrideApplier(doc, o, errors).apply();
    if (countValues(doc) > kMaxValues) {
        errors.push_back({{fileName, 0, 0}, "", "at most " + std::to_string(kMaxValues) + " values", "more, with includes", ""});
        return std::nullopt;
    }
    scenarioSchema().validate(doc, errors, &notes);
    Scenario scenario = detail::buildScenario(doc, fileName, errors);
    if (!errors.empty()) return std::nullopt;
    scenario.sourceText = sourceTextOf(std::move(doc), scenario.name);
    return scenario;
}

/// Runs a load, turning anything thrown into a diagnostic, and orders the diagnostics.
template <typename Load> LoadResult guarded(const std::string& fileName, Load&& load) {
    LoadResult result;
    try {
        result.scenario = load(result.errors, result.notes);
    } catch (const std::bad_alloc&) {
        result.errors.push_back({{fileName, 0, 0}, "", "a document that fits in memory", "out of memory", ""});
    } catch (const std::exception& e) {
        // Not expected: bad input is reported, not thrown. Kept so a bug never takes a sweep down.
        result.errors.push_back({{fileName, 0, 0}, "", "", std::string("internal error: ") + e.what(), ""});
    }
    if (!result.errors.empty()) result.scenario.reset();
    sortDiagnostics(result.errors);
    sortDiagnostics(result.notes);
    return result;
}

}  // namespace

DocNode readScenarioDocument(std::string_view text, const std::string& fileName, std::vector<Diagnostic>& errors) {
    return DocumentLoader(errors).load(text, fileName);
}

LoadResult loadScenarioDocument(DocNode document, const std::string& fileName, std::span<const Override> overrides) {
    return guarded(fileName, [&](std::vector<Diagnostic>& errors, std::vector<Diagnostic>& notes) {
        return scenarioOf(std::move(document), fileName, overrides, errors, notes);
    });
}

LoadResult loadScenarioText(std::string_view text, const std::string& fileName, std::span<const Override> overrides) {
    return guarded(fileName, [&](std::vector<Diagnostic>& errors, std::vector<Diagnostic>& notes) -> std::optional<Scenario> {
        DocNode doc = DocumentLoader(errors).load(text, fileName);
        // After a syntax or include error the document is incomplete; checking it would only
        // add confusing follow-on errors.
        if (!errors.empty()) return std::nullopt;
        return scenarioOf(std::move(doc), fileName, overrides, errors, notes);
    });
}

LoadResult loadScenarioFile(const std::filesystem::path& file, std::span<const Override> overrides) {
    const std::string fileName = file.string();
    std::string problem;
    const std::optional<std::string> text = readInputFile(file, problem);
    if (!text) {
        LoadResult result;
        result.errors.push_back({{fileName, 0, 0}, "", "a readable scenario file", problem, ""});
        return result;
    }
    return loadScenarioText(*text, fileName, overrides);
}

std::vector<Diagnostic> checkOverride(const Override& override) {
    std::vector<Diagnostic> errors;
    OverrideValue(override, errors).check();
    sortDiagnostics(errors);
    return errors;
}

std::span<const KeyDoc> scenarioKeys() { return scenarioSchema().docs(); }

std::optional<std::string> checkKeyPath(std::string_view path) {
    ResolvedPath resolved = resolveKeyPath(scenarioSchema(), path);
    if (resolved.ok()) return std::nullopt;
    return std::move(resolved.hint);
}

}  // namespace sim::io
