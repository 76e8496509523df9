// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/io/schema.hpp"
#include "sim/units.hpp"

/// The scenario format's key table (scenario_schema.cpp) is sim::io::scenarioSchema(); this is
/// what the loader's own files share about it.
namespace sim::io::detail {

/// Default of units.*.gap, bumper to bumper: inside the 15-25 ft taught for a patrol car behind a
/// violator (Police magazine, IACP; references.md#positioning). Not a field of UnitDef: it only places units.
inline constexpr double kDefaultGap = 20.0 * units::kFoot;

}  // namespace sim::io::detail
