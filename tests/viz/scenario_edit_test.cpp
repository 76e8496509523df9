// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Live edits become scenario copies that the loader validates; the same seed meets the new tactic.
#include <catch2/catch.hpp>

#include "sim/io/scenario_loader.hpp"
#include "sim/units.hpp"
#include "viz/scenario_edit.hpp"

namespace {

using sim::units::kDegree;
using sim::units::kFoot;

sim::Scenario load(const std::string& relative) {
    const auto result = sim::io::loadScenarioFile(std::filesystem::path(ROADSIDE_SOURCE_DIR) / relative);
    INFO(sim::io::formatDiagnostics(result.errors));
    REQUIRE(result.ok());
    return *result.scenario;
}

sim::Scenario reload(const sim::Scenario& base, const viz::EditedScenario& edited) {
    const auto result = sim::io::loadScenarioText(edited.text, base.name + ".toml", edited.overrides);
    INFO(sim::io::formatDiagnostics(result.errors));
    REQUIRE(result.ok());
    return *result.scenario;
}

const sim::UnitDef* unitWithRole(const sim::Scenario& sc, sim::UnitRole role) {
    for (const sim::UnitDef& u : sc.units)
        if (u.role == role) return &u;
    return nullptr;
}

}  // namespace

TEST_CASE("the flat scenario text's tables can be read and removed", "[viz]") {
    const std::string text = "name = \"x\"\n\n[units.patrol]\nkind = \"patrol-suv\"\nbehind = \"violator\"\n\n[units.\"odd id\"]\n"
                             "kind = \"sedan\"\n\n[people.officer]\nrole = \"officer\"\n";
    CHECK(viz::sectionValue(text, "units.patrol", "behind") == "\"violator\"");
    CHECK(viz::sectionValue(text, "units.patrol", "role") == std::nullopt);
    CHECK(viz::sectionValue(text, "units.odd id", "kind") == "\"sedan\"");
    const std::string removed = viz::removeSection(text, "units.patrol");
    CHECK(removed.find("patrol-suv") == std::string::npos);
    CHECK(removed.find("[units.\"odd id\"]") != std::string::npos);
    CHECK(removed.find("[people.officer]") != std::string::npos);
}

TEST_CASE("an unchanged tactic reproduces the scenario exactly", "[viz]") {
    const sim::Scenario base = load("scenarios/default-stop.toml");
    const viz::TacticEdit edit = viz::tacticOf(base);
    REQUIRE(edit.patrol);
    CHECK(edit.patrol->behindId == "violator");
    CHECK_FALSE(edit.patrol->absoluteD);
    CHECK(edit.patrol->lateral == Approx(2.0 * kFoot).margin(1e-6));
    CHECK(edit.patrol->along == Approx(20.0 * kFoot).margin(1e-6));
    const viz::EditedScenario edited = viz::applyTactic(base, edit, viz::UnitSystem::Imperial);
    CHECK(edited.overrides.empty());
    CHECK(edited.changes.empty());
    CHECK(reload(base, edited).sourceText == base.sourceText);
}

TEST_CASE("moving and angling the patrol car and switching sides go through the loader", "[viz]") {
    const sim::Scenario base = load("scenarios/default-stop.toml");
    viz::TacticEdit edit = viz::tacticOf(base);
    edit.patrol->lateral = 6.0 * kFoot;
    edit.patrol->heading = 12.0 * kDegree;
    edit.approach = sim::ApproachSide::Passenger;
    edit.light = sim::Light::Night;
    edit.speedLimit = 55.0 * sim::units::kMph;
    edit.flowPerLane = 900.0 / 3600.0;
    const viz::EditedScenario edited = viz::applyTactic(base, edit, viz::UnitSystem::Imperial);
    CHECK(edited.changes.size() >= 5);
    const sim::Scenario changed = reload(base, edited);
    const sim::UnitDef* violator = unitWithRole(changed, sim::UnitRole::Violator);
    const sim::UnitDef* patrol = unitWithRole(changed, sim::UnitRole::Patrol);
    REQUIRE(patrol);
    CHECK(patrol->position.y - violator->position.y == Approx(6.0 * kFoot).margin(1e-4));
    CHECK(patrol->heading == Approx(12.0 * kDegree).margin(1e-6));
    CHECK(changed.people.front().approach == sim::ApproachSide::Passenger);
    CHECK(changed.environment.light == sim::Light::Night);
    CHECK(changed.road.speedLimit == Approx(55.0 * sim::units::kMph).margin(1e-3));
    CHECK(changed.traffic.flowPerLane.front() == Approx(900.0 / 3600.0));
    // What did not change stays: the seed-driven traffic meets the new tactic, nothing else.
    CHECK(changed.run.duration == base.run.duration);
    CHECK(changed.units.size() == base.units.size());
}

TEST_CASE("a blocker can be added upstream, moved, and removed", "[viz]") {
    const sim::Scenario base = load("scenarios/default-stop.toml");
    viz::TacticEdit edit = viz::tacticOf(base);
    REQUIRE_FALSE(edit.blocker);
    edit.blocker = viz::defaultBlocker(base);
    const sim::Scenario withBlocker = reload(base, viz::applyTactic(base, edit, viz::UnitSystem::Imperial));
    const sim::UnitDef* blocker = unitWithRole(withBlocker, sim::UnitRole::Blocker);
    REQUIRE(blocker);
    CHECK(blocker->spec.kind == sim::VehicleKind::FireEngine);
    CHECK(blocker->position.x < unitWithRole(withBlocker, sim::UnitRole::Patrol)->position.x);

    const sim::Scenario taper = load("scenarios/examples/fire-block-taper.toml");
    viz::TacticEdit moved = viz::tacticOf(taper);
    REQUIRE(moved.blocker);
    CHECK(moved.blocker->id == "engine");
    CHECK(moved.blocker->absoluteD);  // the file gives d with behind
    moved.blocker->along = 120.0 * kFoot;
    const sim::Scenario further = reload(taper, viz::applyTactic(taper, moved, viz::UnitSystem::Imperial));
    CHECK(unitWithRole(further, sim::UnitRole::Blocker)->position.x < unitWithRole(taper, sim::UnitRole::Blocker)->position.x - 10.0);

    viz::TacticEdit removed = viz::tacticOf(taper);
    removed.blocker.reset();
    const sim::Scenario without = reload(taper, viz::applyTactic(taper, removed, viz::UnitSystem::Imperial));
    CHECK(unitWithRole(without, sim::UnitRole::Blocker) == nullptr);
    CHECK(without.units.size() == taper.units.size() - 1);
}

TEST_CASE("an edit the loader rejects comes back as its diagnostics, located at the live controls", "[viz]") {
    const sim::Scenario base = load("scenarios/default-stop.toml");
    viz::TacticEdit edit = viz::tacticOf(base);
    edit.patrol->heading = 120.0 * kDegree;  // beyond the schema's +-90 deg
    const viz::EditedScenario edited = viz::applyTactic(base, edit, viz::UnitSystem::Imperial);
    const auto result = sim::io::loadScenarioText(edited.text, "default-stop.toml", edited.overrides);
    REQUIRE_FALSE(result.ok());
    CHECK(result.errors.front().where.file == "live controls");
    CHECK(result.errors.front().key == "units.patrol.heading");
}
