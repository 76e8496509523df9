// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/rng.hpp"
#include "sim/scenario.hpp"
#include "vehicle.hpp"

namespace sim::detail {

/// How the weather changes what drivers want: slower desired speeds and longer headways.
struct WeatherAdjustment {
    double speedFactor = 1.0;    ///< on desired speeds
    double headwayFactor = 1.0;  ///< on the IDM time headway (capacity falls as it grows)
};
WeatherAdjustment weatherAdjustment(const Environment& env);

/// Draws one driver's traits for a vehicle of class `spec`. Every draw is made in a fixed order
/// whatever the values, so that vehicle n gets the same driver in every tactic of a sweep.
DriverTraits drawDriverTraits(const Scenario& sc, const VehicleSpec& spec, Rng& rng);

/// Traits of a scripted vehicle: its fixed speed and state, the rest drawn like any driver.
DriverTraits scriptedDriverTraits(const Scenario& sc, const ScriptedVehicle& sv, Rng& rng);

/// Picks a class from the mix (shares need not sum to 1).
const VehicleSpec& drawVehicleClass(const std::vector<MixEntry>& mix, Rng& rng);

}  // namespace sim::detail
