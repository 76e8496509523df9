// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "physics_world.hpp"
#include "sim/models/idm.hpp"
#include "sim/rng.hpp"
#include "sim/scenario.hpp"

/// A traffic vehicle and its driver: traits drawn once, state advanced every step.
namespace sim::detail {

/// How the vehicle is moved this step.
enum class VehicleMode : std::uint8_t {
    Kinematic,  ///< outside the contact zone: follows its lane by formula
    Bodied,     ///< inside the zone: a Box2D body driven by the same driver
    Crashed,    ///< after a contact: a free body under tyre forces, out of the traffic stream
};

/// What is fixed about a driver and a vehicle for the whole run (drawn from the DriverTraits stream).
struct DriverTraits {
    models::IdmDriver idm;          ///< v0 is the desired speed
    double prt = 0.9;               ///< s, perception-reaction time (braking, responding to the scene)
    double stopAt = std::numeric_limits<double>::infinity();  ///< m: scripted, brakes to a stop from here
    double stopDecel = 3.4;         ///< m/s^2 while stopping
    double steeringLatency = 0.4;   ///< s from eyes back on the road to corrective steering
    double edgeCueLatency = 0.5;    ///< s from the outer wheel crossing an edge line to the correction
    bool movesOver = false;         ///< moves over when the scene is detected (if able)
    bool slowsDown = false;         ///< slows to the mandated speed when the scene is detected
    DriverState state = DriverState::Normal;
    double wanderSd = 0.2;          ///< m, lateral wander while attentive
    double episodeRateFactor = 1.0; ///< on the attention episode rate
    double durationFactor = 1.0;    ///< on eyes-off durations
    double lapseRate = 0.0;         ///< 1/s, lapses (sleep, heavy impairment)
    bool randomAttention = true;    ///< ordinary eyes-off episodes happen
    const ForcedDrift* forcedDrift = nullptr;  ///< scripted vehicles only
};

struct Vehicle {
    // What every loop over the vehicles reads or writes each step comes first, so that a vehicle
    // far from the scene costs one or two cache lines a step (multi-rate integration).
    // motion: s of the centre, d of the centre, v along the road, vLat across it
    double s = 0.0, d = 0.0, v = 0.0, vLat = 0.0, accel = 0.0;
    double length = 4.9, width = 1.85;
    std::uint32_t entity = 0;      ///< index into the World's entity table
    int lane = 0;                  ///< 0-based lane the driver is in / heading for
    VehicleMode mode = VehicleMode::Kinematic;
    bool changingLane = false;
    bool drifting = false;         ///< lateral control off: eyes away, or not yet steering back
    bool obstacleAhead = false;    ///< braking for an obstacle (references.md#obstacle-response: responded to one PRT late)
    bool windowOpen = false;       ///< between opening and the rear passing the scene
    // multi-rate integration (TrafficStream::decide)
    bool decides = true;           ///< the driver decides in this step (else the last decisions hold)
    int holdSteps = 1;             ///< steps from the driver's last decisions to their next (multi-rate)
    int wantsLane = -1;            ///< lane a strategic change (move over, closed lane) waits to enter
    BodyId body = kNoBody;
    std::int64_t decidedStep = -1; ///< the step of the driver's last decisions
    double eyesOffUntil = -1.0;    ///< s; eyes off while time < eyesOffUntil
    double reactingUntil = -1.0;   ///< s; acceleration frozen until the driver has reacted (eyes back + PRT)
    double pathLow = -1e9, pathHigh = 1e9;  ///< m: where the centre may be across the road (the last decision's)
    double wander = 0.0;           ///< m, the attentive driver's lateral offset from the lane centre
    double detectedAt = -1.0;      ///< s, when the scene was detected; < 0 = not yet
    bool brakesHard = false;       ///< braking harder than comfortably (IDM b): the drivers behind decide at once

private:
    // The steered heading (heading(), steer()), written by every move.
    mutable double heading_ = 0.0;
    mutable bool headingPending_ = false;
    double headingV_ = 0.0, headingVLat_ = 0.0;  ///< m/s: the speeds the pending heading is steered at
    mutable double sweptHeading_ = std::numeric_limits<double>::quiet_NaN(), swept_ = 0.0;

public:
    // identity and size
    int number = 0;                ///< "vehicle-<number>"; arrival order, independent of the scene
    VehicleKind kind = VehicleKind::Sedan;
    std::uint32_t colour = 0;
    double mass = 1550.0, wheelbase = 2.8;
    double brakingLimit = 7.8;     ///< m/s^2: vehicle capability capped by friction
    DriverTraits traits;

    double nextDecision = 0.0;     ///< s, next lane-change decision

    // attention
    Rng attentionRng{0};
    Rng wanderRng{0};
    double hazardBudget = 0.0;     ///< unit-rate exponential budget for the next episode
    double hazardUsed = 0.0;       ///< integrated episode rate since the last episode
    bool lapsing = false;          ///< the present episode is a lapse (no response at all)
    bool wakesAtRumbleStrip = false; ///< ... that a rumble strip ends
    bool edgeCued = false;         ///< the present episode's edge-line cue has come
    bool wasFrozen = false;        ///< acceleration was frozen (reacting) last step
    // the vehicle's critical window (importance sampling, sim/rare_events.hpp)
    int window = -1;               ///< its index in the run's CriticalWindows; -1 = none opened
    bool windowOnset = false;      ///< an episode has started inside the window
    double eyesOffSince = -1.0;    ///< s, start of the present or last eyes-off episode
    double driftUntil = -1.0;      ///< s; lateral drift uncorrected until eyes back + steering latency
    double driftSpeed = 0.0;       ///< m/s, signed, during an episode
    bool neverReacts = false;      ///< a forced drift with reacts = false
    bool forcedStarted = false;

    // the scene
    double detectedDistance = -1.0; ///< m from the scene at detection
    double respondsAt = -1.0;      ///< s, detection + PRT

    // physics
    double crashedAt = -1.0;

    /// Heading of the path the vehicle is steering at speed `speed` with lateral speed `lateral`:
    /// lateral speed is bounded by forward speed (TrafficStream::lateral), so this stays within a
    /// few degrees.
    /// A tractor-trailer is one rigid box here; its real trailer follows the tractor instead of
    /// swinging out, so long vehicles turn their box only as much as a 6 m tractor's lateral
    /// shift would swing its ends [simplification].
    static constexpr double kMaxHeading = 0.35;  ///< rad: nosing into a gap at a crawl [assumption]
    static constexpr double kTractorLength = 6.0;  ///< m
    static constexpr double kCrawlReference = 3.0;  ///< m/s: creeping sideways into a gap barely turns the nose
    double steeredHeading(double speed, double lateral) const {
        if (speed <= 0.05) return 0.0;
        const double h = std::clamp(std::atan2(lateral, std::max(speed, kCrawlReference)), -kMaxHeading, kMaxHeading);
        return length > kTractorLength ? h * (kTractorLength / length) : h;
    }
    /// ... at the present speeds.
    double steeredHeading() const { return steeredHeading(v, vLat); }

    /// Heading (rad): the body's (bodied, crashed), or the steered path's as of the last move.
    /// Most vehicles' headings are never looked at in a step (far from the scene, nothing asks
    /// for their outline), so the steered heading is computed when first asked for.
    double heading() const {
        if (headingPending_) {
            heading_ = steeredHeading(headingV_, headingVLat_);
            headingPending_ = false;
        }
        return heading_;
    }
    /// The heading is the body's.
    void setHeading(double h) {
        heading_ = h;
        headingPending_ = false;
    }
    /// The heading is the steered path's at the present speeds (after a kinematic move).
    void steer() {
        headingV_ = v;
        headingVLat_ = vLat;
        headingPending_ = true;
    }

    /// Lateral extent (m) of the outline at the present heading (remembered for that heading:
    /// it is asked for many times a step).
    double sweptWidth() const {
        const double h = heading();
        if (h != sweptHeading_) {
            sweptHeading_ = h;
            swept_ = width * std::cos(std::abs(h)) + length * std::sin(std::abs(h));
        }
        return swept_;
    }

    /// An upper bound of sweptWidth() without its trigonometry while the heading is still to
    /// be computed (|atan2(y, x)| <= |y| / x, sin h <= h, cos h <= 1; a relative 1e-9 above
    /// rounding); sweptWidth() itself once it is known.
    double sweptWidthBound() const {
        if (!headingPending_) return sweptWidth();
        if (headingV_ <= 0.05) return width;  // the heading is 0: the swept width is the width
        double h = std::min(kMaxHeading, std::abs(headingVLat_) / std::max(headingV_, kCrawlReference));
        if (length > kTractorLength) h *= kTractorLength / length;
        return (width + length * h) * (1.0 + 1e-9) + 1e-12;
    }

    bool eyesOff(double t) const { return t < eyesOffUntil; }
    bool frozen(double t) const { return t < reactingUntil; }
    double front() const { return s + 0.5 * length; }
    double rear() const { return s - 0.5 * length; }
    /// The outline on the road: centre (s, d), heading, half length and half width.
    OrientedBox box() const { return {{{s, d}, heading()}, 0.5 * length, 0.5 * width}; }

};

}  // namespace sim::detail
