// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
/// Pedestrian injury risk as a function of impact speed (calibration §3).
namespace sim::models {

/// Probability of death for a pedestrian struck at impact speed v (m/s): Tefft (2013), logistic
/// fit b0 = -5.725, b1 = 0.1433 per mph.
double pedestrianDeathRisk(double v);

/// Probability of severe injury (AIS 4+) at impact speed v (m/s): Tefft (2013), logistic fit
/// b0 = -4.621, b1 = 0.1410 per mph.
double pedestrianSevereInjuryRisk(double v);

}  // namespace sim::models
