// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include "sim/scenario.hpp"
#include "viz/camera.hpp"
#include "viz/frame_source.hpp"
#include "viz/overlay.hpp"

/// Night and fog. Night is a light map: the ambient light of the conditions plus additive light
/// from headlights, light bars, flares and street lights, multiplied over the scene. Fog is a
/// falloff of contrast with distance from the scene, from the scenario's visibility.
namespace viz {

/// The light map's base colour: white by day, dim blue at night; overcast weather dims the day.
sf::Color ambientLight(const sim::Environment& env);

/// Street lights along the right shoulder and the median every 60 m (night-lit roads).
void appendStreetLights(sf::VertexArray& lights, const sim::Road& road, const WorldBox& visible);

/// Koschmieder: the apparent contrast of an object at distance x in visibility V is
/// exp(-3.912 x / V) (2 % at x = V; references.md#visibility). The fog drawn over the road at s is
/// 1 - that contrast, for x = the distance from s to the scene, so the picture shows how
/// much of the scene a driver at s can still make out.
double fogOpacity(double distance, double visibility);

/// Appends the fog over the visible box (nothing in clear air).
void appendFog(sf::VertexArray& fog, const WorldBox& visible, const SceneExtent& scene, const sim::Environment& env);

/// Rain as falling streaks, snow as drifting flakes, in the pixels of `viewport`: moved by the
/// frame time only, so that exports are deterministic. Nothing for clear weather or fog.
void addPrecipitation(Overlay& overlay, const sf::FloatRect& viewport, double time, sim::Weather weather, bool dark);

/// Renders a light map for one viewport and multiplies it over the target.
class LightMap {
public:
    void apply(sf::RenderTarget& target, const sf::View& worldView, const sf::FloatRect& viewport,
               const sf::VertexArray& lights, sf::Color ambient);

private:
    sf::RenderTexture texture_;
    sf::Vector2u size_{0, 0};
};

}  // namespace viz
