// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/timeline_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "viz/text_format.hpp"
#include "viz/ui_theme.hpp"

namespace viz {

void advancePlayback(ViewState& view, double wallSeconds, double available, double duration) {
    if (!view.playing) return;
    view.time += wallSeconds * view.speed;
    if (view.time >= duration) {
        view.time = duration;
        view.playing = false;
    }
    view.time = std::min(view.time, available);  // a live run still computing: wait for it
}

void stepFrame(ViewState& view, const FrameSource& source, int direction) {
    view.playing = false;
    if (source.frameCount() == 0) return;
    const std::size_t i = source.frameIndexAt(view.time + 1e-9);  // the frame at or before now
    if (direction > 0) {
        if (i + 1 < source.frameCount()) view.time = source.frameTime(i + 1);
    } else if (source.frameTime(i) < view.time - 1e-9) {
        view.time = source.frameTime(i);  // between frames: back to the one shown
    } else if (i > 0) {
        view.time = source.frameTime(i - 1);
    }
}

namespace {

/// Ticks for one run's events along the track; strikes tall, the rest short.
void eventTicks(ImDrawList* dl, const FrameSource& source, ImVec2 p0, ImVec2 p1, double duration, float row) {
    const float width = p1.x - p0.x;
    for (const sim::Event& e : source.events()) {
        const float x = p0.x + width * static_cast<float>(e.time / duration);
        const bool strike = e.kind == sim::EventKind::Strike;
        const float h = strike ? 1.0f : e.kind == sim::EventKind::Collision ? 0.7f : 0.4f;
        const float top = p0.y + (p1.y - p0.y) * row;
        const float bottom = top + (p1.y - p0.y) * 0.5f * h;
        dl->AddLine({x, top}, {x, bottom}, eventColour(e.kind), strike ? 3.0f : 1.0f);
        if (strike) dl->AddTriangleFilled({x - 6, top - 1}, {x + 6, top - 1}, {x, top + 7}, eventColour(e.kind));
    }
}

/// The scrub track: computed span, event ticks of both runs, playhead. Dragging sets the time.
void track(ViewState& view, const FrameSource& primary, const FrameSource* compare) {
    const double duration = std::max(primary.duration(), 1e-3);
    const ImVec2 size{ImGui::GetContentRegionAvail().x, 34.0f};
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 p1{p0.x + size.x, p0.y + size.y};
    ImGui::InvisibleButton("timeline", size);
    if (ImGui::IsItemActive()) {
        const float mx = ImGui::GetIO().MousePos.x;
        view.time = std::clamp((mx - p0.x) / size.x, 0.0f, 1.0f) * duration;
        view.time = std::min(view.time, std::min(primary.available(), compare ? compare->available() : primary.available()));
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, IM_COL32(34, 36, 42, 255), 4.0f);
    const float computed = p0.x + size.x * static_cast<float>(std::min(primary.available(), duration) / duration);
    dl->AddRectFilled(p0, {computed, p1.y}, IM_COL32(48, 52, 60, 255), 4.0f);
    for (int minute = 1; minute * 60.0 < duration; ++minute) {  // a faint mark every minute
        const float x = p0.x + size.x * static_cast<float>(minute * 60.0 / duration);
        dl->AddLine({x, p1.y - 6}, {x, p1.y}, IM_COL32(120, 124, 132, 255));
    }
    eventTicks(dl, primary, p0, p1, duration, 0.0f);
    if (compare) eventTicks(dl, *compare, p0, p1, duration, 0.5f);
    const float x = p0.x + size.x * static_cast<float>(view.time / duration);
    dl->AddLine({x, p0.y - 3}, {x, p1.y + 3}, IM_COL32(255, 255, 255, 255), 2.0f);
    dl->AddCircleFilled({x, p0.y - 3}, 5.0f, IM_COL32(255, 255, 255, 255));
    if (ImGui::IsItemHovered()) {
        const double t = (ImGui::GetIO().MousePos.x - p0.x) / size.x * duration;
        ImGui::SetTooltip("%s", formatClock(t).c_str());
    }
}

void transport(ViewState& view, const FrameSource& primary) {
    if (ImGui::Button("|<")) view.time = 0.0;
    ImGui::SameLine();
    if (ImGui::Button("-5 s")) view.time = std::max(0.0, view.time - 5.0);
    ImGui::SameLine();
    if (ImGui::ArrowButton("back", ImGuiDir_Left)) stepFrame(view, primary, -1);
    ImGui::SameLine();
    if (ImGui::Button(view.playing ? "  Pause  " : "  Play  ")) view.playing = !view.playing;
    ImGui::SameLine();
    if (ImGui::ArrowButton("forward", ImGuiDir_Right)) stepFrame(view, primary, +1);
    ImGui::SameLine();
    if (ImGui::Button("+5 s")) view.time = std::min(primary.available(), view.time + 5.0);
    ImGui::SameLine();
    ImGui::Text("%s / %s", formatClock(view.time).c_str(), formatClock(primary.duration()).c_str());
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::TextUnformatted("Speed");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180.0f);
    float speed = static_cast<float>(view.speed);
    if (ImGui::SliderFloat("##speed", &speed, static_cast<float>(kMinSpeed), static_cast<float>(kMaxSpeed), "%.1fx",
                           ImGuiSliderFlags_Logarithmic))
        view.speed = std::clamp(static_cast<double>(speed), kMinSpeed, kMaxSpeed);
    for (double preset : {0.25, 1.0, 4.0}) {
        ImGui::SameLine();
        char label[16];
        std::snprintf(label, sizeof label, "%gx", preset);
        if (ImGui::SmallButton(label)) view.speed = preset;
    }
    if (!primary.complete()) {
        ImGui::SameLine(0.0f, 24.0f);
        ImGui::TextColored({0.96f, 0.70f, 0.10f, 1.0f}, "computing… %.0f%%", 100.0 * primary.available() / primary.duration());
    }
}

}  // namespace

void drawTimelinePanel(ViewState& view, const FrameSource& primary, const FrameSource* compare) {
    transport(view, primary);
    track(view, primary, compare);
}

}  // namespace viz
