// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace sim {

namespace {
/// p expressed in the box's own frame (x forward, y left), relative to its centre.
Vec2 toBoxFrame(Vec2 p, const Pose& pose) {
    const Vec2 rel = p - pose.position;
    const Vec2 u = direction(pose.heading);
    return {dot(rel, u), dot(rel, leftNormal(u))};
}
}  // namespace

double distanceToBox(Vec2 p, const OrientedBox& b) {
    const Vec2 local = toBoxFrame(p, b.pose);
    const double dx = std::max(std::abs(local.x) - b.halfLength, 0.0);
    const double dy = std::max(std::abs(local.y) - b.halfWidth, 0.0);
    return std::sqrt(dx * dx + dy * dy);
}

void boxCorners(const OrientedBox& b, Vec2 out[4]) {
    const Vec2 u = direction(b.pose.heading) * b.halfLength;
    const Vec2 n = leftNormal(direction(b.pose.heading)) * b.halfWidth;
    const Vec2 c = b.pose.position;
    out[0] = c + u - n;  // front right
    out[1] = c + u + n;  // front left
    out[2] = c - u + n;  // rear left
    out[3] = c - u - n;  // rear right
}

bool boxesOverlap(const OrientedBox& a, const OrientedBox& b) {
    Vec2 ca[4];
    Vec2 cb[4];
    boxCorners(a, ca);
    boxCorners(b, cb);
    const Vec2 axes[4] = {direction(a.pose.heading), leftNormal(direction(a.pose.heading)),
                          direction(b.pose.heading), leftNormal(direction(b.pose.heading))};
    for (const Vec2 axis : axes) {
        double minA = dot(ca[0], axis), maxA = minA, minB = dot(cb[0], axis), maxB = minB;
        for (int i = 1; i < 4; ++i) {
            minA = std::min(minA, dot(ca[i], axis));
            maxA = std::max(maxA, dot(ca[i], axis));
            minB = std::min(minB, dot(cb[i], axis));
            maxB = std::max(maxB, dot(cb[i], axis));
        }
        if (maxA < minB || maxB < minA) return false;
    }
    return true;
}

}  // namespace sim
