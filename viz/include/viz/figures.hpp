// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/frame.hpp"
#include "viz/scene_batches.hpp"

/// People and traffic-control devices seen from above. People are head and shoulders in their
/// role's colour, facing the way the frame says, on a ring that keeps them visible (never smaller
/// than a few pixels: a class must find the officer at any zoom).
namespace viz {

inline constexpr double kFigureMinPixels = 22.0;  ///< shoulder width on screen, at least

/// The scale at which a figure is drawn (1 = life size) at a zoom.
double figureScale(double pixelsPerMetre);

void appendPerson(SceneBatches& out, const sim::EntityInfo& info, const sim::EntityState& state, const LampState& lamps,
                  double pixelsPerMetre);
void appendCone(SceneBatches& out, const sim::EntityState& state, double pixelsPerMetre);
void appendFlare(SceneBatches& out, const sim::EntityState& state, double time, const LampState& lamps, double pixelsPerMetre);

}  // namespace viz
