// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Golden outcomes: every scenario of the library (scenarios/default-stop.toml, stops/, cases/,
// examples/) run for a few seeds, each run's outcome JSON (with its final state hash) and a hash
// of every step's events compared line by line with tests/world/golden/outcomes.txt. A refactor
// must leave the file unchanged; a change of behaviour changes it.
//
// The seeds were chosen so that something happens in some of the runs: the training stop's seed
// 3962 (the README's story: a sedan pushes the patrol car into the officer), interstate-70's seed
// 127 (its closest pass of seeds 1-400, 35 cm from the officer), the cases' own seeds (pushed
// units, strikes, a wreck struck again, a squeeze at speed) with seed 24 of trooper-motorist-snow
// (the wreck struck again, the second car on into the patrol SUV and a third car into both),
// impaired-driver-night's seed 1 (a miss by 2 cm) and motorhome-squeeze's seed 1 (a crawl through
// the gap), the arterial taper's seed 216 (a car strikes another, then the patrol car, and pushes
// it into the violator) and seed 2 (collisions between cars), night-passenger's seed 155 (a box
// truck strikes the officer at 49 mph) and seed 274 (collisions between cars). The default stop's
// seeds show none of this (at the roads' rate a strike comes in a few of a million stops):
// ordinary traffic past the scene.
//
// Regenerate after a deliberate change of behaviour:
//     ROADSIDE_UPDATE_GOLDEN=1 build/tests/roadside_tests "[golden]"
// rewrites tests/world/golden/outcomes.txt in the source tree. A commit that changes the file
// must say in its message why the outcomes changed (which runs, and what in the model made them).
//
// The file is a function of the build (compiler, flags, Box2D): it holds for this project's GCC
// builds with -ffp-contract=off; another compiler may round differently and fail here.
#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/io_test_support.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/rng.hpp"
#include "sim/world.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kGoldenFile = fs::path(ROADSIDE_SOURCE_DIR) / "tests/world/golden/outcomes.txt";

struct GoldenRuns {
    const char* file;                    ///< relative to scenarios/
    std::vector<std::uint64_t> seeds;
};

// Every scenario file of the library (a test below checks none is missing), at its own duration.
const std::vector<GoldenRuns> kRuns = {
    {"default-stop.toml", {1, 2, 23}},
    {"training-stop.toml", {3962}},  // the README's strike story
    {"stops/arterial-45-shoulder-taper.toml", {1, 2, 216}},
    {"stops/arterial-45.toml", {1}},
    {"stops/freeway-65-fire-block.toml", {1}},
    {"stops/freeway-65.toml", {3}},
    {"stops/interstate-70-night-passenger.toml", {1, 274, 155}},
    {"stops/interstate-70.toml", {1, 127}},
    {"cases/impaired-driver-night.toml", {9, 1}},
    {"cases/motorhome-squeeze.toml", {2, 1}},
    {"cases/trooper-motorist-snow.toml", {44, 24}},
    {"examples/fire-block-taper.toml", {1, 2}},
    {"examples/night-rain-passenger.toml", {1}},
    {"examples/three-lane-angled.toml", {1}},
};

/// Every event of every step, hashed in order.
std::uint64_t mixEvents(std::uint64_t h, std::span<const sim::Event> events) {
    auto mix = [&](std::uint64_t x) { h = sim::splitmix64(h ^ x); };
    for (const sim::Event& e : events) {
        mix(std::bit_cast<std::uint64_t>(e.time));
        mix(static_cast<std::uint64_t>(e.kind));
        mix((static_cast<std::uint64_t>(e.subject) << 32) | e.other);
        mix(std::bit_cast<std::uint64_t>(e.value));
        mix(std::bit_cast<std::uint64_t>(e.position.x));
        mix(std::bit_cast<std::uint64_t>(e.position.y));
        mix(e.viaPushedUnit ? 1u : 0u);
    }
    return h;
}

/// One line of the golden file: "<file> seed=<n> events=<hash> <outcome JSON>".
std::string goldenLine(const std::string& file, std::uint64_t seed) {
    const sim::Scenario sc = test::loadFileOk(fs::path(ROADSIDE_SOURCE_DIR) / "scenarios" / file);
    sim::World world(sc, seed);
    std::uint64_t events = 0xCBF29CE484222325ull;
    while (!world.done()) {
        world.step();
        events = mixEvents(events, world.stepEvents());
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(events));
    return file + " seed=" + std::to_string(seed) + " events=" + hex + " " + sim::io::outcomeToJson(world.outcome());
}

std::vector<std::string> readLines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("The golden runs cover every scenario of the library", "[world][golden]") {
    const fs::path library = fs::path(ROADSIDE_SOURCE_DIR) / "scenarios";
    std::vector<std::string> listed;
    for (const GoldenRuns& r : kRuns) listed.emplace_back(r.file);
    for (const char* folder : {"", "stops", "cases", "examples"}) {
        for (const auto& entry : fs::directory_iterator(library / folder)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".toml") continue;
            const std::string rel = fs::relative(entry.path(), library).generic_string();
            INFO(rel << " has no golden runs: add it to kRuns and regenerate the golden file");
            CHECK(std::find(listed.begin(), listed.end(), rel) != listed.end());
        }
    }
}

TEST_CASE("Every library scenario gives the golden outcome for its seeds", "[world][golden]") {
    std::vector<std::string> lines;
    for (const GoldenRuns& r : kRuns)
        for (const std::uint64_t seed : r.seeds) lines.push_back(goldenLine(r.file, seed));

    const char* update = std::getenv("ROADSIDE_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        fs::create_directories(kGoldenFile.parent_path());
        std::ofstream out(kGoldenFile, std::ios::binary);
        for (const std::string& l : lines) out << l << '\n';
        REQUIRE(out.good());
        WARN("rewrote " << kGoldenFile.string() << ": explain the change in the commit message");
        return;
    }

    const std::vector<std::string> golden = readLines(kGoldenFile);
    INFO("golden file " << kGoldenFile.string() << " (regenerate: ROADSIDE_UPDATE_GOLDEN=1 roadside_tests \"[golden]\")");
    REQUIRE(golden.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        INFO("expected: " << golden[i] << "\nfound:    " << lines[i]);
        CHECK(lines[i] == golden[i]);
    }
}
