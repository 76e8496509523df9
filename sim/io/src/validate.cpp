// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Validation against a key table (Schema::validate): every key known, every value of the right
// type, unit and range, required keys present. Reports every problem, never stops at the first,
// and marks what passed (DocNode::valid, DocNode::si) so that readers never check a value again.
#include <algorithm>
#include <cctype>

#include "sim/io/schema.hpp"
#include "sim/io/text.hpp"
#include "sim/units.hpp"

namespace sim::io {
namespace {

std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// Units a bare number was probably meant in, when it is out of range as SI: an angle in
// degrees, a flow in veh/h, a lane width in feet, a speed in mph.
std::vector<std::string_view> likelyUnits(Dimension dimension) {
    switch (dimension) {
    case Dimension::Angle: return {"deg"};
    case Dimension::Flow: return {"veh/h"};
    case Dimension::Rate: return {"/h"};
    case Dimension::Length: return {"ft"};
    case Dimension::Speed: return {"mph", "km/h"};
    case Dimension::Time: return {"min"};
    default: return {};
    }
}

std::string bareNumberHint(double value, const KeyRule& rule) {
    for (std::string_view unit : likelyUnits(rule.dimension)) {
        const std::string text = formatNumber(value) + " " + std::string(unit);
        const ParsedQuantity asUnit = parseQuantity(text, rule.dimension);
        if (asUnit.value && rule.range.contains(*asUnit.value)) return didYouMean(text);
    }
    return {};
}

/// "-1.6 m (-5.25 ft)": an SI value, with what people may have meant beside it.
std::string readAs(double si, Dimension dimension) {
    std::string out = formatNumber(si) + " " + std::string(siUnit(dimension));
    std::string other;
    switch (dimension) {
    case Dimension::Length: other = formatNumber(si / units::kFoot) + " ft"; break;
    case Dimension::Speed: other = formatNumber(si / units::kMph) + " mph"; break;
    case Dimension::Angle: other = formatNumber(si / units::kDegree) + " deg"; break;
    case Dimension::Flow:
    case Dimension::Rate: other = formatQuantity(si, dimension); break;
    default: break;
    }
    return other.empty() ? out : out + " (" + other + ")";
}

class Validator {
public:
    Validator(const Schema& schema, std::vector<Diagnostic>& errors, std::vector<Diagnostic>* notes, ValueSource source)
        : schema_(schema), errors_(errors), notes_(notes), source_(source) {}

    void table(DocNode& node, const std::string& schemaPath, const std::string& path) {
        node.valid = true;
        for (DocMember& member : node.members) {
            const std::string childSchema = schema_.childPath(schemaPath, member.key);
            const KeyRule* rule = schema_.find(childSchema);
            if (!rule || rule->detached) {
                unknownKey(member, schemaPath, path);
                continue;
            }
            value(member.value, *rule, join(path, member.key));
        }
        if (source_ == ValueSource::Typed) return;  // merged into a document that has them
        for (const KeyRule* rule : schema_.childrenOf(schemaPath))
            if (rule->required && !node.find(rule->name()))
                report(node.where, join(path, rule->name()), rule->expectation() + " (required)", "no value", "");
    }

    void value(DocNode& node, const KeyRule& rule, const std::string& path) {
        switch (rule.type) {
        case ValueType::Table:
            if (expectKind(node, DocNode::Kind::Table, rule, path)) table(node, rule.path, path);
            break;
        case ValueType::Named:
        case ValueType::Map:
            if (expectKind(node, DocNode::Kind::Table, rule, path)) named(node, rule, path);
            break;
        case ValueType::TableArray:
            if (!expectKind(node, DocNode::Kind::Array, rule, path)) break;
            node.valid = true;
            for (std::size_t i = 0; i < node.items.size(); ++i) {
                const std::string itemPath = path + "[" + std::to_string(i) + "]";
                if (node.items[i].isTable()) table(node.items[i], rule.path + "[]", itemPath);
                else report(node.items[i].where, itemPath, "a table", describe(node.items[i]), "");
            }
            break;
        case ValueType::Quantity: quantity(node, rule, path); break;
        case ValueType::QuantityOrList:
            if (!node.isArray()) {
                quantity(node, rule, path);
                break;
            }
            node.valid = true;
            for (std::size_t i = 0; i < node.items.size(); ++i) {
                quantity(node.items[i], rule, path + "[" + std::to_string(i) + "]");
                node.valid = node.valid && node.items[i].valid;
            }
            break;
        case ValueType::Integer: integer(node, rule, path); break;
        case ValueType::Boolean: node.valid = expectKind(node, DocNode::Kind::Boolean, rule, path); break;
        case ValueType::Text: node.valid = expectKind(node, DocNode::Kind::String, rule, path); break;
        case ValueType::Reference:
            if (!expectKind(node, DocNode::Kind::String, rule, path)) break;
            if (node.text.empty()) report(node.where, path, rule.expectation(), "an empty string", "");
            else node.valid = true;
            break;
        case ValueType::Choice: choice(node, rule, path); break;
        case ValueType::Colour: colour(node, rule, path); break;
        case ValueType::TextList:
            if (!expectKind(node, DocNode::Kind::Array, rule, path)) break;
            node.valid = true;
            for (std::size_t i = 0; i < node.items.size(); ++i) {
                node.items[i].valid = node.items[i].kind == DocNode::Kind::String;
                if (!node.items[i].valid) {
                    report(node.items[i].where, path + "[" + std::to_string(i) + "]", "a string", describe(node.items[i]), "");
                    node.valid = false;
                }
            }
            break;
        case ValueType::Any: node.valid = true; break;
        }
    }

private:
    void report(const SourceLocation& where, std::string key, std::string expected, std::string found, std::string hint) {
        errors_.push_back({where, std::move(key), std::move(expected), std::move(found), std::move(hint)});
    }

    bool expectKind(const DocNode& node, DocNode::Kind kind, const KeyRule& rule, const std::string& path) {
        if (node.kind == kind) return true;
        std::string hint;
        // A common slip: [[units.x]] (array of tables) for [units.x], or the reverse.
        if (kind == DocNode::Kind::Table && node.isArray()) hint = "write [" + path + "], not [[" + path + "]]";
        if (kind == DocNode::Kind::Array && node.isTable() && rule.type == ValueType::TableArray)
            hint = "write [[" + path + "]] for each item, or " + std::string(rule.name()) + " = [{ … }, …]";
        report(node.where, path, rule.expectation(), describe(node), std::move(hint));
        return false;
    }

    void unknownKey(const DocMember& member, const std::string& schemaPath, const std::string& path) {
        const std::vector<std::string_view> keys = schema_.keysOf(schemaPath);
        const auto close = closestMatch(member.key, keys);
        const std::string where = path.empty() ? schema_.topLevel() : "a key of [" + path + "]";
        report(member.keyWhere, join(path, member.key), where + ": " + joinNames(keys, ", "), quote(abbreviated(member.key)),
               close ? didYouMean(*close) : "");
    }

    void named(DocNode& node, const KeyRule& rule, const std::string& path) {
        node.valid = true;
        const KeyRule* child = schema_.find(rule.path + ".*");
        for (DocMember& member : node.members) {
            const std::string childPath = join(path, member.key);
            if (rule.type == ValueType::Map) {
                // Any key: the reader checks what it names.
            } else if (rule.choices.empty()) {
                if (!isValidId(member.key))
                    report(member.keyWhere, childPath, "an id of 1 to 64 letters, digits, '-' and '_'", quote(abbreviated(member.key)), "");
            } else if (std::find(rule.choices.begin(), rule.choices.end(), member.key) == rule.choices.end()) {
                const auto close = closestMatch(member.key, rule.choices);
                report(member.keyWhere, childPath, "one of " + joinNames(rule.choices, ", "), quote(abbreviated(member.key)),
                       close ? didYouMean(*close) : "");
                continue;
            }
            if (child) value(member.value, *child, childPath);
        }
    }

    void quantity(DocNode& node, const KeyRule& rule, const std::string& path) {
        // One quantity: for a QuantityOrList, this node is the single value or one item of the array.
        auto problem = [&](std::string found, std::string hint) {
            KeyRule single = rule;
            single.type = ValueType::Quantity;
            report(node.where, path, single.expectation(), std::move(found), std::move(hint));
        };
        ParsedQuantity parsed;
        std::string written;
        switch (node.kind) {
        case DocNode::Kind::Integer:
            parsed = siQuantity(static_cast<double>(node.integer), rule.dimension);
            written = std::to_string(node.integer);
            break;
        case DocNode::Kind::Float:
            parsed = siQuantity(node.number, rule.dimension);
            written = formatNumber(node.number);
            break;
        case DocNode::Kind::String:
            parsed = parseQuantity(node.text, rule.dimension);
            written = quote(abbreviated(node.text));
            break;
        default: return problem(describe(node), "");
        }
        if (!parsed.value) return problem(written + ": " + parsed.error, parsed.hint);
        const double si = *parsed.value;
        if (!rule.range.contains(si)) {
            if (node.kind == DocNode::Kind::String) return problem(written + " = " + formatQuantity(si, rule.dimension), "");
            return problem(written, bareNumberHint(si, rule));
        }
        if (parsed.unit.empty() && rule.dimension != Dimension::Dimensionless && si != 0.0 && !bareNumber(node, rule, path, parsed))
            return;
        node.valid = true;
        node.si = si;
    }

    /// A number written without the unit of a dimensioned key (0 needs none): an error where
    /// people type values (overrides, sweep axes), a note in files. False when rejected.
    bool bareNumber(const DocNode& node, const KeyRule& rule, const std::string& path, const ParsedQuantity& parsed) {
        const std::string number = formatNumber(parsed.number);
        if (source_ == ValueSource::Typed) {
            const std::string example = quote(number + " " + std::string(exampleUnit(rule.dimension)));
            // A value from a command line or a panel has no line: show it as typed there.
            report(node.where, path,
                   dimensionWithArticle(rule.dimension) + " with its unit (" + unitSymbols(rule.dimension) + ")",
                   number + ", a number without a unit",
                   "write e.g. " + (node.where.line > 0 ? example : path + "='" + example + "'"));
            return false;
        }
        if (notes_)
            notes_->push_back({node.where, path, "", number + " without a unit is read as " + readAs(*parsed.value, rule.dimension),
                               "write " + quote(number + " " + std::string(siUnit(rule.dimension))) + " to say so", Severity::Note});
        return true;
    }

    void integer(DocNode& node, const KeyRule& rule, const std::string& path) {
        if (node.kind != DocNode::Kind::Integer) return report(node.where, path, rule.expectation(), describe(node), "");
        if (!rule.range.contains(static_cast<double>(node.integer)))
            return report(node.where, path, rule.expectation(), std::to_string(node.integer), "");
        node.valid = true;
    }

    void choice(DocNode& node, const KeyRule& rule, const std::string& path) {
        if (!expectKind(node, DocNode::Kind::String, rule, path)) return;
        if (std::find(rule.choices.begin(), rule.choices.end(), node.text) != rule.choices.end()) {
            node.valid = true;
            return;
        }
        const auto close = closestMatch(node.text, rule.choices);
        report(node.where, path, rule.expectation(), quote(abbreviated(node.text)), close ? didYouMean(*close) : "");
    }

    void colour(DocNode& node, const KeyRule& rule, const std::string& path) {
        if (!expectKind(node, DocNode::Kind::String, rule, path)) return;
        const std::string& t = node.text;
        node.valid = t.size() == 7 && t[0] == '#' &&
                     std::all_of(t.begin() + 1, t.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
        if (!node.valid) report(node.where, path, rule.expectation(), quote(abbreviated(t)), "");
    }

    const Schema& schema_;
    std::vector<Diagnostic>& errors_;
    std::vector<Diagnostic>* notes_;
    ValueSource source_;
};

}  // namespace

void Schema::validate(DocNode& root, std::vector<Diagnostic>& errors, std::vector<Diagnostic>* notes) const {
    Validator(*this, errors, notes, ValueSource::File).table(root, "", "");
}

void Schema::validateValue(DocNode& node, const KeyRule& rule, const std::string& path, std::vector<Diagnostic>& errors,
                           std::vector<Diagnostic>* notes, ValueSource source) const {
    Validator(*this, errors, notes, source).value(node, rule, path);
}

}  // namespace sim::io
