// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/export.hpp"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <unistd.h>

#include <SFML/Graphics/RenderTexture.hpp>

#include "viz/camera.hpp"
#include "viz/explain_draw.hpp"
#include "viz/strike_story.hpp"

namespace viz {

namespace {
const sf::Color kBackground{20, 22, 26};
}

std::vector<sf::FloatRect> paneRects(const sf::FloatRect& area, std::size_t count) {
    std::vector<sf::FloatRect> out;
    if (count == 0) return out;
    const float gap = count > 1 ? 4.0f : 0.0f;
    const float h = (area.height - gap * static_cast<float>(count - 1)) / static_cast<float>(count);
    for (std::size_t i = 0; i < count; ++i)
        out.push_back({area.left, std::round(area.top + static_cast<float>(i) * (h + gap)), area.width, std::round(h)});
    return out;
}

void fitScene(ViewState& view, const FrameSource& source, const sf::FloatRect& pane) {
    fitTo(view.camera, pane, sceneBox(source));
}

bool fitStrike(ViewState& view, const FrameSource& source, const sf::FloatRect& pane) {
    constexpr double kAfter = 3.0;  // s after a strike its striker and the person are still framed
    const sim::Frame frame = frameAtTime(source, view.time);
    for (const sim::Event& e : source.events()) {
        if (e.kind != sim::EventKind::Strike || e.time < view.time - kAfter) continue;
        if (e.time > view.time + kForeshadow) return false;
        WorldBox box = sceneBox(source);
        const auto include = [&](std::optional<std::uint32_t> entity) {
            const sim::EntityState* s = entity ? findEntity(frame, *entity) : nullptr;
            if (!s) return;
            const double r = std::max(source.entities()[*entity].length, 2.0) / 2 + 4.0;  // the body and a little road round it
            box.sMin = std::min(box.sMin, s->pose.position.x - r);
            box.sMax = std::max(box.sMax, s->pose.position.x + r);
            box.dMin = std::min(box.dMin, s->pose.position.y - r);
            box.dMax = std::max(box.dMax, s->pose.position.y + r);
        };
        const sim::Strike* strike = strikeOf(source, e);
        include(strike ? strikerEntity(source, *strike) : std::nullopt);
        include(e.subject);
        view.follow = Follow::Free;
        fitTo(view.camera, pane, box);
        return true;
    }
    return false;
}

double defaultShotTime(const FrameSource& source) {
    if (const auto strike = firstStrikeTime(source)) return std::max(0.0, *strike - 3.0);
    return source.duration() / 2.0;
}

std::pair<double, double> defaultClipSpan(const FrameSource& source) {
    if (const auto strike = firstStrikeTime(source))
        return {std::max(0.0, *strike - 10.0), std::min(source.duration(), *strike + 5.0)};
    return {0.0, std::min(source.duration(), 30.0)};
}

void computeUntil(const std::vector<Pane>& panes, double t) {
    for (const Pane& p : panes)
        while (!p.source->complete() && p.source->available() < t) p.source->advance(std::chrono::milliseconds(200));
}

namespace {

/// One render target reused for every frame of an export.
class Canvas {
public:
    bool open(sf::Vector2u size, unsigned antialiasing, std::string* error) {
        sf::ContextSettings settings;
        settings.antialiasingLevel = antialiasing;
        if (texture_.create(size.x, size.y, settings)) return true;
        if (error) *error = "cannot create a " + std::to_string(size.x) + "x" + std::to_string(size.y) +
                            " OpenGL render texture (is there a display? on a server use xvfb-run)";
        return false;
    }
    sf::Image render(SceneRenderer& renderer, const std::vector<Pane>& panes, const ViewState& view) {
        texture_.clear(kBackground);
        const sf::Vector2u size = texture_.getSize();
        const auto rects = paneRects({0.0f, 0.0f, static_cast<float>(size.x), static_cast<float>(size.y)}, panes.size());
        // One camera for every pane, from the first run, so that both tactics line up.
        ViewState shared = view;
        if (!panes.empty()) followCamera(shared, *panes.front().source, frameAtTime(*panes.front().source, view.time));
        for (std::size_t i = 0; i < panes.size(); ++i) renderer.draw(texture_, rects[i], *panes[i].source, shared, panes[i].options);
        texture_.display();
        return texture_.getTexture().copyToImage();
    }

private:
    sf::RenderTexture texture_;
};

}  // namespace

std::optional<sf::Image> renderImage(SceneRenderer& renderer, const std::vector<Pane>& panes, const ViewState& view,
                                     sf::Vector2u size, std::string* error, unsigned antialiasing) {
    Canvas canvas;
    if (!canvas.open(size, antialiasing, error)) return std::nullopt;
    return canvas.render(renderer, panes, view);
}

std::vector<double> clipTimes(const ClipSettings& clip) {
    std::vector<double> out;
    if (clip.slowTo > clip.slowFrom) {
        // The output clock ticks 1/fps a frame; the simulated one at the rate of where it is.
        for (double t = clip.from; t <= clip.to + 1e-9;) {
            out.push_back(t);
            t += (t >= clip.slowFrom - 1e-9 && t < clip.slowTo - 1e-9 ? clip.slowSpeed : clip.speed) / clip.fps;
        }
    } else {
        const double step = clip.speed / clip.fps;
        for (std::size_t n = 0; clip.from + step * static_cast<double>(n) <= clip.to + 1e-9; ++n)
            out.push_back(clip.from + step * static_cast<double>(n));
    }
    if (!out.empty()) out.insert(out.end(), static_cast<std::size_t>(std::lround(clip.hold * clip.fps)), out.back());
    return out;
}

std::optional<ClipSettings> strikeClip(const FrameSource& source, std::size_t index, double before, double after, double slow) {
    std::size_t n = 0;
    for (const sim::Event& e : source.events()) {
        if (e.kind != sim::EventKind::Strike || n++ != index) continue;
        ClipSettings clip;
        clip.from = std::max(0.0, e.time - before);
        clip.to = std::min(source.duration(), e.time + after);
        if (slow < 1.0) {
            clip.slowFrom = e.time - 1.5;  // the last moments before the impact, and the impact
            clip.slowTo = e.time + 1.0;
            clip.slowSpeed = slow;
        }
        clip.hold = 2.0;
        return clip;
    }
    return std::nullopt;
}

namespace {

/// Removes DIR/frame_NNNNN.png with NNNNN >= count: what an earlier, longer export left.
void removeFramesFrom(const std::filesystem::path& dir, std::size_t count) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() != 15 || name.rfind("frame_", 0) != 0 || name.substr(11) != ".png") continue;
        const std::string digits = name.substr(6, 5);
        if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
        if (static_cast<std::size_t>(std::stoul(digits)) >= count) std::filesystem::remove(entry.path(), ec);
    }
}

/// Renders the clip's frames in order, calling `sink` with each; false (error set) when the
/// canvas cannot be had or the sink fails. Repeated times (the hold) are rendered once.
template <typename Sink>
bool renderClip(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
                std::string* error, Sink sink) {
    Canvas canvas;
    if (!canvas.open(clip.size, clip.antialiasing, error)) return false;
    computeUntil(panes, clip.to);
    const std::vector<double> times = clipTimes(clip);
    sf::Image image;
    for (std::size_t n = 0; n < times.size(); ++n) {
        if (n == 0 || times[n] != times[n - 1]) {
            view.time = times[n];
            image = canvas.render(renderer, panes, view);
        }
        if (!sink(n, image)) return false;
    }
    return true;
}

}  // namespace

std::size_t exportFrames(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
                         const std::filesystem::path& dir, std::string* error) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        if (error) *error = dir.string() + ": " + ec.message();
        return 0;
    }
    std::size_t written = 0;
    renderClip(renderer, panes, view, clip, error, [&](std::size_t n, const sf::Image& image) {
        char name[32];
        std::snprintf(name, sizeof name, "frame_%05zu.png", n);
        if (!image.saveToFile((dir / name).string())) {
            if (error) *error = (dir / name).string() + ": cannot be written";
            return false;
        }
        ++written;
        return true;
    });
    removeFramesFrom(dir, written);
    return written;
}

std::optional<std::filesystem::path> findOnPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return std::nullopt;
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        const std::filesystem::path candidate = std::filesystem::path(dir) / program;
        std::error_code ec;
        const auto status = std::filesystem::status(candidate, ec);
        if (!ec && std::filesystem::is_regular_file(status) &&
            (status.permissions() & std::filesystem::perms::others_exec) != std::filesystem::perms::none)
            return candidate;
    }
    return std::nullopt;
}

namespace {

/// Single quotes for /bin/sh, with embedded quotes escaped.
std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// ffmpeg's path, or nullopt and why not.
std::optional<std::filesystem::path> ffmpegOrSay(std::string* error) {
    auto ffmpeg = findOnPath("ffmpeg");
    if (!ffmpeg && error)
        *error = "ffmpeg is not installed (not found on PATH): install it (Debian: apt-get install ffmpeg), "
                 "or export PNG frames with --frames DIR --fps N";
    return ffmpeg;
}

}  // namespace

bool exportVideo(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
                 const std::filesystem::path& output, std::string* error) {
    const auto ffmpeg = ffmpegOrSay(error);
    if (!ffmpeg) return false;
    // Raw RGBA frames on stdin; H.264 in yuv420p plays everywhere (PowerPoint, browsers).
    const std::string command = shellQuote(ffmpeg->string()) + " -y -loglevel error -f rawvideo -pix_fmt rgba -s " +
                                std::to_string(clip.size.x) + "x" + std::to_string(clip.size.y) + " -r " +
                                std::to_string(clip.fps) + " -i - -c:v libx264 -pix_fmt yuv420p -crf 18 -movflags +faststart " +
                                shellQuote(output.string());
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) {
        if (error) *error = "cannot start ffmpeg";
        return false;
    }
    std::string canvasError;
    const bool ok = renderClip(renderer, panes, view, clip, &canvasError, [&](std::size_t, const sf::Image& image) {
        const std::size_t bytes = static_cast<std::size_t>(clip.size.x) * clip.size.y * 4;
        return std::fwrite(image.getPixelsPtr(), 1, bytes, pipe) == bytes;
    });
    const int status = pclose(pipe);
    if (!canvasError.empty()) {
        if (error) *error = canvasError;
        return false;
    }
    if (!ok || status != 0) {
        if (error) *error = "ffmpeg failed writing " + output.string() + " (exit status " + std::to_string(status) + ")";
        return false;
    }
    return true;
}

bool exportGif(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
               const std::filesystem::path& output, std::string* error) {
    const auto ffmpeg = ffmpegOrSay(error);
    if (!ffmpeg) return false;
    static std::atomic<int> counter{0};
    const std::filesystem::path work = std::filesystem::temp_directory_path() /
                                       ("roadside-gif-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::string frameError;
    exportFrames(renderer, panes, view, clip, work, &frameError);
    bool ok = frameError.empty();
    if (ok) {
        // A palette made from all the frames, then the frames with it: far better colours than
        // ffmpeg's default palette, with memory flat whatever the clip's length.
        const std::string input = shellQuote(ffmpeg->string()) + " -y -loglevel error -framerate " + std::to_string(clip.fps) +
                                  " -i " + shellQuote((work / "frame_%05d.png").string());
        const std::string palette = shellQuote((work / "palette.png").string());
        ok = std::system((input + " -vf palettegen=stats_mode=diff " + palette).c_str()) == 0 &&
             std::system((input + " -i " + palette + " -lavfi paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle -loop 0 " +
                          shellQuote(output.string()))
                             .c_str()) == 0;
        if (!ok) frameError = "ffmpeg failed writing " + output.string();
    }
    std::error_code ec;
    std::filesystem::remove_all(work, ec);
    if (!ok && error) *error = frameError;
    return ok;
}

}  // namespace viz
