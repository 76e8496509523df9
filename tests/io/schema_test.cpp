// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Key tables (sim/io/schema.hpp): one rule per key, bound to its field, drives validation,
// reading, defaults and docs. Tested on a small format of its own, then on the scenario format.
#include <catch2/catch.hpp>

#include <set>

#include "io_test_support.hpp"
#include "sim/io/schema.hpp"
#include "sim/units.hpp"

using sim::io::DocNode;
using sim::io::Dimension;
using sim::io::KeyRule;
using sim::io::ValueType;

namespace {

enum class Colour { Red, Green };
constexpr std::string_view kColours[] = {"red", "green"};

struct Inner {
    double gap = 2.0;           ///< m
};
struct Toy {
    double speed = 10.0;        ///< m/s
    int count = 3;
    bool on = true;
    Colour colour = Colour::Green;
    std::string label = "toy";
    Inner inner;
    std::optional<Inner> extra;
    double preset = 0.0;        ///< set by a custom rule
};

const sim::io::Schema& toySchema() {
    static const sim::io::Schema schema = [] {
        sim::io::KeyTable k{Toy{}};
        k.quantity("speed", &Toy::speed, Dimension::Speed, sim::io::closed(0, 50), "mph", "A speed.");
        k.integer("count", &Toy::count, sim::io::closed(1, 9), "A count.");
        k.flag("on", &Toy::on, "A flag.");
        k.choice("colour", &Toy::colour, kColours, "A colour.");
        k.text("label", &Toy::label, "A label.");
        k.custom<Toy>(ValueType::Boolean, "doubled", [](Toy& t, const DocNode& v) { t.preset = v.boolean ? 2.0 : 1.0; }, "A preset.");
        k.table("inner", &Toy::inner, "A table.");
        k.quantity("inner.gap", &Inner::gap, Dimension::Length, sim::io::atLeast(0), "", "A gap.").required = true;
        k.table("extra", &Toy::extra, "An optional table.");
        k.quantity("extra.gap", &Inner::gap, Dimension::Length, sim::io::atLeast(0), "", "A gap.");
        k.quantity("by_hand", Dimension::Time, sim::io::atLeast(0), "", "Read by hand.");
        return sim::io::Schema(k.take(), "a key of a toy");
    }();
    return schema;
}

struct Loaded {
    Toy toy;
    std::vector<sim::io::Diagnostic> errors;
    std::vector<sim::io::Diagnostic> notes;
    DocNode doc;
};

Loaded load(const std::string& text) {
    Loaded out;
    out.doc = sim::io::parseDocument(text, "toy.toml", out.errors);
    REQUIRE(out.errors.empty());
    toySchema().validate(out.doc, out.errors, &out.notes);
    toySchema().apply(out.doc, "", out.toy);
    return out;
}

}  // namespace

TEST_CASE("a key table documents each bound key with its field's default in the unit given", "[io]") {
    const sim::io::Schema& schema = toySchema();
    CHECK(schema.find("speed")->defaultLiteral == "\"22.36936292 mph\"");
    CHECK(schema.find("count")->defaultLiteral == "3");
    CHECK(schema.find("on")->defaultLiteral == "true");
    CHECK(schema.find("colour")->defaultLiteral == "\"green\"");
    CHECK(schema.find("label")->defaultLiteral == "\"toy\"");
    CHECK(schema.find("inner.gap")->defaultLiteral == "2");
    CHECK(schema.find("by_hand")->defaultLiteral.empty());
    CHECK_FALSE(schema.find("by_hand")->bound());
    CHECK(schema.docs().size() == schema.rules().size());
}

TEST_CASE("a key table writes every valid bound value into its field, and nothing else", "[io]") {
    const Loaded a = load(R"(speed = "20 mph"
count = 7
on = false
colour = "red"
label = "x"
doubled = true
by_hand = "3 s"
[inner]
gap = "1 ft"
[extra]
gap = "2 m"
)");
    INFO(sim::io::formatDiagnostics(a.errors));
    REQUIRE(a.errors.empty());
    CHECK(a.toy.speed == Approx(20 * sim::units::kMph));
    CHECK(a.toy.count == 7);
    CHECK_FALSE(a.toy.on);
    CHECK(a.toy.colour == Colour::Red);
    CHECK(a.toy.label == "x");
    CHECK(a.toy.preset == 2.0);
    CHECK(a.toy.inner.gap == Approx(sim::units::kFoot));
    REQUIRE(a.toy.extra.has_value());
    CHECK(a.toy.extra->gap == 2.0);
    CHECK(a.doc.find("by_hand")->si == 3.0);  // validated once, for its reader

    // Invalid values are reported and leave their field alone; an absent optional table stays absent.
    const Loaded b = load("speed = \"90 kg\"\ncount = 12\ncolour = \"blue\"\n[inner]\n");
    INFO(sim::io::formatDiagnostics(b.errors));
    CHECK(b.errors.size() == 4);  // speed, count, colour, inner.gap (required)
    CHECK(b.toy.speed == 10.0);
    CHECK(b.toy.count == 3);
    CHECK(b.toy.colour == Colour::Green);
    CHECK_FALSE(b.toy.extra.has_value());
    CHECK(sim::io::formatDiagnostics(b.errors).find("toy.toml:4:1: inner.gap: expected a length ≥ 0 m (required)") !=
          std::string::npos);
}

TEST_CASE("a number without the unit of a dimensioned key: a note in a file, an error where it is typed", "[io]") {
    const Loaded a = load("speed = 12\n[inner]\ngap = 0\n");
    REQUIRE(a.errors.empty());
    CHECK(a.toy.speed == 12.0);
    REQUIRE(a.notes.size() == 1);  // 0 is 0 in any unit: no note for gap
    CHECK(a.notes[0].message() ==
          "toy.toml:1:9: speed: note: 12 without a unit is read as 12 m/s (26.8432 mph); write \"12 m/s\" to say so");

    std::vector<sim::io::Diagnostic> errors;
    DocNode typed = sim::io::parseDocument("speed = 12", "sweep.toml", errors).members.front().value;
    toySchema().validateValue(typed, *toySchema().find("speed"), "speed", errors, nullptr, sim::io::ValueSource::Typed);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message() == "sweep.toml:1:9: speed: expected a speed with its unit (m/s, km/h, mph, ft/s), found 12, a "
                                 "number without a unit; write e.g. \"12 mph\"");
    CHECK_FALSE(typed.valid);
}

TEST_CASE("unknown keys are named with the format's own words and a suggestion", "[io]") {
    const Loaded a = load("sped = \"1 m/s\"\n[inner]\ngap = 1\ngapp = 2\n");
    REQUIRE(a.errors.size() == 2);
    CHECK(a.errors[0].message().find("sped: expected a key of a toy: speed, count") != std::string::npos);
    CHECK(a.errors[0].hint == "did you mean \"speed\"?");
    CHECK(a.errors[1].key == "inner.gapp");
    CHECK(a.errors[1].hint == "did you mean \"gap\"?");
}

TEST_CASE("every key of the scenario format is bound to a field or read by the builder", "[io]") {
    // The keys scenario_builder.cpp reads by hand, because they depend on other keys. A new key
    // that is neither bound nor here would be validated and then silently ignored.
    const std::set<std::string> byHand = {
        "name", "include", "traffic.flow", "traffic.mix", "traffic.mix.*", "traffic.classes", "traffic.scripted",
        "units", "units.*.s", "units.*.d", "units.*.behind", "units.*.gap", "units.*.offset", "devices",
        "devices.cones", "devices.cones[].s", "devices.cones[].d", "devices.flares", "devices.flares[].s",
        "devices.flares[].d", "devices.taper", "devices.taper.kind", "devices.taper.end_s", "devices.taper.from_d",
        "devices.taper.to_d", "devices.taper.speed", "people", "people.*.script", "people.*.script[].at",
        "people.*.script[].unit", "people.*.script[].dwell"};
    int bound = 0;
    for (const KeyRule& rule : sim::io::scenarioSchema().rules()) {
        INFO(rule.path);
        const bool item = rule.path == "units.*" || rule.path == "people.*" || rule.path == "traffic.classes.*";
        if (rule.bound()) ++bound;
        else CHECK((byHand.count(rule.path) == 1 || item));
        CHECK_FALSE((rule.bound() && byHand.count(rule.path) == 1));
    }
    CHECK(bound > 130);
}
