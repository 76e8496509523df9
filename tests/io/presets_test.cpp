// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The presets the scenario format names: vehicle kinds, the freeway mix, surfaces, conditions,
// and the names of every enum.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "sim/frame.hpp"
#include "sim/outcome.hpp"
#include "sim/presets.hpp"
#include "sim/units.hpp"

using sim::VehicleKind;

namespace {

template <typename E> void namesRoundTrip() {
    std::set<std::string_view> seen;
    const auto list = sim::names<E>();
    REQUIRE_FALSE(list.empty());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto value = static_cast<E>(i);
        CHECK(sim::name(value) == list[i]);
        CHECK(sim::parseName<E>(list[i]) == value);
        CHECK(seen.insert(list[i]).second);
        // kebab-case: what the scenario files and outcome columns use
        for (char c : list[i]) CHECK(((c >= 'a' && c <= 'z') || c == '-'));
    }
    CHECK_FALSE(sim::parseName<E>("no-such-name"));
    CHECK_FALSE(sim::parseName<E>(""));
}

std::vector<VehicleKind> allKinds() {
    std::vector<VehicleKind> kinds;
    for (std::string_view n : sim::names<VehicleKind>()) kinds.push_back(*sim::parseName<VehicleKind>(n));
    return kinds;
}

double inG(double decel) { return decel / sim::units::kGravity; }

}  // namespace

TEST_CASE("every enum's names are unique, kebab-case and parse back", "[io]") {
    namesRoundTrip<sim::VehicleKind>();
    namesRoundTrip<sim::UnitRole>();
    namesRoundTrip<sim::UnitLights>();
    namesRoundTrip<sim::Light>();
    namesRoundTrip<sim::Weather>();
    namesRoundTrip<sim::Surface>();
    namesRoundTrip<sim::PersonRole>();
    namesRoundTrip<sim::Place>();
    namesRoundTrip<sim::ApproachSide>();
    namesRoundTrip<sim::DeviceKind>();
    namesRoundTrip<sim::HeadwayModel>();
    namesRoundTrip<sim::DriverState>();
    CHECK(sim::name(VehicleKind::TractorTrailer) == "tractor-trailer");
    CHECK(sim::name(sim::Place::BehindGuardrail) == "behind-guardrail");
    CHECK_FALSE(sim::parseName<sim::Place>("window"));  // the loader maps it by approach side
    CHECK(sim::name(sim::RunStatus::Diverged) == "diverged");
    CHECK(sim::name(sim::StrikeVia::PushedUnit) == "pushed-unit");
    CHECK(sim::name(sim::EventKind::ShoulderIntrusion) == "shoulder-intrusion");
    CHECK(sim::name(sim::EntityKind::TrafficVehicle) == "traffic-vehicle");
    CHECK(sim::name(static_cast<sim::Light>(99)) == "unknown");
}

TEST_CASE("the sedan preset is the VehicleSpec default", "[io]") {
    const sim::VehicleSpec sedan = sim::vehicleSpec(VehicleKind::Sedan);
    const sim::VehicleSpec plain;
    CHECK(sedan.length == plain.length);
    CHECK(sedan.width == plain.width);
    CHECK(sedan.mass == plain.mass);
    CHECK(sedan.wheelbase == plain.wheelbase);
    CHECK(sedan.maxDecel == plain.maxDecel);
    CHECK(sedan.colour == plain.colour);
}

TEST_CASE("vehicle presets: sizes plausible, braking as references.md#braking, truck factors as movsim (references.md#traffic-stream)", "[io]") {
    const std::set<VehicleKind> cars = {VehicleKind::Sedan, VehicleKind::Suv, VehicleKind::Pickup, VehicleKind::PatrolSuv,
                                        VehicleKind::PatrolSedan};
    const std::set<VehicleKind> heavy = {VehicleKind::BoxTruck, VehicleKind::TractorTrailer, VehicleKind::FireEngine,
                                         VehicleKind::Motorhome};
    for (VehicleKind kind : allKinds()) {
        const sim::VehicleSpec v = sim::vehicleSpec(kind);
        INFO(sim::name(kind));
        CHECK(v.kind == kind);
        CHECK(v.wheelbase < v.length);
        CHECK(v.width <= 102 * 0.0254 + 1e-9);  // US federal width limit, 102 in
        CHECK(v.length <= 23.0);
        CHECK((v.colour >> 24) == 0xFFu);       // opaque
        if (cars.count(kind)) {
            CHECK(inG(v.maxDecel) >= 0.75);     // ABS on dry pavement, 0.8-0.9 g
            CHECK(inG(v.maxDecel) <= 0.9);
            CHECK(v.accelFactor == 1.0);
        }
        if (heavy.count(kind)) {
            CHECK(inG(v.maxDecel) >= 0.3);      // heavy trucks 0.3-0.5 g
            CHECK(inG(v.maxDecel) <= 0.5);
            CHECK(v.accelFactor == 0.8);
            CHECK(v.headwayFactor == 1.2);
            CHECK(v.mass > 5000.0);
        }
    }
    // A 53 ft trailer behind a tractor: longer than any single unit.
    CHECK(sim::vehicleSpec(VehicleKind::TractorTrailer).length > 53 * sim::units::kFoot);
    // Patrol units black or white, the fire engine red, the tow truck yellow.
    auto channel = [](std::uint32_t c, int shift) { return static_cast<int>((c >> shift) & 0xFF); };
    const auto black = sim::vehicleSpec(VehicleKind::PatrolSuv).colour;
    const auto white = sim::vehicleSpec(VehicleKind::PatrolSedan).colour;
    CHECK(channel(black, 16) + channel(black, 8) + channel(black, 0) < 3 * 40);
    CHECK(channel(white, 16) + channel(white, 8) + channel(white, 0) > 3 * 220);
    const auto red = sim::vehicleSpec(VehicleKind::FireEngine).colour;
    CHECK(channel(red, 16) > 2 * channel(red, 8));
    const auto yellow = sim::vehicleSpec(VehicleKind::TowTruck).colour;
    CHECK(channel(yellow, 16) > 200);
    CHECK(channel(yellow, 8) > 150);
    CHECK(channel(yellow, 0) < 80);
}

TEST_CASE("the default freeway mix: shares sum to 1, traffic kinds only, each once", "[io]") {
    const auto mix = sim::defaultFreewayMix();
    double total = 0.0;
    std::set<VehicleKind> kinds;
    for (const sim::MixEntry& e : mix) {
        total += e.share;
        CHECK(e.share > 0.0);
        CHECK(kinds.insert(e.spec.kind).second);
    }
    CHECK(total == Approx(1.0));
    for (VehicleKind responder : {VehicleKind::PatrolSuv, VehicleKind::PatrolSedan, VehicleKind::FireEngine, VehicleKind::TowTruck})
        CHECK(kinds.count(responder) == 0);
    CHECK(kinds.count(VehicleKind::TractorTrailer) == 1);
}

TEST_CASE("surface friction: Bosch dry 0.8, Noon wet 0.5, packed snow 0.3, ice 0.1 (references.md#braking)", "[io]") {
    CHECK(sim::surfaceFriction(sim::Surface::Dry) == 0.8);
    CHECK(sim::surfaceFriction(sim::Surface::Wet) == 0.5);
    CHECK(sim::surfaceFriction(sim::Surface::Snow) == 0.3);
    CHECK(sim::surfaceFriction(sim::Surface::Ice) == 0.1);
    CHECK(sim::Environment{}.friction == sim::surfaceFriction(sim::Environment{}.surface));
}

TEST_CASE("condition presets respect the fog classes and the rain extinction fit (references.md#visibility)", "[io]") {
    std::set<std::string_view> names;
    for (const sim::ConditionsPreset& p : sim::conditionsPresets()) {
        CHECK(names.insert(p.name).second);
        CHECK_FALSE(p.source.empty());
        CHECK(sim::findConditionsPreset(p.name) == &p);
        if (p.weather == sim::Weather::Fog) CHECK(p.surface == sim::Surface::Dry);  // isolates visibility
        if (p.weather == sim::Weather::Clear) CHECK(p.visibility == 20000.0);
    }
    CHECK(names.size() == 11);
    CHECK(sim::findConditionsPreset("thick-fog")->visibility == 200.0);  // UK Met Office thick fog < 200 m
    CHECK(sim::findConditionsPreset("dense-fog")->visibility == 50.0);   // dense fog < 50 m
    // Koschmieder V = 3.912 / sigma with sigma = 0.25 R^0.63 per km.
    auto rainVisibility = [](double mmPerHour) { return 3.912 / (0.25 * std::pow(mmPerHour, 0.63)) * 1000.0; };
    CHECK(sim::findConditionsPreset("rain")->visibility == Approx(rainVisibility(10)).epsilon(0.02));
    CHECK(sim::findConditionsPreset("heavy-rain")->visibility == Approx(rainVisibility(50)).epsilon(0.03));
    CHECK(sim::findConditionsPreset("night")->light == sim::Light::Night);
    CHECK(sim::findConditionsPreset("snow-night")->surface == sim::Surface::Snow);
    CHECK(sim::findConditionsPreset("fog") == nullptr);

    sim::Environment env;
    sim::applyConditions(*sim::findConditionsPreset("rain-night"), env);
    CHECK(env.weather == sim::Weather::Rain);
    CHECK(env.light == sim::Light::Night);
    CHECK(env.friction == 0.5);
}

TEST_CASE("positionBehind: bumper gap along the road, offset to the left", "[io]") {
    sim::UnitDef ahead;
    ahead.spec = sim::vehicleSpec(VehicleKind::Sedan);
    ahead.position = {10.0, -1.5};
    ahead.heading = 0.3;  // ignored for the gap: both taken as parallel to the road
    const sim::VehicleSpec patrol = sim::vehicleSpec(VehicleKind::PatrolSedan);
    const sim::Vec2 p = sim::positionBehind(ahead, patrol, 6.0, 0.75);
    CHECK(p.x == Approx(10.0 - ahead.spec.length / 2 - 6.0 - patrol.length / 2));
    CHECK(p.y == Approx(-0.75));
}
