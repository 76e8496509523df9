// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
/// Stopping and sight-distance formulas (calibration §2). Free functions, SI units.
namespace sim::models {

/// Distance (m) travelled from speed v (m/s) during a perception-reaction time prt (s), then
/// braking at a constant deceleration decel (m/s^2) to a stop: v*prt + v^2 / (2 decel).
double stoppingDistance(double v, double prt, double decel);

/// AASHTO stopping sight distance (m) at design speed v (m/s): PRT 2.5 s, 3.4 m/s^2.
double aashtoStoppingSightDistance(double v);

/// Stopping distance (m) limited by tyre-road friction mu: v*prt + v^2 / (2 mu g).
double frictionStoppingDistance(double v, double prt, double mu);

/// Largest deceleration (m/s^2) a vehicle can achieve: its braking capability, capped by friction.
double brakingLimit(double vehicleMaxDecel, double mu);

/// Sight distance (m) around a horizontal curve of radius R (m, at the driver's path) with a
/// sight obstruction M metres inside it (AASHTO horizontal sightline offset, solved for S):
/// M = R (1 - cos(S / 2R))  =>  S = 2R acos(1 - M/R). Infinite when R <= 0 (straight road).
double curveSightDistance(double radius, double obstructionOffset);

}  // namespace sim::models
