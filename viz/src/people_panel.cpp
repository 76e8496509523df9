// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/people_panel.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "viz/colours.hpp"
#include "viz/strike_story.hpp"
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
    if (ImGui::BeginTable("measures", 2)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, 230.0f);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        for (const auto& [name, value] : measureRows(o, view.units)) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(value.c_str());
        }
        ImGui::EndTable();
    }
}

void strikes(const ViewState& view, const FrameSource& source, std::uint32_t person) {
    const std::vector<std::string> lines = strikeLines(view, source, person);
    ImGui::PushTextWrapPos(0.0f);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool headline = lines[i].rfind("Struck", 0) == 0;
        if (headline) ImGui::TextColored(eventColourVec(sim::EventKind::Strike), "%s", lines[i].c_str());
        else ImGui::TextWrapped("  %s", lines[i].c_str());
    }
    ImGui::PopTextWrapPos();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> measureRows(const sim::PersonOutcome& o, UnitSystem u) {
    char ttc[32];
    std::snprintf(ttc, sizeof ttc, "%.1f s", o.minTtc);
    return {{"Exposure (on foot, near traffic)", formatDuration(o.exposure)},
            {"Closest pass", o.minClearance < 1e8 ? formatDistance(o.minClearance, u) : "none"},
            {"Passes under " + formatDistance(1.0, u), std::to_string(o.closePassesLt1m)},
            {"Passes under " + formatDistance(2.0, u), std::to_string(o.closePassesLt2m)},
            {"Shortest time to collision", o.minTtc < 1e8 ? ttc : "none"}};
}

std::vector<std::string> strikeLines(const ViewState& view, const FrameSource& source, std::uint32_t person) {
    std::vector<std::string> out;
    for (const sim::Event& e : source.events()) {
        if (e.time > view.time) break;  // not yet, at the time shown
        if (e.kind != sim::EventKind::Strike || e.subject != person) continue;
        const StrikeStory story = tellStrike(source, e, view.units);
        out.push_back("Struck at " + formatClock(e.time) + " · " + formatSpeed(e.value, view.units) + " impact");
        if (!story.by.empty()) out.push_back(story.by + (story.strikerId.empty() ? "" : " (" + story.strikerId + ")"));
        if (!story.driver.empty()) {
            std::string driver = "Driver:";
            for (const std::string& f : story.driver) driver += (driver.size() > 7 ? " · " : " ") + f;
            out.push_back(driver);
        }
        if (const sim::Strike* s = strikeOf(source, e)) {
            char risk[96];
            std::snprintf(risk, sizeof risk, "P(severe injury) %.0f %% · P(death) %.0f %%", 100.0 * s->pSevere, 100.0 * s->pFatal);
            out.push_back(risk);
        }
    }
    return out;
}

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
        strikes(view, source, i);
        if (const sim::PersonOutcome* o = personOutcome(source, e.id)) {
            ImGui::TextDisabled("Over the whole run:");
            measures(view, *o);
        } else {
            ImGui::TextDisabled("The run's measures appear when it has been computed.");
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    if (!any) ImGui::TextDisabled("No people in this scenario.");
}

}  // namespace viz
