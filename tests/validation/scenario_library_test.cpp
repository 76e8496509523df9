// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The scenario library (scenarios/) loads and runs. The folders decide what a file is:
//   - scenarios: scenarios/*.toml, stops/, cases/, examples/, validation/ (complete stops: load alone and run);
//   - overlays:  roads/, tactics/, conditions/ (partial files, merged over a stop by `include` or by a
//                sweep value; they are loaded here merged over scenarios/default-stop.toml);
//   - sweeps:    sweeps/ (sweep_library_test.cpp loads them with the batch runner's loader).
// A .toml anywhere else fails the first test, so a new folder has to be classified here and in
// scenarios/README.md. tests/io's "the scenario files in the repository load without errors"
// checks default-stop.toml and examples/ in more depth.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "sim/io/scenario_loader.hpp"
#include "sim/world.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kLibrary = fs::path(ROADSIDE_SOURCE_DIR) / "scenarios";
const std::set<std::string> kScenarioFolders = {"", "stops", "cases", "examples", "validation"};
const std::set<std::string> kOverlayFolders = {"roads", "tactics", "conditions"};
const std::set<std::string> kSweepFolders = {"sweeps"};

/// The library's .toml files whose folder (relative to scenarios/, "" for the top level) is in `folders`.
std::vector<fs::path> filesIn(const std::set<std::string>& folders) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(kLibrary)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".toml") continue;
        const std::string folder = fs::relative(entry.path().parent_path(), kLibrary).lexically_normal().generic_string();
        if (folders.count(folder == "." ? "" : folder) != 0) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Runs 30 simulated seconds and checks the run stays sane.
void runBriefly(sim::Scenario sc) {
    sc.run.duration = 30.0;
    const sim::Outcome out = sim::run(sc, sc.run.seed);
    CHECK(out.status == sim::RunStatus::Completed);
    CHECK(out.simulated == Approx(30.0).margin(sc.run.dt));
}

}  // namespace

TEST_CASE("Every .toml in scenarios/ is a scenario, an overlay or a sweep, by its folder", "[scenarios]") {
    std::set<std::string> all;
    for (const auto& entry : fs::recursive_directory_iterator(kLibrary))
        if (entry.is_regular_file() && entry.path().extension() == ".toml") all.insert(entry.path().string());
    std::set<std::string> known;
    for (const auto* folders : {&kScenarioFolders, &kOverlayFolders, &kSweepFolders})
        for (const fs::path& p : filesIn(*folders)) known.insert(p.string());
    for (const std::string& f : all) {
        INFO(f << " is in a folder the library does not classify (see this file's header)");
        CHECK(known.count(f) == 1);
    }
    CHECK(filesIn(kScenarioFolders).size() >= 10);
    CHECK(filesIn(kOverlayFolders).size() >= 10);
    CHECK(filesIn(kSweepFolders).size() >= 8);
}

TEST_CASE("Every scenario in the library loads without errors and runs 30 simulated seconds", "[scenarios]") {
    for (const fs::path& file : filesIn(kScenarioFolders)) {
        INFO(fs::relative(file, kLibrary).string());
        const sim::io::LoadResult r = sim::io::loadScenarioFile(file);
        for (const sim::io::Diagnostic& d : r.errors) UNSCOPED_INFO(d.message());
        REQUIRE(r.ok());
        CHECK(!r.scenario->units.empty());
        CHECK(!r.scenario->people.empty());
        runBriefly(*r.scenario);
    }
}

TEST_CASE("Every overlay in the library loads merged over the default stop and runs 30 simulated seconds", "[scenarios]") {
    for (const fs::path& file : filesIn(kOverlayFolders)) {
        INFO(fs::relative(file, kLibrary).string());
        // A scratch scenario in scenarios/ that includes the default stop, then the overlay.
        const std::string text = "include = [\"default-stop.toml\", \"" + fs::relative(file, kLibrary).generic_string() + "\"]\n";
        const sim::io::LoadResult r = sim::io::loadScenarioText(text, (kLibrary / "overlay-check.toml").string());
        for (const sim::io::Diagnostic& d : r.errors) UNSCOPED_INFO(d.message());
        REQUIRE(r.ok());
        runBriefly(*r.scenario);
    }
}

TEST_CASE("The library's three roads: 2 lanes at 65 mph, 3 lanes at 70 mph, 2 lanes at 45 mph", "[scenarios]") {
    struct Road {
        const char* file;
        int lanes;
        double mph;
    };
    for (const Road& road : {Road{"stops/freeway-65.toml", 2, 65}, Road{"stops/interstate-70.toml", 3, 70},
                             Road{"stops/arterial-45.toml", 2, 45}}) {
        INFO(road.file);
        const auto r = sim::io::loadScenarioFile(kLibrary / road.file);
        REQUIRE(r.ok());
        CHECK(r.scenario->road.lanes == road.lanes);
        CHECK(r.scenario->road.speedLimit == Approx(road.mph * sim::units::kMph));
        // The stops are the default stop on that road: same units and people.
        CHECK(r.scenario->units.size() == 2);
        CHECK(r.scenario->people.size() == 2);
    }
}

TEST_CASE("The fire engine's lane + 1 block closes lane 1 and leaves the other lanes open on every road", "[scenarios]") {
    // tactics/fire-engine-block.toml: the engine's outline must cover lane 1 (from the shoulder to
    // its far edge, less a car's width of gap) without closing lane 2 (at most a 0.5 m intrusion,
    // which narrows it; a car needs its width plus 0.6 m).
    for (const char* road : {"roads/freeway-65.toml", "roads/interstate-70.toml", "roads/arterial-45.toml"}) {
        INFO(road);
        const std::string text = std::string("include = [\"default-stop.toml\", \"") + road + "\", \"tactics/fire-engine-block.toml\"]\n";
        const auto r = sim::io::loadScenarioText(text, (kLibrary / "block-check.toml").string());
        for (const sim::io::Diagnostic& d : r.errors) UNSCOPED_INFO(d.message());
        REQUIRE(r.ok());
        const sim::Scenario& sc = *r.scenario;
        const auto engine = std::find_if(sc.units.begin(), sc.units.end(), [](const sim::UnitDef& u) { return u.id == "blocker"; });
        REQUIRE(engine != sc.units.end());
        sim::Vec2 c[4];
        sim::boxCorners({{engine->position, engine->heading}, 0.5 * engine->spec.length, 0.5 * engine->spec.width}, c);
        double dMin = 1e9, dMax = -1e9;
        for (const sim::Vec2& p : c) {
            dMin = std::min(dMin, p.y);
            dMax = std::max(dMax, p.y);
        }
        const double lane = sc.road.laneWidth;
        CHECK(dMin < 0.0);                                // reaches onto the shoulder
        CHECK(lane - dMax < 1.85 + 0.6);                  // no car fits past it in lane 1
        CHECK(dMax - lane < 0.5);                         // lane 2 stays open
        CHECK(2.0 * lane - std::max(dMax, lane) >= 2.59 + 0.6);  // even for a truck
    }
}
