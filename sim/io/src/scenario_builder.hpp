// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>
#include <vector>

#include "sim/io/document.hpp"
#include "sim/scenario.hpp"

/// The cross-key half of validation, and the Scenario itself: reads a merged document (already
/// checked against the schema by validate.hpp) into a sim::Scenario, resolving what depends on
/// more than one key: units parked `behind` others, script places and their default units,
/// per-lane flows, the class mix, the taper, positions within the road.
namespace sim::io::detail {

/// Builds the Scenario from `root`. Values the schema check rejected are skipped (their errors
/// are already reported); cross-key problems are appended to `errors`. The result is meaningful
/// only when no error was reported. `fileName` gives the default name (its stem).
sim::Scenario buildScenario(const DocNode& root, const std::string& fileName, std::vector<Diagnostic>& errors);

}  // namespace sim::io::detail
