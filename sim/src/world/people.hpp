// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "entity_table.hpp"
#include "physics_world.hpp"
#include "scene_layout.hpp"
#include "sim/scenario.hpp"

/// The people at the scene following their scripts: walking between places around the parked
/// units, dwelling, sitting inside a unit, or down after being struck.
namespace sim::detail {

enum class PersonPhase : std::uint8_t { Dwelling, Walking, Inside, Down };

struct Person {
    std::uint32_t entity = 0;
    std::size_t step = 0;            ///< current script step
    PersonPhase phase = PersonPhase::Dwelling;
    std::vector<Vec2> path;          ///< waypoints still to reach, the next first
    double dwellUntil = 0.0;         ///< s
    Vec2 position;                   ///< m
    Vec2 velocity;                   ///< m/s, commanded while on foot
    double facing = 0.0;             ///< rad
    double waitingSince = -1.0;      ///< s, since when they have waited for a gap; < 0 = not waiting
    BodyId body = kNoBody;
    bool onFoot() const { return phase != PersonPhase::Inside; }
};

/// Shortest walking path from `from` to `to` that keeps `clearance` metres from every box
/// (a visibility graph over the inflated boxes' corners), where a metre walked beyond
/// `trafficEdge` (inside an open lane) counts as kTrafficWalkCost metres: people keep out of
/// traffic where they can. Returns the waypoints after `from`.
std::vector<Vec2> planWalk(Vec2 from, Vec2 to, const std::vector<OrientedBox>& boxes, double clearance,
                           double trafficEdge = 1e18);

/// How much a metre walked in an open lane weighs against one on the shoulder [assumption:
/// officers are trained to stay out of the lane: walk the passenger side, step out at the door].
inline constexpr double kTrafficWalkCost = 5.0;

class People {
public:
    People(const Scenario& sc, const SceneLayout& layout, EntityTable& entities);

    /// Whether a person at `from` may set off along `path` now: false while it would take them
    /// into traffic that is too close (the World answers; people know nothing of traffic).
    /// `path` runs until the person is out of the open lanes again; `dwellInLane` (s) is the time
    /// they will stand in a lane along it (at an open car door, say).
    using MayWalk = std::function<bool(Vec2 from, const std::vector<Vec2>& path, double walkSpeed, double waited,
                                       double dwellInLane)>;

    /// Advances every script to time t + dt and sets each walker's velocity for the step.
    void update(double t, double dt, const MayWalk& mayWalk);
    /// A person was struck: their script ends, they are moved by physics only.
    void knockDown(std::size_t i);

    std::size_t size() const { return people_.size(); }
    Person& operator[](std::size_t i) { return people_[i]; }
    const Person& operator[](std::size_t i) const { return people_[i]; }
    const PersonDef& def(std::size_t i) const { return sc_.people[i]; }

private:
    void beginStep(Person& p, const PersonDef& def);
    /// How long p has been waiting for a gap at time t (starts the clock on first call).
    static double waited(Person& p, double t);
    void arrive(Person& p, const PersonDef& def, double t);
    Vec2 target(const PersonDef& def, std::size_t step) const;
    /// The walk ahead of a person who sets off now along `leg` (toward script step `step`): while
    /// the place they reach lies in an open lane, the dwell there and the walk to the next place
    /// are added, so that the gap they wait for covers their whole time in traffic.
    struct WalkAhead {
        std::vector<Vec2> path;
        double dwellInLane = 0.0;  ///< s
    };
    WalkAhead walkAhead(const PersonDef& def, std::vector<Vec2> leg, std::size_t step) const;
    /// walkAhead() for person i, planned again only when the leg or the step changed: someone
    /// waiting for a gap asks every step, and the units they walk around do not move.
    const WalkAhead& plannedAhead(std::size_t i, std::vector<Vec2> leg, std::size_t step);

    /// The last walk ahead planned for a person, and what it was planned for.
    struct PlannedAhead {
        bool valid = false;
        std::size_t step = 0;
        std::vector<Vec2> leg;
        WalkAhead ahead;
    };

    const Scenario& sc_;
    const SceneLayout& layout_;
    std::vector<Person> people_;
    std::vector<PlannedAhead> planned_;  ///< by person
};

}  // namespace sim::detail
