// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The panels say what is true at the time shown, in the units chosen: People's strikes, the
// Scenario tab's shares, the Tactic tab's typed values, ranges and messages. The Tactic tab is
// drawn by Dear ImGui without a window (a context of its own), and what it wrote is read back
// from ImGui's text log and its item rectangles.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include "sim/io/scenario_loader.hpp"
#include "sim/units.hpp"
#include "viz/live_controls.hpp"
#include "viz/people_panel.hpp"
#include "viz/strike_story.hpp"
#include "viz/text_format.hpp"
#include "viz_fixtures.hpp"

namespace {

using sim::io::Dimension;

sim::Scenario defaultStop() {
    auto loaded = sim::io::loadScenarioFile(std::string(ROADSIDE_SOURCE_DIR) + "/scenarios/default-stop.toml");
    REQUIRE(loaded.ok());
    return std::move(*loaded.scenario);
}

/// Dear ImGui with no window or renderer: a context, a font atlas and one 430-pixel panel, as
/// the app's sidebar. Draws with `draw` inside it and returns what ImGui logged as text.
class HeadlessPanel {
public:
    HeadlessPanel() {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {1600.0f, 900.0f};
        io.DeltaTime = 1.0f / 60.0f;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~HeadlessPanel() { ImGui::DestroyContext(context_); }
    HeadlessPanel(const HeadlessPanel&) = delete;
    HeadlessPanel& operator=(const HeadlessPanel&) = delete;

    /// One frame; `draw` runs inside the panel. Returns the logged text.
    template <typename F> std::string frame(F draw) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos({1600.0f - kWidth, 0.0f});
        ImGui::SetNextWindowSize({kWidth, 900.0f});
        ImGui::Begin("Panels", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        ImGui::LogToBuffer();
        draw();
        std::string text = GImGui->LogBuffer.c_str();
        ImGui::LogFinish();
        right_ = ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
        ImGui::End();
        ImGui::EndFrame();
        return text;
    }
    float right() const { return right_; }

    static constexpr float kWidth = 430.0f;

private:
    ImGuiContext* context_ = nullptr;
    float right_ = 0.0f;
};

}  // namespace

TEST_CASE("the People tab lists a strike only once it has happened at the time shown", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    const sim::Event& strike = vizt::firstStrike(*source);
    viz::ViewState view;
    view.time = strike.time - 0.5;
    CHECK(viz::strikeLines(view, *source, strike.subject).empty());
    view.time = strike.time + 0.5;
    const auto lines = viz::strikeLines(view, *source, strike.subject);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "Struck at " + viz::formatClock(strike.time) + " · 56 mph impact");
    CHECK(lines[1] == "By a sedan going 56 mph (drifter)");
    CHECK(lines[2].find("Driver: asleep or not responding for ") == 0);
    CHECK(lines[3].find("P(severe injury) ") == 0);
}

TEST_CASE("the People tab gives close-pass thresholds in the units chosen", "[viz]") {
    sim::PersonOutcome o;
    o.minClearance = 0.5;
    const auto feet = viz::measureRows(o, viz::UnitSystem::Imperial);
    CHECK(feet[1].second == "1.6 ft");
    CHECK(feet[2].first == "Passes under 3.3 ft");
    CHECK(feet[3].first == "Passes under 6.6 ft");
    const auto metres = viz::measureRows(o, viz::UnitSystem::Metric);
    CHECK(metres[2].first == "Passes under 1.00 m");
    for (const auto& [name, value] : feet) CHECK(name.find(" m") == std::string::npos);
}

TEST_CASE("shares too small for whole percent are not shown as none", "[viz]") {
    CHECK(viz::formatShare(0.004) == "0.4 %");  // the default impaired share
    CHECK(viz::formatShare(0.0) == "0 %");
    CHECK(viz::formatShare(0.015) == "1.5 %");
    CHECK(viz::formatShare(0.25) == "25 %");
    CHECK(viz::formatShare(0.0005) == "0.05 %");
}

TEST_CASE("a value typed into a control takes its unit or says what it was taken as", "[viz]") {
    std::string note;
    // A bare number: in the unit shown, and said so.
    const auto feet = viz::parseTyped("3", Dimension::Length, sim::units::kFoot, "ft", note);
    REQUIRE(feet);
    CHECK(*feet == Approx(3 * sim::units::kFoot));
    CHECK(note == "3 → 3 ft (no unit given: taken in ft, as shown)");
    // With a unit: that unit, whatever the control shows.
    const auto metres = viz::parseTyped("1 m", Dimension::Length, sim::units::kFoot, "ft", note);
    REQUIRE(metres);
    CHECK(*metres == Approx(1.0));
    CHECK(note == "1 m → 3.28 ft");
    const auto speed = viz::parseTyped(" 100 km/h ", Dimension::Speed, sim::units::kMph, "mph", note);
    REQUIRE(speed);
    CHECK(*speed == Approx(100 * sim::units::kKmh));
    // The wrong kind of unit: refused, with an example in the unit shown.
    CHECK_FALSE(viz::parseTyped("3 kg", Dimension::Length, sim::units::kFoot, "ft", note));
    CHECK(note.find("\"3 kg\" is not a length: type a number with its unit, e.g. 3 ft") == 0);
    CHECK_FALSE(viz::parseTyped("", Dimension::Length, sim::units::kFoot, "ft", note));
}

TEST_CASE("the Tactic tab's loader message is in feet when the panel shows feet", "[viz]") {
    const sim::Scenario base = defaultStop();
    viz::TacticEdit edit = viz::tacticOf(base);
    edit.patrol->lateral = 40.0 * sim::units::kFoot;  // typed; beyond the schema's 10 m
    const viz::EditedScenario edited = viz::applyTactic(base, edit, viz::UnitSystem::Imperial);
    const auto result = sim::io::loadScenarioText(edited.text, "default-stop.toml", edited.overrides);
    REQUIRE_FALSE(result.ok());
    const std::string message = sim::io::formatDiagnostics(result.errors);
    const std::string feet = viz::inDisplayUnits(message, viz::UnitSystem::Imperial);
    INFO(message << " -> " << feet);
    CHECK(feet.find("units.patrol.offset: expected a length in -32.8 to 32.8 ft, found 40.0 ft") != std::string::npos);
    CHECK(feet.find(" m,") == std::string::npos);
    CHECK(feet.find("live controls") == std::string::npos);
    CHECK(viz::inDisplayUnits("road.speed_limit: expected a speed in 5–45 m/s, found \"150.0 mph\" = 67.056 m/s", viz::UnitSystem::Imperial) ==
          "road.speed_limit: expected a speed in 11 to 101 mph, found 150 mph");
    CHECK(viz::inDisplayUnits("expected a length in 0–300 m, found \"2000.0000 m\" = 2000 m", viz::UnitSystem::Metric) ==
          "expected a length in 0.00 to 300.00 m, found 2000.00 m");
}

TEST_CASE("the Tactic tab wraps its message inside the panel and shows visibility in the units chosen", "[viz]") {
    const sim::Scenario base = defaultStop();
    HeadlessPanel panel;
    viz::LiveControlsState state;
    state.error = "units.patrol.offset: expected a length in -32.8 to 32.8 ft, found 40.0 ft; and a second sentence long enough "
                  "to need more than one line in a panel 430 pixels wide";
    float right = 0.0f;
    const std::string feet = panel.frame([&] {
        viz::drawLiveControls(state, base, 23, false, viz::UnitSystem::Imperial);
        right = ImGui::GetItemRectMax().x;  // the message is the last item
    });
    INFO(feet);
    CHECK(right <= panel.right());
    CHECK(feet.find("panel 430 pixels wide") != std::string::npos);
    // The default stop's visibility (20 km): miles first, as mph and feet are chosen; no km.
    CHECK(feet.find("12.43 mi") != std::string::npos);
    CHECK(feet.find(" km") == std::string::npos);
    const std::string metric = panel.frame([&] { viz::drawLiveControls(state, base, 23, false, viz::UnitSystem::Metric); });
    CHECK(metric.find("20.00 km") != std::string::npos);
}
