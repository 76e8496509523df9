// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/models/kinematics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/units.hpp"

namespace sim::models {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

double stoppingDistance(double v, double prt, double decel) {
    if (!(v > 0.0)) return 0.0;
    if (!(decel > 0.0)) return kInf;  // no braking: never stops
    return v * std::max(prt, 0.0) + v * v / (2.0 * decel);
}

double aashtoStoppingSightDistance(double v) {
    // references.md#braking, AASHTO Green Book (TxDOT Roadway Design Manual §4.11.1): brake-reaction
    // time 2.5 s and deceleration 3.4 m/s^2 (11.2 ft/s^2), "approximately 90 percent of drivers
    // decelerate at greater rates".
    constexpr double kAashtoPrt = 2.5;
    constexpr double kAashtoDecel = 3.4;
    return stoppingDistance(v, kAashtoPrt, kAashtoDecel);
}

double frictionStoppingDistance(double v, double prt, double mu) {
    // references.md#braking, #case-friction-stopping: braking distance v^2 / (2 mu g) with g = 9.81 m/s^2.
    return stoppingDistance(v, prt, mu * units::kGravity);
}

double brakingLimit(double vehicleMaxDecel, double mu) {
    // Friction caps the tyre force at mu m g, hence the deceleration at mu g (references.md#braking).
    return std::max(0.0, std::min(vehicleMaxDecel, mu * units::kGravity));
}

double curveSightDistance(double radius, double obstructionOffset) {
    if (!(radius > 0.0)) return kInf;             // straight road
    if (!(obstructionOffset > 0.0)) return kInf;  // no obstruction given (see the header)
    // AASHTO horizontal sightline offset M = R (1 - cos(S / 2R)) solved for S (references.md#braking).
    // M >= R: the clear band reaches the curve's centre; the sightline can be the diameter, so the
    // whole half-circle ahead is visible. We stop at S = pi R (see the header for why).
    if (obstructionOffset >= radius) return units::kPi * radius;
    return 2.0 * radius * std::acos(1.0 - obstructionOffset / radius);
}

}  // namespace sim::models
