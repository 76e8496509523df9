// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/geometry.hpp"
#include "sim/scenario.hpp"

/// Draw-agnostic snapshots of a run, for recordings and the visualizer. No SFML or ImGui here:
/// the viewer reads these and never a World.
namespace sim {

enum class EntityKind : std::uint8_t { TrafficVehicle, Unit, Person, Cone, Flare };

/// What does not change about an entity over a run. Index in World::entities() is stable.
struct EntityInfo {
    std::string id;               ///< "vehicle-87", a unit id, a person id, "cone-3"
    EntityKind kind = EntityKind::TrafficVehicle;
    VehicleKind vehicleKind = VehicleKind::Sedan;  ///< vehicles and units
    UnitRole unitRole = UnitRole::Other;           ///< units
    PersonRole personRole = PersonRole::Officer;   ///< people
    UnitLights lights = UnitLights::None;          ///< units
    double length = 0.0;          ///< m (people: diameter)
    double width = 0.0;           ///< m
    std::uint32_t colour = 0;     ///< 0xAARRGGBB
};

/// Bit flags of an entity's state in a frame.
enum EntityFlag : std::uint16_t {
    kPresent = 1 << 0,     ///< on the road / in the scene this frame
    kBraking = 1 << 1,     ///< decelerating (brake lights)
    kEyesOff = 1 << 2,     ///< driver's eyes off the road
    kCrashed = 1 << 3,     ///< moving under physics after a contact
    kOnFoot = 1 << 4,      ///< person on foot (not inside a unit)
    kStruck = 1 << 5,      ///< person has been struck
    kDetected = 1 << 6,    ///< driver has detected the scene
    kMovingOver = 1 << 7,  ///< driver is moving over / slowing for the scene
    kImpaired = 1 << 8,    ///< drowsy or impaired driver
};

struct EntityState {
    std::uint32_t entity = 0;     ///< index into the entity table
    Pose pose;
    double speed = 0.0;           ///< m/s
    std::uint16_t flags = 0;
};

/// Everything on the road at one instant.
struct Frame {
    double time = 0.0;
    std::vector<EntityState> entities;  ///< only present entities, by entity index
};

enum class EventKind : std::uint8_t { Strike, Collision, ShoulderIntrusion, ClosePass };

/// Something worth marking on a timeline.
struct Event {
    double time = 0.0;
    EventKind kind = EventKind::Strike;
    std::uint32_t subject = 0;    ///< entity: the person struck / passed, the vehicle intruding
    std::uint32_t other = 0;      ///< entity: what struck or passed; == subject when none
    double value = 0.0;           ///< impact / closing speed (m/s), or clearance (m)
    Vec2 position;                ///< m, where it happened
    bool viaPushedUnit = false;   ///< strikes only
};

std::string_view name(EventKind k);
std::string_view name(EntityKind k);

}  // namespace sim
