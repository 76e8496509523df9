// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <SFML/Graphics/Image.hpp>

#include "viz/frame_source.hpp"
#include "viz/scene_draw.hpp"
#include "viz/view_state.hpp"

/// Pictures and videos for slides and class videos, rendered headless into an sf::RenderTexture
/// (an X display is still needed for the OpenGL context: xvfb-run on servers).
namespace viz {

/// One scene on screen: a run and what its caption says. Two panes = side by side.
struct Pane {
    FrameSource* source = nullptr;
    SceneDrawOptions options;
};

/// The pixel rectangles of `count` panes stacked top to bottom in `area` (the road runs across,
/// so stacking keeps the full road length for each tactic).
std::vector<sf::FloatRect> paneRects(const sf::FloatRect& area, std::size_t count);

/// Sets the camera to frame the scene of `source` in a pane of `pane` pixels.
void fitScene(ViewState& view, const FrameSource& source, const sf::FloatRect& pane);

/// The default instant for a picture: 3 s before the first strike, else the middle of the run.
double defaultShotTime(const FrameSource& source);

/// The default span of an exported clip: 10 s before the first strike to 5 s after it, else the
/// first 30 s.
std::pair<double, double> defaultClipSpan(const FrameSource& source);

/// Renders the panes at view.time into an image of `size` pixels. Live sources must be computed
/// far enough (see computeUntil). nullopt (and a reason) if no OpenGL context can be had.
std::optional<sf::Image> renderImage(SceneRenderer& renderer, const std::vector<Pane>& panes, const ViewState& view,
                                     sf::Vector2u size, std::string* error, unsigned antialiasing = 4);

/// Advances every source until it has frames up to t (or is complete).
void computeUntil(const std::vector<Pane>& panes, double t);

struct ClipSettings {
    double from = 0.0;        ///< s
    double to = 0.0;          ///< s
    double fps = 30.0;        ///< frames per second of the output
    double speed = 1.0;       ///< simulated seconds per second of output
    sf::Vector2u size{1920, 1080};
    unsigned antialiasing = 4;  ///< multisampling level
};

/// Writes PNGs DIR/frame_00000.png, … Returns the number written; error set on failure.
std::size_t exportFrames(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view,
                         const ClipSettings& clip, const std::filesystem::path& dir, std::string* error);

/// The full path of an executable on PATH, if any.
std::optional<std::filesystem::path> findOnPath(const std::string& program);

/// Pipes raw frames to ffmpeg (H.264, yuv420p). Fails with a message if ffmpeg is not on PATH.
bool exportVideo(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
                 const std::filesystem::path& output, std::string* error);

}  // namespace viz
