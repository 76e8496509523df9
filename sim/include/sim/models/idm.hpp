// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <algorithm>
#include <cmath>

#include "sim/scenario.hpp"

/// Intelligent Driver Model (Treiber, Hennecke & Helbing 2000; references.md#traffic-stream). Inline: it is
/// evaluated once per vehicle per step and a few more times per lane-change decision.
///
/// dv/dt = a [1 - (v/v0)^4 - (s*/s)^2],  s* = s0 + max(0, v T + v dv / (2 sqrt(a b))).
/// The max(0, ...) is Treiber & Kesting's (2013) form, which keeps s* >= s0 when the leader pulls
/// away fast. Above the desired speed the free term is the improved IDM's (IIDM, Treiber &
/// Kesting 2013 §11.3.6), -b [1 - (v0/v)^(a delta / b)]: a driver whose desired speed drops (a
/// Move Over slow-down from 65 to 45 mph) eases off at no more than b, where the plain IDM's
/// -a ((v/v0)^delta - 1) would brake at -2.4 m/s^2.
namespace sim::models {

/// One driver's IDM parameters with the desired speed folded in.
struct IdmDriver {
    double v0 = 30.0;     ///< m/s, desired speed
    double a = 0.73;      ///< m/s^2
    double b = 1.67;      ///< m/s^2
    double T = 1.6;       ///< s
    double s0 = 2.0;      ///< m
    double delta = 4.0;   ///< acceleration exponent
    double sqrtAb = std::sqrt(0.73 * 1.67);  ///< cached sqrt(a b)
};

inline IdmDriver makeIdmDriver(double v0, double a, double b, double T, double s0, double delta = 4.0) {
    return {v0, a, b, T, s0, delta, std::sqrt(a * b)};
}

/// (v/v0)^delta, with delta = 4 (the usual value) done by multiplication.
inline double idmSpeedRatioPower(const IdmDriver& d, double v) {
    const double r = v / d.v0;
    if (d.delta == 4.0) {
        const double r2 = r * r;
        return r2 * r2;
    }
    return std::pow(r, d.delta);
}

/// Desired dynamic gap s* (m) at speed v (m/s) approaching a leader at closing speed dv (m/s).
inline double idmDesiredGap(const IdmDriver& d, double v, double dv) {
    return d.s0 + std::max(0.0, v * d.T + v * dv / (2.0 * d.sqrtAb));
}

/// Free-road term: a [1 - (v/v0)^delta] up to the desired speed, the IIDM's gentler
/// -b [1 - (v0/v)^(a delta / b)] above it.
inline double idmFreeAcceleration(const IdmDriver& d, double v) {
    if (v <= d.v0) return d.a * (1.0 - idmSpeedRatioPower(d, v));
    return -d.b * (1.0 - std::pow(d.v0 / v, d.a * d.delta / d.b));
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
/// s_e(v) = (s0 + v T) / sqrt(1 - (v/v0)^4). Not defined for v >= v0 (+inf or NaN).
inline double idmEquilibriumGap(const IdmDriver& d, double v) {
    return (d.s0 + v * d.T) / std::sqrt(1.0 - idmSpeedRatioPower(d, v));
}

}  // namespace sim::models
