// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>

#include "viz/explain_draw.hpp"
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
    bool legend = true;       ///< the legend of the overlays in this pane (side by side: one pane has it)
    /// Side by side, the second run: s from which its traffic differs from the first run's (the
    /// tactic changed what drivers see and do); said on the picture from then on.
    std::optional<double> trafficDivergesAt = std::nullopt;
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
    /// The text of the last draw (one pane), where it was put: what a person reads on it.
    const std::vector<PlacedText>& texts() const { return overlay_.texts(); }

private:
    void buildWorld(const FrameSource& source, const sim::Frame& frame, const ViewState& view, const WorldBox& visible);
    void buildLabels(const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                     const sf::FloatRect& viewport, const SceneDrawOptions& options);
    void drawLayers(sf::RenderTarget& target, const sf::FloatRect& viewport, const FrameSource& source, const ViewState& view);

    LabelFont font_;
    Overlay overlay_;
    LegendNeeds legendNeeds_;
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
