// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The rows of runs.csv and events.csv: what a researcher can break strikes down by, and seeds
// that every tool reads back exactly.
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <map>

#include "batch/run_table.hpp"
#include "batch/text.hpp"
#include "batch_fixture.hpp"
#include "sim/presets.hpp"
#include "sim/world.hpp"

namespace {

/// A CSV file as rows of (column name -> cell).
std::vector<std::map<std::string, std::string>> readTable(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    REQUIRE(std::getline(in, line));
    const std::vector<std::string> header = batch::splitCsvLine(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const std::vector<std::string> cells = batch::splitCsvLine(line);
        REQUIRE(cells.size() == header.size());
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < cells.size(); ++i) row[header[i]] = cells[i];
        rows.push_back(std::move(row));
    }
    return rows;
}

/// The cells a striker should have, as written by the core's outcome.
void checkStriker(const std::map<std::string, std::string>& row, const std::string& prefix, const sim::Striker& s) {
    CHECK(row.at(prefix + "striker") == s.id);
    CHECK(row.at(prefix + "striker_kind") == sim::name(s.kind));
    CHECK(row.at(prefix + "driver_state") == sim::name(s.state));
    CHECK(std::stod(row.at(prefix + "striker_speed_mps")) == s.speed);
    CHECK(row.at(prefix + "eyes_off_s") == (s.eyesOffFor < 0.0 ? "" : batch::formatDouble(s.eyesOffFor)));
    CHECK(row.at(prefix + "saw_scene_m") == (s.sawSceneAt < 0.0 ? "" : batch::formatDouble(s.sawSceneAt)));
    CHECK(row.at(prefix + "braking") == (s.braking ? "1" : "0"));
    CHECK(row.at(prefix + "drifting") == (s.drifting ? "1" : "0"));
}

}  // namespace

TEST_CASE("events.csv and runs.csv say what struck and what its driver was doing", "[batch]") {
    test::ScratchDir dir;
    test::writeScenarios(dir.path());
    test::writeFile(dir / "sweeps/grid.toml", test::kGridSweep);
    const batch::Sweep sweep = test::loadOrFail(dir / "sweeps/grid.toml");
    test::runInto(sweep, dir / "out", 2);

    const auto events = readTable(dir / "out/events.csv");
    const auto runs = readTable(dir / "out/runs.csv");
    std::size_t strikes = 0;
    for (const auto& row : events) {
        const std::size_t task = std::stoul(row.at("task"));
        const std::uint64_t seed = std::stoull(row.at("seed"));
        const sim::Outcome outcome = sim::run(sweep.points[sweep.layout().pointOf(task)].scenario, seed);
        if (row.at("kind") == "collision") {
            CHECK(row.at("striker").empty());
            CHECK(row.at("striker_kind").empty());
            continue;
        }
        // The strike row of the re-run outcome with the same time and person.
        const sim::Strike* strike = nullptr;
        for (const sim::Strike& s : outcome.strikes)
            if (batch::formatDouble(s.time) == row.at("t_s") && s.person == row.at("subject")) strike = &s;
        REQUIRE(strike != nullptr);
        REQUIRE_FALSE(strike->striker.id.empty());  // every strike in this stop has a driven vehicle behind it
        INFO("task " << task << ", strike at " << strike->time << " s");
        checkStriker(row, "", strike->striker);
        // runs.csv: the run's first strike.
        const auto& run = runs.at(task);
        REQUIRE(run.at("task") == row.at("task"));
        checkStriker(run, "first_", outcome.strikes.front().striker);
        ++strikes;
    }
    CHECK(strikes > 0);  // the mini stop strikes someone in some of its 48 runs
    for (const auto& run : runs)
        if (run.at("struck") == "0") CHECK(run.at("first_striker_kind").empty());
}

TEST_CASE("every seed a sweep writes is below 2^53 so spreadsheets and pandas read it exactly", "[batch]") {
    // A double (pandas, R, Excel, JavaScript) holds every integer up to 2^53 exactly; above it a
    // seed is rounded, and re-running a row with the rounded seed gives another run.
    for (std::uint64_t root : {std::uint64_t{1}, std::uint64_t{7}, std::uint64_t{20240601}, ~std::uint64_t{0}}) {
        batch::Sweep sweep;
        sweep.rootSeed = root;
        std::vector<std::uint64_t> seen;
        for (std::size_t r = 0; r < 2000; ++r) {
            const std::uint64_t seed = sweep.seedOf(r);
            INFO("root " << root << ", replicate " << r << ": seed " << seed);
            REQUIRE(seed < (std::uint64_t{1} << 53));
            REQUIRE(static_cast<std::uint64_t>(static_cast<double>(seed)) == seed);
            seen.push_back(seed);
        }
        std::sort(seen.begin(), seen.end());
        CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());  // replicates stay distinct
    }
}
