// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// One run. Sections:
//   [setup]    the scene's units, devices, guardrail and people become entities and bodies
//   [step]     the fixed order: zone, traffic, people, physics, contacts, measures
//   [zone]     vehicles becoming Box2D bodies as they enter the contact zone, and back
//   [contacts] strikes, collisions and crashes from the physics contacts
//   [output]   outcome, snapshot, state hash
#include "sim/world.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "measures.hpp"
#include "people.hpp"
#include "physics_world.hpp"
#include "scene_layout.hpp"
#include "sim/assert.hpp"
#include "sim/models/injury.hpp"
#include "sim/models/visibility.hpp"
#include "traffic_stream.hpp"

namespace sim {

using namespace detail;

namespace {
constexpr double kMaxBodySpeed = 60.0;      // m/s, beyond any vehicle on a highway
constexpr double kMaxSubstepTravel = 1.0;   // m per Box2D sub-step (b2_maxTranslation is 2 m)
constexpr double kStrikeSpeed = 1.0;        // m/s; slower contacts with a person are bumps, not strikes [assumption]
constexpr double kUnitMovedDistance = 0.3;  // m a unit must move before traffic treats it as moved
constexpr double kScrapeSpeed = 5.0;        // m/s; slower touches between driven cars are scrapes [assumption]
}  // namespace

namespace {
/// What the loader guarantees; a Scenario built in code that breaks it is a programming error.
void checkScenario(const Scenario& sc) {
    SIM_ASSERT(std::isfinite(sc.run.dt) && sc.run.dt > 0.0, "run.dt must be finite and > 0");
    SIM_ASSERT(std::isfinite(sc.run.duration) && sc.run.duration >= 0.0, "run.duration must be finite and >= 0");
    SIM_ASSERT(sc.road.lanes >= 1, "at least one lane");
    SIM_ASSERT(sc.traffic.flowPerLane.size() == static_cast<std::size_t>(sc.road.lanes), "one flow per lane");
    SIM_ASSERT(sc.environment.friction > 0.0 && sc.environment.visibility > 0.0, "friction and visibility > 0");
    for (const PersonDef& p : sc.people) {
        SIM_ASSERT(!p.script.empty(), "every person has a script");
        for (const ScriptStep& st : p.script)
            SIM_ASSERT(st.place == Place::BehindGuardrail || (st.unit >= 0 && static_cast<std::size_t>(st.unit) < sc.units.size()),
                       "script steps name an existing unit");
    }
    for (const ScriptedVehicle& v : sc.scriptedVehicles)
        SIM_ASSERT(v.lane >= 1 && v.lane <= sc.road.lanes, "scripted vehicles drive in an existing lane");
}
}  // namespace

struct World::Impl final : EntitySink {
    const Scenario& sc;
    std::uint64_t seed;
    std::int64_t stepsDone = 0;
    std::int64_t stepsTotal = 0;
    int substeps = 1;
    RunStatus status = RunStatus::Completed;

    SceneLayout layout;
    std::vector<EntityInfo> entities;
    std::vector<bool> present;
    std::vector<int> slotOfEntity;        // traffic slot by entity (-1 otherwise)
    std::vector<int> personOfEntity;      // person index by entity (-1 otherwise)
    std::vector<int> unitOfEntity;        // unit index by entity (-1 otherwise)
    PhysicsWorld physics;
    TrafficStream traffic;
    People people;
    Measures measures;
    std::vector<Event> events;

    std::vector<std::uint32_t> unitEntity;
    std::vector<BodyId> unitBody;
    std::vector<std::uint32_t> deviceEntity;
    std::vector<BodyId> deviceBody;
    std::set<std::pair<std::uint32_t, std::uint32_t>> contactPairs;  // strikes and collisions seen
    std::vector<MovingUnit> movingUnits;
    std::vector<std::optional<Striker>> unitFirstHitBy;  // per unit: the vehicle that first hit it
    double personSeenWithin = 0.0;        // m at which drivers recognise a person on foot

    Impl(const Scenario& scenario, std::uint64_t runSeed)
        : sc((checkScenario(scenario), scenario)), seed(runSeed), layout(layoutScene(scenario)), physics(scenario.environment.friction),
          traffic(scenario, layout, runSeed, *this), people(scenario, layout, *this), measures(scenario, layout) {
        stepsTotal = std::llround(sc.run.duration / sc.run.dt);
        substeps = std::max(1, static_cast<int>(std::ceil(sc.run.dt * kMaxBodySpeed / kMaxSubstepTravel)));
        personSeenWithin = models::personRecognitionDistance(sc.environment);
        setUpScene();
    }

    // EntitySink
    std::uint32_t addEntity(EntityInfo info) override {
        entities.push_back(std::move(info));
        present.push_back(true);
        slotOfEntity.push_back(-1);
        personOfEntity.push_back(-1);
        unitOfEntity.push_back(-1);
        return static_cast<std::uint32_t>(entities.size() - 1);
    }
    void setPresent(std::uint32_t entity, bool p) override { present[entity] = p; }

    double now() const { return static_cast<double>(stepsDone) * sc.run.dt; }

    // -----------------------------------------------------------------------------------------
    // [setup]
    // -----------------------------------------------------------------------------------------

    void setUpScene() {
        for (std::size_t i = 0; i < sc.units.size(); ++i) {
            const UnitDef& u = sc.units[i];
            EntityInfo info;
            info.id = u.id;
            info.kind = EntityKind::Unit;
            info.vehicleKind = u.spec.kind;
            info.unitRole = u.role;
            info.lights = u.lights;
            info.length = u.spec.length;
            info.width = u.spec.width;
            info.colour = u.spec.colour;
            const std::uint32_t e = addEntity(std::move(info));
            unitEntity.push_back(e);
            unitOfEntity[e] = static_cast<int>(i);
            const Wheels wheels{u.spec.wheelbase, u.wheelAngle, false, u.braked};
            unitBody.push_back(physics.addUnit({BodyKind::Unit, e}, layout.unitBoxes[i], u.spec.mass, wheels));
        }
        unitFirstHitBy.resize(sc.units.size());
        for (std::size_t i = 0; i < sc.devices.size(); ++i) {
            const DeviceDef& dv = sc.devices[i];
            EntityInfo info;
            info.id = std::string(dv.kind == DeviceKind::Cone ? "cone-" : "flare-") + std::to_string(i + 1);
            info.kind = dv.kind == DeviceKind::Cone ? EntityKind::Cone : EntityKind::Flare;
            info.length = info.width = 0.36;
            info.colour = dv.kind == DeviceKind::Cone ? 0xFFFF6A00u : 0xFFFF2020u;
            const std::uint32_t e = addEntity(std::move(info));
            deviceEntity.push_back(e);
            // Only cones in the contact zone are bodies; flares are never obstacles to bodies.
            const bool inZone = dv.position.x >= layout.zoneStart && dv.position.x <= layout.zoneEnd;
            deviceBody.push_back(dv.kind == DeviceKind::Cone && inZone ? physics.addCone({BodyKind::Cone, e}, dv.position)
                                                                       : kNoBody);
        }
        if (sc.road.guardrail) physics.addGuardrail(layout.guardrailD, layout.zoneStart - 50.0, layout.zoneEnd + 50.0);
        for (std::size_t i = 0; i < people.size(); ++i) personOfEntity[people[i].entity] = static_cast<int>(i);
    }

    // -----------------------------------------------------------------------------------------
    // [step]
    // -----------------------------------------------------------------------------------------

    void step() {
        events.clear();
        if (done()) return;
        const double t = now();
        const double dt = sc.run.dt;
        for (int slot = 0; slot < traffic.slotCount(); ++slot)
            if (traffic.alive(slot)) traffic.vehicle(slot).prevS = traffic.vehicle(slot).s;

        traffic.arrive(t);
        syncVehicleBodies();
        syncPersonBodies();
        traffic.setPeopleOnFoot(peopleOnFoot());
        traffic.decide(t, dt);
        people.update(t, dt, [this](Vec2 from, const std::vector<Vec2>& path, double speed, double waited) {
            return mayWalk(from, path, speed, waited);
        });
        driveBodies(dt);
        if (physics.bodyCount() > 0) physics.step(dt, substeps);
        readBack();
        handleContacts(t);
        updateCrashed(t);
        updateObstacles();
        traffic.removeDeparted();
        traffic.sortLanes();
        ++stepsDone;
        measures.observeTraffic(traffic, now(), dt, events);
        measures.observePeople(traffic, people, movingUnits, now(), dt, events);
        if (!finite()) status = RunStatus::Diverged;
    }

    bool done() const { return status == RunStatus::Diverged || stepsDone >= stepsTotal; }

    /// The people on foot, for the importance sampling's windows.
    std::vector<TrafficStream::PersonOnFoot> peopleOnFoot() const {
        std::vector<TrafficStream::PersonOnFoot> out;
        for (std::size_t i = 0; i < people.size(); ++i)
            if (people[i].onFoot() && people[i].phase != PersonPhase::Down) out.push_back({people[i].position, people.def(i).radius});
        return out;
    }

    /// A pedestrian's gap acceptance: setting off along a path that enters an open lane from
    /// outside it waits until no vehicle in those lanes would reach the in-lane stretch within the
    /// critical gap, the time to walk the stretch plus 3 s of start-up and clearance (HCM 2010
    /// pedestrian critical headway, t_c = L / S_p + t_s with t_s = 3 s [M]). The longer they wait,
    /// the shorter the gap they accept (Tiwari et al. 2007: pedestrians' gap acceptance falls
    /// with waiting time): t_s shrinks to 1 s over two minutes [assumption]. Someone already in a
    /// lane keeps going: stopping there is worse. (People walk up to the lane's edge before they
    /// ask: People::update.)
    bool mayWalk(Vec2 from, const std::vector<Vec2>& path, double speed, double waited) const {
        const double openEdge = laneRight(sc.road, layout.adjacentLane);
        if (from.y > openEdge) return true;
        // The stretch of the path inside the open lanes, legs clipped at the lane's edge.
        double inLane = 0.0, sMin = kInfinity, sMax = -kInfinity, dMax = -kInfinity;
        Vec2 a = from;
        for (const Vec2& b : path) {
            const bool aIn = a.y > openEdge, bIn = b.y > openEdge;
            if (!aIn && !bIn) {
                if (inLane > 0.0) break;  // back out of traffic
                a = b;
                continue;
            }
            const Vec2 edge = a + ((openEdge - a.y) / (b.y - a.y)) * (b - a);  // where the leg crosses the edge
            const Vec2 p = aIn ? a : edge, q = bIn ? b : edge;
            inLane += length(q - p);
            sMin = std::min({sMin, p.x, q.x});
            sMax = std::max({sMax, p.x, q.x});
            dMax = std::max({dMax, p.y, q.y});
            a = b;
        }
        if (inLane == 0.0) return true;
        constexpr double kPatience = 120.0;  // s
        const double startUp = 3.0 - 2.0 * std::min(waited / kPatience, 1.0);
        const double criticalGap = inLane / speed + startUp;
        for (int l = layout.adjacentLane; l <= laneAt(sc.road, dMax); ++l)
            for (const int slot : traffic.lane(l)) {
                const Vehicle& v = traffic.vehicle(slot);
                if (v.rear() > sMax + 2.0) continue;     // already past
                if (v.front() >= sMin - 2.0) return false;  // alongside
                if ((sMin - v.front()) / std::max(v.v, 0.1) < criticalGap) return false;
            }
        return true;
    }

    bool finite() const {
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            const Vehicle& v = traffic.vehicle(slot);
            if (!std::isfinite(v.s) || !std::isfinite(v.d) || !std::isfinite(v.v)) return false;
        }
        for (std::size_t i = 0; i < people.size(); ++i)
            if (!std::isfinite(people[i].position.x) || !std::isfinite(people[i].position.y)) return false;
        return true;
    }

    // -----------------------------------------------------------------------------------------
    // [zone]
    // -----------------------------------------------------------------------------------------

    bool inZone(const Vehicle& v) const { return v.front() >= layout.zoneStart && v.rear() <= layout.zoneEnd; }

    void syncVehicleBodies() {
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            Vehicle& v = traffic.vehicle(slot);
            slotOfEntity[v.entity] = slot;
            if (v.mode == VehicleMode::Kinematic && inZone(v)) {
                const OrientedBox box = v.box();
                v.body = physics.addVehicle({BodyKind::TrafficVehicle, v.entity}, box, v.mass, {v.v, v.vLat}, 0.0,
                                            {v.wheelbase, 0.0, false, false});
                v.mode = VehicleMode::Bodied;
            } else if (v.mode == VehicleMode::Bodied && !inZone(v)) {
                physics.remove(v.body);
                v.body = kNoBody;
                v.mode = VehicleMode::Kinematic;
            }
        }
    }

    void syncPersonBodies() {
        for (std::size_t i = 0; i < people.size(); ++i) {
            Person& p = people[i];
            const PersonDef& def = people.def(i);
            if (p.onFoot() && p.body == kNoBody) {
                p.body = physics.addPerson({BodyKind::Person, p.entity}, p.position, def.radius, def.mass);
            } else if (!p.onFoot() && p.body != kNoBody) {
                physics.remove(p.body);
                p.body = kNoBody;
            }
        }
    }

    void driveBodies(double dt) {
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            const Vehicle& v = traffic.vehicle(slot);
            if (v.mode != VehicleMode::Bodied) continue;
            const double heading = v.steeredHeading();
            const double turn = std::remainder(heading - physics.pose(v.body).heading, 2.0 * units::kPi);
            physics.drive(v.body, {v.v, v.vLat}, turn / dt);
        }
        for (std::size_t i = 0; i < people.size(); ++i) {
            const Person& p = people[i];
            if (p.body != kNoBody && p.phase != PersonPhase::Down) physics.drive(p.body, p.velocity, 0.0);
        }
    }

    void readBack() {
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            Vehicle& v = traffic.vehicle(slot);
            if (v.body == kNoBody) continue;
            const Pose pose = physics.pose(v.body);
            v.s = pose.position.x;
            v.d = pose.position.y;
            v.heading = pose.heading;
            if (v.mode == VehicleMode::Crashed) {
                const Vec2 vel = physics.velocity(v.body);
                v.v = vel.x;
                v.vLat = vel.y;
            }
        }
        for (std::size_t i = 0; i < people.size(); ++i) {
            Person& p = people[i];
            if (p.body == kNoBody) continue;
            p.position = physics.pose(p.body).position;
            if (p.phase == PersonPhase::Down) p.velocity = physics.velocity(p.body);
        }
    }

    void updateCrashed(double t) {
        // A driver in a crash brakes once they have reacted: the wheels lock.
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            Vehicle& v = traffic.vehicle(slot);
            if (v.mode != VehicleMode::Crashed || v.neverReacts || v.crashedAt < 0.0) continue;
            if (t >= v.crashedAt + v.traits.prt) {
                physics.setWheels(v.body, {v.wheelbase, 0.0, true, true});
                v.crashedAt = -1.0;  // done
            }
        }
    }

    void updateObstacles() {
        movingUnits.clear();
        std::vector<Obstacle>& dyn = traffic.dynamicObstacles();
        dyn.clear();
        for (std::size_t i = 0; i < sc.units.size(); ++i) {
            if (!physics.awake(unitBody[i])) continue;
            const Pose pose = physics.pose(unitBody[i]);
            const OrientedBox box{pose, layout.unitBoxes[i].halfLength, layout.unitBoxes[i].halfWidth};
            const Vec2 vel = physics.velocity(unitBody[i]);
            if (length(vel) > kStrikeSpeed) movingUnits.push_back({unitEntity[i], box, vel});
            if (length(pose.position - layout.unitBoxes[i].pose.position) > kUnitMovedDistance)
                dyn.push_back(boundingObstacle(box));
        }
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            const Vehicle& v = traffic.vehicle(slot);
            if (v.mode == VehicleMode::Crashed)
                dyn.push_back(boundingObstacle(v.box()));
        }
        // People on foot are obstacles too: drivers who see them keep clear, or brake for them.
        for (std::size_t i = 0; i < people.size(); ++i) {
            const Person& p = people[i];
            if (!p.onFoot()) continue;
            const double r = people.def(i).radius;
            dyn.push_back({p.position.x - r, p.position.x + r, p.position.y - r, p.position.y + r, personSeenWithin});
        }
    }

    // -----------------------------------------------------------------------------------------
    // [contacts]
    // -----------------------------------------------------------------------------------------

    std::string idOf(const BodyRef& r) const {
        return r.kind == BodyKind::Guardrail ? "guardrail" : entities[r.entity].id;
    }

    bool drivenBody(const BodyRef& r) const {
        const int slot = slotOfEntity[r.entity];
        return slot >= 0 && traffic.alive(slot) && traffic.vehicle(slot).mode == VehicleMode::Bodied;
    }

    /// What the driver of a traffic vehicle was doing at time t (for explaining a strike).
    Striker describe(const Vehicle& v, double t) const {
        Striker s;
        s.id = entities[v.entity].id;
        s.kind = v.kind;
        s.state = v.lapsing && v.drifting ? DriverState::Asleep : v.traits.state;
        s.speed = std::hypot(v.v, v.vLat);
        if (v.eyesOff(t)) s.eyesOffFor = t - v.eyesOffSince;
        s.sawSceneAt = v.detectedAt >= 0.0 && v.detectedAt <= t ? v.detectedDistance : -1.0;
        s.braking = v.accel < -0.5 || (v.mode == VehicleMode::Crashed && v.crashedAt < 0.0);
        s.drifting = v.drifting;
        return s;
    }

    /// The driven vehicle behind a body that struck or hit something: the vehicle itself, or for
    /// a unit the vehicle that first hit it (a unit pushed by another unit inherits its striker).
    std::optional<Striker> strikerBehind(const BodyRef& r, double t) const {
        if (r.kind == BodyKind::TrafficVehicle) {
            const int slot = slotOfEntity[r.entity];
            if (slot >= 0 && traffic.alive(slot)) return describe(traffic.vehicle(slot), t);
            return std::nullopt;
        }
        if (r.kind == BodyKind::Unit) return unitFirstHitBy[static_cast<std::size_t>(unitOfEntity[r.entity])];
        return std::nullopt;
    }

    void crash(std::uint32_t entity, double t) {
        const int slot = slotOfEntity[entity];
        if (slot < 0 || !traffic.alive(slot)) return;
        Vehicle& v = traffic.vehicle(slot);
        if (v.mode != VehicleMode::Bodied) return;
        traffic.markCrashed(slot, t);
        physics.setMotion(v.body, Motion::Free);
        physics.setWheels(v.body, {v.wheelbase, 0.0, false, false});
    }

    void strike(const BodyRef& person, const BodyRef& by, const Contact& c, bool aIsPerson, double t) {
        // Only a moving vehicle strikes: a person walking into a parked unit or a stopped wreck is not struck.
        const Vec2 byVelocity = aIsPerson ? c.velocityB : c.velocityA;
        if (length(byVelocity) < kStrikeSpeed) return;
        if (c.relativeSpeed < kStrikeSpeed) return;
        if (!contactPairs.insert({person.entity, by.entity}).second) return;
        const int i = personOfEntity[person.entity];
        const bool pushed = by.kind == BodyKind::Unit;
        Strike s;
        s.time = t;
        s.person = entities[person.entity].id;
        s.by = idOf(by);
        s.via = pushed ? StrikeVia::PushedUnit : StrikeVia::Direct;
        if (const std::optional<Striker> behind = strikerBehind(by, t)) s.striker = *behind;
        s.impactSpeed = c.relativeSpeed;
        s.pSevere = models::pedestrianSevereInjuryRisk(c.relativeSpeed);
        s.pFatal = models::pedestrianDeathRisk(c.relativeSpeed);
        measures.addStrike(s);
        events.push_back({t, EventKind::Strike, person.entity, by.entity, c.relativeSpeed, c.point, pushed});
        if (i >= 0) {
            people.knockDown(static_cast<std::size_t>(i));
            physics.setMotion(people[static_cast<std::size_t>(i)].body, Motion::Free);
        }
        if (by.kind == BodyKind::TrafficVehicle) crash(by.entity, t);
    }

    void collide(BodyRef a, BodyRef b, const Contact& c, double t) {
        // Who hit whom: the faster body at the contact point first (the guardrail never).
        Vec2 va = c.velocityA, vb = c.velocityB;
        if (a.kind == BodyKind::Guardrail || (b.kind != BodyKind::Guardrail && length(vb) > length(va))) {
            std::swap(a, b);
            std::swap(va, vb);
        }
        const std::uint32_t ka = a.kind == BodyKind::Guardrail ? ~0u : a.entity;
        const std::uint32_t kb = b.kind == BodyKind::Guardrail ? ~0u : b.entity;
        if (a.kind == BodyKind::Unit && b.kind == BodyKind::Unit && c.relativeSpeed < kStrikeSpeed) return;
        // Two cars under their drivers' control do not push each other (the physics lets them
        // overlap): a touch at walking pace is the kinematic approximation's, a faster one a crash.
        if (a.kind == BodyKind::TrafficVehicle && b.kind == BodyKind::TrafficVehicle && drivenBody(a) &&
            drivenBody(b) && c.relativeSpeed < kScrapeSpeed)
            return;
        if (b.kind == BodyKind::Unit) {
            std::optional<Striker>& first = unitFirstHitBy[static_cast<std::size_t>(unitOfEntity[b.entity])];
            if (!first) first = strikerBehind(a, t);
        }
        if (contactPairs.insert({std::min(ka, kb), std::max(ka, kb)}).second) {
            measures.addCollision({t, idOf(a), idOf(b), c.relativeSpeed});
            events.push_back({t, EventKind::Collision, a.entity, b.kind == BodyKind::Guardrail ? a.entity : b.entity,
                              c.relativeSpeed, c.point, false});
        }
        if (a.kind == BodyKind::TrafficVehicle) crash(a.entity, t);
        if (b.kind == BodyKind::TrafficVehicle) crash(b.entity, t);
    }

    void handleContacts(double t) {
        for (const Contact& c : physics.contacts()) {
            const bool aPerson = c.a.kind == BodyKind::Person, bPerson = c.b.kind == BodyKind::Person;
            if (c.a.kind == BodyKind::Cone || c.b.kind == BodyKind::Cone) continue;  // knocked cones only
            if (aPerson && bPerson) continue;
            if (aPerson || bPerson) {
                const BodyRef other = aPerson ? c.b : c.a;
                if (other.kind == BodyKind::Guardrail) continue;
                strike(aPerson ? c.a : c.b, other, c, aPerson, t);
                continue;
            }
            collide(c.a, c.b, c, t);
        }
    }

    // -----------------------------------------------------------------------------------------
    // [output]
    // -----------------------------------------------------------------------------------------

    std::uint64_t stateHash() const {
        std::uint64_t h = 0xCBF29CE484222325ull;
        auto mix = [&](double x) { h = splitmix64(h ^ std::bit_cast<std::uint64_t>(x)); };
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            const Vehicle& v = traffic.vehicle(slot);
            mix(static_cast<double>(v.number));
            mix(v.s);
            mix(v.d);
            mix(v.v);
        }
        for (std::size_t i = 0; i < people.size(); ++i) {
            mix(people[i].position.x);
            mix(people[i].position.y);
        }
        for (const BodyId b : unitBody) {
            const Pose p = physics.pose(b);
            mix(p.position.x);
            mix(p.position.y);
            mix(p.heading);
        }
        return h;
    }

    Outcome outcome() const {
        Outcome o = measures.outcome();
        o.scenario = sc.name;
        o.seed = seed;
        o.status = status;
        o.simulated = now();
        o.logWeight = traffic.logWeight();
        o.importance = traffic.importanceTrace();
        o.stateHash = stateHash();
        return o;
    }

    std::uint16_t vehicleFlags(const Vehicle& v, double t) const {
        std::uint16_t f = kPresent;
        if (v.accel < -0.5 || (v.mode == VehicleMode::Crashed && v.crashedAt < 0.0)) f |= kBraking;
        if (v.eyesOff(t)) f |= kEyesOff;
        if (v.mode == VehicleMode::Crashed) f |= kCrashed;
        if (v.detectedAt >= 0.0) f |= kDetected;
        if (v.respondsAt >= 0.0 && t >= v.respondsAt && (v.traits.movesOver || v.traits.slowsDown)) f |= kMovingOver;
        if (v.traits.state != DriverState::Normal) f |= kImpaired;
        return f;
    }

    Frame snapshot() const {
        Frame f;
        f.time = now();
        for (std::size_t i = 0; i < sc.units.size(); ++i) {
            const Pose p = physics.pose(unitBody[i]);
            f.entities.push_back({unitEntity[i], p, length(physics.velocity(unitBody[i])), kPresent});
        }
        for (std::size_t i = 0; i < sc.devices.size(); ++i) {
            const Pose p = deviceBody[i] != kNoBody ? physics.pose(deviceBody[i]) : Pose{sc.devices[i].position, 0.0};
            f.entities.push_back({deviceEntity[i], p, 0.0, kPresent});
        }
        for (std::size_t i = 0; i < people.size(); ++i) {
            const Person& p = people[i];
            std::uint16_t flags = kPresent;
            if (p.onFoot()) flags |= kOnFoot;
            if (p.phase == PersonPhase::Down) flags |= kStruck;
            f.entities.push_back({p.entity, {p.position, p.facing}, length(p.velocity), flags});
        }
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            const Vehicle& v = traffic.vehicle(slot);
            f.entities.push_back({v.entity, {{v.s, v.d}, v.heading}, std::hypot(v.v, v.vLat), vehicleFlags(v, f.time)});
        }
        std::sort(f.entities.begin(), f.entities.end(),
                  [](const EntityState& a, const EntityState& b) { return a.entity < b.entity; });
        return f;
    }
};

World::World(const Scenario& scenario, std::uint64_t seed) : impl_(std::make_unique<Impl>(scenario, seed)) {}
World::~World() = default;
World::World(World&&) noexcept = default;
World& World::operator=(World&&) noexcept = default;

void World::step() { impl_->step(); }
bool World::done() const { return impl_->done(); }
double World::time() const { return impl_->now(); }
Outcome World::outcome() const { return impl_->outcome(); }
const std::vector<EntityInfo>& World::entities() const { return impl_->entities; }
Frame World::snapshot() const { return impl_->snapshot(); }
std::span<const Event> World::stepEvents() const { return impl_->events; }
double World::sceneDetectionDistance() const { return impl_->layout.detectionDistance; }

Outcome run(const Scenario& scenario, std::uint64_t seed) {
    World world(scenario, seed);
    while (!world.done()) world.step();
    return world.outcome();
}

}  // namespace sim
