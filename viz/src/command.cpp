// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/command.hpp"

#include <cctype>
#include <cmath>
#include <iostream>
#include <sstream>

#include "viz/display.hpp"
#include "viz/divergence.hpp"
#include "viz/export.hpp"
#include "viz/open_source.hpp"
#include "viz/text_format.hpp"

namespace viz {

namespace {

int fail(const std::string& message) {
    std::cerr << "roadside-viz: " << message << (message.empty() || message.back() != '\n' ? "\n" : "");
    return kExitInvalidInput;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

/// The runs on screen: the input, and a second one side by side if asked for.
struct Runs {
    std::unique_ptr<FrameSource> primary;
    std::unique_ptr<FrameSource> second;
    SceneDrawOptions captionA;
    SceneDrawOptions captionB;
};

/// "units.patrol.offset=\"2 ft\"" as a person reads it: units.patrol.offset = 2 ft.
std::string readable(const std::vector<std::string>& overrides) {
    constexpr std::size_t kLongest = 48;  // longer values (a scripted vehicle) would not fit a caption
    std::vector<std::string> out;
    for (const std::string& o : overrides) {
        if (o.size() > kLongest) continue;
        const auto eq = o.find('=');
        std::string value = eq == std::string::npos ? "" : o.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        out.push_back(o.substr(0, eq) + " = " + value);
    }
    return joined(out, " · ");
}

/// The captions: what the options say, else the runs' labels and what the command line changed.
void captions(const VizOptions& o, Runs& runs) {
    const bool two = runs.second != nullptr;
    // Empty titles are filled in where the runs are drawn: the label, "A · label", "B · label".
    SceneDrawOptions& a = runs.captionA;
    a.title = o.title.value_or("");
    a.subtitle = o.subtitle.value_or(readable(o.set));
    if (two && a.subtitle.empty()) a.subtitle = "As given";
    a.comparing = two;
    if (!two) return;
    SceneDrawOptions& b = runs.captionB;
    b.title = o.titleB.value_or("");
    std::string fallback = !o.compare.empty() ? readable(o.compare) : runs.second->scenario().description;
    if (fallback.empty() && o.second) fallback = o.second->filename().string();
    b.subtitle = o.subtitleB.value_or(fallback);
    b.comparing = true;
}

OpenResult openInput(const std::filesystem::path& path, const std::vector<sim::io::Override>& overrides,
                     std::optional<std::uint64_t> seed) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {nullptr, path.string() + ": no such file"};
    if (!looksLikeRecording(path)) return openScenario(path, overrides, seed);
    if (!overrides.empty())
        return {nullptr, path.string() + ": --set changes scenario files; to change a recorded run use --compare KEY=VALUE"};
    return openRecording(path);
}

std::optional<std::vector<sim::io::Override>> overridesOf(const std::vector<std::string>& texts, const std::string& option,
                                                          std::string& error) {
    std::vector<sim::io::Override> out;
    for (const std::string& t : texts) {
        auto o = parseOverride(t, option);
        if (!o) {
            error = option + " " + t + ": expected KEY=VALUE, e.g. units.patrol.offset='\"6 ft\"'";
            return std::nullopt;
        }
        out.push_back(std::move(*o));
    }
    return out;
}

/// Opens the inputs; returns an error message or an empty string.
std::string openRuns(const VizOptions& o, Runs& runs) {
    std::string error;
    const auto set = overridesOf(o.set, "--set", error);
    const auto compare = overridesOf(o.compare, "--compare", error);
    if (!set || !compare) return error;
    if (o.second && !compare->empty()) return "give either a second input or --compare, not both";
    OpenResult first = openInput(o.input, *set, o.seed);
    if (!first.source) return first.error;
    runs.primary = std::move(first.source);
    if (o.second) {
        OpenResult second = openInput(*o.second, *set, o.seed.value_or(runs.primary->seed()));
        if (!second.source) return second.error;
        runs.second = std::move(second.source);
    } else if (!compare->empty()) {
        const sim::Scenario& base = runs.primary->scenario();
        if (base.sourceText.empty()) return o.input.string() + ": carries no scenario text, so --compare cannot change it";
        OpenResult b = openScenarioText(base.sourceText, base.name + ".toml", *compare, runs.primary->seed(), base.name);
        if (!b.source) return b.error;
        runs.second = std::move(b.source);
    }
    captions(o, runs);
    return {};
}

std::vector<Pane> panesOf(const Runs& runs) {
    if (!runs.second) return {{runs.primary.get(), runs.captionA}};
    SceneDrawOptions a = runs.captionA;
    SceneDrawOptions b = runs.captionB;
    if (a.title.empty()) a.title = "A · " + runs.primary->label();
    if (b.title.empty()) b.title = "B · " + runs.second->label();
    a.legend = false;  // one legend, in the lower pane
    return {{runs.primary.get(), a}, {runs.second.get(), b}};
}

/// The time `--at` (or `--from`, `--to`) names, checked against the run: nullopt and a message
/// when it is malformed or after the end.
std::optional<double> timeOption(const std::string& option, const std::string& text, const FrameSource& run, std::string& error) {
    const auto t = parseTime(text);
    if (!t) {
        error = option + " " + text + ": expected seconds or m:ss";
        return std::nullopt;
    }
    if (*t > run.duration() + 1e-9) {
        error = option + " " + text + ": after the end of the run (" + formatClock(run.duration()) + ")";
        return std::nullopt;
    }
    return t;
}

sf::FloatRect firstPane(const VizOptions& o, std::size_t panes) {
    return paneRects({0.0f, 0.0f, static_cast<float>(o.width), static_cast<float>(o.height)}, panes).front();
}

/// The view for exports: time, camera framing the scene (or the road), layers and units.
std::optional<ViewState> exportView(const VizOptions& o, const std::vector<Pane>& panes, std::string& error) {
    ViewState view;
    FrameSource& primary = *panes.front().source;
    view.time = defaultShotTime(primary);
    if (o.at) {
        const auto t = timeOption("--at", *o.at, primary, error);
        if (!t) return std::nullopt;
        view.time = *t;
    }
    view.units = o.metric ? UnitSystem::Metric : UnitSystem::Imperial;
    view.layers.trails = o.trails;
    view.layers.weather = !o.noWeather;
    view.layers.legend = !o.noLegend;
    const sf::FloatRect pane = firstPane(o, panes.size());
    if (o.wholeRoad) {
        view.follow = Follow::Free;
        fitTo(view.camera, pane, sceneBox(primary, true));
    } else {
        fitScene(view, primary, pane);
        fitStrike(view, primary, pane);  // a strike's lead-in: the striker too, however far upstream
    }
    if (o.zoom) view.camera.pixelsPerMetre = *o.zoom;
    if (o.centre) {
        view.follow = Follow::Free;
        view.camera.centre.x = *o.centre;
    }
    return view;
}

std::optional<ClipSettings> clipOf(const VizOptions& o, const FrameSource& primary, std::string& error) {
    ClipSettings clip;
    std::tie(clip.from, clip.to) = defaultClipSpan(primary);
    for (auto [text, value, name] : {std::tuple{&o.from, &clip.from, "--from"}, std::tuple{&o.to, &clip.to, "--to"}}) {
        if (!*text) continue;
        const auto t = timeOption(name, **text, primary, error);
        if (!t) return std::nullopt;
        *value = *t;
    }
    clip.to = std::min(clip.to, primary.duration());
    if (clip.to <= clip.from) {
        error = "the clip is empty (--from must be before --to, within the run)";
        return std::nullopt;
    }
    clip.fps = o.fps;
    clip.speed = o.speed;
    clip.size = {o.width, o.height};
    clip.antialiasing = o.antialiasing.value_or(4);
    return clip;
}

std::string lowerExtension(const std::filesystem::path& p) {
    std::string e = p.extension().string();
    for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

/// --clip: the seconds round strike --strike, into an MP4, a GIF or a folder of PNGs.
int exportStrikeClip(const VizOptions& o, SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view) {
    const FrameSource& primary = *panes.front().source;
    std::vector<double> strikes;
    for (std::size_t i = 0; i < primary.events().size(); ++i) {
        if (primary.events()[i].kind != sim::EventKind::Strike) continue;
        strikes.push_back(primary.events()[i].time);
        if (strikes.size() == o.strike) view.focusStrike = i;  // its card tells it in full throughout
    }
    auto clip = strikeClip(primary, o.strike - 1, o.before, o.after, o.slow);
    if (!clip)
        return fail("--clip: " + primary.label() + " has " +
                    (strikes.empty() ? std::string("no strike") : "only " + std::to_string(strikes.size()) + " strike(s)") +
                    " to show; for another span use --video FILE.mp4 or --frames DIR with --from and --to");
    const double strike = strikes[o.strike - 1];
    clip->fps = o.fps;
    clip->speed = o.speed;
    clip->slowSpeed = std::min(clip->slowSpeed, o.speed);
    clip->size = {o.width, o.height};
    clip->antialiasing = o.antialiasing.value_or(4);
    // One camera for the whole clip: the framing of 3 s before the impact, which has the striker
    // in view however far upstream it is then.
    if (!o.zoom && !o.centre && !o.wholeRoad) {
        view.time = std::max(clip->from, strike - 3.0);
        fitScene(view, primary, firstPane(o, panes.size()));
        fitStrike(view, primary, firstPane(o, panes.size()));
    }
    const std::string extension = lowerExtension(*o.clip);
    std::string error;
    if (extension == ".gif") {
        if (!exportGif(renderer, panes, view, *clip, *o.clip, &error)) return fail(error);
    } else if (extension == ".mp4") {
        if (!exportVideo(renderer, panes, view, *clip, *o.clip, &error)) return fail(error);
    } else if (extension.empty()) {
        exportFrames(renderer, panes, view, *clip, *o.clip, &error);
        if (!error.empty()) return fail(error);
    } else {
        return fail("--clip " + o.clip->string() + ": expected FILE.mp4, FILE.gif, or a folder for PNG frames");
    }
    std::cout << "wrote " << o.clip->string() << " (strike " << o.strike << " at " << formatClock(strike) << ", from "
              << formatClock(clip->from) << " to " << formatClock(clip->to) << ", " << clipTimes(*clip).size() << " frames)\n";
    return kExitOk;
}

int exportAll(const VizOptions& o, const Runs& runs) {
    std::vector<Pane> panes = panesOf(runs);
    computeUntil(panes, 1e18);  // exports need the whole run (the default times depend on its strikes)
    // Side by side: from when B's traffic is no longer A's (B's tactic changed what drivers do).
    if (panes.size() == 2) panes[1].options.trafficDivergesAt = trafficDivergence(*panes[0].source, *panes[1].source);
    std::string error;
    const auto view = exportView(o, panes, error);
    if (!view) return fail(error);
    SceneRenderer renderer;
    if (o.screenshot) {
        const auto image = renderImage(renderer, panes, *view, {o.width, o.height}, &error, o.antialiasing.value_or(4));
        if (!image) return fail(error);
        if (!image->saveToFile(o.screenshot->string())) return fail(o.screenshot->string() + ": cannot be written");
        std::cout << "wrote " << o.screenshot->string() << " (t = " << view->time << " s)\n";
    }
    if (o.clip)
        if (const int code = exportStrikeClip(o, renderer, panes, *view); code != kExitOk) return code;
    if (!o.framesDir && !o.video) return kExitOk;
    const auto clip = clipOf(o, *runs.primary, error);
    if (!clip) return fail(error);
    if (o.framesDir) {
        const std::size_t n = exportFrames(renderer, panes, *view, *clip, *o.framesDir, &error);
        if (!error.empty()) return fail(error);
        std::cout << "wrote " << n << " frames to " << o.framesDir->string() << "\n";
    }
    if (o.video) {
        if (!exportVideo(renderer, panes, *view, *clip, *o.video, &error)) return fail(error);
        std::cout << "wrote " << o.video->string() << "\n";
    }
    return kExitOk;
}

PanelTab tabOf(const std::string& name) {
    if (name == "people") return PanelTab::People;
    if (name == "tactic") return PanelTab::Tactic;
    if (name == "scenario") return PanelTab::Scenario;
    if (name == "view") return PanelTab::View;
    return PanelTab::Events;
}

}  // namespace

std::optional<double> parseTime(const std::string& text) {
    std::istringstream in(text);
    double first = 0.0;
    if (!(in >> first) || first < 0.0) return std::nullopt;
    if (in.peek() == ':') {
        in.get();
        double seconds = 0.0;
        if (!(in >> seconds) || seconds < 0.0 || seconds >= 60.0 || first != std::floor(first)) return std::nullopt;
        first = first * 60.0 + seconds;
    }
    if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return first;
}

std::optional<sim::io::Override> parseOverride(const std::string& text, const std::string& option) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    return sim::io::Override{text.substr(0, eq), text.substr(eq + 1), {"command line (" + option + ")", 0, 0}};
}

int runViz(const VizOptions& o) {
    const bool clipNeedsFfmpeg = o.clip && (lowerExtension(*o.clip) == ".mp4" || lowerExtension(*o.clip) == ".gif");
    if ((o.video || clipNeedsFfmpeg) && !findOnPath("ffmpeg"))
        return fail(std::string(o.video ? "--video" : "--clip " + o.clip->string()) +
                    " needs ffmpeg, which is not installed (not found on PATH): install it (Debian: apt-get "
                    "install ffmpeg, or tools/install-deps.sh --with-video), or write PNG frames with --frames DIR (or "
                    "--clip DIR)");
    // SFML aborts the process when it cannot open the display: ask first, and say what to do.
    if (const std::string problem = displayProblem(); !problem.empty()) return fail(problem);
    Runs runs;
    if (const std::string error = openRuns(o, runs); !error.empty()) return fail(error);
    const bool headless = (o.screenshot && !o.panels) || o.framesDir || o.video || o.clip;
    if (headless) return exportAll(o, runs);
    AppOptions app;
    if (o.sizeGiven) {
        app.width = o.width;
        app.height = o.height;
    }
    if (o.at) {
        std::string error;
        app.startTime = timeOption("--at", *o.at, *runs.primary, error);
        if (!app.startTime) return fail(error);
    }
    app.tab = tabOf(o.tab);
    app.trails = o.trails;
    app.metric = o.metric;
    app.weather = !o.noWeather;
    app.legend = !o.noLegend;
    app.sizeGiven = o.sizeGiven;
    app.zoom = o.zoom;
    app.wholeRoad = o.wholeRoad;
    app.centre = o.centre;
    app.antialiasing = o.antialiasing;
    app.captionA = runs.captionA;
    app.captionB = runs.captionB;
    if (o.screenshot) app.panelsScreenshot = *o.screenshot;
    app.benchFrames = o.benchFrames;
    return runApp(std::move(runs.primary), std::move(runs.second), app);
}

}  // namespace viz
