// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <bit>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <catch2/catch.hpp>

#include "physics_world.hpp"
#include "sim/units.hpp"

namespace {

using sim::OrientedBox;
using sim::Pose;
using sim::Vec2;
using namespace sim::detail;

constexpr double kDt = 0.05;              // s, the World's step
constexpr double kG = sim::units::kGravity;
constexpr double kRollingResistance = 0.015;  // as in physics_world.cpp
constexpr double kPersonRadius = 0.25;     // m: a person 0.5 m wide
constexpr double kPersonMass = 80.0;       // kg

constexpr BodyRef kCarRef{BodyKind::TrafficVehicle, 7};
constexpr BodyRef kUnitRef{BodyKind::Unit, 2};
constexpr BodyRef kPersonRef{BodyKind::Person, 3};

OrientedBox carBox(Vec2 p, double heading = 0.0) { return {{p, heading}, 2.3, 0.9}; }   // 4.6 x 1.8 m
OrientedBox unitBox(Vec2 p, double heading = 0.0) { return {{p, heading}, 2.5, 1.0}; }  // 5.0 x 2.0 m

constexpr Wheels kLocked{2.8, 0.0, Axle::Locked, Axle::Locked};
constexpr Wheels kRolling{2.8, 0.0, Axle::Rolling, Axle::Rolling};

bool joins(const Contact& c, BodyRef x, BodyRef y) { return (c.a == x && c.b == y) || (c.a == y && c.b == x); }

std::optional<Contact> find(std::span<const Contact> cs, BodyRef x, BodyRef y) {
    for (const Contact& c : cs)
        if (joins(c, x, y)) return c;
    return std::nullopt;
}

std::optional<Contact> findKind(std::span<const Contact> cs, BodyKind k) {
    for (const Contact& c : cs)
        if (c.a.kind == k || c.b.kind == k) return c;
    return std::nullopt;
}

/// Velocity of `who` in the contact, whichever side it is on.
Vec2 velocityOf(const Contact& c, BodyRef who) { return c.a == who ? c.velocityA : c.velocityB; }

/// Steps until the body's speed is ~0 (or it sleeps); returns the time taken.
double runToRest(PhysicsWorld& w, BodyId id, double maxTime, int substeps = 4) {
    double t = 0.0;
    while (t < maxTime && (w.awake(id) && sim::length(w.velocity(id)) > 1e-4)) {
        w.step(kDt, substeps);
        t += kDt;
    }
    return t;
}

struct Strike {
    std::optional<Contact> contact;
    double personSpeedAfter = 0.0;
};

/// A driven car at `speed` along +s toward a person standing (driven at zero) at (0, personY).
Strike carStrikesStandingPerson(double speed, int substeps, double personY) {
    PhysicsWorld w(0.8);
    const BodyId car = w.addVehicle(kCarRef, carBox({-20.0, 0.0}), 1500.0, {speed, 0.0}, 0.0, kRolling);
    const BodyId person = w.addPerson(kPersonRef, {0.0, personY}, kPersonRadius, kPersonMass);
    for (int k = 0; k < 40; ++k) {
        w.drive(car, {speed, 0.0}, 0.0);
        w.drive(person, {0.0, 0.0}, 0.0);
        w.step(kDt, substeps);
        if (auto c = find(w.contacts(), kCarRef, kPersonRef)) return {c, sim::length(w.velocity(person))};
    }
    return {};
}

}  // namespace

TEST_CASE("A 45 m/s car striking a standing person is reported at the impact speed", "[physics]") {
    SECTION("head on, at the World's sub-step counts, and at 60 m/s") {
        for (auto [speed, substeps] : {std::pair{45.0, 3}, std::pair{45.0, 4}, std::pair{60.0, 4}}) {
            CAPTURE(speed, substeps);
            const Strike s = carStrikesStandingPerson(speed, substeps, 0.0);
            REQUIRE(s.contact);
            CHECK(s.contact->relativeSpeed == Approx(speed).epsilon(0.02));
            // Velocities are taken before the impulse: the person is still standing, the car at speed.
            CHECK(sim::length(velocityOf(*s.contact, kPersonRef)) < 0.02 * speed);
            CHECK(velocityOf(*s.contact, kCarRef).x == Approx(speed).epsilon(0.02));
            // The contact is on the person's outline, on the side facing the car.
            CHECK(s.contact->point.x == Approx(-kPersonRadius).margin(0.1));
            // And the impulse was applied: the person is thrown.
            CHECK(s.personSpeedAfter > 0.5 * speed);
        }
    }
    SECTION("grazing: a person at the car's lateral edge is caught, one 5 cm clear is not") {
        const double edge = 0.9;  // the car's half width
        const Strike half = carStrikesStandingPerson(45.0, 4, edge);  // half the person in the car's path
        REQUIRE(half.contact);
        CHECK(half.contact->relativeSpeed == Approx(45.0).epsilon(0.02));
        const Strike sliver = carStrikesStandingPerson(45.0, 4, edge + kPersonRadius - 0.05);  // 5 cm overlap
        REQUIRE(sliver.contact);
        CHECK(sliver.contact->relativeSpeed == Approx(45.0).epsilon(0.02));
        const Strike clear = carStrikesStandingPerson(45.0, 4, edge + kPersonRadius + 0.05);
        CHECK_FALSE(clear.contact);
    }
}

TEST_CASE("A driven body follows its commanded velocity exactly when unobstructed", "[physics]") {
    PhysicsWorld w(0.8);
    const BodyId car = w.addVehicle(kCarRef, carBox({-20.0, 3.0}), 1500.0, {45.0, 0.0}, 0.0, kRolling);
    const BodyId person = w.addPerson(kPersonRef, {0.0, -2.0}, kPersonRadius, kPersonMass);
    for (int k = 0; k < 20; ++k) {  // 1 s at 45 m/s
        w.drive(car, {45.0, 0.0}, 0.0);
        w.drive(person, {1.5, 0.0}, 0.0);
        w.step(kDt, 4);
    }
    CHECK(w.pose(car).position.x - (-20.0) == Approx(45.0).epsilon(0.01));
    CHECK(w.pose(car).position.x - (-20.0) == Approx(45.0).margin(1e-3));  // float, but no drift
    CHECK(w.pose(car).position.y == Approx(3.0).margin(1e-6));
    CHECK(w.pose(person).position.x == Approx(1.5).margin(1e-4));
    CHECK(w.contacts().empty());

    // A new command, with a yaw rate: 1 s at (40, -2) m/s and 0.1 rad/s.
    for (int k = 0; k < 20; ++k) {
        w.drive(car, {40.0, -2.0}, 0.1);
        w.step(kDt, 4);
    }
    CHECK(w.pose(car).position.x == Approx(-20.0 + 45.0 + 40.0).margin(2e-3));
    CHECK(w.pose(car).position.y == Approx(3.0 - 2.0).margin(1e-3));
    CHECK(w.pose(car).heading == Approx(0.1).margin(1e-5));
    CHECK(w.velocity(car).x == Approx(40.0).margin(1e-4));
    CHECK(w.angularVelocity(car) == Approx(0.1).margin(1e-6));

    // Why sub-steps: Box2D caps a body's translation at b2_maxTranslation = 2 m per b2World::Step,
    // so a single 0.05 s Step would clamp 45 m/s to 40 m/s.
    PhysicsWorld once(0.8);
    const BodyId fast = once.addVehicle(kCarRef, carBox({0.0, 0.0}), 1500.0, {45.0, 0.0}, 0.0, kRolling);
    once.step(kDt, 1);
    CHECK(once.pose(fast).position.x == Approx(2.0).margin(1e-4));
}

namespace {

struct RearEnd {
    BodyId car = kNoBody;
    BodyId unit = kNoBody;
    BodyId person = kNoBody;
};

/// A 1500 kg car driven at `speed` into the back of a parked 2000 kg unit at the origin; the car is
/// released (free, all wheels locked) in the step the contact begins. Returns after that step.
RearEnd rearEnd(PhysicsWorld& w, double speed, const Wheels& unitWheels, bool personInFront) {
    RearEnd r;
    r.unit = w.addUnit(kUnitRef, unitBox({0.0, 0.0}), 2000.0, unitWheels);
    if (personInFront)  // 3 m in front of the unit's front bumper
        r.person = w.addPerson(kPersonRef, {2.5 + 3.0 + kPersonRadius, 0.0}, kPersonRadius, kPersonMass);
    r.car = w.addVehicle(kCarRef, carBox({-15.0, 0.0}), 1500.0, {speed, 0.0}, 0.0, kLocked);
    REQUIRE_FALSE(w.awake(r.unit));  // parked units start asleep
    for (int k = 0; k < 40; ++k) {
        w.drive(r.car, {speed, 0.0}, 0.0);
        if (r.person != kNoBody) w.drive(r.person, {0.0, 0.0}, 0.0);
        w.step(kDt, 4);
        if (auto c = find(w.contacts(), kCarRef, kUnitRef)) {
            CHECK(c->relativeSpeed == Approx(speed).epsilon(0.02));
            w.setMotion(r.car, Motion::Free);
            w.setWheels(r.car, kLocked);
            return r;
        }
    }
    FAIL("the car never reached the unit");
    return r;
}

}  // namespace

TEST_CASE("A car striking a parked unit pushes it, and the pushed unit strikes a person", "[physics]") {
    constexpr double v = 25.0;
    constexpr double mu = 0.8;
    const Wheels parked{2.9, 0.0, Axle::Rolling, Axle::Parked};  // parked: rear braked, front rolling, straight

    SECTION("momentum and the unit's roll-out") {
        PhysicsWorld w(mu);
        const RearEnd r = rearEnd(w, v, parked, false);
        // Largely plastic: separation / approach speed = restitution 0.15 [M], give or take the
        // tyres' work in the rest of the step.
        const double restitution = (w.velocity(r.unit).x - w.velocity(r.car).x) / v;
        CHECK(restitution > 0.05);
        CHECK(restitution < 0.3);
        w.step(kDt, 4);  // let the impact finish
        const double unitSpeed = sim::length(w.velocity(r.unit));
        const double carSpeed = sim::length(w.velocity(r.car));
        CHECK(w.awake(r.unit));
        CHECK(w.velocity(r.unit).x > 0.0);
        // Near-plastic: 1500/3500 * 25 = 10.7 m/s if fully plastic, 12.3 m/s with e = 0.15.
        CHECK(unitSpeed > 0.3 * v);
        CHECK(unitSpeed < 0.7 * v);
        CHECK(carSpeed < unitSpeed);
        // Momentum is kept up to what the tyres took in ~0.1 s; no energy is created.
        const double p = 1500.0 * w.velocity(r.car).x + 2000.0 * w.velocity(r.unit).x;
        CHECK(p < 1500.0 * v);
        CHECK(p > 0.9 * 1500.0 * v);
        CHECK(0.5 * 1500.0 * carSpeed * carSpeed + 0.5 * 2000.0 * unitSpeed * unitSpeed < 0.5 * 1500.0 * v * v);

        // Rear axle rolling against the parking brake (kParkingBrakeHold m g), front rolling
        // (c_rr N, half the weight): a = g (hold + c_rr / 2), distance v^2 / (2a).
        const double x0 = w.pose(r.unit).position.x;
        const double t = runToRest(w, r.unit, 10.0);
        CHECK(t < 10.0);
        const double expected = unitSpeed * unitSpeed / (2.0 * kG * (kParkingBrakeHold + 0.5 * kRollingResistance));
        CHECK(w.pose(r.unit).position.x - x0 == Approx(expected).epsilon(0.05));
        // Straight: both axles keep their side grip.
        CHECK(std::abs(w.pose(r.unit).position.y) < 0.05);
        CHECK(std::abs(w.pose(r.unit).heading) < 0.01);
        for (int k = 0; k < 30; ++k) w.step(kDt, 4);  // Box2D sleeps a body 0.5 s after it stops
        CHECK_FALSE(w.awake(r.unit));
    }
    SECTION("the pushed unit strikes a person standing 3 m in front of it") {
        PhysicsWorld w(mu);
        const RearEnd r = rearEnd(w, v, parked, true);
        std::optional<Contact> strike;
        for (int k = 0; k < 40 && !strike; ++k) {
            w.drive(r.person, {0.0, 0.0}, 0.0);
            w.step(kDt, 4);
            strike = find(w.contacts(), kUnitRef, kPersonRef);
        }
        REQUIRE(strike);
        CHECK(velocityOf(*strike, kUnitRef).x > 0.3 * v);  // ~11 m/s after 3 m of roll-out
        CHECK(strike->relativeSpeed > 0.3 * v);
        CHECK(strike->relativeSpeed < 0.7 * v);
        CHECK(!find(w.contacts(), kCarRef, kPersonRef));
    }
}

namespace {

/// Final pose of a parked unit (rear braked, front rolling at frontAngle) pushed from behind.
Pose pushedUnit(double frontAngle) {
    PhysicsWorld w(0.8);
    const RearEnd r = rearEnd(w, 15.0, Wheels{2.9, frontAngle, Axle::Rolling, Axle::Parked}, false);
    runToRest(w, r.unit, 10.0);
    return w.pose(r.unit);
}

}  // namespace

TEST_CASE("A pushed unit goes where its front wheels point", "[physics]") {
    const Pose straight = pushedUnit(0.0);
    const Pose left = pushedUnit(+0.4);
    const Pose right = pushedUnit(-0.4);
    CAPTURE(straight.position.x, straight.position.y, left.position.x, left.position.y, left.heading,
            right.position.x, right.position.y, right.heading);
    CHECK(straight.position.x > 3.0);
    CHECK(std::abs(straight.position.y) < 0.1);
    CHECK(std::abs(straight.heading) < 0.03);
    CHECK(left.position.y > straight.position.y + 0.5);
    CHECK(left.heading > 0.1);
    CHECK(right.position.y < straight.position.y - 0.5);
    CHECK(right.heading < -0.1);
    // Mirror images of each other.
    CHECK(left.position.y == Approx(-right.position.y).epsilon(0.02));
}

TEST_CASE("Locked-wheel stopping distance is v^2/(2 mu g)", "[physics]") {
    for (const double mu : {0.8, 0.3}) {
        CAPTURE(mu);
        constexpr double v = 20.0;
        PhysicsWorld w(mu);
        const BodyId car = w.addVehicle(kCarRef, carBox({0.0, 0.0}), 1500.0, {v, 0.0}, 0.0, kLocked);
        w.setMotion(car, Motion::Free);
        const double t = runToRest(w, car, 20.0);
        CHECK(t == Approx(v / (mu * kG)).margin(2 * kDt));
        CHECK(w.pose(car).position.x == Approx(v * v / (2.0 * mu * kG)).epsilon(0.02));
        CHECK(std::abs(w.pose(car).position.y) < 1e-3);
    }
}

TEST_CASE("A free vehicle on rolling wheels coasts with rolling resistance only", "[physics]") {
    PhysicsWorld w(0.8);
    const BodyId car = w.addVehicle(kCarRef, carBox({0.0, 0.0}), 1500.0, {10.0, 0.0}, 0.0, kRolling);
    w.setMotion(car, Motion::Free);
    for (int k = 0; k < 40; ++k) w.step(kDt, 4);  // 2 s
    CHECK(w.velocity(car).x == Approx(10.0 - kRollingResistance * kG * 2.0).margin(0.01));
}

TEST_CASE("A car driven into the guardrail makes a guardrail contact", "[physics]") {
    PhysicsWorld w(0.8);
    w.addGuardrail(-1.0, -10.0, 200.0);
    const Vec2 vel = 25.0 * sim::direction(-0.3);
    const BodyId car = w.addVehicle(kCarRef, carBox({0.0, 2.0}, -0.3), 1500.0, vel, 0.0, kRolling);
    std::optional<Contact> hit;
    double lowest = 1e9;
    for (int k = 0; k < 40; ++k) {
        w.drive(car, vel, 0.0);
        w.step(kDt, 4);
        if (!hit) hit = findKind(w.contacts(), BodyKind::Guardrail);
        lowest = std::min(lowest, w.pose(car).position.y);
    }
    REQUIRE(hit);
    const BodyRef rail{BodyKind::Guardrail, 0};
    CHECK(joins(*hit, kCarRef, rail));
    CHECK(hit->point.y == Approx(-1.0).margin(0.05));
    CHECK(hit->relativeSpeed == Approx(25.0).epsilon(0.02));
    CHECK(lowest > -1.0);  // pressed against the rail, never through it
}

TEST_CASE("A body thrown across a thin guardrail within one sub-step is caught (TOI contact)", "[physics]") {
    // At 45 m/s a sub-step of 0.0125 s moves 0.5625 m, more than a person's 0.5 m width; with the
    // rail at y = -3.09375 the person's sub-step positions (-2.8125, -3.375) straddle it without
    // touching, so only the time-of-impact solver sees the contact.
    PhysicsWorld w(0.8);
    w.addGuardrail(-3.09375, -10.0, 10.0);
    w.addGuardrail(-50.0, -10.0, 10.0);  // a second rail: entity 1 names it
    const BodyId person = w.addPerson(kPersonRef, {0.0, 0.0}, kPersonRadius, kPersonMass);
    std::optional<Contact> hit;
    for (int k = 0; k < 4 && !hit; ++k) {
        w.drive(person, {0.0, -45.0}, 0.0);
        w.step(kDt, 4);
        hit = findKind(w.contacts(), BodyKind::Guardrail);
    }
    REQUIRE(hit);
    CHECK(joins(*hit, kPersonRef, BodyRef{BodyKind::Guardrail, 0}));
    CHECK(hit->relativeSpeed == Approx(45.0).epsilon(0.02));
    CHECK(w.pose(person).position.y > -3.09375);
}

TEST_CASE("Free people and cones slide to a stop, people pass through people", "[physics]") {
    SECTION("a struck person slides v^2/(2 mu g) with mu = 0.6") {
        PhysicsWorld w(0.8);
        const BodyId person = w.addPerson(kPersonRef, {0.0, 0.0}, kPersonRadius, kPersonMass);
        w.drive(person, {6.0, 0.0}, 0.0);
        w.step(kDt, 4);
        w.setMotion(person, Motion::Free);
        const double x0 = w.pose(person).position.x;
        CHECK(runToRest(w, person, 5.0) < 5.0);
        CHECK(w.pose(person).position.x - x0 == Approx(36.0 / (2.0 * 0.6 * kG)).epsilon(0.03));
        for (int k = 0; k < 30; ++k) w.step(kDt, 4);
        CHECK_FALSE(w.awake(person));
    }
    SECTION("a knocked cone moves, then stops") {
        PhysicsWorld w(0.8);
        const BodyRef coneRef{BodyKind::Cone, 11};
        const BodyId cone = w.addCone(coneRef, {0.0, 0.0});
        CHECK_FALSE(w.awake(cone));
        const BodyId car = w.addVehicle(kCarRef, carBox({-10.0, 0.8}), 1500.0, {15.0, 0.0}, 0.0, kRolling);
        std::optional<Contact> hit;
        for (int k = 0; k < 20 && !hit; ++k) {
            w.drive(car, {15.0, 0.0}, 0.0);
            w.step(kDt, 4);
            hit = find(w.contacts(), kCarRef, coneRef);
        }
        REQUIRE(hit);
        CHECK(hit->relativeSpeed == Approx(15.0).epsilon(0.02));
        w.remove(car);
        w.step(kDt, 4);
        CHECK(w.contacts().empty());  // cleared by every step
        CHECK(sim::length(w.velocity(cone)) > 5.0);
        CHECK(runToRest(w, cone, 10.0) < 10.0);
        CHECK(sim::length(w.pose(cone).position) > 1.0);
    }
    SECTION("people do not collide with people") {
        PhysicsWorld w(0.8);
        const BodyRef otherRef{BodyKind::Person, 4};
        const BodyId a = w.addPerson(kPersonRef, {-1.0, 0.0}, kPersonRadius, kPersonMass);
        const BodyId b = w.addPerson(otherRef, {1.0, 0.0}, kPersonRadius, kPersonMass);
        const BodyId slider = w.addPerson(BodyRef{BodyKind::Person, 5}, {-3.0, 0.1}, kPersonRadius, kPersonMass);
        w.drive(slider, {8.0, 0.0}, 0.0);
        w.step(kDt, 4);
        w.setMotion(slider, Motion::Free);  // slides through both
        for (int k = 0; k < 40; ++k) {
            w.drive(a, {1.5, 0.0}, 0.0);
            w.drive(b, {-1.5, 0.0}, 0.0);
            w.step(kDt, 4);
            CHECK(w.contacts().empty());
        }
        CHECK(w.pose(a).position.x == Approx(-1.0 + 3.0).margin(1e-4));
        CHECK(w.pose(b).position.x == Approx(1.0 - 3.0).margin(1e-4));
        CHECK(w.pose(a).position.y == Approx(0.0).margin(1e-6));
        CHECK(w.pose(slider).position.x > 1.5);
    }
}

TEST_CASE("A square strike from behind by a slightly angled car does not spin the struck unit", "[physics]") {
    // Two bumpers meet nearly face to face: the impact acts across the overlap, not at the car's
    // leading corner (2.3 deg of angle puts that corner 7 cm ahead of the other). Box2D's
    // continuous collision of a bullet solved the whole impact at that corner and spun the
    // unit at ~100 deg/s; vehicles are not bullets.
    PhysicsWorld w(0.8);
    const BodyId unit = w.addUnit(kUnitRef, unitBox({0.0, 0.0}), 2000.0, Wheels{2.9, 0.0, Axle::Rolling, Axle::Parked});
    const double heading = -2.3 * sim::units::kDegree;
    const Vec2 vel = 25.0 * sim::direction(heading);
    const BodyId car = w.addVehicle(kCarRef, carBox({-10.0, 0.05}, heading), 1500.0, vel, 0.0, kRolling);
    bool hit = false;
    for (int k = 0; k < 20 && !hit; ++k) {
        w.drive(car, vel, 0.0);
        w.step(kDt, 4);
        hit = find(w.contacts(), kCarRef, kUnitRef).has_value();
    }
    REQUIRE(hit);
    w.setMotion(car, Motion::Free);
    for (int k = 0; k < 6; ++k) w.step(kDt, 4);  // 0.3 s
    CHECK(w.velocity(unit).x > 8.0);
    CHECK(std::abs(w.angularVelocity(unit)) < 0.2);            // rad/s
    CHECK(std::abs(w.pose(unit).heading) < 3.0 * sim::units::kDegree);
}

TEST_CASE("A person driven against a parked unit by a moving one is reported pinched", "[physics]") {
    PhysicsWorld w(0.8);
    const BodyRef wallRef{BodyKind::Unit, 1};
    const BodyId wall = w.addUnit(wallRef, unitBox({6.0, 0.0}), 2000.0, Wheels{});
    const BodyId person = w.addPerson(kPersonRef, {6.0 - 2.5 - kPersonRadius - 0.01, 0.0}, kPersonRadius, kPersonMass);
    const BodyId pusher = w.addUnit(kUnitRef, unitBox({-2.0, 0.0}), 2000.0, Wheels{});
    w.setMotion(pusher, Motion::Driven);
    w.setMotion(person, Motion::Free);
    std::optional<Pinch> seen;
    for (int k = 0; k < 20 && !seen; ++k) {
        w.drive(pusher, {6.0, 0.0}, 0.0);
        w.step(kDt, 4);
        if (!w.pinches().empty()) seen = w.pinches().front();
    }
    REQUIRE(seen);
    CHECK(seen->person == kPersonRef);
    CHECK(seen->a == kUnitRef);   // the one pressing
    CHECK(seen->b == wallRef);
    CHECK(seen->closingSpeed == Approx(6.0).epsilon(0.2));
    CHECK(w.pose(wall).position.x >= 6.0 - 1e-3);

    // Touching one body only is no pinch.
    PhysicsWorld free(0.8);
    const BodyId alone = free.addPerson(kPersonRef, {0.0, 0.0}, kPersonRadius, kPersonMass);
    const BodyId car = free.addVehicle(kCarRef, carBox({-5.0, 0.0}), 1500.0, {10.0, 0.0}, 0.0, kRolling);
    free.setMotion(alone, Motion::Free);
    for (int k = 0; k < 20; ++k) {
        free.drive(car, {10.0, 0.0}, 0.0);
        free.step(kDt, 4);
        CHECK(free.pinches().empty());
    }
}

TEST_CASE("A step in which nothing can touch moves driven bodies as Box2D's step would, bit for bit", "[physics]") {
    // `coasting` has nothing but two driven bodies far apart, so its steps skip b2World::Step;
    // `stepping` also holds a person touching a parked unit far away, so Box2D steps it.
    PhysicsWorld coasting(0.8), stepping(0.8);
    std::vector<BodyId> cars, people;
    for (PhysicsWorld* w : {&coasting, &stepping}) {
        cars.push_back(w->addVehicle(kCarRef, carBox({-20.0, 3.0}, 0.02), 1500.0, {40.0, -2.0}, 0.1, kRolling));
        people.push_back(w->addPerson(kPersonRef, {0.0, -2.0}, kPersonRadius, kPersonMass));
    }
    const BodyId wall = stepping.addUnit({BodyKind::Unit, 9}, unitBox({500.0, 500.0}), 2000.0, Wheels{});
    const BodyId leaning = stepping.addPerson({BodyKind::Person, 8}, {500.0 - 2.5 - kPersonRadius, 500.0}, kPersonRadius, kPersonMass);
    for (int k = 0; k < 40; ++k) {
        for (std::size_t i = 0; i < 2; ++i) {
            PhysicsWorld& w = i == 0 ? coasting : stepping;
            w.drive(cars[i], {40.0, -2.0 + 0.05 * k}, 0.1);
            w.drive(people[i], {0.0, 1.4}, 0.0);
        }
        stepping.drive(leaning, {1.0, 0.0}, 0.0);  // keeps pressing on the unit: Box2D must step
        coasting.step(kDt, 3);
        stepping.step(kDt, 3);
        REQUIRE(stepping.awake(wall));  // woken by the person's contact: Box2D stepped
        for (std::size_t i = 0; i < 2; ++i) {
            const BodyId a = i == 0 ? cars[0] : people[0], b = i == 0 ? cars[1] : people[1];
            CHECK(std::bit_cast<std::uint64_t>(coasting.pose(a).position.x) == std::bit_cast<std::uint64_t>(stepping.pose(b).position.x));
            CHECK(std::bit_cast<std::uint64_t>(coasting.pose(a).position.y) == std::bit_cast<std::uint64_t>(stepping.pose(b).position.y));
            CHECK(std::bit_cast<std::uint64_t>(coasting.pose(a).heading) == std::bit_cast<std::uint64_t>(stepping.pose(b).heading));
        }
    }
    CHECK(coasting.coastedSteps() == 40);
    CHECK(stepping.coastedSteps() == 0);
}

namespace {

/// A crash scenario with everything in it; returns the bits of every pose after every step.
std::vector<std::uint64_t> crashTrace(int& contactCount) {
    PhysicsWorld w(0.7);
    w.addGuardrail(-4.0, -50.0, 100.0);
    const BodyId unit = w.addUnit(kUnitRef, unitBox({0.0, -1.5}, 0.15), 2000.0, Wheels{2.9, 0.3, Axle::Rolling, Axle::Parked});
    const BodyId violator = w.addUnit({BodyKind::Unit, 1}, unitBox({9.0, -1.6}), 1600.0, Wheels{});
    const BodyId person = w.addPerson(kPersonRef, {6.0, -0.2}, kPersonRadius, kPersonMass);
    std::vector<BodyId> cones;
    for (int i = 0; i < 4; ++i)
        cones.push_back(w.addCone({BodyKind::Cone, static_cast<std::uint32_t>(i)}, {-12.0 + 3.0 * i, -0.5 + 0.3 * i}));
    const Vec2 vel = 27.0 * sim::direction(-0.06);
    const BodyId car = w.addVehicle(kCarRef, carBox({-30.0, 0.9}, -0.06), 1500.0, vel, 0.0, kRolling);
    bool driven = true;
    std::vector<std::uint64_t> bits;
    std::vector<BodyId> ids{unit, violator, person, car};
    ids.insert(ids.end(), cones.begin(), cones.end());
    contactCount = 0;
    for (int k = 0; k < 80; ++k) {
        if (driven) w.drive(car, vel, 0.0);
        w.drive(person, {0.0, 0.8}, 0.0);
        w.step(kDt, 4);
        contactCount += static_cast<int>(w.contacts().size());
        if (driven && find(w.contacts(), kCarRef, kUnitRef)) {
            driven = false;
            w.setMotion(car, Motion::Free);
            w.setWheels(car, kLocked);
        }
        for (const BodyId id : ids) {
            const Pose p = w.pose(id);
            bits.push_back(std::bit_cast<std::uint64_t>(p.position.x));
            bits.push_back(std::bit_cast<std::uint64_t>(p.position.y));
            bits.push_back(std::bit_cast<std::uint64_t>(p.heading));
        }
    }
    return bits;
}

}  // namespace

TEST_CASE("Two PhysicsWorlds fed identically give bit-identical poses", "[physics]") {
    int contactsA = 0;
    int contactsB = 0;
    const std::vector<std::uint64_t> a = crashTrace(contactsA);
    const std::vector<std::uint64_t> b = crashTrace(contactsB);
    CHECK(contactsA >= 3);  // the scenario does crash: cones, the unit, and more
    CHECK(contactsA == contactsB);
    REQUIRE(a.size() == b.size());
    CHECK(a == b);
}

TEST_CASE("remove() destroys one body, ids are never reused, refs survive the round trip", "[physics]") {
    PhysicsWorld w(0.8);
    const BodyId car = w.addVehicle(kCarRef, carBox({-20.0, 0.0}), 1500.0, {20.0, 0.0}, 0.0, kRolling);
    const BodyId gone = w.addPerson(kPersonRef, {0.0, 0.0}, kPersonRadius, kPersonMass);
    const BodyId cone = w.addCone({BodyKind::Cone, 0}, {0.0, 5.0});
    CHECK(car != gone);
    CHECK(gone != cone);
    CHECK(w.bodyCount() == 3);
    w.remove(gone);
    CHECK(w.bodyCount() == 2);
    const BodyRef farRef{BodyKind::Person, 0xffffffffu};
    const BodyId fresh = w.addPerson(farRef, {5.0, 0.0}, kPersonRadius, kPersonMass);
    CHECK(fresh != gone);
    CHECK(fresh > cone);
    CHECK(w.bodyCount() == 3);
    CHECK(w.pose(cone).position.y == Approx(5.0));
    CHECK(w.pose(fresh).position.x == Approx(5.0));

    // The car passes where the removed person stood and strikes the new one.
    std::vector<Contact> seen;
    for (int k = 0; k < 40; ++k) {
        w.drive(car, {20.0, 0.0}, 0.0);
        w.drive(fresh, {0.0, 0.0}, 0.0);
        w.step(kDt, 4);
        seen.insert(seen.end(), w.contacts().begin(), w.contacts().end());
    }
    REQUIRE_FALSE(seen.empty());
    CHECK(joins(seen.front(), kCarRef, farRef));  // entity 0xffffffff and kind Person intact
    for (const Contact& c : seen) CHECK_FALSE((c.a == kPersonRef || c.b == kPersonRef));
    w.remove(car);
    w.remove(fresh);
    w.remove(cone);
    CHECK(w.bodyCount() == 0);
    w.step(kDt, 4);  // an empty world steps
}
