// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "batch/importance.hpp"
#include "batch/manifest.hpp"
#include "batch/run_table.hpp"
#include "batch/text.hpp"
#include "batch_fixture.hpp"
#include "sim/world.hpp"

namespace {

/// The grid sweep (8 points x 6 replicates) written into dir and loaded.
batch::Sweep gridSweep(const test::ScratchDir& dir) {
    test::writeScenarios(dir.path());
    test::writeFile(dir / "sweeps/grid.toml", test::kGridSweep);
    return test::loadOrFail(dir / "sweeps/grid.toml");
}

void checkSameOutputs(const std::filesystem::path& a, const std::filesystem::path& b) {
    const auto first = test::outputs(a), second = test::outputs(b);
    REQUIRE(first.size() == second.size());
    for (const auto& [name, text] : first) {
        INFO(name);
        REQUIRE(second.count(name) == 1);
        CHECK(text == second.at(name));  // byte for byte
    }
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("a sweep writes identical files at 1 and 2 threads", "[batch][determinism]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = gridSweep(dir);
    const batch::RunReport one = test::runInto(sweep, dir / "t1", 1);
    const batch::RunReport two = test::runInto(sweep, dir / "t2", 2);
    CHECK(one.complete);
    CHECK(two.complete);
    CHECK(one.ran == 48);
    checkSameOutputs(dir / "t1", dir / "t2");
    const std::string runs = test::readFile(dir / "t1/runs.csv");
    CHECK(lines(runs) == 49);
    CHECK(runs.substr(0, runs.find('\n')).find("task,point,replicate,seed,tactic,blocker,units.patrol.offset [ft],status,struck") == 0);
    CHECK(lines(test::readFile(dir / "t1/events.csv")) > 1);  // the mini stop has strikes and collisions
    CHECK(one.summary.strikes > 0);
    // The manifest's own members differ (threads), its sweep member does not.
    CHECK(batch::readManifest(dir / "t1/manifest.json").at("threads") == 1);
    CHECK(batch::readManifest(dir / "t2/manifest.json").at("status") == "complete");
}

TEST_CASE("an interrupted sweep resumed equals the uninterrupted one", "[batch][determinism]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = gridSweep(dir);
    test::runInto(sweep, dir / "whole", 2);

    const batch::RunReport stopped = test::runInto(sweep, dir / "resumed", 2, {}, false, 13);
    CHECK(stopped.interrupted);
    CHECK_FALSE(stopped.complete);
    CHECK(stopped.ran == 13);  // the runs in flight are finished and written, none is lost
    CHECK(batch::readManifest(dir / "resumed/manifest.json").at("status") == "interrupted");
    CHECK(lines(test::readFile(dir / "resumed/runs.csv")) == 14);
    CHECK(stopped.summary.runs == 13);

    // Without --resume the folder is refused.
    CHECK_THROWS_AS(test::runInto(sweep, dir / "resumed", 2), batch::SweepError);

    // A kill -9 in the middle of a write: a partial run row, and event rows of a task whose run
    // row never made it.
    {
        std::ofstream runs(dir / "resumed/runs.csv", std::ios::app | std::ios::binary);
        runs << "13,p0005,1,99,angled,none,2,compl";
        std::ofstream events(dir / "resumed/events.csv", std::ios::app | std::ios::binary);
        events << "13,p0005,1,99,strike,1.5,officer-1,vehicle-3,direct,20,0.9,0.8\n14,p0006,1,99,collis";
    }
    const batch::RunReport second = test::runInto(sweep, dir / "resumed", 1, {}, true, 20);
    CHECK(second.doneBefore == 13);
    CHECK(second.ran == 20);
    const batch::RunReport third = test::runInto(sweep, dir / "resumed", 2, {}, true);
    CHECK(third.doneBefore == 33);
    CHECK(third.ran == 15);
    CHECK(third.complete);
    checkSameOutputs(dir / "whole", dir / "resumed");
    // Resuming a complete sweep runs nothing and changes nothing.
    CHECK(test::runInto(sweep, dir / "resumed", 2, {}, true).ran == 0);
    checkSameOutputs(dir / "whole", dir / "resumed");
}

TEST_CASE("resuming refuses a folder of another sweep", "[batch]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = gridSweep(dir);
    test::runInto(sweep, dir / "out", 2, {}, false, 5);
    batch::SweepOptions more;
    more.replicates = 7;
    const batch::Sweep other = test::loadOrFail(dir / "sweeps/grid.toml", more);
    CHECK_THROWS_AS(test::runInto(other, dir / "out", 2, {}, true), batch::SweepError);
    CHECK_THROWS_AS(test::runInto(sweep, dir / "out", 2, {1, 2}, true), batch::SweepError);
}

TEST_CASE("shards merged equal the unsharded sweep", "[batch][determinism]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = gridSweep(dir);
    test::runInto(sweep, dir / "whole", 2);
    std::size_t covered = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const batch::RunReport shard = test::runInto(sweep, dir / ("shard-" + std::to_string(i)), 1, {i, 3});
        CHECK(shard.complete);
        CHECK(shard.first == covered);
        covered = shard.end;
    }
    CHECK(covered == sweep.tasks());
    // A missing shard is refused; then all three, given in any order, make the whole sweep.
    CHECK_THROWS_AS(batch::mergeShards({dir / "shard-0", dir / "shard-2"}, dir / "bad", {}), batch::SweepError);
    const batch::RunReport merged = batch::mergeShards({dir / "shard-2", dir / "shard-0", dir / "shard-1"}, dir / "merged", {});
    CHECK(merged.complete);
    checkSameOutputs(dir / "whole", dir / "merged");
}

TEST_CASE("shards split the tasks into balanced contiguous blocks", "[batch]") {
    std::size_t next = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        const auto [first, end] = batch::Shard{i, 7}.range(100);
        CHECK(first == next);
        CHECK((end - first == 14 || end - first == 15));
        next = end;
    }
    CHECK(next == 100);
    CHECK(batch::parseShard("3/8")->index == 3);
    CHECK_FALSE(batch::parseShard("8/8"));
    CHECK_FALSE(batch::parseShard("1/0"));
    CHECK_FALSE(batch::parseShard("x/2"));
}

TEST_CASE("common random numbers: points that differ only in the patrol offset see the same arrivals", "[batch]") {
    test::ScratchDir dir;
    // The default stop's 1500 m of road before the scene: vehicles enter beyond the distance at
    // which drivers see the scene, as on a real approach. (Within it, a driver already reacting to
    // the patrol car can hold the entry for a moment, and insertion waits for a safe gap.)
    std::string longRoad = test::kMiniStop;
    longRoad.replace(longRoad.find("upstream_length = 500"), 21, "upstream_length = 1500");
    // Without the mini stop's lapses: a lapsing driver who hits the patrol car at one offset and
    // misses it at the other blocks the road in one point only, and the arrivals behind differ.
    const std::string lapses = "lapse = { rate = \"400 /h\" }\n";
    longRoad.erase(longRoad.find(lapses), lapses.size());
    test::writeFile(dir / "stops/long.toml", longRoad);
    test::writeFile(dir / "sweeps/crn.toml", R"(base = "../stops/long.toml"
replicates = 3
seed = 11
[[axes]]
key = "units.patrol.offset"
values = ["-1 ft", "1 ft"]
)");
    const batch::Sweep sweep = test::loadOrFail(dir / "sweeps/crn.toml");
    REQUIRE(sweep.points.size() == 2);
    REQUIRE(sweep.points[0].scenario.units[1].position.y != sweep.points[1].scenario.units[1].position.y);
    // (id, step of appearance, lane) of every traffic vehicle over the first minute. Both offsets
    // keep the patrol car on the shoulder: a unit that reaches into a lane changes where the core
    // can place the vehicles already on the road at t = 0.
    auto arrivals = [&](std::size_t point, std::size_t replicate) {
        const sim::Scenario& sc = sweep.points[point].scenario;
        sim::Scenario minute = sc;
        minute.run.duration = 60.0;
        sim::World w(minute, sweep.seedOf(replicate));
        std::ostringstream seen;
        std::size_t known = 0;
        for (int step = 0; !w.done(); ++step) {
            w.step();
            const sim::Frame frame = w.snapshot();
            for (; known < w.entities().size(); ++known) {
                if (w.entities()[known].kind != sim::EntityKind::TrafficVehicle) continue;
                seen << w.entities()[known].id << " @" << step;
                for (const sim::EntityState& e : frame.entities)
                    if (e.entity == known) seen << " lane " << std::lround(e.pose.position.y / sc.road.laneWidth + 0.5);
                seen << "\n";
            }
        }
        return seen.str();
    };
    for (std::size_t r = 0; r < 3; ++r) {
        const std::string a = arrivals(0, r), b = arrivals(1, r);
        std::istringstream as(a), bs(b);
        std::string la, lb;
        while (std::getline(as, la) && std::getline(bs, lb) && la == lb) {}
        INFO("replicate " << r << ", first difference:\n" << la << "\n" << lb);
        CHECK(std::count(a.begin(), a.end(), '\n') > 20);
        CHECK(a == b);
    }
    CHECK(arrivals(0, 0) != arrivals(0, 1));  // and replicates differ
}

TEST_CASE("any row can be re-run alone from points/ and its seed", "[batch]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = gridSweep(dir);
    const batch::RunReport report = test::runInto(sweep, dir / "out", 2);
    std::ifstream runs(dir / "out/runs.csv");
    std::string line;
    std::getline(runs, line);
    for (int row = 0; std::getline(runs, line); ++row) {
        if (row % 7 != 3) continue;
        const auto cells = batch::splitCsvLine(line);
        const sim::io::LoadResult point = sim::io::loadScenarioFile(dir / "out/points" / (cells[1] + ".toml"));
        REQUIRE(point.ok());
        const std::uint64_t seed = std::stoull(cells[3]);
        const sim::Outcome again = sim::run(*point.scenario, seed);
        const batch::RunKey key{std::stoul(cells[0]), report.layout.pointOf(std::stoul(cells[0])), std::stoul(cells[2]), seed};
        CHECK(batch::runRow(report.layout, key, again) == line + "\n");
    }
}

TEST_CASE("the summary pairs replicates with the baseline point", "[batch]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = gridSweep(dir);
    const batch::RunReport report = test::runInto(sweep, dir / "out", 2);
    const batch::Summary& s = report.summary;
    CHECK(s.complete);
    CHECK(s.runs == 48);
    for (std::size_t p = 0; p < sweep.points.size(); ++p) {
        const batch::PointSummary& ps = s.points[p];
        const std::size_t b = *sweep.points[p].baseline;
        CHECK(ps.runs == 6);
        CHECK(ps.pairs.pairs() == 6);
        CHECK(ps.pairs.both + ps.pairs.pointOnly == ps.strikes);
        CHECK(ps.pairs.both + ps.pairs.baselineOnly == s.points[b].strikes);
        if (b == p) CHECK((ps.pairs.pointOnly == 0 && ps.pairs.baselineOnly == 0));
    }
    // summary.csv: a header and one row per point; summary.json names the methods.
    CHECK(lines(test::readFile(dir / "out/summary.csv")) == 9);
    const std::string json = test::readFile(dir / "out/summary.json");
    CHECK(json.find("\"relative_risk\"") != std::string::npos);
    CHECK(json.find("Wilson") != std::string::npos);
}

namespace {

/// The grid sweep with estimator = "importance" and a short pilot (1 x 8 runs a point).
batch::Sweep importanceGridSweep(const test::ScratchDir& dir) {
    test::writeScenarios(dir.path());
    std::string text = test::kGridSweep;
    text.insert(text.find("baseline"), "estimator = \"importance\"\n");
    text += "\n[importance]\npilot_runs = 8\npilot_iterations = 1\n";
    test::writeFile(dir / "sweeps/grid.toml", text);
    return test::loadOrFail(dir / "sweeps/grid.toml");
}

}  // namespace

TEST_CASE("an importance-sampling sweep gives the same bytes at 1 and 2 threads, in shards and after a resume",
          "[batch][determinism][rare-events]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = importanceGridSweep(dir);
    const batch::RunReport one = test::runInto(sweep, dir / "t1", 1);
    test::runInto(sweep, dir / "t2", 2);
    checkSameOutputs(dir / "t1", dir / "t2");
    // Not vacuous: the runs are weighted (some log weights are not 0) and the proposals recorded.
    std::size_t weighted = 0;
    batch::forEachRun(one.layout, dir / "t1/runs.csv", [&](const batch::RunRecord& r) { weighted += r.logWeight != 0.0 ? 1 : 0; });
    CHECK(weighted > 0);
    CHECK(test::readFile(dir / "t1/importance.json").find("\"proposal\"") != std::string::npos);

    for (std::size_t i = 0; i < 2; ++i) test::runInto(sweep, dir / ("shard-" + std::to_string(i)), 2, {i, 2});
    batch::mergeShards({dir / "shard-1", dir / "shard-0"}, dir / "merged", {});
    checkSameOutputs(dir / "t1", dir / "merged");

    test::runInto(sweep, dir / "resumed", 2, {}, false, 17);
    test::runInto(sweep, dir / "resumed", 1, {}, true);
    checkSameOutputs(dir / "t1", dir / "resumed");
}

TEST_CASE("any row of an importance-sampling sweep can be re-run alone, with the point's proposal from importance.json",
          "[batch][rare-events]") {
    // roadside-batch run DIR/points/<point>.toml --seed <seed> --proposal DIR/importance.json: the
    // point's scenario with its tuned proposal gives the row again, log_weight included.
    test::ScratchDir dir;
    const batch::Sweep sweep = importanceGridSweep(dir);
    const batch::RunReport report = test::runInto(sweep, dir / "out", 2);
    const nlohmann::json importance = nlohmann::json::parse(test::readFile(dir / "out/importance.json"));
    std::ifstream runs(dir / "out/runs.csv");
    std::string line;
    std::getline(runs, line);
    std::size_t checked = 0, weighted = 0;
    for (int row = 0; std::getline(runs, line); ++row) {
        if (row % 5 != 2) continue;
        const auto cells = batch::splitCsvLine(line);
        const sim::io::LoadResult point = sim::io::loadScenarioFile(dir / "out/points" / (cells[1] + ".toml"));
        REQUIRE(point.ok());
        sim::Scenario sc = *point.scenario;
        for (const nlohmann::json& p : importance.at("points"))
            if (p.at("id") == cells[1]) sc.importance = batch::proposalFromJson(p.at("proposal"));
        REQUIRE(sc.importance.enabled);
        const std::uint64_t seed = std::stoull(cells[3]);
        const sim::Outcome again = sim::run(sc, seed);
        const batch::RunKey key{std::stoul(cells[0]), report.layout.pointOf(std::stoul(cells[0])), std::stoul(cells[2]), seed};
        CHECK(batch::runRow(report.layout, key, again) == line + "\n");
        ++checked;
        weighted += again.logWeight != 0.0 ? 1 : 0;
    }
    CHECK(checked > 5);
    CHECK(weighted > 0);  // rows with a tilted window were among them
}

TEST_CASE("an importance-sampling summary is the weighted mean of runs.csv, with the diagnostics", "[batch][rare-events]") {
    test::ScratchDir dir;
    const batch::Sweep sweep = importanceGridSweep(dir);
    const batch::RunReport report = test::runInto(sweep, dir / "out", 2);
    // Recomputed here from the rows, independently of the summary's accumulators.
    std::vector<double> sumWX(sweep.points.size(), 0.0), sumW(sweep.points.size(), 0.0);
    std::vector<std::size_t> n(sweep.points.size(), 0);
    batch::forEachRun(report.layout, dir / "out/runs.csv", [&](const batch::RunRecord& r) {
        const double w = std::exp(r.logWeight);
        sumWX[r.point] += r.struck ? w : 0.0;
        sumW[r.point] += w;
        ++n[r.point];
    });
    std::size_t withHits = 0;
    for (std::size_t p = 0; p < sweep.points.size(); ++p) {
        const batch::WeightedEstimate& e = report.summary.points[p].estimates.personStruck;
        CHECK(e.estimator == "importance");
        CHECK(e.runs == n[p]);
        CHECK(e.estimate == Approx(sumWX[p] / static_cast<double>(n[p])).epsilon(1e-12));
        CHECK(e.meanWeight == Approx(sumW[p] / static_cast<double>(n[p])).epsilon(1e-12));
        CHECK(e.lo <= e.estimate);
        CHECK(e.hi >= e.estimate);
        withHits += e.hits > 0 ? 1 : 0;
    }
    CHECK(withHits > 0);
    // Every field of the issue's list, by name, in summary.csv and summary.json.
    const std::string csv = test::readFile(dir / "out/summary.csv"), json = test::readFile(dir / "out/summary.json");
    const std::string header = "," + csv.substr(0, csv.find('\n')) + ",";
    for (const char* field : {"estimator", "p_strike", "p_strike_lo", "p_strike_hi", "p_strike_interval", "p_strike_rel_error", "runs",
                              "hits", "ess", "ess_hits", "max_weight_share", "pareto_k", "mean_weight", "mean_weight_se", "speedup",
                              "deaths_per_million", "p_unit_struck", "warnings"}) {
        INFO(field);
        CHECK(header.find("," + std::string(field) + ",") != std::string::npos);
        CHECK(json.find("\"" + std::string(field) + "\"") != std::string::npos);
    }
}
