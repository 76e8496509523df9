// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/people_panel.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "viz/colours.hpp"
#include "viz/text_format.hpp"
#include "viz/ui_theme.hpp"

namespace viz {

std::optional<double> nearestPassingGap(const FrameSource& source, const sim::Frame& frame, std::uint32_t person) {
    const sim::EntityState* p = findEntity(frame, person);
    const auto& entities = source.entities();
    if (!p || !(p->flags & sim::kOnFoot) || person >= entities.size()) return std::nullopt;
    std::optional<double> best;
    for (const sim::EntityState& v : frame.entities) {
        if (v.entity >= entities.size() || entities[v.entity].kind != sim::EntityKind::TrafficVehicle || v.speed < 1.0) continue;
        const sim::OrientedBox box{v.pose, entities[v.entity].length / 2, entities[v.entity].width / 2};
        const double gap = std::max(0.0, sim::distanceToBox(p->pose.position, box) - entities[person].length / 2);
        if (!best || gap < *best) best = gap;
    }
    return best;
}

namespace {

ImVec4 toImGui(sf::Color c) { return {c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f}; }

const sim::PersonOutcome* personOutcome(const FrameSource& source, const std::string& id) {
    if (!source.outcome()) return nullptr;
    for (const sim::PersonOutcome& p : source.outcome()->people)
        if (p.id == id) return &p;
    return nullptr;
}

void statusNow(const ViewState& view, const FrameSource& source, const sim::Frame& frame, std::uint32_t index) {
    const sim::EntityState* s = findEntity(frame, index);
    if (!s) {
        ImGui::TextDisabled("not at the scene now");
        return;
    }
    if (s->flags & sim::kStruck) {
        ImGui::TextColored(eventColourVec(sim::EventKind::Strike), "Now: struck");
        return;
    }
    if (!(s->flags & sim::kOnFoot)) {
        ImGui::TextUnformatted("Now: inside a vehicle");
        return;
    }
    const auto gap = nearestPassingGap(source, frame, index);
    if (!gap) ImGui::TextUnformatted("Now: on foot, no traffic passing");
    else ImGui::Text("Now: on foot · nearest passing vehicle %s", formatDistance(*gap, view.units).c_str());
}

void measures(const ViewState& view, const sim::PersonOutcome& o) {
    const UnitSystem u = view.units;
    if (ImGui::BeginTable("measures", 2)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, 230.0f);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        const auto row = [](const char* name, const std::string& value) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(value.c_str());
        };
        row("Exposure (on foot, near traffic)", formatDuration(o.exposure));
        row("Closest pass", o.minClearance < 1e8 ? formatDistance(o.minClearance, u) : "none");
        row("Passes under 1 m (3.3 ft)", std::to_string(o.closePassesLt1m));
        row("Passes under 2 m (6.6 ft)", std::to_string(o.closePassesLt2m));
        char ttc[32];
        std::snprintf(ttc, sizeof ttc, "%.1f s", o.minTtc);
        row("Shortest time to collision", o.minTtc < 1e8 ? ttc : "none");
        ImGui::EndTable();
    }
}

void strikes(const ViewState& view, const sim::Outcome& outcome, const std::string& id) {
    for (const sim::Strike& s : outcome.strikes) {
        if (s.person != id) continue;
        ImGui::TextColored(eventColourVec(sim::EventKind::Strike), "Struck at %s by %s%s", formatClock(s.time).c_str(), s.by.c_str(),
                           s.via == sim::StrikeVia::PushedUnit ? " (pushed unit)" : "");
        ImGui::Text("  %s impact · P(severe injury) %.0f%% · P(death) %.0f%%", formatSpeed(s.impactSpeed, view.units).c_str(),
                    100.0 * s.pSevere, 100.0 * s.pFatal);
    }
}

}  // namespace

void drawPeoplePanel(const ViewState& view, const FrameSource& source, const sim::Frame& frame) {
    const auto& entities = source.entities();
    bool any = false;
    for (std::uint32_t i = 0; i < entities.size(); ++i) {
        const sim::EntityInfo& e = entities[i];
        if (e.kind != sim::EntityKind::Person) continue;
        any = true;
        ImGui::PushID(static_cast<int>(i));
        ImGui::ColorButton("##role", toImGui(roleColour(e.personRole)), ImGuiColorEditFlags_NoTooltip, {14, 14});
        ImGui::SameLine();
        ImGui::Text("%s  ·  %s", displayName(e.personRole).c_str(), e.id.c_str());
        statusNow(view, source, frame, i);
        if (const sim::PersonOutcome* o = personOutcome(source, e.id)) {
            measures(view, *o);
            strikes(view, *source.outcome(), e.id);
        } else {
            ImGui::TextDisabled("The run's measures appear when it has been computed.");
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    if (!any) ImGui::TextDisabled("No people in this scenario.");
}

}  // namespace viz
