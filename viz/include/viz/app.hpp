// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "viz/frame_source.hpp"
#include "viz/scene_draw.hpp"

/// The interactive viewer: a window with the scene (one run, or two side by side) and the
/// panels: playback and timeline, events, people, tactic (live re-runs), scenario, view.
namespace viz {

enum class PanelTab { Events, People, Tactic, Scenario, View };

struct AppOptions {
    unsigned width = 1600;
    unsigned height = 900;
    bool sizeGiven = false;              ///< the size was asked for: keep it even if the screen is smaller
    std::optional<double> startTime;     ///< s; default: the start (paused at a strike's lead-in if any)
    bool startPlaying = false;
    PanelTab tab = PanelTab::Events;
    SceneDrawOptions captionA;           ///< caption of the first run (empty title: its label)
    SceneDrawOptions captionB;           ///< caption of the second run, side by side
    bool trails = false;
    bool metric = false;
    bool weather = true;                 ///< night darkness and fog
    bool legend = true;                  ///< the legend of the overlays
    std::optional<double> zoom;          ///< pixels per metre (default: fit the scene)
    bool wholeRoad = false;
    /// Multisampling level of the window (0 = off). Default: 4 on a GPU, off on a software
    /// renderer (Mesa llvmpipe), where it costs three times the frame time.
    std::optional<unsigned> antialiasing;
    std::optional<double> centre;        ///< m along the road at the view's centre
    /// Non-empty: draw the window once with its panels, save it as a PNG and quit (slides of the
    /// tool itself; needs a display, e.g. xvfb-run).
    std::filesystem::path panelsScreenshot;
    /// > 0: render this many frames as fast as possible, playing at 1x over the whole road, and
    /// print the frame times (the "60 fps with 200 vehicles" check).
    int benchFrames = 0;
};

/// Runs the viewer until its window closes; returns the process exit code. `compare` may be null.
int runApp(std::unique_ptr<FrameSource> primary, std::unique_ptr<FrameSource> compare, const AppOptions& options);

}  // namespace viz
