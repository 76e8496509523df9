// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/View.hpp>

#include "sim/frame.hpp"
#include "viz/view_state.hpp"

/// The mapping between the road frame (s along the road, d to the left, metres) and the screen.
/// Traffic runs left to right; the shoulder is at the bottom. Scene coordinates, in which the
/// vertex arrays are built, are (x, y) = (s, -d): SFML's y grows downwards.
namespace viz {

inline constexpr double kMinPixelsPerMetre = 0.2;
inline constexpr double kMaxPixelsPerMetre = 120.0;

inline sf::Vector2f toScene(sim::Vec2 p) { return {static_cast<float>(p.x), static_cast<float>(-p.y)}; }
inline sim::Vec2 fromScene(sf::Vector2f p) { return {p.x, -static_cast<double>(p.y)}; }

/// The view that shows `camera` in the pixel rectangle `viewport` of a target of `targetSize`.
sf::View worldView(const Camera& camera, const sf::FloatRect& viewport, sf::Vector2u targetSize);

/// The road-frame point under a pixel of the viewport.
sim::Vec2 pixelToWorld(const Camera& camera, const sf::FloatRect& viewport, sf::Vector2f pixel);
/// The pixel of the viewport at a road-frame point.
sf::Vector2f worldToPixel(const Camera& camera, const sf::FloatRect& viewport, sim::Vec2 p);

/// Moves the camera by a mouse drag of `pixels`.
void pan(Camera& camera, sf::Vector2f pixels);
/// Zooms by `factor` keeping the point under `pixel` in place.
void zoomAt(Camera& camera, const sf::FloatRect& viewport, sf::Vector2f pixel, double factor);

/// A road-frame rectangle: s from sMin to sMax, d from dMin to dMax (m).
struct WorldBox {
    double sMin = 0.0, sMax = 0.0, dMin = 0.0, dMax = 0.0;
};

/// Sets the camera to show `box` whole, with a margin, in the viewport.
void fitTo(Camera& camera, const sf::FloatRect& viewport, const WorldBox& box);

/// What the viewport currently shows, in the road frame.
WorldBox visibleBox(const Camera& camera, const sf::FloatRect& viewport);

}  // namespace viz
