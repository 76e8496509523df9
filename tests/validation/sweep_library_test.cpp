// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Every sweep in scenarios/sweeps/ loads with the batch runner's loader (batch/include/batch/
// sweep.hpp): its base and overlays exist, its axes name keys, units and people the scenarios
// have, its values are in range, its baseline names axis values, and every point loads. Built
// only with the batch runner (ROADSIDE_BUILD_BATCH).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "batch/sweep.hpp"

namespace fs = std::filesystem;

TEST_CASE("Every sweep in scenarios/sweeps/ loads and resolves all its points", "[scenarios]") {
    std::vector<fs::path> sweeps;
    for (const auto& entry : fs::directory_iterator(fs::path(ROADSIDE_SOURCE_DIR) / "scenarios/sweeps"))
        if (entry.path().extension() == ".toml") sweeps.push_back(entry.path());
    std::sort(sweeps.begin(), sweeps.end());
    REQUIRE(sweeps.size() >= 8);
    for (const fs::path& file : sweeps) {
        INFO(file.filename().string());
        const batch::SweepLoad load = batch::loadSweepFile(file);
        for (const sim::io::Diagnostic& d : load.errors) UNSCOPED_INFO(d.message());
        REQUIRE(load.ok());
        const batch::Sweep& sweep = *load.sweep;
        CHECK(sweep.name == file.stem().string());
        CHECK(!sweep.points.empty());
        CHECK(sweep.replicates > 0);
        CHECK(!sweep.description.empty());
        // Every sweep names a baseline, so that its summary has relative risks.
        CHECK(!sweep.baselineSpec.empty());
        for (const batch::SweepPoint& p : sweep.points) CHECK(p.baseline.has_value());
    }
}

TEST_CASE("The default tactics sweep: 3 tactics x 2 blockers x 2 lights on the freeway stop", "[scenarios]") {
    const batch::SweepLoad load =
        batch::loadSweepFile(fs::path(ROADSIDE_SOURCE_DIR) / "scenarios/sweeps/default-tactics.toml");
    REQUIRE(load.ok());
    const batch::Sweep& sweep = *load.sweep;
    CHECK(sweep.points.size() == 12);
    REQUIRE(sweep.axes.size() == 3);
    CHECK(sweep.axes[0].name == "tactic");
    CHECK(sweep.axes[1].name == "blocker");
    CHECK(sweep.axes[2].name == "light");
    // The points with the engine have one unit more.
    for (const batch::SweepPoint& p : sweep.points)
        CHECK(p.scenario.units.size() == (p.values[1] == 1 ? 3u : 2u));
}
