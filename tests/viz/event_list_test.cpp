// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The event list shows exactly the events of the run, recorded or live.
#include <catch2/catch.hpp>

#include "viz/event_panel.hpp"
#include "viz/open_source.hpp"
#include "viz_fixtures.hpp"

#ifdef ROADSIDE_VIZ_HAS_RECORDING
#include "sim/io/recording.hpp"
#endif

namespace {

void checkListMatches(const viz::FrameSource& source, const std::vector<sim::Event>& expected) {
    const auto rows = viz::eventRows(source, viz::EventFilter{}, viz::UnitSystem::Imperial);
    REQUIRE(rows.size() == expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(rows[i].index == i);
        CHECK(rows[i].time == expected[i].time);
        CHECK(rows[i].kind == expected[i].kind);
        CHECK_FALSE(rows[i].what.empty());
    }
}

}  // namespace

TEST_CASE("the event list of a live run lists every event the World reported, in order", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    REQUIRE_FALSE(source->events().empty());
    checkListMatches(*source, source->events());
    const auto rows = viz::eventRows(*source, viz::EventFilter{}, viz::UnitSystem::Imperial);
    bool strike = false;
    for (const auto& r : rows) strike = strike || (r.kind == sim::EventKind::Strike && r.what.find("struck by drifter") != std::string::npos);
    CHECK(strike);
}

TEST_CASE("the event filter hides kinds, and clicking an event jumps to just before it", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    viz::EventFilter onlyStrikes;
    for (bool& show : onlyStrikes.show) show = false;
    onlyStrikes.show[static_cast<int>(sim::EventKind::Strike)] = true;
    const auto rows = viz::eventRows(*source, onlyStrikes, viz::UnitSystem::Metric);
    REQUIRE_FALSE(rows.empty());
    for (const auto& r : rows) CHECK(r.kind == sim::EventKind::Strike);
    viz::ViewState view;
    viz::jumpToEvent(view, *source, rows.front().index);
    CHECK(view.time == Approx(std::max(0.0, rows.front().time - viz::kJumpBeforeEvent)));
    CHECK(view.selectedEvent == rows.front().index);
    CHECK(view.playing);
}

#ifdef ROADSIDE_VIZ_HAS_RECORDING
TEST_CASE("a recording's event list is what was recorded, and what the live run reports", "[viz]") {
    const auto dir = vizt::tempDir("events");
    const sim::Scenario sc = vizt::strikeScenario();
    sim::io::runAndRecord(sc, 1, dir / "run.rsr");
    viz::OpenResult opened = viz::openRecording(dir / "run.rsr");
    INFO(opened.error);
    REQUIRE(opened.source);
    std::string error;
    const auto rec = sim::io::Recording::open(dir / "run.rsr", &error);
    REQUIRE(rec);
    checkListMatches(*opened.source, rec->events());
    auto live = vizt::computed(sc);
    REQUIRE(live->events().size() == rec->events().size());
    for (std::size_t i = 0; i < rec->events().size(); ++i) {
        CHECK(live->events()[i].time == rec->events()[i].time);
        CHECK(live->events()[i].kind == rec->events()[i].kind);
        CHECK(live->events()[i].subject == rec->events()[i].subject);
        CHECK(live->events()[i].other == rec->events()[i].other);
    }
}
#endif
