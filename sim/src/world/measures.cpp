// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "measures.hpp"

#include <algorithm>
#include <cmath>

namespace sim::detail {

namespace {
constexpr double kMovingSpeed = 1.0;       // m/s; slower vehicles are not "passing" [assumption]
constexpr double kNearRange = 30.0;        // m along the road within which clearances are measured
constexpr double kMaxApproachSpeed = 50.0; // m/s; bounds the TTC scan upstream
}  // namespace

Measures::Measures(const Scenario& sc, const SceneLayout& layout, const TrafficStream& traffic)
    : sc_(sc), layout_(layout) {
    for (const PersonDef& p : sc.people) {
        PersonMeasures pm;
        pm.out.id = p.id;
        people_.push_back(std::move(pm));
    }
    for (int slot = 0; slot < traffic.slotCount(); ++slot) {
        if (!traffic.alive(slot)) continue;
        const Vehicle& v = traffic.vehicle(slot);
        VehicleRecord& r = record(v.entity);
        r.known = true;
        r.lastFront = v.front();
    }
}

// ---------------------------------------------------------------------------------------------
// Traffic: passing the scene, move-over and slow-down, edge lines, intrusions
// ---------------------------------------------------------------------------------------------

void Measures::observeVehicle(const Vehicle& v, double t, std::vector<Event>& events) {
    VehicleRecord& r = record(v.entity);
    const bool known = r.known;
    const double lastFront = r.lastFront;
    r.known = true;
    r.lastFront = v.front();

    const double halfWidth = 0.5 * v.width;
    // Edge-line crossings anywhere on the road (the SHRP2 road-departure count, references.md#drift).
    const bool right = v.d - halfWidth < 0.0;
    const bool left = v.d + halfWidth > sc_.road.lanes * sc_.road.laneWidth;
    if (right && !r.beyondRightEdge) ++outcome_.edgeLineCrossings;
    if (left && !r.beyondLeftEdge) ++outcome_.edgeLineCrossings;
    r.beyondRightEdge = right;
    r.beyondLeftEdge = left;

    if (!layout_.present) return;
    // Shoulder intrusions near the scene.
    const bool nearScene = v.front() >= layout_.anchorS - sc_.measures.intrusionUpstream && v.rear() <= layout_.endS + 20.0;
    if (right && nearScene && !r.intruding) {
        ++outcome_.shoulderIntrusions;
        events.push_back({t, EventKind::ShoulderIntrusion, v.entity, v.entity, v.d - halfWidth, {v.s, v.d}, false});
    }
    r.intruding = right && nearScene;

    // Judged as AAA's cameras do: the lane at the observation point, then what the driver did
    // by the time they passed the scene. A camera counts only the vehicles it sees drive past
    // it: one that first appears beyond the point (entering the road there) is not observed.
    const double observeAt = layout_.anchorS - sc_.measures.observationDistance;
    // Lanes are judged by where the car is, as a camera sees it, not where its driver heads.
    if (r.observedLane < 0 && known && lastFront < observeAt && v.front() >= observeAt) {
        r.observedLane = laneAt(sc_.road, v.d);
        r.observedSpeed = v.v;
    }
    if (!r.passedScene && v.s >= layout_.anchorS) {
        const int lane = laneAt(sc_.road, v.d);
        r.passedScene = true;
        ++outcome_.vehiclesPassed;
        if (lane == layout_.adjacentLane) {
            adjacentSpeedSum_ += v.v;
            ++adjacentCount_;
            // Calgary's measure: reached the legal speed (a 1 mph allowance for speedometers).
            const double mandated = sc_.road.speedLimit - sc_.drivers.mandatedReduction;
            if (v.v <= mandated + 1.0 * units::kMph) ++atMandatedSpeed_;
        }
        if (r.observedLane == layout_.adjacentLane) {
            ++outcome_.observedVehicles;
            if (lane > layout_.adjacentLane) ++movedOver_;
            else if (v.v <= r.observedSpeed - sc_.measures.slowDownThreshold) ++slowed_;
        }
    }
}

void Measures::observeTraffic(const TrafficStream& traffic, double t, double dt, std::vector<Event>& events) {
    int moving = 0;
    for (int slot = 0; slot < traffic.slotCount(); ++slot) {
        if (!traffic.alive(slot)) continue;
        const Vehicle& v = traffic.vehicle(slot);
        if (v.mode == VehicleMode::Crashed) continue;
        ++moving;
        observeVehicle(v, t, events);
    }
    vehicleSeconds_ += moving * dt;
}

void Measures::addStrike(Strike s, std::size_t person, std::uint32_t by) {
    outcome_.strikes.push_back(std::move(s));
    PersonMeasures& pm = people_[person];
    pm.out.minClearance = 0.0;
    pm.passes.erase(std::remove_if(pm.passes.begin(), pm.passes.end(), [&](const PassTrack& p) { return p.entity == by; }),
                    pm.passes.end());
}

Strike* Measures::findStrike(const std::string& person, const std::string& by) {
    for (Strike& s : outcome_.strikes)
        if (s.person == person && s.by == by) return &s;
    return nullptr;
}

void Measures::unitStruck(double t) {
    if (outcome_.unitStruck) return;
    outcome_.unitStruck = true;
    outcome_.unitStruckAt = t;
}

// ---------------------------------------------------------------------------------------------
// People: exposure, clearance, close passes, time to collision
// ---------------------------------------------------------------------------------------------

void Measures::trackPass(PersonMeasures& pm, std::uint32_t entity, double clearance) {
    for (PassTrack& p : pm.passes)
        if (p.entity == entity) {
            p.minClearance = std::min(p.minClearance, clearance);
            p.seen = true;
            return;
        }
    pm.passes.push_back({entity, clearance, true});
}

void Measures::closePasses(PersonMeasures& pm, std::uint32_t subject, Vec2 where, double t, std::vector<Event>& events) {
    // A pass ends when the vehicle is no longer near: count it against the thresholds.
    auto ended = [&](const PassTrack& p) {
        if (p.seen) return false;
        if (p.minClearance < 2.0) ++pm.out.closePassesLt2m;
        if (p.minClearance < 1.0) {
            ++pm.out.closePassesLt1m;
            events.push_back({t, EventKind::ClosePass, subject, p.entity, p.minClearance, where, false});
        }
        return true;
    };
    pm.passes.erase(std::remove_if(pm.passes.begin(), pm.passes.end(), ended), pm.passes.end());
    for (PassTrack& p : pm.passes) p.seen = false;
}

void Measures::observePeople(const TrafficStream& traffic, const People& people, const std::vector<MovingUnit>& units,
                             double t, double dt, std::vector<Event>& events) {
    const Road& road = sc_.road;
    const double openEdge = laneRight(road, layout_.adjacentLane);
    for (std::size_t i = 0; i < people.size(); ++i) {
        const Person& p = people[i];
        PersonMeasures& pm = people_[i];
        const double radius = people.def(i).radius;
        const bool onFoot = p.phase == PersonPhase::Walking || p.phase == PersonPhase::Dwelling;
        if (onFoot && openEdge - p.position.y <= sc_.measures.exposureDistance) pm.out.exposure += dt;

        if (onFoot) {
            auto clearanceTo = [&](std::uint32_t entity, const OrientedBox& box, double speed) {
                if (speed < kMovingSpeed) return;
                const double c = std::max(0.0, distanceToBox(p.position, box) - radius);
                pm.out.minClearance = std::min(pm.out.minClearance, c);
                trackPass(pm, entity, c);
            };
            const double horizon = sc_.measures.ttcHorizon;
            for (int l = 0; l < road.lanes; ++l) {
                for (const int slot : traffic.lane(l)) {
                    const Vehicle& v = traffic.vehicle(slot);
                    if (v.rear() > p.position.x + kNearRange) continue;
                    if (v.front() < p.position.x - horizon * kMaxApproachSpeed) break;
                    if (v.front() > p.position.x - kNearRange)
                        clearanceTo(v.entity, v.box(), v.v);
                    // Time to collision on the vehicle's current course (SSAM-style, references.md#prior-models).
                    const double gap = p.position.x - radius - v.front();
                    const double closing = v.v - p.velocity.x;
                    if (gap <= 0.0 || closing <= 0.1) continue;
                    const double ttc = gap / closing;
                    if (ttc > horizon) continue;
                    const double lateral = (v.d + v.vLat * ttc) - (p.position.y + p.velocity.y * ttc);
                    if (std::abs(lateral) < 0.5 * v.width + radius) pm.out.minTtc = std::min(pm.out.minTtc, ttc);
                }
            }
            for (int slot = 0; slot < traffic.slotCount(); ++slot) {
                if (!traffic.alive(slot) || traffic.vehicle(slot).mode != VehicleMode::Crashed) continue;
                const Vehicle& v = traffic.vehicle(slot);
                if (std::abs(v.s - p.position.x) < kNearRange)
                    clearanceTo(v.entity, v.box(), v.v);
            }
            for (const MovingUnit& u : units) clearanceTo(u.entity, u.box, length(u.velocity));
        }
        closePasses(pm, p.entity, p.position, t, events);
    }
}

Outcome Measures::outcome() const {
    Outcome o = outcome_;
    for (const PersonMeasures& pm : people_) o.people.push_back(pm.out);
    o.struck = !o.strikes.empty();
    o.vehicleHours = vehicleSeconds_ / 3600.0;
    if (o.observedVehicles > 0) {
        o.moveOverRate = static_cast<double>(movedOver_) / o.observedVehicles;
        o.slowDownRate = static_cast<double>(slowed_) / o.observedVehicles;
    }
    if (adjacentCount_ > 0) {
        o.adjacentLaneMeanSpeed = adjacentSpeedSum_ / adjacentCount_;
        o.mandatedSpeedRate = static_cast<double>(atMandatedSpeed_) / adjacentCount_;
    }
    return o;
}

}  // namespace sim::detail
