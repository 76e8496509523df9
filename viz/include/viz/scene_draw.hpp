// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>

#include <SFML/Graphics/RenderTarget.hpp>

#include "viz/frame_source.hpp"
#include "viz/label_font.hpp"
#include "viz/lighting.hpp"
#include "viz/overlay.hpp"
#include "viz/scene_batches.hpp"
#include "viz/view_state.hpp"

/// The whole scene of one run at one instant, into a rectangle of any render target: a window,
/// or an sf::RenderTexture for headless export and tests. Reads only the FrameSource and the
/// ViewState.
namespace viz {

struct SceneDrawOptions {
    std::string title;        ///< caption title; empty: the source's label
    std::string subtitle;     ///< e.g. what differs from the other run, side by side
    bool comparing = false;   ///< one of two runs side by side: say "no strike so far" too
};

/// Counts from the last draw, for the frame-time report.
struct SceneStats {
    std::size_t vehiclesDrawn = 0;
    std::size_t vertices = 0;
    double buildMs = 0.0;     ///< CPU time building the vertex arrays (the rest is OpenGL's)
};

class SceneRenderer {
public:
    SceneRenderer() : overlay_(font_) {}

    /// Draws `source` at view.time into the pixel rectangle `viewport` of `target`.
    void draw(sf::RenderTarget& target, const sf::FloatRect& viewport, const FrameSource& source, const ViewState& view,
              const SceneDrawOptions& options = {});

    const LabelFont& font() const { return font_; }
    const SceneStats& stats() const { return stats_; }

private:
    void buildWorld(const FrameSource& source, const sim::Frame& frame, const ViewState& view, const WorldBox& visible);
    void buildLabels(const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                     const sf::FloatRect& viewport, const SceneDrawOptions& options);
    void drawLayers(sf::RenderTarget& target, const sf::FloatRect& viewport, const FrameSource& source, const ViewState& view);

    LabelFont font_;
    Overlay overlay_;
    SceneBatches batches_;
    LightMap lightMap_;
    SceneStats stats_;
};

/// The rectangle (road frame) worth showing for a source: the scene and its people with the
/// road around them, or the whole road when `wholeRoad`.
WorldBox sceneBox(const FrameSource& source, bool wholeRoad = false);

/// Camera centre for Follow::Scene or Follow::Vehicle at the frame (unchanged for Free).
void followCamera(ViewState& view, const FrameSource& source, const sim::Frame& frame);

}  // namespace viz
