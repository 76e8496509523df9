// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include <SFML/Graphics/Image.hpp>

#include "viz/live_source.hpp"
#include "viz/scene_draw.hpp"
#include "world/stop_fixture.hpp"

/// Shared runs and helpers for the visualizer tests: a stop with a patrol car and an officer at
/// the violator's window, and a car that drifts onto the shoulder and strikes the officer.
namespace vizt {

/// The strike scenario: patrol car 20 ft behind the violator, no random traffic, one drifting car.
inline sim::Scenario strikeScenario() {
    test::StopOptions o;
    o.duration = 12.0;
    sim::Scenario sc = test::stopScenario(o);
    sc.drivers.attention.laneKeepingSd = 0.0;
    sc.scriptedVehicles.push_back(test::driftingCar(25.0, -2.5, -20.0));  // past the patrol car, into the officer
    return sc;
}

/// A live run of `sc`, computed to the end.
inline std::unique_ptr<viz::LiveSource> computed(sim::Scenario sc, std::uint64_t seed = 1) {
    auto source = std::make_unique<viz::LiveSource>(std::move(sc), seed, "test");
    source->runToEnd();
    return source;
}

/// The index of the first entity with this id.
inline std::uint32_t entityIndex(const viz::FrameSource& source, const std::string& id) {
    const auto& entities = source.entities();
    for (std::uint32_t i = 0; i < entities.size(); ++i)
        if (entities[i].id == id) return i;
    FAIL("no entity " << id);
    return 0;
}

/// The run's first strike (the test fails if it has none).
inline const sim::Event& firstStrike(const viz::FrameSource& source) {
    for (const sim::Event& e : source.events())
        if (e.kind == sim::EventKind::Strike) return e;
    FAIL("the run has no strike");
    return source.events().front();
}

/// True if two colours differ by at most `tolerance` in every channel.
inline bool near(sf::Color a, sf::Color b, int tolerance = 14) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

inline double luminance(sf::Color c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

/// A fresh folder under the system's temporary directory.
inline std::filesystem::path tempDir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("roadside_viz_tests_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace vizt
