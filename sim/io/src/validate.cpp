// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "validate.hpp"

#include <algorithm>
#include <cctype>

#include "text_util.hpp"

namespace sim::io::detail {
namespace {

std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

class Validator {
public:
    explicit Validator(std::vector<Diagnostic>& errors) : errors_(errors) {}

    void table(const DocNode& node, const std::string& schemaPath, const std::string& path) {
        for (const DocMember& member : node.members) {
            const std::string childSchema = schema_.childPath(schemaPath, member.key);
            const KeyRule* rule = schema_.find(childSchema);
            if (!rule) {
                unknownKey(member, schemaPath, path);
                continue;
            }
            value(member.value, *rule, join(path, member.key));
        }
        for (const KeyRule* rule : schema_.childrenOf(schemaPath))
            if (rule->required && !node.find(rule->name()))
                report(node.where, join(path, rule->name()), rule->expectation() + " (required)", "no value", "");
    }

    void value(const DocNode& node, const KeyRule& rule, const std::string& path) {
        switch (rule.type) {
        case ValueType::Table:
            if (expectKind(node, DocNode::Kind::Table, rule, path)) table(node, rule.path, path);
            break;
        case ValueType::Named:
            if (expectKind(node, DocNode::Kind::Table, rule, path)) named(node, rule, path);
            break;
        case ValueType::TableArray:
            if (!expectKind(node, DocNode::Kind::Array, rule, path)) break;
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
            for (std::size_t i = 0; i < node.items.size(); ++i)
                quantity(node.items[i], rule, path + "[" + std::to_string(i) + "]");
            break;
        case ValueType::Integer: integer(node, rule, path); break;
        case ValueType::Boolean: expectKind(node, DocNode::Kind::Boolean, rule, path); break;
        case ValueType::Text: expectKind(node, DocNode::Kind::String, rule, path); break;
        case ValueType::Reference:
            if (expectKind(node, DocNode::Kind::String, rule, path) && node.text.empty())
                report(node.where, path, rule.expectation(), "an empty string", "");
            break;
        case ValueType::Choice: choice(node, rule, path); break;
        case ValueType::Colour: colour(node, rule, path); break;
        case ValueType::TextList:
            if (!expectKind(node, DocNode::Kind::Array, rule, path)) break;
            for (std::size_t i = 0; i < node.items.size(); ++i)
                if (node.items[i].kind != DocNode::Kind::String)
                    report(node.items[i].where, path + "[" + std::to_string(i) + "]", "a string", describe(node.items[i]), "");
            break;
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
        const std::string where = path.empty() ? "a top-level key" : "a key of [" + path + "]";
        report(member.keyWhere, join(path, member.key), where + ": " + joinNames(keys, ", "),
               quote(abbreviated(member.key)), close ? didYouMean(*close) : "");
    }

    void named(const DocNode& node, const KeyRule& rule, const std::string& path) {
        const KeyRule* child = schema_.find(rule.path + ".*");
        for (const DocMember& member : node.members) {
            const std::string childPath = join(path, member.key);
            if (rule.choices.empty()) {
                if (!isValidId(member.key))
                    report(member.keyWhere, childPath, "an id of 1 to 64 letters, digits, '-' and '_'",
                           quote(abbreviated(member.key)), "");
            } else if (std::find(rule.choices.begin(), rule.choices.end(), member.key) == rule.choices.end()) {
                const auto close = closestMatch(member.key, rule.choices);
                report(member.keyWhere, childPath, "one of " + joinNames(rule.choices, ", "), quote(abbreviated(member.key)),
                       close ? didYouMean(*close) : "");
                continue;
            }
            if (child) value(member.value, *child, childPath);
        }
    }

    void quantity(const DocNode& node, const KeyRule& rule, const std::string& path) {
        CheckedQuantity checked = checkQuantity(node, rule);
        if (!checked.problem) return;
        checked.problem->key = path;
        errors_.push_back(std::move(*checked.problem));
    }

    void integer(const DocNode& node, const KeyRule& rule, const std::string& path) {
        if (node.kind == DocNode::Kind::Integer) {
            if (!rule.range.contains(static_cast<double>(node.integer)))
                report(node.where, path, rule.expectation(), std::to_string(node.integer), "");
            return;
        }
        report(node.where, path, rule.expectation(), describe(node), "");
    }

    void choice(const DocNode& node, const KeyRule& rule, const std::string& path) {
        if (!expectKind(node, DocNode::Kind::String, rule, path)) return;
        if (std::find(rule.choices.begin(), rule.choices.end(), node.text) != rule.choices.end()) return;
        const auto close = closestMatch(node.text, rule.choices);
        report(node.where, path, rule.expectation(), quote(abbreviated(node.text)), close ? didYouMean(*close) : "");
    }

    void colour(const DocNode& node, const KeyRule& rule, const std::string& path) {
        if (!expectKind(node, DocNode::Kind::String, rule, path)) return;
        const std::string& t = node.text;
        const bool ok = t.size() == 7 && t[0] == '#' &&
                        std::all_of(t.begin() + 1, t.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
        if (!ok) report(node.where, path, rule.expectation(), quote(abbreviated(t)), "");
    }

    const Schema& schema_ = Schema::instance();
    std::vector<Diagnostic>& errors_;
};

}  // namespace

void validateDocument(const DocNode& root, std::vector<Diagnostic>& errors) {
    Validator(errors).table(root, "", "");
}

void validateValue(const DocNode& node, const KeyRule& rule, const std::string& path, std::vector<Diagnostic>& errors) {
    Validator(errors).value(node, rule, path);
}

}  // namespace sim::io::detail
