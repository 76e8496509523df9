// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/diagnostic.hpp"

/// The loaders' own view of a TOML document: a tree in document order with a source location on
/// every key and value. toml++ is used only to parse (document.cpp); merging includes, applying
/// overrides, validating and writing the flattened text all work on this tree, which keeps
/// document order (toml++ tables are sorted by key) and lets an override carry its own location.
namespace sim::io::detail {

struct DocMember;

struct DocNode {
    enum class Kind { Table, Array, String, Integer, Float, Boolean, DateTime };

    Kind kind = Kind::Table;
    SourceLocation where;             ///< of the value (a table: its header or first key)
    std::string text;                 ///< String; DateTime as written back by toml++
    std::int64_t integer = 0;         ///< Integer
    double number = 0.0;              ///< Float (may be nan or inf: TOML allows them)
    bool boolean = false;             ///< Boolean
    std::vector<DocMember> members;   ///< Table, in document order
    std::vector<DocNode> items;       ///< Array

    bool isTable() const { return kind == Kind::Table; }
    bool isArray() const { return kind == Kind::Array; }
    const DocNode* find(std::string_view key) const;
    DocNode* find(std::string_view key);
    const DocMember* member(std::string_view key) const;
};

struct DocMember {
    std::string key;
    SourceLocation keyWhere;
    DocNode value;
};

/// "a table", "an array", "the string \"abc\"", "the integer 3", … for "found …".
std::string describe(const DocNode& node);
/// "table", "array", "string", "integer", "float", "boolean", "date-time".
std::string_view kindName(DocNode::Kind kind);

/// Parses TOML text into a tree. Never throws: syntax errors, invalid UTF-8, oversize input,
/// nesting deeper than kMaxDepth and more than kMaxValues values become diagnostics located in
/// `fileName` (then the returned tree is empty).
DocNode parseDocument(std::string_view text, const std::string& fileName, std::vector<Diagnostic>& errors);

/// Sets every location in the tree (keys and values) to `where`: for override values.
void relocate(DocNode& node, const SourceLocation& where);

/// Deep merge: tables merge key by key (recursively), anything else in `from` replaces what
/// `into` has. Keys new to `into` are appended in `from`'s order; replaced keys keep their place.
void mergeInto(DocNode& into, DocNode&& from);

/// Counts values in the tree (tables and arrays included).
std::size_t countValues(const DocNode& node);

/// Writes a table tree as TOML: top-level values, then one [header] per table in document order,
/// arrays inline (tables inside arrays as inline tables). Parsing the output gives the same tree
/// apart from locations.
std::string writeToml(const DocNode& root);

}  // namespace sim::io::detail
