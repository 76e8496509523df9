// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <vector>

#include "sim/geometry.hpp"

/// MUTCD temporary traffic control geometry (calibration §7).
namespace sim::models {

enum class TaperKind { Merging, Shifting, Shoulder };

/// Minimum taper length (m) for a lateral offset W (m) at speed S (m/s): L = W S^2 / 60 for
/// S <= 40 mph, L = W S for S >= 45 mph (ft, mph), linear in between; shifting L/2, shoulder L/3.
double mutcdTaperLength(double offset, double speed, TaperKind kind = TaperKind::Merging);

/// Largest spacing (m) between devices in a taper: 1.0 x S (ft per mph).
double mutcdTaperDeviceSpacing(double speed);

/// Cone positions for a taper that closes the band from dStart to dEnd (m, laterally) ending at
/// sEnd (m), with the length and spacing above. The first cone is the upstream one.
std::vector<Vec2> taperCones(double sEnd, double dFrom, double dTo, double speed, TaperKind kind);

}  // namespace sim::models
