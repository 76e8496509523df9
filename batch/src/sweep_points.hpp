// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>

#include "batch/sweep.hpp"
#include "sim/io/document.hpp"
#include "sweep_layers.hpp"

/// The points of a sweep whose axes are read: the baseline, the grid, and each point resolved
/// into the scenario it runs (base and overlays composed, overrides applied, by the scenario
/// loader), so that an error in any point stops the sweep before it begins.
namespace batch::detail {

/// Sweep::baselineSpec from `baseline` ({ axis name = value label }, validated), in axis order.
void readBaseline(const sim::io::DocNode* baseline, Sweep& sweep, Findings& findings);

/// Sweep::points: every combination of the grid axes' values (the sampled axes move together,
/// one factor), each resolved, with its baseline. At most `maxPoints`.
void makePoints(Sweep& sweep, const ScenarioLayers& layers, std::size_t maxPoints, Findings& findings);

/// Sweep::hash: of everything that decides the outputs (docs/batch.md).
std::uint64_t hashOf(const Sweep& sweep);

}  // namespace batch::detail
