// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "viz/frame_source.hpp"
#include "viz/view_state.hpp"

/// The people at the scene: where each is now, and the run's measures for them (exposure,
/// minimum clearance, close passes, strikes with injury probabilities).
namespace viz {

/// Gap (m) from a person on foot to the nearest moving traffic vehicle in `frame`, if any.
std::optional<double> nearestPassingGap(const FrameSource& source, const sim::Frame& frame, std::uint32_t person);

void drawPeoplePanel(const ViewState& view, const FrameSource& source, const sim::Frame& frame);

/// The run's measures for one person as (name, value) rows, distances and thresholds in the
/// chosen units ("Passes under 3.3 ft").
std::vector<std::pair<std::string, std::string>> measureRows(const sim::PersonOutcome& person, UnitSystem units);

/// What the People tab says about strikes on `person` (an entity index) at view.time: only those
/// that have happened by then, each with its impact, its risks, what struck and what the driver
/// was doing. Empty when none yet.
std::vector<std::string> strikeLines(const ViewState& view, const FrameSource& source, std::uint32_t person);

}  // namespace viz
