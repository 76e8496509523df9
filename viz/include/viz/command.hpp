// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/scenario_loader.hpp"
#include "viz/app.hpp"

/// What `roadside-viz` was asked to do, parsed from its command line (viz/src/main.cpp), and
/// doing it: open the inputs, then export pictures or a video, or open the window.
namespace viz {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitInvalidInput = 2;  ///< unreadable input, bad scenario, no ffmpeg, no display

struct VizOptions {
    std::filesystem::path input;                 ///< a recording (.rsr) or a scenario (.toml)
    std::optional<std::filesystem::path> second; ///< side by side with this recording or scenario
    std::optional<std::uint64_t> seed;           ///< live runs
    std::vector<std::string> set;                ///< KEY=VALUE overrides of the scenario (live runs)
    std::vector<std::string> compare;            ///< KEY=VALUE: a second run with these, side by side
    std::optional<std::filesystem::path> screenshot;
    std::optional<std::string> at;               ///< "165", "2:45.3"
    bool panels = false;                         ///< screenshot of the window with its panels
    std::optional<std::filesystem::path> framesDir;
    std::optional<std::filesystem::path> video;
    std::optional<std::filesystem::path> clip;   ///< FILE.mp4, FILE.gif or a folder (PNG frames): round a strike
    std::size_t strike = 1;                      ///< which strike --clip shows (1 = the first)
    double before = 6.0;                         ///< s of --clip before the strike
    double after = 3.0;                          ///< s of --clip after it
    double slow = 0.25;                          ///< --clip's slow motion round the impact (1 = none)
    double fps = 30.0;
    double speed = 1.0;                          ///< simulated seconds per second of video
    std::optional<std::string> from, to;
    unsigned width = 1920, height = 1080;        ///< pictures and videos; the window is 1600x900 unless given
    bool sizeGiven = false;
    std::optional<double> zoom;                  ///< pixels per metre
    bool wholeRoad = false;
    std::optional<double> centre;                ///< m along the road at the picture's centre
    bool trails = false;
    bool metric = false;
    bool noWeather = false;
    bool noLegend = false;
    std::string tab = "events";
    std::optional<std::string> title, subtitle;      ///< caption of the (first) run
    std::optional<std::string> titleB, subtitleB;    ///< caption of the second run
    int benchFrames = 0;
    std::optional<unsigned> antialiasing;        ///< multisampling (0 = off); default 4, the window off without a GPU
};

/// Seconds from "165", "165.5" or "2:45.3"; nullopt if malformed.
std::optional<double> parseTime(const std::string& text);

/// "KEY=VALUE" as an override located on the command line; nullopt without "=".
std::optional<sim::io::Override> parseOverride(const std::string& text, const std::string& option);

/// Does what the options say; returns the exit code. Messages go to stderr, results to stdout.
int runViz(const VizOptions& options);

}  // namespace viz
