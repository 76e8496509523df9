// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] placing labels clear of the vehicles, [2] strike labels and the striker's label,
// [3] strike cards, [4] the legend, [5] the divergence note.
#include "viz/explain_draw.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "sim/units.hpp"
#include "viz/camera.hpp"
#include "viz/colours.hpp"
#include "viz/strike_story.hpp"
#include "viz/text_format.hpp"

namespace viz {

namespace {

constexpr double kMarkerPixels = 26.0;  // the strike marker's radius on screen (scene_draw's star)

float overlap(const sf::FloatRect& a, const sf::FloatRect& b) {
    sf::FloatRect i;
    return a.intersects(b, i) ? i.width * i.height : 0.0f;
}

float markerRadius(const ViewState& view) {
    return static_cast<float>(std::max(1.6, kMarkerPixels / view.camera.pixelsPerMetre) * view.camera.pixelsPerMetre);
}

std::string secondsText(double s) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f s", s);
    return buffer;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [1] Placing labels clear of the vehicles
// ---------------------------------------------------------------------------------------------

std::vector<sf::FloatRect> bodyBoxes(const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                                     const sf::FloatRect& viewport) {
    std::vector<sf::FloatRect> out;
    const auto& entities = source.entities();
    for (const sim::EntityState& e : frame.entities) {
        if (e.entity >= entities.size()) continue;
        const sim::EntityInfo& info = entities[e.entity];
        if (info.kind != sim::EntityKind::TrafficVehicle && info.kind != sim::EntityKind::Unit && info.kind != sim::EntityKind::Person)
            continue;
        const sim::Vec2 axis = sim::direction(e.pose.heading);
        const sim::Vec2 side = sim::leftNormal(axis);
        float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
        for (const double a : {-0.5, 0.5})
            for (const double b : {-0.5, 0.5}) {
                const sf::Vector2f p =
                    worldToPixel(view.camera, viewport, e.pose.position + (a * info.length) * axis + (b * info.width) * side);
                x0 = std::min(x0, p.x);
                y0 = std::min(y0, p.y);
                x1 = std::max(x1, p.x);
                y1 = std::max(y1, p.y);
            }
        constexpr float kMargin = 3.0f;  // a label touching a car reads as covering it
        const sf::FloatRect box{x0 - kMargin, y0 - kMargin, x1 - x0 + 2 * kMargin, y1 - y0 + 2 * kMargin};
        if (box.intersects(viewport)) out.push_back(box);
    }
    return out;
}

sf::Vector2f placeClear(const sf::FloatRect& anchor, sf::Vector2f size, const std::vector<sf::FloatRect>& avoid,
                        const sf::FloatRect& viewport) {
    const float cx = anchor.left + anchor.width / 2, cy = anchor.top + anchor.height / 2;
    const float top = anchor.top, bottom = anchor.top + anchor.height, left = anchor.left, right = anchor.left + anchor.width;
    std::vector<sf::Vector2f> candidates;
    for (const float g : {6.0f, 26.0f, 60.0f, 110.0f}) {
        candidates.push_back({cx - size.x / 2, bottom + g});            // below
        candidates.push_back({cx - size.x / 2, top - g - size.y});      // above
        candidates.push_back({right + g, cy - size.y / 2});             // right
        candidates.push_back({left - g - size.x, cy - size.y / 2});     // left
        candidates.push_back({right + g, bottom + g});                  // below right
        candidates.push_back({left - g - size.x, top - g - size.y});    // above left
    }
    sf::Vector2f best = candidates.front();
    float bestCost = 1e30f;
    for (const sf::Vector2f& c : candidates) {
        const sf::FloatRect box{c.x, c.y, size.x, size.y};
        float cost = 0.0f;
        for (const sf::FloatRect& r : avoid) cost += overlap(box, r);
        // Outside the picture is worse than covering a little.
        const float inside = overlap(box, viewport);
        cost += 4.0f * (size.x * size.y - inside);
        if (cost < bestCost) {
            bestCost = cost;
            best = c;
        }
        if (cost <= 0.0f) break;
    }
    return {std::round(best.x), std::round(best.y)};
}

// ---------------------------------------------------------------------------------------------
// [2] Strike labels and the striker's label
// ---------------------------------------------------------------------------------------------

namespace {

/// What a new label must not cover: the vehicles and people, and every label and card so far.
std::vector<sf::FloatRect> occupied(const Overlay& o, const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                                    const sf::FloatRect& viewport) {
    std::vector<sf::FloatRect> out = bodyBoxes(source, frame, view, viewport);
    out.insert(out.end(), o.panels().begin(), o.panels().end());
    for (const PlacedText& t : o.texts()) out.push_back(t.box);
    return out;
}

sf::Vector2f clampTo(const sf::FloatRect& r, sf::Vector2f p) {
    return {std::clamp(p.x, r.left, r.left + r.width), std::clamp(p.y, r.top, r.top + r.height)};
}

/// A label on a pill at `at`, with a leader line to what it names when it had to go further
/// than next to it. Returns its box.
sf::FloatRect labelWithLeader(Overlay& o, const std::string& text, sf::Vector2f at, const sf::FloatRect& anchor, sf::Color ink,
                              sf::Color background) {
    const sf::Vector2f size = o.pillSize(text, TextStyle::Bold);
    const sf::FloatRect box{at.x, at.y, size.x, size.y};
    const sf::Vector2f centre{anchor.left + anchor.width / 2, anchor.top + anchor.height / 2};
    const sf::Vector2f from = clampTo(box, centre);
    const sf::Vector2f to = clampTo(anchor, from);
    if (std::hypot(from.x - to.x, from.y - to.y) > 12.0f) o.line(from, to, 2.0f, background);
    return o.pill(text, at, Anchor::TopLeft, ink, background, TextStyle::Bold);
}

}  // namespace

void addStrikeLabels(Overlay& o, const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                     const sf::FloatRect& viewport) {
    std::vector<sf::FloatRect> avoid = occupied(o, source, frame, view, viewport);
    const float r = markerRadius(view) * 0.8f;
    for (const sim::Event& e : source.events()) {
        if (e.time > view.time) break;
        if (e.kind != sim::EventKind::Strike) continue;
        const sf::Vector2f p = worldToPixel(view.camera, viewport, e.position);
        if (!viewport.contains(p)) continue;
        const std::string text = tellStrike(source, e, view.units).headline;
        const sf::Vector2f size = o.pillSize(text, TextStyle::Bold);
        const sf::FloatRect marker{p.x - r, p.y - r, 2 * r, 2 * r};
        const sf::Vector2f at = placeClear(marker, size, avoid, viewport);
        avoid.push_back(labelWithLeader(o, text, at, marker, sf::Color::White, withAlpha(palette::kStrike, 0.92)));
    }
}

void addStrikerLabel(Overlay& o, const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                     const sf::FloatRect& viewport) {
    constexpr double kAfter = 3.0;  // s after a strike its striker stays labelled
    for (const sim::Event& e : source.events()) {
        if (e.kind != sim::EventKind::Strike || e.time < view.time - kAfter) continue;
        if (e.time > view.time + kForeshadow) break;
        const sim::Strike* strike = strikeOf(source, e);
        const auto entity = strike ? strikerEntity(source, *strike) : std::nullopt;
        const sim::EntityState* state = entity ? findEntity(frame, *entity) : nullptr;
        if (!state) continue;
        const sim::EntityInfo& info = source.entities()[*entity];
        std::string text = displayName(info.vehicleKind);
        if (state->flags & sim::kEyesOff) text += " · eyes off the road";
        if (state->flags & sim::kBraking) text += " · braking";
        if (!(state->flags & sim::kDetected)) text += " · has not seen the scene";
        // "officer struck in 2.0 s": true whether it strikes them or pushes a unit into them.
        if (e.time > view.time && e.subject < source.entities().size()) {
            std::string who = displayName(source.entities()[e.subject].personRole);
            who[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(who[0])));
            text += " · " + who + " struck in " + secondsText(e.time - view.time);
        }
        const sf::Vector2f p = worldToPixel(view.camera, viewport, state->pose.position);
        if (!viewport.contains(p)) return;
        const std::vector<sf::FloatRect> avoid = occupied(o, source, frame, view, viewport);
        const float half = static_cast<float>(info.width / 2 * view.camera.pixelsPerMetre);  // the vehicle's own box, roughly
        const float along = static_cast<float>(info.length / 2 * view.camera.pixelsPerMetre);
        const sf::Vector2f size = o.pillSize(text, TextStyle::Bold);
        const sf::FloatRect vehicle{p.x - along, p.y - half, 2 * along, 2 * half};
        labelWithLeader(o, text, placeClear(vehicle, size, avoid, viewport), vehicle, sf::Color(24, 18, 0), withAlpha(palette::kAmber, 0.95));
        return;  // one striker at a time: the next or the latest
    }
}

// ---------------------------------------------------------------------------------------------
// [3] Strike cards
// ---------------------------------------------------------------------------------------------

namespace {

/// Phrases joined with " · " into lines no wider than `width`.
std::vector<std::string> joinedLines(const LabelFont& font, const std::vector<std::string>& phrases, TextStyle style, float width) {
    std::vector<std::string> lines;
    for (const std::string& p : phrases) {
        if (!lines.empty() && font.measure(lines.back() + " · " + p, style).x <= width) lines.back() += " · " + p;
        else lines.push_back(p);
    }
    return lines;
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

/// One card: the header on red, then (in full) what struck and what its driver was doing.
/// Returns its bottom.
float addCard(Overlay& o, float right, float top, const std::string& header, const StrikeStory& story, float maxWidth, bool upcoming,
              bool full) {
    const sf::Color headerBg = upcoming ? sf::Color(150, 24, 30, 235) : withAlpha(palette::kStrike, 0.95);
    const sf::FloatRect head = o.pill(header, {right, top}, Anchor::TopRight, sf::Color::White, headerBg, TextStyle::Bold);
    if (!full) return head.top + head.height;
    std::vector<std::string> lines;
    if (!story.by.empty()) lines = joinedLines(o.font(), {story.by}, TextStyle::Small, maxWidth);
    if (!story.driver.empty()) {
        std::vector<std::string> driver = story.driver;
        driver.front() = "Driver: " + driver.front();
        for (std::string& l : joinedLines(o.font(), driver, TextStyle::Small, maxWidth)) lines.push_back(capitalised(l));
    }
    if (lines.empty()) return head.top + head.height;
    constexpr float kLine = 19.0f, kPad = 7.0f;
    float width = 0.0f;
    for (const std::string& l : lines) width = std::max(width, o.font().measure(l, TextStyle::Small).x);
    const sf::FloatRect box{right - width - 2 * kPad, head.top + head.height + 2.0f, width + 2 * kPad,
                            kLine * static_cast<float>(lines.size()) + 2 * kPad - 4.0f};
    o.roundedRect(box, 6.0f, palette::kLabelBackground);
    for (std::size_t i = 0; i < lines.size(); ++i)
        o.text(lines[i], {box.left + kPad, box.top + kPad - 2.0f + kLine * static_cast<float>(i)},
               i == 0 && !story.by.empty() ? sf::Color::White : sf::Color(255, 214, 140), TextStyle::Small);
    return box.top + box.height;
}

}  // namespace

float addStrikeCards(Overlay& o, const FrameSource& source, const ViewState& view, const sf::FloatRect& viewport, float top) {
    constexpr std::size_t kMostCards = 3;  // the latest; a pushed unit can strike several people
    const float right = viewport.left + viewport.width - 12.0f;
    const float maxWidth = std::min(560.0f, viewport.width * 0.42f);
    std::vector<const sim::Event*> past;
    const sim::Event* next = nullptr;
    for (const sim::Event& e : source.events()) {
        if (e.kind != sim::EventKind::Strike) continue;
        if (e.time <= view.time) past.push_back(&e);
        else if (e.time <= view.time + kForeshadow) {
            next = &e;
            break;
        } else {
            break;
        }
    }
    float y = top;
    if (past.size() > kMostCards) {
        const std::string earlier = std::to_string(past.size() - kMostCards) + " earlier strike" + (past.size() - kMostCards > 1 ? "s" : "") +
                                    " (Events tab)";
        y = o.pill(earlier, {right, y}, Anchor::TopRight, sf::Color::White, withAlpha(palette::kStrike, 0.8), TextStyle::Small).top;
        y += 26.0f;
        past.erase(past.begin(), past.end() - static_cast<std::ptrdiff_t>(kMostCards));
    }
    // The card told in full: the focus if shown, else the strike nearest in time.
    std::vector<const sim::Event*> shown = past;
    if (next) shown.push_back(next);
    const sim::Event* full = nullptr;
    for (const sim::Event* e : shown) {
        if (view.focusStrike && static_cast<std::size_t>(e - source.events().data()) == *view.focusStrike) {
            full = e;
            break;
        }
        if (!full || std::abs(e->time - view.time) < std::abs(full->time - view.time)) full = e;
    }
    for (const sim::Event* e : shown) {
        const StrikeStory story = tellStrike(source, *e, view.units);
        const bool upcoming = e == next;
        const std::string header = upcoming ? "In " + secondsText(e->time - view.time) + ": " + story.headline
                                            : story.headline + " at " + formatClock(e->time);
        y = addCard(o, right, y, header, story, maxWidth, upcoming, e == full) + 6.0f;
    }
    return y;
}

// ---------------------------------------------------------------------------------------------
// [4] The legend
// ---------------------------------------------------------------------------------------------

namespace {

enum class Swatch { Glow, Line, Band, Star };

struct LegendEntry {
    Swatch swatch;
    std::vector<sf::Color> colours;  // one per segment of the swatch
    std::string text;
};

void drawSwatch(Overlay& o, const LegendEntry& e, sf::FloatRect r) {
    const sf::Vector2f c{r.left + r.width / 2, r.top + r.height / 2};
    switch (e.swatch) {
    case Swatch::Glow:
        for (int i = 4; i >= 1; --i) {
            const float k = static_cast<float>(i) / 4.0f;
            o.roundedRect({c.x - r.width / 2 * k, c.y - r.height / 2 * k, r.width * k, r.height * k}, r.height / 2 * k,
                          withAlpha(e.colours.front(), 0.25 + 0.15 * (4 - i)));
        }
        o.roundedRect({c.x - 7, c.y - 3.5f, 14, 7}, 2, sf::Color(200, 200, 200));  // the car inside the glow
        return;
    case Swatch::Line: {
        const float part = r.width / static_cast<float>(e.colours.size());
        for (std::size_t i = 0; i < e.colours.size(); ++i)
            o.line({r.left + part * static_cast<float>(i), c.y}, {r.left + part * static_cast<float>(i + 1), c.y}, 3.5f, e.colours[i]);
        return;
    }
    case Swatch::Band: o.rect({c.x - 5, r.top, 10, r.height}, withAlpha(e.colours.front(), 0.85)); return;
    case Swatch::Star:
        for (std::size_t i = 0; i < e.colours.size(); ++i) {
            const sf::Vector2f s{r.left + 7 + 16 * static_cast<float>(i), c.y};
            constexpr int kPoints = 8;
            for (int k = 0; k < kPoints; ++k) {
                const float a0 = static_cast<float>(2 * sim::units::kPi * k / kPoints);
                const float a1 = static_cast<float>(2 * sim::units::kPi * (k + 0.5) / kPoints);
                const float a2 = static_cast<float>(2 * sim::units::kPi * (k + 1) / kPoints);
                o.triangle(s, {s.x + 7 * std::cos(a0), s.y + 7 * std::sin(a0)}, {s.x + 3 * std::cos(a1), s.y + 3 * std::sin(a1)}, e.colours[i]);
                o.triangle(s, {s.x + 3 * std::cos(a1), s.y + 3 * std::sin(a1)}, {s.x + 7 * std::cos(a2), s.y + 7 * std::sin(a2)}, e.colours[i]);
            }
        }
        return;
    }
}

}  // namespace

void addLegend(Overlay& o, const ViewState& view, const sf::FloatRect& viewport, const LegendNeeds& needs) {
    const UnitSystem u = view.units;
    std::vector<LegendEntry> entries;
    if (needs.glow) entries.push_back({Swatch::Glow, {sf::Color(255, 150, 0)}, "Orange glow: the driver's eyes are off the road"});
    if (needs.markers)
        entries.push_back({Swatch::Star, {palette::kStrike, palette::kCollision}, "Strike on a person · collision between vehicles"});
    if (needs.trails)
        entries.push_back({Swatch::Line, {sf::Color(220, 230, 255), sf::Color(255, 150, 0), sf::Color(255, 60, 60)},
                           "Trails, last " + formatDuration(view.trailSeconds) + ": orange while looking away, red while braking"});
    if (needs.band) entries.push_back({Swatch::Band, {palette::kDetection}, "Amber band: where drivers detect the scene"});
    if (needs.clearance)
        entries.push_back({Swatch::Line, {palette::kStrike, palette::kAmber, sf::Color(240, 240, 240)},
                           "Gap to a passing vehicle: red under " + formatDistance(1.0, u) + ", amber under " + formatDistance(2.0, u)});
    if (entries.empty()) return;
    constexpr float kLine = 21.0f, kSwatch = 34.0f, kPad = 8.0f;
    float width = 0.0f;
    for (const LegendEntry& e : entries) width = std::max(width, o.font().measure(e.text, TextStyle::Small).x);
    const float height = kLine * static_cast<float>(entries.size()) + 2 * kPad - 4.0f;
    // Above the scale bar (36 px high, 22 px from the bottom).
    const sf::FloatRect box{viewport.left + 10.0f, viewport.top + viewport.height - 54.0f - height, width + kSwatch + 2 * kPad + 8.0f, height};
    o.roundedRect(box, 6.0f, palette::kLabelBackground);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const float y = box.top + kPad + kLine * static_cast<float>(i);
        drawSwatch(o, entries[i], {box.left + kPad, y + 1.0f, kSwatch, 13.0f});
        o.text(entries[i].text, {box.left + kPad + kSwatch + 8.0f, y - 1.0f}, palette::kPanelText, TextStyle::Small);
    }
}

// ---------------------------------------------------------------------------------------------
// [5] The divergence note
// ---------------------------------------------------------------------------------------------

std::string divergenceNote(double since) {
    return "Traffic differs from A since " + formatClock(since) + ": its drivers react to this tactic";
}

}  // namespace viz
