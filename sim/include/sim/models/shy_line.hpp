// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
/// How far from the travelled way an object must be before drivers stop reacting to it.
namespace sim::models {

/// Shy line offset (m) at speed v (m/s): AASHTO Roadside Design Guide (2011), "suggested shy line
/// offset values" [M]: 30 mph 4 ft, 40 mph 5 ft, 45 mph 6 ft, 50 mph 6.5 ft, 55 mph 7 ft,
/// 60 mph 8 ft, 70 mph 9 ft, 75 mph 10 ft, 80 mph 12 ft; linear in between, clamped outside.
/// An object nearer the lane than this makes drivers move away from it.
double shyLineOffset(double v);

}  // namespace sim::models
