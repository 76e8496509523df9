// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/display.hpp"

#include <algorithm>
#include <cstdlib>

#include <X11/Xlib.h>

namespace viz {

namespace {

/// The probe's connection, closed when the process ends.
struct Connection {
    Display* display = nullptr;
    ~Connection() {
        if (display) XCloseDisplay(display);
    }
};

}  // namespace

std::string displayProblem() {
    static Connection probe;
    if (probe.display) return {};
    const char* name = std::getenv("DISPLAY");
    const std::string hint = ": on a server or in CI, run it under a virtual display: xvfb-run -a roadside-viz … "
                             "(Debian: apt-get install xvfb xauth)";
    if (!name || !*name) return "no display to draw on (DISPLAY is not set)" + hint;
    probe.display = XOpenDisplay(nullptr);
    if (!probe.display) return "cannot open the display " + std::string(name) + hint;
    return {};
}

WindowPlacement placeWindow(sf::Vector2u screen, sf::Vector2u requested, bool sizeGiven) {
    constexpr unsigned kMinimum = 640;  // below this the panels do not fit anyway
    sf::Vector2u size = requested;
    if (!sizeGiven && screen.x > 0 && screen.y > 0) {
        size.x = std::max(std::min(requested.x, screen.x), std::min(kMinimum, requested.x));
        size.y = std::max(std::min(requested.y, screen.y), std::min(kMinimum * 9 / 16, requested.y));
    }
    const auto centred = [](unsigned whole, unsigned part) { return std::max(0, (static_cast<int>(whole) - static_cast<int>(part)) / 2); };
    return {size, {centred(screen.x, size.x), centred(screen.y, size.y)}};
}

}  // namespace viz
