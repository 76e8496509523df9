// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/geometry.hpp"
#include "sim/units.hpp"

using namespace sim;

namespace {
OrientedBox box(double x, double y, double heading, double halfLength, double halfWidth) {
    return OrientedBox{Pose{Vec2{x, y}, heading}, halfLength, halfWidth};
}
}  // namespace

TEST_CASE("distanceToBox: axis-aligned box, outside, on the edge, inside", "[models]") {
    const OrientedBox b = box(0.0, 0.0, 0.0, 2.0, 1.0);
    CHECK(distanceToBox({5.0, 0.0}, b) == Approx(3.0));
    CHECK(distanceToBox({-5.0, 0.0}, b) == Approx(3.0));
    CHECK(distanceToBox({0.0, 4.0}, b) == Approx(3.0));
    CHECK(distanceToBox({3.0, 2.0}, b) == Approx(std::sqrt(2.0)));  // nearest is the corner
    CHECK(distanceToBox({2.0, 0.5}, b) == 0.0);                     // on the edge
    CHECK(distanceToBox({0.5, 0.5}, b) == 0.0);                     // inside
}

TEST_CASE("distanceToBox: rotated boxes measure in the box's own frame", "[models]") {
    // A box turned a quarter left: its length lies along +y.
    const OrientedBox q = box(0.0, 0.0, units::kPi / 2.0, 2.0, 1.0);
    CHECK(distanceToBox({0.0, 5.0}, q) == Approx(3.0));
    CHECK(distanceToBox({4.0, 0.0}, q) == Approx(3.0));
    CHECK(distanceToBox({1.5, 0.0}, q) == Approx(0.5));

    // 45 degrees, centred away from the origin: points along the box axes and off a corner.
    const double h = units::kPi / 4.0;
    const OrientedBox r = box(10.0, 5.0, h, 2.0, 1.0);
    const Vec2 c{10.0, 5.0};
    const Vec2 u = direction(h);
    const Vec2 n = leftNormal(u);
    CHECK(distanceToBox(c + 5.0 * u, r) == Approx(3.0));
    CHECK(distanceToBox(c - 4.0 * n, r) == Approx(3.0));
    CHECK(distanceToBox(c + 3.0 * u + 2.0 * n, r) == Approx(std::sqrt(2.0)));
    CHECK(distanceToBox(c + 1.9 * u - 0.9 * n, r) == 0.0);
    // 2.5 m to the world's +x of the centre: in the box frame (2.5 cos 45, -2.5 sin 45) =
    // (1.768, -1.768), inside the half-length 2 but 0.768 beyond the half-width 1.
    CHECK(distanceToBox({12.5, 5.0}, r) == Approx(2.5 * std::sqrt(0.5) - 1.0));
}

TEST_CASE("boxCorners: counter-clockwise from the front-right corner", "[models]") {
    Vec2 k[4];
    boxCorners(box(1.0, 2.0, 0.0, 2.0, 1.0), k);
    CHECK(k[0] == Vec2{3.0, 1.0});
    CHECK(k[1] == Vec2{3.0, 3.0});
    CHECK(k[2] == Vec2{-1.0, 3.0});
    CHECK(k[3] == Vec2{-1.0, 1.0});
    // Counter-clockwise: positive signed area (shoelace) for a rotated box too.
    boxCorners(box(0.0, 0.0, 0.7, 2.0, 1.0), k);
    double area2 = 0.0;
    for (int i = 0; i < 4; ++i) area2 += cross(k[i], k[(i + 1) % 4]);
    CHECK(area2 / 2.0 == Approx(8.0));
}

TEST_CASE("boxesOverlap on rotated boxes (separating-axis test)", "[models]") {
    const OrientedBox a = box(0.0, 0.0, 0.0, 1.0, 1.0);  // 2 m square
    // A square turned 45 degrees to the right of a: its corner reaches sqrt(2) toward a, so they
    // touch when the centres are 1 + sqrt(2) = 2.4142 m apart.
    const double h = units::kPi / 4.0;
    CHECK(boxesOverlap(a, box(2.40, 0.0, h, 1.0, 1.0)));
    CHECK_FALSE(boxesOverlap(a, box(2.43, 0.0, h, 1.0, 1.0)));
    // Diagonal neighbour: the axis-aligned bounding boxes overlap ([0.79, 3.61] vs [-1, 1] on both
    // axes), but b's own face x + y = 2.986 separates it from a's corner at x + y = 2: only b's
    // axes find the gap.
    CHECK_FALSE(boxesOverlap(a, box(2.2, 2.2, h, 1.0, 1.0)));
    CHECK(boxesOverlap(a, box(1.6, 1.6, h, 1.0, 1.0)));
    // A cross: two long thin boxes at right angles overlap though no corner lies inside the other.
    CHECK(boxesOverlap(box(0.0, 0.0, 0.0, 5.0, 0.2), box(0.0, 0.0, units::kPi / 2.0, 5.0, 0.2)));
    // Two parked cars side by side, 0.1 m apart, both angled 10 degrees: no overlap; nudged
    // together: overlap. Symmetric in its arguments.
    const double t = 10.0 * units::kDegree;
    const Vec2 side = leftNormal(direction(t));
    const OrientedBox car1 = box(0.0, 0.0, t, 2.45, 0.925);
    const Vec2 p2 = (2.0 * 0.925 + 0.1) * side;
    const Vec2 p3 = (2.0 * 0.925 - 0.1) * side;
    CHECK_FALSE(boxesOverlap(car1, box(p2.x, p2.y, t, 2.45, 0.925)));
    CHECK(boxesOverlap(car1, box(p3.x, p3.y, t, 2.45, 0.925)));
    CHECK(boxesOverlap(box(p3.x, p3.y, t, 2.45, 0.925), car1));
}
