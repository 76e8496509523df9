// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <exception>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "sim/version.hpp"
#include "viz/command.hpp"

int main(int argc, char** argv) {
    CLI::App app{"roadside-viz: replay a recorded run (.rsr) or run a scenario (.toml) live, watch it top-down, "
                 "change the tactic and re-run with the same traffic, compare two tactics side by side, export "
                 "pictures and videos"};
    app.set_version_flag("--version", std::string("roadside ") + std::string(sim::kVersion) + " (" + std::string(sim::kBuild) + ")");
    viz::VizOptions o;
    app.add_option("input", o.input, "A recording (.rsr) to replay, or a scenario (.toml) to run live")->required();
    app.add_option("second", o.second, "A second recording or scenario, shown side by side (same seed)");
    app.add_option("--seed", o.seed, "Seed of a live run (default: the scenario's run.seed)");
    app.add_option("--set", o.set, "KEY=VALUE: change the scenario, e.g. --set units.patrol.offset='\"6 ft\"'")->allow_extra_args(false)->take_all();
    app.add_option("--compare", o.compare,
                   "KEY=VALUE: also run the scenario with this change (same seed) and show both side by side")
        ->allow_extra_args(false)->take_all();
    app.add_option("--screenshot", o.screenshot, "Write a PNG of the scene and exit");
    app.add_option("--at", o.at, "Time of the screenshot, in s or m:ss (default: 3 s before the first strike, else mid-run)");
    app.add_flag("--panels", o.panels, "With --screenshot: the whole window with its panels (needs a display)");
    app.add_option("--tab", o.tab, "Panel shown first: events, people, tactic, scenario, view")
        ->check(CLI::IsMember({"events", "people", "tactic", "scenario", "view"}));
    app.add_option("--frames", o.framesDir, "Write a PNG sequence into this folder and exit");
    app.add_option("--video", o.video, "Write an H.264 video (needs ffmpeg on PATH) and exit");
    app.add_option("--clip", o.clip,
                   "Write the seconds round a strike, captioned, slow round the impact, and exit: FILE.mp4, FILE.gif, or a "
                   "folder for PNG frames");
    app.add_option("--strike", o.strike, "Which strike --clip shows: 1 (the first, default), 2, …")->check(CLI::Range(1, 1000));
    app.add_option("--before", o.before, "Seconds of --clip before the strike (default 6)")->check(CLI::Range(0.0, 600.0));
    app.add_option("--after", o.after, "Seconds of --clip after the strike (default 3)")->check(CLI::Range(0.0, 600.0));
    app.add_option("--slow", o.slow, "Speed of --clip from 1.5 s before the impact to 1 s after it (default 0.25; 1 = none)")
        ->check(CLI::Range(0.05, 1.0));
    app.add_option("--fps", o.fps, "Frames per second of --frames, --video and --clip")->check(CLI::Range(1.0, 240.0));
    app.add_option("--speed", o.speed, "Simulated seconds per second of --frames and --video (0.25 = slow motion)")
        ->check(CLI::Range(0.05, 16.0));
    app.add_option("--from", o.from, "Start of --frames/--video (default: 10 s before the first strike, else 0)");
    app.add_option("--to", o.to, "End of --frames/--video (default: 5 s after the first strike, else 30 s)");
    std::string size;
    app.add_option("--size", size, "WxH of pictures and videos (default 1920x1080) or of the window");
    app.add_option("--zoom", o.zoom, "Pixels per metre (default: fit the scene)")->check(CLI::Range(0.2, 120.0));
    app.add_option("--title", o.title, "Caption title of the run (side by side: of run A)");
    app.add_option("--subtitle", o.subtitle, "Caption line under the title (side by side: of run A)");
    app.add_option("--title-b", o.titleB, "Side by side: caption title of run B");
    app.add_option("--subtitle-b", o.subtitleB, "Side by side: caption line of run B (default: what --compare changes)");
    app.add_flag("--whole-road", o.wholeRoad, "Show the whole simulated road");
    app.add_option("--centre", o.centre, "Centre the view this many metres along the road (the scene is near 0; "
                                         "upstream is negative)");
    app.add_flag("--trails", o.trails, "Draw where vehicles and people have been in the last 4 s");
    app.add_flag("--metric", o.metric, "Metres and km/h instead of feet and mph");
    app.add_flag("--no-weather", o.noWeather, "Draw without night darkness and fog");
    app.add_flag("--no-legend", o.noLegend, "Draw without the legend of the overlays");
    app.add_option("--antialias", o.antialiasing, "Multisampling level: 0 (off), 2, 4, 8 (default 4; the window: off on a software renderer)")
        ->check(CLI::IsMember({0u, 2u, 4u, 8u}));
    app.add_option("--bench-frames", o.benchFrames, "Render N frames of the window as fast as possible and report frame times")
        ->check(CLI::Range(1, 100000));
    try {
        app.parse(argc, argv);
        if (!size.empty()) {
            unsigned w = 0, h = 0;
            char x = 0;
            std::istringstream in(size);
            if (!(in >> w >> x >> h) || x != 'x' || w < 64 || h < 64 || w > 8192 || h > 8192)
                throw CLI::ValidationError("--size", "expected WxH, e.g. 1920x1080, got " + size);
            o.width = w;
            o.height = h;
            o.sizeGiven = true;
        }
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? viz::kExitOk : viz::kExitInvalidInput;
    }
    try {
        return viz::runViz(o);
    } catch (const std::exception& e) {
        std::cerr << "roadside-viz: internal error: " << e.what() << "\n";
        return viz::kExitInternal;
    }
}
