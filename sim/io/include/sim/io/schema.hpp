// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/assert.hpp"
#include "sim/io/diagnostic.hpp"
#include "sim/io/document.hpp"
#include "sim/io/quantity.hpp"
#include "sim/io/text.hpp"

/// Key tables: the one place where an input format declares its keys. A table (KeyTable) lists
/// every key with its type, unit, range, default and meaning, and binds it to the field of the
/// struct it is read into (road.lane_width -> Road::laneWidth). A Schema made from it drives
///   - validation: types, units, ranges, required keys, unknown keys with "did you mean";
///   - reading: every bound key of a validated document is written into its field (apply());
///   - key paths: overrides and sweep axes name keys by path ("units.patrol.offset");
///   - documentation: one KeyDoc per key (scenarios/README.md's rows are checked against them).
/// Keys whose meaning depends on other keys (a unit parked `behind` another, a flow array's
/// length) are declared too, unbound, and read by hand by the format's reader.
///
/// Scenario files (scenario_loader.hpp) and sweep files (batch/sweep.hpp) each have one table.
/// Adding a key is one field in the struct and one rule in its table.
namespace sim::io {

enum class ValueType {
    Table,           ///< fixed keys, each with its own rule
    Named,           ///< keys are names (ids, or `choices`); every value follows the rule "path.*"
    Map,             ///< keys are free text (key paths, axis names); every value follows "path.*"
    TableArray,      ///< array of tables; each item's keys follow the rules "path[].key"
    Quantity,        ///< number in SI or "<number> <unit>" of `dimension`, within `range`
    QuantityOrList,  ///< a Quantity, or an array of them
    Integer,         ///< within `range`
    Boolean,
    Text,            ///< any string
    Reference,       ///< the id of a unit (checked by the reader, which knows the units)
    Choice,          ///< one of `choices`
    Colour,          ///< "#RRGGBB"
    TextList,        ///< array of strings
    Any,             ///< any value; its reader checks it (a sweep axis's values)
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
    /// As text() for whole numbers: "1–100000000".
    std::string integerText() const;
};

inline Range closed(double lo, double hi) { return {lo, hi, false, false}; }
inline Range atLeast(double lo) { return {lo, Range::kHuge, false, false}; }
inline Range above(double lo) { return {lo, Range::kHuge, true, false}; }
inline Range aboveUpTo(double lo, double hi) { return {lo, hi, true, false}; }

struct KeyRule {
    std::string path;                        ///< schema path: "units.*.offset", "people.*.script[].at"
    ValueType type = ValueType::Table;
    Dimension dimension = Dimension::Dimensionless;
    Range range;
    std::vector<std::string_view> choices;   ///< Choice values; Named: allowed names (empty = ids)
    bool required = false;
    bool detached = false;                   ///< not a key of its parent: a shape validated on its
                                             ///< own (validateValue), e.g. a sweep axis's bundle
    std::string defaultLiteral;              ///< a TOML literal equal to the C++ default, or empty
    std::string defaultNote;                 ///< the default in words, when no literal says it all
    std::string rangeNote;                   ///< a cross-key constraint, e.g. "< radius"
    std::string meaning;

    // The binding (KeyTable sets it): how a valid value reaches its field. Keys without one are
    // read by hand (cross-key rules).
    std::type_index owner = typeid(void);    ///< the struct the key's table is read into
    std::type_index into = typeid(void);     ///< tables: the struct their own keys are read into
    std::function<void(void* owner, const DocNode& value)> set;  ///< values: writes a valid value
    std::function<void*(void* owner)> enter;                     ///< tables: their struct in the owner
    bool bound() const { return static_cast<bool>(set) || static_cast<bool>(enter); }

    /// The parent's schema path ("units.*.offset" -> "units.*"; "a" -> "").
    std::string_view parent() const;
    /// The last segment ("offset").
    std::string_view name() const;
    /// "a length in 2.5–5 m" — what a valid value is, for "expected …".
    std::string expectation() const;
};

/// The documentation of one key, for README tables, sweep-axis validation and "did you mean".
struct KeyDoc {
    std::string path;          ///< "road.lane_width", "units.*.offset", "people.*.script[].dwell";
                               ///< `*` is a named entry (a unit id, a vehicle kind), `[]` an array item
    std::string type;          ///< "length", "speed", "integer", "boolean", "string", "choice",
                               ///< "table", "table of named tables", "array of tables", …
    std::string unit;          ///< display unit ("m", "veh/h"), empty when there is none
    std::string defaultValue;  ///< a TOML literal (`"12 ft"`, `2`, `true`) or a description
    std::string range;         ///< "2.5–5 m", "≥ 0", "day | dusk | night | night-lit", …
    std::string meaning;       ///< one sentence
};

/// The documented default of an SI value, as a TOML literal in `unit` ("\"12 ft\""), or a bare
/// number when `unit` is empty ("0.05"). Up to 10 significant digits.
std::string defaultLiteral(double si, std::string_view unit);

/// Builds a key table. Rules are declared in documentation order; keys of a struct-bound table
/// are read in this order too (environment.preset before environment.light: the preset sets the
/// light, the key replaces it).
class KeyTable {
public:
    /// A table for a format whose root is read into a Root; `defaults` is a default Root, from
    /// which bound keys take their documented defaults (so a calibration in the struct cannot
    /// leave the docs behind).
    template <class Root> explicit KeyTable(const Root& defaults) {
        structs_.emplace("", Struct{typeid(Root), keep(Root(defaults))});
    }

    // -- tables ---------------------------------------------------------------------------------
    /// A table whose keys are read by hand, or a table of the root read into nothing.
    KeyRule& table(std::string path, std::string meaning) { return add(std::move(path), ValueType::Table, "", std::move(meaning)); }
    /// A table read into a member of its parent's struct ("road" -> Scenario::road).
    template <class Parent, class T> KeyRule& table(std::string path, T Parent::*member, std::string meaning);
    /// A table read into an optional member, engaged when the table is present ("drift").
    template <class Parent, class T> KeyRule& table(std::string path, std::optional<T> Parent::*member, std::string meaning);
    /// A table whose keys are read into its parent's struct ("road.curve" -> Road).
    KeyRule& group(std::string path, std::string meaning);
    /// The item of a Named table or a TableArray ("units.*", "traffic.scripted[]"), read into a T
    /// that the format's reader makes for each item (Schema::apply).
    template <class T> KeyRule& item(std::string path, std::string meaning);
    /// As item() for the items of a TableArray, which have no rule of their own ("traffic.scripted[]").
    template <class T> void arrayItem(const std::string& path) { structs_.insert_or_assign(path, Struct{typeid(T), keep(T{})}); }
    KeyRule& named(std::string path, std::vector<std::string_view> names, std::string meaning);
    KeyRule& map(std::string path, std::string meaning) { return add(std::move(path), ValueType::Map, "", std::move(meaning)); }
    KeyRule& tables(std::string path, std::string meaning) {
        return add(std::move(path), ValueType::TableArray, "", std::move(meaning));
    }

    // -- values bound to a field of their table's struct ------------------------------------------
    /// A quantity; its documented default is the field's default in `defaultUnit` ("" = SI).
    template <class Owner> KeyRule& quantity(std::string path, double Owner::*field, Dimension dimension, Range range,
                                             std::string_view defaultUnit, std::string meaning) {
        return bind<Owner>(quantity(std::move(path), dimension, range, "", std::move(meaning)), field, defaultUnit);
    }
    template <class Owner> KeyRule& number(std::string path, double Owner::*field, Range range, std::string meaning) {
        return quantity(std::move(path), field, Dimension::Dimensionless, range, "", std::move(meaning));
    }
    template <class Owner, class T> KeyRule& integer(std::string path, T Owner::*field, Range range, std::string meaning) {
        return bind<Owner>(integer(std::move(path), range, "", std::move(meaning)), field);
    }
    template <class Owner, class T> KeyRule& flag(std::string path, T Owner::*field, std::string meaning) {
        return bind<Owner>(value(ValueType::Boolean, std::move(path), "", std::move(meaning)), field);
    }
    template <class Owner> KeyRule& text(std::string path, std::string Owner::*field, std::string meaning) {
        return bind<Owner>(value(ValueType::Text, std::move(path), "", std::move(meaning)), field);
    }
    /// An enum; names[i] is the name of the enumerator of value i.
    template <class Owner, class E> KeyRule& choice(std::string path, E Owner::*field, std::span<const std::string_view> names,
                                                    std::string meaning) {
        return bind<Owner>(choice(std::move(path), {names.begin(), names.end()}, "", std::move(meaning)), field);
    }
    /// A value of `type` that `set` writes into the owner itself (a preset that sets several fields).
    template <class Owner> KeyRule& custom(ValueType type, std::string path, std::function<void(Owner&, const DocNode&)> set,
                                           std::string meaning);

    /// Binds a rule declared below (unbound) to the field `get(owner)` refers to: a member pointer
    /// or a function Owner& -> T&. With a `defaultUnit` ("" = SI), the rule's documented default is
    /// the field's value in a default Owner; nullopt leaves the default to the rule.
    template <class Owner, class Get> KeyRule& bind(KeyRule& rule, Get get, std::optional<std::string_view> defaultUnit = "");

    // -- values read by hand -------------------------------------------------------------------
    KeyRule& quantity(std::string path, Dimension dimension, Range range, std::string def, std::string meaning,
                      ValueType type = ValueType::Quantity);
    KeyRule& number(std::string path, Range range, std::string def, std::string meaning) {
        return quantity(std::move(path), Dimension::Dimensionless, range, std::move(def), std::move(meaning));
    }
    KeyRule& integer(std::string path, Range range, std::string def, std::string meaning);
    KeyRule& choice(std::string path, std::vector<std::string_view> choices, std::string def, std::string meaning);
    KeyRule& value(ValueType type, std::string path, std::string def, std::string meaning) {
        return add(std::move(path), type, std::move(def), std::move(meaning));
    }

    std::vector<KeyRule> take() { return std::move(rules_); }

private:
    struct Struct {
        std::type_index type;
        void* defaults;  ///< a default instance, owned by kept_
    };

    KeyRule& add(std::string path, ValueType type, std::string def, std::string meaning);
    /// The struct the keys of table `path` are read into.
    const Struct& structOf(std::string_view path) const;
    template <class T> void* keep(T value) {
        auto owned = std::make_shared<T>(std::move(value));
        kept_.push_back(owned);
        return owned.get();
    }
    template <class Parent, class T, class Get> KeyRule& enterVia(KeyRule& rule, Get get, void* defaults);
    template <class T> static std::string literalOf(const T& value, std::string_view unit, const std::vector<std::string_view>& choices);
    template <class T> static void assign(T& field, const DocNode& node, const std::vector<std::string_view>& choices);

    std::vector<KeyRule> rules_;
    std::unordered_map<std::string, Struct> structs_;
    std::vector<std::shared_ptr<void>> kept_;
};

/// Where a value being validated comes from.
enum class ValueSource {
    /// A file: a number written without the unit of a dimensioned key (other than 0) is read in
    /// SI, and a note says so.
    File,
    /// Typed by a person: an override from a command line, a panel or a sweep axis, merged into a
    /// document. A number without the unit of a dimensioned key is rejected (a trainer types
    /// feet: "3" must not become 3 m); a table need not hold its required keys, which the merged
    /// document is checked for.
    Typed,
};

/// A format's rules, indexed: immutable once made, safe to share between threads.
class Schema {
public:
    /// `topLevel` names the root's keys in messages: "a top-level key", "a key of a sweep file".
    Schema(std::vector<KeyRule> rules, std::string topLevel);
    Schema(const Schema&) = delete;
    Schema& operator=(const Schema&) = delete;

    const KeyRule* find(std::string_view schemaPath) const;
    /// The rule a member `key` of a table at `parentPath` follows, whether or not it exists.
    std::string childPath(std::string_view parentPath, std::string_view key) const;
    /// The key names a table at `schemaPath` may have (for "did you mean").
    std::vector<std::string_view> keysOf(std::string_view schemaPath) const;
    /// The rules of `schemaPath`'s direct children, in table order (not `*`, not detached ones).
    std::span<const KeyRule* const> childrenOf(std::string_view schemaPath) const;

    std::span<const KeyRule> rules() const { return rules_; }
    std::span<const KeyDoc> docs() const { return docs_; }
    const std::string& topLevel() const { return topLevel_; }

    /// Validates a whole document (its root table) and marks every valid value (DocNode::valid,
    /// DocNode::si). Every problem is appended to `errors`; a number given without the unit of a
    /// dimensioned key (and not 0) is reported to `notes`, when given, saying how it was read.
    void validate(DocNode& root, std::vector<Diagnostic>& errors, std::vector<Diagnostic>* notes = nullptr) const;
    /// As validate() for one value of `rule`; `path` is its concrete key path for messages.
    void validateValue(DocNode& node, const KeyRule& rule, const std::string& path, std::vector<Diagnostic>& errors,
                       std::vector<Diagnostic>* notes = nullptr, ValueSource source = ValueSource::File) const;

    /// Writes the valid value of every bound key of `table` (validated, at schema path
    /// `schemaPath`) into its field of `owner`, in table order, entering bound sub-tables.
    /// Keys read by hand and values that failed validation are left alone.
    template <class T> void apply(const DocNode& table, std::string_view schemaPath, T& owner) const {
        apply(table, schemaPath, &owner, typeid(T));
    }
    void apply(const DocNode& table, std::string_view schemaPath, void* owner, std::type_index type) const;

private:
    std::vector<KeyRule> rules_;
    std::vector<KeyDoc> docs_;
    std::string topLevel_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unordered_map<std::string, std::vector<const KeyRule*>> children_;
};

/// True for ids of units and people: letters, digits, '-' and '_', 1 to 64 of them.
bool isValidId(std::string_view id);

/// A concrete key path split into segments: "people.a.script[1].dwell" ->
/// {people}, {a}, {script, 1}, {dwell}.
struct PathSegment {
    std::string key;
    std::optional<std::size_t> index;
};
std::optional<std::vector<PathSegment>> splitKeyPath(std::string_view path);

/// A concrete path resolved against a schema: the rule of each segment, or where it fails.
struct ResolvedPath {
    std::vector<const KeyRule*> rules;  ///< one per segment when ok
    std::optional<std::string> error;   ///< what is wrong (for "found …"), when not ok
    std::string hint;                   ///< `did you mean "…"?` for the whole path, or empty
    bool ok() const { return !error; }
};
ResolvedPath resolveKeyPath(const Schema& schema, std::string_view path);

// ---------------------------------------------------------------------------------------------
// KeyTable's templates
// ---------------------------------------------------------------------------------------------

template <class Parent, class T, class Get> KeyRule& KeyTable::enterVia(KeyRule& rule, Get get, void* defaults) {
    SIM_ASSERT(structOf(rule.parent()).type == std::type_index(typeid(Parent)), "a table bound to a struct its parent is not read into");
    rule.owner = typeid(Parent);
    rule.into = typeid(T);
    rule.enter = [get](void* owner) -> void* { return &get(*static_cast<Parent*>(owner)); };
    structs_.insert_or_assign(rule.path, Struct{typeid(T), defaults});
    return rule;
}

template <class Parent, class T> KeyRule& KeyTable::table(std::string path, T Parent::*member, std::string meaning) {
    KeyRule& rule = table(std::move(path), std::move(meaning));
    Parent* parentDefaults = static_cast<Parent*>(structOf(rule.parent()).defaults);
    return enterVia<Parent, T>(rule, [member](Parent& p) -> T& { return p.*member; }, &(parentDefaults->*member));
}

template <class Parent, class T>
KeyRule& KeyTable::table(std::string path, std::optional<T> Parent::*member, std::string meaning) {
    KeyRule& rule = table(std::move(path), std::move(meaning));
    const auto engage = [member](Parent& p) -> T& {
        std::optional<T>& field = p.*member;
        if (!field) field.emplace();
        return *field;
    };
    return enterVia<Parent, T>(rule, engage, keep(T{}));
}

template <class T> KeyRule& KeyTable::item(std::string path, std::string meaning) {
    KeyRule& rule = table(std::move(path), std::move(meaning));
    rule.into = typeid(T);
    structs_.insert_or_assign(rule.path, Struct{typeid(T), keep(T{})});
    return rule;
}

template <class Owner>
KeyRule& KeyTable::custom(ValueType type, std::string path, std::function<void(Owner&, const DocNode&)> set, std::string meaning) {
    KeyRule& rule = value(type, std::move(path), "", std::move(meaning));
    SIM_ASSERT(structOf(rule.parent()).type == std::type_index(typeid(Owner)), "a key bound to a struct its table is not read into");
    rule.owner = typeid(Owner);
    rule.set = [set = std::move(set)](void* owner, const DocNode& node) { set(*static_cast<Owner*>(owner), node); };
    return rule;
}

template <class Owner, class Get> KeyRule& KeyTable::bind(KeyRule& rule, Get get, std::optional<std::string_view> defaultUnit) {
    const Struct& table = structOf(rule.parent());
    SIM_ASSERT(table.type == std::type_index(typeid(Owner)), "a key bound to a struct its table is not read into");
    rule.owner = typeid(Owner);
    rule.set = [get, choices = rule.choices](void* owner, const DocNode& node) {
        assign(std::invoke(get, *static_cast<Owner*>(owner)), node, choices);
    };
    if (defaultUnit) rule.defaultLiteral = literalOf(std::invoke(get, *static_cast<Owner*>(table.defaults)), *defaultUnit, rule.choices);
    return rule;
}

template <class T> void KeyTable::assign(T& field, const DocNode& node, const std::vector<std::string_view>& choices) {
    if constexpr (std::is_same_v<T, double>) {
        field = node.si;
    } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::optional<bool>>) {
        field = node.boolean;
    } else if constexpr (std::is_same_v<T, std::string>) {
        field = node.text;
    } else if constexpr (std::is_enum_v<T>) {
        for (std::size_t i = 0; i < choices.size(); ++i)
            if (choices[i] == node.text) field = static_cast<T>(i);
    } else {
        static_assert(std::is_integral_v<T>, "a field type the key table cannot bind");
        field = static_cast<T>(node.integer);
    }
}

template <class T>
std::string KeyTable::literalOf(const T& value, std::string_view unit, const std::vector<std::string_view>& choices) {
    if constexpr (std::is_same_v<T, double>) {
        return std::isfinite(value) ? defaultLiteral(value, unit) : std::string();
    } else if constexpr (std::is_same_v<T, bool>) {
        return value ? "true" : "false";
    } else if constexpr (std::is_same_v<T, std::string>) {
        return quote(value);
    } else if constexpr (std::is_enum_v<T>) {
        const auto index = static_cast<std::size_t>(value);
        return index < choices.size() ? "\"" + std::string(choices[index]) + "\"" : std::string();
    } else if constexpr (std::is_integral_v<T>) {
        return std::to_string(value);
    } else {
        return {};  // std::optional<bool>: no default value, the rule's note says what happens
    }
}

}  // namespace sim::io
