// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <string>

#include "batch_fixture.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"

namespace fs = std::filesystem;

TEST_CASE("record = strikes writes a replay of exactly the runs with a strike", "[batch][recording]") {
    test::ScratchDir dir;
    test::writeScenarios(dir.path());
    std::string text = test::kGridSweep;
    text.insert(text.find("baseline"), "record = \"strikes\"\n");
    test::writeFile(dir / "sweeps/grid.toml", text);
    const batch::Sweep sweep = test::loadOrFail(dir / "sweeps/grid.toml");
    const batch::RunReport report = test::runInto(sweep, dir / "out", 2);
    REQUIRE(report.summary.strikes > 0);

    int replays = 0;
    for (const auto& entry : fs::directory_iterator(dir / "out/replays")) {
        ++replays;
        std::string error;
        const auto rec = sim::io::Recording::open(entry.path(), &error);
        REQUIRE(rec.has_value());
        CHECK(rec->outcome().struck);
        // The replay is the run in the table: same seed, same final state.
        const std::string row = test::readFile(dir / "out/runs.csv");
        CHECK(row.find(std::to_string(rec->header().seed)) != std::string::npos);
    }
    // One replay per run with a strike (a run may strike several people: count runs, not strikes).
    const std::string runs = test::readFile(dir / "out/runs.csv");
    int struckRuns = 0;
    for (std::size_t at = runs.find('\n'); at != std::string::npos && at + 1 < runs.size(); at = runs.find('\n', at + 1)) {
        const std::string line = runs.substr(at + 1, runs.find('\n', at + 1) - at - 1);
        if (line.find(",completed,1,") != std::string::npos) ++struckRuns;
    }
    CHECK(replays == struckRuns);
}
