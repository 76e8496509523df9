// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sim/scenario.hpp"

/// Named presets: vehicle classes, the default traffic mix, weather/light conditions, surfaces,
/// and the names the scenario format uses for every enum. One table per concept, each value with
/// its source in a comment (sim/src/presets.cpp).
namespace sim {

/// The preset for a vehicle class (size, mass, braking, IDM class factors, colour).
VehicleSpec vehicleSpec(VehicleKind kind);

/// The default US freeway class mix (shares sum to 1).
std::vector<MixEntry> defaultFreewayMix();

/// Tyre-road friction for a surface (references.md#braking).
double surfaceFriction(Surface surface);

/// A named set of conditions: weather, light, visibility and surface together.
struct ConditionsPreset {
    std::string_view name;        ///< e.g. "dense-fog"
    Weather weather;
    Light light;
    double visibility;            ///< m
    Surface surface;
    std::string_view source;      ///< where the figures come from
};

/// All condition presets, in documentation order.
std::span<const ConditionsPreset> conditionsPresets();
const ConditionsPreset* findConditionsPreset(std::string_view name);

/// Applies a preset to an environment (friction from the surface).
void applyConditions(const ConditionsPreset& preset, Environment& env);

// Names used by the scenario format, outcomes and recordings. name() is total; parse returns
// nullopt for an unknown name. Each list() is every valid name, for messages and docs.
std::string_view name(VehicleKind v);
std::string_view name(UnitRole v);
std::string_view name(UnitLights v);
std::string_view name(Light v);
std::string_view name(Weather v);
std::string_view name(Surface v);
std::string_view name(PersonRole v);
std::string_view name(Place v);
std::string_view name(ApproachSide v);
std::string_view name(DeviceKind v);
std::string_view name(HeadwayModel v);
std::string_view name(DriverState v);

template <typename E> std::optional<E> parseName(std::string_view text);
template <typename E> std::span<const std::string_view> names();

/// Centre of a unit of the given size parked `gap` metres behind `ahead` (front bumper to its rear
/// bumper, along the road), its centreline `offset` metres to the left (toward traffic) of
/// `ahead`'s centreline. Both units are taken as parallel to the road for the gap.
Vec2 positionBehind(const UnitDef& ahead, const VehicleSpec& spec, double gap, double offset);

}  // namespace sim
