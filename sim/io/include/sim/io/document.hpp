// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/diagnostic.hpp"

/// The input formats' view of a TOML file: a tree in document order with a source location on
/// every key and value. toml++ is used only to parse (document.cpp, behind the guards its 3.3
/// release needs); merging includes, applying overrides, validating (schema.hpp), reading values
/// and writing flat text all work on this tree, which keeps document order (toml++ tables are
/// sorted by key) and lets an override carry its own location. Every file Roadside reads as TOML
/// (scenarios, overlays, sweeps) goes through parseDocument. Pure functions, safe from any thread.
namespace sim::io {

inline constexpr std::size_t kMaxFileBytes = 4u << 20;  ///< per input file (includes counted separately)
inline constexpr int kMaxDepth = 64;                    ///< tables/arrays/dotted keys nested
inline constexpr std::size_t kMaxValues = 200000;       ///< TOML values in one document (merged with includes)

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

    // Set by validation against a key table (schema.hpp), read by whoever reads the values:
    bool valid = false;               ///< the value passed its rule (a table: it is a table)
    double si = 0.0;                  ///< a valid quantity's value in SI units

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

/// Reads a regular file of at most kMaxFileBytes (in chunks: /proc files report size 0, files
/// grow). Otherwise nullopt, and `problem` says why: "no such file", "not a regular file", "a file
/// that cannot be opened", "more than 4 MiB".
std::optional<std::string> readInputFile(const std::filesystem::path& path, std::string& problem);

/// Parses TOML text into a tree. Never throws: syntax errors, invalid UTF-8, oversize input,
/// nesting deeper than kMaxDepth (a dotted key of 60,000 segments included) and more than
/// kMaxValues values become diagnostics located in `fileName` (then the returned tree is empty).
DocNode parseDocument(std::string_view text, const std::string& fileName, std::vector<Diagnostic>& errors);

/// "a table", "an array", "the string \"abc\"", "the integer 3", … for "found …".
std::string describe(const DocNode& node);
/// "table", "array", "string", "integer", "float", "boolean", "date-time".
std::string_view kindName(DocNode::Kind kind);
/// The value as a TOML literal, inline: "\"3 ft\"", "0.5", "[1, 2]", "{ median = 1.2 }". Parsing
/// `key = <literal>` gives the same value back.
std::string tomlLiteral(const DocNode& node);
/// The value as people name it in tables and messages: a string's text, else its literal.
std::string labelOf(const DocNode& node);

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

}  // namespace sim::io
