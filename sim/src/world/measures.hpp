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

class Measures {
public:
    Measures(const Scenario& sc, const SceneLayout& layout);

    void observeTraffic(TrafficStream& traffic, double t, double dt, std::vector<Event>& events);
    void observePeople(const TrafficStream& traffic, const People& people, const std::vector<MovingUnit>& units,
                       double t, double dt, std::vector<Event>& events);

    void addStrike(Strike s) { outcome_.strikes.push_back(std::move(s)); }
    void addCollision(Collision c) { outcome_.collisions.push_back(std::move(c)); }

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

    void observeVehicle(Vehicle& v, double t, std::vector<Event>& events);
    void trackPass(PersonMeasures& pm, std::uint32_t entity, double clearance);
    void closePasses(PersonMeasures& pm, std::uint32_t subject, Vec2 where, double t, std::vector<Event>& events);

    const Scenario& sc_;
    const SceneLayout& layout_;
    Outcome outcome_;
    std::vector<PersonMeasures> people_;
    int movedOver_ = 0, slowed_ = 0;
    double adjacentSpeedSum_ = 0.0;
    int adjacentCount_ = 0;
    int atMandatedSpeed_ = 0;
    double vehicleSeconds_ = 0.0;
};

}  // namespace sim::detail
