// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The scenario library as the loader sees it, pinned: every complete scenario in scenarios/
// (the top level, stops/, cases/, examples/) is loaded and its Scenario dumped field by field
// with its flat source text, and compared byte for byte with tests/io/golden/scenarios/. A change
// to the loader that changes what any library file means fails here; one that should (a new
// default, a fixed bug) regenerates the golden files deliberately (tests/io/golden.hpp says how).
// The sweeps of scenarios/sweeps/ are pinned the same way by sweep_golden_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "golden.hpp"
#include "io_test_support.hpp"
#include "scenario_dump.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kLibrary = fs::path(ROADSIDE_SOURCE_DIR) / "scenarios";

/// The complete scenarios of the library (the folders tests/validation/scenario_library_test.cpp
/// classifies as scenarios), sorted.
std::vector<fs::path> libraryScenarios() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(kLibrary)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".toml") continue;
        const std::string folder = fs::relative(entry.path().parent_path(), kLibrary).generic_string();
        if (folder == "." || folder == "stops" || folder == "cases" || folder == "examples") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("Every scenario of the library loads to the Scenario and flat text pinned in tests/io/golden", "[io][golden]") {
    const std::vector<fs::path> files = libraryScenarios();
    REQUIRE(files.size() >= 13);
    for (const fs::path& file : files) {
        const std::string relative = fs::relative(file, kLibrary).generic_string();
        INFO(relative);
        const sim::Scenario scenario = test::loadFileOk(file);
        test::checkGolden("scenarios/" + relative + ".txt",
                          "# scenarios/" + relative + "\n" + test::dump(scenario) + "--- sourceText\n" + scenario.sourceText);
    }
}
