// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] ranges and expectations, [2] building key tables, [3] the schema: lookups, docs
// and applying bound values, [4] key paths. Validation is validate.cpp.
#include "sim/io/schema.hpp"

#include <algorithm>
#include <cstdio>

#include "sim/io/text.hpp"
#include "sim/units.hpp"

namespace sim::io {

// ---------------------------------------------------------------------------------------------
// [1] Ranges and expectations
// ---------------------------------------------------------------------------------------------

bool Range::contains(double v) const {
    if (!std::isfinite(v)) return false;
    const bool aboveLo = loOpen ? v > lo : v >= lo;
    const bool belowHi = hiOpen ? v < hi : v <= hi;
    return aboveLo && belowHi;
}

namespace {

template <class Show> std::string boundsText(const Range& r, std::string_view unit, Show show) {
    const bool hasLo = r.lo > -Range::kHuge;
    const bool hasHi = r.hi < Range::kHuge;
    std::string out;
    if (hasLo && hasHi && !r.loOpen && !r.hiOpen) {
        out = show(r.lo) + (r.lo < 0 ? " to " : "–") + show(r.hi);
    } else {
        if (hasLo) out = (r.loOpen ? "> " : "≥ ") + show(r.lo);
        if (hasHi) out += (out.empty() ? "" : ", ") + std::string(r.hiOpen ? "< " : "≤ ") + show(r.hi);
    }
    if (out.empty()) return "any";
    if (!unit.empty()) out += " " + std::string(unit);
    return out;
}

std::string scaled(const Range& r, double scale, std::string_view unit) {
    return boundsText(r, unit, [scale](double v) { return formatNumber(v / scale); });
}

}  // namespace

std::string Range::text(Dimension dimension) const {
    std::string out = scaled(*this, displayFactor(dimension), displayUnit(dimension));
    if (dimension == Dimension::Angle && out != "any") out += " (" + scaled(*this, units::kDegree, "deg") + ")";
    return out;
}

std::string Range::integerText() const {
    return boundsText(*this, "", [](double v) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.0f", v);
        return std::string(buffer);
    });
}

std::string_view KeyRule::parent() const {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? std::string_view{} : std::string_view(path).substr(0, dot);
}

std::string_view KeyRule::name() const {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? std::string_view(path) : std::string_view(path).substr(dot + 1);
}

namespace {

/// "a length" and "2.5–5 m" -> "a length in 2.5–5 m"; and "≥ 0 m" -> "a length ≥ 0 m".
std::string within(std::string what, const std::string& bounds) {
    const bool inequality = bounds.rfind("≥", 0) == 0 || bounds.rfind("≤", 0) == 0 || bounds[0] == '>' || bounds[0] == '<';
    return what + (inequality ? " " : " in ") + bounds;
}

}  // namespace

std::string KeyRule::expectation() const {
    switch (type) {
    case ValueType::Table:
    case ValueType::Named:
    case ValueType::Map: return "a table";
    case ValueType::TableArray: return "an array of tables";
    case ValueType::Quantity:
    case ValueType::QuantityOrList: {
        std::string out = dimensionWithArticle(dimension);
        const std::string bounds = range.text(dimension);
        if (bounds != "any") out = within(out, bounds);
        else if (!displayUnit(dimension).empty()) out += " (" + std::string(displayUnit(dimension)) + ")";
        return type == ValueType::QuantityOrList ? out + ", or an array of them" : out;
    }
    case ValueType::Integer: {
        const std::string bounds = range.integerText();
        return bounds == "any" ? "an integer" : within("an integer", bounds);
    }
    case ValueType::Boolean: return "true or false";
    case ValueType::Text: return "a string";
    case ValueType::Reference: return "the id of a unit";
    case ValueType::Choice: return "one of " + joinNames(choices, ", ");
    case ValueType::Colour: return "a colour \"#RRGGBB\"";
    case ValueType::TextList: return "an array of strings";
    case ValueType::Any: return "a value";
    }
    return "a value";
}

// ---------------------------------------------------------------------------------------------
// [2] Building key tables
// ---------------------------------------------------------------------------------------------

std::string defaultLiteral(double si, std::string_view unit) {
    auto number = [](double v) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.10g", v);
        return std::string(buffer);
    };
    if (!unit.empty())
        for (const UnitInfo& u : knownUnits())
            if (u.symbol == unit) return "\"" + number(si / u.factor) + " " + std::string(unit) + "\"";
    return number(si);
}

KeyRule& KeyTable::add(std::string path, ValueType type, std::string def, std::string meaning) {
    KeyRule rule;
    rule.path = std::move(path);
    rule.type = type;
    rule.defaultLiteral = std::move(def);
    rule.meaning = std::move(meaning);
    rules_.push_back(std::move(rule));
    return rules_.back();
}

const KeyTable::Struct& KeyTable::structOf(std::string_view path) const {
    const auto found = structs_.find(std::string(path));
    SIM_ASSERT(found != structs_.end(), "a key bound to a field, in a table that is read into no struct");
    return found->second;
}

KeyRule& KeyTable::group(std::string path, std::string meaning) {
    KeyRule& rule = table(std::move(path), std::move(meaning));
    const Struct parent = structOf(rule.parent());
    rule.owner = parent.type;
    rule.into = parent.type;
    rule.enter = [](void* owner) { return owner; };
    structs_.insert_or_assign(rule.path, parent);
    return rule;
}

KeyRule& KeyTable::named(std::string path, std::vector<std::string_view> names, std::string meaning) {
    KeyRule& rule = add(std::move(path), ValueType::Named, "", std::move(meaning));
    rule.choices = std::move(names);
    return rule;
}

KeyRule& KeyTable::quantity(std::string path, Dimension dimension, Range range, std::string def, std::string meaning,
                            ValueType type) {
    KeyRule& rule = add(std::move(path), type, std::move(def), std::move(meaning));
    rule.dimension = dimension;
    rule.range = range;
    return rule;
}

KeyRule& KeyTable::integer(std::string path, Range range, std::string def, std::string meaning) {
    KeyRule& rule = add(std::move(path), ValueType::Integer, std::move(def), std::move(meaning));
    rule.range = range;
    return rule;
}

KeyRule& KeyTable::choice(std::string path, std::vector<std::string_view> choices, std::string def, std::string meaning) {
    KeyRule& rule = add(std::move(path), ValueType::Choice, std::move(def), std::move(meaning));
    rule.choices = std::move(choices);
    return rule;
}

// ---------------------------------------------------------------------------------------------
// [3] The schema
// ---------------------------------------------------------------------------------------------
namespace {

std::string typeText(const KeyRule& rule, const Schema& schema) {
    switch (rule.type) {
    case ValueType::Table: return "table";
    case ValueType::Named: {
        const KeyRule* child = schema.find(rule.path + ".*");
        return child && child->type == ValueType::Table ? "table of named tables" : "table of named numbers";
    }
    case ValueType::Map: return "table";
    case ValueType::TableArray: return "array of tables";
    case ValueType::Quantity: return std::string(dimensionName(rule.dimension));
    case ValueType::QuantityOrList: return std::string(dimensionName(rule.dimension)) + ", or array";
    case ValueType::Integer: return "integer";
    case ValueType::Boolean: return "boolean";
    case ValueType::Text: return "string";
    case ValueType::Reference: return "unit id";
    case ValueType::Choice: return "choice";
    case ValueType::Colour: return "colour";
    case ValueType::TextList: return "array of strings";
    case ValueType::Any: return "value";
    }
    return "value";
}

std::string rangeText(const KeyRule& rule) {
    std::string out;
    switch (rule.type) {
    case ValueType::Quantity:
    case ValueType::QuantityOrList: out = rule.range.text(rule.dimension); break;
    case ValueType::Integer: out = rule.range.integerText(); break;
    case ValueType::Choice: out = joinNames(rule.choices); break;
    case ValueType::Named: out = rule.choices.empty() ? "ids: letters, digits, - and _" : "keys: " + joinNames(rule.choices); break;
    case ValueType::Colour: out = "\"#RRGGBB\""; break;
    default: break;
    }
    if (out == "any") out.clear();
    if (!rule.rangeNote.empty()) out += (out.empty() ? "" : ", ") + rule.rangeNote;
    return out;
}

KeyDoc docOf(const KeyRule& rule, const Schema& schema) {
    std::string def = rule.defaultLiteral;
    if (!rule.defaultNote.empty()) def += (def.empty() ? "" : " (") + rule.defaultNote + (def.empty() ? "" : ")");
    const bool hasUnit = rule.type == ValueType::Quantity || rule.type == ValueType::QuantityOrList;
    return {rule.path, typeText(rule, schema), hasUnit ? std::string(displayUnit(rule.dimension)) : "", def, rangeText(rule), rule.meaning};
}

}  // namespace

Schema::Schema(std::vector<KeyRule> rules, std::string topLevel) : rules_(std::move(rules)), topLevel_(std::move(topLevel)) {
    for (std::size_t i = 0; i < rules_.size(); ++i) index_.emplace(rules_[i].path, i);
    for (const KeyRule& rule : rules_) {
        if (rule.name() != "*" && !rule.detached) children_[std::string(rule.parent())].push_back(&rule);
        docs_.push_back(docOf(rule, *this));
    }
}

const KeyRule* Schema::find(std::string_view schemaPath) const {
    const auto it = index_.find(std::string(schemaPath));
    return it == index_.end() ? nullptr : &rules_[it->second];
}

std::string Schema::childPath(std::string_view parentPath, std::string_view key) const {
    if (parentPath.empty()) return std::string(key);
    const KeyRule* parent = find(parentPath);
    if (parent && (parent->type == ValueType::Named || parent->type == ValueType::Map)) return std::string(parentPath) + ".*";
    return std::string(parentPath) + "." + std::string(key);
}

std::span<const KeyRule* const> Schema::childrenOf(std::string_view schemaPath) const {
    const auto it = children_.find(std::string(schemaPath));
    if (it == children_.end()) return {};
    return it->second;
}

std::vector<std::string_view> Schema::keysOf(std::string_view schemaPath) const {
    const KeyRule* table = find(schemaPath);
    if (table && table->type == ValueType::Named) return table->choices;
    std::vector<std::string_view> out;
    for (const KeyRule* rule : childrenOf(schemaPath)) out.push_back(rule->name());
    return out;
}

void Schema::apply(const DocNode& table, std::string_view schemaPath, void* owner, std::type_index type) const {
    for (const KeyRule* rule : childrenOf(schemaPath)) {
        if (!rule->bound()) continue;
        SIM_ASSERT(rule->owner == type, "a key table applied to a struct its keys are not bound to");
        const DocNode* value = table.find(rule->name());
        if (!value || !value->valid) continue;
        if (rule->enter) apply(*value, rule->path, rule->enter(owner), rule->into);
        else rule->set(owner, *value);
    }
}

bool isValidId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// ---------------------------------------------------------------------------------------------
// [4] Key paths
// ---------------------------------------------------------------------------------------------

std::optional<std::vector<PathSegment>> splitKeyPath(std::string_view path) {
    if (path.empty() || path.size() > 512) return std::nullopt;
    std::vector<PathSegment> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = std::min(path.find('.', start), path.size());
        std::string_view part = path.substr(start, dot - start);
        PathSegment segment;
        if (const auto open = part.find('['); open != std::string_view::npos) {
            if (part.back() != ']' || open + 2 > part.size() - 1) return std::nullopt;
            const std::string_view digits = part.substr(open + 1, part.size() - open - 2);
            std::size_t index = 0;
            for (char c : digits) {
                if (c < '0' || c > '9' || index > 1000000) return std::nullopt;
                index = index * 10 + static_cast<std::size_t>(c - '0');
            }
            segment.index = index;
            part = part.substr(0, open);
        }
        if (!isValidId(part)) return std::nullopt;
        segment.key = std::string(part);
        segments.push_back(std::move(segment));
        start = dot + 1;
    }
    return segments;
}

namespace {

std::string joinPath(std::span<const PathSegment> segments) {
    std::string out;
    for (const PathSegment& s : segments) {
        if (!out.empty()) out += '.';
        out += s.key;
        if (s.index) out += "[" + std::to_string(*s.index) + "]";
    }
    return out;
}

// The path with segment i replaced by `key`, for a suggestion.
std::string withSegment(std::vector<PathSegment> segments, std::size_t i, std::string_view key) {
    segments[i].key = std::string(key);
    return joinPath(segments);
}

}  // namespace

ResolvedPath resolveKeyPath(const Schema& schema, std::string_view path) {
    ResolvedPath out;
    const auto segments = splitKeyPath(path);
    if (!segments) {
        out.error = quote(abbreviated(path)) + ", not a key path such as road.lane_width or people.officer.script[0].dwell";
        return out;
    }
    std::string parent;  // schema path of the table the next segment is in
    for (std::size_t i = 0; i < segments->size(); ++i) {
        const PathSegment& segment = (*segments)[i];
        const KeyRule* parentRule = parent.empty() ? nullptr : schema.find(parent);
        if (parentRule && parentRule->type == ValueType::Named && !parentRule->choices.empty() &&
            std::find(parentRule->choices.begin(), parentRule->choices.end(), segment.key) == parentRule->choices.end()) {
            out.error = quote(segment.key) + ", not one of " + joinNames(parentRule->choices, ", ");
            if (auto close = closestMatch(segment.key, parentRule->choices)) out.hint = didYouMean(withSegment(*segments, i, *close));
            return out;
        }
        const std::string schemaPath = schema.childPath(parent, segment.key);
        const KeyRule* rule = schema.find(schemaPath);
        if (!rule) {
            out.error = "no key " + quote(segment.key) + (parent.empty() ? " at the top level" : " in " + parent);
            const std::vector<std::string_view> keys = schema.keysOf(parent);
            if (auto close = closestMatch(segment.key, keys)) out.hint = didYouMean(withSegment(*segments, i, *close));
            return out;
        }
        const bool last = i + 1 == segments->size();
        if (segment.index && rule->type != ValueType::TableArray) {
            out.error = "an index on " + quote(segment.key) + ", which is not an array of tables";
            return out;
        }
        if (!segment.index && rule->type == ValueType::TableArray && !last) {
            out.error = quote(segment.key) + " without an index; write " + segment.key + "[0]";
            return out;
        }
        out.rules.push_back(rule);
        parent = segment.index ? schemaPath + "[]" : schemaPath;
    }
    return out;
}

}  // namespace sim::io
