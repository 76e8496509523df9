// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "physics_world.hpp"

#include "sim/assert.hpp"

#include <box2d/box2d.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>

#include "sim/units.hpp"

namespace sim::detail {
namespace {

using units::kGravity;

// b2World::Step iterations: Box2D's documented defaults (manual, "Simulating the World").
constexpr int kVelocityIterations = 8;
constexpr int kPositionIterations = 3;

// Rolling resistance of a car tyre on asphalt, c_rr ~ 0.01-0.02 [M]; 0.015 taken.
constexpr double kRollingResistance = 0.015;
// A struck person sliding on asphalt: mu ~ 0.6. Assumption: in the 0.45-0.7 range usually used for
// pedestrian slide in throw-distance reconstruction (from memory [M]); no source in references.md.
constexpr double kPersonGroundFriction = 0.6;
// A 28-inch (71 cm) traffic cone: 3-4.5 kg [M], 3.5 kg taken; rubber base on asphalt mu ~ 0.5 [M].
// The 14-inch (36 cm) square base is modelled as a 0.18 m circle (assumption: its footprint).
constexpr double kConeMass = 3.5;
constexpr double kConeRadius = 0.18;
constexpr double kConeGroundFriction = 0.5;

// Fixture materials (Box2D mixes friction as sqrt(f1 f2) and restitution as max(r1, r2)).
// Vehicle-vehicle impacts are largely plastic: restitution ~ 0.1-0.2 [M], 0.15 taken.
constexpr float kVehicleRestitution = 0.15f;
// Contact friction between bodies (sheet metal, clothing, rail): 0.5. Assumption; it only shapes
// glancing impacts, not the tyre-road friction, which is applied as forces below.
constexpr float kContactFriction = 0.5f;
constexpr float kGuardrailRestitution = 0.1f;  ///< assumption: steel rail deforms, little rebound
// People are soft: a struck pedestrian leaves at about the vehicle's speed (wrap/forward
// projection), i.e. a plastic impact [M]. Set on the contact because Box2D mixes with max().
constexpr float kPersonRestitution = 0.0f;

// People never collide with people: a shared negative group index.
constexpr int16 kPersonGroup = -1;

// Fixture user data: kind in the low byte, entity above it. Needs a 64-bit uintptr_t.
static_assert(sizeof(std::uintptr_t) >= 8, "BodyRef is packed into b2FixtureUserData::pointer");

std::uintptr_t encode(BodyRef ref) {
    return (static_cast<std::uintptr_t>(ref.entity) << 8) | static_cast<std::uintptr_t>(ref.kind);
}

BodyRef decode(std::uintptr_t bits) {
    return {static_cast<BodyKind>(bits & 0xffu), static_cast<std::uint32_t>(bits >> 8)};
}

b2Vec2 toB2(Vec2 v) { return {static_cast<float>(v.x), static_cast<float>(v.y)}; }
Vec2 fromB2(b2Vec2 v) { return {static_cast<double>(v.x), static_cast<double>(v.y)}; }


/// Box2D 2.4.1 fills its table of contact types (b2Contact::s_registers) lazily and without a lock,
/// on the first contact created anywhere in the process, so two PhysicsWorlds on different threads
/// could race on it. Create one contact once, under C++'s thread-safe static initialization. This
/// is the one static in the wrapper; it holds no state that results depend on. (Box2D's other
/// globals, the b2_gjk* and b2_toi* statistics counters, are written racily but never read by it:
/// see tests/physics/tsan.supp.)
void initializeBox2dOnce() {
    static const bool initialized = [] {
        b2World w(b2Vec2(0.0f, 0.0f));
        b2CircleShape circle;
        circle.m_radius = 1.0f;
        b2BodyDef d;
        d.type = b2_dynamicBody;
        for (int i = 0; i < 2; ++i) w.CreateBody(&d)->CreateFixture(&circle, 1.0f);
        w.Step(0.01f, 1, 1);
        return w.GetContactCount() > 0;
    }();
    SIM_ASSERT(initialized, "Box2D contact warm-up made no contact");
}

/// Where a body can be by the end of a step (PhysicsWorld::canCoast).
struct Reach {
    b2AABB box;
    bool moving;
    bool person;
};

/// Per-body bookkeeping; the slot index is the BodyId and is stored in b2Body's user data.
struct Slot {
    b2Body* body = nullptr;  // null once removed
    BodyRef ref;
    Motion motion = Motion::Driven;
    bool wheeled = false;       // vehicle or unit: tyre forces at the axles when free
    Wheels wheels;
    double groundFriction = 0.0;  // people and cones: sliding friction when free
    b2Vec2 commandVelocity{0.0f, 0.0f};
    float commandAngularVelocity = 0.0f;
};

/// Friction on the ground at the centre (people, cones): -mu m g v^, but never more than what
/// stops the body within this sub-step (no jitter at rest).
void applyGroundFriction(b2Body& b, double mu, double h) {
    const Vec2 v = fromB2(b.GetLinearVelocity());
    const double speed = length(v);
    if (speed <= 0.0) return;
    const double m = static_cast<double>(b.GetMass());
    const double magnitude = std::min(mu * m * kGravity, m * speed / h);
    b.ApplyForceToCenter(toB2((-magnitude / speed) * v), false);
}

/// Tyre forces at the two axles of a free wheeled body (see Wheels). Each axle's force is at most
/// half of what would zero its own slip within the sub-step: both axles act at once, a Jacobi
/// step relaxed by 1/2 on the coupled two-point problem, which converges without overshoot, so a
/// body at rest stays at rest and the constraint-like side force does not jitter.
///
/// A parked unit's rear axle is Parked, not Locked: the park lock and parking brake are made to
/// hold a car on a grade (kParkingBrakeHold), not against a crash impulse, so the struck car's
/// rear wheels turn against their brake and keep their side grip [assumption]. With locked rear
/// wheels a car pushed from behind is directionally unstable (it spins, whatever its front
/// wheels do); with rolling ones it goes where its front wheels point, as Ford (2003) found in
/// the simulations and the crash test behind the "steering wheel full right" tactic
/// (references.md#positioning, #struck-parked-cars).
void applyTyreForces(b2Body& b, const Wheels& w, double mu, double h) {
    const double m = static_cast<double>(b.GetMass());
    const double inertia = static_cast<double>(b.GetInertia());  // about the centre: shapes are centred
    const double normalLoad = 0.5 * m * kGravity;                // per axle: mass split evenly (assumption)
    const double heading = static_cast<double>(b.GetAngle());
    const Vec2 axis = direction(heading);
    const Vec2 v0 = fromB2(b.GetLinearVelocity());
    const double omega = static_cast<double>(b.GetAngularVelocity());
    const Vec2 centre = fromB2(b.GetWorldCenter());

    // Effective mass of point r (from the centre) along unit direction n.
    const auto effectiveMass = [&](Vec2 r, Vec2 n) {
        const double rn = cross(r, n);
        return 1.0 / (1.0 / m + rn * rn / inertia);
    };

    for (int axle = 0; axle < 2; ++axle) {
        const bool front = axle == 0;
        const Vec2 r = (front ? 0.5 : -0.5) * w.wheelbase * axis;
        const Vec2 v = v0 + omega * leftNormal(r);
        const Axle kind = front ? w.front : w.rear;
        // Braking along the wheels that the axle can take before it skids.
        const double brake = kind == Axle::Parked ? kParkingBrakeHold * m * kGravity : kRollingResistance * normalLoad;
        Vec2 force;
        if (kind == Axle::Locked || brake >= mu * normalLoad) {
            const double speed = length(v);
            if (speed <= 0.0) continue;
            const Vec2 n = (1.0 / speed) * v;
            const double magnitude = std::min(mu * normalLoad, 0.5 * effectiveMass(r, n) * speed / h);
            force = -magnitude * n;
        } else {
            const Vec2 along = front ? direction(heading + w.frontAngle) : axis;
            const Vec2 side = leftNormal(along);
            const double vAlong = dot(v, along);
            const double vSide = dot(v, side);
            const double rolling = std::min(brake, 0.5 * effectiveMass(r, along) * std::abs(vAlong) / h);
            const double fAlong = vAlong > 0.0 ? -rolling : (vAlong < 0.0 ? rolling : 0.0);
            // Friction circle: what is left of mu N after rolling resistance or the brake holds the side.
            const double sideCap = std::sqrt(std::max(0.0, mu * normalLoad * mu * normalLoad - fAlong * fAlong));
            const double fSide = std::clamp(-0.5 * effectiveMass(r, side) * vSide / h, -sideCap, sideCap);
            force = fAlong * along + fSide * side;
        }
        b.ApplyForce(toB2(force), toB2(centre + r), false);
    }
}

}  // namespace

struct PhysicsWorld::Impl {
    /// Appends a Contact for every contact that begins, including those begun by the TOI solver.
    /// It never calls out of the wrapper (P7).
    class Listener final : public b2ContactListener {
    public:
        Listener(std::vector<Contact>& out, std::vector<Pinch>& pinches, const std::vector<Slot>& slots)
            : out_(out), pinches_(pinches), slots_(slots) {}

        /// Two traffic vehicles still under their drivers' control do not push each other: the
        /// traffic model keeps them apart, and the World decides from the reported contact
        /// whether it was a crash (after which both are free and collide normally).
        void PreSolve(b2Contact* contact, const b2Manifold* /*oldManifold*/) override {
            if (drivenVehicle(contact->GetFixtureA()) && drivenVehicle(contact->GetFixtureB()))
                contact->SetEnabled(false);
        }

        void BeginContact(b2Contact* contact) override {
            b2Fixture* fa = contact->GetFixtureA();
            b2Fixture* fb = contact->GetFixtureB();
            const BodyRef a = decode(fa->GetUserData().pointer);
            const BodyRef b = decode(fb->GetUserData().pointer);
            if (a.kind == BodyKind::Person || b.kind == BodyKind::Person)
                contact->SetRestitution(kPersonRestitution);

            b2Body* ba = fa->GetBody();
            b2Body* bb = fb->GetBody();
            b2WorldManifold wm;
            contact->GetWorldManifold(&wm);
            const int n = contact->GetManifold()->pointCount;
            b2Vec2 p{0.0f, 0.0f};
            if (n > 0) {
                for (int i = 0; i < n; ++i) p += wm.points[i];
                p *= 1.0f / static_cast<float>(n);
            } else {
                // Only sensors touch without points, and there are none; keep the contact anyway.
                p = 0.5f * (ba->GetWorldCenter() + bb->GetWorldCenter());
            }
            // Called from Collide or the TOI solver, before this contact's impulse is applied.
            const Vec2 va = fromB2(ba->GetLinearVelocityFromWorldPoint(p));
            const Vec2 vb = fromB2(bb->GetLinearVelocityFromWorldPoint(p));
            out_.push_back({a, b, fromB2(p), va, vb, length(va - vb), fromB2(wm.normal)});
            if (a.kind == BodyKind::Person) findPinch(contact, ba, bb, b, -1.0 * fromB2(wm.normal));
            else if (b.kind == BodyKind::Person) findPinch(contact, bb, ba, a, fromB2(wm.normal));
        }

    private:
        /// A person's new contact with `other` (normal `n` toward the person) pinches them if
        /// they already touch a body on the opposite side. The closing speed is the two bodies'
        /// speeds toward the person, this one's before its impulse.
        void findPinch(b2Contact* begun, b2Body* person, b2Body* other, BodyRef otherRef, Vec2 n) {
            if (otherRef.kind == BodyKind::Person || otherRef.kind == BodyKind::Cone) return;
            const b2Vec2 centre = person->GetWorldCenter();
            const double speed = dot(fromB2(other->GetLinearVelocityFromWorldPoint(centre)), n);
            for (const b2ContactEdge* e = person->GetContactList(); e != nullptr; e = e->next) {
                b2Contact* c = e->contact;
                if (c == begun || !c->IsTouching() || !c->IsEnabled()) continue;
                const bool personIsA = c->GetFixtureA()->GetBody() == person;
                b2Fixture* f = personIsA ? c->GetFixtureB() : c->GetFixtureA();
                const BodyRef ref = decode(f->GetUserData().pointer);
                if (ref.kind == BodyKind::Person || ref.kind == BodyKind::Cone) continue;
                b2WorldManifold wm;
                c->GetWorldManifold(&wm);
                const Vec2 m = (personIsA ? -1.0 : 1.0) * fromB2(wm.normal);
                if (dot(m, n) > -0.5) continue;  // not from opposite sides (120 deg and more apart)
                const double otherSpeed = dot(fromB2(f->GetBody()->GetLinearVelocityFromWorldPoint(centre)), m);
                const double closing = speed + otherSpeed;
                if (closing <= 0.0) continue;
                const BodyRef personRef = decode(begun->GetFixtureA()->GetBody() == person
                                                     ? begun->GetFixtureA()->GetUserData().pointer
                                                     : begun->GetFixtureB()->GetUserData().pointer);
                const bool thisFirst = speed >= otherSpeed;
                pinches_.push_back({personRef, thisFirst ? otherRef : ref, thisFirst ? ref : otherRef, fromB2(centre), closing});
            }
        }

        bool drivenVehicle(b2Fixture* f) const {
            const std::uintptr_t id = f->GetBody()->GetUserData().pointer;
            if (id >= slots_.size()) return false;  // the ground body
            const Slot& s = slots_[id];
            return s.ref.kind == BodyKind::TrafficVehicle && s.motion == Motion::Driven;
        }

        std::vector<Contact>& out_;
        std::vector<Pinch>& pinches_;
        const std::vector<Slot>& slots_;
    };

    explicit Impl(double mu) : friction(mu), listener(contacts, pinches, slots), world(b2Vec2(0.0f, 0.0f)) {
        world.SetContactListener(&listener);
        contacts.reserve(64);
    }

    Slot& slot(BodyId id) {
        SIM_ASSERT(id >= 0 && static_cast<std::size_t>(id) < slots.size() && slots[id].body != nullptr,
                "invalid or removed BodyId");
        return slots[id];
    }
    const Slot& slot(BodyId id) const {
        SIM_ASSERT(id >= 0 && static_cast<std::size_t>(id) < slots.size() && slots[id].body != nullptr,
                "invalid or removed BodyId");
        return slots[id];
    }

    BodyId add(const b2BodyDef& def, const b2FixtureDef& fixture, Slot s) {
        const BodyId id = static_cast<BodyId>(slots.size());
        b2BodyDef d = def;
        d.userData.pointer = static_cast<std::uintptr_t>(id);
        s.body = world.CreateBody(&d);
        s.body->CreateFixture(&fixture);
        slots.push_back(s);
        ++alive;
        return id;
    }

    double friction;
    std::vector<Contact> contacts;
    std::vector<Pinch> pinches;
    std::vector<Reach> reach;  // canCoast()'s scratch
    std::int64_t coasted = 0;
    Listener listener;  // declared before world: outlives it
    b2World world;
    std::vector<Slot> slots;  // indexed by BodyId; ids are never reused
    int alive = 0;
    b2Body* ground = nullptr;  // static body holding the guardrails
    std::uint32_t guardrails = 0;
};

PhysicsWorld::PhysicsWorld(double friction) {
    SIM_ASSERT(std::isfinite(friction) && friction > 0.0, "friction must be finite and > 0");
    initializeBox2dOnce();
    impl_ = std::make_unique<Impl>(friction);
}

PhysicsWorld::~PhysicsWorld() = default;

namespace {

b2FixtureDef materialFixture(const b2Shape& shape, float density, BodyRef ref) {
    b2FixtureDef f;
    f.shape = &shape;
    f.density = density;
    f.friction = kContactFriction;
    f.restitution = kVehicleRestitution;
    f.userData.pointer = encode(ref);
    return f;
}

b2BodyDef boxBodyDef(const OrientedBox& box) {
    b2BodyDef d;
    d.type = b2_dynamicBody;
    d.position = toB2(box.pose.position);
    d.angle = static_cast<float>(box.pose.heading);
    // Not a bullet: Box2D's continuous collision stops a bullet at the first instant of touch and
    // solves the impact there, at the leading corner of two nearly aligned bumpers, which yawed a
    // car struck squarely from behind at ~100 deg/s. Vehicles are 1.7 m and more across and move
    // at most 1 m per sub-step, so the discrete solver never lets them pass through each other;
    // the small bodies (people, cones) are the bullets.
    return d;
}

}  // namespace

BodyId PhysicsWorld::addVehicle(BodyRef ref, const OrientedBox& box, double mass, Vec2 velocity,
                                double angularVelocity, const Wheels& wheels) {
    SIM_ASSERT(box.halfLength > 0.0 && box.halfWidth > 0.0 && mass > 0.0 && wheels.wheelbase > 0.0,
            "addVehicle: bad size, mass or wheelbase");
    b2BodyDef d = boxBodyDef(box);
    d.linearVelocity = toB2(velocity);
    d.angularVelocity = static_cast<float>(angularVelocity);
    b2PolygonShape shape;
    shape.SetAsBox(static_cast<float>(box.halfLength), static_cast<float>(box.halfWidth));
    const double area = 4.0 * box.halfLength * box.halfWidth;
    Slot s;
    s.ref = ref;
    s.motion = Motion::Driven;
    s.wheeled = true;
    s.wheels = wheels;
    s.commandVelocity = d.linearVelocity;
    s.commandAngularVelocity = d.angularVelocity;
    return impl_->add(d, materialFixture(shape, static_cast<float>(mass / area), ref), s);
}

BodyId PhysicsWorld::addUnit(BodyRef ref, const OrientedBox& box, double mass, const Wheels& wheels) {
    SIM_ASSERT(box.halfLength > 0.0 && box.halfWidth > 0.0 && mass > 0.0 && wheels.wheelbase > 0.0,
            "addUnit: bad size, mass or wheelbase");
    b2BodyDef d = boxBodyDef(box);
    d.awake = false;  // parked: costs nothing until something touches it
    b2PolygonShape shape;
    shape.SetAsBox(static_cast<float>(box.halfLength), static_cast<float>(box.halfWidth));
    const double area = 4.0 * box.halfLength * box.halfWidth;
    Slot s;
    s.ref = ref;
    s.motion = Motion::Free;
    s.wheeled = true;
    s.wheels = wheels;
    return impl_->add(d, materialFixture(shape, static_cast<float>(mass / area), ref), s);
}

BodyId PhysicsWorld::addPerson(BodyRef ref, Vec2 position, double radius, double mass) {
    SIM_ASSERT(radius > 0.0 && mass > 0.0, "addPerson: bad radius or mass");
    b2BodyDef d;
    d.type = b2_dynamicBody;
    d.position = toB2(position);
    // A circle's spin means nothing here; fixed rotation also spares a ground-friction torque.
    d.fixedRotation = true;
    // A bullet: continuous collision against the vehicles, so that a 0.5 m person is never passed
    // through by a car moving up to 1 m per sub-step (Box2D manual, "Bullets").
    d.bullet = true;
    b2CircleShape shape;
    shape.m_radius = static_cast<float>(radius);
    b2FixtureDef f = materialFixture(
        shape, static_cast<float>(mass / (std::numbers::pi * radius * radius)), ref);
    f.restitution = kPersonRestitution;
    f.filter.groupIndex = kPersonGroup;
    Slot s;
    s.ref = ref;
    s.motion = Motion::Driven;
    s.groundFriction = kPersonGroundFriction;
    return impl_->add(d, f, s);
}

BodyId PhysicsWorld::addCone(BodyRef ref, Vec2 position) {
    b2BodyDef d;
    d.type = b2_dynamicBody;
    d.position = toB2(position);
    d.fixedRotation = true;
    d.awake = false;
    d.bullet = true;  // small: as a person
    b2CircleShape shape;
    shape.m_radius = static_cast<float>(kConeRadius);
    const b2FixtureDef f = materialFixture(
        shape, static_cast<float>(kConeMass / (std::numbers::pi * kConeRadius * kConeRadius)), ref);
    Slot s;
    s.ref = ref;
    s.motion = Motion::Free;
    s.groundFriction = kConeGroundFriction;
    return impl_->add(d, f, s);
}

void PhysicsWorld::addGuardrail(double y, double x0, double x1) {
    SIM_ASSERT(std::isfinite(y) && std::isfinite(x0) && std::isfinite(x1) && x1 > x0, "addGuardrail: bad extent");
    Impl& w = *impl_;
    if (w.ground == nullptr) {
        b2BodyDef d;  // static by default
        d.userData.pointer = ~std::uintptr_t{0};
        w.ground = w.world.CreateBody(&d);
    }
    b2EdgeShape edge;
    edge.SetTwoSided(toB2({x0, y}), toB2({x1, y}));
    b2FixtureDef f = materialFixture(edge, 0.0f, {BodyKind::Guardrail, w.guardrails++});
    f.restitution = kGuardrailRestitution;
    w.ground->CreateFixture(&f);
}

void PhysicsWorld::remove(BodyId id) {
    Slot& s = impl_->slot(id);
    impl_->world.DestroyBody(s.body);
    s.body = nullptr;
    --impl_->alive;
}

void PhysicsWorld::drive(BodyId id, Vec2 velocity, double angularVelocity) {
    Slot& s = impl_->slot(id);
    s.commandVelocity = toB2(velocity);
    s.commandAngularVelocity = static_cast<float>(angularVelocity);
}

void PhysicsWorld::setMotion(BodyId id, Motion motion) {
    Slot& s = impl_->slot(id);
    if (s.motion == motion) return;
    s.motion = motion;
    if (motion == Motion::Driven) {
        // Carry on as it moves now until the next drive().
        s.commandVelocity = s.body->GetLinearVelocity();
        s.commandAngularVelocity = s.body->GetAngularVelocity();
    } else {
        s.body->SetAwake(true);
    }
}

void PhysicsWorld::setWheels(BodyId id, const Wheels& wheels) {
    Slot& s = impl_->slot(id);
    SIM_ASSERT(s.wheeled && wheels.wheelbase > 0.0, "setWheels: not a wheeled body, or bad wheelbase");
    s.wheels = wheels;
}

Pose PhysicsWorld::pose(BodyId id) const {
    const b2Body& b = *impl_->slot(id).body;
    return {fromB2(b.GetPosition()), static_cast<double>(b.GetAngle())};
}

Vec2 PhysicsWorld::velocity(BodyId id) const { return fromB2(impl_->slot(id).body->GetLinearVelocity()); }

double PhysicsWorld::angularVelocity(BodyId id) const {
    return static_cast<double>(impl_->slot(id).body->GetAngularVelocity());
}

bool PhysicsWorld::awake(BodyId id) const { return impl_->slot(id).body->IsAwake(); }

void PhysicsWorld::step(double dt, int substeps) {
    SIM_ASSERT(std::isfinite(dt) && dt > 0.0 && substeps >= 1, "step: dt must be > 0 and substeps >= 1");
    Impl& w = *impl_;
    w.contacts.clear();
    w.pinches.clear();

    // Driven bodies take their command once per step: when nothing touches them they keep it
    // through the sub-steps exactly (no gravity, no damping, no forces); when something does,
    // the impact shows for the rest of this step and the driver takes over again at the next.
    for (b2Body* b = w.world.GetBodyList(); b != nullptr; b = b->GetNext()) {
        if (b->GetType() == b2_staticBody) continue;
        const Slot& s = w.slots[b->GetUserData().pointer];
        if (s.motion != Motion::Driven) continue;
        b->SetLinearVelocity(s.commandVelocity);
        b->SetAngularVelocity(s.commandAngularVelocity);
    }

    const double h = dt / substeps;
    if (canCoast(dt)) {
        coast(static_cast<float>(h), substeps);
        ++w.coasted;
        return;
    }
    for (int i = 0; i < substeps; ++i) {
        for (b2Body* b = w.world.GetBodyList(); b != nullptr; b = b->GetNext()) {
            if (b->GetType() == b2_staticBody || !b->IsAwake()) continue;
            const Slot& s = w.slots[b->GetUserData().pointer];
            if (s.motion != Motion::Free) continue;
            if (s.wheeled)
                applyTyreForces(*b, s.wheels, w.friction, h);
            else
                applyGroundFriction(*b, s.groundFriction, h);
        }
        w.world.Step(static_cast<float>(h), kVelocityIterations, kPositionIterations);
    }
}

namespace {

/// The body's outline's bounding box at its present transform (every fixture).
b2AABB boundsOf(const b2Body& b) {
    b2AABB box{b.GetPosition(), b.GetPosition()};
    bool first = true;
    for (const b2Fixture* f = b.GetFixtureList(); f != nullptr; f = f->GetNext()) {
        for (int32 child = 0; child < f->GetShape()->GetChildCount(); ++child) {
            b2AABB a;
            f->GetShape()->ComputeAABB(&a, b.GetTransform(), child);
            if (first) box = a;
            else box.Combine(a);
            first = false;
        }
    }
    return box;
}

}  // namespace

bool PhysicsWorld::canCoast(double dt) {
    // Contacts begin within Box2D's skins (2 x b2_polygonRadius = 2 cm); a margin well above it.
    constexpr float kMargin = 0.05f;
    Impl& w = *impl_;
    for (b2Contact* c = w.world.GetContactList(); c != nullptr; c = c->GetNext())
        if (c->IsTouching()) return false;
    std::vector<Reach>& reach = w.reach;
    reach.clear();
    for (b2Body* b = w.world.GetBodyList(); b != nullptr; b = b->GetNext()) {
        if (b->GetFixtureList() == nullptr) continue;
        b2AABB box = boundsOf(*b);
        const bool moving = b->GetType() != b2_staticBody && b->IsAwake();
        bool person = false;
        if (b->GetType() != b2_staticBody) {
            const Slot& s = w.slots[b->GetUserData().pointer];
            if (moving && s.motion == Motion::Free) return false;  // tyre and ground forces: Box2D's work
            person = s.ref.kind == BodyKind::Person;
        }
        if (moving) {
            // Swept over the step: the box at the end, the rotation's sweep of the half-diagonal.
            const b2Vec2 d = static_cast<float>(dt) * b->GetLinearVelocity();
            const b2Vec2 half = 0.5f * (box.upperBound - box.lowerBound);
            const float turn = std::abs(b->GetAngularVelocity()) * static_cast<float>(dt) * half.Length();
            const b2Vec2 grow{kMargin + turn, kMargin + turn};
            b2AABB end;
            end.lowerBound = box.lowerBound + d;
            end.upperBound = box.upperBound + d;
            box.Combine(end);
            box.lowerBound -= grow;
            box.upperBound += grow;
        }
        reach.push_back({box, moving, person});
    }
    for (std::size_t i = 0; i < reach.size(); ++i)
        for (std::size_t j = i + 1; j < reach.size(); ++j) {
            if (!reach[i].moving && !reach[j].moving) continue;
            if (reach[i].person && reach[j].person) continue;  // people never collide with people
            if (b2TestOverlap(reach[i].box, reach[j].box)) return false;
        }
    return true;
}

void PhysicsWorld::coast(float h, int substeps) {
    // What b2World::Step does to a driven body that touches nothing (b2Island::Solve: no
    // gravity, no force, no damping; the b2_maxTranslation and b2_maxRotation caps; then
    // c += h v, a += h w per sub-step), without Box2D's per-step profile timers and passes.
    Impl& w = *impl_;
    for (b2Body* b = w.world.GetBodyList(); b != nullptr; b = b->GetNext()) {
        if (b->GetType() == b2_staticBody || !b->IsAwake()) continue;
        b2Vec2 c = b->GetWorldCenter();
        float a = b->GetAngle();
        b2Vec2 v = b->GetLinearVelocity();
        float omega = b->GetAngularVelocity();
        for (int i = 0; i < substeps; ++i) {
            const b2Vec2 translation = h * v;
            if (b2Dot(translation, translation) > b2_maxTranslationSquared) v *= b2_maxTranslation / translation.Length();
            const float rotation = h * omega;
            if (rotation * rotation > b2_maxRotationSquared) omega *= b2_maxRotation / b2Abs(rotation);
            c += h * v;
            a += h * omega;
        }
        b->SetTransform(c - b2Mul(b2Rot(a), b->GetLocalCenter()), a);
        b->SetLinearVelocity(v);
        b->SetAngularVelocity(omega);
    }
}

std::span<const Contact> PhysicsWorld::contacts() const { return impl_->contacts; }

std::span<const Pinch> PhysicsWorld::pinches() const { return impl_->pinches; }

int PhysicsWorld::bodyCount() const { return impl_->alive; }

std::int64_t PhysicsWorld::coastedSteps() const { return impl_->coasted; }

}  // namespace sim::detail
