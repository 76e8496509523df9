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

#include "entity_table.hpp"
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

/// Whether two bands overlap across the road (in d).
bool overlapsAcross(const Obstacle& a, const Obstacle& b) { return a.dMax > b.dMin && a.dMin < b.dMax; }

/// Whether two bands overlap.
bool overlaps(const Obstacle& a, const Obstacle& b) {
    return overlapsAcross(a, b) && a.sTo >= b.sFrom && a.sFrom <= b.sTo;
}

/// The band `now` covers while moving by `by`, grown by `margin` on every side.
Obstacle swept(const Obstacle& now, Vec2 by, double margin = 0.0) {
    return {std::min(now.sFrom, now.sFrom + by.x) - margin, std::max(now.sTo, now.sTo + by.x) + margin,
            std::min(now.dMin, now.dMin + by.y) - margin, std::max(now.dMax, now.dMax + by.y) + margin};
}

/// Whether a body moving free of a driver, with bounding band `now` and velocity `vel`, sweeps
/// through `crossing` within `horizon` s (straight on, as a person judging it would).
bool sweepsThrough(const Obstacle& now, Vec2 vel, double horizon, const Obstacle& crossing) {
    if (length(vel) < kStrikeSpeed) return false;  // at rest: an obstacle, not a threat
    return overlaps(swept(now, horizon * vel), crossing);
}
}  // namespace

namespace {
/// What the loader guarantees; a Scenario built in code that breaks it is a programming error.
void checkScenario(const Scenario& sc) {
    SIM_ASSERT(std::isfinite(sc.run.dt) && sc.run.dt > 0.0, "run.dt must be finite and > 0");
    SIM_ASSERT(std::isfinite(sc.run.duration) && sc.run.duration >= 0.0, "run.duration must be finite and >= 0");
    SIM_ASSERT(sc.run.aftermath >= 0.0, "run.aftermath must be >= 0");
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

/// A parked unit during the run: its entity, its body, and the vehicle that first hit it.
struct SceneUnit {
    std::uint32_t entity = 0;
    BodyId body = kNoBody;
    std::optional<Striker> firstHitBy;
};

/// A cone or a flare: only cones in the contact zone are bodies.
struct SceneDevice {
    std::uint32_t entity = 0;
    BodyId body = kNoBody;
};

struct World::Impl {
    const Scenario& sc;
    std::uint64_t seed;
    std::int64_t stepsDone = 0;
    std::int64_t stepsTotal = 0;
    int substeps = 1;
    RunStatus status = RunStatus::Completed;

    SceneLayout layout;
    EntityTable entities;                 // before traffic and people, which add to it
    PhysicsWorld physics;
    TrafficStream traffic;
    People people;
    Measures measures;
    std::vector<Event> events;

    std::vector<SceneUnit> units;         // by unit index (Scenario::units)
    std::vector<SceneDevice> devices;     // by device index (Scenario::devices)
    std::set<std::pair<std::uint32_t, std::uint32_t>> contactPairs;  // strikes and collisions seen
    std::vector<MovingUnit> movingUnits;
    std::vector<Obstacle> reachScratch;                       // syncVehicleBodies()'s, kept for its capacity
    std::vector<std::pair<int, Obstacle>> drivenScratch;      // ditto
    std::vector<int> bodySlots;  // the traffic vehicles with a Box2D body, by slot (syncVehicleBodies())
    std::vector<int> zoneScratch;  // zoneSlots()'s, kept for its capacity
    double personSeenWithin = 0.0;        // m at which drivers recognise a person on foot
    double firstStrikeAt = -1.0;          // s, the first strike of a person; < 0 = none yet
    std::int64_t endStep = 0;             // the run ends after this many steps
    bool measuring = true;                // the measures observe (until the first strike)
    double measuredUntil = 0.0;           // s

    Impl(const Scenario& scenario, std::uint64_t runSeed)
        : sc((checkScenario(scenario), scenario)), seed(runSeed), layout(layoutScene(scenario)), physics(scenario.environment.friction),
          traffic(scenario, layout, runSeed, entities), people(scenario, layout, entities),
          measures(scenario, layout, traffic) {
        stepsTotal = std::llround(sc.run.duration / sc.run.dt);
        endStep = stepsTotal;
        substeps = std::max(1, static_cast<int>(std::ceil(sc.run.dt * kMaxBodySpeed / kMaxSubstepTravel)));
        personSeenWithin = models::personRecognitionDistance(sc.environment);
        setUpScene();
    }

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
            const std::uint32_t e = entities.add(std::move(info), static_cast<int>(i));
            const Wheels wheels{u.spec.wheelbase, u.wheelAngle, Axle::Rolling, u.braked ? Axle::Parked : Axle::Rolling};
            units.push_back({e, physics.addUnit({BodyKind::Unit, e}, layout.unitBoxes[i], u.spec.mass, wheels), {}});
        }
        for (std::size_t i = 0; i < sc.devices.size(); ++i) {
            const DeviceDef& dv = sc.devices[i];
            EntityInfo info;
            info.id = std::string(dv.kind == DeviceKind::Cone ? "cone-" : "flare-") + std::to_string(i + 1);
            info.kind = dv.kind == DeviceKind::Cone ? EntityKind::Cone : EntityKind::Flare;
            info.length = info.width = 0.36;
            info.colour = dv.kind == DeviceKind::Cone ? 0xFFFF6A00u : 0xFFFF2020u;
            const std::uint32_t e = entities.add(std::move(info), static_cast<int>(i));
            // Only cones in the contact zone are bodies; flares are never obstacles to bodies.
            const bool inZone = dv.position.x >= layout.zoneStart && dv.position.x <= layout.zoneEnd;
            devices.push_back({e, dv.kind == DeviceKind::Cone && inZone ? physics.addCone({BodyKind::Cone, e}, dv.position)
                                                                        : kNoBody});
        }
        if (sc.road.guardrail) physics.addGuardrail(layout.guardrailD, layout.zoneStart - 50.0, layout.zoneEnd + 50.0);
    }

    // -----------------------------------------------------------------------------------------
    // [step]
    // -----------------------------------------------------------------------------------------

    void step() {
        events.clear();
        if (done()) return;
        const double t = now();
        const double dt = sc.run.dt;
        traffic.arrive(t);
        syncVehicleBodies();
        syncPersonBodies();
        traffic.setPeopleOnFoot(peopleOnFoot());
        traffic.decide(t, dt);
        people.update(t, dt, [this](Vec2 from, const std::vector<Vec2>& path, double speed, double waited, double dwell) {
            return mayWalk(from, path, speed, waited, dwell);
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
        measures.countUpdates(traffic);
        if (measuring) {
            measures.observeTraffic(traffic, now(), dt, events);
            measures.observePeople(traffic, people, movingUnits, now(), dt, events);
            measuredUntil = now();
            measuring = firstStrikeAt < 0.0;  // the first strike's step is the last one measured
        }
        if (!finite()) status = RunStatus::Diverged;
    }

    bool done() const { return status == RunStatus::Diverged || stepsDone >= endStep; }

    /// The people on foot, for the importance sampling's windows.
    std::vector<TrafficStream::PersonOnFoot> peopleOnFoot() const {
        std::vector<TrafficStream::PersonOnFoot> out;
        for (std::size_t i = 0; i < people.size(); ++i)
            if (people[i].onFoot() && people[i].phase != PersonPhase::Down) out.push_back({people[i].position, people.def(i).radius});
        return out;
    }

    /// A pedestrian's gap acceptance: setting off along a path that enters an open lane from
    /// outside it waits until nothing in those lanes would reach the in-lane stretch within the
    /// critical gap, the time to walk the stretch and to stand in it on the way (an open door in
    /// the lane) plus 3 s of start-up and clearance (HCM 2010
    /// pedestrian critical headway, t_c = L / S_p + t_s with t_s = 3 s [M]). The longer they wait,
    /// the shorter the gap they accept (Tiwari et al. 2007: pedestrians' gap acceptance falls
    /// with waiting time): t_s shrinks to 1 s over two minutes [assumption]. Someone already in a
    /// lane keeps going: stopping there is worse. (People walk up to the lane's edge before they
    /// ask: People::update.)
    ///
    /// They look at what is physically there, not at the traffic model's lane lists: a car whose
    /// outline is in the lanes they cross (half-way through a lane change, drifting over), and
    /// anything moving free of a driver (a sliding wreck, a pushed unit) whose path over the
    /// critical gap crosses the stretch.
    bool mayWalk(Vec2 from, const std::vector<Vec2>& path, double speed, double waited, double dwellInLane) const {
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
        const double criticalGap = inLane / speed + dwellInLane + startUp;
        // The lanes the walk enters, edge to edge, and the stretch along them with 2 m either side.
        const Obstacle crossing{sMin - 2.0, sMax + 2.0, openEdge, laneLeft(sc.road, laneAt(sc.road, dMax))};
        for (int slot = 0; slot < traffic.slotCount(); ++slot) {
            if (!traffic.alive(slot)) continue;
            const Vehicle& v = traffic.vehicle(slot);
            // Far enough up- or downstream that its outline (within its half diagonal, and a
            // margin for rounding) cannot be alongside, and not reaching the stretch in time:
            // the outline, with its trigonometry, is not needed.
            const double reach = 0.5 * (v.length + v.width) + 0.01;
            if (v.mode != VehicleMode::Crashed &&
                (v.s - reach > crossing.sTo ||
                 (v.s + reach < crossing.sFrom && !((sMin - v.front()) / std::max(v.v, 0.1) < criticalGap))))
                continue;
            const Obstacle now = boundingObstacle(v.box());
            if (v.mode == VehicleMode::Crashed) {
                if (sweepsThrough(now, {v.v, v.vLat}, criticalGap, crossing)) return false;
                continue;
            }
            // One in the next lane moving over into these (changing lanes, drifting) is seen coming:
            // where will its side be by the time it has passed the stretch, within the gap?
            if (now.dMin > crossing.dMax && v.vLat < 0.0 && now.sFrom <= crossing.sTo) {
                const double along = std::max(v.v, 0.1);
                const double arrives = std::max(0.0, (crossing.sFrom - now.sTo) / along);
                const double leaves = std::min((crossing.sTo - now.sFrom) / along, criticalGap);
                if (arrives < criticalGap && now.dMin + v.vLat * leaves < crossing.dMax) return false;
            }
            if (!overlapsAcross(now, crossing) || now.sFrom > crossing.sTo) continue;  // elsewhere, or already past
            if (now.sTo >= crossing.sFrom) return false;               // alongside
            if ((sMin - v.front()) / std::max(v.v, 0.1) < criticalGap) return false;
        }
        for (const MovingUnit& u : movingUnits)
            if (sweepsThrough(boundingObstacle(u.box), u.velocity, criticalGap, crossing)) return false;
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

    /// A traffic vehicle in the contact zone is a Box2D body only while it is within reach of
    /// something it could touch in this step: a unit, a person on foot, a cone, the guardrail, a
    /// wreck, or another vehicle within reach. Otherwise nothing can happen to it that its
    /// driver's formula does not describe, and Box2D would only carry it along (and a pass of
    /// lane 2 costs nothing). Each band is swept over the step at its present velocity and grown
    /// by kReachMargin, far more than a velocity can change in one step.
    void syncVehicleBodies() {
        constexpr double kReachMargin = 0.3;  // m [assumption: > 8 m/s^2 x dt^2 and any lateral change]
        const double dt = sc.run.dt;
        std::vector<Obstacle>& scene = reachScratch;
        scene.clear();
        for (std::size_t i = 0; i < units.size(); ++i) {
            const OrientedBox box{physics.pose(units[i].body), layout.unitBoxes[i].halfLength, layout.unitBoxes[i].halfWidth};
            scene.push_back(swept(boundingObstacle(box), dt * physics.velocity(units[i].body), kReachMargin));
        }
        for (std::size_t i = 0; i < people.size(); ++i) {
            const Person& p = people[i];
            if (!p.onFoot()) continue;
            const double r = people.def(i).radius;
            const Obstacle at{p.position.x - r, p.position.x + r, p.position.y - r, p.position.y + r};
            scene.push_back(swept(at, dt * p.velocity, kReachMargin));
        }
        for (const SceneDevice& d : devices) {
            if (d.body == kNoBody) continue;
            const Vec2 c = physics.pose(d.body).position;
            scene.push_back(swept({c.x - 0.2, c.x + 0.2, c.y - 0.2, c.y + 0.2}, dt * physics.velocity(d.body), kReachMargin));
        }
        if (sc.road.guardrail)
            scene.push_back({layout.zoneStart - 50.0, layout.zoneEnd + 50.0, layout.guardrailD - kReachMargin,
                             layout.guardrailD + kReachMargin});
        // Vehicles: wrecks are in the scene; the others' reach is compared pairwise.
        std::vector<std::pair<int, Obstacle>>& driven = drivenScratch;
        driven.clear();
        // Out of the zone: back to the formula (last step's list holds every vehicle with a body).
        for (const int slot : bodySlots) {
            Vehicle& v = traffic.vehicle(slot);
            if (v.mode == VehicleMode::Bodied && !inZone(v)) dropBody(v);
        }
        std::vector<int>& inReach = zoneSlots();
        bodySlots.clear();
        for (const int slot : inReach) {
            Vehicle& v = traffic.vehicle(slot);
            const Obstacle reach = swept(boundingObstacle(v.box()), dt * Vec2{v.v, v.vLat}, kReachMargin);
            if (v.mode == VehicleMode::Crashed) {
                scene.push_back(reach);
                bodySlots.push_back(slot);
            } else {
                driven.emplace_back(slot, reach);
            }
        }
        for (std::size_t k = 0; k < driven.size(); ++k) {
            const Obstacle& reach = driven[k].second;
            bool near = std::any_of(scene.begin(), scene.end(), [&](const Obstacle& o) { return overlaps(reach, o); });
            for (std::size_t m = 0; m < driven.size() && !near; ++m) near = m != k && overlaps(reach, driven[m].second);
            Vehicle& v = traffic.vehicle(driven[k].first);
            if (near && v.mode == VehicleMode::Kinematic) {
                v.body = physics.addVehicle({BodyKind::TrafficVehicle, v.entity}, v.box(), v.mass, {v.v, v.vLat}, 0.0,
                                            {v.wheelbase, 0.0, Axle::Rolling, Axle::Rolling});
                v.mode = VehicleMode::Bodied;
            } else if (!near && v.mode == VehicleMode::Bodied) {
                dropBody(v);
            }
            if (v.mode == VehicleMode::Bodied) bodySlots.push_back(driven[k].first);
        }
        std::sort(bodySlots.begin(), bodySlots.end());  // slot order, as a loop over all slots
    }

    /// The wrecks (they keep their bodies) and the vehicles in the contact zone, in slot order,
    /// as a loop over all slots finds them.
    std::vector<int>& zoneSlots() {
        constexpr double kHalfLengthMax = 15.0;  // m: vehicles are at most 30 m long (scenario schema)
        std::vector<int>& out = zoneScratch;
        out.clear();
        for (const int slot : bodySlots)
            if (traffic.vehicle(slot).mode == VehicleMode::Crashed) out.push_back(slot);
        traffic.forEachInLanes(layout.zoneStart - kHalfLengthMax, layout.zoneEnd + kHalfLengthMax, [&](int slot) {
            const Vehicle& v = traffic.vehicle(slot);
            if (v.mode != VehicleMode::Crashed && inZone(v)) out.push_back(slot);
        });
        std::sort(out.begin(), out.end());
        return out;
    }

    void dropBody(Vehicle& v) {
        physics.remove(v.body);
        v.body = kNoBody;
        v.mode = VehicleMode::Kinematic;
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
        for (const int slot : bodySlots) {
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
        for (const int slot : bodySlots) {
            Vehicle& v = traffic.vehicle(slot);
            const Pose pose = physics.pose(v.body);
            v.s = pose.position.x;
            v.d = pose.position.y;
            v.setHeading(pose.heading);
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
        for (const int slot : bodySlots) {
            Vehicle& v = traffic.vehicle(slot);
            if (v.mode != VehicleMode::Crashed || v.neverReacts || v.crashedAt < 0.0) continue;
            if (t >= v.crashedAt + v.traits.prt) {
                physics.setWheels(v.body, {v.wheelbase, 0.0, Axle::Locked, Axle::Locked});
                v.crashedAt = -1.0;  // done
            }
        }
    }

    void updateObstacles() {
        movingUnits.clear();
        std::vector<Obstacle>& dyn = traffic.dynamicObstacles();
        dyn.clear();
        for (std::size_t i = 0; i < units.size(); ++i) {
            if (!physics.awake(units[i].body)) continue;
            const Pose pose = physics.pose(units[i].body);
            const OrientedBox box{pose, layout.unitBoxes[i].halfLength, layout.unitBoxes[i].halfWidth};
            const Vec2 vel = physics.velocity(units[i].body);
            if (length(vel) > kStrikeSpeed) movingUnits.push_back({units[i].entity, box, vel});
            if (length(pose.position - layout.unitBoxes[i].pose.position) > kUnitMovedDistance)
                dyn.push_back(boundingObstacle(box));
        }
        for (const int slot : bodySlots) {
            const Vehicle& v = traffic.vehicle(slot);
            if (v.mode == VehicleMode::Crashed) dyn.push_back(boundingObstacle(v.box()));
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
        return r.kind == BodyKind::Guardrail ? "guardrail" : entities.info(r.entity).id;
    }

    /// The traffic slot of a body's vehicle; -1 for anything else.
    int slotOf(const BodyRef& r) const { return r.kind == BodyKind::TrafficVehicle ? entities.index(r.entity) : -1; }

    std::size_t unitOf(const BodyRef& r) const {
        SIM_ASSERT(r.kind == BodyKind::Unit, "unitOf: not a unit");
        return static_cast<std::size_t>(entities.index(r.entity));
    }

    bool drivenBody(const BodyRef& r) const {
        const int slot = slotOf(r);
        return slot >= 0 && traffic.vehicle(slot).mode == VehicleMode::Bodied;
    }

    /// What the driver of a traffic vehicle was doing at time t (for explaining a strike).
    Striker describe(const Vehicle& v, double t) const {
        Striker s;
        s.id = entities.info(v.entity).id;
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
        if (const int slot = slotOf(r); slot >= 0) return describe(traffic.vehicle(slot), t);
        if (r.kind == BodyKind::Unit) return units[unitOf(r)].firstHitBy;
        return std::nullopt;
    }

    void crash(const BodyRef& r, double t) {
        const int slot = slotOf(r);
        if (slot < 0 || traffic.vehicle(slot).mode != VehicleMode::Bodied) return;
        Vehicle& v = traffic.vehicle(slot);
        traffic.markCrashed(slot, t);
        physics.setMotion(v.body, Motion::Free);
        physics.setWheels(v.body, {v.wheelbase, 0.0, Axle::Rolling, Axle::Rolling});
    }

    void strike(const BodyRef& person, const BodyRef& by, const Contact& c, bool aIsPerson, double t) {
        // Only a moving vehicle strikes: a person walking into a parked unit or a stopped wreck is not struck.
        const Vec2 byVelocity = aIsPerson ? c.velocityB : c.velocityA;
        if (length(byVelocity) < kStrikeSpeed) return;
        const std::size_t i = static_cast<std::size_t>(entities.index(person.entity));
        measures.touched(i);  // a moving vehicle touched them: no clearance, struck or not
        if (c.relativeSpeed < kStrikeSpeed) return;
        const double normalSpeed = std::abs(dot(c.velocityA - c.velocityB, c.normal));
        const StrikeContact contact = models::glancing(c.relativeSpeed, normalSpeed) ? StrikeContact::Glancing
                                                                                     : StrikeContact::Frontal;
        recordStrike(i, by, c.relativeSpeed, normalSpeed, contact, c.point, t);
    }

    /// A person pinned between two bodies: a crush. A strike by either of them that pinned the
    /// person becomes a crush; otherwise the faster one crushes them now.
    void pinch(const Pinch& p, double t) {
        if (p.closingSpeed < kStrikeSpeed || p.a.kind == BodyKind::Guardrail) return;
        const std::size_t i = static_cast<std::size_t>(entities.index(p.person.entity));
        measures.touched(i);
        const std::string& person = entities.info(p.person.entity).id;
        for (const BodyRef& by : {p.a, p.b}) {
            if (by.kind == BodyKind::Guardrail) continue;
            Strike* s = measures.findStrike(person, idOf(by));
            if (s == nullptr || s->contact == StrikeContact::Crush) continue;
            const models::InjuryRisk risk = models::pedestrianInjury(StrikeContact::Crush, s->impactSpeed, p.closingSpeed);
            s->contact = StrikeContact::Crush;
            s->injurySpeed = risk.speed;
            s->pSevere = risk.pSevere;
            s->pFatal = risk.pFatal;
            return;
        }
        recordStrike(i, p.a, p.closingSpeed, p.closingSpeed, StrikeContact::Crush, p.point, t);
    }

    void recordStrike(std::size_t i, const BodyRef& by, double relativeSpeed, double normalSpeed, StrikeContact contact,
                      Vec2 point, double t) {
        const Person& p = people[i];
        if (!contactPairs.insert({p.entity, by.entity}).second) return;
        const bool pushed = by.kind == BodyKind::Unit;
        const models::InjuryRisk risk = models::pedestrianInjury(contact, relativeSpeed, normalSpeed);
        Strike s;
        s.time = t;
        s.person = entities.info(p.entity).id;
        s.by = idOf(by);
        s.via = pushed ? StrikeVia::PushedUnit : StrikeVia::Direct;
        if (const std::optional<Striker> behind = strikerBehind(by, t)) s.striker = *behind;
        s.impactSpeed = relativeSpeed;
        s.contact = contact;
        s.injurySpeed = risk.speed;
        s.pSevere = risk.pSevere;
        s.pFatal = risk.pFatal;
        measures.addStrike(s, i, by.entity);
        events.push_back({t, EventKind::Strike, p.entity, by.entity, relativeSpeed, point, pushed});
        if (firstStrikeAt < 0.0) {
            firstStrikeAt = t;
            if (std::isfinite(sc.run.aftermath))
                endStep = std::min<std::int64_t>(stepsTotal, stepsDone + 1 + std::llround(sc.run.aftermath / sc.run.dt));
        }
        people.knockDown(i);
        physics.setMotion(p.body, Motion::Free);
        crash(by, t);
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
            std::optional<Striker>& first = units[unitOf(b)].firstHitBy;
            if (!first) first = strikerBehind(a, t);
            const UnitRole role = sc.units[unitOf(b)].role;
            if (a.kind == BodyKind::TrafficVehicle && (role == UnitRole::Patrol || role == UnitRole::Violator) &&
                c.relativeSpeed >= kStrikeSpeed)
                measures.unitStruck(t);
        }
        if (contactPairs.insert({std::min(ka, kb), std::max(ka, kb)}).second) {
            measures.addCollision({t, idOf(a), idOf(b), c.relativeSpeed});
            events.push_back({t, EventKind::Collision, a.entity, b.kind == BodyKind::Guardrail ? a.entity : b.entity,
                              c.relativeSpeed, c.point, false});
        }
        crash(a, t);
        crash(b, t);
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
        for (const Pinch& p : physics.pinches()) pinch(p, t);
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
        for (const SceneUnit& u : units) {
            const Pose p = physics.pose(u.body);
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
        o.ended = firstStrikeAt >= 0.0 ? RunEnd::FirstStrike : RunEnd::Duration;
        o.simulated = now();
        o.measuredUntil = measuredUntil;
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
        for (const SceneUnit& u : units)
            f.entities.push_back({u.entity, physics.pose(u.body), length(physics.velocity(u.body)), kPresent});
        for (std::size_t i = 0; i < devices.size(); ++i) {
            const Pose p = devices[i].body != kNoBody ? physics.pose(devices[i].body) : Pose{sc.devices[i].position, 0.0};
            f.entities.push_back({devices[i].entity, p, 0.0, kPresent});
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
            f.entities.push_back({v.entity, {{v.s, v.d}, v.heading()}, std::hypot(v.v, v.vLat), vehicleFlags(v, f.time)});
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
const std::vector<EntityInfo>& World::entities() const { return impl_->entities.infos(); }
Frame World::snapshot() const { return impl_->snapshot(); }
std::span<const Event> World::stepEvents() const { return impl_->events; }
double World::sceneDetectionDistance() const { return impl_->layout.detectionDistance; }

Outcome run(const Scenario& scenario, std::uint64_t seed) {
    World world(scenario, seed);
    while (!world.done()) world.step();
    return world.outcome();
}

}  // namespace sim
