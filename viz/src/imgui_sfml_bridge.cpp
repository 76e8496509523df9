// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/imgui_sfml_bridge.hpp"

#include <algorithm>
#include <cfloat>
#include <cstring>

#include <imgui.h>
#include <imgui_impl_opengl2.h>

#include <SFML/Window/Clipboard.hpp>

#include "viz/label_font.hpp"

namespace viz {

namespace {

void mapKeys(ImGuiIO& io) {
    // ImGui 1.86 reads keys from io.KeysDown[], indexed by the platform's own key codes through
    // io.KeyMap[]; SFML's sf::Keyboard::Key values (0..100) fit the 512 slots.
    using K = sf::Keyboard;
    io.KeyMap[ImGuiKey_Tab] = K::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = K::Left;
    io.KeyMap[ImGuiKey_RightArrow] = K::Right;
    io.KeyMap[ImGuiKey_UpArrow] = K::Up;
    io.KeyMap[ImGuiKey_DownArrow] = K::Down;
    io.KeyMap[ImGuiKey_PageUp] = K::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = K::PageDown;
    io.KeyMap[ImGuiKey_Home] = K::Home;
    io.KeyMap[ImGuiKey_End] = K::End;
    io.KeyMap[ImGuiKey_Insert] = K::Insert;
    io.KeyMap[ImGuiKey_Delete] = K::Delete;
    io.KeyMap[ImGuiKey_Backspace] = K::BackSpace;
    io.KeyMap[ImGuiKey_Space] = K::Space;
    io.KeyMap[ImGuiKey_Enter] = K::Enter;
    io.KeyMap[ImGuiKey_Escape] = K::Escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = K::Enter;
    io.KeyMap[ImGuiKey_A] = K::A;
    io.KeyMap[ImGuiKey_C] = K::C;
    io.KeyMap[ImGuiKey_V] = K::V;
    io.KeyMap[ImGuiKey_X] = K::X;
    io.KeyMap[ImGuiKey_Y] = K::Y;
    io.KeyMap[ImGuiKey_Z] = K::Z;
}

const char* getClipboard(void* user) {
    auto* text = static_cast<std::string*>(user);
    *text = sf::Clipboard::getString().toAnsiString();
    return text->c_str();
}

void setClipboard(void*, const char* text) { sf::Clipboard::setString(sf::String::fromUtf8(text, text + std::strlen(text))); }

int mouseButton(sf::Mouse::Button b) {
    switch (b) {
    case sf::Mouse::Left: return 0;
    case sf::Mouse::Right: return 1;
    case sf::Mouse::Middle: return 2;
    default: return -1;
    }
}

}  // namespace

ImGuiSfml::ImGuiSfml(sf::RenderWindow& window, const std::string& fontPath, float fontPixels) : window_(window) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; nothing to remember between sessions
    io.BackendPlatformName = "roadside_sfml";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    mapKeys(io);
    io.GetClipboardTextFn = getClipboard;
    io.SetClipboardTextFn = setClipboard;
    io.ClipboardUserData = &clipboard_;
    if (!fontPath.empty()) io.Fonts->AddFontFromFileTTF(fontPath.c_str(), fontPixels, nullptr, glyphRanges());
    if (io.Fonts->Fonts.empty()) io.Fonts->AddFontDefault();
    window_.setActive(true);
    ImGui_ImplOpenGL2_Init();
}

ImGuiSfml::~ImGuiSfml() {
    window_.setActive(true);
    ImGui_ImplOpenGL2_Shutdown();
    ImGui::DestroyContext();
}

void ImGuiSfml::processEvent(const sf::Event& event) {
    ImGuiIO& io = ImGui::GetIO();
    switch (event.type) {
    case sf::Event::MouseMoved:
        io.MousePos = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
        if (const int b = mouseButton(event.mouseButton.button); b >= 0) {
            const bool down = event.type == sf::Event::MouseButtonPressed;
            mouseHeld_[b] = down;
            mouseLatched_[b] = mouseLatched_[b] || down;
        }
        break;
    case sf::Event::MouseWheelScrolled:
        if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) io.MouseWheel += event.mouseWheelScroll.delta;
        else io.MouseWheelH += event.mouseWheelScroll.delta;
        break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
        if (event.key.code >= 0 && event.key.code < sf::Keyboard::KeyCount) {
            const bool down = event.type == sf::Event::KeyPressed;
            keyHeld_[event.key.code] = down;
            keyLatched_[event.key.code] = keyLatched_[event.key.code] || down;
        }
        break;
    case sf::Event::TextEntered:
        // Control characters come as key events; ImGui wants printable text only.
        if (event.text.unicode >= 32 && event.text.unicode != 127) io.AddInputCharacter(event.text.unicode);
        break;
    case sf::Event::MouseLeft: io.MousePos = {-FLT_MAX, -FLT_MAX}; break;
    case sf::Event::LostFocus:
        for (bool& down : keyHeld_) down = false;
        for (bool& down : mouseHeld_) down = false;
        break;
    default: break;
    }
}

void ImGuiSfml::newFrame(sf::Time dt) {
    ImGuiIO& io = ImGui::GetIO();
    const sf::Vector2u size = window_.getSize();
    io.DisplaySize = {static_cast<float>(size.x), static_cast<float>(size.y)};
    io.DisplayFramebufferScale = {1.0f, 1.0f};
    io.DeltaTime = std::max(dt.asSeconds(), 1e-4f);  // ImGui asserts on a zero delta
    for (int b = 0; b < 3; ++b) {
        io.MouseDown[b] = mouseHeld_[b] || mouseLatched_[b];
        mouseLatched_[b] = false;
    }
    for (int k = 0; k < sf::Keyboard::KeyCount; ++k) {
        io.KeysDown[k] = keyHeld_[k] || keyLatched_[k];
        keyLatched_[k] = false;
    }
    io.KeyCtrl = sf::Keyboard::isKeyPressed(sf::Keyboard::LControl) || sf::Keyboard::isKeyPressed(sf::Keyboard::RControl);
    io.KeyShift = sf::Keyboard::isKeyPressed(sf::Keyboard::LShift) || sf::Keyboard::isKeyPressed(sf::Keyboard::RShift);
    io.KeyAlt = sf::Keyboard::isKeyPressed(sf::Keyboard::LAlt) || sf::Keyboard::isKeyPressed(sf::Keyboard::RAlt);
    io.KeySuper = sf::Keyboard::isKeyPressed(sf::Keyboard::LSystem) || sf::Keyboard::isKeyPressed(sf::Keyboard::RSystem);
    ImGui_ImplOpenGL2_NewFrame();
    ImGui::NewFrame();
}

void ImGuiSfml::render() {
    ImGui::Render();
    // SFML caches GL state; the OpenGL2 renderer changes it. Reset SFML's view of the state and
    // save it around ImGui's drawing, as SFML's documentation asks for raw OpenGL.
    window_.setActive(true);
    window_.resetGLStates();
    window_.pushGLStates();
    ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
    window_.popGLStates();
}

bool ImGuiSfml::wantsMouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImGuiSfml::wantsKeyboard() const { return ImGui::GetIO().WantCaptureKeyboard || ImGui::GetIO().WantTextInput; }

}  // namespace viz
