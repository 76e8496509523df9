// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/shape_builder.hpp"

#include <cmath>
#include <vector>

#include "sim/units.hpp"
#include "viz/camera.hpp"

namespace viz {

namespace {
constexpr float kTau = static_cast<float>(2.0 * sim::units::kPi);
sf::Vector2f polar(sf::Vector2f c, float r, float a) { return {c.x + r * std::cos(a), c.y + r * std::sin(a)}; }
}  // namespace

Placement::Placement(const sim::Pose& pose, double scale)
    : x0_(pose.position.x), y0_(pose.position.y), c_(std::cos(pose.heading) * scale), s_(std::sin(pose.heading) * scale) {}

sf::Vector2f Placement::operator()(double x, double y) const {
    return toScene({x0_ + x * c_ - y * s_, y0_ + x * s_ + y * c_});
}

void ShapeBuilder::triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour) {
    vertex(a, colour);
    vertex(b, colour);
    vertex(c, colour);
}

void ShapeBuilder::quad(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Vector2f d, sf::Color colour) {
    triangle(a, b, c, colour);
    triangle(a, c, d, colour);
}

void ShapeBuilder::rect(const Placement& at, double x0, double y0, double x1, double y1, sf::Color colour) {
    quad(at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), colour);
}

void ShapeBuilder::chamferedRect(const Placement& at, double x0, double y0, double x1, double y1, double chamfer,
                                 sf::Color colour) {
    const sim::Vec2 points[8] = {{x0 + chamfer, y0}, {x1 - chamfer, y0}, {x1, y0 + chamfer}, {x1, y1 - chamfer},
                                 {x1 - chamfer, y1}, {x0 + chamfer, y1}, {x0, y1 - chamfer}, {x0, y0 + chamfer}};
    polygon(at, points, colour);
}

void ShapeBuilder::roundedRect(const Placement& at, double x0, double y0, double x1, double y1, double front, double rear,
                               sf::Color colour) {
    constexpr int kSteps = 4;  // per corner: smooth at the sizes vehicles are drawn
    std::vector<sim::Vec2> points;
    points.reserve(4 * (kSteps + 1));
    const struct {
        double cx, cy, r, start;
    } corners[4] = {{x1 - front, y0 + front, front, -sim::units::kPi / 2}, {x1 - front, y1 - front, front, 0.0},
                    {x0 + rear, y1 - rear, rear, sim::units::kPi / 2}, {x0 + rear, y0 + rear, rear, sim::units::kPi}};
    for (const auto& c : corners)
        for (int i = 0; i <= kSteps; ++i) {
            const double a = c.start + sim::units::kPi / 2 * i / kSteps;
            points.push_back({c.cx + c.r * std::cos(a), c.cy + c.r * std::sin(a)});
        }
    polygon(at, points, colour);
}

void ShapeBuilder::gradientQuad(const Placement& at, const sim::Vec2 (&p)[4], const sf::Color (&c)[4]) {
    const sf::Vector2f v[4] = {at(p[0].x, p[0].y), at(p[1].x, p[1].y), at(p[2].x, p[2].y), at(p[3].x, p[3].y)};
    vertex(v[0], c[0]);
    vertex(v[1], c[1]);
    vertex(v[2], c[2]);
    vertex(v[0], c[0]);
    vertex(v[2], c[2]);
    vertex(v[3], c[3]);
}

void ShapeBuilder::polygon(const Placement& at, std::span<const sim::Vec2> points, sf::Color colour) {
    if (points.size() < 3) return;
    const sf::Vector2f first = at(points[0].x, points[0].y);
    sf::Vector2f previous = at(points[1].x, points[1].y);
    for (std::size_t i = 2; i < points.size(); ++i) {
        const sf::Vector2f next = at(points[i].x, points[i].y);
        triangle(first, previous, next, colour);
        previous = next;
    }
}

void ShapeBuilder::ellipse(const Placement& at, double cx, double cy, double rx, double ry, sf::Color colour, int segments) {
    std::vector<sim::Vec2> points(static_cast<std::size_t>(segments));
    for (int i = 0; i < segments; ++i) {
        const double a = 2.0 * sim::units::kPi * i / segments;
        points[static_cast<std::size_t>(i)] = {cx + rx * std::cos(a), cy + ry * std::sin(a)};
    }
    polygon(at, points, colour);
}

void ShapeBuilder::radial(sf::Vector2f centre, float radius, sf::Color inner, sf::Color outer, int segments) {
    for (int i = 0; i < segments; ++i) {
        const float a0 = kTau * static_cast<float>(i) / static_cast<float>(segments);
        const float a1 = kTau * static_cast<float>(i + 1) / static_cast<float>(segments);
        vertex(centre, inner);
        vertex(polar(centre, radius, a0), outer);
        vertex(polar(centre, radius, a1), outer);
    }
}

void ShapeBuilder::fan(sf::Vector2f apex, float radius, float a0, float a1, sf::Color inner, sf::Color outer, int segments) {
    for (int i = 0; i < segments; ++i) {
        const float b0 = a0 + (a1 - a0) * static_cast<float>(i) / static_cast<float>(segments);
        const float b1 = a0 + (a1 - a0) * static_cast<float>(i + 1) / static_cast<float>(segments);
        vertex(apex, inner);
        vertex(polar(apex, radius, b0), outer);
        vertex(polar(apex, radius, b1), outer);
    }
}

void ShapeBuilder::line(sf::Vector2f a, sf::Vector2f b, float width, sf::Color colour) {
    const sf::Vector2f d = b - a;
    const float len = std::hypot(d.x, d.y);
    if (len <= 0.0f) return;
    const sf::Vector2f n{-d.y / len * width / 2.0f, d.x / len * width / 2.0f};
    quad(a + n, b + n, b - n, a - n, colour);
}

void ShapeBuilder::ring(sf::Vector2f centre, float radius, float width, sf::Color colour, int segments) {
    const float r0 = radius - width / 2.0f;
    const float r1 = radius + width / 2.0f;
    for (int i = 0; i < segments; ++i) {
        const float a0 = kTau * static_cast<float>(i) / static_cast<float>(segments);
        const float a1 = kTau * static_cast<float>(i + 1) / static_cast<float>(segments);
        quad(polar(centre, r0, a0), polar(centre, r1, a0), polar(centre, r1, a1), polar(centre, r0, a1), colour);
    }
}

void ShapeBuilder::star(sf::Vector2f centre, float outer, float inner, int points, float rotation, sf::Color colour) {
    const int n = points * 2;
    for (int i = 0; i < n; ++i) {
        const float a0 = rotation + kTau * static_cast<float>(i) / static_cast<float>(n);
        const float a1 = rotation + kTau * static_cast<float>(i + 1) / static_cast<float>(n);
        const float r0 = i % 2 == 0 ? outer : inner;
        const float r1 = i % 2 == 0 ? inner : outer;
        triangle(centre, polar(centre, r0, a0), polar(centre, r1, a1), colour);
    }
}

}  // namespace viz
