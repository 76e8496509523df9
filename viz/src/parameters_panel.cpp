// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/parameters_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "sim/presets.hpp"
#include "sim/units.hpp"
#include "viz/text_format.hpp"

namespace viz {

namespace {

void row(const char* name, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.c_str());  // wrapped text would feed back into the column widths
}

bool beginRows(const char* id) {
    if (!ImGui::BeginTable(id, 2)) return false;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, 170.0f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

std::string degrees(double rad) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f°", rad / sim::units::kDegree);
    return buffer;
}

std::string percent(double share) { return formatShare(share); }

void road(const ViewState& view, const sim::Scenario& sc, double detection) {
    const UnitSystem u = view.units;
    if (!beginRows("road")) return;
    row("Lanes", std::to_string(sc.road.lanes) + " × " + formatDistance(sc.road.laneWidth, u));
    row("Shoulder", formatDistance(sc.road.shoulderWidth, u));
    row("Speed limit", formatSpeed(sc.road.speedLimit, u));
    row("Guardrail", sc.road.guardrail ? "yes, " + formatDistance(sc.road.guardrailOffset, u) + " beyond the shoulder" : "no");
    if (sc.road.curveRadius > 0.0) row("Curve before the scene", "radius " + formatDistance(sc.road.curveRadius, u));
    if (std::isfinite(sc.road.sightDistance)) row("Sight distance", formatDistance(sc.road.sightDistance, u));
    row("Conditions", conditionsSummary(sc.environment, u));
    char friction[16];
    std::snprintf(friction, sizeof friction, "%.2f", sc.environment.friction);
    row("Friction", friction);
    row("Drivers detect it at", formatDistance(detection, u) + " before the scene");
    ImGui::EndTable();
}

void traffic(const ViewState& view, const sim::Scenario& sc) {
    if (!beginRows("traffic")) return;
    const auto& lanes = sc.traffic.flowPerLane;
    const bool same = std::all_of(lanes.begin(), lanes.end(), [&](double f) { return std::abs(f - lanes.front()) < 1e-9; });
    if (same && !lanes.empty()) {
        row("Flow", formatFlow(lanes.front()) + " per lane");
    } else {
        for (std::size_t i = 0; i < lanes.size(); ++i) row(("Flow, lane " + std::to_string(i + 1)).c_str(), formatFlow(lanes[i]));
    }
    row("Mean desired speed", formatSpeed(sc.road.speedLimit + sc.traffic.speedOffset, view.units));
    row("Move over when able", percent(sc.drivers.moveOverShare));
    row("Slow down instead", percent(sc.drivers.slowDownShare));
    row("Drowsy / impaired", percent(sc.drivers.drowsy.share) + " / " + percent(sc.drivers.impaired.share));
    row("Scripted vehicles", std::to_string(sc.scriptedVehicles.size()));
    ImGui::EndTable();
}

void units(const ViewState& view, const sim::Scenario& sc) {
    if (!ImGui::BeginTable("units", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("Unit");
    ImGui::TableSetupColumn("Kind");
    ImGui::TableSetupColumn("Where (s, d)");
    ImGui::TableSetupColumn("Angle, lights");
    ImGui::TableHeadersRow();
    for (const sim::UnitDef& unit : sc.units) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s", unit.id.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s", displayName(unit.spec.kind).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s, %s", formatDistance(unit.position.x, view.units).c_str(), formatDistance(unit.position.y, view.units).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s, %s", degrees(unit.heading).c_str(), displayName(unit.lights).c_str());
    }
    ImGui::EndTable();
    if (!sc.devices.empty()) ImGui::Text("%zu cones and flares", sc.devices.size());
}

void people(const sim::Scenario& sc) {
    for (const sim::PersonDef& p : sc.people) {
        ImGui::Text("%s · %s · %s-side approach", displayName(p.role).c_str(), p.id.c_str(),
                    p.approach == sim::ApproachSide::Driver ? "driver" : "passenger");
        std::string script;
        for (const sim::ScriptStep& step : p.script) {
            const std::string unit = step.unit >= 0 && static_cast<std::size_t>(step.unit) < sc.units.size() ? sc.units[static_cast<std::size_t>(step.unit)].id : "?";
            script += (script.empty() ? "" : " → ") + std::string(sim::name(step.place)) + " (" + unit +
                      (std::isfinite(step.dwell) ? ", " + formatDuration(step.dwell) : "") + ")";
        }
        ImGui::Indent();
        ImGui::TextWrapped("%s", script.c_str());
        ImGui::Unindent();
    }
}

void outcome(const ViewState& view, const FrameSource& source) {
    const auto& o = source.outcome();
    if (!o) {
        ImGui::TextDisabled("Still computing.");
        return;
    }
    if (!beginRows("outcome")) return;
    row("Status", std::string(sim::name(o->status)) + ", " + formatDuration(o->simulated) + " simulated");
    row("Vehicles passed", std::to_string(o->vehiclesPassed));
    row("Moved over / slowed", percent(o->moveOverRate) + " / " + percent(o->slowDownRate) + " of " +
                                   std::to_string(o->observedVehicles));
    row("Passing speed, next lane", formatSpeed(o->adjacentLaneMeanSpeed, view.units));
    row("Shoulder intrusions", std::to_string(o->shoulderIntrusions));
    row("Strikes", std::to_string(o->strikes.size()));
    row("Collisions", std::to_string(o->collisions.size()));
    ImGui::EndTable();
}

}  // namespace

void drawParametersPanel(const ViewState& view, const FrameSource& source) {
    const sim::Scenario& sc = source.scenario();
    ImGui::TextWrapped("%s", sc.name.c_str());
    if (!sc.description.empty()) ImGui::TextWrapped("%s", sc.description.c_str());
    ImGui::TextDisabled("seed %llu · %s run", static_cast<unsigned long long>(source.seed()), formatDuration(sc.run.duration).c_str());
    if (ImGui::CollapsingHeader("Road and conditions", ImGuiTreeNodeFlags_DefaultOpen)) road(view, sc, source.detectionDistance());
    if (ImGui::CollapsingHeader("Traffic", ImGuiTreeNodeFlags_DefaultOpen)) traffic(view, sc);
    if (ImGui::CollapsingHeader("Units at the scene", ImGuiTreeNodeFlags_DefaultOpen)) units(view, sc);
    if (ImGui::CollapsingHeader("People", ImGuiTreeNodeFlags_DefaultOpen)) people(sc);
    if (ImGui::CollapsingHeader("This run", ImGuiTreeNodeFlags_DefaultOpen)) outcome(view, source);
}

}  // namespace viz
