// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include "viz/label_font.hpp"
#include "viz/view_state.hpp"

/// What is drawn over the scene in screen pixels: labels on pills, the scale bar, the direction
/// of travel, the caption. One vertex array and one texture (the label font's), one draw call.
namespace viz {

enum class Anchor { TopLeft, Centre, BottomCentre, TopCentre, LeftCentre, TopRight, BottomLeft };

/// A line of text drawn on the scene and where: what a person reads on the picture (the tests
/// read it too).
struct PlacedText {
    std::string text;
    sf::FloatRect box;  ///< pixels
};

class Overlay {
public:
    explicit Overlay(const LabelFont& font) : font_(font) {}

    void clear() {
        triangles_.clear();
        texts_.clear();
        panels_.clear();
    }
    void rect(const sf::FloatRect& r, sf::Color colour);
    void roundedRect(const sf::FloatRect& r, float radius, sf::Color colour);
    void line(sf::Vector2f a, sf::Vector2f b, float width, sf::Color colour);
    void triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour);
    void text(std::string_view text, sf::Vector2f topLeft, sf::Color colour, TextStyle style);
    /// A label on a rounded background, placed by `anchor` at `at`; returns its box.
    sf::FloatRect pill(std::string_view text, sf::Vector2f at, Anchor anchor, sf::Color textColour, sf::Color background,
                       TextStyle style = TextStyle::Body);
    /// The size of pill(text, …, style) in pixels.
    sf::Vector2f pillSize(std::string_view text, TextStyle style) const;
    const LabelFont& font() const { return font_; }
    /// Every text added since clear(), in order.
    const std::vector<PlacedText>& texts() const { return texts_; }
    /// Every label background, card and box (rounded rectangles) added since clear(): where a
    /// new label must not go.
    const std::vector<sf::FloatRect>& panels() const { return panels_; }

    /// Draws everything added so far in pixel coordinates of `target`.
    void draw(sf::RenderTarget& target) const;

private:
    void vertex(sf::Vector2f p, sf::Color c);

    const LabelFont& font_;
    sf::VertexArray triangles_{sf::Triangles};
    std::vector<PlacedText> texts_;
    std::vector<sf::FloatRect> panels_;
};

/// A scale bar of a round length (10 ft, 50 ft, 200 ft… or metres) in the bottom-left corner.
void addScaleBar(Overlay& overlay, const sf::FloatRect& viewport, double pixelsPerMetre, UnitSystem units);
/// "Direction of travel" with an arrow, in the bottom-right corner.
void addTravelArrow(Overlay& overlay, const sf::FloatRect& viewport);

}  // namespace viz
