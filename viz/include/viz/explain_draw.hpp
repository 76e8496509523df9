// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <vector>

#include <SFML/Graphics/Rect.hpp>

#include "viz/frame_source.hpp"
#include "viz/overlay.hpp"
#include "viz/view_state.hpp"

/// What the picture says, in words, about why things happened: the strike cards (who was struck,
/// by what, how fast, what the driver was doing), the label on the striking vehicle, strike
/// labels placed clear of the vehicles, the legend of the overlays, and the note that side by
/// side the traffic has stopped being the same. Everything is in screen pixels on an Overlay.
namespace viz {

/// s before a strike from which the picture tells it ("In 3.0 s: Officer struck …") and labels
/// the vehicle that will strike: the default picture (3 s before) and clip (6 s before) see it.
inline constexpr double kForeshadow = 10.0;

/// Pixel boxes of the vehicles, units and people in `frame`: what labels must not cover.
std::vector<sf::FloatRect> bodyBoxes(const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                                     const sf::FloatRect& viewport);

/// The top-left corner for a box of `size` next to the `anchor` box (below, above, right, left,
/// then further out) that covers none of `avoid` and stays in the viewport; the least covering
/// one when none is clear.
sf::Vector2f placeClear(const sf::FloatRect& anchor, sf::Vector2f size, const std::vector<sf::FloatRect>& avoid,
                        const sf::FloatRect& viewport);

/// "Officer struck · 49 mph" at each strike marker so far, placed clear of the vehicles and people
/// (and of each other).
void addStrikeLabels(Overlay& o, const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                     const sf::FloatRect& viewport);

/// A label over the vehicle behind the next strike (within kForeshadow) or a strike just past:
/// its kind and what its driver is doing at this instant ("Tractor-trailer · eyes off the road").
void addStrikerLabel(Overlay& o, const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                     const sf::FloatRect& viewport);

/// The strike cards, top right from `top` down: each strike so far and the next one within
/// kForeshadow. The strike the picture is about (view.focusStrike, else the one nearest in time)
/// says what struck and what its driver was doing; the others give their headline. Returns the
/// y below the last card.
float addStrikeCards(Overlay& o, const FrameSource& source, const ViewState& view, const sf::FloatRect& viewport, float top);

/// Which overlays are on the picture now: the legend explains those, and only those.
struct LegendNeeds {
    bool glow = false;       ///< an eyes-off glow round a vehicle
    bool markers = false;    ///< a strike or collision marker
    bool band = false;       ///< the detection band
    bool trails = false;
    bool clearance = false;  ///< a gap line from a person to a passing vehicle
};

/// The legend of the overlays on the picture, bottom left above the scale bar.
void addLegend(Overlay& o, const ViewState& view, const sf::FloatRect& viewport, const LegendNeeds& needs);

/// Side by side, from `since` (s) on, in run B's picture: "Traffic differs from A since 2:14.6:
/// its drivers react to this tactic".
std::string divergenceNote(double since);

}  // namespace viz
