// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include "sim/units.hpp"
#include "viz/frame_source.hpp"
#include "viz_fixtures.hpp"

namespace {

sim::EntityState at(std::uint32_t entity, double x, double heading, std::uint16_t flags = sim::kPresent) {
    return {entity, {{x, 1.0}, heading}, 10.0, flags};
}

}  // namespace

TEST_CASE("interpolation blends positions and the short way round for headings", "[viz]") {
    sim::Frame a{0.0, {at(1, 0.0, 3.1), at(2, 5.0, 0.0), at(3, 7.0, 0.0)}};
    sim::Frame b{1.0, {at(1, 10.0, -3.1), at(3, 9.0, 0.0, sim::kPresent | sim::kBraking), at(4, 1.0, 0.0)}};
    const sim::Frame mid = viz::interpolate(a, b, 0.25);
    CHECK(mid.time == Approx(0.25));
    const sim::EntityState* one = viz::findEntity(mid, 1);
    REQUIRE(one);
    CHECK(one->pose.position.x == Approx(2.5));
    // 3.1 to -3.1 rad is 0.083 rad the short way, not 6.2 rad the long way.
    CHECK(std::abs(std::remainder(one->pose.heading - 3.1, 2 * sim::units::kPi)) < 0.03);
    CHECK(viz::findEntity(mid, 2) != nullptr);   // only in a: shown while a is nearer
    CHECK(viz::findEntity(mid, 4) == nullptr);   // only in b: not yet
    CHECK(viz::findEntity(mid, 3)->flags == sim::kPresent);  // flags from the nearer frame
    const sim::Frame late = viz::interpolate(a, b, 0.75);
    CHECK(viz::findEntity(late, 2) == nullptr);
    CHECK(viz::findEntity(late, 4) != nullptr);
    CHECK(viz::findEntity(late, 3)->flags == (sim::kPresent | sim::kBraking));
}

TEST_CASE("a live source computed in slices equals one computed at once", "[viz]") {
    test::StopOptions o;
    o.flowPerLane = 1500.0;
    o.duration = 30.0;
    const sim::Scenario sc = test::stopScenario(o);
    auto whole = vizt::computed(sc, 5);
    viz::LiveSource sliced(sc, 5, "sliced");
    CHECK_FALSE(sliced.complete());
    int calls = 0;
    while (!sliced.complete()) {
        sliced.advance(std::chrono::microseconds(200));
        ++calls;
        CHECK(sliced.available() <= sliced.duration() + 1e-9);
    }
    CHECK(calls > 1);
    REQUIRE(sliced.frameCount() == whole->frameCount());
    CHECK(sliced.entities().size() == whole->entities().size());
    CHECK(sliced.events().size() == whole->events().size());
    CHECK(sliced.outcome()->stateHash == whole->outcome()->stateHash);
    // 20 frames per simulated second, the first at t = 0.
    CHECK(whole->frameTime(0) == 0.0);
    CHECK(whole->frameCount() == static_cast<std::size_t>(std::lround(o.duration * viz::kLiveFrameRate)) + 1);
    CHECK(whole->frameIndexAt(10.01) == 200);
    CHECK(whole->frameIndexAt(-1.0) == 0);
    CHECK(whole->frameIndexAt(1e9) == whole->frameCount() - 1);
}

TEST_CASE("every entity a frame or an event names is in the entity table", "[viz]") {
    test::StopOptions o;
    o.flowPerLane = 1800.0;
    o.duration = 60.0;
    o.attention = true;
    auto source = vizt::computed(test::stopScenario(o), 11);
    const std::size_t n = source->entities().size();
    for (std::size_t i = 0; i < source->frameCount(); i += 37)
        for (const sim::EntityState& e : source->frame(i)->entities) CHECK(e.entity < n);
    for (const sim::Event& e : source->events()) {
        CHECK(e.subject < n);
        CHECK(e.other < n);
    }
}
