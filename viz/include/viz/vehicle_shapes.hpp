// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/frame.hpp"
#include "viz/scene_batches.hpp"

/// Vehicles seen from above, one recognisable shape per class: cabin and glass, a tractor with its
/// trailer, the fire engine's ladder and hose bed, the rollback's bed, the patrol car's livery and
/// light bar; lamps (head, tail, brake, hazard, light bar, arrow board) follow the frame's flags and
/// the LampState.
namespace viz {

/// Appends one vehicle or parked unit. `pixelsPerMetre` picks the level of detail.
void appendVehicle(SceneBatches& out, const sim::EntityInfo& info, std::uint32_t entityIndex,
                   const sim::EntityState& state, const LampState& lamps, double pixelsPerMetre);

/// The colour of the roof of a vehicle at its centre as drawn in daylight (tests look for it).
sf::Color roofColour(const sim::EntityInfo& info, std::uint32_t entityIndex);

}  // namespace viz
