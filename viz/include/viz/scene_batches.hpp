// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <SFML/Graphics/VertexArray.hpp>

#include "sim/scenario.hpp"

/// The vertex arrays one scene is built into, by layer, so that the whole scene is a few draw
/// calls whatever the traffic (design.md#visualizer: batch, do not draw shape by shape).
namespace viz {

struct SceneBatches {
    sf::VertexArray ground{sf::Triangles};    ///< road, shoulder, verge, markings, guardrail
    sf::VertexArray overlays{sf::Triangles};  ///< detection band, trails: on the road, under vehicles
    sf::VertexArray shadows{sf::Triangles};
    sf::VertexArray bodies{sf::Triangles};    ///< vehicles, devices, people
    sf::VertexArray markers{sf::Triangles};   ///< strikes, collisions, clearance lines: over bodies
    sf::VertexArray fog{sf::Triangles};       ///< contrast falloff with distance, alpha-blended
    sf::VertexArray aids{sf::Triangles};      ///< reading aids over fog and darkness: the detection band
    sf::VertexArray lights{sf::Triangles};    ///< additive, into the light map: beams and pools (dark only)
    sf::VertexArray emissive{sf::Triangles};  ///< lamps, drawn after the darkness so they stay bright
    sf::VertexArray halos{sf::Triangles};     ///< additive glow around lit lamps

    void clear();
};

/// What the lamps show at a moment: a pure function of the frame time, so that exports are
/// deterministic and two runs side by side flash together.
struct LampState {
    bool barPhase = false;   ///< light bars: true = left/red side lit (alternating at 2 Hz)
    bool hazardsOn = false;  ///< hazard flashers (75 flashes per minute)
    int arrowStep = 0;       ///< arrow board sequence: 0 = dark, 1..3 chevrons lit
    bool dark = false;       ///< dusk and night: headlights and tail lights on, light pools and
                             ///< beams go into the light map
};

LampState lampState(double time, sim::Light light);

}  // namespace viz
