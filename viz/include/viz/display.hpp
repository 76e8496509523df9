// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <SFML/System/Vector2.hpp>
#include <string>

/// The X display every picture needs (a window, or an OpenGL context for headless export), and
/// where the window goes on it.
namespace viz {

/// Why no window or OpenGL context can be had here, with what to do ("… run it under Xvfb:
/// xvfb-run -a roadside-viz …"); empty when the display opens. SFML aborts the process (exit
/// 134, "Failed to open X11 display") when it cannot open one, so ask X first. The connection
/// opened to ask stays open for the life of the process: Xvfb resets when its last client
/// disconnects, and SFML opening its own connection during that reset would abort.
std::string displayProblem();

/// Where a window of `requested` size goes on a screen of `screen` pixels: centred, and, unless
/// the size was given on the command line, shrunk to fit (with no window manager, as under Xvfb,
/// nobody else moves a window that does not fit back on screen).
struct WindowPlacement {
    sf::Vector2u size;
    sf::Vector2i position;
};
WindowPlacement placeWindow(sf::Vector2u screen, sf::Vector2u requested, bool sizeGiven);

}  // namespace viz
