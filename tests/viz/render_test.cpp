// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Renders recorded frames headless and checks pixels where the scene says things are.
#include <catch2/catch.hpp>

#include "viz/colours.hpp"
#include "viz/export.hpp"
#include "viz/road_draw.hpp"
#include "viz/vehicle_shapes.hpp"
#include "viz_fixtures.hpp"

namespace {

constexpr unsigned kWidth = 800;
constexpr unsigned kHeight = 400;
constexpr double kZoom = 20.0;  // pixels per metre

struct Shot {
    sf::Image image;
    viz::ViewState view;
    sf::FloatRect viewport{0.0f, 0.0f, static_cast<float>(kWidth), static_cast<float>(kHeight)};

    sf::Color at(sim::Vec2 p) const {
        const sf::Vector2f px = viz::worldToPixel(view.camera, viewport, p);
        REQUIRE(px.x >= 0.0f);
        REQUIRE(px.y >= 0.0f);
        REQUIRE(px.x < static_cast<float>(kWidth));
        REQUIRE(px.y < static_cast<float>(kHeight));
        return image.getPixel(static_cast<unsigned>(px.x), static_cast<unsigned>(px.y));
    }
};

/// The scene at t, camera fixed on `centre`, without caption, labels or clearance lines (text
/// would cover what the test looks at).
Shot render(viz::SceneRenderer& renderer, viz::FrameSource& source, double t, sim::Vec2 centre) {
    Shot shot;
    shot.view.time = t;
    shot.view.follow = viz::Follow::Free;
    shot.view.camera = {centre, kZoom};
    shot.view.layers.caption = false;
    shot.view.layers.labels = false;
    shot.view.layers.clearance = false;
    std::string error;
    auto image = viz::renderImage(renderer, {{&source, {}}}, shot.view, {kWidth, kHeight}, &error);
    INFO(error);
    REQUIRE(image);
    shot.image = std::move(*image);
    return shot;
}

}  // namespace

TEST_CASE("the patrol car's roof, the road and the shoulder are drawn where the scene says", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    viz::SceneRenderer renderer;
    const double t = 0.5;  // before the drifting car arrives
    const sim::Frame frame = viz::frameAtTime(*source, t);
    const std::uint32_t patrol = vizt::entityIndex(*source, "patrol");
    const sim::EntityState* state = viz::findEntity(frame, patrol);
    REQUIRE(state != nullptr);
    const Shot shot = render(renderer, *source, t, state->pose.position + sim::Vec2{5.0, 2.0});

    const sf::Color roof = viz::roofColour(source->entities()[patrol], patrol);
    INFO("patrol roof " << int(roof.r) << "," << int(roof.g) << "," << int(roof.b));
    CHECK(vizt::near(shot.at(state->pose.position), roof));

    const sim::Scenario& sc = source->scenario();
    const viz::RoadColours colours = viz::roadColours(sc.environment);
    // Lane 2's centre line of travel (between the wheel paths), well behind the patrol car.
    CHECK(vizt::near(shot.at({state->pose.position.x - 12.0, 1.5 * sc.road.laneWidth}), colours.asphalt, 6));
    // The shoulder beyond the rumble strips, ahead of the violator.
    const sim::Vec2 shoulder{sc.units[0].position.x + 7.0, -sc.road.shoulderWidth + 0.6};
    CHECK(vizt::near(shot.at(shoulder), colours.shoulder, 6));
    // And the patrol car's body colour is not the road's.
    CHECK_FALSE(vizt::near(shot.at(state->pose.position), colours.asphalt, 30));
}

TEST_CASE("a strike is marked where it happened, in the strike colour, once it has happened", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    const sim::Event& strike = vizt::firstStrike(*source);
    viz::SceneRenderer renderer;
    // One spike of the burst points along +s: sample 70 % of the way out along it.
    const double radius = std::max(1.6, 26.0 / kZoom);
    const sim::Vec2 onSpike = strike.position + sim::Vec2{0.7 * radius, 0.0};
    const Shot after = render(renderer, *source, strike.time + 0.5, strike.position);
    CHECK(vizt::near(after.at(onSpike), viz::palette::kStrike, 10));
    const Shot before = render(renderer, *source, strike.time - 0.5, strike.position);
    CHECK_FALSE(vizt::near(before.at(onSpike), viz::palette::kStrike, 10));
}

TEST_CASE("night is darker than day at the same place, and fog hides the road far from the scene", "[viz]") {
    sim::Scenario day = vizt::strikeScenario();
    sim::Scenario night = day;
    night.environment.light = sim::Light::Night;
    sim::Scenario fog = day;
    fog.environment.weather = sim::Weather::Fog;
    fog.environment.visibility = 50.0;
    auto daySource = vizt::computed(day);
    auto nightSource = vizt::computed(night);
    auto fogSource = vizt::computed(fog);
    viz::SceneRenderer renderer;
    const sim::Vec2 centre{-20.0, 2.0};
    // Upstream of every vehicle at t = 0.5 s: no headlight reaches here.
    const sim::Vec2 lane2{-35.0, 1.5 * day.road.laneWidth};
    const double dayLuma = vizt::luminance(render(renderer, *daySource, 0.5, centre).at(lane2));
    const double nightLuma = vizt::luminance(render(renderer, *nightSource, 0.5, centre).at(lane2));
    INFO("day " << dayLuma << ", night " << nightLuma);
    CHECK(nightLuma < 0.6 * dayLuma);

    // 30 m upstream of the scene in 50 m visibility the road keeps under a quarter of its contrast.
    const Shot fogShot = render(renderer, *fogSource, 0.5, centre);
    const Shot clearShot = render(renderer, *daySource, 0.5, centre);
    const sf::Color grassFar = fogShot.at({-40.0, -day.road.shoulderWidth - 3.0});
    const sf::Color roadFar = fogShot.at(lane2);
    const double fogContrast = std::abs(vizt::luminance(grassFar) - vizt::luminance(roadFar));
    const double clearContrast = std::abs(vizt::luminance(clearShot.at({-40.0, -day.road.shoulderWidth - 3.0})) -
                                          vizt::luminance(clearShot.at(lane2)));
    INFO("contrast in fog " << fogContrast << ", clear " << clearContrast);
    CHECK(fogContrast < 0.5 * clearContrast);
}

TEST_CASE("side by side renders two panes, each with its own run", "[viz]") {
    sim::Scenario a = vizt::strikeScenario();
    sim::Scenario b = a;
    b.units[1].lights = sim::UnitLights::None;
    auto sa = vizt::computed(a);
    auto sb = vizt::computed(b);
    viz::SceneRenderer renderer;
    viz::ViewState view;
    view.time = 1.0;
    const auto rects = viz::paneRects({0.0f, 0.0f, 800.0f, 600.0f}, 2);
    REQUIRE(rects.size() == 2);
    CHECK(rects[0].top + rects[0].height <= rects[1].top);
    viz::fitScene(view, *sa, rects[0]);
    std::string error;
    const auto image = viz::renderImage(renderer, {{sa.get(), {"A", ""}}, {sb.get(), {"B", ""}}}, view, {800, 600}, &error);
    REQUIRE(image);
    // Both panes show road: the same lane pixel in each pane is asphalt-ish grey.
    const viz::RoadColours colours = viz::roadColours(a.environment);
    for (const sf::FloatRect& r : rects) {
        const sf::Vector2f p = viz::worldToPixel(view.camera, r, {view.camera.centre.x - 20.0, 1.5 * a.road.laneWidth});
        CHECK(vizt::near(image->getPixel(static_cast<unsigned>(p.x), static_cast<unsigned>(p.y)), colours.asphalt, 8));
    }
}
