// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/ui_theme.hpp"

namespace viz {

void applyTheme() {
    ImGui::StyleColorsDark();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0.0f;
    s.FrameRounding = 4.0f;
    s.GrabRounding = 4.0f;
    s.TabRounding = 4.0f;
    s.WindowBorderSize = 0.0f;
    s.FramePadding = {8.0f, 5.0f};
    s.ItemSpacing = {8.0f, 7.0f};
    s.WindowPadding = {12.0f, 10.0f};
    s.ScrollbarRounding = 4.0f;
    ImVec4* c = s.Colors;
    const ImVec4 accent{0.96f, 0.70f, 0.10f, 1.0f};  // the detection band's amber
    c[ImGuiCol_WindowBg] = {0.09f, 0.10f, 0.12f, 1.0f};
    c[ImGuiCol_ChildBg] = {0.11f, 0.12f, 0.14f, 1.0f};
    c[ImGuiCol_FrameBg] = {0.17f, 0.18f, 0.21f, 1.0f};
    c[ImGuiCol_FrameBgHovered] = {0.23f, 0.24f, 0.28f, 1.0f};
    c[ImGuiCol_FrameBgActive] = {0.27f, 0.28f, 0.32f, 1.0f};
    c[ImGuiCol_Button] = {0.20f, 0.22f, 0.26f, 1.0f};
    c[ImGuiCol_ButtonHovered] = {0.28f, 0.30f, 0.35f, 1.0f};
    c[ImGuiCol_ButtonActive] = {0.34f, 0.36f, 0.42f, 1.0f};
    c[ImGuiCol_Header] = {0.20f, 0.22f, 0.26f, 1.0f};
    c[ImGuiCol_HeaderHovered] = {0.28f, 0.30f, 0.35f, 1.0f};
    c[ImGuiCol_HeaderActive] = {0.34f, 0.36f, 0.42f, 1.0f};
    c[ImGuiCol_Tab] = {0.14f, 0.15f, 0.18f, 1.0f};
    c[ImGuiCol_TabHovered] = {0.30f, 0.32f, 0.37f, 1.0f};
    c[ImGuiCol_TabActive] = {0.24f, 0.26f, 0.30f, 1.0f};
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = {1.0f, 0.80f, 0.25f, 1.0f};
    c[ImGuiCol_TitleBg] = c[ImGuiCol_WindowBg];
    c[ImGuiCol_TitleBgActive] = c[ImGuiCol_WindowBg];
    c[ImGuiCol_Separator] = {0.25f, 0.26f, 0.30f, 1.0f};
    c[ImGuiCol_TableHeaderBg] = {0.15f, 0.16f, 0.19f, 1.0f};
    c[ImGuiCol_TableRowBgAlt] = {1.0f, 1.0f, 1.0f, 0.03f};
}

ImVec4 eventColourVec(sim::EventKind kind) {
    switch (kind) {
    case sim::EventKind::Strike: return {0.89f, 0.11f, 0.14f, 1.0f};
    case sim::EventKind::Collision: return {1.0f, 0.55f, 0.08f, 1.0f};
    case sim::EventKind::ShoulderIntrusion: return {0.62f, 0.66f, 0.74f, 1.0f};
    case sim::EventKind::ClosePass: return {0.98f, 0.84f, 0.20f, 1.0f};
    }
    return {1.0f, 1.0f, 1.0f, 1.0f};
}

ImU32 eventColour(sim::EventKind kind) { return ImGui::ColorConvertFloat4ToU32(eventColourVec(kind)); }

}  // namespace viz
