// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/quantity.hpp"

#include "sim/scenario.hpp"
#include "viz/scenario_edit.hpp"
#include "viz/view_state.hpp"

/// The tactic panel: move the patrol car, angle it, change the approach side, add, move or
/// remove the blocker, switch lights, weather, visibility, speed limit and flow; then re-run with
/// the same seed, alone or side by side with the original, so the same traffic meets the new
/// tactic. The panel edits a TacticEdit only; the app turns it into a scenario copy.
namespace viz {

struct LiveControlsState {
    TacticEdit edit;             ///< what the controls show
    bool sideBySide = true;      ///< re-run next to the original rather than instead of it
    std::string error;           ///< the loader's diagnostics for the last attempt, in the display units
    std::vector<std::string> applied;  ///< what the run on screen changed
    bool ready = false;          ///< edit initialised from the base scenario
    // Typing a value (Ctrl+click or double-click on a slider): the control's label, its text, and
    // what the last typed value was taken as (or why it was not taken).
    std::string typing;
    std::string typed;
    bool typingStarted = false;
    std::string entryNote;
    bool entryRejected = false;
};

enum class LiveAction { None, Run, Reset, CloseComparison };

/// Draws the panel for edits of `base`; returns what the person asked for.
LiveAction drawLiveControls(LiveControlsState& state, const sim::Scenario& base, std::uint64_t seed, bool comparing,
                            UnitSystem units);

/// A value typed into a control: with a unit ("3 ft", "1.2 m", "40 mph", "15 deg"), or a bare
/// number, which is taken in the unit the control shows (`shownUnit`, SI per unit, named
/// `shownSymbol`). Sets `note` to what it was taken as ("3 → 3.0 ft: no unit given, taken in
/// feet as shown"), or to why it was not taken ("3 kg is not a length: type e.g. 3 ft or 1 m").
std::optional<double> parseTyped(std::string_view text, sim::io::Dimension dimension, double shownUnit, std::string_view shownSymbol,
                                 std::string& note);

/// A loader message about the live controls' edit with its lengths and speeds in the display
/// units ("expected a length in -10 to 10 m" → "… -32.8 to 32.8 ft") and without the location
/// prefix, for the panel.
std::string inDisplayUnits(std::string message, UnitSystem units);

}  // namespace viz
