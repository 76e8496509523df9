// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] widgets in display units, [2] sections, [3] the panel.
#include "viz/live_controls.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "sim/presets.hpp"
#include "sim/units.hpp"
#include "viz/text_format.hpp"

namespace viz {

namespace {

using sim::units::kDegree;
using sim::units::kFoot;

// ---------------------------------------------------------------------------------------------
// [1] Widgets in display units
// ---------------------------------------------------------------------------------------------

/// A length slider in feet or metres; the value stays in metres. Half-foot steps.
bool lengthSlider(const char* label, double& metres, double loFeet, double hiFeet, UnitSystem units) {
    const bool imperial = units == UnitSystem::Imperial;
    const double unit = imperial ? kFoot : 1.0;
    float v = static_cast<float>(metres / unit);
    const auto lo = static_cast<float>(imperial ? loFeet : loFeet * kFoot);
    const auto hi = static_cast<float>(imperial ? hiFeet : hiFeet * kFoot);
    if (!ImGui::SliderFloat(label, &v, lo, hi, imperial ? "%.1f ft" : "%.2f m")) return false;
    const double step = imperial ? 0.5 : 0.1;
    metres = std::round(v / step) * step * unit;
    return true;
}

bool angleSlider(const char* label, double& rad, float lo, float hi) {
    float deg = static_cast<float>(rad / kDegree);
    if (!ImGui::SliderFloat(label, &deg, lo, hi, "%.0f°")) return false;
    rad = std::round(deg) * kDegree;
    return true;
}

template <typename E> bool enumCombo(const char* label, E& value) {
    bool changed = false;
    const auto current = std::string(sim::name(value));
    if (ImGui::BeginCombo(label, current.c_str())) {
        for (std::string_view n : sim::names<E>()) {
            const bool selected = n == current;
            if (ImGui::Selectable(std::string(n).c_str(), selected)) {
                value = *sim::parseName<E>(n);
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// ---------------------------------------------------------------------------------------------
// [2] Sections
// ---------------------------------------------------------------------------------------------

void patrolSection(TacticEdit& e, UnitSystem units) {
    if (!e.patrol) {
        ImGui::TextDisabled("No patrol car in this scenario.");
        return;
    }
    UnitPlacement& p = *e.patrol;
    if (p.behind()) {
        lengthSlider(p.absoluteD ? "Lateral position (d)" : "Offset toward traffic", p.lateral, p.absoluteD ? -12.0 : -6.0,
                     p.absoluteD ? 14.0 : 12.0, units);
        lengthSlider(("Gap behind " + p.behindId).c_str(), p.along, 5.0, 150.0, units);
    } else {
        lengthSlider("Lateral position (d)", p.lateral, -12.0, 14.0, units);
        lengthSlider("Position along the road (s)", p.along, -300.0, 100.0, units);
    }
    angleSlider("Angle toward traffic", p.heading, -45.0f, 45.0f);
    enumCombo("Lights##patrol", p.lights);
}

void approachSection(TacticEdit& e) {
    if (!e.approach) {
        ImGui::TextDisabled("No officer in this scenario.");
        return;
    }
    int side = *e.approach == sim::ApproachSide::Driver ? 0 : 1;
    ImGui::RadioButton("Driver side", &side, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Passenger side", &side, 1);
    e.approach = side == 0 ? sim::ApproachSide::Driver : sim::ApproachSide::Passenger;
}

void blockerSection(TacticEdit& e, const sim::Scenario& base, UnitSystem units) {
    bool on = e.blocker.has_value();
    if (ImGui::Checkbox("Blocking vehicle upstream", &on)) {
        if (on) e.blocker = tacticOf(base).blocker.value_or(defaultBlocker(base));
        else e.blocker.reset();
    }
    if (!e.blocker) return;
    UnitPlacement& b = *e.blocker;
    static constexpr sim::VehicleKind kKinds[] = {sim::VehicleKind::FireEngine, sim::VehicleKind::TowTruck,
                                                  sim::VehicleKind::PatrolSuv, sim::VehicleKind::BoxTruck};
    if (ImGui::BeginCombo("Vehicle", displayName(b.kind).c_str())) {
        for (sim::VehicleKind k : kKinds)
            if (ImGui::Selectable(displayName(k).c_str(), k == b.kind)) b.kind = k;
        ImGui::EndCombo();
    }
    if (b.behind()) lengthSlider(("Distance behind " + b.behindId).c_str(), b.along, 20.0, 300.0, units);
    else lengthSlider("Position along the road (s)", b.along, -400.0, 0.0, units);
    lengthSlider(b.absoluteD ? "Lateral position (d)##blocker" : "Offset##blocker", b.lateral, -12.0, 16.0, units);
    ImGui::TextDisabled("d < 0: shoulder · 0: edge line · > 0: into lane 1");
    angleSlider("Angle##blocker", b.heading, -45.0f, 45.0f);
    enumCombo("Lights##blocker", b.lights);
}

void conditionsSection(TacticEdit& e, UnitSystem units) {
    if (ImGui::BeginCombo("Preset", "choose…")) {
        for (const sim::ConditionsPreset& p : sim::conditionsPresets())
            if (ImGui::Selectable(std::string(p.name).c_str())) {
                e.light = p.light;
                e.weather = p.weather;
                e.visibility = p.visibility;
                e.surface = p.surface;
            }
        ImGui::EndCombo();
    }
    enumCombo("Light", e.light);
    enumCombo("Weather", e.weather);
    float km = static_cast<float>(e.visibility / 1000.0);
    if (ImGui::SliderFloat("Visibility", &km, 0.02f, 20.0f, "%.2f km", ImGuiSliderFlags_Logarithmic))
        e.visibility = std::clamp(static_cast<double>(km) * 1000.0, 10.0, 100000.0);
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", formatDistance(e.visibility, units).c_str());
    enumCombo("Surface", e.surface);
}

void trafficSection(TacticEdit& e, UnitSystem units) {
    const bool imperial = units == UnitSystem::Imperial;
    const double unit = imperial ? sim::units::kMph : sim::units::kKmh;
    int limit = static_cast<int>(std::lround(e.speedLimit / unit));
    if (ImGui::SliderInt("Speed limit", &limit, imperial ? 25 : 40, imperial ? 80 : 130, imperial ? "%d mph" : "%d km/h"))
        e.speedLimit = std::round(limit / 5.0) * 5.0 * unit;
    int flow = static_cast<int>(std::lround(e.flowPerLane * 3600.0));
    if (ImGui::SliderInt("Flow per lane", &flow, 0, 2400, "%d veh/h")) e.flowPerLane = std::round(flow / 50.0) * 50.0 / 3600.0;
}

// ---------------------------------------------------------------------------------------------
// [3] The panel
// ---------------------------------------------------------------------------------------------

LiveAction actions(LiveControlsState& state, const sim::Scenario& base, std::uint64_t seed, bool comparing, UnitSystem units) {
    const EditedScenario pending = applyTactic(base, state.edit, units);
    ImGui::Separator();
    if (pending.changes.empty()) ImGui::TextDisabled("No changes yet: move a control above.");
    for (const std::string& c : pending.changes) ImGui::BulletText("%s", c.c_str());
    ImGui::Checkbox("Side by side with the original", &state.sideBySide);
    LiveAction action = LiveAction::None;
    ImGui::PushStyleColor(ImGuiCol_Button, {0.80f, 0.55f, 0.05f, 1.0f});
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, {0.92f, 0.66f, 0.10f, 1.0f});
    ImGui::PushStyleColor(ImGuiCol_Text, {0.05f, 0.05f, 0.05f, 1.0f});
    if (ImGui::Button("Re-run with the same traffic")) action = LiveAction::Run;
    ImGui::PopStyleColor(3);
    ImGui::SameLine();
    if (ImGui::Button("Reset")) action = LiveAction::Reset;
    if (comparing && ImGui::Button("Close the comparison")) action = LiveAction::CloseComparison;
    ImGui::TextDisabled("Seed %llu: the same drivers and vehicles arrive in both runs.", static_cast<unsigned long long>(seed));
    if (!state.error.empty()) ImGui::TextColored({1.0f, 0.4f, 0.35f, 1.0f}, "%s", state.error.c_str());
    return action;
}

}  // namespace

LiveAction drawLiveControls(LiveControlsState& state, const sim::Scenario& base, std::uint64_t seed, bool comparing,
                            UnitSystem units) {
    if (!state.ready) {
        state.edit = tacticOf(base);
        state.ready = true;
    }
    ImGui::PushItemWidth(-190.0f);
    if (ImGui::CollapsingHeader("Patrol car", ImGuiTreeNodeFlags_DefaultOpen)) patrolSection(state.edit, units);
    if (ImGui::CollapsingHeader("Officer's approach", ImGuiTreeNodeFlags_DefaultOpen)) approachSection(state.edit);
    if (ImGui::CollapsingHeader("Blocker", ImGuiTreeNodeFlags_DefaultOpen)) blockerSection(state.edit, base, units);
    if (ImGui::CollapsingHeader("Light and weather", ImGuiTreeNodeFlags_DefaultOpen)) conditionsSection(state.edit, units);
    if (ImGui::CollapsingHeader("Road and traffic", ImGuiTreeNodeFlags_DefaultOpen)) trafficSection(state.edit, units);
    ImGui::PopItemWidth();
    return actions(state, base, seed, comparing, units);
}

}  // namespace viz
