// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sim/geometry.hpp"

/// The Box2D wrapper: the only code in sim/ that includes <box2d/...>. The rest of sim/ speaks in
/// domain terms (vehicle, unit, person, cone, guardrail) and reads contacts as data after step().
///
/// Coordinates are the road frame (x = s, y = d), metres; the scene sits near the origin, where
/// Box2D's float precision is best. One PhysicsWorld per World; nothing shared between them.
namespace sim::detail {

enum class BodyKind : std::uint8_t { TrafficVehicle, Unit, Person, Cone, Guardrail };

/// What a body stands for: its kind and its entity index in the World's tables.
struct BodyRef {
    BodyKind kind = BodyKind::TrafficVehicle;
    std::uint32_t entity = 0;
    friend bool operator==(BodyRef, BodyRef) = default;
};

/// Index of a body in its PhysicsWorld. Ids are handed out in increasing order and never reused
/// (not even after remove()), so a stale id can never name another body.
using BodyId = std::int32_t;
inline constexpr BodyId kNoBody = -1;

/// Two bodies began to touch during the last step. A guardrail's BodyRef is
/// {Guardrail, n}, n = 0, 1, ... in the order of addGuardrail() calls.
struct Contact {
    BodyRef a;
    BodyRef b;
    Vec2 point;              ///< m, world contact point
    Vec2 velocityA;          ///< m/s of body a at the contact point, before the impulse
    Vec2 velocityB;          ///< m/s of body b at the contact point, before the impulse
    double relativeSpeed;    ///< m/s, |velocityA - velocityB|
    Vec2 normal;             ///< unit, from body a toward body b
};

/// A person pressed from opposite sides by two bodies (vehicles, units, the guardrail): pinned,
/// as between a pushed patrol car and the car in front of it. Found when the second of the two
/// contacts begins.
struct Pinch {
    BodyRef person;
    BodyRef a;               ///< the body pressing on the person faster
    BodyRef b;               ///< the other
    Vec2 point;              ///< m, the person's centre
    double closingSpeed;     ///< m/s at which a and b close on the person, along the contact normals,
                             ///< the second contact's body before its impulse
};

/// How an axle's wheels turn.
enum class Axle : std::uint8_t {
    Rolling,  ///< free to roll: rolling resistance along the wheels, side grip up to mu N
    Parked,   ///< rolling against a parking brake that holds at most kParkingBrakeHold m g along
              ///< the wheels; the rest of mu N grips sideways (a brake stronger than the tyre's
              ///< grip skids the axle, as Locked)
    Locked,   ///< skidding: mu N against the axle's velocity, no side grip of its own
};

/// The parking brake's holding force, as a share of the vehicle's weight: FMVSS No. 135 (S5.2)
/// requires a light vehicle's parking brake to hold it on a 20 % grade, m g sin(atan 0.2) =
/// 0.196 m g [M]; 0.2 taken.
inline constexpr double kParkingBrakeHold = 0.2;

/// How a free (not driven) wheeled body's axles behave. Forces act at the axles: a skidding axle
/// slides with friction mu N against its velocity; a rolling axle resists sideways slip (up to
/// what its braking leaves of mu N) and rolls on along its wheels' direction, so a pushed unit
/// goes where its front wheels point.
struct Wheels {
    double wheelbase = 2.8;      ///< m, axles at +-wheelbase/2 from the centre
    double frontAngle = 0.0;     ///< rad, front wheels relative to the body; positive = left
    Axle front = Axle::Rolling;
    Axle rear = Axle::Parked;
};

/// How a body is moved.
enum class Motion : std::uint8_t {
    Driven,   ///< velocity commanded every step by a driver or a script (drive())
    Free,     ///< under contact forces and tyre/ground friction only
};

/// One thread at a time per PhysicsWorld; separate PhysicsWorlds share nothing that affects
/// results and may run on different threads. An unknown or removed BodyId, or a bad size, mass
/// or step, is a programming error and aborts.
class PhysicsWorld {
public:
    /// friction: tyre-road coefficient for wheeled bodies; people and cones slide on the ground
    /// with their own coefficients.
    explicit PhysicsWorld(double friction);
    ~PhysicsWorld();
    PhysicsWorld(const PhysicsWorld&) = delete;
    PhysicsWorld& operator=(const PhysicsWorld&) = delete;

    /// A traffic vehicle entering the contact zone, driven, at the given velocity. People and
    /// cones are the bullets (continuous collision), so that no vehicle passes through them;
    /// vehicles and units meet in the discrete solver, which spreads an impact over the touching
    /// faces.
    BodyId addVehicle(BodyRef ref, const OrientedBox& box, double mass, Vec2 velocity, double angularVelocity,
                      const Wheels& wheels);
    /// A parked unit: free, at rest (asleep until something touches it), wheels as given.
    BodyId addUnit(BodyRef ref, const OrientedBox& box, double mass, const Wheels& wheels);
    /// A person on foot, driven by their script; a bullet.
    BodyId addPerson(BodyRef ref, Vec2 position, double radius, double mass);
    /// A traffic cone: free, light, slides when knocked; a bullet.
    BodyId addCone(BodyRef ref, Vec2 position);
    /// A straight guardrail along d = y from s = x0 to x1 (static). It has no BodyId.
    void addGuardrail(double y, double x0, double x1);
    /// Destroys the body. Its id stays dead (never reused); other ids are unaffected.
    void remove(BodyId id);

    /// Commands a driven body's velocity for the next step (and the following ones until the next
    /// drive()). It is imposed at the start of step(); an impact inside the step shows in the
    /// body's velocity until then. Ignored for a free body (switch it to Driven first).
    void drive(BodyId id, Vec2 velocity, double angularVelocity);
    /// Switches a body between driven and free. A body made driven keeps its present velocity as
    /// its command until the next drive().
    void setMotion(BodyId id, Motion motion);
    /// Changes a free wheeled body's axles (e.g. the driver brakes after the crash).
    void setWheels(BodyId id, const Wheels& wheels);

    Pose pose(BodyId id) const;
    Vec2 velocity(BodyId id) const;          ///< m/s of the centre of mass
    double angularVelocity(BodyId id) const; ///< rad/s
    bool awake(BodyId id) const;

    /// Advances by dt in `substeps` equal sub-steps (so that no body moves more than Box2D's
    /// b2_maxTranslation = 2 m per sub-step), applying tyre and ground friction in each.
    /// Clears and refills contacts().
    void step(double dt, int substeps);

    /// Contacts that began during the last step, in the order Box2D reported them.
    std::span<const Contact> contacts() const;
    /// People pinched during the last step (a person touching two bodies on opposite sides, at
    /// least one of them moving toward them), in the order the contacts began.
    std::span<const Pinch> pinches() const;

    /// Bodies alive now (for tests and statistics).
    int bodyCount() const;
    /// Steps that touched nothing and so skipped b2World::Step (for tests and statistics).
    std::int64_t coastedSteps() const;

    struct Impl;

private:
    /// Whether the next step touches nothing: every awake body driven, no contact touching, and
    /// no awake body's box, swept over dt, within reach of another body's.
    bool canCoast(double dt);
    /// That step, without Box2D: the awake bodies move on at their commanded velocities.
    void coast(float h, int substeps);

    std::unique_ptr<Impl> impl_;
};

}  // namespace sim::detail
