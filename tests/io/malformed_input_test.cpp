// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Malformed input of any kind gives diagnostics: never a crash, a hang or an exception.
#include <catch2/catch.hpp>
#include <random>

#include "io_test_support.hpp"

using test::loadText;

namespace {

/// Loads text that must be rejected, without throwing, with at least one located diagnostic.
sim::io::LoadResult rejected(std::string_view text) {
    sim::io::LoadResult result;
    REQUIRE_NOTHROW(result = loadText(text));
    INFO("diagnostics:\n" << test::messages(result));
    CHECK_FALSE(result.ok());
    CHECK_FALSE(result.scenario);
    REQUIRE_FALSE(result.errors.empty());
    CHECK(result.errors.front().where.file == "test.toml");
    return result;
}

std::string repeated(std::string_view piece, std::size_t n) {
    std::string out;
    out.reserve(piece.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += piece;
    return out;
}

}  // namespace

TEST_CASE("binary garbage, NUL bytes and invalid UTF-8 are rejected", "[io]") {
    std::mt19937 random(12345);  // fixed: the same garbage every run
    std::string garbage(4096, '\0');
    for (char& c : garbage) c = static_cast<char>(random() & 0xFF);
    rejected(garbage);
    rejected(std::string("name = \"a\0b\"\n", 13));
    rejected("name = \"\xff\xfe\"\n");
    rejected("\xc3\x28 = 1\n");
    rejected("description = \"\xed\xa0\x80\"\n");  // a UTF-16 surrogate encoded in UTF-8
}

TEST_CASE("deep nesting is rejected before it can exhaust the stack", "[io]") {
    const auto arrays = rejected("a = " + repeated("[", 10000) + repeated("]", 10000));
    CHECK_THAT(arrays.errors.front().expected, Catch::Contains("nested at most 64 deep"));
    rejected("a = " + repeated("{ b = ", 10000) + "1" + repeated("}", 10000));
    // toml++ alone overflows the stack on these (its table destructor recurses per level).
    rejected("[a" + repeated(".a", 100000) + "]\n");
    rejected("a" + repeated(".a", 100000) + " = 1\n");
    rejected(repeated("\"a\".", 100000) + "a = 1\n");
}

TEST_CASE("numbers a double cannot hold, nan and inf are rejected", "[io]") {
    rejected("[road]\nlane_width = 1e400\n");
    rejected("[road]\nlanes = 99999999999999999999\n");
    CHECK_THAT(test::errorAbout(rejected("[road]\nlane_width = nan\n"), "road.lane_width").found,
               Catch::Contains("not a finite number"));
    rejected("[road]\nlane_width = -inf\n");
    rejected("[road]\nlane_width = \"inf m\"\n");
    rejected("[road]\nlane_width = \"1e999 ft\"\n");
    rejected("[run]\nseed = -1\n");
}

TEST_CASE("structurally wrong documents are rejected key by key", "[io]") {
    const auto result = rejected(R"(
units = [1, 2]
people = "nobody"
road = 5
traffic = { flow = { lane1 = 3 } }
devices = { cones = [1, "x"] }
include = "other.toml"
)");
    CHECK(result.errors.size() == 1);  // a bad include stops the load: nothing else can be trusted
    const auto rest = rejected(R"(
units = [1, 2]
people = "nobody"
road = 5
traffic = { flow = { lane1 = 3 } }
devices = { cones = [1, "x"] }
run = { duration = 1979-05-27 }
)");
    for (const char* key : {"units", "people", "road", "traffic.flow", "devices.cones[0]", "devices.cones[1]", "run.duration"})
        CHECK(test::errorsAbout(rest, key).size() == 1);
}

TEST_CASE("every truncation of a valid scenario loads or fails cleanly", "[io]") {
    const std::string full = R"(name = "truncated"
description = """multi
line"""
[road]
lanes = 3
lane_width = "12 ft"
[traffic]
flow = ["1500 veh/h", "1200 veh/h", '900 veh/h']
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = -1.6
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
offset = "2 ft"
[[traffic.scripted]]
id = "rv"
drift = { start_s = -200, lateral_speed = "-1 ft/s" }
[people.officer]
script = [{ at = "inside", dwell = "30 s" }, { at = "window" }]
)";
    for (std::size_t cut = 0; cut <= full.size(); ++cut) {
        sim::io::LoadResult result;
        REQUIRE_NOTHROW(result = loadText(full.substr(0, cut)));
        CHECK(result.ok() == (result.errors.empty()));
    }
    CHECK(loadText(full).ok());
}

TEST_CASE("files over the size cap are rejected without parsing", "[io]") {
    const std::string big = "description = \"" + std::string(sim::io::kMaxFileBytes, 'x') + "\"\n";
    const auto result = rejected(big);
    CHECK_THAT(result.errors.front().expected, Catch::Contains("at most 4 MiB"));
}

TEST_CASE("a file of many values is capped", "[io]") {
    const auto result = rejected("traffic.flow = [" + repeated("1,", sim::io::kMaxValues + 10) + "1]\n");
    CHECK_THAT(result.errors.front().found, Catch::Contains("more than 200000 values"));
}

// Regressions from fuzzing (fuzz/scenario_loader_fuzz.cpp). toml++ 3.3's Unicode whitespace test
// reaches __builtin_unreachable for some non-ASCII code points (upstream #190, #295); the loader
// keeps them from the places where toml++ asks.
TEST_CASE("fuzz: non-ASCII where toml++ 3.3 tests for whitespace is rejected before parsing", "[io]") {
    // The fuzzer's input (base64 ZyA9IHsgaCA977S/aSA9IG40YXQyOjAwWiAAAAAAAAAAAAAAAAptYSBo): U+FD3F
    // after a value, in an inline table.
    const std::string found("g = { h =\xef\xb4\xbfi = n4at2:00Z \0\0\0\0\0\0\0\0\0\0\0\nma h", 43);
    CHECK(rejected(found).errors.front().found == "the character U+FD3F");
    // toml++ reads a malformed value up to a value terminator, through quotes: this "string" is
    // part of the number token 8[+8888888"va_8 (base64 bmFtZSA9OFsrODg4ODg4OCJ2YV84yL44ODhpZG04IyAgIjE0MA==).
    CHECK(rejected("name =8[+8888888\"va_8\xc8\xbe" "888idm8#  \"140").errors.front().found == "the character U+023E");
    CHECK(rejected("a = 8.\"\xc2\xa7\"\n").errors.front().where.column == 8);
    CHECK(test::loadText("a = { b = \"\xc2\xa7\" }\n").errors.front().key == "a");  // valid TOML: an unknown key
    const auto afterValue = rejected("[road]\nlanes = 2\xc2\xa7\n");
    CHECK(afterValue.errors.front().where.line == 2);
    CHECK(afterValue.errors.front().where.column == 10);
    CHECK(afterValue.errors.front().expected == "ASCII outside strings and comments");
    CHECK(rejected("\xc2\xa7 = 1\n").errors.front().found == "the character U+00A7");
    CHECK_THAT(rejected("description = \"\"\"\\\n\xc2\xa7\"\"\"\n").errors.front().expected,
               Catch::Contains("line-ending backslash"));
    CHECK_THAT(rejected("description = \"\"\"a\\\xc2\xa7\"\"\"\n").errors.front().expected, Catch::Contains("escape"));
}

TEST_CASE("non-ASCII text stays welcome in strings and comments", "[io]") {
    const auto s = test::loadOk("\xEF\xBB\xBF# Zürich § ✓\ndescription = \"Zürich § ✓\"\nname = '§'\n"
                                "[people.p]\nscript = [{ at = \"inside\" }] # ✓\n[units.u]\nkind = \"patrol-suv\"\n"
                                "role = \"patrol\"\ns = 0\nd = -1.5\n");
    CHECK(s.description == "Zürich § ✓");
    CHECK(s.name == "§");
    const auto multiLine = test::loadOk("description = \"\"\"\nZürich \\\n  ok §\"\"\"\n");
    CHECK(multiLine.description == "Zürich ok §");
    CHECK(test::errorAbout(loadText("\"§\" = 1\n"), "§").hint.empty());  // a quoted key: an unknown key
}
