// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <vector>

#include "people.hpp"
#include "scene_layout.hpp"
#include "sim/frame.hpp"
#include "sim/outcome.hpp"
#include "traffic_stream.hpp"

/// The run's measures, observed after each step: passing and move-over behaviour, edge-line
/// crossings and shoulder intrusions, and for each person on foot their exposure, clearance to
/// moving vehicles, close passes and time to collision. Strikes and collisions are recorded by
/// the World from the physics contacts.
namespace sim::detail {

/// A parked unit moving after being pushed: it counts as a moving vehicle for clearances.
struct MovingUnit {
    std::uint32_t entity;
    OrientedBox box;
    Vec2 velocity;
};

/// An observer: it reads the traffic, the people and the units and writes only its own records
/// (per vehicle and per person) and the events it reports.
class Measures {
public:
    /// `traffic` as it stands at t = 0 (vehicles placed on the road before the first step).
    Measures(const Scenario& sc, const SceneLayout& layout, const TrafficStream& traffic);

    /// After each step: passing the scene, move-over and slow-down, edge lines, intrusions.
    void observeTraffic(const TrafficStream& traffic, double t, double dt, std::vector<Event>& events);
    /// After each step: exposure, clearance, close passes and time to collision of each person.
    void observePeople(const TrafficStream& traffic, const People& people, const std::vector<MovingUnit>& units,
                       double t, double dt, std::vector<Event>& events);

    /// Records a strike of person `person` (index) by entity `by`: their clearance was 0, and
    /// the striker's pass by them is the strike, not a close pass.
    void addStrike(Strike s, std::size_t person, std::uint32_t by);
    /// The strike of `person` (id) by `by` (id), if there is one (to turn it into a crush).
    Strike* findStrike(const std::string& person, const std::string& by);
    void addCollision(Collision c) { outcome_.collisions.push_back(std::move(c)); }
    /// A moving vehicle or unit touched person `person` (index): the clearance was 0.
    void touched(std::size_t person) { people_[person].out.minClearance = 0.0; }
    /// A traffic vehicle hit the patrol car or the violator at time t (the first one counts).
    void unitStruck(double t);
    /// Counts the step's work (Outcome::vehicleUpdates), measured or not.
    void countUpdates(const TrafficStream& traffic) { outcome_.vehicleUpdates += static_cast<std::uint64_t>(traffic.onRoad()); }

    /// The measures so far, as an Outcome (scenario, seed, status and hashes are the World's).
    Outcome outcome() const;

private:
    struct PassTrack {
        std::uint32_t entity;  ///< the vehicle
        double minClearance;   ///< m during this pass
        bool seen;             ///< seen this step
    };
    struct PersonMeasures {
        PersonOutcome out;
        std::vector<PassTrack> passes;
    };
    /// What the measures remember of a traffic vehicle between steps.
    struct VehicleRecord {
        bool known = false;            ///< observed before (at t = 0 or after an earlier step)
        double lastFront = 0.0;        ///< m, front at the previous observation
        int observedLane = -1;         ///< lane at the observation point (-1 = not observed)
        double observedSpeed = 0.0;    ///< m/s there
        bool passedScene = false;
        bool beyondRightEdge = false, beyondLeftEdge = false, intruding = false;
    };

    VehicleRecord& record(std::uint32_t entity) {  // every vehicle, every step: inline
        if (entity >= vehicles_.size()) vehicles_.resize(entity + 1);
        return vehicles_[entity];
    }
    void observeVehicle(const Vehicle& v, double t, std::vector<Event>& events);
    void trackPass(PersonMeasures& pm, std::uint32_t entity, double clearance);
    void closePasses(PersonMeasures& pm, std::uint32_t subject, Vec2 where, double t, std::vector<Event>& events);

    const Scenario& sc_;
    const SceneLayout& layout_;
    Outcome outcome_;
    std::vector<PersonMeasures> people_;
    std::vector<VehicleRecord> vehicles_;  ///< by entity index (other entities' records unused)
    int movedOver_ = 0, slowed_ = 0;
    double adjacentSpeedSum_ = 0.0;
    int adjacentCount_ = 0;
    int atMandatedSpeed_ = 0;
    double vehicleSeconds_ = 0.0;
};

}  // namespace sim::detail
