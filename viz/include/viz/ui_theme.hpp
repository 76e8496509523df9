// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <imgui.h>

#include "sim/frame.hpp"

/// The panels' look: a dark theme that sits quietly beside the scene, and the colours events
/// have everywhere (timeline ticks, event list, scene markers).
namespace viz {

void applyTheme();

/// The colour of an event kind on the timeline and in lists.
ImU32 eventColour(sim::EventKind kind);
ImVec4 eventColourVec(sim::EventKind kind);

}  // namespace viz
