// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/event_panel.hpp"

#include <algorithm>
#include <cctype>

#include <imgui.h>

#include "viz/text_format.hpp"
#include "viz/ui_theme.hpp"

namespace viz {

namespace {

std::string entityName(const FrameSource& source, std::uint32_t index) {
    const auto& entities = source.entities();
    if (index >= entities.size()) return "entity " + std::to_string(index);
    const sim::EntityInfo& e = entities[index];
    if (e.kind == sim::EntityKind::Person) {
        // "Officer" for a person whose id is just the role, "Officer officer-2" otherwise.
        std::string role = displayName(e.personRole);
        std::string lower = role;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return e.id == lower ? role : role + " " + e.id;
    }
    return e.id;
}

std::string describe(const FrameSource& source, const sim::Event& e) {
    const std::string subject = entityName(source, e.subject);
    const std::string other = entityName(source, e.other);
    switch (e.kind) {
    case sim::EventKind::Strike:
        return subject + " struck by " + other + (e.viaPushedUnit ? " (pushed unit)" : "");
    case sim::EventKind::Collision: return e.other == e.subject ? subject + " hit the guardrail" : subject + " hit " + other;
    case sim::EventKind::ShoulderIntrusion: return subject + " crossed onto the shoulder";
    case sim::EventKind::ClosePass: return other + " passed " + subject;
    }
    return subject;
}

std::string pluralName(sim::EventKind kind) {
    switch (kind) {
    case sim::EventKind::Strike: return "Strikes";
    case sim::EventKind::Collision: return "Collisions";
    case sim::EventKind::ShoulderIntrusion: return "Shoulder intrusions";
    case sim::EventKind::ClosePass: return "Close passes";
    }
    return "Events";
}

std::string valueText(const sim::Event& e, UnitSystem units) {
    switch (e.kind) {
    case sim::EventKind::Strike:
    case sim::EventKind::Collision: return formatSpeed(e.value, units);
    case sim::EventKind::ShoulderIntrusion: return {};
    case sim::EventKind::ClosePass: return formatDistance(e.value, units) + " clear";
    }
    return {};
}

}  // namespace

std::vector<EventRow> eventRows(const FrameSource& source, const EventFilter& filter, UnitSystem units) {
    std::vector<EventRow> rows;
    const auto& events = source.events();
    for (std::size_t i = 0; i < events.size(); ++i) {
        const sim::Event& e = events[i];
        if (!filter.shows(e.kind)) continue;
        rows.push_back({i, e.time, e.kind, describe(source, e), valueText(e, units)});
    }
    return rows;
}

void jumpToEvent(ViewState& view, const FrameSource& source, std::size_t index) {
    if (index >= source.events().size()) return;
    view.time = std::max(0.0, source.events()[index].time - kJumpBeforeEvent);
    view.selectedEvent = index;
    view.playing = true;
}

void drawEventPanel(ViewState& view, const FrameSource& source, EventFilter& filter) {
    for (int k = 0; k < 4; ++k) {
        const auto kind = static_cast<sim::EventKind>(k);
        ImGui::PushStyleColor(ImGuiCol_CheckMark, eventColourVec(kind));
        ImGui::Checkbox(pluralName(kind).c_str(), &filter.show[k]);
        ImGui::PopStyleColor();
        if (k % 2 == 0) ImGui::SameLine(180.0f);
    }
    const std::vector<EventRow> rows = eventRows(source, filter, view.units);
    ImGui::TextDisabled("%zu shown of %zu · click one to watch it happen", rows.size(), source.events().size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("events", 3, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, 58.0f);
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 78.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;  // thousands of close passes stay cheap
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const EventRow& row = rows[static_cast<std::size_t>(r)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(r);
            const bool selected = view.selectedEvent == row.index;
            if (ImGui::Selectable(formatClock(row.time).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
                jumpToEvent(view, source, row.index);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, eventColourVec(row.kind));
            ImGui::TextUnformatted(row.what.c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.value.c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace viz
