// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sim/frame.hpp"
#include "sim/scenario.hpp"
#include "critical_windows.hpp"
#include "entity_table.hpp"
#include "episode_sampler.hpp"
#include "scene_layout.hpp"
#include "vehicle.hpp"

/// The traffic stream: vehicles arriving per lane, following (IDM), changing lanes (MOBIL),
/// drifting while their drivers look away, detecting the scene and moving over or slowing.
///
/// Vehicles live in slots (indices stay valid while a vehicle is on the road); each lane keeps
/// its vehicles' slots sorted leader first. The World moves vehicles between the kinematic,
/// bodied and crashed modes; TrafficStream decides what every driver does each step.
namespace sim::detail {

class TrafficStream {
public:
    TrafficStream(const Scenario& sc, const SceneLayout& layout, std::uint64_t seed, EntityTable& entities);

    /// New arrivals at t, and insertion of waiting vehicles at the upstream end.
    void arrive(double t);
    /// Every driver's decisions for the step [t, t + dt): perception, attention, acceleration,
    /// lane changes, lateral control. Kinematic vehicles are also moved; bodied ones get their
    /// commanded velocity in `command` (read by the World).
    void decide(double t, double dt);
    /// Vehicles that left the road downstream are removed.
    void removeDeparted();
    /// Restores leader-first order in every lane after positions changed.
    void sortLanes();

    /// Takes a vehicle out of the traffic stream after a contact.
    void markCrashed(int slot, double t);

    /// Obstacles that move or appear during a run (crashed vehicles, pushed units); the World
    /// refreshes them every step, TrafficStream treats them like the scene's fixed obstacles.
    std::vector<Obstacle>& dynamicObstacles() { return dynamicObstacles_; }

    int slotCount() const { return static_cast<int>(slots_.size()); }
    bool alive(int slot) const { return alive_[static_cast<std::size_t>(slot)]; }
    Vehicle& vehicle(int slot) { return slots_[static_cast<std::size_t>(slot)]; }
    const Vehicle& vehicle(int slot) const { return slots_[static_cast<std::size_t>(slot)]; }
    const std::vector<int>& lane(int i) const { return lanes_[static_cast<std::size_t>(i)]; }
    /// Calls f(slot) for every vehicle in a lane whose centre is in [sMin, sMax] (and perhaps a
    /// few just before sMin), lane by lane, without passing over the whole lane: the lanes are in
    /// last step's order along the road, which one step cannot upset by kLaneOrderSlack.
    template <class F>
    void forEachInLanes(double sMin, double sMax, F&& f) const {
        for (const std::vector<int>& list : lanes_) {
            for (const int slot : list) {
                const double s = vehicle(slot).s;
                if (s > sMax) continue;
                if (s < sMin - kLaneOrderSlack) break;
                f(slot);
            }
        }
    }
    static constexpr double kLaneOrderSlack = 30.0;  ///< m
    /// Vehicles currently on the road (not yet departed), including crashed ones.
    int onRoad() const { return onRoad_; }

    /// A person on foot, as the importance sampling sees them (World tells before each decide()).
    struct PersonOnFoot {
        Vec2 position;   ///< m
        double radius;   ///< m
    };
    void setPeopleOnFoot(std::vector<PersonOnFoot> people) { peopleOnFoot_ = std::move(people); }
    /// The run's importance weight ln w and its windows (sim/rare_events.hpp).
    double logWeight() const { return windows_.logWeight(); }
    ImportanceTrace importanceTrace() const { return windows_.trace(); }

private:
    struct Pending {
        int number;          ///< arrival number
        int scripted;        ///< index into scriptedVehicles, or -1
    };

    // arrivals and insertion
    void scheduleArrivals(double t);
    bool tryInsert(int lane, const Pending& p, double t);
    /// A vehicle with its class and driver drawn from its own streams (no side effects).
    Vehicle newVehicle(const Pending& p, int lane, double s, double t) const;
    /// Puts a vehicle on the road: entity, slot, lane list.
    int addVehicle(Vehicle v, const Pending& p, int lane);
    /// The scripted vehicle an arrival is, or nullptr for ordinary traffic.
    const ScriptedVehicle* scriptedOf(const Pending& p) const;
    /// The arrival's index in its random streams: its number, or (scripted) 2^32 + its index,
    /// so that scripted and ordinary vehicles never share a stream.
    static std::uint64_t streamIndex(const Pending& p);
    void prepopulate();
    /// A vehicle placed on the road at t = 0 within sight of the scene has already seen it.
    void settleNearScene(Vehicle& v) const;

    // per-driver decisions
    void perceive(Vehicle& v, double t);
    /// The driver's nominal episode rates now (1/s): ordinary eyes-off episodes and lapses.
    struct EpisodeRates {
        double ordinary = 0.0, lapse = 0.0;
        double total() const { return ordinary + lapse; }
    };
    EpisodeRates episodeRates(const Vehicle& v) const;
    /// Opens the vehicle's critical window when it comes within reach of the scene, closes it
    /// once it has passed; a tilted window redraws the hazard budget.
    void updateWindow(Vehicle& v);
    /// The tilted vehicle's least lateral gap to the people on foot and the units (for tuning).
    void trackTiltedGap(const Vehicle& v);
    /// The edge-line cue of an ordinary drift, and the rumble strip of a lapse.
    void respondToEdge(Vehicle& v, double t) const;
    /// Steps from the driver's decisions now to their next: farSteps_ far from the scene (or
    /// with none), approachSteps_ on the approach to it, 1 near it or when anything is
    /// happening to them (multi-rate integration).
    int decisionSteps(const Vehicle& v, double t) const;
    void attend(Vehicle& v, double t, double dt);
    void startEpisode(Vehicle& v, const EpisodeMarks& m, double t);
    double desiredSpeed(const Vehicle& v, double t) const;
    /// The driver's acceleration, and whether an obstacle (not a moving leader) sets it and
    /// calls for braking.
    struct Longitudinal {
        double accel;
        bool obstacle;
    };
    Longitudinal longitudinal(const Vehicle& v, int leaderSlot, double t) const;
    /// Sets the driver's acceleration for the step: reacting, a scripted stop, or longitudinal().
    void control(Vehicle& v, int leaderSlot, double t);
    double mergeAcceleration(const Vehicle& v, const models::IdmDriver& idm) const;
    /// No obstacle closes `lane` beside the vehicle (it may move into it here).
    bool clearAlongside(const Vehicle& v, int lane) const;
    /// Without dLow/dHigh: the IDM acceleration for what closes `lane` ahead. With them: narrows
    /// [dLow, dHigh] to where the vehicle may be laterally (the acceleration is then not computed).
    double obstacleAcceleration(const Vehicle& v, int lane, double v0, double* dLow, double* dHigh) const;
    void laneChange(int slot, double t, double dt);
    double laneChangeBias(const Vehicle& v, int from, int to, double t) const;
    /// The lane-keeping wander over the `steps` steps of length stepDt since the last decision.
    void advanceWander(Vehicle& v, int steps, double stepDt);
    /// Lateral control in one step: toward the lane centre plus the wander, within the path's
    /// bounds of the last decision (Vehicle::pathLow, pathHigh).
    void lateral(Vehicle& v, double dt);
    void move(Vehicle& v, double dt);
    void preventOverlaps();

    // lane lists
    void insertInLane(int slot, int lane);
    void eraseFromLane(int slot, int lane);
    /// Leader and follower slots around position s in a lane (-1 = none).
    void neighbours(int lane, double s, int self, int& leader, int& follower) const;

    const Scenario& sc_;
    const SceneLayout& layout_;
    std::uint64_t seed_;
    EntityTable& entities_;
    EpisodeSampler sampler_;
    CriticalWindows windows_;
    std::vector<PersonOnFoot> peopleOnFoot_;
    std::vector<MixEntry> mix_;
    std::vector<std::vector<Obstacle>> laneObstacles_;  ///< fixed obstacles within shy reach of each lane, by sFrom
    std::vector<double> laneObstaclesEnd_;               ///< m, the largest sTo of each lane's laneObstacles_
    std::vector<std::vector<std::size_t>> laneObstaclesRunEnd_;  ///< as laneBlockingRunEnd_, for laneObstacles_
    std::vector<std::vector<Obstacle>> laneBlocking_;   ///< ... of those, the ones that reach into the lane
    /// For each of laneBlocking_'s obstacles, the index after the run of consecutive ones of the
    /// same lateral extent and sight that it starts or is part of.
    std::vector<std::vector<std::size_t>> laneBlockingRunEnd_;
    double sightRange_ = 0.0;  ///< m at which an unlit obstacle (a stopped car) is seen
    /// The lane-keeping wander's step constants (phi, noise) for a step of n fine steps, by n.
    struct WanderStep {
        double phi = -1.0, noise = 0.0;
    };
    std::vector<WanderStep> wanderSteps_;
    double wanderDt_ = -1.0;  ///< s, the fine step wanderSteps_ holds constants for
    // multi-rate integration
    std::int64_t step_ = 0;    ///< decide() calls so far
    int farSteps_ = 1;         ///< fine steps per far step; 1 = off (and no approach step)
    bool hasScene_ = false;    ///< units, devices or people: the fine region is around them
    double fineFrom_ = 0.0, fineTo_ = 0.0;  ///< m, the scene's extent along the road (devices and contact zone too)
    double approachTime_ = 0.0;             ///< s of travel before fineFrom_ on the approach step
    double observedFrom_ = 0.0;             ///< m: from here on the measures judge drivers (approach step)
    int approachSteps_ = 1;                 ///< fine steps per approach step
    std::vector<Obstacle> dynamicObstacles_;

    std::vector<Vehicle> slots_;
    std::vector<bool> alive_;
    std::vector<int> freeSlots_;
    std::vector<std::vector<int>> lanes_;
    std::vector<int> departedScratch_;  ///< removeDeparted()'s, kept for its capacity
    /// The lateral extent of each lane's vehicles, d from its rightmost right side to its
    /// leftmost left side (m), as of the start of decide().
    struct LaneBand {
        double right, left;
    };
    std::vector<LaneBand> laneBands_;
    int onRoad_ = 0;

    std::vector<Rng> arrivalRng_;            ///< one per lane
    std::vector<double> nextArrival_;        ///< s, per lane
    std::vector<std::deque<Pending>> waiting_;
    std::vector<std::size_t> scriptOrder_;   ///< scripted vehicles by entry time
    std::size_t nextScript_ = 0;
    int nextNumber_ = 0;
};

}  // namespace sim::detail
