// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Named presets: vehicle classes, the default freeway mix, surfaces, conditions, and the relative
// placement of units. Every figure names its source; "references.md#…" is a section of
// docs/references.md. [M] = from memory there or here, to be checked against the
// primary source before it is quoted as fact; "assumption" = our choice, with the reason.
#include <array>
#include <string_view>

#include "sim/presets.hpp"
#include "sim/units.hpp"

namespace sim {
namespace {

using units::kGravity;

// Braking on dry pavement (references.md#braking [M]): cars with ABS reach about 0.8-0.9 g, heavy trucks
// about 0.3-0.5 g. Pursuit-rated police vehicles sit at the top of the car range (assumption:
// larger brakes than the civilian versions).
constexpr double kCarDecel = 8.0;                      // m/s^2 = 0.82 g, the VehicleSpec default
constexpr double kPursuitDecel = 8.5;                  // m/s^2 = 0.87 g
constexpr double kHeavyDecel = 0.45 * kGravity;        // 4.4 m/s^2: single-unit trucks, buses
constexpr double kCombinationDecel = 0.40 * kGravity;  // 3.9 m/s^2: loaded tractor-trailer

// IDM class factors for heavy vehicles: a = 0.8 x car, T = 1.2 x car (movsim, references.md#traffic-stream).
// movsim's v0 = 0.7 x car is for European limiters; US trucks run near the car speed, a little
// below it: 0.95 is an assumption until per-class speed data are read.
constexpr double kTruckAccel = 0.8;
constexpr double kTruckHeadway = 1.2;
constexpr double kTruckSpeed = 0.95;

// Driver (and, for patrol units, officer plus equipment) added to kerb mass.
constexpr double kDriverMass = 80.0;  // kg [M]

VehicleSpec car(VehicleKind kind, double length, double width, double mass, double wheelbase,
                double maxDecel, std::uint32_t colour) {
    VehicleSpec s;
    s.kind = kind;
    s.length = length;
    s.width = width;
    s.mass = mass;
    s.wheelbase = wheelbase;
    s.maxDecel = maxDecel;
    s.colour = colour;
    return s;
}

VehicleSpec heavy(VehicleKind kind, double length, double width, double mass, double wheelbase,
                  double maxDecel, std::uint32_t colour) {
    VehicleSpec s = car(kind, length, width, mass, wheelbase, maxDecel, colour);
    s.accelFactor = kTruckAccel;
    s.headwayFactor = kTruckHeadway;
    s.speedFactor = kTruckSpeed;
    return s;
}

}  // namespace

VehicleSpec vehicleSpec(VehicleKind kind) {
    // Widths are body widths without mirrors. Colours 0xAARRGGBB: traffic in distinct neutrals per
    // class, patrol units black or white, the fire engine red, the tow truck yellow.
    switch (kind) {
    case VehicleKind::Sedan:
        // Mid-size sedan (Toyota Camry 2018-: 4.88 x 1.84 m, kerb ~1470 kg, wheelbase 2.825 m) [M];
        // identical to the VehicleSpec defaults.
        return car(kind, 4.9, 1.85, 1550.0, 2.8, kCarDecel, 0xFFB0B8C0);
    case VehicleKind::Suv:
        // Mid-size SUV (Toyota Highlander 2020-: 4.95 x 1.93 m, kerb ~1950 kg, wb 2.85 m) [M].
        return car(kind, 4.95, 1.93, 1950.0 + kDriverMass, 2.85, 0.80 * kGravity, 0xFF5A6270);
    case VehicleKind::Pickup:
        // Full-size crew-cab pickup (Ford F-150 SuperCrew 5.5 ft bed: 5.89 x 2.03 m, kerb ~2100 kg,
        // wb 3.68 m) [M]; braking a little below cars (longer, heavier) [M].
        return car(kind, 5.89, 2.03, 2100.0 + kDriverMass, 3.68, 0.78 * kGravity, 0xFF8C8070);
    case VehicleKind::BoxTruck:
        // Class 6 box truck, 26 ft box (Freightliner M2 106: ~10.4 m overall, 102 in = 2.59 m box,
        // GVWR 26,000 lb = 11.8 t; ~9 t typical operating mass, wb ~6.1 m) [M].
        return heavy(kind, 10.4, 2.59, 9000.0, 6.1, kHeavyDecel, 0xFFE8E8E0);
    case VehicleKind::TractorTrailer:
        // Class 8 sleeper tractor (~7.5 m) with a 53 ft (16.15 m) trailer: ~22 m overall, 102 in
        // wide (US federal maximum); 30 t, a typical loaded weight below the 80,000 lb (36.3 t)
        // limit [M]. "Wheelbase" is steer axle to trailer tandem, ~18 m [M]: the rigid-body
        // stand-in for the combination.
        return heavy(kind, 22.0, 2.59, 30000.0, 18.0, kCombinationDecel, 0xFFC0C4C8);
    case VehicleKind::Motorcycle:
        // Touring/standard motorcycle: 2.2 m long, 0.85 m across the bars, 250 kg plus rider,
        // wb 1.5 m [M]; typical riders brake at about 0.7 g, below cars (assumption: no
        // combined-ABS expertise assumed).
        return car(kind, 2.2, 0.85, 250.0 + 85.0, 1.5, 0.70 * kGravity, 0xFF303030);
    case VehicleKind::FireEngine:
        // Type 1 pumper (NFPA 1901; e.g. Pierce Enforcer): ~10.4 m (34 ft), 100 in = 2.54 m body,
        // ~18 t in service, wb ~5.0 m (197 in) [M]. Air brakes: heavy-vehicle braking.
        return heavy(kind, 10.4, 2.54, 18000.0, 5.0, kHeavyDecel, 0xFFC8102E);
    case VehicleKind::TowTruck:
        // Medium-duty rollback (Ford F-550 cab-chassis with a 21 ft bed): ~8.0 m, 96 in = 2.44 m
        // bed, GVWR 19,500 lb = 8.8 t, ~7.5 t with the crew and gear, wb 4.75 m (187 in) [M].
        // Hydraulic brakes, between cars and heavy trucks (0.55 g, assumption).
        return heavy(kind, 8.0, 2.44, 7500.0, 4.75, 0.55 * kGravity, 0xFFF2C200);
    case VehicleKind::PatrolSuv:
        // Ford Police Interceptor Utility (2020-): 198.8 x 78.9 in = 5.05 x 2.00 m, wb 119.1 in =
        // 3.03 m, kerb ~4,750 lb = 2150 kg [M]; plus officer and equipment (~200 kg, assumption).
        return car(kind, 5.05, 2.00, 2350.0, 3.03, kPursuitDecel, 0xFF141414);
    case VehicleKind::PatrolSedan:
        // Dodge Charger Pursuit: 200.8 x 75.0 in = 5.10 x 1.91 m, wb 120.2 in = 3.05 m, kerb
        // ~4,300 lb = 1950 kg [M]; plus officer and equipment (~150 kg, assumption).
        return car(kind, 5.10, 1.91, 2100.0, 3.05, kPursuitDecel, 0xFFF2F2F2);
    case VehicleKind::Motorhome:
        // Class A motorhome, 35 ft: 10.7 m, 102 in = 2.59 m, GVWR ~26,000 lb = 11.8 t, ~11 t
        // travelling, wb ~5.9 m (232 in) [M].
        return heavy(kind, 10.7, 2.59, 11000.0, 5.9, kHeavyDecel, 0xFFE6DCC8);
    }
    return VehicleSpec{};
}

std::vector<MixEntry> defaultFreewayMix() {
    // US urban-interstate class shares [M], FHWA 13-class scheme as reported in HPMS / the Traffic
    // Monitoring Guide: class 2 + 3 (cars, SUVs, pickups, vans) ~84 %, single-unit trucks (5-7)
    // ~4 %, combination trucks (8-13) ~10 %, motorcycles ~1 %, the rest RVs and buses. Class 3 is
    // split between SUVs and pickups in the proportion of US light-truck registrations [M].
    // Rural interstates carry about twice the combination-truck share: set traffic.mix there.
    constexpr std::array<std::pair<VehicleKind, double>, 7> kShares = {{
        {VehicleKind::Sedan, 0.45},
        {VehicleKind::Suv, 0.25},
        {VehicleKind::Pickup, 0.14},
        {VehicleKind::BoxTruck, 0.04},
        {VehicleKind::TractorTrailer, 0.10},
        {VehicleKind::Motorcycle, 0.01},
        {VehicleKind::Motorhome, 0.01},
    }};
    std::vector<MixEntry> mix;
    mix.reserve(kShares.size());
    for (const auto& [kind, share] : kShares) mix.push_back({vehicleSpec(kind), share});
    return mix;
}

double surfaceFriction(Surface surface) {
    switch (surface) {
    case Surface::Dry: return 0.8;  // Bosch, dry asphalt at 90 km/h, new tyre (references.md#braking)
    case Surface::Wet: return 0.5;  // Noon 1994, wet asphalt (references.md#braking)
    case Surface::Snow: return 0.3; // packed snow 0.25-0.35 (references.md#braking, handbook table)
    case Surface::Ice: return 0.1;  // conventional figure, SAE 960959 (references.md#braking)
    }
    return 0.8;
}

namespace {

// Clear air: 20 km, the visibility of a clear day (assumption: beyond any sight distance that
// matters at a stop, so it never limits detection).
constexpr double kClearVisibility = 20000.0;

// Rain: references.md#visibility rain extinction [M, low confidence] sigma = 0.25 R^0.63 /km, Koschmieder
// V = 3.912 / sigma: R = 10 mm/h gives 3.7 km, R = 50 mm/h gives 1.3 km.
constexpr double kRainVisibility = 3700.0;
constexpr double kHeavyRainVisibility = 1300.0;

// The fog presets keep a dry surface on purpose: comparing clear-day with a fog preset then
// isolates the effect of visibility. Fog on a wet road is "thick-fog" plus surface = "wet".
constexpr std::array<ConditionsPreset, 11> kConditions = {{
    {"clear-day", Weather::Clear, Light::Day, kClearVisibility, Surface::Dry,
     "clear air, 20 km (assumption)"},
    {"dusk", Weather::Clear, Light::Dusk, kClearVisibility, Surface::Dry,
     "clear air, 20 km (assumption); twilight detection threshold (references.md#visibility)"},
    {"night", Weather::Clear, Light::Night, kClearVisibility, Surface::Dry,
     "clear air, no street lighting (references.md#visibility)"},
    {"night-lit", Weather::Clear, Light::NightLit, kClearVisibility, Surface::Dry,
     "clear air, street lighting (references.md#visibility)"},
    {"rain", Weather::Rain, Light::Day, kRainVisibility, Surface::Wet,
     "10 mm/h: sigma = 0.25 R^0.63 /km => 3.7 km (references.md#visibility [M]); wet asphalt 0.5 (references.md#braking)"},
    {"rain-night", Weather::Rain, Light::Night, kRainVisibility, Surface::Wet,
     "as rain, at night without street lighting"},
    {"heavy-rain", Weather::Rain, Light::Day, kHeavyRainVisibility, Surface::Wet,
     "50 mm/h: sigma = 0.25 R^0.63 /km => 1.3 km (references.md#visibility [M]); wet asphalt 0.5 (references.md#braking)"},
    {"thick-fog", Weather::Fog, Light::Day, 200.0, Surface::Dry,
     "UK Met Office 'thick fog < 200 m' (references.md#visibility); dry surface to isolate visibility"},
    {"dense-fog", Weather::Fog, Light::Day, 50.0, Surface::Dry,
     "UK Met Office 'dense fog < 50 m' (references.md#visibility); dry surface to isolate visibility"},
    {"snow", Weather::Snow, Light::Day, 1000.0, Surface::Snow,
     "moderate snowfall, about 1 km [M]; packed snow 0.3 (references.md#braking)"},
    {"snow-night", Weather::Snow, Light::Night, 1000.0, Surface::Snow,
     "as snow, at night without street lighting"},
}};

}  // namespace

std::span<const ConditionsPreset> conditionsPresets() { return kConditions; }

const ConditionsPreset* findConditionsPreset(std::string_view name) {
    for (const ConditionsPreset& preset : kConditions)
        if (preset.name == name) return &preset;
    return nullptr;
}

void applyConditions(const ConditionsPreset& preset, Environment& env) {
    env.weather = preset.weather;
    env.light = preset.light;
    env.visibility = preset.visibility;
    env.surface = preset.surface;
    env.friction = surfaceFriction(preset.surface);
}

Vec2 positionBehind(const UnitDef& ahead, const VehicleSpec& spec, double gap, double offset) {
    // Parallel to the road for the gap: bumper-to-bumper distance along s only.
    const double centreGap = 0.5 * ahead.spec.length + gap + 0.5 * spec.length;
    return {ahead.position.x - centreGap, ahead.position.y + offset};
}

}  // namespace sim
