// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/road_draw.hpp"

#include <algorithm>
#include <cmath>

#include "sim/units.hpp"
#include "viz/colours.hpp"
#include "viz/shape_builder.hpp"

namespace viz {

namespace {

using sim::units::kFoot;

// MUTCD 3A.06 / 3B.04: broken lane lines are 10 ft segments with 30 ft gaps; normal lines are
// 4-6 in wide (6 in drawn: freeways commonly use the wider line).
constexpr double kDash = 10.0 * kFoot;
constexpr double kDashPeriod = 40.0 * kFoot;
constexpr double kLineWidth = 6.0 / 12.0 * kFoot;
// AASHTO Green Book: inside shoulders of 4 ft on 4-lane freeways, 10 ft with 3+ lanes each way.
constexpr double kInsideShoulderNarrow = 4.0 * kFoot;
constexpr double kInsideShoulderWide = 10.0 * kFoot;

struct Strip {
    ShapeBuilder& b;
    double s0, s1;
    /// A band along the road between d0 and d1 over the visible s range.
    void band(double d0, double d1, sf::Color c) const {
        b.quad(toScene({s0, d0}), toScene({s1, d0}), toScene({s1, d1}), toScene({s0, d1}), c);
    }
};

/// Line width on screen: at least 1.3 pixels, so that markings survive zooming out.
double lineWidth(double pixelsPerMetre) { return std::max(kLineWidth, 1.3 / pixelsPerMetre); }

void dashedLine(ShapeBuilder& b, double d, double s0, double s1, double width, sf::Color c) {
    const double first = std::floor(s0 / kDashPeriod) * kDashPeriod;
    for (double s = first; s < s1; s += kDashPeriod)
        b.quad(toScene({s, d - width / 2}), toScene({s + kDash, d - width / 2}), toScene({s + kDash, d + width / 2}),
               toScene({s, d + width / 2}), c);
}

void rumbleStrips(ShapeBuilder& b, double s0, double s1, sf::Color c) {
    // Shoulder rumble strips: 7 in grooves every 12 in, 16 in long, set 6 in off the edge line
    // (FHWA Technical Advisory T 5040.39, typical milled pattern).
    const double pitch = 1.0 * kFoot;
    const double d0 = -0.5 * kFoot - 16.0 / 12.0 * kFoot;
    const double d1 = -0.5 * kFoot;
    for (double s = std::floor(s0 / pitch) * pitch; s < s1; s += pitch)
        b.quad(toScene({s, d0}), toScene({s + 7.0 / 12.0 * kFoot, d0}), toScene({s + 7.0 / 12.0 * kFoot, d1}),
               toScene({s, d1}), c);
}

void guardrail(ShapeBuilder& b, double d, double s0, double s1, double pixelsPerMetre) {
    // W-beam on posts every 6 ft 3 in (AASHTO Roadside Design Guide, strong-post W-beam).
    const double beam = std::max(0.3, 2.0 / pixelsPerMetre);
    if (pixelsPerMetre >= 4.0) {
        const double spacing = 6.25 * kFoot;
        for (double s = std::floor(s0 / spacing) * spacing; s < s1; s += spacing)
            b.quad(toScene({s, d - 0.25}), toScene({s + 0.15, d - 0.25}), toScene({s + 0.15, d + 0.05}),
                   toScene({s, d + 0.05}), palette::kGuardrailPost);
    }
    b.quad(toScene({s0, d}), toScene({s1, d}), toScene({s1, d + beam}), toScene({s0, d + beam}), palette::kGuardrail);
    b.quad(toScene({s0, d + beam * 0.4}), toScene({s1, d + beam * 0.4}), toScene({s1, d + beam * 0.6}),
           toScene({s0, d + beam * 0.6}), shade(palette::kGuardrail, 0.8));
}

}  // namespace

RoadLayout roadLayout(const sim::Road& road) {
    RoadLayout l;
    l.rightShoulderOuter = -road.shoulderWidth;
    l.leftEdge = road.lanes * road.laneWidth;
    l.leftShoulderOuter = l.leftEdge + (road.lanes >= 3 ? kInsideShoulderWide : kInsideShoulderNarrow);
    l.guardrail = l.rightShoulderOuter - road.guardrailOffset;
    return l;
}

RoadColours roadColours(const sim::Environment& env) {
    RoadColours c{palette::kAsphalt, palette::kTyreTrack, palette::kShoulder, palette::kGrass, palette::kGravel};
    switch (env.surface) {
    case sim::Surface::Dry: break;
    case sim::Surface::Wet: c = {{42, 45, 50}, {36, 38, 43}, {62, 63, 64}, {70, 92, 58}, {96, 90, 80}}; break;
    case sim::Surface::Snow: c = {{128, 131, 138}, {86, 88, 94}, {222, 225, 230}, {236, 238, 242}, {214, 216, 220}}; break;
    case sim::Surface::Ice: c = {{74, 82, 94}, {66, 72, 84}, {112, 120, 132}, {200, 208, 216}, {150, 156, 164}}; break;
    }
    return c;
}

void appendRoad(sf::VertexArray& ground, const sim::Road& road, const sim::Environment& env, const WorldBox& visible,
                double pixelsPerMetre) {
    ShapeBuilder b(ground);
    const double s0 = visible.sMin - 5.0;
    const double s1 = visible.sMax + 5.0;
    const Strip strip{b, s0, s1};
    const RoadLayout l = roadLayout(road);
    const RoadColours c = roadColours(env);
    // The verge reaches past whatever is visible, however far the camera is zoomed out.
    const double verge = std::max(60.0, std::max(l.rightShoulderOuter - visible.dMin, visible.dMax - l.leftShoulderOuter) + 10.0);
    strip.band(l.rightShoulderOuter - verge, l.rightShoulderOuter - 0.6, c.verge);
    strip.band(l.rightShoulderOuter - 0.6, l.rightShoulderOuter, c.gravel);
    strip.band(l.rightShoulderOuter, 0.0, c.shoulder);
    strip.band(0.0, l.leftEdge, c.asphalt);
    strip.band(l.leftEdge, l.leftShoulderOuter, c.shoulder);
    strip.band(l.leftShoulderOuter, l.leftShoulderOuter + 0.5, c.gravel);
    strip.band(l.leftShoulderOuter + 0.5, l.leftShoulderOuter + verge, c.verge);  // the median
    for (int lane = 0; lane < road.lanes; ++lane) {  // worn wheel paths
        const double centre = (lane + 0.5) * road.laneWidth;
        strip.band(centre - 1.05, centre - 0.55, c.track);
        strip.band(centre + 0.55, centre + 1.05, c.track);
    }
    if (pixelsPerMetre >= 8.0) rumbleStrips(b, s0, s1, shade(c.shoulder, 0.8));
    const double w = lineWidth(pixelsPerMetre);
    for (int i = 1; i < road.lanes; ++i) dashedLine(b, i * road.laneWidth, s0, s1, w, palette::kLaneWhite);
    strip.band(-w / 2, w / 2, palette::kLaneWhite);                           // right edge: white
    strip.band(l.leftEdge - w / 2, l.leftEdge + w / 2, palette::kEdgeYellow);  // left edge: yellow (divided road)
    if (road.guardrail) guardrail(b, l.guardrail, s0, s1, pixelsPerMetre);
}

}  // namespace viz
