// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/figures.hpp"

#include <algorithm>
#include <cmath>

#include "sim/units.hpp"
#include "viz/camera.hpp"
#include "viz/colours.hpp"
#include "viz/shape_builder.hpp"

namespace viz {

namespace {

constexpr double kShoulderWidth = 0.5;  // m, adult shoulder breadth (assumption for drawing)

sf::Color skin() { return {198, 150, 112}; }

/// What a role wears: the torso, a vest or stripes over it, and the head covering.
struct Outfit {
    sf::Color torso;
    sf::Color vest;       // alpha 0: none
    sf::Color stripes;    // reflective bands; alpha 0: none
    sf::Color hat;        // alpha 0: bare head
};

Outfit outfit(sim::PersonRole role) {
    const sf::Color none(0, 0, 0, 0);
    switch (role) {
    case sim::PersonRole::Officer: return {roleColour(role), palette::kHiVis, palette::kReflective, sf::Color(18, 24, 48)};
    case sim::PersonRole::Firefighter: return {roleColour(role), none, palette::kHiVis, sf::Color(200, 20, 30)};
    case sim::PersonRole::TowOperator: return {roleColour(role), none, palette::kReflective, none};
    case sim::PersonRole::Motorist: return {roleColour(role), none, none, none};
    case sim::PersonRole::Other: return {roleColour(role), none, none, none};
    }
    return {roleColour(role), none, none, none};
}

void standing(ShapeBuilder& b, const Placement& at, const Outfit& o) {
    b.ellipse(at, -0.01, 0.25, 0.09, 0.07, o.torso, 10);    // arms
    b.ellipse(at, -0.01, -0.25, 0.09, 0.07, o.torso, 10);
    b.ellipse(at, 0.0, 0.0, 0.14, kShoulderWidth / 2, o.torso, 18);
    if (o.vest.a > 0) b.ellipse(at, 0.0, 0.0, 0.12, 0.19, o.vest, 16);
    if (o.stripes.a > 0) {
        b.rect(at, -0.12, 0.12, 0.12, 0.16, o.stripes);
        b.rect(at, -0.12, -0.16, 0.12, -0.12, o.stripes);
    }
    b.ellipse(at, 0.02, 0.0, 0.11, 0.1, skin(), 14);  // head
    if (o.hat.a > 0) {
        b.ellipse(at, -0.01, 0.0, 0.1, 0.095, o.hat, 14);
        b.ellipse(at, 0.09, 0.0, 0.05, 0.08, o.hat, 10);  // the brim shows the facing
    } else {
        b.ellipse(at, 0.12, 0.0, 0.025, 0.03, shade(skin(), 0.85), 6);  // nose
    }
}

void lying(ShapeBuilder& b, const Placement& at, const Outfit& o) {
    b.ellipse(at, 0.0, 0.0, 0.8, 0.2, o.torso, 18);
    if (o.vest.a > 0) b.ellipse(at, 0.15, 0.0, 0.3, 0.15, o.vest, 14);
    b.ellipse(at, 0.85, 0.0, 0.12, 0.1, skin(), 12);
}

}  // namespace

double figureScale(double pixelsPerMetre) {
    return std::clamp(kFigureMinPixels / (kShoulderWidth * pixelsPerMetre), 1.0, 6.0);
}

void appendPerson(SceneBatches& out, const sim::EntityInfo& info, const sim::EntityState& state, const LampState& lamps,
                  double pixelsPerMetre) {
    if (!(state.flags & sim::kOnFoot) && !(state.flags & sim::kStruck)) return;  // inside a unit: hidden
    const double scale = figureScale(pixelsPerMetre);
    const Placement at(state.pose, scale);
    const Outfit o = outfit(info.personRole);
    const bool struck = (state.flags & sim::kStruck) != 0;
    ShapeBuilder b(out.bodies);
    // A ground ring in the role's colour: finds the person at a glance and reads at any zoom. It is
    // a marker, not a thing on the road, so at night it stays lit (the figure itself does not).
    ShapeBuilder marker(lamps.dark ? out.emissive : out.bodies);
    const sf::Vector2f centre = toScene(state.pose.position);
    const float ring = static_cast<float>(0.42 * scale);
    ShapeBuilder(out.shadows).radial(centre, ring * 1.25f, sf::Color(0, 0, 0, 90), sf::Color(0, 0, 0, 0), 18);
    b.radial(centre, ring, withAlpha(roleColour(info.personRole), 0.35), withAlpha(roleColour(info.personRole), 0.35), 28);
    const sf::Color rim = struck ? palette::kStrike : sf::Color(255, 255, 255, lamps.dark ? 170 : 230);
    marker.ring(centre, ring, static_cast<float>(0.06 * scale), rim, 28);
    // The facing: a small wedge on the ground ahead of the person.
    const sim::Vec2 wedge[3] = {{0.5, 0.0}, {0.36, 0.1}, {0.36, -0.1}};
    marker.polygon(at, wedge, rim);
    if (struck) lying(b, at, o);
    else standing(b, at, o);
    if (lamps.dark && o.stripes.a > 0) {
        // Retroreflective bands catch headlights: a faint glow keeps them visible at night.
        ShapeBuilder(out.halos).radial(centre, ring, sf::Color(200, 220, 120, 40), sf::Color(0, 0, 0, 0), 14);
    }
}

void appendCone(SceneBatches& out, const sim::EntityState& state, double pixelsPerMetre) {
    // 28 in cone: a 14 in square base, a reflective collar (MUTCD 6F.64), seen from above.
    const double scale = std::clamp(9.0 / (0.36 * pixelsPerMetre), 1.0, 4.0);
    const Placement at(state.pose, scale);
    ShapeBuilder b(out.bodies);
    b.rect(at, -0.18, -0.18, 0.18, 0.18, shade(palette::kConeOrange, 0.55));
    b.ellipse(at, 0.0, 0.0, 0.14, 0.14, palette::kConeOrange, 12);
    b.ring(toScene(state.pose.position), static_cast<float>(0.085 * scale), static_cast<float>(0.04 * scale),
           sf::Color(245, 245, 245), 12);
    b.ellipse(at, 0.0, 0.0, 0.04, 0.04, shade(palette::kConeOrange, 1.1), 8);
}

void appendFlare(SceneBatches& out, const sim::EntityState& state, double time, const LampState& lamps, double pixelsPerMetre) {
    // A fusee burns with a flicker; the phase comes from the frame time and the position so that
    // neighbouring flares do not pulse together, and exports stay deterministic.
    const double phase = state.pose.position.x * 0.37 + state.pose.position.y * 1.3;
    const double flicker = 0.8 + 0.2 * std::sin(time * 23.0 + phase) * std::sin(time * 7.0 + 2.0 * phase);
    const sf::Vector2f centre = toScene(state.pose.position);
    const float size = static_cast<float>(std::max(0.12, 4.0 / pixelsPerMetre));
    ShapeBuilder(out.emissive).radial(centre, size, sf::Color(255, 240, 200), sf::Color(255, 60, 30), 10);
    const auto a = static_cast<sf::Uint8>(160.0 * flicker);
    ShapeBuilder(out.halos).radial(centre, lamps.dark ? 4.0f : 1.6f, sf::Color(255, 70, 30, a), sf::Color(255, 40, 0, 0), 16);
    if (lamps.dark) {
        const auto l = static_cast<sf::Uint8>(130.0 * flicker);
        ShapeBuilder(out.lights).radial(centre, 9.0f, sf::Color(l, static_cast<sf::Uint8>(l / 3), 0), sf::Color::Black, 18);
    }
}

}  // namespace viz
