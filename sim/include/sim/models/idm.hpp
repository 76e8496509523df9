// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <algorithm>
#include <cmath>

#include "sim/scenario.hpp"

/// Intelligent Driver Model (Treiber, Hennecke & Helbing 2000; calibration §9). Inline: it is
/// evaluated once per vehicle per step and a few more times per lane-change decision.
namespace sim::models {

/// One driver's IDM parameters with the desired speed folded in.
struct IdmDriver {
    double v0 = 30.0;     ///< m/s, desired speed
    double a = 0.73;      ///< m/s^2
    double b = 1.67;      ///< m/s^2
    double T = 1.6;       ///< s
    double s0 = 2.0;      ///< m
    double sqrtAb = std::sqrt(0.73 * 1.67);  ///< cached sqrt(a b)
};

inline IdmDriver makeIdmDriver(double v0, double a, double b, double T, double s0) {
    return {v0, a, b, T, s0, std::sqrt(a * b)};
}

/// Desired dynamic gap s* (m) at speed v (m/s) approaching a leader at closing speed dv (m/s).
inline double idmDesiredGap(const IdmDriver& d, double v, double dv) {
    return d.s0 + std::max(0.0, v * d.T + v * dv / (2.0 * d.sqrtAb));
}

/// Free-road term of the IDM with delta = 4: a [1 - (v/v0)^4].
inline double idmFreeAcceleration(const IdmDriver& d, double v) {
    const double r = v / d.v0;
    const double r2 = r * r;
    return d.a * (1.0 - r2 * r2);
}

/// IDM acceleration (m/s^2) at speed v with a leader `gap` metres ahead (bumper to bumper)
/// approached at closing speed dv = v - vLeader. gap = +inf for a free road.
inline double idmAcceleration(const IdmDriver& d, double v, double gap, double dv) {
    const double free = idmFreeAcceleration(d, v);
    if (!(gap < 1e9)) return free;
    const double ratio = idmDesiredGap(d, v, dv) / std::max(gap, 0.01);
    return free - d.a * ratio * ratio;
}

/// Equilibrium gap (m) of the IDM at speed v < v0 behind a leader at the same speed:
/// s_e(v) = (s0 + v T) / sqrt(1 - (v/v0)^4).
inline double idmEquilibriumGap(const IdmDriver& d, double v) {
    const double r = v / d.v0;
    return (d.s0 + v * d.T) / std::sqrt(1.0 - r * r * r * r);
}

}  // namespace sim::models
