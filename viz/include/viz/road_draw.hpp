// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <SFML/Graphics/VertexArray.hpp>

#include "sim/scenario.hpp"
#include "viz/camera.hpp"

/// The road from the Scenario: lanes and their widths, the right shoulder, the left (inside)
/// shoulder and median of a divided freeway, markings to the MUTCD's pattern, and the guardrail.
namespace viz {

/// Lateral layout (m, road frame) of what is drawn beside the travel lanes.
struct RoadLayout {
    double rightShoulderOuter;  ///< d of the right shoulder's outer edge (< 0)
    double leftEdge;            ///< d of the left edge line (lanes * laneWidth)
    double leftShoulderOuter;   ///< d of the inside shoulder's outer edge
    double guardrail;           ///< d of the guardrail (valid when the road has one)
};
RoadLayout roadLayout(const sim::Road& road);

/// The colours of the surfaces under the conditions (wet asphalt is darker, snow lies on the
/// shoulder and verge).
struct RoadColours {
    sf::Color asphalt, track, shoulder, verge, gravel;
};
RoadColours roadColours(const sim::Environment& env);

/// Appends the road over the visible box to `ground` (scene coordinates).
void appendRoad(sf::VertexArray& ground, const sim::Road& road, const sim::Environment& env, const WorldBox& visible,
                double pixelsPerMetre);

}  // namespace viz
