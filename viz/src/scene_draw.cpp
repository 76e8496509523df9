// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The scene of one run at one instant. Built every frame into a few vertex arrays (road, overlays,
// shadows, bodies, markers, fog, lights, lamps), then drawn in that order: the light map darkens
// everything drawn before it, lamps drawn after it stay bright.
//
// Contents: [1] what goes on the road (detection band, trails), [2] entities, [3] markers and
// clearance, [4] labels and caption, [5] drawing, [6] camera helpers.
#include "viz/scene_draw.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/units.hpp"
#include "viz/camera.hpp"
#include "viz/colours.hpp"
#include "viz/explain_draw.hpp"
#include "viz/figures.hpp"
#include "viz/road_draw.hpp"
#include "viz/shape_builder.hpp"
#include "viz/text_format.hpp"
#include "viz/vehicle_shapes.hpp"

namespace viz {

namespace {

constexpr double kCullMargin = 30.0;     // m: the longest vehicle and its beam still show at the edge
constexpr double kClearanceShown = 3.0;  // m: closer passes get a dimension line
constexpr double kMovingSpeed = 1.0;     // m/s: slower vehicles are not "passing"

bool isVehicle(sim::EntityKind k) { return k == sim::EntityKind::TrafficVehicle || k == sim::EntityKind::Unit; }

bool inBox(const WorldBox& box, sim::Vec2 p, double margin) {
    return p.x >= box.sMin - margin && p.x <= box.sMax + margin && p.y >= box.dMin - margin && p.y <= box.dMax + margin;
}

// ---------------------------------------------------------------------------------------------
// [1] What goes on the road
// ---------------------------------------------------------------------------------------------

/// s of the place where approaching drivers detect the scene.
double detectionS(const FrameSource& source) {
    return sceneExtent(source).sMin - source.detectionDistance();
}

void appendDetectionBand(sf::VertexArray& out, const FrameSource& source) {
    if (source.detectionDistance() <= 0.0) return;
    const RoadLayout l = roadLayout(source.scenario().road);
    const double s = detectionS(source);
    ShapeBuilder b(out);
    const auto band = [&](double s0, double s1, sf::Color c) {
        b.quad(toScene({s0, l.rightShoulderOuter}), toScene({s1, l.rightShoulderOuter}), toScene({s1, l.leftEdge}),
               toScene({s0, l.leftEdge}), c);
    };
    band(s - 6.0, s + 6.0, withAlpha(palette::kDetection, 0.22));
    band(s - 0.3, s + 0.3, withAlpha(palette::kDetection, 0.85));
    // A faint wash from the band to the scene: the stretch in which drivers know it is there.
    const double sceneStart = sceneExtent(source).sMin;
    const sf::Color a = withAlpha(palette::kDetection, 0.10);
    const sf::Color z = withAlpha(palette::kDetection, 0.0);
    const sf::Vertex wash[6] = {{toScene({s + 6.0, l.rightShoulderOuter}), a}, {toScene({sceneStart, l.rightShoulderOuter}), z},
                                {toScene({sceneStart, l.leftEdge}), z},        {toScene({s + 6.0, l.rightShoulderOuter}), a},
                                {toScene({sceneStart, l.leftEdge}), z},        {toScene({s + 6.0, l.leftEdge}), a}};
    for (const sf::Vertex& v : wash) out.append(v);
}

/// The colour of a trail segment: what the driver was doing then.
sf::Color trailColour(const sim::EntityInfo& info, std::uint16_t flags, double fade) {
    sf::Color c = sf::Color(220, 230, 255);
    if (info.kind == sim::EntityKind::Person) c = mix(roleColour(info.personRole), sf::Color::White, 0.3);
    else if (flags & sim::kEyesOff) c = sf::Color(255, 150, 0);  // eyes off the road: the drift
    else if (flags & sim::kBraking) c = sf::Color(255, 60, 60);
    return withAlpha(c, 0.75 * fade);
}

void appendTrails(sf::VertexArray& out, const FrameSource& source, const sim::Frame& now, const ViewState& view,
                  const WorldBox& visible) {
    constexpr int kSamples = 20;
    std::vector<std::shared_ptr<const sim::Frame>> past;
    for (int i = kSamples; i >= 1; --i) {
        const double t = view.time - view.trailSeconds * i / kSamples;
        if (t < 0.0) continue;
        if (auto f = source.frame(source.frameIndexAt(t))) past.push_back(std::move(f));
    }
    const auto& entities = source.entities();
    const float width = static_cast<float>(std::max(0.15, 2.5 / view.camera.pixelsPerMetre));
    ShapeBuilder b(out);
    for (const sim::EntityState& e : now.entities) {
        if (e.entity >= entities.size() || !inBox(visible, e.pose.position, kCullMargin)) continue;
        const sim::EntityInfo& info = entities[e.entity];
        if (!isVehicle(info.kind) && !(info.kind == sim::EntityKind::Person && (e.flags & sim::kOnFoot))) continue;
        const sim::EntityState* previous = nullptr;
        for (std::size_t k = 0; k < past.size(); ++k) {
            const sim::EntityState* s = findEntity(*past[k], e.entity);
            if (s && previous && length(s->pose.position - previous->pose.position) < 60.0)
                b.line(toScene(previous->pose.position), toScene(s->pose.position), width,
                       trailColour(info, s->flags, static_cast<double>(k + 1) / static_cast<double>(past.size())));
            previous = s;
        }
        if (previous) b.line(toScene(previous->pose.position), toScene(e.pose.position), width, trailColour(info, e.flags, 1.0));
    }
}

// ---------------------------------------------------------------------------------------------
// [2] Entities
// ---------------------------------------------------------------------------------------------

void appendEyesOffHalo(sf::VertexArray& out, const sim::EntityInfo& info, const sim::EntityState& e, double ppm) {
    // An orange halo round a vehicle whose driver is looking away: the cause of most strikes.
    const float r = static_cast<float>(std::max(info.length * 0.75, 14.0 / ppm));
    ShapeBuilder(out).radial(toScene(e.pose.position), r, sf::Color(255, 150, 0, 150), sf::Color(255, 150, 0, 0), 24);
}

std::size_t appendEntities(SceneBatches& out, const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                           const WorldBox& visible, const LampState& lamps) {
    const auto& entities = source.entities();
    const double ppm = view.camera.pixelsPerMetre;
    std::size_t vehicles = 0;
    // Vehicles and devices first, people over them.
    for (const sim::EntityState& e : frame.entities) {
        if (e.entity >= entities.size() || !inBox(visible, e.pose.position, kCullMargin)) continue;
        const sim::EntityInfo& info = entities[e.entity];
        switch (info.kind) {
        case sim::EntityKind::TrafficVehicle:
        case sim::EntityKind::Unit:
            if (view.layers.events && (e.flags & sim::kEyesOff)) appendEyesOffHalo(out.overlays, info, e, ppm);
            appendVehicle(out, info, e.entity, e, lamps, ppm);
            ++vehicles;
            break;
        case sim::EntityKind::Cone: appendCone(out, e, ppm); break;
        case sim::EntityKind::Flare: appendFlare(out, e, frame.time, lamps, ppm); break;
        case sim::EntityKind::Person: break;
        }
    }
    for (const sim::EntityState& e : frame.entities)
        if (e.entity < entities.size() && entities[e.entity].kind == sim::EntityKind::Person && inBox(visible, e.pose.position, kCullMargin))
            appendPerson(out, entities[e.entity], e, lamps, ppm);
    return vehicles;
}

// ---------------------------------------------------------------------------------------------
// [3] Markers and clearance
// ---------------------------------------------------------------------------------------------

void appendEventMarkers(sf::VertexArray& out, const FrameSource& source, double time, double ppm) {
    ShapeBuilder b(out);
    for (const sim::Event& e : source.events()) {
        if (e.time > time) break;
        const sf::Vector2f p = toScene(e.position);
        if (e.kind == sim::EventKind::Strike) {
            const float r = static_cast<float>(std::max(1.6, 26.0 / ppm));
            b.star(p, r * 1.12f, r * 0.55f, 12, 0.0f, sf::Color::White);
            b.star(p, r, r * 0.48f, 12, 0.0f, palette::kStrike);
            b.radial(p, r * 0.4f, sf::Color(255, 230, 120), palette::kStrike, 12);
        } else if (e.kind == sim::EventKind::Collision) {
            const float r = static_cast<float>(std::max(0.8, 12.0 / ppm));
            b.star(p, r, r * 0.5f, 8, 0.3f, withAlpha(palette::kCollision, 0.9));
        }
    }
}

/// The closest point of a vehicle's outline to p.
sim::Vec2 closestPoint(const sim::EntityInfo& info, const sim::EntityState& v, sim::Vec2 p) {
    const sim::Vec2 axis = sim::direction(v.pose.heading);
    const sim::Vec2 side = sim::leftNormal(axis);
    const sim::Vec2 rel = p - v.pose.position;
    const double x = std::clamp(sim::dot(rel, axis), -info.length / 2, info.length / 2);
    const double y = std::clamp(sim::dot(rel, side), -info.width / 2, info.width / 2);
    return v.pose.position + x * axis + y * side;
}

struct Clearance {
    sim::Vec2 person, vehicle;
    double gap = 1e9;  // m, between the person's body and the vehicle's outline
};

/// True if `person` has been struck at or before `time` (the frame's flag may lag the event).
bool struckBy(const FrameSource& source, std::uint32_t person, double time) {
    for (const sim::Event& e : source.events()) {
        if (e.time > time) break;
        if (e.kind == sim::EventKind::Strike && e.subject == person) return true;
    }
    return false;
}

std::vector<Clearance> clearances(const FrameSource& source, const sim::Frame& frame) {
    const auto& entities = source.entities();
    std::vector<Clearance> out;
    for (const sim::EntityState& p : frame.entities) {
        if (p.entity >= entities.size() || entities[p.entity].kind != sim::EntityKind::Person) continue;
        if (!(p.flags & sim::kOnFoot) || (p.flags & sim::kStruck) || struckBy(source, p.entity, frame.time)) continue;
        Clearance best;
        for (const sim::EntityState& v : frame.entities) {
            if (v.entity >= entities.size() || entities[v.entity].kind != sim::EntityKind::TrafficVehicle) continue;
            if (v.speed < kMovingSpeed) continue;
            const sim::Vec2 q = closestPoint(entities[v.entity], v, p.pose.position);
            const double gap = sim::length(q - p.pose.position) - entities[p.entity].length / 2;
            if (gap < best.gap) best = {p.pose.position, q, gap};
        }
        if (best.gap < kClearanceShown) out.push_back(best);
    }
    return out;
}

sf::Color clearanceColour(double gap) {
    return gap < 1.0 ? palette::kStrike : gap < 2.0 ? palette::kAmber : sf::Color(240, 240, 240);
}

void appendClearanceLines(sf::VertexArray& out, const std::vector<Clearance>& list, double ppm) {
    ShapeBuilder b(out);
    const auto width = static_cast<float>(std::max(0.05, 2.0 / ppm));
    for (const Clearance& c : list) {
        b.line(toScene(c.person), toScene(c.vehicle), width, clearanceColour(c.gap));
        b.radial(toScene(c.vehicle), width * 2.5f, clearanceColour(c.gap), clearanceColour(c.gap), 8);
    }
}

/// What the legend must explain: the overlays actually on the picture.
LegendNeeds legendNeeds(const FrameSource& source, const sim::Frame& frame, const ViewState& view, const WorldBox& visible,
                        bool gapLines) {
    LegendNeeds n;
    const Layers& l = view.layers;
    n.trails = l.trails;
    n.clearance = gapLines;
    n.band = l.detectionBand && source.detectionDistance() > 0.0 && detectionS(source) >= visible.sMin - 6.0 &&
             detectionS(source) <= visible.sMax + 6.0;
    if (l.events) {
        for (const sim::EntityState& e : frame.entities)
            n.glow = n.glow || ((e.flags & sim::kEyesOff) && inBox(visible, e.pose.position, 0.0));
        for (const sim::Event& e : source.events()) {
            if (e.time > view.time) break;
            n.markers = n.markers || ((e.kind == sim::EventKind::Strike || e.kind == sim::EventKind::Collision) &&
                                      inBox(visible, e.position, 0.0));
        }
    }
    return n;
}

// ---------------------------------------------------------------------------------------------
// [4] Labels and caption
// ---------------------------------------------------------------------------------------------

sf::Vector2f pixelAt(const ViewState& view, const sf::FloatRect& viewport, sim::Vec2 p) {
    return worldToPixel(view.camera, viewport, p);
}

bool inside(const sf::FloatRect& viewport, sf::Vector2f p, float margin = 0.0f) {
    return p.x >= viewport.left + margin && p.x <= viewport.left + viewport.width - margin && p.y >= viewport.top + margin &&
           p.y <= viewport.top + viewport.height - margin;
}

void addDetectionLabel(Overlay& o, const FrameSource& source, const ViewState& view, const sf::FloatRect& viewport) {
    if (source.detectionDistance() <= 0.0) return;
    const RoadLayout l = roadLayout(source.scenario().road);
    const sf::Vector2f p = pixelAt(view, viewport, {detectionS(source), l.leftEdge});
    if (p.x < viewport.left + 10 || p.x > viewport.left + viewport.width - 10) return;
    const std::string text = "Drivers detect the scene here · " + formatDistance(source.detectionDistance(), view.units) + " before it";
    const sf::Vector2f at{std::clamp(p.x, viewport.left + 200.0f, viewport.left + viewport.width - 200.0f),
                          std::max(p.y - 8.0f, viewport.top + 90.0f)};
    o.pill(text, at, Anchor::BottomCentre, sf::Color(30, 24, 0), withAlpha(palette::kDetection, 0.92), TextStyle::Small);
}

void addUnitLabels(Overlay& o, const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                   const sf::FloatRect& viewport) {
    if (view.camera.pixelsPerMetre < 3.0) return;
    const auto& entities = source.entities();
    std::vector<sf::FloatRect> placed;
    for (const sim::EntityState& e : frame.entities) {
        if (e.entity >= entities.size() || entities[e.entity].kind != sim::EntityKind::Unit) continue;
        const sim::EntityInfo& info = entities[e.entity];
        const sim::Vec2 below = e.pose.position - sim::Vec2{0.0, info.width / 2 + 0.9};
        sf::Vector2f p = pixelAt(view, viewport, below);
        if (!inside(viewport, p, 20.0f)) continue;
        std::string text = displayName(info.unitRole);
        if (info.unitRole == sim::UnitRole::Other) text = displayName(info.vehicleKind);
        if (info.unitRole == sim::UnitRole::Blocker) text = displayName(info.vehicleKind) + " blocking";
        // Units parked close together at a small zoom: step a label down until it is clear.
        const sf::Vector2f size = o.font().measure(text, TextStyle::Small) + sf::Vector2f{14.0f, 6.0f};
        for (int attempt = 0; attempt < 4; ++attempt) {
            const sf::FloatRect box{p.x - size.x / 2, p.y, size.x, size.y};
            if (std::none_of(placed.begin(), placed.end(), [&](const sf::FloatRect& r) { return r.intersects(box); })) break;
            p.y += size.y + 2.0f;
        }
        placed.push_back(o.pill(text, p, Anchor::TopCentre, palette::kPanelText, palette::kLabelBackground, TextStyle::Small));
    }
}

void addClearanceLabels(Overlay& o, const std::vector<Clearance>& list, const ViewState& view, const sf::FloatRect& viewport) {
    for (const Clearance& c : list) {
        const sf::Vector2f p = pixelAt(view, viewport, 0.5 * (c.person + c.vehicle));
        if (!inside(viewport, p, 10.0f)) continue;
        o.pill(formatDistance(std::max(0.0, c.gap), view.units), {p.x + 10.0f, p.y}, Anchor::LeftCentre, sf::Color(20, 20, 20),
               withAlpha(clearanceColour(c.gap), 0.92), TextStyle::Small);
    }
}

/// `text` cut to fit `width` pixels, with an ellipsis.
std::string fitted(const LabelFont& font, std::string text, TextStyle style, float width) {
    if (font.measure(text, style).x <= width) return text;
    while (!text.empty() && font.measure(text + "…", style).x > width) {
        text.pop_back();
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();  // whole code points
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
    }
    return text + "…";
}

/// The caption box, top left; returns its right edge.
float addCaption(Overlay& o, const FrameSource& source, const ViewState& view, const sf::FloatRect& viewport,
                SceneDrawOptions options) {
    const sim::Scenario& sc = source.scenario();
    // The caption leaves room for the clock and the outcome badge on the right.
    const float room = std::max(200.0f, viewport.width * 0.62f);
    options.subtitle = fitted(o.font(), options.subtitle, TextStyle::Body, room);
    const std::string title = fitted(o.font(), options.title.empty() ? source.label() : options.title, TextStyle::Title, room);
    const std::string line2 = roadSummary(sc, view.units) + " · " + conditionsSummary(sc.environment, view.units);
    const LabelFont& f = o.font();
    float width = std::max(f.measure(title, TextStyle::Title).x, f.measure(line2, TextStyle::Small).x);
    if (!options.subtitle.empty()) width = std::max(width, f.measure(options.subtitle, TextStyle::Body).x);
    float height = 30.0f + 20.0f + (options.subtitle.empty() ? 0.0f : 22.0f);
    const sf::Vector2f origin{viewport.left + 12.0f, viewport.top + 12.0f};
    const sf::FloatRect box{origin.x, origin.y, width + 24.0f, height + 12.0f};
    o.roundedRect(box, 8.0f, palette::kLabelBackground);
    float y = origin.y + 8.0f;
    o.text(title, {origin.x + 12.0f, y}, sf::Color::White, TextStyle::Title);
    y += 30.0f;
    if (!options.subtitle.empty()) {
        o.text(options.subtitle, {origin.x + 12.0f, y}, palette::kDetection, TextStyle::Body);
        y += 22.0f;
    }
    o.text(line2, {origin.x + 12.0f, y}, sf::Color(200, 204, 212), TextStyle::Small);
    return box.left + box.width;
}

/// The clock; side by side, left of it on its row when there is room (else under the cards),
/// "No one struck so far" and the note once the traffic differs from the other run's; under it
/// the strike cards. The row keeps the corner's stack short, off the road in a half-height pane.
void addClock(Overlay& o, const FrameSource& source, const ViewState& view, const sf::FloatRect& viewport,
              const SceneDrawOptions& options, float captionRight) {
    const sf::Vector2f corner{viewport.left + viewport.width - 12.0f, viewport.top + 12.0f};
    const sf::FloatRect clock = o.pill(formatClock(view.time), corner, Anchor::TopRight, sf::Color::White,
                                       palette::kLabelBackground, TextStyle::Title);
    float y = addStrikeCards(o, source, view, viewport, clock.top + clock.height + 6.0f);
    float x = clock.left - 8.0f;
    const auto beside = [&](const std::string& text, sf::Color ink, sf::Color background, TextStyle style) {
        const sf::Vector2f size = o.pillSize(text, style);
        if (x - size.x > captionRight + 12.0f) {
            o.pill(text, {x - size.x, clock.top + (clock.height - size.y) / 2}, Anchor::TopLeft, ink, background, style);
            x -= size.x + 8.0f;
        } else {
            y = o.pill(text, {corner.x, y}, Anchor::TopRight, ink, background, style).top + size.y + 6.0f;
        }
    };
    // Side by side, the run without a strike says so, so that the two outcomes read together.
    const auto strike = firstStrikeTime(source);
    if (options.comparing && (!strike || *strike > view.time))
        beside("No one struck so far", sf::Color(10, 30, 14), sf::Color(120, 210, 130, 240), TextStyle::Bold);
    if (options.trafficDivergesAt && view.time >= *options.trafficDivergesAt)
        beside(divergenceNote(*options.trafficDivergesAt), sf::Color(30, 22, 0), withAlpha(palette::kAmber, 0.92), TextStyle::Small);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [5] Drawing
// ---------------------------------------------------------------------------------------------

void SceneBatches::clear() {
    for (sf::VertexArray* a : {&ground, &overlays, &shadows, &bodies, &markers, &fog, &aids, &lights, &emissive, &halos}) a->clear();
}

LampState lampState(double time, sim::Light light) {
    LampState s;
    s.barPhase = std::fmod(time, 0.5) < 0.25;       // 2 Hz, alternating sides
    s.hazardsOn = std::fmod(time, 0.8) < 0.4;       // 75 per minute (SAE J590: 60-120)
    s.arrowStep = static_cast<int>(std::fmod(time, 1.2) / 0.3);  // three chevrons in sequence, then dark
    s.dark = light != sim::Light::Day;
    return s;
}

void SceneRenderer::buildWorld(const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                               const WorldBox& visible) {
    const sim::Scenario& sc = source.scenario();
    const LampState lamps = lampState(view.time, view.layers.weather ? sc.environment.light : sim::Light::Day);
    appendRoad(batches_.ground, sc.road, sc.environment, visible, view.camera.pixelsPerMetre);
    if (view.layers.detectionBand) appendDetectionBand(batches_.aids, source);
    if (view.layers.trails) appendTrails(batches_.overlays, source, frame, view, visible);
    stats_.vehiclesDrawn = appendEntities(batches_, source, frame, view, visible, lamps);
    if (view.layers.events) appendEventMarkers(batches_.markers, source, view.time, view.camera.pixelsPerMetre);
    const std::vector<Clearance> gaps = view.layers.clearance ? clearances(source, frame) : std::vector<Clearance>{};
    appendClearanceLines(batches_.markers, gaps, view.camera.pixelsPerMetre);
    legendNeeds_ = legendNeeds(source, frame, view, visible, !gaps.empty());
    if (view.layers.weather) {
        appendFog(batches_.fog, visible, sceneExtent(source), sc.environment);
        if (sc.environment.light == sim::Light::NightLit) appendStreetLights(batches_.lights, sc.road, visible);
    }
}

void SceneRenderer::buildLabels(const FrameSource& source, const sim::Frame& frame, const ViewState& view,
                                const sf::FloatRect& viewport, const SceneDrawOptions& options) {
    overlay_.clear();
    if (view.layers.weather) {
        const sim::Environment& env = source.scenario().environment;
        addPrecipitation(overlay_, viewport, view.time, env.weather, env.light == sim::Light::Night || env.light == sim::Light::NightLit);
    }
    // The corners first (caption, cards, legend, scale, direction), then the labels on the scene,
    // which keep clear of them and of the vehicles.
    if (view.layers.caption) {
        const float captionRight = addCaption(overlay_, source, view, viewport, options);
        addClock(overlay_, source, view, viewport, options, captionRight);
    }
    if (view.layers.legend && options.legend) addLegend(overlay_, view, viewport, legendNeeds_);
    addScaleBar(overlay_, viewport, view.camera.pixelsPerMetre, view.units);
    addTravelArrow(overlay_, viewport);
    if (view.layers.labels) {
        if (view.layers.detectionBand) addDetectionLabel(overlay_, source, view, viewport);
        addUnitLabels(overlay_, source, frame, view, viewport);
        if (view.layers.clearance) addClearanceLabels(overlay_, clearances(source, frame), view, viewport);
        if (view.layers.events) {
            addStrikeLabels(overlay_, source, frame, view, viewport);
            addStrikerLabel(overlay_, source, frame, view, viewport);
        }
    }
}

void SceneRenderer::drawLayers(sf::RenderTarget& target, const sf::FloatRect& viewport, const FrameSource& source,
                               const ViewState& view) {
    const sf::View world = worldView(view.camera, viewport, target.getSize());
    const sf::View previous = target.getView();
    target.setView(world);
    for (const sf::VertexArray* a : {&batches_.ground, &batches_.overlays, &batches_.shadows, &batches_.bodies,
                                     &batches_.markers, &batches_.fog})
        target.draw(*a);
    const sim::Environment& env = source.scenario().environment;
    const sf::Color ambient = view.layers.weather ? ambientLight(env) : sf::Color::White;
    const bool dark = ambient != sf::Color::White;
    if (dark) {
        lightMap_.apply(target, world, viewport, batches_.lights, ambient);
        target.setView(world);
        target.draw(batches_.overlays);  // trails and eyes-off halos are reading aids: keep them lit
    }
    target.draw(batches_.aids);
    target.draw(batches_.emissive);
    target.draw(batches_.halos, sf::BlendAdd);
    if (dark) target.draw(batches_.markers);  // strike markers too
    target.setView(previous);
}

void SceneRenderer::draw(sf::RenderTarget& target, const sf::FloatRect& viewport, const FrameSource& source,
                         const ViewState& view, const SceneDrawOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    const sim::Frame frame = frameAtTime(source, view.time);
    const WorldBox visible = visibleBox(view.camera, viewport);
    batches_.clear();
    buildWorld(source, frame, view, visible);
    buildLabels(source, frame, view, viewport, options);
    stats_.buildMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    drawLayers(target, viewport, source, view);
    overlay_.draw(target);
    stats_.vertices = 0;
    for (const sf::VertexArray* a : {&batches_.ground, &batches_.overlays, &batches_.shadows, &batches_.bodies, &batches_.markers,
                                     &batches_.fog, &batches_.aids, &batches_.lights, &batches_.emissive, &batches_.halos})
        stats_.vertices += a->getVertexCount();
}

// ---------------------------------------------------------------------------------------------
// [6] Camera helpers
// ---------------------------------------------------------------------------------------------

WorldBox sceneBox(const FrameSource& source, bool wholeRoad) {
    const sim::Scenario& sc = source.scenario();
    const RoadLayout l = roadLayout(sc.road);
    if (wholeRoad) return {-sc.road.upstreamLength, sc.road.downstreamLength, l.rightShoulderOuter - 4.0, l.leftShoulderOuter + 2.0};
    const SceneExtent e = sceneExtent(source);
    // The scene with room upstream to see what is coming, and the full road width.
    return {e.sMin - 32.0, e.sMax + 14.0, l.rightShoulderOuter - 6.0, l.leftShoulderOuter + 6.0};
}

void followCamera(ViewState& view, const FrameSource& source, const sim::Frame& frame) {
    switch (view.follow) {
    case Follow::Free: return;
    case Follow::Scene: {
        const WorldBox box = sceneBox(source);
        view.camera.centre = {(box.sMin + box.sMax) / 2.0, (box.dMin + box.dMax) / 2.0};
        return;
    }
    case Follow::Vehicle:
        if (const sim::EntityState* e = findEntity(frame, view.followEntity)) view.camera.centre = e->pose.position;
        return;
    }
}

}  // namespace viz
