// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>
#include <vector>

#include "viz/frame_source.hpp"
#include "viz/view_state.hpp"

/// The event list: every strike, collision, shoulder intrusion and close pass of the run; click
/// one to jump to a few seconds before it.
namespace viz {

/// Which kinds the list shows (indexed by sim::EventKind).
struct EventFilter {
    bool show[4] = {true, true, true, true};
    bool shows(sim::EventKind k) const { return show[static_cast<int>(k)]; }
};

/// One row of the list, as shown.
struct EventRow {
    std::size_t index = 0;       ///< into source.events()
    double time = 0.0;           ///< s
    sim::EventKind kind = sim::EventKind::Strike;
    std::string what;            ///< "Officer struck by vehicle-87"
    std::string value;           ///< "38 mph", "0.6 ft"
};

/// The rows for the source's events (all of them, in recorded order, with the default filter).
std::vector<EventRow> eventRows(const FrameSource& source, const EventFilter& filter, UnitSystem units);

/// Jumps the view to a few seconds before event `index` and plays into it.
void jumpToEvent(ViewState& view, const FrameSource& source, std::size_t index);

/// The ImGui panel (inside an open window or tab).
void drawEventPanel(ViewState& view, const FrameSource& source, EventFilter& filter);

}  // namespace viz
