// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Vehicles seen from above. Every shape is in the vehicle's local frame (x forward from its centre,
// y to its left, metres) and scaled to the entity's length and width, so a scenario that changes a
// class's size changes the drawing too. Proportions are from typical US vehicles of each class.
//
// Contents: [1] the drawing context, [2] lamps, [3] cars (sedan, SUV, pickup, patrol cars),
// [4] trucks and the rest, [5] the entry point.
#include "viz/vehicle_shapes.hpp"

#include <algorithm>
#include <cmath>

#include "viz/colours.hpp"
#include "viz/shape_builder.hpp"

namespace viz {
namespace {

using sim::VehicleKind;

// ---------------------------------------------------------------------------------------------
// [1] The drawing context
// ---------------------------------------------------------------------------------------------

struct Ctx {
    SceneBatches& out;
    const sim::EntityInfo& info;
    const sim::EntityState& state;
    const LampState& lamps;
    Placement at;
    double hl;          // m, half length
    double hw;          // m, half width
    sf::Color colour;   // body
    bool detailed;      // enough pixels for glass, lamps and livery

    ShapeBuilder body() const { return ShapeBuilder(out.bodies); }
    ShapeBuilder emissive() const { return ShapeBuilder(out.emissive); }
    ShapeBuilder halos() const { return ShapeBuilder(out.halos); }
    ShapeBuilder lights() const { return ShapeBuilder(out.lights); }
    bool braking() const { return (state.flags & sim::kBraking) != 0; }
    bool isUnit() const { return info.kind == sim::EntityKind::Unit; }
    float sceneHeading() const { return static_cast<float>(-state.pose.heading); }  // scene y is flipped
};

/// Where the cabin is along a passenger vehicle, as fractions of its length from the front.
struct Cabin {
    double hood;        // front bumper to the windshield's base
    double windshield;
    double roof;
    double rearWindow;
    double chamfer;     // m, corner cut of the body
};

constexpr Cabin kSedanCabin{0.29, 0.14, 0.27, 0.10, 0.42};
constexpr Cabin kSuvCabin{0.25, 0.12, 0.43, 0.07, 0.32};
constexpr Cabin kPickupCabin{0.25, 0.10, 0.19, 0.04, 0.30};

void shadow(const Ctx& c, double x0, double x1) {
    // Sun from the upper left of the picture: the shadow falls down and to the right.
    sim::Pose p = c.state.pose;
    p.position = p.position + sim::Vec2{0.25, -0.30};
    ShapeBuilder(c.out.shadows).chamferedRect(Placement(p), x0, -c.hw, x1, c.hw, 0.3, palette::kShadow);
}

// ---------------------------------------------------------------------------------------------
// [2] Lamps
// ---------------------------------------------------------------------------------------------

void headlights(const Ctx& c, double front, double inset) {
    const double y0 = c.hw - inset - 0.32;
    const double y1 = c.hw - inset;
    const sf::Color lens = c.lamps.dark ? palette::kHeadLamp : sf::Color(214, 218, 222);
    ShapeBuilder lamp = c.lamps.dark ? c.emissive() : c.body();
    lamp.rect(c.at, front - 0.1, y0, front, y1, lens);
    lamp.rect(c.at, front - 0.1, -y1, front, -y0, lens);
    if (!c.lamps.dark) return;
    // Low beams reach about 50 m (assumption for drawing: typical low-beam seeing distance).
    const float beam = c.isUnit() ? 28.0f : 50.0f;
    const float h = c.sceneHeading();
    // A long, narrow throw and a short, wide spill in front of the bumper.
    c.lights().fan(c.at(front, 0.0), beam, h - 0.13f, h + 0.13f, sf::Color(175, 170, 145), sf::Color::Black);
    c.lights().fan(c.at(front, 0.0), 12.0f, h - 0.45f, h + 0.45f, sf::Color(110, 106, 90), sf::Color::Black);
}

void tailLights(const Ctx& c, double rear) {
    const double y0 = c.hw - 0.38;
    const double y1 = c.hw - 0.06;
    const bool brake = c.braking();
    const bool on = brake || c.lamps.dark;
    const sf::Color lens = brake ? palette::kBrakeLight : on ? sf::Color(190, 20, 24) : palette::kTailLight;
    ShapeBuilder lamp = on ? c.emissive() : c.body();
    lamp.rect(c.at, rear, y0, rear + 0.12, y1, lens);
    lamp.rect(c.at, rear, -y1, rear + 0.12, -y0, lens);
    if (brake) {
        // A red glow behind a braking vehicle: visible even when zoomed out.
        const float r = c.lamps.dark ? 2.2f : 0.7f;
        c.halos().radial(c.at(rear - 0.05, c.hw - 0.2), r, sf::Color(255, 30, 30, 140), sf::Color(255, 0, 0, 0), 12);
        c.halos().radial(c.at(rear - 0.05, -c.hw + 0.2), r, sf::Color(255, 30, 30, 140), sf::Color(255, 0, 0, 0), 12);
    }
    if (c.lamps.dark && on)
        c.lights().radial(c.at(rear - 0.6, 0.0), brake ? 4.0f : 2.0f, sf::Color(90, 10, 10), sf::Color::Black, 12);
}

void hazards(const Ctx& c) {
    if (!c.lamps.hazardsOn) return;
    const double xs[2] = {c.hl - 0.08, -c.hl + 0.08};
    for (double x : xs)
        for (double side : {1.0, -1.0}) {
            const sf::Vector2f p = c.at(x, side * (c.hw - 0.08));
            c.emissive().radial(p, 0.22f, palette::kAmber, palette::kAmber, 8);
            c.halos().radial(p, c.lamps.dark ? 2.0f : 0.6f, sf::Color(255, 170, 0, 150), sf::Color(255, 170, 0, 0), 12);
            if (c.lamps.dark) c.lights().radial(p, 3.5f, sf::Color(110, 70, 0), sf::Color::Black, 12);
        }
}

/// A roof light bar across the vehicle at x, lit in alternation: `left` colour on the driver's
/// side (US practice: red to the driver's side, blue to the passenger's).
void lightBar(const Ctx& c, double x, sf::Color left, sf::Color right) {
    const double half = c.hw - 0.12;
    const double depth = 0.28;
    ShapeBuilder b = c.body();
    b.rect(c.at, x - depth / 2, -half, x + depth / 2, half, sf::Color(24, 24, 26));
    const bool lightsOn = c.info.lights == sim::UnitLights::Emergency;
    for (int side = 0; side < 2; ++side) {
        const double y0 = side == 0 ? 0.04 : -half + 0.04;
        const double y1 = side == 0 ? half - 0.04 : -0.04;
        const sf::Color lamp = side == 0 ? left : right;
        const bool lit = lightsOn && (side == 0) == c.lamps.barPhase;
        if (!lit) {
            b.rect(c.at, x - depth / 2 + 0.05, y0, x + depth / 2 - 0.05, y1, shade(lamp, 0.35));
            continue;
        }
        c.emissive().rect(c.at, x - depth / 2 + 0.03, y0, x + depth / 2 - 0.03, y1, mix(lamp, sf::Color::White, 0.25));
        const sf::Vector2f centre = c.at(x, (y0 + y1) / 2);
        sf::Color glow = lamp;
        glow.a = 150;
        sf::Color clear = lamp;
        clear.a = 0;
        glow.a = c.lamps.dark ? 150 : 110;
        c.halos().radial(centre, c.lamps.dark ? 5.0f : 1.4f, glow, clear, 20);
        if (c.lamps.dark) c.lights().radial(centre, 16.0f, shade(lamp, 0.55), sf::Color::Black, 24);
    }
}

// ---------------------------------------------------------------------------------------------
// [3] Cars
// ---------------------------------------------------------------------------------------------

struct CabinX {
    double a, b, c, d;  // windshield base, windshield top, rear of roof, bottom of rear window
};

CabinX cabinX(const Ctx& c, const Cabin& cab) {
    const double len = 2.0 * c.hl;
    const double a = c.hl - cab.hood * len;
    const double b = a - cab.windshield * len;
    const double cc = b - cab.roof * len;
    return {a, b, cc, cc - cab.rearWindow * len};
}

/// Glass and roof of a passenger cabin; the roof colour is the livery's.
void cabin(const Ctx& c, const Cabin& cab, sf::Color roof) {
    const CabinX x = cabinX(c, cab);
    ShapeBuilder b = c.body();
    const double side = c.hw - 0.13;   // glass reaches this far out
    const double top = c.hw - 0.25;    // roof edge
    const sim::Vec2 windshield[4] = {{x.a, -side}, {x.a, side}, {x.b, top}, {x.b, -top}};
    const sf::Color sky = mix(palette::kGlass, sf::Color(150, 175, 200), 0.35);  // the sky in the glass
    b.gradientQuad(c.at, windshield, {palette::kGlass, palette::kGlass, sky, sky});
    b.rect(c.at, x.d, -side, x.a - 0.05, side, palette::kGlass);  // side windows show round the roof
    const sim::Vec2 rear[4] = {{x.c, -top}, {x.c, top}, {x.d, side - 0.05}, {x.d, -side + 0.05}};
    b.polygon(c.at, rear, palette::kGlass);
    b.chamferedRect(c.at, x.c, -top, x.b, top, 0.12, roof);
    // A soft highlight along the roof's leading edge gives it some shape.
    b.rect(c.at, x.b - 0.14, -top + 0.08, x.b - 0.04, top - 0.08, mix(roof, sf::Color::White, 0.18));
    // Mirrors at the windshield's base.
    b.rect(c.at, x.a - 0.22, c.hw, x.a - 0.06, c.hw + 0.14, shade(c.colour, 0.8));
    b.rect(c.at, x.a - 0.22, -c.hw - 0.14, x.a - 0.06, -c.hw, shade(c.colour, 0.8));
}

void carBody(const Ctx& c, const Cabin& cab, sf::Color hood, sf::Color rear) {
    ShapeBuilder b = c.body();
    // The outline in a darker shade reads as the body's sides; hood and boot are lit from above.
    b.roundedRect(c.at, -c.hl, -c.hw, c.hl, c.hw, cab.chamfer, cab.chamfer * 0.6, shade(c.colour, 0.72));
    const CabinX x = cabinX(c, cab);
    b.roundedRect(c.at, x.a - 0.2, -c.hw + 0.09, c.hl - 0.05, c.hw - 0.09, cab.chamfer * 0.85, 0.05, hood);
    b.roundedRect(c.at, -c.hl + 0.05, -c.hw + 0.09, x.d + 0.2, c.hw - 0.09, 0.05, cab.chamfer * 0.5, rear);
    b.rect(c.at, x.a, -0.03, c.hl - 0.3, 0.03, shade(hood, 0.9));                       // hood crease
    b.rect(c.at, x.a - 0.05, c.hw - 0.2, c.hl - 0.35, c.hw - 0.14, mix(hood, sf::Color::White, 0.12));  // highlight
}

void pickupBed(const Ctx& c, const Cabin& cab) {
    const CabinX x = cabinX(c, cab);
    ShapeBuilder b = c.body();
    b.rect(c.at, -c.hl + 0.05, -c.hw + 0.08, x.d - 0.1, c.hw - 0.08, shade(c.colour, 0.9));
    b.rect(c.at, -c.hl + 0.15, -c.hw + 0.18, x.d - 0.18, c.hw - 0.18, sf::Color(40, 40, 42));  // the bed
}

void passengerCar(const Ctx& c, VehicleKind kind) {
    const Cabin& cab = kind == VehicleKind::Sedan || kind == VehicleKind::PatrolSedan ? kSedanCabin
                       : kind == VehicleKind::Pickup                                   ? kPickupCabin
                                                                                       : kSuvCabin;
    sf::Color hood = c.colour;
    sf::Color rear = c.colour;
    sf::Color roof = c.colour;
    if (kind == VehicleKind::PatrolSuv) roof = sf::Color(244, 244, 242);  // black and white: white roof
    if (kind == VehicleKind::PatrolSedan) {
        hood = rear = sf::Color(20, 20, 22);  // white doors and roof, black hood and trunk
        roof = c.colour;
    }
    shadow(c, -c.hl, c.hl);
    carBody(c, cab, hood, rear);
    if (kind == VehicleKind::PatrolSuv) {
        // White doors between the pillars: the classic black-and-white seen from above.
        const CabinX x = cabinX(c, cab);
        c.body().rect(c.at, x.d, c.hw - 0.1, x.a, c.hw, roof);
        c.body().rect(c.at, x.d, -c.hw, x.a, -c.hw + 0.1, roof);
    }
    if (kind == VehicleKind::Pickup) pickupBed(c, cab);
    if (!c.detailed) return;
    cabin(c, cab, roof);
    headlights(c, c.hl, 0.1);
    tailLights(c, -c.hl);
    if (kind == VehicleKind::PatrolSuv || kind == VehicleKind::PatrolSedan) {
        const CabinX x = cabinX(c, cab);
        lightBar(c, x.b - 0.35, palette::kEmergencyRed, palette::kEmergencyBlue);
        c.body().rect(c.at, c.hl, -c.hw + 0.3, c.hl + 0.12, c.hw - 0.3, sf::Color(30, 30, 32));  // push bumper
    }
}

// ---------------------------------------------------------------------------------------------
// [4] Trucks and the rest
// ---------------------------------------------------------------------------------------------

/// A truck cab: a short hood, the windshield and a flat roof, from x0 (rear) to the front.
void truckCab(const Ctx& c, double x0, double hood, sf::Color paint) {
    ShapeBuilder b = c.body();
    b.chamferedRect(c.at, x0, -c.hw + 0.05, c.hl, c.hw - 0.05, 0.25, shade(paint, 0.8));
    const double ws = c.hl - hood;  // windshield base
    b.chamferedRect(c.at, ws, -c.hw + 0.15, c.hl - 0.05, c.hw - 0.15, 0.2, paint);
    if (c.detailed) {
        const sim::Vec2 glass[4] = {{ws, -c.hw + 0.15}, {ws, c.hw - 0.15}, {ws - 0.32, c.hw - 0.28}, {ws - 0.32, -c.hw + 0.28}};
        b.polygon(c.at, glass, palette::kGlass);
        b.rect(c.at, ws - 0.3, c.hw - 0.05, ws - 0.1, c.hw + 0.2, sf::Color(30, 30, 30));  // mirrors
        b.rect(c.at, ws - 0.3, -c.hw - 0.2, ws - 0.1, -c.hw + 0.05, sf::Color(30, 30, 30));
    }
    b.rect(c.at, x0 + 0.1, -c.hw + 0.22, ws - 0.32, c.hw - 0.22, mix(paint, sf::Color::White, 0.08));
}

void ribs(const Ctx& c, double x0, double x1, double spacing, sf::Color colour) {
    for (double x = x0 + spacing; x < x1 - 0.1; x += spacing) c.body().rect(c.at, x - 0.03, -c.hw + 0.1, x + 0.03, c.hw - 0.1, colour);
}

void boxTruck(const Ctx& c) {
    const double cabRear = c.hl - 2.3;
    shadow(c, -c.hl, c.hl);
    truckCab(c, cabRear, 0.8, c.colour);
    const sf::Color box(236, 236, 230);
    c.body().rect(c.at, -c.hl, -c.hw, cabRear - 0.15, c.hw, shade(box, 0.85));
    c.body().rect(c.at, -c.hl + 0.08, -c.hw + 0.08, cabRear - 0.23, c.hw - 0.08, box);
    if (!c.detailed) return;
    ribs(c, -c.hl, cabRear - 0.15, 1.2, shade(box, 0.92));
    headlights(c, c.hl, 0.1);
    tailLights(c, -c.hl);
}

void tractorTrailer(const Ctx& c) {
    // Class 8 sleeper tractor (~6.8 m) pulling a 53 ft trailer that overlaps the fifth wheel.
    const double tractorRear = c.hl - 6.8;
    const double trailerFront = c.hl - 5.6;
    const double sleeperRear = c.hl - 4.6;
    shadow(c, -c.hl, c.hl);
    ShapeBuilder b = c.body();
    b.rect(c.at, tractorRear, -c.hw + 0.35, sleeperRear, c.hw - 0.35, sf::Color(46, 46, 48));  // chassis
    truckCab(c, sleeperRear, 2.0, c.colour);
    const sf::Color trailer(226, 229, 232);
    b.rect(c.at, -c.hl, -c.hw, trailerFront, c.hw, shade(trailer, 0.82));
    b.rect(c.at, -c.hl + 0.06, -c.hw + 0.07, trailerFront - 0.06, c.hw - 0.07, trailer);
    if (!c.detailed) return;
    ribs(c, -c.hl, trailerFront, 0.9, shade(trailer, 0.94));
    headlights(c, c.hl, 0.12);
    tailLights(c, -c.hl);
}

void motorcycle(const Ctx& c) {
    ShapeBuilder b = c.body();
    shadow(c, -c.hl * 0.8, c.hl * 0.8);
    b.ellipse(c.at, 0.0, 0.0, c.hl, 0.22, shade(c.colour, 0.9), 16);
    b.rect(c.at, c.hl - 0.6, -c.hw, c.hl - 0.52, c.hw, sf::Color(60, 60, 60));   // handlebar
    b.ellipse(c.at, -0.15, 0.0, 0.2, 0.27, sf::Color(28, 28, 30), 14);            // rider's shoulders
    b.ellipse(c.at, 0.0, 0.0, 0.15, 0.14, sf::Color(220, 220, 220), 12);          // helmet
    if (!c.detailed) return;
    c.emissive().ellipse(c.at, c.hl - 0.05, 0.0, 0.06, 0.08, c.lamps.dark ? palette::kHeadLamp : sf::Color(200, 200, 200), 8);
    const sf::Color tail = c.braking() ? palette::kBrakeLight : palette::kTailLight;
    (c.braking() ? c.emissive() : c.body()).rect(c.at, -c.hl, -0.08, -c.hl + 0.08, 0.08, tail);
    if (c.lamps.dark) {
        const float h = c.sceneHeading();
        c.lights().fan(c.at(c.hl, 0.0), 45.0f, h - 0.18f, h + 0.18f, sf::Color(150, 145, 125), sf::Color::Black);
    }
}

void fireEngine(const Ctx& c) {
    // Type 1 pumper: cab-forward with a white cab roof, the ladder rack over the body, the hose bed
    // at the rear, and red/yellow chevrons on the rear bumper (NFPA 1901 rear striping).
    const double cabRear = c.hl - 2.9;
    shadow(c, -c.hl, c.hl);
    ShapeBuilder b = c.body();
    b.chamferedRect(c.at, -c.hl, -c.hw, c.hl, c.hw, 0.2, shade(c.colour, 0.75));
    b.chamferedRect(c.at, cabRear, -c.hw + 0.1, c.hl - 0.5, c.hw - 0.1, 0.2, sf::Color(240, 240, 238));  // cab roof
    b.rect(c.at, -c.hl + 0.1, -c.hw + 0.1, cabRear - 0.1, c.hw - 0.1, c.colour);
    if (!c.detailed) return;
    const sim::Vec2 glass[4] = {{c.hl - 0.12, -c.hw + 0.12}, {c.hl - 0.12, c.hw - 0.12}, {c.hl - 0.5, c.hw - 0.15}, {c.hl - 0.5, -c.hw + 0.15}};
    b.polygon(c.at, glass, palette::kGlass);
    b.rect(c.at, -c.hl + 0.2, -c.hw + 0.2, -c.hl + 2.2, c.hw - 0.2, sf::Color(48, 48, 50));  // hose bed
    for (double y = -c.hw + 0.35; y < c.hw - 0.3; y += 0.32)
        b.rect(c.at, -c.hl + 0.3, y, -c.hl + 2.1, y + 0.18, y < 0 ? sf::Color(230, 200, 40) : sf::Color(210, 210, 205));
    const sf::Color rail(178, 182, 188);
    const double railX0 = -c.hl + 2.5;
    const double railX1 = cabRear - 0.2;
    b.rect(c.at, railX0, 0.42, railX1, 0.5, rail);
    b.rect(c.at, railX0, -0.5, railX1, -0.42, rail);
    for (double x = railX0 + 0.1; x < railX1; x += 0.36) b.rect(c.at, x, -0.46, x + 0.05, 0.46, rail);
    for (int i = 0; i < 8; ++i) {  // chevrons on the rear bumper
        const double y = -c.hw + 2.0 * c.hw * i / 8.0;
        b.rect(c.at, -c.hl - 0.1, y, -c.hl + 0.02, y + 2.0 * c.hw / 8.0, i % 2 ? palette::kEdgeYellow : palette::kStrike);
    }
    lightBar(c, c.hl - 0.8, palette::kEmergencyRed, sf::Color(255, 255, 255));
    headlights(c, c.hl, 0.1);
    tailLights(c, -c.hl);
}

void towTruck(const Ctx& c) {
    // Rollback: a cab in the class colour and a steel bed with its headboard.
    const double cabRear = c.hl - 2.6;
    shadow(c, -c.hl, c.hl);
    truckCab(c, cabRear, 1.0, c.colour);
    ShapeBuilder b = c.body();
    const sf::Color steel(150, 154, 158);
    b.rect(c.at, -c.hl, -c.hw, cabRear - 0.25, c.hw, shade(steel, 0.8));
    b.rect(c.at, -c.hl + 0.05, -c.hw + 0.08, cabRear - 0.55, c.hw - 0.08, steel);
    b.rect(c.at, cabRear - 0.55, -c.hw, cabRear - 0.25, c.hw, sf::Color(40, 40, 42));  // headboard
    if (!c.detailed) return;
    for (double y = -c.hw + 0.3; y < c.hw - 0.1; y += 0.3) b.rect(c.at, -c.hl + 0.05, y - 0.02, cabRear - 0.55, y + 0.02, shade(steel, 0.88));
    lightBar(c, cabRear + 0.6, palette::kAmber, palette::kAmber);
    headlights(c, c.hl, 0.1);
    tailLights(c, -c.hl);
}

void motorhome(const Ctx& c) {
    shadow(c, -c.hl, c.hl);
    ShapeBuilder b = c.body();
    b.chamferedRect(c.at, -c.hl, -c.hw, c.hl, c.hw, 0.35, shade(c.colour, 0.8));
    b.chamferedRect(c.at, -c.hl + 0.08, -c.hw + 0.08, c.hl - 0.6, c.hw - 0.08, 0.3, c.colour);
    if (!c.detailed) return;
    const sim::Vec2 glass[4] = {{c.hl - 0.1, -c.hw + 0.15}, {c.hl - 0.1, c.hw - 0.15}, {c.hl - 0.6, c.hw - 0.1}, {c.hl - 0.6, -c.hw + 0.1}};
    b.polygon(c.at, glass, palette::kGlass);
    b.rect(c.at, -c.hl + 0.1, c.hw - 0.2, c.hl - 0.7, c.hw - 0.1, sf::Color(120, 84, 50));  // side stripes
    b.rect(c.at, -c.hl + 0.1, -c.hw + 0.1, c.hl - 0.7, -c.hw + 0.2, sf::Color(120, 84, 50));
    b.rect(c.at, 0.6, -0.4, 1.5, 0.4, sf::Color(210, 212, 214));    // roof air conditioners
    b.rect(c.at, -2.8, -0.4, -1.9, 0.4, sf::Color(210, 212, 214));
    headlights(c, c.hl, 0.1);
    tailLights(c, -c.hl);
}

/// An arrow board behind the unit, drawn face-up (as training diagrams do): sequential chevrons
/// pointing left, toward the open lanes.
void arrowBoard(const Ctx& c) {
    const double x0 = -c.hl - 0.5;
    const double half = std::min(1.2, c.hw + 0.2);
    c.body().rect(c.at, x0 - 1.0, -half, x0, half, sf::Color(18, 18, 20));
    for (int i = 0; i < 3; ++i) {
        const bool lit = c.lamps.arrowStep > i;
        const double y = -half + 0.45 + i * (2.0 * half - 0.9) / 2.0;
        const sim::Vec2 chevron[3] = {{x0 - 0.85, y - 0.18}, {x0 - 0.15, y - 0.18}, {x0 - 0.5, y + 0.22}};
        ShapeBuilder s = lit ? c.emissive() : c.body();
        s.polygon(c.at, chevron, lit ? palette::kAmber : sf::Color(70, 52, 10));
        if (lit && c.lamps.dark) c.lights().radial(c.at(x0 - 0.5, y), 3.0f, sf::Color(100, 70, 0), sf::Color::Black, 10);
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [5] The entry point
// ---------------------------------------------------------------------------------------------

void appendVehicle(SceneBatches& out, const sim::EntityInfo& info, std::uint32_t entityIndex,
                   const sim::EntityState& state, const LampState& lamps, double pixelsPerMetre) {
    const Ctx c{out, info, state, lamps, Placement(state.pose), info.length / 2.0, info.width / 2.0,
                bodyColour(info, entityIndex), info.length * pixelsPerMetre >= 14.0};
    if (info.length * pixelsPerMetre < 4.0) {
        // A few pixels: a plain box, and a brake light that still shows as a red dot.
        ShapeBuilder(out.bodies).rect(c.at, -c.hl, -c.hw, c.hl, c.hw, c.colour);
        if (c.braking()) ShapeBuilder(out.emissive).rect(c.at, -c.hl, -c.hw, -c.hl + 0.25 * c.hl, c.hw, palette::kBrakeLight);
        return;
    }
    switch (info.vehicleKind) {
    case VehicleKind::BoxTruck: boxTruck(c); break;
    case VehicleKind::TractorTrailer: tractorTrailer(c); break;
    case VehicleKind::Motorcycle: motorcycle(c); break;
    case VehicleKind::FireEngine: fireEngine(c); break;
    case VehicleKind::TowTruck: towTruck(c); break;
    case VehicleKind::Motorhome: motorhome(c); break;
    default: passengerCar(c, info.vehicleKind); break;
    }
    if (!c.detailed) return;
    if (info.lights == sim::UnitLights::Hazards) hazards(c);
    if (info.lights == sim::UnitLights::ArrowBoard) arrowBoard(c);
}

sf::Color roofColour(const sim::EntityInfo& info, std::uint32_t entityIndex) {
    switch (info.vehicleKind) {
    case VehicleKind::PatrolSuv: return {244, 244, 242};
    case VehicleKind::BoxTruck: return {236, 236, 230};
    case VehicleKind::TractorTrailer: return {226, 229, 232};
    case VehicleKind::TowTruck: return {150, 154, 158};
    default: return bodyColour(info, entityIndex);
    }
}

}  // namespace viz
