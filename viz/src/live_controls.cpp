// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] widgets in display units, [2] sections, [3] the panel, [4] typed values and
// messages in display units.
#include "viz/live_controls.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <regex>

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

using sim::io::Dimension;

/// How a control shows its quantity: the unit (SI per unit), its symbol and a printf format.
struct Shown {
    double unit;
    const char* symbol;
    const char* format;
    ImGuiSliderFlags flags = 0;
};

/// Ctrl+click or double-click on a slider types a value instead, with a unit or without (then in
/// the unit shown): ImGui's own typing would take "3 m" in a feet slider as 3 ft.
bool typedValue(LiveControlsState& state, const char* label, double& si, Dimension dimension, const Shown& shown) {
    if (state.typing != label) return false;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s", state.typed.c_str());
    if (!state.typingStarted) ImGui::SetKeyboardFocusHere();
    const bool entered =
        ImGui::InputTextWithHint(label, "e.g. 3 ft, 1 m", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    state.typed = buffer;
    const bool left = state.typingStarted && !ImGui::IsItemActive();
    state.typingStarted = true;
    if (!entered && !left) return false;
    const bool escaped = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    state.typing.clear();
    state.typingStarted = false;
    if (escaped) return false;
    std::string note;
    const auto value = parseTyped(state.typed, dimension, shown.unit, shown.symbol, note);
    state.entryNote = std::string(label).substr(0, std::string(label).find("##")) + ": " + note;
    state.entryRejected = !value;
    if (!value) return false;
    si = *value;
    return true;
}

void startTyping(LiveControlsState& state, const char* label, double si, const Shown& shown) {
    const bool ctrlClick = ImGui::IsItemHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::GetIO().KeyCtrl;
    if (!ctrlClick && !(ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))) return;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.4g %s", si / shown.unit, shown.symbol);
    state.typing = label;
    state.typed = buffer;
    state.typingStarted = false;
}

/// A slider in the unit shown; the value stays SI. Typing is typedValue's.
bool quantitySlider(LiveControlsState& state, const char* label, double& si, Dimension dimension, double lo, double hi,
                    const Shown& shown, double step) {
    if (state.typing == label) return typedValue(state, label, si, dimension, shown);
    float v = static_cast<float>(si / shown.unit);
    const bool moved = ImGui::SliderFloat(label, &v, static_cast<float>(lo), static_cast<float>(hi), shown.format,
                                          shown.flags | ImGuiSliderFlags_NoInput);
    startTyping(state, label, si, shown);
    if (!moved) return false;
    si = (step > 0.0 ? std::round(v / step) * step : v) * shown.unit;
    return true;
}

/// A length slider in feet or metres; the value stays in metres. Half-foot steps.
bool lengthSlider(LiveControlsState& state, const char* label, double& metres, double loFeet, double hiFeet, UnitSystem units) {
    const bool imperial = units == UnitSystem::Imperial;
    const Shown shown = imperial ? Shown{kFoot, "ft", "%.1f ft"} : Shown{1.0, "m", "%.2f m"};
    const double lo = imperial ? loFeet : loFeet * kFoot;
    const double hi = imperial ? hiFeet : hiFeet * kFoot;
    return quantitySlider(state, label, metres, Dimension::Length, lo, hi, shown, imperial ? 0.5 : 0.1);
}

bool angleSlider(LiveControlsState& state, const char* label, double& rad, float lo, float hi) {
    return quantitySlider(state, label, rad, Dimension::Angle, lo, hi, {kDegree, "deg", "%.0f°"}, 1.0);
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

void patrolSection(LiveControlsState& state, UnitSystem units) {
    TacticEdit& e = state.edit;
    if (!e.patrol) {
        ImGui::TextDisabled("No patrol car in this scenario.");
        return;
    }
    UnitPlacement& p = *e.patrol;
    if (p.behind()) {
        lengthSlider(state, p.absoluteD ? "Lateral position (d)" : "Offset toward traffic", p.lateral, p.absoluteD ? -12.0 : -6.0,
                     p.absoluteD ? 14.0 : 12.0, units);
        lengthSlider(state, ("Gap behind " + p.behindId).c_str(), p.along, 5.0, 150.0, units);
    } else {
        lengthSlider(state, "Lateral position (d)", p.lateral, -12.0, 14.0, units);
        lengthSlider(state, "Position along the road (s)", p.along, -300.0, 100.0, units);
    }
    angleSlider(state, "Angle toward traffic", p.heading, -45.0f, 45.0f);
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

void blockerSection(LiveControlsState& state, const sim::Scenario& base, UnitSystem units) {
    TacticEdit& e = state.edit;
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
    if (b.behind()) lengthSlider(state, ("Distance behind " + b.behindId).c_str(), b.along, 20.0, 300.0, units);
    else lengthSlider(state, "Position along the road (s)##blocker", b.along, -400.0, 0.0, units);
    lengthSlider(state, b.absoluteD ? "Lateral position (d)##blocker" : "Offset##blocker", b.lateral, -12.0, 16.0, units);
    ImGui::TextDisabled("d < 0: shoulder · 0: edge line · > 0: into lane 1");
    angleSlider(state, "Angle##blocker", b.heading, -45.0f, 45.0f);
    enumCombo("Lights##blocker", b.lights);
}

void conditionsSection(LiveControlsState& state, UnitSystem units) {
    TacticEdit& e = state.edit;
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
    // Miles in feet and mph, kilometres in metric; a log scale from thick fog to a clear day.
    const bool imperial = units == UnitSystem::Imperial;
    const Shown shown = imperial ? Shown{sim::units::kMile, "mi", "%.2f mi", ImGuiSliderFlags_Logarithmic}
                                 : Shown{1000.0, "km", "%.2f km", ImGuiSliderFlags_Logarithmic};
    if (quantitySlider(state, "Visibility", e.visibility, Dimension::Length, 20.0 / shown.unit, 20000.0 / shown.unit, shown, 0.0))
        e.visibility = std::clamp(e.visibility, 10.0, 100000.0);
    // Under 2 mi (1 km) also in feet (metres), as a class says short visibilities.
    const std::string plain = formatDistance(e.visibility, units);
    if (plain.size() < std::strlen(shown.symbol) || plain.compare(plain.size() - std::strlen(shown.symbol), std::string::npos, shown.symbol) != 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", plain.c_str());
    }
    enumCombo("Surface", e.surface);
}

void trafficSection(LiveControlsState& state, UnitSystem units) {
    TacticEdit& e = state.edit;
    const bool imperial = units == UnitSystem::Imperial;
    const Shown speed = imperial ? Shown{sim::units::kMph, "mph", "%.0f mph"} : Shown{sim::units::kKmh, "km/h", "%.0f km/h"};
    quantitySlider(state, "Speed limit", e.speedLimit, Dimension::Speed, imperial ? 25 : 40, imperial ? 80 : 130, speed, 5.0);
    quantitySlider(state, "Flow per lane", e.flowPerLane, Dimension::Flow, 0, 2400, {1.0 / 3600.0, "veh/h", "%.0f veh/h"}, 50.0);
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
    // Wrapped at the panel's edge: a loader message is longer than the panel is wide.
    ImGui::PushTextWrapPos(0.0f);
    if (!state.entryNote.empty())
        ImGui::TextColored(state.entryRejected ? ImVec4{1.0f, 0.4f, 0.35f, 1.0f} : ImVec4{0.75f, 0.78f, 0.85f, 1.0f}, "%s",
                           state.entryNote.c_str());
    if (!state.error.empty()) ImGui::TextColored({1.0f, 0.4f, 0.35f, 1.0f}, "%s", state.error.c_str());
    ImGui::PopTextWrapPos();
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
    if (ImGui::CollapsingHeader("Patrol car", ImGuiTreeNodeFlags_DefaultOpen)) patrolSection(state, units);
    if (ImGui::CollapsingHeader("Officer's approach", ImGuiTreeNodeFlags_DefaultOpen)) approachSection(state.edit);
    if (ImGui::CollapsingHeader("Blocker", ImGuiTreeNodeFlags_DefaultOpen)) blockerSection(state, base, units);
    if (ImGui::CollapsingHeader("Light and weather", ImGuiTreeNodeFlags_DefaultOpen)) conditionsSection(state, units);
    if (ImGui::CollapsingHeader("Road and traffic", ImGuiTreeNodeFlags_DefaultOpen)) trafficSection(state, units);
    ImGui::PopItemWidth();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Ctrl+click or double-click a slider to type a value, with its unit (3 ft, 1 m) or in the unit shown.");
    ImGui::PopTextWrapPos();
    return actions(state, base, seed, comparing, units);
}

// ---------------------------------------------------------------------------------------------
// [4] Typed values and messages in display units
// ---------------------------------------------------------------------------------------------

namespace {

std::string number(double v, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace

std::optional<double> parseTyped(std::string_view text, Dimension dimension, double shownUnit, std::string_view shownSymbol,
                                 std::string& note) {
    const std::string t = trimmed(text);
    // A bare number: in the unit the control shows, and said so.
    double bare = 0.0;
    std::size_t used = 0;
    try {
        bare = std::stod(t, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used > 0 && used == t.size() && std::isfinite(bare)) {
        note = t + " → " + t + " " + std::string(shownSymbol) + " (no unit given: taken in " + std::string(shownSymbol) + ", as shown)";
        return bare * shownUnit;
    }
    const sim::io::ParsedQuantity q = sim::io::parseQuantity(t, dimension);
    if (!q.value) {
        note = "\"" + t + "\" is not " + sim::io::dimensionWithArticle(dimension) + ": type a number with its unit, e.g. 3 " +
               std::string(shownSymbol) + (q.hint.empty() ? "" : " (" + q.hint + ")");
        return std::nullopt;
    }
    note = t + " → " + number(*q.value / shownUnit, 2) + " " + std::string(shownSymbol);
    return q.value;
}

std::string inDisplayUnits(std::string message, UnitSystem units) {
    const bool imperial = units == UnitSystem::Imperial;
    const auto length = [&](double m) { return imperial ? number(m / kFoot, std::abs(m / kFoot) < 100 ? 1 : 0) + " ft" : number(m, 2) + " m"; };
    const auto speed = [&](double mps) {
        return imperial ? number(mps / sim::units::kMph, 0) + " mph" : number(mps / sim::units::kKmh, 0) + " km/h";
    };
    const auto convert = [&](double v, const std::string& unit) { return unit == "m/s" ? speed(v) : length(v); };
    // A value the controls wrote, with its SI equivalent: only the equivalent, in display units.
    static const std::regex written("\"[^\"]*\" = (-?[0-9.]+) (m/s|m)\\b");
    // A range: "-10 to 10 m", "5–45 m/s".
    static const std::regex range("(-?[0-9.]+)( to |–)(-?[0-9.]+) (m/s|m)\\b");
    static const std::regex single("(-?[0-9.]+) (m/s|m)\\b");
    const auto replaceAll = [&](const std::regex& re, auto make) {
        std::string out;
        auto begin = message.cbegin();
        for (std::sregex_iterator it(message.begin(), message.end(), re), end; it != end; ++it) {
            out.append(begin, message.cbegin() + it->position());
            out += make(*it);
            begin = message.cbegin() + it->position() + it->length();
        }
        out.append(begin, message.cend());
        message = out;
    };
    replaceAll(written, [&](const std::smatch& m) { return convert(std::stod(m[1]), m[2]); });
    replaceAll(range, [&](const std::smatch& m) {
        const std::string a = convert(std::stod(m[1]), m[4]);
        const std::string b = convert(std::stod(m[3]), m[4]);
        return a.substr(0, a.rfind(' ')) + " to " + b;
    });
    replaceAll(single, [&](const std::smatch& m) { return convert(std::stod(m[1]), m[2]); });
    // "live controls: key: …" reads as where the problem is; the panel is that place.
    for (std::string::size_type at; (at = message.find("live controls: ")) != std::string::npos;) message.erase(at, 15);
    return message;
}

}  // namespace viz
