// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The sweeps of scenarios/sweeps/ as the sweep loader resolves them, pinned: for each sweep its
// settings, axes (labels, runs.csv cells, overlays, overrides with their locations), hash, and
// every point (axis values, baseline, and hashes of its points/<id>.toml text and of the dump of
// the Scenario that runs), with the first point's text and dump in full. Compared byte for byte
// with tests/io/golden/sweeps/ (tests/io/golden.hpp says how to regenerate them). Built only
// with the batch runner, whose loader this is.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "batch/sweep.hpp"
#include "batch/text.hpp"
#include "golden.hpp"
#include "scenario_dump.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kLibrary = fs::path(ROADSIDE_SOURCE_DIR) / "scenarios";

/// A location with the path relative to the library, so that the golden text is the same in
/// every checkout.
std::string located(const sim::io::SourceLocation& where) {
    std::string file = where.file;
    const std::string root = kLibrary.string() + "/";
    if (file.rfind(root, 0) == 0) file = file.substr(root.size());
    return file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string dumpSweep(const batch::Sweep& s) {
    std::string out = "name = " + s.name + "\ndescription = " + s.description + "\nbase = " + s.baseFile +
                      " (flat text " + batch::hex64(batch::fnv1a64(s.baseText)) + ")\n";
    for (const auto& [file, text] : s.overlays) out += "overlay = " + file + " (" + batch::hex64(batch::fnv1a64(text)) + ")\n";
    out += "seed = " + std::to_string(s.rootSeed) + "\nreplicates = " + std::to_string(s.replicates) +
           "\nrecord = " + std::string(batch::name(s.record)) + "\n";
    if (s.sampling)
        out += "sampling = " + std::string(batch::name(s.sampling->method)) + ", " + std::to_string(s.sampling->samples) +
               " samples, scramble " + (s.sampling->scramble ? "true" : "false") + "\n";
    for (const auto& [axis, label] : s.baselineSpec) out += "baseline." + axis + " = " + label + "\n";
    for (const batch::Axis& a : s.axes) {
        out += "axis " + a.header() + ": key " + a.key + ", " + std::string(batch::name(a.kind)) + ", at " + located(a.where) + "\n";
        for (const batch::AxisValue& v : a.values) {
            out += "  value " + v.label + " | cell " + v.cell + "\n";
            for (const std::string& file : v.includes) out += "    include " + file + "\n";
            for (const sim::io::Override& o : v.overrides)
                out += "    set " + o.path + " = " + o.value + " at " + located(o.origin) + "\n";
        }
    }
    out += "hash = " + batch::hex64(s.hash) + "\n";
    for (const batch::SweepPoint& p : s.points) {
        out += p.id + " values";
        for (std::size_t v : p.values) out += " " + std::to_string(v);
        out += " baseline " + (p.baseline ? s.points[*p.baseline].id : std::string("none")) + " text " +
               batch::hex64(batch::fnv1a64(p.scenarioText)) + " scenario " + batch::hex64(batch::fnv1a64(test::dump(p.scenario))) +
               " source " + batch::hex64(batch::fnv1a64(p.scenario.sourceText)) + "\n";
    }
    if (!s.points.empty()) {
        const batch::SweepPoint& first = s.points.front();
        out += "--- " + first.id + " scenarioText\n" + first.scenarioText + "--- " + first.id + " scenario\n" + test::dump(first.scenario);
    }
    return out;
}

}  // namespace

TEST_CASE("Every sweep of the library resolves to the points pinned in tests/io/golden", "[io][golden]") {
    std::vector<fs::path> sweeps;
    for (const auto& entry : fs::directory_iterator(kLibrary / "sweeps"))
        if (entry.path().extension() == ".toml") sweeps.push_back(entry.path());
    std::sort(sweeps.begin(), sweeps.end());
    REQUIRE(sweeps.size() >= 10);
    for (const fs::path& file : sweeps) {
        INFO(file.filename().string());
        const batch::SweepLoad load = batch::loadSweepFile(file);
        INFO(sim::io::formatDiagnostics(load.errors));
        REQUIRE(load.ok());
        test::checkGolden("sweeps/" + file.stem().string() + ".txt", dumpSweep(*load.sweep));
    }
}
