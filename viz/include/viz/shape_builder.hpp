// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <span>

#include <SFML/Graphics/VertexArray.hpp>

#include "sim/geometry.hpp"

/// Geometry appended to triangle vertex arrays, so that a whole scene is a handful of draw calls
/// (hundreds of vehicles at 60 frames per second). Points are in scene coordinates (see camera.hpp)
/// or in a body's local frame through a Placement.
namespace viz {

/// A body's local frame: x forward, y to its left (m), placed at a pose of the road frame, with
/// an optional uniform scale (figures drawn larger than life when zoomed out).
class Placement {
public:
    explicit Placement(const sim::Pose& pose, double scale = 1.0);
    /// Scene coordinates of the local point (x, y).
    sf::Vector2f operator()(double x, double y) const;

private:
    double x0_, y0_, c_, s_;
};

class ShapeBuilder {
public:
    explicit ShapeBuilder(sf::VertexArray& triangles) : out_(triangles) {}

    void triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour);
    /// A convex quadrilateral a-b-c-d.
    void quad(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Vector2f d, sf::Color colour);
    /// The local rectangle x in [x0, x1], y in [y0, y1].
    void rect(const Placement& at, double x0, double y0, double x1, double y1, sf::Color colour);
    /// The local rectangle with its corners cut by `chamfer` (m): a car body seen from above.
    void chamferedRect(const Placement& at, double x0, double y0, double x1, double y1, double chamfer, sf::Color colour);
    /// The local rectangle with rounded corners: radius `front` at +x, `rear` at -x (m).
    void roundedRect(const Placement& at, double x0, double y0, double x1, double y1, double front, double rear, sf::Color colour);
    /// A local quadrilateral with a colour per corner (glass catching the sky).
    void gradientQuad(const Placement& at, const sim::Vec2 (&points)[4], const sf::Color (&colours)[4]);
    /// A convex polygon given by local points in order.
    void polygon(const Placement& at, std::span<const sim::Vec2> points, sf::Color colour);
    /// A local ellipse.
    void ellipse(const Placement& at, double cx, double cy, double rx, double ry, sf::Color colour, int segments = 16);
    /// A disc in scene coordinates whose colour goes from `inner` at the centre to `outer` at the
    /// rim: glows and light pools.
    void radial(sf::Vector2f centre, float radius, sf::Color inner, sf::Color outer, int segments = 24);
    /// A fan from `apex` over the arc of `radius` between the directions a0 and a1 (radians, scene
    /// frame), colour fading from `inner` to `outer`: headlight beams.
    void fan(sf::Vector2f apex, float radius, float a0, float a1, sf::Color inner, sf::Color outer, int segments = 8);
    /// A straight band of `width` from a to b (scene coordinates).
    void line(sf::Vector2f a, sf::Vector2f b, float width, sf::Color colour);
    /// A ring (annulus) in scene coordinates.
    void ring(sf::Vector2f centre, float radius, float width, sf::Color colour, int segments = 24);
    /// A many-pointed star: the strike marker.
    void star(sf::Vector2f centre, float outer, float inner, int points, float rotation, sf::Color colour);

private:
    void vertex(sf::Vector2f p, sf::Color c) { out_.append(sf::Vertex(p, c)); }
    sf::VertexArray& out_;
};

}  // namespace viz
