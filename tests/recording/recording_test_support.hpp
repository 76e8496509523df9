// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "io/io_test_support.hpp"
#include "sim/frame.hpp"
#include "sim/io/recording.hpp"
#include "sim/scenario.hpp"
#include "sim/world.hpp"
#include "world/stop_fixture.hpp"

/// Helpers for the recording tests: scratch folders, whole files as bytes, and a run recorded
/// while everything the World reported is kept for comparison.
namespace test {

/// A fresh folder under the system temp folder, removed with everything in it at the end.
using RecordingDir = TempDir;

inline std::string readBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeBytes(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The stop of tests/world with traffic and a car whose driver looks away and drifts into the
/// officer at the violator's window (a strike, close passes, a collision with the violator).
inline sim::Scenario strikeScenario(double duration = 20.0, double flowPerLane = 900.0) {
    StopOptions o;
    o.patrol = true;
    o.flowPerLane = flowPerLane;
    o.duration = duration;
    sim::Scenario sc = stopScenario(o);
    sc.name = "recording-strike";
    sc.drivers.attention.laneKeepingSd = 0.0;
    sc.scriptedVehicles.push_back(driftingCar(25.0, -2.0, -20.0));
    return sc;
}

/// The first seed (from 1) with which the scenario's run strikes someone: the drift always aims
/// at the officer, but traffic in front of the drifting car can spoil it for a given seed.
inline std::uint64_t strikingSeed(const sim::Scenario& sc) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed)
        if (sim::run(sc, seed).struck) return seed;
    FAIL("no seed in 1..40 gives a strike");
    return 0;
}

/// Everything a World reported while it was recorded.
struct ObservedRun {
    std::vector<sim::Frame> snapshots;  ///< after construction and after every step
    std::vector<sim::Event> events;
    std::vector<sim::EntityInfo> entities;
    sim::Outcome outcome;
};

inline ObservedRun recordObserved(const sim::Scenario& sc, std::uint64_t seed, const std::filesystem::path& path,
                                  double frameRate = sim::io::kDefaultFrameRate) {
    ObservedRun run;
    sim::World world(sc, seed);
    sim::io::RecordingWriter writer(path, sc, seed, frameRate);
    writer.observe(world);
    run.snapshots.push_back(world.snapshot());
    while (!world.done()) {
        world.step();
        writer.observe(world);
        run.snapshots.push_back(world.snapshot());
        run.events.insert(run.events.end(), world.stepEvents().begin(), world.stepEvents().end());
    }
    run.entities = world.entities();
    run.outcome = world.outcome();
    writer.finish(run.outcome);
    return run;
}

}  // namespace test
