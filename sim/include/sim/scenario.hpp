// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/geometry.hpp"
#include "sim/rare_events.hpp"
#include "sim/units.hpp"

/// The description of one roadside stop: everything that is fixed for a run or a sweep point.
///
/// Built by the loader (sim/io/scenario_loader.hpp), by presets, or by test helpers; never
/// modified by a run. A World keeps a const& to its Scenario, so the Scenario must outlive it.
/// Shared read-only across threads. All quantities SI. The defaults describe the default stop
/// (2-lane freeway, 65 mph, 1200 veh/h per lane, clear day, a 10-minute stop); the figures and
/// their sources are in docs/references.md (cited as "references.md#…").
namespace sim {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------
// Vehicles
// ---------------------------------------------------------------------------------------------

enum class VehicleKind {
    Sedan, Suv, Pickup, BoxTruck, TractorTrailer, Motorcycle,
    FireEngine, TowTruck, PatrolSuv, PatrolSedan, Motorhome,
};

/// Size, mass and braking of a vehicle class. Presets in sim/presets.hpp; a scenario may
/// override any field.
struct VehicleSpec {
    VehicleKind kind = VehicleKind::Sedan;
    double length = 4.9;          ///< m, bumper to bumper
    double width = 1.85;          ///< m, body without mirrors
    double mass = 1550.0;         ///< kg, kerb mass plus driver
    double wheelbase = 2.8;       ///< m
    double maxDecel = 8.0;        ///< m/s^2, braking capability on dry pavement (before friction)
    double accelFactor = 1.0;     ///< multiplies the driver's IDM a (trucks 0.8, movsim)
    double headwayFactor = 1.0;   ///< multiplies the driver's IDM T (trucks 1.2, movsim)
    double speedFactor = 1.0;     ///< multiplies the drawn desired speed
    std::uint32_t colour = 0xFFB0B8C0;  ///< 0xAARRGGBB, for drawing
};

// ---------------------------------------------------------------------------------------------
// Road and environment
// ---------------------------------------------------------------------------------------------

/// The road: straight in the contact zone; a curve before the scene only limits sight distance.
/// Frame: s along the road (m, direction of travel, the scene near s = 0); d to the left of the
/// right edge line (m); lane 1 is next to the shoulder, centred at d = laneWidth / 2.
struct Road {
    int lanes = 2;                                   ///< travel lanes in this direction, 1..5
    double laneWidth = 12.0 * units::kFoot;          ///< m (12 ft, US freeway)
    double shoulderWidth = 10.0 * units::kFoot;      ///< m (10 ft, US freeway right shoulder)
    double speedLimit = 65.0 * units::kMph;          ///< m/s, posted
    double upstreamLength = 1500.0;                  ///< m of road simulated before s = 0
    double downstreamLength = 300.0;                 ///< m of road simulated after s = 0
    double curveRadius = 0.0;                        ///< m, horizontal curve before the scene; 0 = straight
    double sightObstructionOffset = 0.0;             ///< m, from the inside lane centre to the obstruction
    double sightDistance = kInfinity;                ///< m, how far ahead a driver can see the scene
                                                     ///< (derived from the curve unless given)
    bool rumbleStrips = true;                        ///< shoulder rumble strips (US freeways)
    double rumbleStripOffset = 0.2;                  ///< m from the edge line to the strips (0.15-0.3 m,
                                                     ///< references.md#non-responders [M])
    bool guardrail = false;                          ///< a guardrail beyond the shoulder
    double guardrailOffset = 2.0 * units::kFoot;     ///< m, from the shoulder's outer edge
};

enum class Light { Day, Dusk, Night, NightLit };
enum class Weather { Clear, Rain, Fog, Snow };
enum class Surface { Dry, Wet, Snow, Ice };

struct Environment {
    Light light = Light::Day;
    Weather weather = Weather::Clear;
    double visibility = 20000.0;   ///< m, meteorological visibility (Koschmieder, references.md#visibility)
    Surface surface = Surface::Dry;
    double friction = 0.8;         ///< tyre-road friction; dry asphalt at 90 km/h (Bosch, references.md#braking)
};

// ---------------------------------------------------------------------------------------------
// Traffic and drivers
// ---------------------------------------------------------------------------------------------

enum class HeadwayModel { ShiftedExponential, Lognormal };

struct MixEntry {
    VehicleSpec spec;
    double share = 1.0;  ///< relative weight in the mix
};

struct Traffic {
    std::vector<double> flowPerLane = {1200.0 * units::kPerHour, 1200.0 * units::kPerHour};  ///< veh/s, lane 1 first
    HeadwayModel headway = HeadwayModel::ShiftedExponential;
    double minHeadway = 0.75;      ///< s, shift tau of the headway distribution (0.5-1.0 s, references.md#traffic-stream)
    double headwaySigma = 0.5;     ///< ln-space sd, lognormal model only (Tolle, references.md#traffic-stream)
    double speedOffset = 5.0 * units::kMph;   ///< m/s; mean desired speed = limit + offset (Deardoff 2011)
    double speedSd = 6.0 * units::kMph;       ///< m/s; freeway SD 5-8 mph (references.md#traffic-stream)
    double speedTruncation = 2.5;             ///< desired speeds redrawn outside mean +- k sd
    std::vector<MixEntry> mix;                ///< class mix; empty = the default freeway mix (presets)
    bool prepopulate = true;                  ///< the road is already populated at t = 0
    double demandDuration = kInfinity;        ///< s; no vehicle arrives after this (then the road drains)
};

/// Intelligent Driver Model parameters (Treiber, Hennecke & Helbing 2000; references.md#traffic-stream).
struct IdmParams {
    double a = 0.73;      ///< m/s^2, maximum acceleration
    double b = 1.67;      ///< m/s^2, comfortable deceleration
    double T = 1.6;       ///< s, desired time headway
    double s0 = 2.0;      ///< m, jam distance
    double delta = 4.0;   ///< acceleration exponent
};

/// MOBIL lane-change parameters (Kesting, Treiber & Helbing 2007; references.md#traffic-stream).
struct MobilParams {
    double politeness = 0.25;     ///< p, 0-0.5 typical
    double threshold = 0.2;       ///< m/s^2, Delta a_th (Treiber's page)
    double bSafe = 4.0;           ///< m/s^2, largest deceleration imposed on the new follower
    double keepRightBias = 0.05;  ///< m/s^2, movsim car default (US keep-right is weak)
};

/// A lognormal distribution given by its median and ln-space standard deviation.
struct Lognormal {
    double median = 1.0;
    double sigma = 0.0;
};

/// Lapses: the driver stops responding altogether (asleep, heavily impaired; references.md#non-responders):
/// the car drifts with no correction and no braking until the lapse ends or it hits something.
/// They carry the far tail of drift (references.md#non-responders, #drift-tail): ordinary inattention is corrected at
/// the edge line. The rates are calibrated in tests/validation/drift_tail_validation_test.cpp.
struct Lapse {
    double rate = 0.0;                        ///< 1/s for an alert driver (drowsy and impaired
                                              ///< drivers have their own: DriverStateEffect::lapseRate)
    Lognormal duration = {4.0, 0.6};          ///< s unresponsive: microsleeps after a night awake have a
                                              ///< median of 3.4 s (IQR 2.9-4.0; Skorucak et al. 2020),
                                              ///< overnight means of 5-9 s (Golz et al. 2011); sigma 0.6
                                              ///< gives a mean of 4.8 s and 1.4 % over 15 s
    Lognormal driftSpeed = {0.22, 0.48};      ///< m/s lateral: as an ordinary drift (no figure for
                                              ///< dozing drivers was found [assumption])
    double wakeAtRumbleStrip = 0.25;          ///< P(a shoulder rumble strip wakes the driver): they cut
                                              ///< freeway run-off-road crashes by 18-21 % (Griffith 1999)
                                              ///< and alert sleepy drivers only briefly (Anund et al.
                                              ///< 2008) [D: 20-30 %]
};

/// Eyes-off-road episodes and drift (references.md#drift).
struct Attention {
    double episodeRate = 7.0 / units::kHour;   ///< 1/s; with the wander below, free driving crosses an
                                              ///< edge line 1.3 times per veh-h (SHRP2, references.md#drift)
    Lognormal episodeDuration = {1.2, 0.6};   ///< s, eyes off the road; "1-2 s mean, heavy tail"
    Lognormal driftSpeed = {0.22, 0.48};      ///< m/s lateral: "typically 0.1-0.5 m/s, occasionally up to
                                              ///< about 1 m/s" (references.md#drift [M]) as its 5th-95th
                                              ///< percentiles; P(> 1 m/s) = 0.1 %
    double laneKeepingSd = 0.2;               ///< m, lateral wander (SDLP ~0.18-0.2 m sober, Verster & Roth 2011 [M])
    double wanderTimeConstant = 4.0;          ///< s, of the wander process
    double sceneCapture = 0.0;                ///< factor on the eyes-off rate once the scene is detected:
                                              ///< drivers who have seen a lit stop keep their eyes on it
                                              ///< until past (see docs/model.md, "Attention at the scene")
    Lognormal edgeCueLatency = {0.3, 0.4};    ///< s from the outer wheel crossing an edge line to the
                                              ///< correction, eyes back or not (Chalmers 2024: correction
                                              ///< often starts before the eyes return; Lehtonen et al.
                                              ///< 2018: steering within 0.2-0.6 s of the gaze) [assumption]
    double wheelInset = 0.1;                  ///< m the body overhangs the outer wheel (the cue comes
                                              ///< when the wheel reaches the line)
    Lapse lapse;
};

/// Drowsy and impaired states: multipliers on the attentive driver.
struct DriverStateEffect {
    double share = 0.0;            ///< share of drivers in this state
    double prtFactor = 1.0;        ///< on the perception-reaction time
    double episodeRateFactor = 1.0;
    double episodeDurationFactor = 1.0;
    double wanderFactor = 1.0;     ///< on laneKeepingSd
    double lapseRate = 0.0;        ///< 1/s, lapses of a driver in this state (Lapse)
};

struct Drivers {
    IdmParams idm;
    double idmVariation = 0.15;          ///< relative sd of a and T between drivers
    MobilParams mobil;
    Lognormal prt = {0.9, 0.427};        ///< s; Johansson & Rumar fit (references.md#reaction-time [D])
    double moveOverShare = 0.43;         ///< share who move over when the scene is detected
    double slowDownShare = 0.07;         ///< share of the others who slow down instead
                                         ///< (both calibrated so that a 3-lane freeway at 1000 veh/h/lane
                                         ///< shows 0.65 moved over or slowed, moving over dominant:
                                         ///< AAA 2025, 0.64; tests/validation)
    double mandatedReduction = 20.0 * units::kMph;  ///< m/s below the limit (TX/FL statutes, references.md#move-over)
    double planningHorizon = 15.0;       ///< s ahead of the scene at which move-over starts
    Attention attention;
    /// Daytime shares. Lapse rates: calibrated so that unintentional edge-line crossings have the
    /// far tail of references.md#drift-tail and the default stop the absolute risk of §12.1 (docs/model.md,
    /// "Absolute risk"); drowsy drivers carry most of it (FHWA BMCS 1977: 53 % of drivers who hit
    /// vehicles on the shoulder were dozing).
    DriverStateEffect drowsy = {0.02, 1.3, 4.0, 1.5, 1.5, 0.025 / units::kHour};
    /// 0.2 % of Friday-daytime drivers had a BAC of 0.08 or more in the 2007 National Roadside
    /// Survey (Lacey et al. 2009, reported by AP) [C, secondary].
    DriverStateEffect impaired = {0.002, 1.5, 2.0, 1.3, 1.6, 0.015 / units::kHour};
    bool mothEffect = false;             ///< gaze-steering bias toward lit units (weak evidence: off)
    double mothGain = 0.1;               ///< m/s lateral toward the lights while looking at them
};

/// How a driver is impaired. `Asleep` is never drawn as a state: it names a driver in a lapse
/// (Lapse), for explaining a strike.
enum class DriverState { Normal, Drowsy, Impaired, Asleep };

/// A drift forced on a scripted vehicle: eyes off the road at startS, drifting laterally.
struct ForcedDrift {
    double startS = 0.0;          ///< m, road position where the eyes leave the road
    double lateralSpeed = -0.5;   ///< m/s, negative = toward the shoulder
    double duration = 3.0;        ///< s with eyes off the road
    bool reacts = true;           ///< after the episode: PRT, then correction and braking
    bool edgeCorrection = true;   ///< the edge-line cue corrects it (false: the tyres have lost their
                                  ///< grip, as on snow, and the slide goes on for its duration)
};

/// A vehicle placed by the scenario rather than drawn: for cases and tests.
struct ScriptedVehicle {
    std::string id;                  ///< shown in outcomes, e.g. "motorhome"
    VehicleSpec spec;
    int lane = 1;                    ///< 1 = next to the shoulder
    double entryTime = 0.0;          ///< s
    double entryS = -kInfinity;      ///< m; -inf = the upstream end of the road
    double speed = 65.0 * units::kMph;  ///< m/s, at entry and desired; 0 = a stopped vehicle (a
                                        ///< stalled car) that stays where it enters
    DriverState state = DriverState::Normal;
    std::optional<bool> movesOver;   ///< nullopt = drawn like any driver
    std::optional<ForcedDrift> drift;
    bool randomAttention = false;    ///< also draw ordinary eyes-off episodes
    double prt = 0.0;                ///< s, the driver's perception-reaction time; 0 = drawn
    double stopAt = kInfinity;       ///< m, road position of the front from which the driver brakes
                                     ///< to a stop and stays stopped; inf = never
    double stopDecel = 3.4;          ///< m/s^2 while stopping there (AASHTO design deceleration,
                                     ///< references.md#braking), capped by the vehicle's braking limit
};

// ---------------------------------------------------------------------------------------------
// The scene
// ---------------------------------------------------------------------------------------------

enum class UnitRole { Violator, Patrol, Blocker, Other };
enum class UnitLights { None, Hazards, Emergency, ArrowBoard };

/// A parked vehicle at the scene.
struct UnitDef {
    std::string id;
    VehicleSpec spec;
    UnitRole role = UnitRole::Other;
    Vec2 position;               ///< m, centre in the road frame
    double heading = 0.0;        ///< rad; positive = nose turned left, toward traffic
    double wheelAngle = 0.0;     ///< rad, front wheels; positive = turned left
    UnitLights lights = UnitLights::None;
    bool braked = true;          ///< in park / parking brake: rear wheels braked (they turn against the brake when struck)
};

enum class DeviceKind { Cone, Flare };

struct DeviceDef {
    DeviceKind kind = DeviceKind::Cone;
    Vec2 position;  ///< m
};

enum class PersonRole { Officer, Motorist, TowOperator, Firefighter, Other };

/// Places relative to a unit (or the scene) that a script can name.
enum class Place {
    DriverDoor,       ///< beside the unit's driver door, on foot
    DriverWindow,     ///< at the driver's window (B-pillar), on foot
    PassengerWindow,  ///< at the front passenger window, on foot
    Front,            ///< in front of the unit, on its centreline
    Rear,             ///< behind the unit, on its centreline
    Between,          ///< between the unit and the unit ahead of it (the violator by default)
    Inside,           ///< seated inside the unit: not on foot, not a body
    BehindGuardrail,  ///< beyond the guardrail (or 3 m beyond the shoulder if there is none)
};

enum class ApproachSide { Driver, Passenger };

struct ScriptStep {
    Place place = Place::DriverDoor;
    int unit = 0;                 ///< index into Scenario::units
    double dwell = kInfinity;     ///< s spent there after arriving; inf = until the run ends
};

struct PersonDef {
    std::string id;
    PersonRole role = PersonRole::Officer;
    double walkSpeed = 1.4;      ///< m/s, pedestrian walking speed [M]
    double radius = 0.25;        ///< m, body footprint
    double mass = 85.0;          ///< kg [M]
    ApproachSide approach = ApproachSide::Driver;
    std::vector<ScriptStep> script;  ///< starts at the first place at t = 0
};

// ---------------------------------------------------------------------------------------------
// Run settings and measures
// ---------------------------------------------------------------------------------------------

struct RunSettings {
    double duration = 10.0 * units::kMinute;  ///< s simulated
    double dt = 0.05;                         ///< s, fixed step (the SUMO reference corridor's)
    std::uint64_t seed = 1;                   ///< default seed when the caller gives none
    double contactMargin = 40.0;              ///< m of road before and after the scene simulated with Box2D
    /// s the run goes on after the first strike of a person, for the rest of that crash, before
    /// it ends (Outcome::ended); kInfinity = on to the duration. Either way the scene's measures
    /// stop at the first strike. 10 s: the pushed unit reaches the next person within a second
    /// and the cars behind run into the wreck within a few; a longer run only lets the person
    /// lying in the lane queue the traffic [assumption]. (Scenario key wanted: run.aftermath.)
    double aftermath = 10.0;
    /// s: the decision step of a driver far from the scene (before the observation point and
    /// more than the move-over horizon + 5 s upstream, or past the contact zone) while nothing is
    /// happening to them (attentive, in their lane, nothing to brake hard for): the vehicle moves
    /// and steers every dt, but the driver decides (accelerates, picks a lane, looks away) only
    /// every farStep; on the approach to the scene every farStep / 2; near it every dt
    /// (multi-rate integration, docs/model.md#multi-rate). 0.5 s: a first-order ballistic update
    /// of this step keeps the measures within the bounds tested in tests/world/multi_rate_test.cpp
    /// (Treiber & Kanagaraj 2015 for the scheme's order; SUMO's default step is 1 s).
    /// <= dt: every driver decides every step.
    double farStep = 0.5;
};

struct MeasureSettings {
    double exposureDistance = 4.0;      ///< m; on foot within this of an open lane counts as exposed
    double observationDistance = 600.0; ///< m upstream: where move-over and slow-down are judged from
    double slowDownThreshold = 5.0 * units::kMph;  ///< m/s of speed shed that counts as slowing
    double ttcHorizon = 10.0;           ///< s; longer times to collision are not conflicts
    double intrusionUpstream = 150.0;   ///< m before the scene in which shoulder intrusions count
};

struct Scenario {
    std::string name = "default-stop";
    std::string description;
    std::string sourceText;       ///< the scenario file's text, for recordings and manifests
    RunSettings run;
    Road road;
    Environment environment;
    Traffic traffic;
    Drivers drivers;
    std::vector<ScriptedVehicle> scriptedVehicles;
    std::vector<UnitDef> units;
    std::vector<DeviceDef> devices;
    std::vector<PersonDef> people;
    MeasureSettings measures;
    ImportanceSampling importance;  ///< off by default: plain Monte Carlo (set by the batch runner)
};

}  // namespace sim
