// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/System/Time.hpp>
#include <SFML/Window/Event.hpp>

/// The small bridge from SFML to Dear ImGui 1.86: mouse, wheel, keys (io.KeysDown / io.KeyMap, the
/// 1.86 API), text, clipboard, display size and delta time in; ImGui's OpenGL2 renderer out.
/// One per window; it owns the ImGui context. Not thread-safe (ImGui's context is global).
namespace viz {

class ImGuiSfml {
public:
    /// Creates the ImGui context; `fontPath` (a TTF, may be empty for ImGui's built-in font) at
    /// `fontPixels` for the panels. The window's GL context must be current.
    ImGuiSfml(sf::RenderWindow& window, const std::string& fontPath, float fontPixels = 16.0f);
    ~ImGuiSfml();
    ImGuiSfml(const ImGuiSfml&) = delete;
    ImGuiSfml& operator=(const ImGuiSfml&) = delete;

    /// Feeds one window event to ImGui.
    void processEvent(const sf::Event& event);
    /// Starts an ImGui frame: display size, delta time, modifiers.
    void newFrame(sf::Time dt);
    /// Renders the ImGui frame into the window over whatever SFML drew.
    void render();

    /// True when ImGui uses the mouse or keyboard this frame (the scene must then ignore them).
    bool wantsMouse() const;
    bool wantsKeyboard() const;

private:
    // ImGui 1.86 samples io.MouseDown / io.KeysDown once per frame: a press and release within one
    // frame (a quick click, a synthetic key) would be lost. Presses are latched until the next frame.
    bool mouseHeld_[3] = {};
    bool mouseLatched_[3] = {};
    bool keyHeld_[sf::Keyboard::KeyCount] = {};
    bool keyLatched_[sf::Keyboard::KeyCount] = {};
    sf::RenderWindow& window_;
    std::string clipboard_;  // ImGui keeps the pointer until the next call
};

}  // namespace viz
