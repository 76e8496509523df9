// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// What merge (and resume) say when the folders given are not the complete shards of one sweep:
// every shard named as "shard i/N", each problem at once, never a manifest's raw JSON.
#include <catch2/catch.hpp>

#include "batch/manifest.hpp"
#include "batch_fixture.hpp"

namespace {

/// The grid sweep with 3 replicates (8 points, 24 tasks), written into dir and loaded.
batch::Sweep smallGrid(const test::ScratchDir& dir) {
    test::writeScenarios(dir.path());
    test::writeFile(dir / "sweeps/grid.toml", test::kGridSweep);
    batch::SweepOptions options;
    options.replicates = 3;
    return test::loadOrFail(dir / "sweeps/grid.toml", options);
}

/// Runs shards `indices` of `count` into dir/shard-<i>, complete.
void runShards(const batch::Sweep& sweep, const test::ScratchDir& dir, std::size_t count, std::initializer_list<std::size_t> indices) {
    for (const std::size_t i : indices) REQUIRE(test::runInto(sweep, dir / ("shard-" + std::to_string(i)), 1, {i, count}).complete);
}

/// The message of the SweepError that merging `shards` throws ("" if it does not throw).
std::string mergeError(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out) {
    try {
        batch::mergeShards(shards, out, {});
    } catch (const batch::SweepError& e) {
        return e.what();
    }
    return "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("merge names each missing shard as i/N", "[batch]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = smallGrid(dir);
    runShards(sweep, dir, 4, {0, 1, 3});

    const std::string one = mergeError({dir / "shard-3", dir / "shard-0", dir / "shard-1"}, dir / "merged");
    INFO(one);
    CHECK(has(one, "shard 2/4 is missing"));
    CHECK(has(one, "--shard 2/4 --resume"));  // how to make it
    CHECK_FALSE(has(one, "shard 0/4"));
    CHECK_FALSE(has(one, "shard 1/4"));
    CHECK_FALSE(has(one, "shard 3/4"));
    CHECK_FALSE(std::filesystem::exists(dir / "merged/runs.csv"));

    // Consecutive missing shards are one range; a missing first or last shard is named too.
    const std::string three = mergeError({dir / "shard-1"}, dir / "merged");
    INFO(three);
    CHECK(has(three, "shard 0/4 is missing"));
    CHECK(has(three, "shards 2/4 to 3/4 are missing"));
    CHECK_FALSE(has(three, "shard 1/4"));
}

TEST_CASE("merge names each incomplete shard with the runs it holds and the command that finishes it", "[batch]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = smallGrid(dir);
    runShards(sweep, dir, 3, {0});
    // Shard 1 interrupted after 3 of its 8 runs (Ctrl-C, a time limit); shard 2 killed with
    // kill -9 after 5 (its manifest still says running).
    CHECK_FALSE(test::runInto(sweep, dir / "shard-1", 1, {1, 3}, false, 3).complete);
    test::runInto(sweep, dir / "shard-2", 1, {2, 3}, false, 5);
    nlohmann::json killed = batch::readManifest(dir / "shard-2/manifest.json");
    killed["status"] = "running";
    batch::writeFileAtomically(dir / "shard-2/manifest.json", killed.dump(2));

    const std::string message = mergeError({dir / "shard-0", dir / "shard-1", dir / "shard-2"}, dir / "merged");
    INFO(message);
    CHECK(has(message, "shard 1/3 in " + (dir / "shard-1").string() + " is incomplete: 3 of its 8 runs, status interrupted"));
    CHECK(has(message, "--out " + (dir / "shard-1").string() + " --shard 1/3 --resume"));
    CHECK(has(message, "shard 2/3 in " + (dir / "shard-2").string() + " is incomplete: 5 of its 8 runs, status running (still running, or killed)"));
    CHECK_FALSE(has(message, "shard 0/3"));
    CHECK_FALSE(std::filesystem::exists(dir / "merged/runs.csv"));
}

TEST_CASE("merge names shards of another split or given twice as i/N, never as JSON", "[batch]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = smallGrid(dir);
    runShards(sweep, dir, 3, {0, 1, 2});
    REQUIRE(test::runInto(sweep, dir / "half-1", 1, {1, 2}).complete);

    const std::string split = mergeError({dir / "shard-0", dir / "half-1", dir / "shard-2"}, dir / "merged");
    INFO(split);
    CHECK(has(split, (dir / "half-1").string() + " holds shard 1/2, but " + (dir / "shard-0").string() + " holds shard 0/3"));
    CHECK(has(split, "shard 1/3 is missing"));
    CHECK_FALSE(has(split, "{"));

    const std::string twice = mergeError({dir / "shard-0", dir / "shard-1", dir / "shard-1", dir / "shard-2"}, dir / "merged");
    INFO(twice);
    CHECK(has(twice, "shard 1/3 is given twice"));

    // A folder without a manifest is named, and the shards the others leave out are still listed.
    std::filesystem::create_directories(dir / "empty");
    const std::string empty = mergeError({dir / "shard-0", dir / "empty"}, dir / "merged");
    INFO(empty);
    CHECK(has(empty, (dir / "empty").string() + ": not a sweep's results folder"));
    CHECK(has(empty, "shards 1/3 to 2/3 are missing"));
    CHECK_FALSE(std::filesystem::exists(dir / "merged/runs.csv"));

    // The same folders in any order, once each, merge.
    CHECK(batch::mergeShards({dir / "shard-2", dir / "shard-0", dir / "shard-1"}, dir / "merged", {}).complete);
}

TEST_CASE("resuming a folder as another shard names both as i/N, never as JSON", "[batch]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = smallGrid(dir);
    test::runInto(sweep, dir / "shard-0", 1, {0, 2}, false, 2);
    std::string message;
    try {
        test::runInto(sweep, dir / "shard-0", 1, {0, 3}, true);
    } catch (const batch::SweepError& e) {
        message = e.what();
    }
    INFO(message);
    CHECK(has(message, (dir / "shard-0").string() + " holds shard 0/2, not shard 0/3"));
    CHECK_FALSE(has(message, "{"));
}
