// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// A replay and a live run of the same (scenario, seed) agree: the viewer shows the run the batch
// runner measured.
#include <catch2/catch.hpp>

#include "sim/world.hpp"
#include "viz/open_source.hpp"
#include "viz_fixtures.hpp"

#ifdef ROADSIDE_VIZ_HAS_RECORDING
#include "sim/io/recording.hpp"
#endif

TEST_CASE("a live source's outcome is sim::run's for the same scenario and seed", "[viz]") {
    const sim::Scenario sc = vizt::strikeScenario();
    auto source = vizt::computed(sc, 7);
    REQUIRE(source->outcome());
    const sim::Outcome expected = sim::run(sc, 7);
    CHECK(source->outcome()->stateHash == expected.stateHash);
    CHECK(source->outcome()->strikes.size() == expected.strikes.size());
    CHECK(source->outcome()->struck);
}

#ifdef ROADSIDE_VIZ_HAS_RECORDING
TEST_CASE("replaying a recording shows the recorded outcome and the recorded positions", "[viz]") {
    const auto dir = vizt::tempDir("replay");
    // A scenario from a file, so that the recording carries its text and the viewer rebuilds the road.
    const auto loaded = sim::io::loadScenarioFile(std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios/default-stop.toml",
                                                  std::vector<sim::io::Override>{{"run.duration", "\"40 s\"", {}}});
    INFO(sim::io::formatDiagnostics(loaded.errors));
    REQUIRE(loaded.ok());
    const sim::Outcome recorded = sim::io::runAndRecord(*loaded.scenario, 3, dir / "stop.rsr");
    viz::OpenResult replay = viz::openRecording(dir / "stop.rsr");
    INFO(replay.error);
    REQUIRE(replay.source);
    REQUIRE(replay.source->outcome());
    const sim::Outcome& shown = *replay.source->outcome();
    CHECK(shown.stateHash == recorded.stateHash);
    CHECK(shown.vehiclesPassed == recorded.vehiclesPassed);
    CHECK(shown.strikes.size() == recorded.strikes.size());
    CHECK(replay.source->scenario().road.lanes == loaded.scenario->road.lanes);
    CHECK(replay.source->seed() == 3);

    const viz::ReplayCheck check = viz::checkReplay(*replay.source);
    INFO(check.message);
    CHECK(check.agrees);
    CHECK(replay.source->recorded());

    // Re-simulating (scenario text, seed) gives the same run: outcome and frames within the quanta.
    viz::OpenResult live = viz::openScenarioText(loaded.scenario->sourceText, "default-stop.toml", {}, 3, "live");
    REQUIRE(live.source);
    live.source->advance(std::chrono::hours(1));
    REQUIRE(live.source->complete());
    CHECK(live.source->outcome()->stateHash == recorded.stateHash);
    const std::size_t frames = std::min(live.source->frameCount(), replay.source->frameCount());
    REQUIRE(frames > 100);
    for (std::size_t i : {std::size_t{0}, frames / 2, frames - 1}) {
        const auto a = live.source->frame(i);
        const auto b = replay.source->frame(i);
        REQUIRE(a);
        REQUIRE(b);
        CHECK(a->time == Approx(b->time).margin(1e-9));
        REQUIRE(a->entities.size() == b->entities.size());
        for (std::size_t k = 0; k < a->entities.size(); ++k) {
            CHECK(a->entities[k].entity == b->entities[k].entity);
            CHECK(sim::length(a->entities[k].pose.position - b->entities[k].pose.position) < 0.01);
        }
    }
}
#endif
