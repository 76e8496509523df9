// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>
#include <vector>

#include "sim/io/document.hpp"
#include "sim/scenario.hpp"

/// The cross-key half of validation, and the Scenario itself: writes a merged document (already
/// validated against scenarioSchema(), which marked its valid values) into a sim::Scenario. Every
/// key bound to a field is written by Schema::apply(); the builder resolves what depends on more
/// than one key: units parked `behind` others, script places and their default units, per-lane
/// flows, the class mix, the taper, the curve's sight distance, positions within the road.
namespace sim::io::detail {

/// Builds the Scenario from `root`. Values the schema check rejected are skipped (their errors
/// are already reported); cross-key problems are appended to `errors`. The result is meaningful
/// only when no error was reported. `fileName` gives the default name (its stem).
sim::Scenario buildScenario(const DocNode& root, const std::string& fileName, std::vector<Diagnostic>& errors);

}  // namespace sim::io::detail
