// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>
#include <vector>

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
    std::string error;           ///< the loader's diagnostics for the last attempt
    std::vector<std::string> applied;  ///< what the run on screen changed
    bool ready = false;          ///< edit initialised from the base scenario
};

enum class LiveAction { None, Run, Reset, CloseComparison };

/// Draws the panel for edits of `base`; returns what the person asked for.
LiveAction drawLiveControls(LiveControlsState& state, const sim::Scenario& base, std::uint64_t seed, bool comparing,
                            UnitSystem units);

}  // namespace viz
