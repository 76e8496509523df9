// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include "viz/export.hpp"
#include "viz_fixtures.hpp"

TEST_CASE("the default picture is 3 s before the first strike, the default clip spans it", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    const auto strike = viz::firstStrikeTime(*source);
    REQUIRE(strike);
    CHECK(viz::defaultShotTime(*source) == Approx(std::max(0.0, *strike - 3.0)));
    const auto [from, to] = viz::defaultClipSpan(*source);
    CHECK(from == Approx(std::max(0.0, *strike - 10.0)));
    CHECK(to == Approx(std::min(source->duration(), *strike + 5.0)));

    test::StopOptions quiet;
    quiet.duration = 20.0;
    auto calm = vizt::computed(test::stopScenario(quiet));
    CHECK_FALSE(viz::firstStrikeTime(*calm));
    CHECK(viz::defaultShotTime(*calm) == Approx(10.0));
}

TEST_CASE("a PNG sequence has one frame per 1/fps of the clip, each the requested size", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    const auto dir = vizt::tempDir("frames");
    viz::SceneRenderer renderer;
    viz::ViewState view;
    viz::ClipSettings clip;
    clip.from = 1.0;
    clip.to = 2.0;
    clip.fps = 5.0;
    clip.size = {320, 180};
    viz::fitScene(view, *source, {0.0f, 0.0f, 320.0f, 180.0f});
    std::string error;
    const std::size_t n = viz::exportFrames(renderer, {{source.get(), {}}}, view, clip, dir, &error);
    INFO(error);
    CHECK(n == 6);
    sf::Image first;
    REQUIRE(first.loadFromFile((dir / "frame_00000.png").string()));
    CHECK(first.getSize() == sf::Vector2u(320, 180));
    CHECK(std::filesystem::exists(dir / "frame_00005.png"));
    CHECK_FALSE(std::filesystem::exists(dir / "frame_00006.png"));
}

TEST_CASE("the same time renders the same picture: lamps flash by frame time, not wall time", "[viz]") {
    auto source = vizt::computed(vizt::strikeScenario());
    viz::SceneRenderer renderer;
    viz::ViewState view;
    view.time = 2.3;
    viz::fitScene(view, *source, {0.0f, 0.0f, 400.0f, 200.0f});
    std::string error;
    const auto a = viz::renderImage(renderer, {{source.get(), {}}}, view, {400, 200}, &error);
    const auto b = viz::renderImage(renderer, {{source.get(), {}}}, view, {400, 200}, &error);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(std::equal(a->getPixelsPtr(), a->getPixelsPtr() + 400 * 200 * 4, b->getPixelsPtr()));
}
