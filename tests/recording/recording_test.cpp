// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "recording_test_support.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/version.hpp"
#include "sim/world.hpp"

using namespace sim;
using sim::io::Recording;

namespace {

/// |a - b| within half a quantization step (and a hair for the floating-point product).
bool withinHalfStep(double a, double b, double step) { return std::abs(a - b) <= 0.5 * step + 1e-9; }

void checkFrameMatches(const Frame& recorded, const Frame& world, const io::RecordingHeader& h) {
    INFO("frame at t = " << world.time);
    CHECK(recorded.time == world.time);
    REQUIRE(recorded.entities.size() == world.entities.size());
    for (std::size_t i = 0; i < world.entities.size(); ++i) {
        const EntityState& r = recorded.entities[i];
        const EntityState& w = world.entities[i];
        INFO("entity " << w.entity);
        REQUIRE(r.entity == w.entity);
        CHECK(withinHalfStep(r.pose.position.x, w.pose.position.x, h.positionQuantum));
        CHECK(withinHalfStep(r.pose.position.y, w.pose.position.y, h.positionQuantum));
        CHECK(withinHalfStep(r.pose.heading, w.pose.heading, h.headingQuantum));
        CHECK(withinHalfStep(r.speed, w.speed, h.speedQuantum));
        CHECK(r.flags == w.flags);
    }
}

const char* kStrikeToml = R"(
name = "recording-toml-strike"

[run]
duration = "15 s"

[traffic]
flow = "900 veh/h"

[[traffic.scripted]]
id = "drifter"
lane = 1
entry_s = -170
speed = 25
moves_over = false
drift = { start_s = -20, lateral_speed = -2, duration = 30, reacts = false }

[drivers.attention]
lane_keeping_sd = 0

[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = -1.8
lights = "hazards"

[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
lights = "emergency"

[people.officer-1]
script = [{ at = "window" }]
)";

}  // namespace

TEST_CASE("a recorded run reads back: header, entities, events, outcome and frames", "[recording]") {
    test::RecordingDir dir;
    const auto path = dir / "strike.rsr";
    const Scenario sc = test::strikeScenario();
    const std::uint64_t seed = test::strikingSeed(sc);
    const test::ObservedRun run = test::recordObserved(sc, seed, path);
    REQUIRE(run.outcome.struck);  // the fixture does what it is for

    std::string error;
    const auto rec = Recording::open(path, &error);
    INFO(error);
    REQUIRE(rec.has_value());

    const io::RecordingHeader& h = rec->header();
    CHECK(h.formatVersion == io::kRecordingFormatVersion);
    CHECK(h.formatMinorVersion == io::kRecordingFormatMinorVersion);
    CHECK(h.toolVersion.rfind("roadside " + std::string(kVersion), 0) == 0);
    CHECK(h.scenarioName == "recording-strike");
    CHECK(h.seed == seed);
    CHECK(h.frameRate == io::kDefaultFrameRate);
    CHECK(h.timeStep == sc.run.dt);
    CHECK(h.duration == Approx(run.outcome.simulated));  // a strike ends the run early (run.aftermath)
    CHECK(h.positionQuantum == 0.01);
    CHECK(h.headingQuantum == 0.001);
    CHECK(h.speedQuantum == 0.01);

    SECTION("entities") {
        REQUIRE(rec->entities().size() == run.entities.size());
        for (std::size_t i = 0; i < run.entities.size(); ++i) {
            const EntityInfo& a = rec->entities()[i];
            const EntityInfo& b = run.entities[i];
            CHECK(a.id == b.id);
            CHECK(a.kind == b.kind);
            CHECK(a.vehicleKind == b.vehicleKind);
            CHECK(a.unitRole == b.unitRole);
            CHECK(a.personRole == b.personRole);
            CHECK(a.lights == b.lights);
            CHECK(a.length == b.length);
            CHECK(a.width == b.width);
            CHECK(a.colour == b.colour);
        }
    }

    SECTION("events: the World's, exactly, with the strike among them") {
        REQUIRE(rec->events().size() == run.events.size());
        int strikes = 0;
        for (std::size_t i = 0; i < run.events.size(); ++i) {
            const Event& a = rec->events()[i];
            const Event& b = run.events[i];
            CHECK(a.kind == b.kind);
            CHECK(a.time == b.time);
            CHECK(a.subject == b.subject);
            CHECK(a.other == b.other);
            CHECK(a.value == b.value);
            CHECK(a.position == b.position);
            CHECK(a.viaPushedUnit == b.viaPushedUnit);
            if (a.kind == EventKind::Strike) {
                ++strikes;
                CHECK(rec->entities()[a.subject].id == "officer-1");
                CHECK(rec->entities()[a.other].id == "drifter");
                CHECK(a.time == Approx(run.outcome.strikes.front().time).margin(1e-9));
            }
        }
        CHECK(strikes == 1);
    }

    SECTION("outcome: what the run returned") {
        CHECK(io::outcomeToJson(rec->outcome()) == io::outcomeToJson(run.outcome));
    }

    SECTION("frames: every step at 20 fps, within the quantization of the World's snapshots") {
        REQUIRE(rec->frameCount() == run.snapshots.size());
        for (std::size_t k = 0; k < run.snapshots.size(); ++k) {
            CHECK(rec->frameTime(k) == run.snapshots[k].time);
            const auto f = rec->frame(k);
            REQUIRE(f.has_value());
            checkFrameMatches(*f, run.snapshots[k], h);
        }
        CHECK(rec->verifyFrames());
    }

    SECTION("seeking: frameAt finds the frame at or just before a time, and frames decode out of order") {
        const std::size_t n = rec->frameCount();
        CHECK(rec->frameAt(-1.0) == 0);
        CHECK(rec->frameAt(0.0) == 0);
        CHECK(rec->frameAt(1e9) == n - 1);
        CHECK(rec->frameAt(std::nan("")) == 0);
        for (std::size_t k = 0; k < n; k += 7) {
            CHECK(rec->frameAt(rec->frameTime(k)) == k);
            if (k + 1 < n) CHECK(rec->frameAt(0.5 * (rec->frameTime(k) + rec->frameTime(k + 1))) == k);
        }
        // Backwards, jumping across chunks: each frame is the snapshot at its time.
        for (std::size_t k = n; k-- > 0;) {
            if (k % 37 != 0) continue;
            const auto f = rec->frame(rec->frameAt(run.snapshots[k].time));
            REQUIRE(f.has_value());
            checkFrameMatches(*f, run.snapshots[k], h);
        }
        // The strike's frame shows the officer struck.
        const Event& strike = *std::find_if(rec->events().begin(), rec->events().end(),
                                            [](const Event& e) { return e.kind == EventKind::Strike; });
        const auto after = rec->frame(std::min(n - 1, rec->frameAt(strike.time) + 10));
        REQUIRE(after.has_value());
        const auto officer = std::find_if(after->entities.begin(), after->entities.end(),
                                          [&](const EntityState& e) { return e.entity == strike.subject; });
        REQUIRE(officer != after->entities.end());
        CHECK((officer->flags & kStruck) != 0);
        std::string frameError;
        CHECK_FALSE(rec->frame(n, &frameError).has_value());
        CHECK(frameError.find("no frame") != std::string::npos);
    }
}

TEST_CASE("runAndRecord returns exactly sim::run's outcome", "[recording]") {
    test::RecordingDir dir;
    const Scenario sc = test::strikeScenario(12.0);
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const Outcome recorded = io::runAndRecord(sc, seed, dir / "run.rsr");
        const Outcome plain = sim::run(sc, seed);
        CHECK(io::outcomeToJson(recorded) == io::outcomeToJson(plain));
        CHECK(recorded.stateHash == plain.stateHash);
        const auto rec = Recording::open(dir / "run.rsr");
        REQUIRE(rec.has_value());
        CHECK(io::outcomeToJson(rec->outcome()) == io::outcomeToJson(plain));
    }
}

TEST_CASE("the scenario text in a recording reloads into a scenario that replays to the recorded outcome",
          "[recording]") {
    test::RecordingDir dir;
    const Scenario loaded = test::loadOk(kStrikeToml, {}, "recording-strike.toml");
    const Outcome outcome = io::runAndRecord(loaded, test::strikingSeed(loaded), dir / "toml.rsr");
    INFO(io::outcomeToJson(outcome, 2));
    CHECK(outcome.struck);

    const auto rec = Recording::open(dir / "toml.rsr");
    REQUIRE(rec.has_value());
    CHECK(rec->header().scenarioText == loaded.sourceText);
    CHECK_FALSE(rec->header().scenarioText.empty());
    const Scenario again = test::loadOk(rec->header().scenarioText, {}, rec->header().scenarioName + ".toml");
    const Outcome replayed = sim::run(again, rec->header().seed);
    CHECK(io::outcomeToJson(replayed) == io::outcomeToJson(rec->outcome()));
    CHECK(replayed.stateHash == rec->outcome().stateHash);
}

TEST_CASE("frames are taken at the fixed rate, whatever the step", "[recording]") {
    test::RecordingDir dir;
    Scenario sc = test::strikeScenario(6.0, 600.0);

    SECTION("10 fps with 0.05 s steps: every other step") {
        const test::ObservedRun run = test::recordObserved(sc, 3, dir / "10fps.rsr", 10.0);
        const auto rec = Recording::open(dir / "10fps.rsr");
        REQUIRE(rec.has_value());
        REQUIRE(rec->frameCount() == 61);
        for (std::size_t k = 0; k < rec->frameCount(); ++k) {
            CHECK(rec->frameTime(k) == Approx(0.1 * static_cast<double>(k)).margin(1e-9));
            const auto f = rec->frame(k);
            REQUIRE(f.has_value());
            checkFrameMatches(*f, run.snapshots[2 * k], rec->header());
        }
        CHECK(rec->frameAt(0.15) == 1);
        // Events are kept whether or not their step made a frame.
        CHECK(rec->events().size() == run.events.size());
    }

    SECTION("20 fps with 0.03 s steps: the first step at or after each 1/20 s") {
        sc.run.dt = 0.03;
        sc.run.duration = 3.0;
        const test::ObservedRun run = test::recordObserved(sc, 3, dir / "dt03.rsr", 20.0);
        const auto rec = Recording::open(dir / "dt03.rsr");
        REQUIRE(rec.has_value());
        std::vector<double> expected;
        double due = 0.0;
        for (const Frame& s : run.snapshots)
            if (s.time >= due - 1e-9) {
                expected.push_back(s.time);
                due = (std::floor(s.time / 0.05 + 1e-6) + 1.0) * 0.05;
            }
        REQUIRE(rec->frameCount() == expected.size());
        for (std::size_t k = 0; k < expected.size(); ++k) CHECK(rec->frameTime(k) == expected[k]);
        CHECK(rec->verifyFrames());
    }

    SECTION("a rate above the step rate gives a frame every step") {
        const test::ObservedRun run = test::recordObserved(sc, 3, dir / "60fps.rsr", 60.0);
        const auto rec = Recording::open(dir / "60fps.rsr");
        REQUIRE(rec.has_value());
        CHECK(rec->frameCount() == run.snapshots.size());
        CHECK(rec->header().frameRate == 60.0);
    }
}

TEST_CASE("observe() twice without a step records nothing twice", "[recording]") {
    test::RecordingDir dir;
    const Scenario sc = test::strikeScenario(3.0);
    World world(sc, 4);
    io::RecordingWriter writer(dir / "twice.rsr", sc, 4);
    writer.observe(world);
    writer.observe(world);
    std::size_t events = 0;
    while (!world.done()) {
        world.step();
        writer.observe(world);
        writer.observe(world);
        events += world.stepEvents().size();
    }
    world.step();  // done: time does not advance
    writer.observe(world);
    writer.finish(world.outcome());
    CHECK_THROWS_AS(writer.finish(world.outcome()), std::logic_error);
    const auto rec = Recording::open(dir / "twice.rsr");
    REQUIRE(rec.has_value());
    CHECK(rec->frameCount() == 61);
    CHECK(rec->events().size() == events);
}

TEST_CASE("a recording can be read from several threads at once", "[recording]") {
    test::RecordingDir dir;
    const Scenario sc = test::strikeScenario(10.0);
    const test::ObservedRun run = test::recordObserved(sc, 8, dir / "threads.rsr");
    const auto rec = Recording::open(dir / "threads.rsr");
    REQUIRE(rec.has_value());
    std::vector<int> bad(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (std::size_t k = static_cast<std::size_t>(t); k < rec->frameCount(); k += 3) {
                const auto f = rec->frame(k);
                if (!f || f->entities.size() != run.snapshots[k].entities.size() || f->time != run.snapshots[k].time)
                    ++bad[static_cast<std::size_t>(t)];
            }
        });
    for (std::thread& t : threads) t.join();
    CHECK(bad == std::vector<int>(4, 0));
}

TEST_CASE("the writer refuses a bad frame rate and an unwritable path", "[recording]") {
    test::RecordingDir dir;
    const Scenario sc = test::strikeScenario(1.0);
    CHECK_THROWS_AS(io::RecordingWriter(dir / "a.rsr", sc, 1, 0.0), std::invalid_argument);
    CHECK_THROWS_AS(io::RecordingWriter(dir / "a.rsr", sc, 1, std::nan("")), std::invalid_argument);
    CHECK_THROWS_AS(io::RecordingWriter(dir / "no-such-folder" / "a.rsr", sc, 1), std::runtime_error);

    // A World of another scenario (another step) is a programming error, not a garbled file.
    Scenario other = sc;
    other.run.dt = 0.03;
    World world(other, 1);
    io::RecordingWriter writer(dir / "b.rsr", sc, 1);
    writer.observe(world);
    world.step();
    writer.observe(world);  // 0.03 s: no frame due yet
    world.step();
    CHECK_THROWS_AS(writer.observe(world), std::logic_error);  // 0.06 s is not a step of 0.05 s
}
