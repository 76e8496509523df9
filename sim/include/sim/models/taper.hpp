// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <vector>

#include "sim/geometry.hpp"

/// MUTCD temporary traffic control geometry (references.md#positioning). Pure functions.
namespace sim::models {

enum class TaperKind { Merging, Shifting, Shoulder };

/// Minimum taper length (m) for a lateral offset W (m, sign ignored) at speed S (m/s):
/// L = W S^2 / 60 for S <= 40 mph, L = W S for S >= 45 mph (ft, mph; MUTCD 2009 Table 6C-3/6C-4,
/// references.md#positioning [C]). Between 40 and 45 mph, where the MUTCD has no formula, L is interpolated
/// linearly between the two (an assumption: continuous and increasing). Merging L, shifting L/2,
/// shoulder L/3.
double mutcdTaperLength(double offset, double speed, TaperKind kind = TaperKind::Merging);

/// Largest spacing (m) between devices in a taper: 1.0 x S (ft per mph), references.md#positioning [C].
double mutcdTaperDeviceSpacing(double speed);

/// Cone positions (road frame, m) for a taper that moves traffic laterally from dFrom to dTo,
/// ending at sEnd, with the length L = mutcdTaperLength(dTo - dFrom, speed, kind) and evenly
/// spaced cones no farther apart along the road than mutcdTaperDeviceSpacing(speed). The cones
/// lie on the straight line from (sEnd - L, dFrom) to (sEnd, dTo); the first cone is the upstream
/// one and the last is exactly at (sEnd, dTo). dFrom == dTo (no offset) gives the single cone
/// (sEnd, dTo).
std::vector<Vec2> taperCones(double sEnd, double dFrom, double dTo, double speed, TaperKind kind);

}  // namespace sim::models
