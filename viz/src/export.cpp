// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/export.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <SFML/Graphics/RenderTexture.hpp>

#include "viz/camera.hpp"

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

std::size_t exportFrames(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
                         const std::filesystem::path& dir, std::string* error) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        if (error) *error = dir.string() + ": " + ec.message();
        return 0;
    }
    Canvas canvas;
    if (!canvas.open(clip.size, clip.antialiasing, error)) return 0;
    computeUntil(panes, clip.to);
    std::size_t written = 0;
    const double step = clip.speed / clip.fps;
    for (double t = clip.from; t <= clip.to + 1e-9; t = clip.from + step * static_cast<double>(written)) {
        view.time = t;
        const sf::Image image = canvas.render(renderer, panes, view);
        char name[32];
        std::snprintf(name, sizeof name, "frame_%05zu.png", written);
        if (!image.saveToFile((dir / name).string())) {
            if (error) *error = (dir / name).string() + ": cannot be written";
            return written;
        }
        ++written;
    }
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

}  // namespace

bool exportVideo(SceneRenderer& renderer, const std::vector<Pane>& panes, ViewState view, const ClipSettings& clip,
                 const std::filesystem::path& output, std::string* error) {
    const auto ffmpeg = findOnPath("ffmpeg");
    if (!ffmpeg) {
        if (error) *error = "ffmpeg is not installed (not found on PATH): install it (Debian: apt-get install ffmpeg), "
                            "or export PNG frames with --frames DIR --fps N";
        return false;
    }
    Canvas canvas;
    if (!canvas.open(clip.size, clip.antialiasing, error)) return false;
    computeUntil(panes, clip.to);
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
    const double step = clip.speed / clip.fps;
    bool ok = true;
    for (std::size_t n = 0; ok && clip.from + step * static_cast<double>(n) <= clip.to + 1e-9; ++n) {
        view.time = clip.from + step * static_cast<double>(n);
        const sf::Image image = canvas.render(renderer, panes, view);
        const std::size_t bytes = static_cast<std::size_t>(clip.size.x) * clip.size.y * 4;
        ok = std::fwrite(image.getPixelsPtr(), 1, bytes, pipe) == bytes;
    }
    const int status = pclose(pipe);
    if (!ok || status != 0) {
        if (error) *error = "ffmpeg failed writing " + output.string() + " (exit status " + std::to_string(status) + ")";
        return false;
    }
    return true;
}

}  // namespace viz
