// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The traffic stream. Sections:
//   [arrivals]    headways per lane, insertion at a safe speed, the road populated at t = 0
//   [perception]  detecting the scene; eyes-off-road episodes and forced drifts
//   [longitudinal] IDM toward leaders and obstacles, slowing for the scene
//   [lane change] MOBIL with keep-right, move-over and closed-lane biases
//   [lateral]     lane keeping with wander, lane changes, drift and correction
//   [lanes]       leader-first lane lists
#include "traffic_stream.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "driver_traits.hpp"
#include "sim/models/headway.hpp"
#include "sim/models/kinematics.hpp"
#include "sim/models/mobil.hpp"
#include "sim/models/shy_line.hpp"
#include "sim/models/visibility.hpp"
#include "sim/presets.hpp"

namespace sim::detail {

namespace {

constexpr double kDecisionInterval = 0.5;   // s between a driver's lane-change decisions [assumption]
constexpr double kLateralSpeedMax = 1.0;    // m/s; a 3.7 m lane change takes ~4-5 s [M]
constexpr double kLateralTau = 1.0;         // s, lateral approach time constant [assumption]
constexpr double kLateralAccel = 1.0;       // m/s^2, comfortable lateral acceleration [assumption]
constexpr double kRecoveryAccel = 2.0;      // m/s^2, correcting after a drift [assumption]
constexpr double kMoveOverBias = 1.0;       // m/s^2 MOBIL bias of a complying driver [assumption,
                                            //   calibrated by the AAA 2025 validation test]
constexpr double kStuckFallbackTime = 5.0;  // s before the scene when a mover who could not move over slows
constexpr double kObstacleRangeMin = 100.0; // m; unlit obstacles are seen at least this far [assumption]
constexpr double kShyRange = 50.0;          // m ahead at which drivers start keeping clear of an intrusion
constexpr double kLaneEdgeMargin = 0.2;     // m a shying driver keeps from the far lane line [assumption]
constexpr double kShyReach = 4.0;           // m beyond a lane within which objects can matter (> any shy offset)
constexpr double kStoppedSpeed = 0.5;       // m/s; a leader slower than this is a standing obstacle [assumption]
constexpr double kInf = std::numeric_limits<double>::infinity();
// Multi-rate integration (docs/model.md#multi-rate) [assumption, bounded by
// tests/world/multi_rate_test.cpp]:
// - the fine step: the last 6 s (at least 150 m) before the scene, where drivers brake for it,
//   shy from it (50 m), enter the contact zone (40 m) and make their last lane changes, and the
//   scene itself to 20 m past the contact zone;
// - the approach step (half the far step): from 20 m before the observation point, or 5 s (the
//   time a lane change takes, with a margin) before the move-over planning horizon.
constexpr double kNearTime = 6.0;        // s
constexpr double kNearReach = 150.0;     // m
constexpr double kApproachMargin = 5.0;  // s
constexpr double kFineMargin = 20.0;     // m

/// Where each run of consecutive obstacles of the same lateral extent and sight ends (a unit is
/// cut into slices along the road: clear of one, clear of them all).
std::vector<std::size_t> runEnds(const std::vector<Obstacle>& list) {
    std::vector<std::size_t> end(list.size(), list.size());
    for (std::size_t i = list.size(); i-- > 1;) {
        const Obstacle &a = list[i - 1], &b = list[i];
        end[i - 1] = a.dMin == b.dMin && a.dMax == b.dMax && a.seenWithin == b.seenWithin ? end[i] : i;
    }
    return end;
}

models::IdmDriver withDesiredSpeed(models::IdmDriver d, double v0) {  // copies: cheap
    d.v0 = v0;
    return d;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [arrivals]
// ---------------------------------------------------------------------------------------------

TrafficStream::TrafficStream(const Scenario& sc, const SceneLayout& layout, std::uint64_t seed, EntityTable& entities)
    : sc_(sc), layout_(layout), seed_(seed), entities_(entities), sampler_(sc.drivers.attention, sc.importance.tilt),
      windows_(sc.importance, seed),
      mix_(sc.traffic.mix.empty() ? defaultFreewayMix() : sc.traffic.mix) {
    const int lanes = sc.road.lanes;
    lanes_.resize(static_cast<std::size_t>(lanes));
    laneBands_.resize(static_cast<std::size_t>(lanes));
    waiting_.resize(static_cast<std::size_t>(lanes));
    laneObstacles_.resize(static_cast<std::size_t>(lanes));
    sightRange_ = models::sceneDetectionDistance(sc.environment, UnitLights::None, sc.road.sightDistance);
    laneBlocking_.resize(static_cast<std::size_t>(lanes));
    for (const Obstacle& o : layout.obstacles)
        for (int l = 0; l < lanes; ++l) {
            const auto i = static_cast<std::size_t>(l);
            if (o.dMax > laneRight(sc.road, l) - kShyReach && o.dMin < laneLeft(sc.road, l) + kShyReach) laneObstacles_[i].push_back(o);
            if (o.dMax > laneRight(sc.road, l) && o.dMin < laneLeft(sc.road, l)) laneBlocking_[i].push_back(o);
        }
    const auto byStart = [](const Obstacle& a, const Obstacle& b) { return a.sFrom < b.sFrom; };
    for (auto& list : laneObstacles_) std::stable_sort(list.begin(), list.end(), byStart);
    for (auto& list : laneBlocking_) std::stable_sort(list.begin(), list.end(), byStart);
    for (const auto& list : laneObstacles_) {
        double& end = laneObstaclesEnd_.emplace_back(-kInf);
        for (const Obstacle& o : list) end = std::max(end, o.sTo);
    }
    for (const auto& list : laneObstacles_) laneObstaclesRunEnd_.push_back(runEnds(list));
    for (const auto& list : laneBlocking_) laneBlockingRunEnd_.push_back(runEnds(list));
    // Multi-rate integration: the fine region is the scene with its devices and contact zone,
    // and the stretch before it where drivers respond to it and the measures judge them.
    farSteps_ = std::max(1, static_cast<int>(std::floor(sc.run.farStep / sc.run.dt + 1e-9)));
    approachSteps_ = std::max(1, farSteps_ / 2);
    hasScene_ = layout.present || !layout.obstacles.empty() || !sc.people.empty();
    fineFrom_ = layout.present ? layout.startS : kInf;
    fineTo_ = layout.present ? layout.endS : -kInf;
    if (!layout.present && !sc.people.empty()) fineFrom_ = fineTo_ = 0.0;  // people without units stand at s = 0
    for (const Obstacle& o : layout.obstacles) {
        fineFrom_ = std::min(fineFrom_, o.sFrom);
        fineTo_ = std::max(fineTo_, o.sTo);
    }
    fineTo_ += sc.run.contactMargin + kFineMargin;
    observedFrom_ = layout.present ? layout.anchorS - sc.measures.observationDistance - kFineMargin : kInf;
    approachTime_ = sc.drivers.planningHorizon + kApproachMargin;
    for (int l = 0; l < lanes; ++l) {
        arrivalRng_.emplace_back(streamSeed(seed, Stream::Arrivals, static_cast<std::uint64_t>(l)));
        const double flow = sc.traffic.flowPerLane[static_cast<std::size_t>(l)];
        nextArrival_.push_back(flow > 0.0 ? models::sampleHeadway(sc.traffic.headway, flow, sc.traffic.minHeadway,
                                                                  sc.traffic.headwaySigma,
                                                                  arrivalRng_.back())
                                          : kInf);
    }
    for (std::size_t i = 0; i < sc.scriptedVehicles.size(); ++i) scriptOrder_.push_back(i);
    std::stable_sort(scriptOrder_.begin(), scriptOrder_.end(), [&](std::size_t a, std::size_t b) {
        return sc.scriptedVehicles[a].entryTime < sc.scriptedVehicles[b].entryTime;
    });
    if (sc.traffic.prepopulate) prepopulate();
}

void TrafficStream::prepopulate() {
    // Each lane is filled from the downstream end back to the entry with headways from the same
    // distribution as arrivals (its own stream), at the mean desired speed.
    const Road& road = sc_.road;
    const double vMean = road.speedLimit + sc_.traffic.speedOffset;
    for (int l = 0; l < road.lanes; ++l) {
        const double flow = sc_.traffic.flowPerLane[static_cast<std::size_t>(l)];
        if (flow <= 0.0) continue;
        Rng rng(streamSeed(seed_, Stream::InitialTraffic, static_cast<std::uint64_t>(l)));
        double s = road.downstreamLength - 5.0;
        while (true) {
            s -= vMean * models::sampleHeadway(sc_.traffic.headway, flow, sc_.traffic.minHeadway,
                                               sc_.traffic.headwaySigma, rng);
            if (s < -road.upstreamLength + 10.0) break;
            const Pending p{nextNumber_++, -1};
            // The road starts as if drivers had already merged: nobody starts in a closed lane
            // within the distance it takes to stop before the closure.
            const double stopping = vMean * sc_.drivers.idm.T + vMean * vMean / (2.0 * sc_.drivers.idm.b);
            bool closed = false;
            for (const Obstacle& o : laneObstacles_[static_cast<std::size_t>(l)])
                closed = closed || (laneEffect(road, l, 2.6, o).blocked && s > o.sFrom - stopping && s < o.sTo + 10.0);
            if (closed) continue;
            const int leader = lanes_[static_cast<std::size_t>(l)].empty() ? -1 : lanes_[static_cast<std::size_t>(l)].back();
            Vehicle v = newVehicle(p, l, s, 0.0);
            double speed = v.traits.idm.v0;
            if (leader >= 0) {
                const Vehicle& L = vehicle(leader);
                const double room = std::max(0.0, L.rear() - v.front() - v.traits.idm.s0);
                speed = std::min(speed, room / v.traits.idm.T);
                // ...and no faster than it can fall back to the leader's speed within the gap,
                // braking at most as hard as drivers let a new follower brake (MOBIL's safe
                // deceleration): a road that starts full starts without a crash in it (a leader
                // slowed by its own short gap once met a follower at 26 m/s more, 12 m behind).
                speed = std::min(speed, L.v + std::sqrt(2.0 * sc_.drivers.mobil.bSafe * room));
            }
            v.v = speed;
            settleNearScene(v);
            addVehicle(std::move(v), p, l);
        }
    }
}

void TrafficStream::settleNearScene(Vehicle& v) const {
    // A driver already on the road within sight of the scene has been driving toward it: they
    // have seen it (and respond), and keep the clearance from it they would have taken.
    if (!layout_.present || v.rear() > layout_.endS) return;
    const double distance = layout_.anchorS - v.front();
    if (distance > layout_.detectionDistance) return;
    v.detectedAt = 0.0;
    v.detectedDistance = std::max(distance, 0.0);
    v.respondsAt = 0.0;
    double dLow = -1e9, dHigh = 1e9;
    obstacleAcceleration(v, v.lane, v.traits.idm.v0, &dLow, &dHigh);
    v.d = std::clamp(v.d, dLow, std::max(dLow, dHigh));
}

void TrafficStream::scheduleArrivals(double t) {
    for (int l = 0; l < sc_.road.lanes; ++l) {
        auto& next = nextArrival_[static_cast<std::size_t>(l)];
        while (next <= t && next <= sc_.traffic.demandDuration) {
            waiting_[static_cast<std::size_t>(l)].push_back({nextNumber_++, -1});
            next += models::sampleHeadway(sc_.traffic.headway, sc_.traffic.flowPerLane[static_cast<std::size_t>(l)],
                                          sc_.traffic.minHeadway, sc_.traffic.headwaySigma,
                                          arrivalRng_[static_cast<std::size_t>(l)]);
        }
    }
    while (nextScript_ < scriptOrder_.size() &&
           sc_.scriptedVehicles[scriptOrder_[nextScript_]].entryTime <= t) {
        const std::size_t i = scriptOrder_[nextScript_++];
        const int lane = sc_.scriptedVehicles[i].lane - 1;
        waiting_[static_cast<std::size_t>(lane)].push_front({-1, static_cast<int>(i)});
    }
}

void TrafficStream::arrive(double t) {
    scheduleArrivals(t);
    for (int l = 0; l < sc_.road.lanes; ++l) {
        auto& queue = waiting_[static_cast<std::size_t>(l)];
        while (!queue.empty() && tryInsert(l, queue.front(), t)) queue.pop_front();
    }
}

bool TrafficStream::tryInsert(int lane, const Pending& p, double t) {
    const Road& road = sc_.road;
    const ScriptedVehicle* sv = scriptedOf(p);
    // The vehicle's class (hence its length) comes from its own stream, so drawing it while it
    // waits at the entry changes nothing else.
    Vehicle v = newVehicle(p, lane, 0.0, t);
    v.s = (sv && std::isfinite(sv->entryS)) ? sv->entryS : -road.upstreamLength + 0.5 * v.length;
    int leader = -1, follower = -1;
    neighbours(lane, v.s, -1, leader, follower);
    if (follower >= 0 && vehicle(follower).front() > v.rear() - 1.0) return false;
    // Vehicles come from road beyond the simulated one: they enter at the stream's speed (their
    // leader's, up to their own desired speed) once the gap is at least half their desired
    // headway at that speed, and otherwise wait [assumption]. Entering slower than the stream
    // would start a queue at the entry that the IDM's gentle acceleration never clears.
    double speed = v.front() >= v.traits.stopAt ? 0.0 : v.traits.idm.v0;  // a stopped vehicle enters stopped
    if (leader >= 0) {
        const Vehicle& L = vehicle(leader);
        const double gap = L.rear() - v.front();
        constexpr double kNear = 200.0;  // m; a leader farther away does not set the speed
        if (gap < kNear) speed = std::min(speed, std::max(L.v, 1.0));
        if (gap < v.traits.idm.s0 + 0.5 * speed * v.traits.idm.T) return false;
    }
    v.v = speed;
    addVehicle(std::move(v), p, lane);
    return true;
}

const ScriptedVehicle* TrafficStream::scriptedOf(const Pending& p) const {
    return p.scripted >= 0 ? &sc_.scriptedVehicles[static_cast<std::size_t>(p.scripted)] : nullptr;
}

std::uint64_t TrafficStream::streamIndex(const Pending& p) {
    return p.scripted >= 0 ? (1ull << 32) + static_cast<std::uint64_t>(p.scripted) : static_cast<std::uint64_t>(p.number);
}

Vehicle TrafficStream::newVehicle(const Pending& p, int lane, double s, double t) const {
    const ScriptedVehicle* sv = scriptedOf(p);
    Vehicle veh;
    // Vehicle n's class and driver come from its own stream: the same in every tactic.
    Rng traits(streamSeed(seed_, Stream::DriverTraits, streamIndex(p)));
    const VehicleSpec& spec = sv ? sv->spec : drawVehicleClass(mix_, traits);
    veh.traits = sv ? scriptedDriverTraits(sc_, *sv, traits) : drawDriverTraits(sc_, spec, traits);
    veh.kind = spec.kind;
    veh.colour = spec.colour;
    veh.number = p.number;
    veh.length = spec.length;
    veh.width = spec.width;
    veh.mass = spec.mass;
    veh.wheelbase = spec.wheelbase;
    veh.brakingLimit = models::brakingLimit(spec.maxDecel, sc_.environment.friction);
    veh.s = s;
    veh.lane = lane;
    veh.d = laneCentre(sc_.road, lane);
    const std::uint64_t attentionIndex = 2 * streamIndex(p);
    veh.attentionRng = Rng(streamSeed(seed_, Stream::Attention, attentionIndex));
    veh.wanderRng = Rng(streamSeed(seed_, Stream::Attention, attentionIndex + 1));
    veh.hazardBudget = EpisodeSampler::drawHazardBudget(veh.attentionRng);
    veh.wander = veh.traits.wanderSd * veh.wanderRng.standardNormal();
    veh.d += veh.wander;
    veh.nextDecision = t + kDecisionInterval * ((p.number < 0 ? p.scripted : p.number) % 10) / 10.0;
    return veh;
}

int TrafficStream::addVehicle(Vehicle veh, const Pending& p, int lane) {
    const ScriptedVehicle* sv = scriptedOf(p);
    EntityInfo info;
    info.id = sv ? sv->id : "vehicle-" + std::to_string(p.number);
    info.kind = EntityKind::TrafficVehicle;
    info.vehicleKind = veh.kind;
    info.length = veh.length;
    info.width = veh.width;
    info.colour = veh.colour;

    const int slot = freeSlots_.empty() ? static_cast<int>(slots_.size()) : freeSlots_.back();
    veh.entity = entities_.add(std::move(info), slot);
    veh.decidedStep = step_ - 1;  // its first decisions cover one step
    if (!freeSlots_.empty()) {
        freeSlots_.pop_back();
        slots_[static_cast<std::size_t>(slot)] = std::move(veh);
        alive_[static_cast<std::size_t>(slot)] = true;
    } else {
        slots_.push_back(std::move(veh));
        alive_.push_back(true);
    }
    insertInLane(slot, lane);
    ++onRoad_;
    return slot;
}

void TrafficStream::removeDeparted() {
    const double end = sc_.road.downstreamLength;
    // Only a vehicle in a lane can have left the road without a body (a crashed one keeps its
    // body), and one whose rear is past the end has its centre past it. Removed in slot order,
    // as a loop over the slots would.
    departedScratch_.clear();
    forEachInLanes(end, kInf, [&](int slot) {
        const Vehicle& v = vehicle(slot);
        if (v.rear() > end && v.body == kNoBody) departedScratch_.push_back(slot);
    });
    std::sort(departedScratch_.begin(), departedScratch_.end());
    for (const int slot : departedScratch_) {
        Vehicle& v = vehicle(slot);
        eraseFromLane(slot, v.lane);
        entities_.retire(v.entity);
        alive_[static_cast<std::size_t>(slot)] = false;
        freeSlots_.push_back(slot);
        --onRoad_;
    }
}

void TrafficStream::markCrashed(int slot, double t) {
    Vehicle& v = vehicle(slot);
    if (v.mode == VehicleMode::Crashed) return;
    // A tilted vehicle that hits anything has reached the event the tuning looks for.
    if (v.windowOpen && windows_.tilted(v.window)) windows_.tiltedWindow().closestGap = std::min(windows_.tiltedWindow().closestGap, 0.0);
    eraseFromLane(slot, v.lane);
    v.mode = VehicleMode::Crashed;
    v.crashedAt = t;
}

// ---------------------------------------------------------------------------------------------
// [perception]
// ---------------------------------------------------------------------------------------------

void TrafficStream::perceive(Vehicle& v, double t) {
    if (!layout_.present || v.detectedAt >= 0.0 || v.eyesOff(t)) return;
    const double distance = layout_.anchorS - v.front();
    if (distance >= 0.0 && distance <= layout_.detectionDistance) {
        v.detectedAt = t;
        v.detectedDistance = distance;
        v.respondsAt = t + v.traits.prt;
    }
}

TrafficStream::EpisodeRates TrafficStream::episodeRates(const Vehicle& v) const {
    // Eyes-off episodes: a Poisson rate, multiplied for drowsy and impaired drivers; a driver who
    // has detected the scene keeps their eyes on it until past it (Attention::sceneCapture).
    // Lapses are not held off by the scene: a driver who dozes off sees nothing.
    const Attention& a = sc_.drivers.attention;
    const bool captured = v.detectedAt >= 0.0 && v.rear() <= layout_.endS;
    EpisodeRates r;
    r.ordinary = a.episodeRate * v.traits.episodeRateFactor * (captured ? a.sceneCapture : 1.0);
    r.lapse = v.traits.lapseRate;
    return r;
}

void TrafficStream::updateWindow(Vehicle& v) {
    if (v.windowOpen && (v.rear() > layout_.endS || v.mode == VehicleMode::Crashed)) v.windowOpen = false;
    if (!windows_.enabled() || v.window >= 0 || v.mode == VehicleMode::Crashed || !v.traits.randomAttention) return;
    if (v.lane < layout_.adjacentLane || v.rear() > layout_.endS) return;
    // A lapse from a lane farther out must cross the nearer lanes first: its window opens earlier.
    const int lanesAway = v.lane - layout_.adjacentLane;
    const double speed = std::max(v.v, 1.0);
    const double window = sc_.importance.window + lanesAway * sc_.importance.windowPerLane;
    if ((layout_.startS - v.front()) / speed > window) return;
    // The hazard predicted for the window: today's rate until the rear passes the scene's end.
    const double hazard = episodeRates(v).total() * (layout_.endS - v.rear()) / speed;
    v.window = windows_.open(!peopleOnFoot_.empty(), lanesAway, hazard);
    v.windowOpen = true;
    if (hazard <= 0.0) return;
    // The remaining budget is a fresh Exp(1) draw given the past (memorylessness): a tilted
    // window redraws it from the onset proposal, an untilted one keeps it; both are weighed.
    double remaining = v.hazardBudget - v.hazardUsed;
    if (windows_.tilted(v.window)) {
        const double u = sampler_.drawOnsetFraction(windows_.proposalRng());
        remaining = u * hazard;
        v.hazardBudget = v.hazardUsed + remaining;
        TiltedWindow& tw = windows_.tiltedWindow();
        tw.vehicle = "vehicle-" + std::to_string(v.number);
        tw.onsetFraction = u;
    }
    windows_.addLogRatio(v.window, sampler_.onsetLogRatio(remaining, hazard));
}

void TrafficStream::trackTiltedGap(const Vehicle& v) {
    if (!v.windowOpen || !windows_.tilted(v.window)) return;
    // Lateral gap to whatever is alongside, or within the next metre or two ahead (a contact
    // happens within the step, before the gap can be measured alongside).
    const double right = v.d - 0.5 * v.width;
    const double ahead = v.front() + std::max(1.0, v.v * sc_.run.dt) + 1.0;
    double gap = kInf;
    for (const PersonOnFoot& p : peopleOnFoot_)
        if (p.position.x + p.radius > v.rear() && p.position.x - p.radius < ahead) gap = std::min(gap, right - (p.position.y + p.radius));
    for (const OrientedBox& b : layout_.unitBoxes) {
        const Obstacle o = boundingObstacle(b);
        if (o.sTo > v.rear() && o.sFrom < ahead) gap = std::min(gap, right - o.dMax);
    }
    TiltedWindow& tw = windows_.tiltedWindow();
    tw.closestGap = std::min(tw.closestGap, gap);
}

void TrafficStream::respondToEdge(Vehicle& v, double t) const {
    if (v.edgeCued) return;
    const Attention& a = sc_.drivers.attention;
    const double right = v.d - 0.5 * v.width + a.wheelInset, left = v.d + 0.5 * v.width - a.wheelInset;
    const double roadLeft = sc_.road.lanes * sc_.road.laneWidth;
    if (!v.lapsing) {
        // An ordinary drift: once the outer wheel is past an edge line, the tyre noise, the
        // rumble strip or the line in the corner of the eye set off the correction, whether
        // the eyes are back or not (Chalmers 2024, references.md#non-responders).
        if (right < 0.0 || left > roadLeft) {
            v.edgeCued = true;
            v.driftUntil = std::min(v.driftUntil, t + v.traits.edgeCueLatency);
        }
        return;
    }
    // A lapse: only the rumble strip can end it, and only for some drivers.
    const double strip = sc_.road.rumbleStripOffset;
    if (sc_.road.rumbleStrips && v.wakesAtRumbleStrip && (right < -strip || left > roadLeft + strip)) {
        v.edgeCued = true;
        v.eyesOffUntil = std::min(v.eyesOffUntil, t);
        v.driftUntil = std::min(v.driftUntil, t + v.traits.edgeCueLatency);
        v.reactingUntil = std::min(v.reactingUntil, t + v.traits.prt);
    }
}

void TrafficStream::attend(Vehicle& v, double t, double dt) {
    if (v.drifting) respondToEdge(v, t);
    if (v.drifting && t >= v.driftUntil) v.drifting = v.lapsing = false;
    if (v.drifting) return;

    if (const ForcedDrift* f = v.traits.forcedDrift; f && !v.forcedStarted && v.s >= f->startS) {
        v.forcedStarted = true;
        v.drifting = true;
        // A scripted drift that never reacts, or by a driver scripted asleep, is a lapse: no
        // edge-line cue corrects it. One that reacts is an ordinary eyes-off drift.
        v.lapsing = !f->reacts || v.traits.state == DriverState::Asleep;
        v.edgeCued = !f->edgeCorrection;  // no cue can end a slide
        v.wakesAtRumbleStrip = false;
        v.driftSpeed = f->lateralSpeed;
        v.eyesOffSince = t;
        v.eyesOffUntil = t + f->duration;
        v.neverReacts = !f->reacts;
        v.reactingUntil = f->reacts ? v.eyesOffUntil + v.traits.prt : kInf;
        v.driftUntil = f->reacts ? v.eyesOffUntil + v.traits.steeringLatency : kInf;
        return;
    }
    if (!v.traits.randomAttention) return;

    const EpisodeRates rates = episodeRates(v);
    v.hazardUsed += rates.total() * dt;
    if (v.hazardUsed < v.hazardBudget) return;

    const EpisodeContext context{rates.total() > 0.0 ? rates.lapse / rates.total() : 0.0, v.traits.durationFactor};
    // Only the first episode that starts inside a window is drawn from the proposal, and only
    // that one enters the window's likelihood ratio.
    const bool inWindow = v.windowOpen && !v.windowOnset;
    const bool tilted = inWindow && windows_.tilted(v.window);
    const EpisodeMarks m = sampler_.draw(v.attentionRng, context, tilted);
    if (inWindow) {
        v.windowOnset = true;
        windows_.addLogRatio(v.window, sampler_.logRatio(m, context));
        if (tilted) {
            TiltedWindow& tw = windows_.tiltedWindow();
            tw.onsetInWindow = true;
            tw.lapse = m.lapse;
            tw.towardShoulder = m.towardShoulder;
            tw.driftSpeed = m.driftSpeed;
            tw.duration = m.duration;
            tw.driftLogDeviation = sampler_.driftLogDeviation(m);
            tw.durationLogDeviation = sampler_.durationLogDeviation(m, context);
        }
    }
    v.hazardUsed = 0.0;
    v.hazardBudget = EpisodeSampler::drawHazardBudget(v.attentionRng);
    startEpisode(v, m, t);
}

void TrafficStream::startEpisode(Vehicle& v, const EpisodeMarks& m, double t) {
    v.drifting = true;
    v.lapsing = m.lapse;
    v.wakesAtRumbleStrip = m.wakesAtRumbleStrip;
    v.edgeCued = false;
    v.driftSpeed = m.towardShoulder ? -m.driftSpeed : m.driftSpeed;
    v.eyesOffSince = t;
    v.eyesOffUntil = t + m.duration;
    // Once the eyes are back the drift goes on until the driver steers (a fraction of a second),
    // and the accelerator stays where it was until they have reacted to what is ahead (the PRT).
    v.driftUntil = v.eyesOffUntil + v.traits.steeringLatency;
    v.reactingUntil = v.eyesOffUntil + v.traits.prt;
}

// ---------------------------------------------------------------------------------------------
// [longitudinal]
// ---------------------------------------------------------------------------------------------

double TrafficStream::desiredSpeed(const Vehicle& v, double t) const {
    double v0 = v.traits.idm.v0;
    if (v.respondsAt < 0.0 || t < v.respondsAt || v.rear() > layout_.endS) return v0;
    const double distance = layout_.anchorS - v.front();
    if (distance > v.v * sc_.drivers.planningHorizon) return v0;
    // Move Over laws: change lanes, or if unable, slow down (references.md#move-over, TX/FL statutes).
    const bool stuck = v.traits.movesOver && v.lane <= layout_.adjacentLane && distance < v.v * kStuckFallbackTime;
    if (v.traits.slowsDown || stuck)
        v0 = std::min(v0, std::max(2.0, sc_.road.speedLimit - sc_.drivers.mandatedReduction));
    return v0;
}

double TrafficStream::obstacleAcceleration(const Vehicle& v, int lane, double v0, double* dLow, double* dHigh) const {
    const double range = std::max(layout_.detectionDistance, kObstacleRangeMin);
    const double right = laneRight(sc_.road, lane), left = laneLeft(sc_.road, lane);
    const double halfWidth = 0.5 * v.width;
    double acc = kInf;
    // Set by consider(o): o leaves the vehicle's path clear by its lateral extent alone (and so
    // does anything of the same lateral extent and sight).
    bool clearBeside = false;
    // Set by consider(o): o is within sight and not behind; what it does to the lateral bounds,
    // so does anything of the same lateral extent and sight within the shy range.
    bool reached = false;
    double shy = -1.0;  // m, the shy line offset at this speed, once asked for
    // Returns true when o is in the way ahead (in acceleration mode it then sets acc).
    auto consider = [&](const Obstacle& o) {
        clearBeside = reached = false;
        if (o.sTo < v.rear()) return false;
        const double distance = o.sFrom - v.front();
        if (distance > std::min(range, o.seenWithin)) return false;
        reached = true;
        // For the lateral bounds only what is within the shy range counts (below).
        if (dLow && distance >= kShyRange) return false;
        // Only what reaches into the lane has an effect (laneEffect), and its swept width
        // (trigonometry) only matters then.
        const bool inLane = o.dMax > right && o.dMin < left;
        // A narrowed passage is blocked until the vehicle is far enough over to clear it.
        constexpr double kTolerance = 0.05;  // m
        const auto notClearOf = [&](const LaneEffect& e) { return v.d < e.dLow - kTolerance || v.d > e.dHigh + kTolerance; };
        LaneEffect e;
        if (inLane && !dLow) {
            // For the acceleration only whether the vehicle is clear counts: clear with a bound of
            // its swept width (a narrower passage), it is clear with the swept width itself.
            e = laneEffect(sc_.road, lane, v.width, o, v.sweptWidthBound());
            if (!e.blocked && notClearOf(e)) e = laneEffect(sc_.road, lane, v.width, o, v.sweptWidth());
        } else if (inLane) {
            e = laneEffect(sc_.road, lane, v.width, o, v.sweptWidth());
        }
        const bool notClear = notClearOf(e);
        clearBeside = !e.blocked && !notClear;
        // Something already alongside cannot be avoided by braking (and braking for it only
        // sets off rear-end collisions behind): only what starts ahead is a leader.
        if ((e.blocked || notClear) && distance >= 0.0) {
            // Asked for the lateral bounds (dLow), the caller does not use the acceleration.
            if (!dLow)
                acc = std::min(acc, models::idmAcceleration(withDesiredSpeed(v.traits.idm, v0), v.v,
                                                            std::max(distance, 0.01), v.v));
            return true;
        }
        if (e.blocked || distance >= kShyRange || !dLow) return false;
        *dLow = std::max(*dLow, e.dLow);
        *dHigh = std::min(*dHigh, e.dHigh);
        // A driver who has seen the scene moves away from what stands inside the shy line
        // offset beside the lane (AASHTO Roadside Design Guide), as far as the lane allows.
        if (v.detectedAt < 0.0) return false;
        if (shy < 0.0) shy = models::shyLineOffset(v.v);
        if (o.dMax <= right && right - o.dMax < shy)
            *dLow = std::max(*dLow, std::min(o.dMax + shy + halfWidth, left - kLaneEdgeMargin - halfWidth));
        if (o.dMin >= left && o.dMin - left < shy)
            *dHigh = std::min(*dHigh, std::max(o.dMin - shy - halfWidth, right + kLaneEdgeMargin + halfWidth));
        return false;
    };
    // The fixed obstacles are sorted by where they start: once one is too far to matter, so are
    // the rest; and for the acceleration the first one in the way is the only leader among them
    // (an IDM driver brakes less for anything farther). For the acceleration only obstacles that reach into
    // the lane can be in the way; for the lateral bounds the shy line also reaches beyond it.
    const auto l = static_cast<std::size_t>(lane);
    if (v.rear() > laneObstaclesEnd_[l]) {
        // Past every fixed obstacle of the lane (consider() would turn each one down).
    } else if (dLow) {
        const std::vector<Obstacle>& list = laneObstacles_[l];
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].sFrom - v.front() >= kShyRange) break;
            consider(list[i]);
            if (reached) i = laneObstaclesRunEnd_[l][i] - 1;
        }
    } else {
        const std::vector<Obstacle>& list = laneBlocking_[l];
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].sFrom - v.front() > range) break;
            if (consider(list[i])) break;
            // A unit is cut into slices of the same lateral extent: clear of one, clear of them all.
            if (clearBeside) i = laneBlockingRunEnd_[l][i] - 1;
        }
    }
    for (const Obstacle& o : dynamicObstacles_) consider(o);
    return acc;
}

TrafficStream::Longitudinal TrafficStream::longitudinal(const Vehicle& v, int leaderSlot, double t) const {
    const double v0 = desiredSpeed(v, t);
    const models::IdmDriver idm = withDesiredSpeed(v.traits.idm, v0);
    double a = models::idmFreeAcceleration(idm, v.v);
    // What stands still in the path (the scene's obstacles, a wreck, a person, a stopped car) is
    // an obstacle: seen only within sight, and braked for one reaction time after it is seen.
    double obstacle = kInf;
    if (leaderSlot >= 0) {
        const Vehicle& L = vehicle(leaderSlot);
        const double gap = L.rear() - v.front();
        const double follow = models::idmAcceleration(idm, v.v, gap, v.v - L.v);
        if (L.v >= kStoppedSpeed) a = follow;
        else if (gap <= sightRange_) obstacle = follow;
    }
    // Obstacles in every lane the body still overlaps count, not only in the lane being entered:
    // a driver half-way across watches both lanes.
    const int from = laneAt(sc_.road, v.d - 0.5 * v.width), to = laneAt(sc_.road, v.d + 0.5 * v.width);
    for (int l = std::min(from, v.lane); l <= std::max(to, v.lane); ++l)
        obstacle = std::min(obstacle, obstacleAcceleration(v, l, v0, nullptr, nullptr));
    // And a vehicle of a neighbouring lane whose outline is in this one's path is a leader too:
    // one drifting over, one stuck half-way across, or the car this driver pulls out from behind.
    for (const int l : {v.lane - 1, v.lane + 1}) {
        if (l < 0 || l >= sc_.road.lanes) continue;
        // No vehicle of that lane reaches across into this one's path (with a margin far above
        // rounding): its leader there is not in the path either.
        const LaneBand& band = laneBands_[static_cast<std::size_t>(l)];
        if (v.d - 0.5 * v.width > band.left + 1e-6 || v.d + 0.5 * v.width < band.right - 1e-6) continue;
        int other = -1, follower = -1;
        neighbours(l, v.s, -1, other, follower);
        if (other < 0) continue;
        const Vehicle& L = vehicle(other);
        if (std::abs(L.d - v.d) >= 0.5 * (L.width + v.width)) continue;  // not in the path
        const double gap = L.rear() - v.front();
        // A car pulling out of this lane at speed is seen leaving; one that is stuck is not.
        if (L.changingLane && L.v >= v.v - 1.0) continue;
        // A driver pulling out past a slower car accepts half the usual headway to it [assumption].
        if (v.changingLane && !L.changingLane && gap >= idm.s0 + 0.5 * v.v * idm.T) continue;
        a = std::min(a, models::idmAcceleration(idm, v.v, gap, v.v - L.v));
    }
    if (v.wantsLane >= 0) a = std::min(a, mergeAcceleration(v, idm));
    return {std::min(a, obstacle), obstacle < std::min(a, 0.0)};
}

bool TrafficStream::clearAlongside(const Vehicle& v, int lane) const {
    constexpr double kMargin = 5.0;  // m before and after the vehicle [assumption]
    auto blocksHere = [&](const Obstacle& o) {
        return o.sFrom < v.front() + kMargin && o.sTo > v.rear() - kMargin &&
               laneEffect(sc_.road, lane, v.width, o).blocked;
    };
    for (const Obstacle& o : laneObstacles_[static_cast<std::size_t>(lane)])
        if (blocksHere(o)) return false;
    for (const Obstacle& o : dynamicObstacles_)
        if (blocksHere(o)) return false;
    return true;
}

double TrafficStream::mergeAcceleration(const Vehicle& v, const models::IdmDriver& idm) const {
    int leader = -1, follower = -1;
    neighbours(v.wantsLane, v.s, -1, leader, follower);
    if (leader < 0) return kInf;
    const Vehicle& L = vehicle(leader);
    // Falling in behind: follow the target lane's leader as if already behind it, but no harder
    // than comfortable braking (a driver yields to merge; they do not brake hard for it).
    const double a = models::idmAcceleration(idm, v.v, std::max(L.rear() - v.front(), 0.5), v.v - L.v);
    return std::max(a, -idm.b);
}

// ---------------------------------------------------------------------------------------------
// [lane change]
// ---------------------------------------------------------------------------------------------

double TrafficStream::laneChangeBias(const Vehicle& v, int from, int to, double t) const {
    double bias = (to < from ? 1.0 : -1.0) * sc_.drivers.mobil.keepRightBias;
    const double distance = layout_.anchorS - v.front();
    const bool movingOver = v.traits.movesOver && v.respondsAt >= 0.0 && t >= v.respondsAt &&
                            v.rear() <= layout_.endS && distance <= v.v * sc_.drivers.planningHorizon + 20.0;
    if (movingOver) {
        if (from <= layout_.adjacentLane && to > from) bias += kMoveOverBias;
        if (to <= layout_.adjacentLane && to < from) bias -= kMoveOverBias;
    }
    return bias;
}

void TrafficStream::laneChange(int slot, double t, double dt) {
    Vehicle& v = vehicle(slot);
    // On the far step a decision due within half a step is due now: its time, t + 0.5 s, falls
    // on the far step's grid but for rounding.
    const double slack = v.holdSteps > 1 ? 0.5 * dt : 0.0;
    if (t + slack < v.nextDecision || v.changingLane || v.drifting || v.mode == VehicleMode::Crashed) return;
    v.nextDecision = t + kDecisionInterval;
    const MobilParams& mobil = sc_.drivers.mobil;
    const double selfNow = v.accel;
    const double ownV0 = desiredSpeed(v, t);
    // What the present lane holds is looked up once a target lane has room (most have none).
    bool ownLaneKnown = false;
    int leader = -1, follower = -1;
    double ownClosure = 0.0;
    auto knowOwnLane = [&] {
        if (ownLaneKnown) return;
        ownLaneKnown = true;
        neighbours(v.lane, v.s, slot, leader, follower);
        // A closed lane ahead makes leaving it mandatory, more urgently as the closure nears.
        ownClosure = obstacleAcceleration(v, v.lane, ownV0, nullptr, nullptr);
    };

    auto idmOf = [&](const Vehicle& w, double gap, double dv) {
        return models::idmAcceleration(withDesiredSpeed(w.traits.idm, desiredSpeed(w, t)), w.v, gap, dv);
    };
    int best = -1, strategic = -1;
    for (const int dir : {+1, -1}) {  // left (passing side) first
        const int to = v.lane + dir;
        if (to < 0 || to >= sc_.road.lanes) continue;
        int newLeader = -1, newFollower = -1;
        neighbours(to, v.s, slot, newLeader, newFollower);
        if (newLeader >= 0 && vehicle(newLeader).rear() < v.front() + 1.0) continue;
        if (newFollower >= 0 && vehicle(newFollower).front() > v.rear() - 1.0) continue;
        if (!clearAlongside(v, to)) continue;
        knowOwnLane();
        models::MobilAccelerations acc;
        acc.self = selfNow;
        acc.selfAfter = newLeader >= 0 ? idmOf(v, vehicle(newLeader).rear() - v.front(), v.v - vehicle(newLeader).v)
                                       : idmOf(v, kInf, 0.0);
        acc.selfAfter = std::min(acc.selfAfter, obstacleAcceleration(v, to, ownV0, nullptr, nullptr));
        if (newFollower >= 0) {
            const Vehicle& F = vehicle(newFollower);
            acc.newFollower = newLeader >= 0 ? idmOf(F, vehicle(newLeader).rear() - F.front(), F.v - vehicle(newLeader).v)
                                             : idmOf(F, kInf, 0.0);
            acc.newFollowerAfter = idmOf(F, v.rear() - F.front(), F.v - v.v);
        }
        if (follower >= 0) {
            const Vehicle& F = vehicle(follower);
            acc.oldFollower = idmOf(F, v.rear() - F.front(), F.v - v.v);
            acc.oldFollowerAfter = leader >= 0 ? idmOf(F, vehicle(leader).rear() - F.front(), F.v - vehicle(leader).v)
                                               : idmOf(F, kInf, 0.0);
        }
        double bias = laneChangeBias(v, v.lane, to, t);
        if (ownClosure < -0.5) bias += std::min(8.0, -ownClosure);
        if (models::mobilChange(mobil, acc, bias)) {
            best = to;
            break;
        }
        if (bias > mobil.threshold) strategic = to;
    }
    // A driver who must change lanes but found no gap eases off to fall in behind the target
    // lane's leader (gap seeking, which MOBIL alone lacks).
    v.wantsLane = best < 0 ? strategic : -1;
    if (best < 0) return;
    eraseFromLane(slot, v.lane);
    v.lane = best;
    v.changingLane = true;
    insertInLane(slot, best);
}

// ---------------------------------------------------------------------------------------------
// [lateral]
// ---------------------------------------------------------------------------------------------

void TrafficStream::advanceWander(Vehicle& v, int steps, double stepDt) {
    // Lane keeping: an Ornstein-Uhlenbeck wander around the lane centre (SDLP, references.md#drift),
    // sampled exactly at any step length: the far step's draws have the fine step's law.
    if (stepDt != wanderDt_) {
        wanderDt_ = stepDt;
        wanderSteps_.clear();
    }
    if (wanderSteps_.size() <= static_cast<std::size_t>(steps)) wanderSteps_.resize(static_cast<std::size_t>(steps) + 1);
    WanderStep& w = wanderSteps_[static_cast<std::size_t>(steps)];
    if (w.phi < 0.0) {  // the OU process's step constants, once per step length
        w.phi = std::exp(-steps * stepDt / sc_.drivers.attention.wanderTimeConstant);
        w.noise = std::sqrt(1.0 - w.phi * w.phi);
    }
    v.wander = v.wander * w.phi + v.traits.wanderSd * w.noise * v.wanderRng.standardNormal();
}

void TrafficStream::lateral(Vehicle& v, double dt) {
    if (v.drifting) {
        v.vLat = v.driftSpeed;
        return;
    }
    const double dLow = v.pathLow, dHigh = v.pathHigh;
    double target = laneCentre(sc_.road, v.lane) + v.wander;
    target = std::clamp(target, dLow, std::max(dLow, dHigh));
    double wanted = std::clamp((target - v.d) / kLateralTau, -kLateralSpeedMax, kLateralSpeedMax);
    const double distance = layout_.anchorS - v.front();
    if (distance > 0.0 && distance < 200.0 && sc_.drivers.mothEffect && v.detectedAt >= 0.0 && layout_.lights != UnitLights::None) {
        // Gaze steering toward the lights while looking at them (Green 2006): a small bias,
        // doubled at night and for drowsy or impaired drivers (references.md#move-over [D]).
        {
            const bool dark = sc_.environment.light == Light::Night || sc_.environment.light == Light::NightLit;
            const double k = (dark ? 2.0 : 1.0) * (v.traits.state != DriverState::Normal ? 2.0 : 1.0);
            wanted -= sc_.drivers.mothGain * k;
        }
    }
    const bool recovering = std::abs(target - v.d) > 0.5 && !v.changingLane;
    const double maxStep = (recovering ? kRecoveryAccel : kLateralAccel) * dt;
    v.vLat += std::clamp(wanted - v.vLat, -maxStep, maxStep);
    // Steered lateral motion needs forward motion: a crawling truck cannot slide sideways, and
    // yawing a 20 m vehicle sweeps its corners into the next lane [assumption: 5.7 deg, 2.9 deg
    // for vehicles over 10 m].
    const bool longVehicle = v.length > 10.0;
    const double maxYaw = longVehicle ? 0.05 : 0.1;
    // Edging across into the next lane at a crawl or from a stop (a car waiting to merge past a
    // closure must be able to finish its change) [assumption].
    const double crawl = (v.changingLane || std::abs(target - v.d) > 0.2) ? (longVehicle ? 0.1 : 0.2) : 0.0;
    const double maxLateral = v.v * maxYaw + crawl;
    v.vLat = std::clamp(v.vLat, -maxLateral, maxLateral);
    if (v.changingLane && std::abs(laneCentre(sc_.road, v.lane) - v.d) < 0.3) v.changingLane = false;
}

void TrafficStream::move(Vehicle& v, double dt) {
    const double vNew = std::max(0.0, v.v + v.accel * dt);
    // Ballistic update; a vehicle that stops within the step covers only v^2 / 2|a|.
    const double ds = (vNew > 0.0 || v.accel >= 0.0) ? 0.5 * (v.v + vNew) * dt : v.v * v.v / (-2.0 * v.accel);
    if (v.mode == VehicleMode::Kinematic) {
        v.s += ds;
        v.d += v.vLat * dt;
    }
    v.v = vNew;
    v.steer();
}

// ---------------------------------------------------------------------------------------------
// The step
// ---------------------------------------------------------------------------------------------

void TrafficStream::decide(double t, double dt) {
    // Lateral positions stay put until the lane changes below.
    for (int l = 0; l < sc_.road.lanes; ++l) {
        LaneBand& band = laneBands_[static_cast<std::size_t>(l)];
        band = {kInf, -kInf};
        for (const int slot : lanes_[static_cast<std::size_t>(l)]) {
            const Vehicle& v = vehicle(slot);
            band.right = std::min(band.right, v.d - 0.5 * v.width);
            band.left = std::max(band.left, v.d + 0.5 * v.width);
        }
    }
    // A driver who does not decide in this step keeps their acceleration, lane and wander target
    // (multi-rate integration: decisionSteps()); their decisions, when they come, cover the
    // steps since the last ones.
    for (int l = 0; l < sc_.road.lanes; ++l) {
        const std::vector<int>& list = lanes_[static_cast<std::size_t>(l)];
        for (std::size_t k = 0; k < list.size(); ++k) {
            Vehicle& v = vehicle(list[k]);
            // A driver decides every holdSteps steps, or at once if the car ahead brakes harder
            // than comfortably (they are not left to run into it).
            v.decides = step_ - v.decidedStep >= v.holdSteps || v.mode != VehicleMode::Kinematic ||
                        (k > 0 && vehicle(list[k - 1]).brakesHard);
            if (!v.decides) continue;
            perceive(v, t);
            updateWindow(v);
            attend(v, t, static_cast<double>(step_ - v.decidedStep) * dt);
            control(v, k > 0 ? list[k - 1] : -1, t);
        }
    }
    // Lane changes after all accelerations are known; a change moves the slot between lists, so
    // iterate over a snapshot of the slots.
    for (int slot = 0; slot < slotCount(); ++slot)
        if (alive(slot) && vehicle(slot).mode != VehicleMode::Crashed && vehicle(slot).decides) laneChange(slot, t, dt);

    for (int slot = 0; slot < slotCount(); ++slot) {
        if (!alive(slot)) continue;
        Vehicle& v = vehicle(slot);
        if (v.mode == VehicleMode::Crashed) continue;
        if (v.decides) {
            // The lateral decisions: where the path may go, and the wander's next target. The
            // controller below steers toward them every step, whether the driver decided or not.
            v.pathLow = -1e9;
            v.pathHigh = 1e9;
            obstacleAcceleration(v, v.lane, v.traits.idm.v0, &v.pathLow, &v.pathHigh);
            if (!v.drifting) advanceWander(v, static_cast<int>(step_ - v.decidedStep), dt);
            v.decidedStep = step_;
            // When the driver decides next is settled now: only their own decisions start
            // anything happening to them (an episode, a lane change, braking).
            v.holdSteps = decisionSteps(v, t);
        }
        lateral(v, dt);
        move(v, dt);
        trackTiltedGap(v);
    }
    preventOverlaps();
    ++step_;
}

int TrafficStream::decisionSteps(const Vehicle& v, double t) const {
    if (farSteps_ <= 1) return 1;
    // Something is happening to the driver, or is about to: the fine step.
    if (v.mode != VehicleMode::Kinematic || v.drifting || v.eyesOff(t) || v.frozen(t) || v.changingLane ||
        v.wantsLane >= 0 || v.obstacleAhead || v.brakesHard || (v.windowOpen && windows_.tilted(v.window)) ||
        v.traits.forcedDrift || std::isfinite(v.traits.stopAt))
        return 1;
    // Near the scene, and past it to beyond the contact zone: the fine step. On the approach,
    // from the observation point or the move-over horizon on: the approach step.
    if (!hasScene_ || v.rear() > fineTo_) return farSteps_;
    const double ahead = fineFrom_ - v.front(), speed = std::max(v.v, v.traits.idm.v0);
    if (ahead <= std::max(kNearReach, kNearTime * speed)) return 1;
    if (v.front() >= observedFrom_ || ahead <= approachTime_ * speed) return approachSteps_;
    return farSteps_;
}

void TrafficStream::control(Vehicle& v, int leaderSlot, double t) {
    const bool frozen = v.frozen(t) || v.neverReacts;
    const bool justReacted = v.wasFrozen && !frozen;
    v.wasFrozen = frozen;
    if (frozen) return;
    if (v.front() >= v.traits.stopAt) {  // a scripted stop
        v.accel = v.v > 0.0 ? -std::min(v.traits.stopDecel, v.brakingLimit) : 0.0;
        v.brakesHard = v.accel < -v.traits.idm.b;
        return;
    }
    const Longitudinal lon = longitudinal(v, leaderSlot, t);
    // An obstacle that newly calls for braking is braked for one perception-reaction time after
    // it is seen (references.md#obstacle-response), meanwhile the driver goes on as before. Not when the driver
    // was already braking (they are watching the lane ahead), nor just after reacting to what
    // they saw when their eyes came back (that reaction time has run).
    if (lon.obstacle && !v.obstacleAhead && !justReacted && v.accel > -0.5) {
        v.obstacleAhead = true;
        v.reactingUntil = t + v.traits.prt;
        v.wasFrozen = true;
        return;
    }
    v.obstacleAhead = lon.obstacle;
    v.accel = std::max(lon.accel, -v.brakingLimit);
    v.brakesHard = v.accel < -v.traits.idm.b;
}

void TrafficStream::preventOverlaps() {
    // Outside the contact zone two vehicles never overlap: a driver whose acceleration was frozen
    // while the leader braked is held behind it (a rear-end there is not simulated). The lists
    // still hold last step's order, so each vehicle is checked against the one it followed.
    for (const std::vector<int>& list : lanes_) {
        for (std::size_t k = 1; k < list.size(); ++k) {
            Vehicle& v = vehicle(list[k]);
            const Vehicle& leader = vehicle(list[k - 1]);
            if (v.mode != VehicleMode::Kinematic || leader.mode != VehicleMode::Kinematic) continue;
            if (v.front() > leader.rear() - 0.1) {
                v.s = leader.rear() - 0.1 - 0.5 * v.length;
                v.v = std::min(v.v, leader.v);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [lanes]
// ---------------------------------------------------------------------------------------------

void TrafficStream::insertInLane(int slot, int lane) {
    std::vector<int>& list = lanes_[static_cast<std::size_t>(lane)];
    const double s = vehicle(slot).s;
    auto it = std::find_if(list.begin(), list.end(), [&](int o) { return vehicle(o).s < s; });
    list.insert(it, slot);
}

void TrafficStream::eraseFromLane(int slot, int lane) {
    std::vector<int>& list = lanes_[static_cast<std::size_t>(lane)];
    list.erase(std::remove(list.begin(), list.end(), slot), list.end());
}

void TrafficStream::neighbours(int lane, double s, int self, int& leader, int& follower) const {
    const std::vector<int>& list = lanes_[static_cast<std::size_t>(lane)];
    leader = follower = -1;
    // Leader first: the first vehicle not ahead of s is the follower.
    std::size_t lo = 0, hi = list.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (vehicle(list[mid]).s > s || (vehicle(list[mid]).s == s && list[mid] < self)) lo = mid + 1;
        else hi = mid;
    }
    std::size_t ahead = lo;
    while (ahead > 0 && list[ahead - 1] == self) --ahead;
    if (ahead > 0) leader = list[ahead - 1];
    std::size_t behind = lo;
    while (behind < list.size() && list[behind] == self) ++behind;
    if (behind < list.size()) follower = list[behind];
}

void TrafficStream::sortLanes() {
    for (std::vector<int>& list : lanes_) {
        // Nearly sorted after a step: insertion sort is linear.
        for (std::size_t i = 1; i < list.size(); ++i) {
            const int slot = list[i];
            const double s = vehicle(slot).s;
            std::size_t j = i;
            while (j > 0 && vehicle(list[j - 1]).s < s) {
                list[j] = list[j - 1];
                --j;
            }
            list[j] = slot;
        }
    }
}

}  // namespace sim::detail
