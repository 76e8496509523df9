// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/overlay.hpp"

#include <array>
#include <cmath>

#include "sim/units.hpp"
#include "viz/colours.hpp"
#include "viz/text_format.hpp"

namespace viz {

void Overlay::vertex(sf::Vector2f p, sf::Color c) { triangles_.append(sf::Vertex(p, c, font_.whiteTexCoord())); }

void Overlay::triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour) {
    vertex(a, colour);
    vertex(b, colour);
    vertex(c, colour);
}

void Overlay::rect(const sf::FloatRect& r, sf::Color colour) {
    const sf::Vector2f a{r.left, r.top}, b{r.left + r.width, r.top}, c{r.left + r.width, r.top + r.height},
        d{r.left, r.top + r.height};
    triangle(a, b, c, colour);
    triangle(a, c, d, colour);
}

void Overlay::roundedRect(const sf::FloatRect& r, float radius, sf::Color colour) {
    panels_.push_back(r);
    radius = std::min({radius, r.width / 2, r.height / 2});
    rect({r.left + radius, r.top, r.width - 2 * radius, r.height}, colour);
    rect({r.left, r.top + radius, radius, r.height - 2 * radius}, colour);
    rect({r.left + r.width - radius, r.top + radius, radius, r.height - 2 * radius}, colour);
    const std::array<sf::Vector2f, 4> centres = {sf::Vector2f{r.left + radius, r.top + radius},
                                                 {r.left + r.width - radius, r.top + radius},
                                                 {r.left + r.width - radius, r.top + r.height - radius},
                                                 {r.left + radius, r.top + r.height - radius}};
    constexpr int kSteps = 6;
    for (std::size_t corner = 0; corner < 4; ++corner) {
        const float start = static_cast<float>(sim::units::kPi) * (1.0f + 0.5f * static_cast<float>(corner));
        for (int i = 0; i < kSteps; ++i) {
            const float a0 = start + static_cast<float>(sim::units::kPi) / 2 * static_cast<float>(i) / kSteps;
            const float a1 = start + static_cast<float>(sim::units::kPi) / 2 * static_cast<float>(i + 1) / kSteps;
            const sf::Vector2f c = centres[corner];
            triangle(c, {c.x + radius * std::cos(a0), c.y + radius * std::sin(a0)},
                     {c.x + radius * std::cos(a1), c.y + radius * std::sin(a1)}, colour);
        }
    }
}

void Overlay::line(sf::Vector2f a, sf::Vector2f b, float width, sf::Color colour) {
    const sf::Vector2f d = b - a;
    const float len = std::hypot(d.x, d.y);
    if (len <= 0.0f) return;
    const sf::Vector2f n{-d.y / len * width / 2, d.x / len * width / 2};
    triangle(a + n, b + n, b - n, colour);
    triangle(a + n, b - n, a - n, colour);
}

namespace {
constexpr float kPillPadX = 7.0f;
constexpr float kPillPadY = 3.0f;
}  // namespace

void Overlay::text(std::string_view text, sf::Vector2f topLeft, sf::Color colour, TextStyle style) {
    font_.append(triangles_, text, topLeft, colour, style);
    const sf::Vector2f size = font_.measure(text, style);
    texts_.push_back({std::string(text), {topLeft.x, topLeft.y, size.x, size.y}});
}

sf::Vector2f Overlay::pillSize(std::string_view text, TextStyle style) const {
    const sf::Vector2f size = font_.measure(text, style);
    return {size.x + 2 * kPillPadX, size.y + 2 * kPillPadY};
}

sf::FloatRect Overlay::pill(std::string_view label, sf::Vector2f at, Anchor anchor, sf::Color textColour,
                            sf::Color background, TextStyle style) {
    const float padX = kPillPadX;
    const float padY = kPillPadY;
    const sf::Vector2f box = pillSize(label, style);
    sf::Vector2f topLeft = at;
    switch (anchor) {
    case Anchor::TopLeft: break;
    case Anchor::Centre: topLeft = {at.x - box.x / 2, at.y - box.y / 2}; break;
    case Anchor::BottomCentre: topLeft = {at.x - box.x / 2, at.y - box.y}; break;
    case Anchor::TopCentre: topLeft = {at.x - box.x / 2, at.y}; break;
    case Anchor::LeftCentre: topLeft = {at.x, at.y - box.y / 2}; break;
    case Anchor::TopRight: topLeft = {at.x - box.x, at.y}; break;
    case Anchor::BottomLeft: topLeft = {at.x, at.y - box.y}; break;
    }
    topLeft = {std::round(topLeft.x), std::round(topLeft.y)};
    const sf::FloatRect r{topLeft.x, topLeft.y, box.x, box.y};
    roundedRect(r, box.y / 2.5f, background);
    text(label, {topLeft.x + padX, topLeft.y + padY}, textColour, style);
    return r;
}

void Overlay::draw(sf::RenderTarget& target) const {
    const sf::View previous = target.getView();
    target.setView(target.getDefaultView());
    sf::RenderStates states;
    states.texture = &font_.texture();
    target.draw(triangles_, states);
    target.setView(previous);
}

void addScaleBar(Overlay& overlay, const sf::FloatRect& viewport, double pixelsPerMetre, UnitSystem units) {
    // The largest round length that fits in about 160 pixels.
    const double unit = units == UnitSystem::Imperial ? sim::units::kFoot : 1.0;
    static constexpr std::array<double, 14> kSteps = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000};
    double length = kSteps.front();
    for (double step : kSteps)
        if (step * unit * pixelsPerMetre <= 160.0) length = step;
    const auto width = static_cast<float>(length * unit * pixelsPerMetre);
    const sf::Vector2f origin{viewport.left + 18.0f, viewport.top + viewport.height - 22.0f};
    overlay.roundedRect({origin.x - 8, origin.y - 26, width + 16, 36}, 6, palette::kLabelBackground);
    for (int i = 0; i < 4; ++i) {  // alternating segments, as on a map
        const float x0 = origin.x + width * static_cast<float>(i) / 4;
        overlay.rect({x0, origin.y - 3, width / 4, 6}, i % 2 ? sf::Color(30, 30, 30) : sf::Color::White);
    }
    overlay.rect({origin.x, origin.y - 3, width, 1}, sf::Color::White);
    const std::string label = std::to_string(static_cast<int>(length)) + (units == UnitSystem::Imperial ? " ft" : " m");
    overlay.text(label, {origin.x, origin.y - 23}, palette::kPanelText, TextStyle::Small);
}

void addTravelArrow(Overlay& overlay, const sf::FloatRect& viewport) {
    const std::string label = "Direction of travel";
    const sf::Vector2f size = overlay.font().measure(label, TextStyle::Small);
    const float boxW = size.x + 70.0f;
    const sf::Vector2f topLeft{viewport.left + viewport.width - boxW - 14.0f, viewport.top + viewport.height - 46.0f};
    overlay.roundedRect({topLeft.x, topLeft.y, boxW, 34}, 6, palette::kLabelBackground);
    overlay.text(label, {topLeft.x + 10, topLeft.y + 9}, palette::kPanelText, TextStyle::Small);
    const float y = topLeft.y + 17;
    const float x0 = topLeft.x + size.x + 20;
    const float x1 = topLeft.x + boxW - 10;
    overlay.line({x0, y}, {x1 - 8, y}, 3.0f, sf::Color::White);
    overlay.triangle({x1, y}, {x1 - 11, y - 7}, {x1 - 11, y + 7}, sf::Color::White);
}

}  // namespace viz
