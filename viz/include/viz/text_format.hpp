// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>

#include "sim/frame.hpp"
#include "sim/scenario.hpp"
#include "viz/view_state.hpp"

/// Numbers as a class reads them: feet and mph by default (US trainers), metres and km/h on
/// request; times as m:ss.s.
namespace viz {

std::string formatDistance(double metres, UnitSystem units);   ///< "3.2 ft", "1,000 ft", "0.98 m"
std::string formatSpeed(double metresPerSecond, UnitSystem units);  ///< "38 mph", "61 km/h"
std::string formatClock(double seconds);                       ///< "2:45.3"
std::string formatDuration(double seconds);                    ///< "95 s", "4 min 10 s"
std::string formatFlow(double vehiclesPerSecond);              ///< "1,200 veh/h"
/// A share as a percentage that does not round a small share to nothing: "12 %", "0.4 %",
/// "0.05 %"; "0 %" only for none.
std::string formatShare(double share);

/// "Night · rain · visibility 3.7 km · wet" for a caption.
std::string conditionsSummary(const sim::Environment& env, UnitSystem units);
/// "2 lanes · 65 mph · 1,200 veh/h per lane".
std::string roadSummary(const sim::Scenario& scenario, UnitSystem units);

/// "Officer", "Tow operator", … and the like for panels.
std::string displayName(sim::PersonRole role);
std::string displayName(sim::VehicleKind kind);
std::string displayName(sim::UnitRole role);
std::string displayName(sim::EventKind kind);
std::string displayName(sim::UnitLights lights);
std::string displayName(sim::Light light);
std::string displayName(sim::Weather weather);

}  // namespace viz
