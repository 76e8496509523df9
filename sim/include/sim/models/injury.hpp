// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
/// Pedestrian injury risk as a function of impact speed (calibration §3). Pure functions.
///
/// Both curves are for adults struck by the front of a forward-moving car or light truck (NASS
/// PCDS 1994-98, standardised to the 2007-09 US fleet). They do not cover crush injuries (an
/// officer pinned between vehicles) or secondary impacts.
namespace sim::models {

/// Probability of death for a pedestrian struck at impact speed v (m/s): Tefft (2013), logistic
/// fit b0 = -5.725, b1 = 0.1433 per mph (calibration §3 [D]). Negative speeds count as 0.
double pedestrianDeathRisk(double v);

/// Probability of severe injury (AIS 4+) at impact speed v (m/s): Tefft (2013), logistic fit
/// b0 = -4.621, b1 = 0.1410 per mph (calibration §3 [D]). Negative speeds count as 0.
double pedestrianSevereInjuryRisk(double v);

}  // namespace sim::models
