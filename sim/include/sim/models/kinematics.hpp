// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
/// Stopping and sight-distance formulas (references.md#braking). Free functions, SI units, pure: safe to
/// call from any thread.
namespace sim::models {

/// Distance (m) travelled from speed v (m/s) during a perception-reaction time prt (s), then
/// braking at a constant deceleration decel (m/s^2) to a stop: v*prt + v^2 / (2 decel).
/// v <= 0 gives 0; decel <= 0 gives +inf (the vehicle never stops); a negative prt counts as 0.
double stoppingDistance(double v, double prt, double decel);

/// AASHTO stopping sight distance (m) at design speed v (m/s): PRT 2.5 s, 3.4 m/s^2
/// (Green Book Table 3-1, "SSD calculated" column; references.md#braking, #case-stopping-sight-distance).
double aashtoStoppingSightDistance(double v);

/// Stopping distance (m) limited by tyre-road friction mu: v*prt + v^2 / (2 mu g), g = 9.81 m/s^2
/// (references.md#case-friction-stopping). mu <= 0 gives +inf.
double frictionStoppingDistance(double v, double prt, double mu);

/// Largest deceleration (m/s^2) a vehicle can achieve: its braking capability, capped by friction:
/// min(vehicleMaxDecel, mu g), never negative.
double brakingLimit(double vehicleMaxDecel, double mu);

/// Sight distance (m, along the driver's path) around a horizontal curve of radius R (m, at the
/// driver's path) with a sight obstruction M metres inside it (AASHTO horizontal sightline offset,
/// solved for S): M = R (1 - cos(S / 2R))  =>  S = 2R acos(1 - M/R).
///
/// Geometry: the sightline is a chord of the driver's circle; M is its middle ordinate, the
/// distance from the path to the chord at the chord's middle. The obstruction is the concentric
/// arc of radius R - M.
/// - R <= 0: straight road, +inf.
/// - M <= 0: +inf. The scenario format uses 0 for "no obstruction given" (Road's default); an
///   obstruction at the driver's own path would be a collision, not a sight limit. (The formula's
///   limit M -> 0+ is S -> 0: callers who mean "a wall at the lane centre" must not pass 0.)
/// - M >= R: the clear band reaches or passes the curve's centre, so nothing inside the curve
///   blocks the view. At M = R the sightline is a diameter and S = pi R, the whole half-circle
///   ahead. The formula would continue to S = 2 pi R at M = 2R, but only for a road that turns
///   through more than 180 degrees before the scene, which a highway curve before a stop never
///   does; we return the continuous, conservative limit pi R.
double curveSightDistance(double radius, double obstructionOffset);

}  // namespace sim::models
