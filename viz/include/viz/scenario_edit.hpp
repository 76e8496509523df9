// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/scenario_loader.hpp"
#include "sim/scenario.hpp"
#include "viz/view_state.hpp"

/// The live mode's edits: a tactic (patrol position and angle, approach side, blocker, lights)
/// and conditions (light, weather, visibility, speed limit, flow), turned into a scenario copy
/// that goes through the loader's validation like any file. Edits become Overrides on the
/// scenario's flat source text; only adding or removing the blocker edits the text itself
/// (overrides cannot create or delete a unit).
namespace viz {

/// How a unit is placed, as the scenario file says: behind another unit (gap and offset, or gap
/// and an absolute d) or at s and d.
struct UnitPlacement {
    std::string id;
    std::string behindId;          ///< empty: placed at s, d
    bool absoluteD = true;         ///< lateral is d (else: offset from the unit ahead)
    double along = 0.0;            ///< m: gap when behind, else s
    double lateral = 0.0;          ///< m: d, or offset when behind without d
    double heading = 0.0;          ///< rad, positive = nose toward traffic
    sim::UnitLights lights = sim::UnitLights::None;
    sim::VehicleKind kind = sim::VehicleKind::Sedan;

    bool behind() const { return !behindId.empty(); }
};

/// Everything the live controls can change, in SI units.
struct TacticEdit {
    std::optional<UnitPlacement> patrol;          ///< the first patrol unit, if any
    std::optional<sim::ApproachSide> approach;    ///< of the officers (nullopt: no officer)
    std::optional<UnitPlacement> blocker;         ///< nullopt: no blocker
    sim::Light light = sim::Light::Day;
    sim::Weather weather = sim::Weather::Clear;
    double visibility = 20000.0;                  ///< m
    sim::Surface surface = sim::Surface::Dry;
    double speedLimit = 0.0;                      ///< m/s
    double flowPerLane = 0.0;                     ///< veh/s, mean over lanes
};

/// The edit state that describes `scenario` as it is (the starting point of the controls).
TacticEdit tacticOf(const sim::Scenario& scenario);

/// A new blocker's default placement: a fire engine 75 ft behind the patrol car (or the
/// rearmost unit), straddling the edge line and lane 1, angled 25 deg ("lane + 1", references.md#positioning).
UnitPlacement defaultBlocker(const sim::Scenario& scenario);

/// A scenario copy: text (the base's flat source, possibly with the blocker added or removed)
/// and overrides; load it with loadScenarioText(text, fileName, overrides).
struct EditedScenario {
    std::string text;
    std::vector<sim::io::Override> overrides;
    std::vector<std::string> changes;   ///< for people: "patrol offset 2.0 ft → 6.0 ft", …
};

/// What `edit` changes in `base`, as a scenario copy. Unchanged fields produce nothing, so an
/// unchanged edit reproduces the base run exactly.
EditedScenario applyTactic(const sim::Scenario& base, const TacticEdit& edit, UnitSystem units);

// The loader's flat source text has one "[a.b]" header per table and "key = value" lines.

/// The raw TOML value of `key` in table `section` ("units.patrol"), if present.
std::optional<std::string> sectionValue(std::string_view text, std::string_view section, std::string_view key);
/// The text without table `section` (its header and keys).
std::string removeSection(std::string_view text, std::string_view section);

}  // namespace viz
