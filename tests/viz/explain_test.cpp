// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// What a picture of a strike says on itself: who was struck, by what, how fast and what the driver
// was doing; the striker in the frame; labels clear of the vehicles; a legend for what is drawn;
// side by side, when the traffic stops being the same.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/units.hpp"
#include "viz/camera.hpp"
#include "viz/divergence.hpp"
#include "viz/explain_draw.hpp"
#include "viz/export.hpp"
#include "viz/strike_story.hpp"
#include "viz/text_format.hpp"
#include "viz_fixtures.hpp"

namespace {

constexpr unsigned kWidth = 1600;
constexpr unsigned kHeight = 900;

/// The texts of a picture of `source` at `t`, framed as an export frames it.
std::vector<viz::PlacedText> textsAt(viz::SceneRenderer& renderer, viz::FrameSource& source, double t,
                                     viz::UnitSystem units = viz::UnitSystem::Imperial, bool trails = false) {
    viz::ViewState view;
    view.time = t;
    view.units = units;
    view.layers.trails = trails;
    const sf::FloatRect pane{0.0f, 0.0f, static_cast<float>(kWidth), static_cast<float>(kHeight)};
    viz::fitScene(view, source, pane);
    viz::fitStrike(view, source, pane);
    std::string error;
    const auto image = viz::renderImage(renderer, {{&source, {}}}, view, {kWidth, kHeight}, &error);
    INFO(error);
    REQUIRE(image);
    return renderer.texts();
}

bool says(const std::vector<viz::PlacedText>& texts, const std::string& part) {
    return std::any_of(texts.begin(), texts.end(), [&](const viz::PlacedText& t) { return t.text.find(part) != std::string::npos; });
}

std::string all(const std::vector<viz::PlacedText>& texts) {
    std::string out;
    for (const viz::PlacedText& t : texts) out += t.text + "\n";
    return out;
}

/// The drifting car pushes the patrol car into an officer standing in front of it.
sim::Scenario pushedScenario() {
    test::StopOptions o;
    o.officerPlace = sim::Place::Front;
    o.officerUnit = 1;
    o.duration = 12.0;
    sim::Scenario sc = test::stopScenario(o);
    sc.drivers.attention.laneKeepingSd = 0.0;
    sc.scriptedVehicles.push_back(test::driftingCar(25.0, -2.5, -42.0));
    return sc;
}

}  // namespace

TEST_CASE("a picture of a strike says who was struck by what how fast and what the driver was doing", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    const sim::Event& strike = vizt::firstStrike(*source);
    viz::SceneRenderer renderer;

    // 3 s before (the default picture): what is about to happen, and the car that will do it.
    const auto before = textsAt(renderer, *source, strike.time - 3.0);
    INFO(all(before));
    CHECK(says(before, "In 3.0 s: Officer struck · "));
    CHECK(says(before, "By a sedan going 56 mph"));  // the drifter: 25 m/s and 2.5 m/s sideways
    CHECK(says(before, "Driver: asleep or not responding for "));
    CHECK(says(before, "saw the scene 550 ft before it"));  // detected, then looked away and drifted
    CHECK(says(before, "not braking"));
    CHECK(says(before, "Sedan · officer struck in 3.0 s"));  // the striker's own label, on the scene

    // After it: the strike at its time, with the same explanation, in km/h when asked.
    const auto after = textsAt(renderer, *source, strike.time + 0.5, viz::UnitSystem::Metric);
    INFO(all(after));
    CHECK(says(after, "Officer struck · " + viz::formatSpeed(strike.value, viz::UnitSystem::Metric) + " at " + viz::formatClock(strike.time)));
    CHECK(says(after, "By a sedan going 90 km/h"));
}

TEST_CASE("a strike by a pushed unit says what hit that unit first", "[viz]") {
    auto source = vizt::computed(pushedScenario());
    const sim::Event& strike = vizt::firstStrike(*source);
    REQUIRE(strike.viaPushedUnit);
    const viz::StrikeStory story = viz::tellStrike(*source, strike, viz::UnitSystem::Imperial);
    CHECK(story.headline.find("Officer struck · ") == 0);
    CHECK(story.by.find("By the patrol car, pushed by a sedan that hit it going ") == 0);
    CHECK(story.strikerId == "drifter");
    viz::SceneRenderer renderer;
    const auto texts = textsAt(renderer, *source, strike.time + 0.2);
    INFO(all(texts));
    CHECK(says(texts, "By the patrol car, pushed by a sedan that hit it going "));
}

TEST_CASE("the driver's facts are one phrase per field of the striker", "[viz]") {
    sim::Striker s;
    s.kind = sim::VehicleKind::TractorTrailer;
    s.state = sim::DriverState::Drowsy;
    s.eyesOffFor = 2.74;
    s.sawSceneAt = 100.0;
    s.braking = true;
    const auto facts = viz::driverFacts(s, viz::UnitSystem::Imperial);
    // The state alone: the card and the people panel put "Driver:" before it ("Driver: drowsy · …").
    const std::vector<std::string> expected = {"drowsy", "eyes off the road for 2.7 s", "saw the scene 328 ft before it", "braking"};
    CHECK(facts == expected);
    s.state = sim::DriverState::Impaired;
    CHECK(viz::driverFacts(s, viz::UnitSystem::Imperial).front() == "impaired");
    s.state = sim::DriverState::Normal;
    s.eyesOffFor = -1.0;
    s.sawSceneAt = -1.0;
    s.braking = false;
    s.drifting = true;
    const std::vector<std::string> unaware = {"eyes on the road", "never saw the scene", "not braking",
                                              "still drifting, not yet steering back"};
    CHECK(viz::driverFacts(s, viz::UnitSystem::Metric) == unaware);
    CHECK(viz::withArticle(sim::VehicleKind::TractorTrailer) == "a tractor-trailer");
    CHECK(viz::withArticle(sim::VehicleKind::Suv) == "an SUV");
}

TEST_CASE("the default picture of a strike frames the striker and the person", "[viz]") {
    // 3 s before the strike the drifter is 75 m upstream of the officer: outside the scene's frame.
    auto source = vizt::computed(vizt::strikeScenario());
    const sim::Event& strike = vizt::firstStrike(*source);
    viz::ViewState view;
    view.time = viz::defaultShotTime(*source);
    REQUIRE(view.time == Approx(strike.time - 3.0));
    const sf::FloatRect pane{0.0f, 0.0f, static_cast<float>(kWidth), static_cast<float>(kHeight)};
    const sim::Frame frame = viz::frameAtTime(*source, view.time);
    const sim::EntityState* drifter = viz::findEntity(frame, vizt::entityIndex(*source, "drifter"));
    const sim::EntityState* officer = viz::findEntity(frame, strike.subject);
    REQUIRE(drifter != nullptr);
    REQUIRE(officer != nullptr);
    const auto shown = [&](const viz::ViewState& v, sim::Vec2 p) { return pane.contains(viz::worldToPixel(v.camera, pane, p)); };

    viz::fitScene(view, *source, pane);
    CHECK_FALSE(shown(view, drifter->pose.position));  // what the scene alone frames: not the striker
    REQUIRE(viz::fitStrike(view, *source, pane));
    CHECK(shown(view, drifter->pose.position));
    CHECK(shown(view, officer->pose.position));
    CHECK(view.follow == viz::Follow::Free);  // the export keeps this framing
}

TEST_CASE("strike labels do not cover the vehicles or the people", "[viz]") {
    for (const sim::Scenario& sc : {vizt::strikeScenario(), pushedScenario()}) {
        auto source = vizt::computed(sc);
        const sim::Event& strike = vizt::firstStrike(*source);
        viz::SceneRenderer renderer;
        for (double dt : {0.05, 0.5, 1.5}) {
            viz::ViewState view;
            view.time = strike.time + dt;
            const sf::FloatRect pane{0.0f, 0.0f, static_cast<float>(kWidth), static_cast<float>(kHeight)};
            viz::fitScene(view, *source, pane);
            view.follow = viz::Follow::Free;
            view.camera.pixelsPerMetre = 30.0;  // close in: little room round the strike
            view.camera.centre = strike.position;
            std::string error;
            REQUIRE(viz::renderImage(renderer, {{source.get(), {}}}, view, {kWidth, kHeight}, &error));
            const std::vector<sf::FloatRect> bodies = viz::bodyBoxes(*source, viz::frameAtTime(*source, view.time), view, pane);
            const std::string headline = viz::tellStrike(*source, strike, view.units).headline;
            int labels = 0;
            for (const viz::PlacedText& t : renderer.texts()) {
                if (t.text != headline) continue;  // the card says "… at 0:05.2"; the label is the headline alone
                ++labels;
                for (const sf::FloatRect& b : bodies) {
                    INFO("label at " << t.box.left << "," << t.box.top << " " << t.box.width << "x" << t.box.height << "; body at "
                                     << b.left << "," << b.top << " " << b.width << "x" << b.height << "; t = " << view.time);
                    CHECK_FALSE(t.box.intersects(b));
                }
            }
            CHECK(labels == 1);
        }
    }
}

TEST_CASE("the legend explains the overlays on the picture in the chosen units", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    const sim::Event& strike = vizt::firstStrike(*source);
    viz::SceneRenderer renderer;
    // Just before the strike: the drifter's driver is looking away (glow), trails are on.
    const auto feet = textsAt(renderer, *source, strike.time - 0.4, viz::UnitSystem::Imperial, true);
    INFO(all(feet));
    CHECK(says(feet, "Orange glow: the driver's eyes are off the road"));
    CHECK(says(feet, "Trails, last 4 s: orange while looking away, red while braking"));
    CHECK_FALSE(says(feet, "Strike on a person"));  // no marker yet
    // After: the marker; no trails asked for, so no trail entry.
    const auto metres = textsAt(renderer, *source, strike.time + 0.5, viz::UnitSystem::Metric, false);
    INFO(all(metres));
    CHECK(says(metres, "Strike on a person · collision between vehicles"));
    CHECK_FALSE(says(metres, "Trails"));
    // The gap lines' thresholds in the chosen units: feet here, metres there.
    viz::LegendNeeds gaps;
    gaps.clearance = true;
    for (const auto& [units, text] : {std::pair{viz::UnitSystem::Imperial, std::string("red under 3.3 ft, amber under 6.6 ft")},
                                      std::pair{viz::UnitSystem::Metric, std::string("red under 1.00 m, amber under 2.00 m")}}) {
        viz::Overlay overlay(renderer.font());
        viz::ViewState view;
        view.units = units;
        viz::addLegend(overlay, view, {0.0f, 0.0f, 800.0f, 400.0f}, gaps);
        CHECK(says(overlay.texts(), text));
    }
}

TEST_CASE("side by side says from when the traffic differs and not before", "[viz]") {
    // At night the patrol car's lights change how far off approaching drivers see the scene, and
    // so when they move over.
    test::StopOptions o;
    o.flowPerLane = 1500.0;
    o.duration = 90.0;
    sim::Scenario lit = test::stopScenario(o);
    lit.environment.light = sim::Light::Night;
    sim::Scenario dark = lit;
    for (sim::UnitDef& u : dark.units) u.lights = sim::UnitLights::None;
    auto a = vizt::computed(lit, 5);
    auto same = vizt::computed(lit, 5);
    auto b = vizt::computed(dark, 5);
    CHECK_FALSE(viz::trafficDivergence(*a, *same).has_value());  // the same run: never
    const auto at = viz::trafficDivergence(*a, *b);
    REQUIRE(at.has_value());
    CHECK(*at > 0.0);
    CHECK(*at < 90.0);

    // Incremental, as the window computes it, in slices: the same instant.
    viz::TrafficDivergence slices;
    while (!slices.settled()) slices.update(*a, *b, 7);
    CHECK(slices.at() == at);

    viz::SceneRenderer renderer;
    viz::SceneDrawOptions optionsB;
    optionsB.comparing = true;
    optionsB.trafficDivergesAt = at;
    const std::string note = "Traffic differs from A since " + viz::formatClock(*at);
    for (double t : {*at - 1.0, *at + 1.0}) {
        viz::ViewState view;
        view.time = t;
        std::string error;
        REQUIRE(viz::renderImage(renderer, {{a.get(), {}}, {b.get(), optionsB}}, view, {kWidth, kHeight}, &error));
        INFO("t = " << t << "\n" << all(renderer.texts()));
        CHECK(says(renderer.texts(), note) == (t > *at));  // the texts are pane B's, drawn last
    }
}
