// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "document.hpp"
#include "sim/io/quantity.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/units.hpp"

/// The scenario schema: one rule per key. It drives validation (types, units, ranges, required
/// keys), unknown-key detection and "did you mean", key-path checks for overrides, and
/// scenarios/README.md (a test checks that every key is documented there). Cross-key rules (a unit
/// `behind` another, a flow array's length) are in scenario_builder.cpp.
namespace sim::io::detail {

/// Default of units.*.gap, bumper to bumper: inside the 15-25 ft taught for a patrol car behind a
/// violator (Police magazine, IACP; calibration §7). Not a field of UnitDef: it only places units.
inline constexpr double kDefaultGap = 20.0 * units::kFoot;

enum class ValueType {
    Table,           ///< fixed keys, each with its own rule
    Named,           ///< keys are names (ids, or `choices`); every value follows the rule "path.*"
    TableArray,      ///< array of tables; each item's keys follow the rules "path[].key"
    Quantity,        ///< number in SI or "<number> <unit>" of `dimension`, within `range`
    QuantityOrList,  ///< a Quantity, or an array of them
    Integer,         ///< within `range`
    Boolean,
    Text,            ///< any string
    Reference,       ///< the id of a unit (checked by the builder, which knows the units)
    Choice,          ///< one of `choices`
    Colour,          ///< "#RRGGBB"
    TextList,        ///< array of strings
};

/// Closed or open bounds on an SI value.
struct Range {
    double lo = -kHuge;
    double hi = kHuge;
    bool loOpen = false;
    bool hiOpen = false;

    static constexpr double kHuge = 1e300;  ///< "unbounded" (values must be finite anyway)
    bool contains(double v) const;
    /// "2.5–5 m", "> 0 s", "≥ 0", "any", in display units.
    std::string text(Dimension dimension) const;
};

struct KeyRule {
    std::string path;                        ///< schema path: "units.*.offset", "people.*.script[].at"
    ValueType type = ValueType::Table;
    Dimension dimension = Dimension::Dimensionless;
    Range range;
    std::vector<std::string_view> choices;   ///< Choice values; Named: allowed names (empty = ids)
    bool required = false;
    std::string defaultLiteral;              ///< a TOML literal equal to the C++ default, or empty
    std::string defaultNote;                 ///< the default in words, when no literal says it all
    std::string rangeNote;                   ///< a cross-key constraint, e.g. "< radius"
    std::string meaning;

    /// The parent's schema path ("units.*.offset" -> "units.*"; "a" -> "").
    std::string_view parent() const;
    /// The last segment ("offset").
    std::string_view name() const;
    /// "a length in 2.5–5 m" — what a valid value is, for "expected …".
    std::string expectation() const;
};

class Schema {
public:
    /// The one schema (immutable, built on first use; thread-safe).
    static const Schema& instance();

    const KeyRule* find(std::string_view schemaPath) const;
    /// The rule a member `key` of a table at `parentPath` follows, whether or not it exists.
    std::string childPath(std::string_view parentPath, std::string_view key) const;
    /// The key names a table at `schemaPath` may have (for "did you mean").
    std::vector<std::string_view> keysOf(std::string_view schemaPath) const;
    /// The rules of `schemaPath`'s direct children.
    std::vector<const KeyRule*> childrenOf(std::string_view schemaPath) const;

    std::span<const KeyRule> rules() const { return rules_; }
    std::span<const KeyDoc> docs() const { return docs_; }

private:
    Schema();
    std::vector<KeyRule> rules_;
    std::vector<KeyDoc> docs_;
    std::unordered_map<std::string, std::size_t> index_;
};

/// True for ids of units and people: letters, digits, '-' and '_', 1 to 64 of them.
bool isValidId(std::string_view id);

/// A quantity checked against its rule. Exactly one of value and problem is set.
struct CheckedQuantity {
    std::optional<double> value;     ///< SI, finite, in range
    std::optional<Diagnostic> problem;  ///< where = the node's location, key left empty
};
CheckedQuantity checkQuantity(const DocNode& node, const KeyRule& rule);

/// A concrete key path split into segments: "people.a.script[1].dwell" ->
/// {people}, {a}, {script, 1}, {dwell}.
struct PathSegment {
    std::string key;
    std::optional<std::size_t> index;
};
std::optional<std::vector<PathSegment>> splitKeyPath(std::string_view path);

/// A concrete path resolved against the schema: the rule of each segment, or where it fails.
struct ResolvedPath {
    std::vector<const KeyRule*> rules;  ///< one per segment when ok
    std::optional<std::string> error;   ///< what is wrong (for "found …"), when not ok
    std::string hint;                   ///< `did you mean "…"?` for the whole path, or empty
    bool ok() const { return !error; }
};
ResolvedPath resolveKeyPath(std::string_view path);

}  // namespace sim::io::detail
