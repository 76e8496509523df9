// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/lighting.hpp"

#include <algorithm>
#include <cmath>

#include <SFML/Graphics/Sprite.hpp>

#include "viz/road_draw.hpp"
#include "viz/shape_builder.hpp"

namespace viz {

sf::Color ambientLight(const sim::Environment& env) {
    // Chosen for the picture, not measured: dark enough that the lights carry the scene, light
    // enough that a projector in a lit classroom still shows the road.
    switch (env.light) {
    case sim::Light::Day: break;
    case sim::Light::Dusk: return {150, 128, 128};
    case sim::Light::Night: return {50, 54, 78};
    case sim::Light::NightLit: return {58, 58, 70};
    }
    if (env.weather == sim::Weather::Clear) return sf::Color::White;
    return {214, 218, 226};  // overcast
}

void appendStreetLights(sf::VertexArray& lights, const sim::Road& road, const WorldBox& visible) {
    // Freeway luminaires are typically 150-250 ft apart, mast height ~40 ft (assumption for the
    // picture: 60 m spacing, pools of 24 m radius), staggered on both sides.
    constexpr double kSpacing = 60.0;
    const RoadLayout l = roadLayout(road);
    ShapeBuilder b(lights);
    for (double s = std::floor((visible.sMin - 30.0) / kSpacing) * kSpacing; s < visible.sMax + 30.0; s += kSpacing) {
        b.radial(toScene({s, l.rightShoulderOuter - 1.0}), 24.0f, sf::Color(150, 130, 95), sf::Color::Black, 24);
        b.radial(toScene({s + kSpacing / 2, l.leftShoulderOuter + 1.0}), 24.0f, sf::Color(150, 130, 95), sf::Color::Black, 24);
    }
}

double fogOpacity(double distance, double visibility) {
    if (visibility <= 0.0) return 1.0;
    return 1.0 - std::exp(-3.912 * std::max(0.0, distance) / visibility);
}

void appendFog(sf::VertexArray& fog, const WorldBox& visible, const SceneExtent& scene, const sim::Environment& env) {
    if (env.visibility >= 5000.0) return;  // clear air or light rain: nothing to see at this scale
    const bool dark = env.light == sim::Light::Night || env.light == sim::Light::NightLit;
    const sf::Color colour = dark ? sf::Color(52, 56, 66) : sf::Color(206, 210, 214);
    // Even at the scene there is some veil; never quite opaque so that the road stays readable.
    constexpr double kVeil = 0.12;
    constexpr double kMax = 0.93;
    const double step = std::max(0.5, (visible.sMax - visible.sMin) / 240.0);
    const double d0 = visible.dMin - 5.0;
    const double d1 = visible.dMax + 5.0;
    auto opacity = [&](double s) {
        const double x = s < scene.sMin ? scene.sMin - s : s > scene.sMax ? s - scene.sMax : 0.0;
        return std::min(kMax, kVeil + (1.0 - kVeil) * fogOpacity(x, env.visibility));
    };
    for (double s = visible.sMin - step; s < visible.sMax + step; s += step) {
        sf::Color a = colour;
        sf::Color b = colour;
        a.a = static_cast<sf::Uint8>(255.0 * opacity(s));
        b.a = static_cast<sf::Uint8>(255.0 * opacity(s + step));
        const sf::Vertex quad[6] = {{toScene({s, d0}), a}, {toScene({s + step, d0}), b}, {toScene({s + step, d1}), b},
                                    {toScene({s, d0}), a}, {toScene({s + step, d1}), b}, {toScene({s, d1}), a}};
        for (const sf::Vertex& v : quad) fog.append(v);
    }
}

namespace {

/// A repeatable pseudo-random number in [0, 1) for drop i and channel k (no RNG state: the same
/// drops at the same time in every export).
double hash01(std::uint32_t i, std::uint32_t k) {
    std::uint32_t h = i * 0x9E3779B1u + k * 0x85EBCA77u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    return static_cast<double>(h & 0xFFFFFFu) / static_cast<double>(0x1000000u);
}

}  // namespace

void addPrecipitation(Overlay& overlay, const sf::FloatRect& viewport, double time, sim::Weather weather, bool dark) {
    if (weather != sim::Weather::Rain && weather != sim::Weather::Snow) return;
    const bool rain = weather == sim::Weather::Rain;
    const auto count = static_cast<std::uint32_t>(viewport.width * viewport.height / (rain ? 5000.0f : 3500.0f));
    const double fall = rain ? 700.0 : 60.0;  // pixels per second across the picture
    const sf::Color colour = rain ? sf::Color(210, 220, 240, dark ? 60 : 90) : sf::Color(250, 250, 255, dark ? 150 : 210);
    for (std::uint32_t i = 0; i < count; ++i) {
        const double speed = fall * (0.7 + 0.6 * hash01(i, 2));
        const double y = std::fmod(hash01(i, 1) * viewport.height + time * speed, static_cast<double>(viewport.height));
        const double sway = rain ? 0.18 * y : 6.0 * std::sin(time * 1.3 + 6.28 * hash01(i, 3));
        const double x = std::fmod(hash01(i, 0) * viewport.width + sway, static_cast<double>(viewport.width));
        const sf::Vector2f p{viewport.left + static_cast<float>(x), viewport.top + static_cast<float>(y)};
        if (rain) overlay.line(p, {p.x + 2.5f, p.y + 13.0f}, 1.2f, colour);
        else overlay.rect({p.x - 1.5f, p.y - 1.5f, 3.0f, 3.0f}, colour);
    }
}

void LightMap::apply(sf::RenderTarget& target, const sf::View& worldView, const sf::FloatRect& viewport,
                     const sf::VertexArray& lights, sf::Color ambient) {
    const sf::Vector2u size{static_cast<unsigned>(std::lround(viewport.width)), static_cast<unsigned>(std::lround(viewport.height))};
    if (size.x == 0 || size.y == 0) return;
    if (size != size_) {
        if (!texture_.create(size.x, size.y)) return;
        size_ = size;
    }
    texture_.clear(ambient);
    sf::View view = worldView;
    view.setViewport({0.0f, 0.0f, 1.0f, 1.0f});
    texture_.setView(view);
    texture_.draw(lights, sf::BlendAdd);
    texture_.display();
    const sf::View previous = target.getView();
    target.setView(target.getDefaultView());
    sf::Sprite sprite(texture_.getTexture());
    sprite.setPosition(viewport.left, viewport.top);
    target.draw(sprite, sf::BlendMultiply);
    target.setView(previous);
}

}  // namespace viz
