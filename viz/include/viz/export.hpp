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

/// When view.time is in the lead-in of a strike (kForeshadow before it) or just after one: frames
/// the scene, the vehicle behind the strike and the person it strikes, and stops following the
/// scene (3 s before a strike at 65 mph the striker is 60-90 m upstream, outside the scene's
/// frame). Returns false, changing nothing, otherwise.
bool fitStrike(ViewState& view, const FrameSource& source, const sf::FloatRect& pane);

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
    double slowFrom = 0.0;    ///< s: simulated times in [slowFrom, slowTo) play at slowSpeed
    double slowTo = 0.0;      ///<    (slow motion round a strike); none when slowTo <= slowFrom
    double slowSpeed = 1.0;   ///< simulated seconds per second of output there
    double hold = 0.0;        ///< s of output holding the last frame, to read what it says
};

/// The simulated time of each output frame of a clip, in order (the last repeated for the hold).
std::vector<double> clipTimes(const ClipSettings& clip);

/// The clip round strike `index` (0-based) of the source: from `before` s before it to `after`
/// s after it, playing from 1.5 s before it to 1 s after it at `slow` (1 = none) and holding the
/// last frame 2 s; fps, size and antialiasing as in ClipSettings{}. nullopt without that strike.
std::optional<ClipSettings> strikeClip(const FrameSource& source, std::size_t index, double before, double after, double slow);

/// Writes PNGs DIR/frame_00000.png, … and removes frames beyond the last from an earlier, longer
/// export into the same folder. Returns the number written; error set on failure.
std::size_t exportFrames(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view,
                         const ClipSettings& clip, const std::filesystem::path& dir, std::string* error);

/// The full path of an executable on PATH, if any.
std::optional<std::filesystem::path> findOnPath(const std::string& program);

/// Pipes raw frames to ffmpeg (H.264, yuv420p). Fails with a message if ffmpeg is not on PATH.
bool exportVideo(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
                 const std::filesystem::path& output, std::string* error);

/// Writes an animated GIF (loops; for slides and web pages) through ffmpeg: PNG frames in a
/// temporary folder, a palette made from them, then the GIF. Fails with a message if ffmpeg is
/// not on PATH.
bool exportGif(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
               const std::filesystem::path& output, std::string* error);

}  // namespace viz
