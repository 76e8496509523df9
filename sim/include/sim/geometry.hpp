// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cmath>

/// Plain 2-D geometry in the road frame: x = s (m along the road, direction of travel),
/// y = d (m to the left of the right edge line; the shoulder is at d < 0).
namespace sim {

struct Vec2 {
    double x = 0.0;
    double y = 0.0;

    friend constexpr Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
    friend constexpr Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
    friend constexpr Vec2 operator*(double k, Vec2 a) { return {k * a.x, k * a.y}; }
    friend constexpr Vec2 operator*(Vec2 a, double k) { return {k * a.x, k * a.y}; }
    friend constexpr bool operator==(Vec2, Vec2) = default;
};

inline constexpr double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
inline constexpr double cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
inline double length(Vec2 a) { return std::sqrt(dot(a, a)); }
/// Unit vector at angle a (rad, counter-clockwise from +s).
inline Vec2 direction(double a) { return {std::cos(a), std::sin(a)}; }
/// a rotated a quarter turn counter-clockwise (to the left).
inline constexpr Vec2 leftNormal(Vec2 a) { return {-a.y, a.x}; }

/// A pose: centre position and heading (rad, counter-clockwise from the direction of travel).
struct Pose {
    Vec2 position;
    double heading = 0.0;
};

/// An oriented box: a vehicle's or unit's outline.
struct OrientedBox {
    Pose pose;
    double halfLength = 0.0;  ///< m
    double halfWidth = 0.0;   ///< m
};

/// Distance (m) from point p to the outline of box b; 0 if p is inside.
double distanceToBox(Vec2 p, const OrientedBox& b);

/// True if the two boxes overlap (separating-axis test).
bool boxesOverlap(const OrientedBox& a, const OrientedBox& b);

/// The four corners of b, counter-clockwise starting at the front-right corner.
void boxCorners(const OrientedBox& b, Vec2 out[4]);

}  // namespace sim
