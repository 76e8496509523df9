// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "viz/frame_source.hpp"
#include "viz/view_state.hpp"

/// The people at the scene: where each is now, and the run's measures for them (exposure,
/// minimum clearance, close passes, strikes with injury probabilities).
namespace viz {

/// Gap (m) from a person on foot to the nearest moving traffic vehicle in `frame`, if any.
std::optional<double> nearestPassingGap(const FrameSource& source, const sim::Frame& frame, std::uint32_t person);

void drawPeoplePanel(const ViewState& view, const FrameSource& source, const sim::Frame& frame);

}  // namespace viz
