// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "viz/frame_source.hpp"
#include "viz/view_state.hpp"

/// The scenario's parameters, read-only: the road, conditions, traffic, the units and how they
/// are placed and lit, the people and their scripts, the seed, and the run's overall figures.
namespace viz {

void drawParametersPanel(const ViewState& view, const FrameSource& source);

}  // namespace viz
