// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/scenario.hpp"

namespace batch {

/// The SUMO reference corridor (../shared/peer/sumo/README.md) as a Roadside scenario: the same
/// road, demand, IDM parameters and step, with a lit traffic stop in its middle and every measure
/// on, so that vehicle-updates per second compare like with like.
sim::Scenario sumoCorridorScenario();

}  // namespace batch
