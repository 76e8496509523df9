// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The scenario format's key table: every key once, bound to the field of sim/scenario.hpp it is
// read into. Bound keys take their documented default from a default Scenario (a test loads
// every default and compares, another checks scenarios/README.md's rows); ranges are SI. Keys
// without a binding are read by scenario_builder.cpp, which resolves what depends on several keys.
#include "scenario_schema.hpp"

#include <functional>

#include "sim/io/scenario_loader.hpp"
#include "sim/presets.hpp"
#include "sim/units.hpp"

namespace sim::io::detail {
namespace {

using D = Dimension;
using units::kPerHour;
using units::kPi;

template <typename E> std::vector<std::string_view> choicesOf() {
    const auto list = sim::names<E>();
    return {list.begin(), list.end()};
}

std::vector<std::string_view> conditionNames() {
    std::vector<std::string_view> out;
    for (const ConditionsPreset& preset : conditionsPresets()) out.push_back(preset.name);
    return out;
}

std::vector<std::string_view> placeNames() {
    std::vector<std::string_view> out = choicesOf<Place>();
    out.push_back("window");  // driver-window or passenger-window, by the person's approach
    return out;
}

/// Documented defaults of keys read by hand (bound keys get theirs from their field).
template <typename E> requires std::is_enum_v<E> std::string lit(E value) { return "\"" + std::string(sim::name(value)) + "\""; }

constexpr std::array<std::string_view, 3> kTaperKinds = {"merging", "shifting", "shoulder"};

/// "#RRGGBB" (already validated) as 0xAARRGGBB.
std::uint32_t colourOf(const std::string& text) {
    return 0xFF000000u | static_cast<std::uint32_t>(std::stoul(text.substr(1), nullptr, 16));
}

/// The vehicle fields a unit, a traffic class or a scripted vehicle may override, read into the
/// VehicleSpec that `spec` finds in the Owner.
template <class Owner, class Spec> void vehicleFields(KeyTable& k, const std::string& p, Spec spec) {
    const auto field = [spec](auto member) { return [spec, member](Owner& o) -> auto& { return std::invoke(spec, o).*member; }; };
    const std::string kind = "of the kind";
    const auto quantity = [&](const std::string& key, auto member, D dimension, Range range, std::string meaning) -> KeyRule& {
        KeyRule& rule = k.bind<Owner>(k.quantity(p + key, dimension, range, "", std::move(meaning)), field(member), std::nullopt);
        rule.defaultNote = kind;
        return rule;
    };
    quantity(".length", &VehicleSpec::length, D::Length, closed(1, 30), "Bumper to bumper.");
    quantity(".width", &VehicleSpec::width, D::Length, closed(0.5, 3.5), "Body width without mirrors.");
    quantity(".mass", &VehicleSpec::mass, D::Mass, closed(50, 60000), "Mass with occupants and load.");
    quantity(".wheelbase", &VehicleSpec::wheelbase, D::Length, closed(0.5, 20), "Front to rear axle.").rangeNote = "< length";
    quantity(".max_decel", &VehicleSpec::maxDecel, D::Acceleration, closed(1, 12), "Braking capability on dry pavement, before friction limits it.");
    quantity(".accel_factor", &VehicleSpec::accelFactor, D::Dimensionless, closed(0.1, 3), "Multiplies the driver's IDM maximum acceleration.");
    quantity(".headway_factor", &VehicleSpec::headwayFactor, D::Dimensionless, closed(0.1, 3), "Multiplies the driver's IDM time headway.");
    quantity(".speed_factor", &VehicleSpec::speedFactor, D::Dimensionless, closed(0.1, 3), "Multiplies the drawn desired speed.");
    k.custom<Owner>(ValueType::Colour, p + ".colour",
                    [spec](Owner& o, const DocNode& value) { std::invoke(spec, o).colour = colourOf(value.text); },
                    "Colour for drawing, \"#RRGGBB\".")
        .defaultNote = kind;
}

/// A vehicle kind sets every vehicle field from its preset; the fields declared after it change them.
template <class Owner, class Spec> KeyRule& vehicleKind(KeyTable& k, const std::string& path, Spec spec, std::string meaning) {
    return k.custom<Owner>(
        ValueType::Choice, path,
        [spec](Owner& o, const DocNode& value) { std::invoke(spec, o) = vehicleSpec(*parseName<VehicleKind>(value.text)); },
        std::move(meaning));
}

void topLevelKeys(KeyTable& k) {
    k.value(ValueType::Text, "name", "", "Name shown in outcomes, recordings and the visualizer.").defaultNote = "the file's stem";
    k.text("description", &Scenario::description, "Free text for people.");
    k.value(ValueType::TextList, "include", "[]",
            "Files merged before this one, in order; paths relative to this file; this file's keys win.");
}

void runKeys(KeyTable& k) {
    k.table("run", &Scenario::run, "How long and how finely a run is simulated.");
    k.quantity("run.duration", &RunSettings::duration, D::Time, aboveUpTo(0, 24 * units::kHour), "min", "Simulated time.");
    k.quantity("run.step", &RunSettings::dt, D::Time, closed(0.005, 0.1), "", "Fixed time step.");
    k.integer("run.seed", &RunSettings::seed, atLeast(0), "Seed used when the caller gives none.");
    k.quantity("run.contact_margin", &RunSettings::contactMargin, D::Length, closed(10, 500), "",
               "Road before and after the scene simulated with rigid-body contacts.");
    k.quantity("run.aftermath", &RunSettings::aftermath, D::Time, atLeast(0), "",
               "How long the run goes on after the first strike of a person (the measures stop at the strike).");
    k.quantity("run.far_step", &RunSettings::farStep, D::Time, closed(0, 1), "",
               "Decision step of a driver far from the scene with nothing happening to them, half of it on the "
               "approach (multi-rate integration, docs/model.md#multi-rate); whole steps; 0 or run.step: everyone "
               "decides every step.");
}

void roadKeys(KeyTable& k) {
    k.table("road", &Scenario::road, "The road in the direction of travel; straight in the contact zone.");
    k.integer("road.lanes", &Road::lanes, closed(1, 5), "Travel lanes in this direction; lane 1 is next to the shoulder.");
    k.quantity("road.lane_width", &Road::laneWidth, D::Length, closed(2.5, 5), "ft", "Width of each travel lane.");
    k.quantity("road.shoulder_width", &Road::shoulderWidth, D::Length, closed(0, 6), "ft", "Width of the right shoulder.");
    k.quantity("road.speed_limit", &Road::speedLimit, D::Speed, closed(5, 45), "mph", "Posted speed limit.");
    k.quantity("road.upstream_length", &Road::upstreamLength, D::Length, closed(200, 20000), "", "Road simulated before the scene (s < 0).");
    k.quantity("road.downstream_length", &Road::downstreamLength, D::Length, closed(50, 20000), "", "Road simulated after the scene (s > 0).");
    k.flag("road.rumble_strips", &Road::rumbleStrips, "Shoulder rumble strips: they wake some lapsing drivers.");
    k.quantity("road.rumble_strip_offset", &Road::rumbleStripOffset, D::Length, closed(0, 2), "",
               "From the edge line to the rumble strips.");
    k.flag("road.guardrail", &Road::guardrail, "A guardrail beyond the shoulder.");
    k.quantity("road.guardrail_offset", &Road::guardrailOffset, D::Length, closed(0, 10), "ft", "From the shoulder's outer edge to the guardrail.");
    // Read before the curve, which the builder turns into a sight distance only when this is absent.
    k.quantity("road.sight_distance", &Road::sightDistance, D::Length, above(0), "",
               "How far ahead drivers can see the scene; replaces the value derived from [road.curve].")
        .defaultNote = "from [road.curve]; unlimited on a straight road";
    k.group("road.curve", "A horizontal curve before the scene; it limits sight distance (AASHTO sightline offset).")
        .defaultNote = "none (straight road)";
    k.bind<Road>(k.quantity("road.curve.radius", D::Length, above(10), "", "Curve radius at the driver's path."), &Road::curveRadius,
                 std::nullopt)
        .required = true;
    KeyRule& offset = k.bind<Road>(k.quantity("road.curve.obstruction_offset", D::Length, above(0), "",
                                              "From the inside lane centre to the sight obstruction."),
                                   &Road::sightObstructionOffset, std::nullopt);
    offset.required = true;
    offset.rangeNote = "< radius";
}

void environmentKeys(KeyTable& k) {
    k.table("environment", &Scenario::environment,
            "Light, weather, visibility and surface; applied in order: preset, the other keys, friction.");
    KeyRule& preset = k.custom<Environment>(
        ValueType::Choice, "environment.preset",
        [](Environment& e, const DocNode& value) { applyConditions(*findConditionsPreset(value.text), e); },
        "A named set of conditions (see Presets).");
    preset.choices = conditionNames();
    preset.defaultNote = "none";
    k.choice("environment.light", &Environment::light, names<Light>(), "Ambient light; night-lit has street lighting.");
    k.choice("environment.weather", &Environment::weather, names<Weather>(), "Weather.");
    k.quantity("environment.visibility", &Environment::visibility, D::Length, closed(10, 100000), "km",
               "Meteorological visibility (Koschmieder, 2 % contrast).");
    KeyRule& surface = k.custom<Environment>(
        ValueType::Choice, "environment.surface",
        [](Environment& e, const DocNode& value) {
            e.surface = *parseName<Surface>(value.text);
            e.friction = surfaceFriction(e.surface);
        },
        "Road surface; sets friction unless friction is given.");
    surface.choices = choicesOf<Surface>();
    surface.defaultLiteral = lit(Environment{}.surface);
    k.number("environment.friction", &Environment::friction, closed(0.05, 1.2), "Tyre-road friction coefficient.").defaultNote =
        "from the surface: dry 0.8, wet 0.5, snow 0.3, ice 0.1";
}

void scriptedKeys(KeyTable& k) {
    const std::string p = "traffic.scripted[]";
    k.tables("traffic.scripted", "Vehicles placed by the scenario rather than drawn, for cases and tests.").defaultNote = "none";
    k.arrayItem<ScriptedVehicle>(p);
    k.bind<ScriptedVehicle>(k.value(ValueType::Text, p + ".id", "", "Unique name shown in outcomes."), &ScriptedVehicle::id, std::nullopt)
        .required = true;
    KeyRule& kind = vehicleKind<ScriptedVehicle>(k, p + ".kind", &ScriptedVehicle::spec, "Vehicle kind (see Presets).");
    kind.choices = choicesOf<VehicleKind>();
    kind.defaultLiteral = lit(ScriptedVehicle{}.spec.kind);
    k.integer(p + ".lane", &ScriptedVehicle::lane, closed(1, 5), "Lane at entry.").rangeNote = "≤ road.lanes";
    k.quantity(p + ".entry_time", &ScriptedVehicle::entryTime, D::Time, atLeast(0), "", "When it enters.");
    KeyRule& entry = k.quantity(p + ".entry_s", &ScriptedVehicle::entryS, D::Length, Range{}, "", "Where it enters, along the road.");
    entry.defaultNote = "the upstream end";
    entry.rangeNote = "within the road";
    k.quantity(p + ".speed", &ScriptedVehicle::speed, D::Speed, closed(0, 70), "mph", "Speed at entry, and desired speed.");
    k.choice(p + ".state", &ScriptedVehicle::state, names<DriverState>(), "Driver state.");
    k.flag(p + ".moves_over", &ScriptedVehicle::movesOver, "Whether the driver moves over.").defaultNote = "drawn like any driver";
    k.flag(p + ".random_attention", &ScriptedVehicle::randomAttention, "Also draw ordinary eyes-off-road episodes.");
    k.table(p + ".drift", &ScriptedVehicle::drift, "A drift forced on this vehicle: eyes off the road from start_s.").defaultNote = "none";
    k.quantity(p + ".drift.start_s", &ForcedDrift::startS, D::Length, Range{}, "", "Road position where the eyes leave the road.")
        .rangeNote = "within the road";
    k.quantity(p + ".drift.lateral_speed", &ForcedDrift::lateralSpeed, D::Speed, closed(-3, 3), "",
               "Lateral speed; negative = toward the shoulder.");
    k.quantity(p + ".drift.duration", &ForcedDrift::duration, D::Time, closed(0, 30), "", "Time with eyes off the road.");
    k.flag(p + ".drift.reacts", &ForcedDrift::reacts,
           "After the episode: reaction time, then correction and braking; false = a lapse (no edge-line correction).");
    k.flag(p + ".drift.edge_correction", &ForcedDrift::edgeCorrection,
           "The edge-line cue corrects the drift; false = the tyres have lost their grip (a slide on snow).");
    k.quantity(p + ".prt", &ScriptedVehicle::prt, D::Time, closed(0, 5), "", "The driver's perception-reaction time; 0 = drawn like any driver's.");
    KeyRule& stopAt = k.quantity(p + ".stop_at", &ScriptedVehicle::stopAt, D::Length, Range{}, "",
                                 "Road position (of the front) from which the driver brakes to a stop and stays stopped.");
    stopAt.defaultNote = "never";
    stopAt.rangeNote = "within the road";
    k.quantity(p + ".stop_decel", &ScriptedVehicle::stopDecel, D::Acceleration, closed(0.1, 12), "",
               "Deceleration while stopping at stop_at (capped by the vehicle's braking).");
    vehicleFields<ScriptedVehicle>(k, p, &ScriptedVehicle::spec);
}

void trafficKeys(KeyTable& k) {
    k.table("traffic", &Scenario::traffic, "Vehicles entering upstream: flows, headways, desired speeds and the class mix.");
    KeyRule& flow = k.quantity("traffic.flow", D::Flow, closed(0, 3000 * kPerHour), defaultLiteral(Traffic{}.flowPerLane.front(), "veh/h"),
                               "Flow per lane: one value for every lane, or an array with one value per lane, lane 1 first.",
                               ValueType::QuantityOrList);
    flow.rangeNote = "an array has exactly road.lanes values";
    k.choice("traffic.headway", &Traffic::headway, names<HeadwayModel>(), "Headway distribution.");
    k.quantity("traffic.min_headway", &Traffic::minHeadway, D::Time, closed(0, 3), "", "Shift of the headway distribution.");
    k.number("traffic.headway_sigma", &Traffic::headwaySigma, closed(0.05, 2), "Log-space standard deviation (lognormal model only).");
    k.quantity("traffic.speed_offset", &Traffic::speedOffset, D::Speed, closed(-20, 20), "mph", "Mean desired speed minus the speed limit.");
    k.quantity("traffic.speed_sd", &Traffic::speedSd, D::Speed, closed(0, 15), "mph", "Standard deviation of desired speeds.");
    k.number("traffic.speed_truncation", &Traffic::speedTruncation, closed(0.5, 5), "Desired speeds beyond mean ± this many SDs are redrawn.");
    k.flag("traffic.prepopulate", &Traffic::prepopulate, "The road is already populated at t = 0.");
    k.quantity("traffic.demand_duration", &Traffic::demandDuration, D::Time, above(0), "",
               "No vehicle arrives after this time; the road then drains.")
        .defaultNote = "arrivals until the run ends";
    k.named("traffic.mix", choicesOf<VehicleKind>(), "Class mix: a relative share per vehicle kind.").defaultNote =
        "the default US freeway mix (see Presets)";
    k.number("traffic.mix.*", atLeast(0), "", "Relative share of this vehicle kind.").rangeNote = "at least one > 0";
    k.named("traffic.classes", choicesOf<VehicleKind>(), "Changes to the kinds of the mix, one table per kind.").defaultNote = "none";
    k.item<VehicleSpec>("traffic.classes.*", "Vehicle fields that replace the kind's preset for every vehicle of that kind.")
        .rangeNote = "the kind must be in the mix";
    vehicleFields<VehicleSpec>(k, "traffic.classes.*", [](VehicleSpec& spec) -> VehicleSpec& { return spec; });
    scriptedKeys(k);
}

void driverKeys(KeyTable& k) {
    k.table("drivers", &Scenario::drivers, "The driver population: car following, lane changes, reaction, compliance, attention.");
    k.table("drivers.prt", &Drivers::prt, "Perception-reaction time, lognormal.");
    k.quantity("drivers.prt.median", &Lognormal::median, D::Time, closed(0.1, 5), "", "Median reaction time.");
    k.number("drivers.prt.sigma", &Lognormal::sigma, closed(0, 1.5), "Log-space standard deviation.");
    k.table("drivers.idm", &Drivers::idm, "Intelligent Driver Model parameters (Treiber et al. 2000).");
    k.quantity("drivers.idm.max_accel", &IdmParams::a, D::Acceleration, closed(0.1, 10), "", "Maximum acceleration a.");
    k.quantity("drivers.idm.comfortable_decel", &IdmParams::b, D::Acceleration, closed(0.1, 10), "", "Comfortable deceleration b.");
    k.quantity("drivers.idm.time_headway", &IdmParams::T, D::Time, closed(0.3, 4), "", "Desired time headway T.");
    k.quantity("drivers.idm.min_gap", &IdmParams::s0, D::Length, closed(0, 10), "", "Jam distance s0.");
    k.number("drivers.idm.delta", &IdmParams::delta, closed(1, 10), "Acceleration exponent.");
    k.number("drivers.idm_variation", &Drivers::idmVariation, closed(0, 0.5), "Relative SD of a and T between drivers.");
    k.table("drivers.mobil", &Drivers::mobil, "MOBIL lane-change parameters (Kesting et al. 2007).");
    k.number("drivers.mobil.politeness", &MobilParams::politeness, closed(0, 1), "Politeness factor p.");
    k.quantity("drivers.mobil.threshold", &MobilParams::threshold, D::Acceleration, closed(0, 2), "", "Changing threshold.");
    k.quantity("drivers.mobil.safe_decel", &MobilParams::bSafe, D::Acceleration, closed(0.5, 10), "",
               "Largest deceleration imposed on the new follower.");
    k.quantity("drivers.mobil.keep_right_bias", &MobilParams::keepRightBias, D::Acceleration, closed(-2, 2), "",
               "Bias toward the right lane.");
    k.number("drivers.move_over", &Drivers::moveOverShare, closed(0, 1), "Share who move over once they detect the scene.");
    k.number("drivers.slow_down", &Drivers::slowDownShare, closed(0, 1), "Share of the others who slow down instead.");
    k.quantity("drivers.mandated_reduction", &Drivers::mandatedReduction, D::Speed, closed(0, 30), "mph", "Slow-down target below the limit.");
    k.quantity("drivers.planning_horizon", &Drivers::planningHorizon, D::Time, closed(1, 60), "",
               "Time ahead of the scene at which moving over starts.");
    k.flag("drivers.moth_effect", &Drivers::mothEffect, "Gaze-steering bias toward lit units (weak evidence).");
    k.quantity("drivers.moth_gain", &Drivers::mothGain, D::Speed, closed(0, 1), "", "Lateral speed toward the lights while looking at them.");

    k.table("drivers.attention", &Drivers::attention, "Eyes-off-road episodes, drift and lane keeping.");
    k.quantity("drivers.attention.episode_rate", &Attention::episodeRate, D::Rate, closed(0, 3600 * kPerHour), "/h",
               "Rate of eyes-off-road episodes.");
    k.table("drivers.attention.episode_duration", &Attention::episodeDuration, "Duration of an episode, lognormal.");
    k.quantity("drivers.attention.episode_duration.median", &Lognormal::median, D::Time, closed(0.1, 30), "", "Median duration.");
    k.number("drivers.attention.episode_duration.sigma", &Lognormal::sigma, closed(0, 2), "Log-space standard deviation.");
    k.table("drivers.attention.drift_speed", &Attention::driftSpeed, "Lateral drift speed during an episode, lognormal.");
    k.quantity("drivers.attention.drift_speed.median", &Lognormal::median, D::Speed, closed(0.01, 3), "", "Median lateral speed.");
    k.number("drivers.attention.drift_speed.sigma", &Lognormal::sigma, closed(0, 2), "Log-space standard deviation.");
    k.quantity("drivers.attention.lane_keeping_sd", &Attention::laneKeepingSd, D::Length, closed(0, 1), "",
               "Lateral wander (SDLP) while attentive.");
    k.quantity("drivers.attention.wander_time_constant", &Attention::wanderTimeConstant, D::Time, closed(0.5, 60), "",
               "Time constant of the wander.");
    k.number("drivers.attention.scene_capture", &Attention::sceneCapture, closed(0, 1),
             "Factor on the eyes-off rate once the scene is detected, until past it.");
    k.table("drivers.attention.edge_cue_latency", &Attention::edgeCueLatency,
            "From the outer wheel crossing an edge line to the correction of an ordinary drift, lognormal.");
    k.quantity("drivers.attention.edge_cue_latency.median", &Lognormal::median, D::Time, closed(0.05, 60), "", "Median latency.");
    k.number("drivers.attention.edge_cue_latency.sigma", &Lognormal::sigma, closed(0, 2), "Log-space standard deviation.");
    k.quantity("drivers.attention.wheel_inset", &Attention::wheelInset, D::Length, closed(0, 0.5), "",
               "How far the body overhangs the outer wheel.");
    k.table("drivers.attention.lapse", &Attention::lapse,
            "Lapses: the driver stops responding (asleep, heavily impaired); no correction, no braking.");
    k.quantity("drivers.attention.lapse.rate", &Lapse::rate, D::Rate, closed(0, 3600 * kPerHour), "/h", "Lapse rate of an alert driver.");
    k.table("drivers.attention.lapse.duration", &Lapse::duration, "How long a lapse lasts, lognormal.");
    k.quantity("drivers.attention.lapse.duration.median", &Lognormal::median, D::Time, closed(0.1, 120), "", "Median duration.");
    k.number("drivers.attention.lapse.duration.sigma", &Lognormal::sigma, closed(0, 2), "Log-space standard deviation.");
    k.table("drivers.attention.lapse.drift_speed", &Lapse::driftSpeed, "Lateral drift speed during a lapse, lognormal.");
    k.quantity("drivers.attention.lapse.drift_speed.median", &Lognormal::median, D::Speed, closed(0.01, 3), "", "Median lateral speed.");
    k.number("drivers.attention.lapse.drift_speed.sigma", &Lognormal::sigma, closed(0, 2), "Log-space standard deviation.");
    k.number("drivers.attention.lapse.wake_at_rumble_strip", &Lapse::wakeAtRumbleStrip, closed(0, 1),
             "Probability that a shoulder rumble strip ends a lapse.");

    for (const auto& [state, member] : {std::pair{"drowsy", &Drivers::drowsy}, std::pair{"impaired", &Drivers::impaired}}) {
        const std::string p = std::string("drivers.") + state;
        k.table(p, member, std::string("Drivers who are ") + state + ": multipliers on the attentive driver.");
        k.number(p + ".share", &DriverStateEffect::share, closed(0, 1), "Share of drivers in this state.");
        k.number(p + ".prt_factor", &DriverStateEffect::prtFactor, closed(0.1, 20), "Multiplies the reaction time.");
        k.number(p + ".episode_rate_factor", &DriverStateEffect::episodeRateFactor, closed(0.1, 20), "Multiplies the episode rate.");
        k.number(p + ".episode_duration_factor", &DriverStateEffect::episodeDurationFactor, closed(0.1, 20), "Multiplies episode durations.");
        k.number(p + ".wander_factor", &DriverStateEffect::wanderFactor, closed(0.1, 20), "Multiplies the lane-keeping SD.");
        k.quantity(p + ".lapse_rate", &DriverStateEffect::lapseRate, D::Rate, closed(0, 3600 * kPerHour), "/h",
                   "Lapse rate of a driver in this state.");
    }
}

void unitKeys(KeyTable& k) {
    const std::string p = "units.*";
    k.named("units", {}, "Parked vehicles at the scene, one table per unit id, in document order.").defaultNote = "none";
    k.item<UnitDef>(p, "One parked vehicle.");
    KeyRule& kind = vehicleKind<UnitDef>(k, p + ".kind", &UnitDef::spec, "Vehicle kind (see Presets).");
    kind.choices = choicesOf<VehicleKind>();
    kind.required = true;
    k.choice(p + ".role", &UnitDef::role, names<UnitRole>(), "What the unit is at the scene; scripts find units by role.");
    // The placement (s, d or behind, gap, offset) is resolved by the builder: units refer to each other.
    for (const auto& [key, meaning] : {std::pair{".s", "Centre along the road (the scene is near s = 0)."},
                                       std::pair{".d", "Centre left of the right edge line (the shoulder is at d < 0)."}}) {
        KeyRule& position = k.quantity(p + key, D::Length, Range{}, "", meaning);
        position.defaultNote = "required unless behind";
        position.rangeNote = "within the road";
    }
    k.value(ValueType::Reference, p + ".behind", "",
            "Parks this unit behind the named unit instead of at s, d; d, if given, replaces the lateral part.")
        .defaultNote = "none";
    k.quantity(p + ".gap", D::Length, closed(0, 300), defaultLiteral(kDefaultGap, "ft"),
               "With behind: this unit's front bumper to the other's rear bumper.");
    k.quantity(p + ".offset", D::Length, closed(-10, 10), "0", "With behind: this unit's centreline left of the other's (toward traffic).");
    k.quantity(p + ".heading", &UnitDef::heading, D::Angle, closed(-kPi / 2, kPi / 2), "", "Heading; positive = nose toward traffic.");
    k.quantity(p + ".wheel_angle", &UnitDef::wheelAngle, D::Angle, closed(-0.7, 0.7), "", "Front wheels; positive = turned left.");
    k.choice(p + ".lights", &UnitDef::lights, names<UnitLights>(), "Lights shown.");
    k.flag(p + ".braked", &UnitDef::braked, "In park with the parking brake on.");
    vehicleFields<UnitDef>(k, p, &UnitDef::spec);
}

void deviceKeys(KeyTable& k) {
    k.table("devices", "Traffic-control devices: cones, flares and a generated taper.");
    for (const char* kind : {"cones", "flares"}) {
        const std::string p = std::string("devices.") + kind;
        k.tables(p, std::string("Individual ") + kind + ", each { s, d }.").defaultNote = "none";
        for (const auto& [key, meaning] : {std::pair{"[].s", "Position along the road."}, std::pair{"[].d", "Lateral position."}}) {
            KeyRule& position = k.quantity(p + key, D::Length, Range{}, "", meaning);
            position.required = true;
            position.rangeNote = "within the road";
        }
    }
    k.table("devices.taper", "A line of cones from the MUTCD taper length and device spacing (references.md#positioning).").defaultNote = "none";
    k.choice("devices.taper.kind", {kTaperKinds.begin(), kTaperKinds.end()}, "\"shoulder\"",
             "Merging (length L), shifting (L/2) or shoulder (L/3) taper.");
    k.quantity("devices.taper.end_s", D::Length, Range{}, "", "Downstream end of the taper.").defaultNote =
        "the rear of the most upstream unit";
    k.quantity("devices.taper.from_d", D::Length, Range{}, "", "Lateral position of the taper's upstream end.").defaultNote =
        "shoulder: -shoulder_width; merging and shifting: 0";
    k.quantity("devices.taper.to_d", D::Length, Range{}, "", "Lateral position of its downstream end.").defaultNote =
        "shoulder: 0; merging and shifting: lane_width";
    k.quantity("devices.taper.speed", D::Speed, closed(5, 45), "", "Speed the taper is designed for.").defaultNote = "the speed limit";
}

void peopleKeys(KeyTable& k) {
    const std::string p = "people.*";
    k.named("people", {}, "People at the scene, one table per person id.").defaultNote = "none";
    k.item<PersonDef>(p, "One person and their script.");
    k.choice(p + ".role", &PersonDef::role, names<PersonRole>(), "Who the person is.");
    k.choice(p + ".approach", &PersonDef::approach, names<ApproachSide>(), "Side of the violator approached; decides what \"window\" means.");
    k.quantity(p + ".walk_speed", &PersonDef::walkSpeed, D::Speed, closed(0.3, 3), "", "Walking speed.");
    k.quantity(p + ".radius", &PersonDef::radius, D::Length, closed(0.15, 0.5), "", "Body footprint radius.");
    k.quantity(p + ".mass", &PersonDef::mass, D::Mass, closed(20, 200), "", "Body mass.");
    // The script names places of units: the builder resolves it once the units are known.
    KeyRule& script = k.tables(p + ".script", "Places visited in order, starting at the first at t = 0.");
    script.required = true;
    script.rangeNote = "at least one step";
    k.choice(p + ".script[].at", placeNames(), "", "The place (see Places).").required = true;
    k.value(ValueType::Reference, p + ".script[].unit", "", "The unit the place is relative to.").defaultNote =
        "driver-door, inside: the first patrol unit; windows, front, rear, between: the first violator";
    k.quantity(p + ".script[].dwell", D::Time, atLeast(0), "", "Time spent there after arriving.").defaultNote =
        "until the run ends (last step only)";
}

void measureKeys(KeyTable& k) {
    k.table("measures", &Scenario::measures, "How exposure, compliance and conflicts are measured.");
    k.quantity("measures.exposure_distance", &MeasureSettings::exposureDistance, D::Length, closed(0, 20), "",
               "On foot within this of an open lane counts as exposed.");
    k.quantity("measures.observation_distance", &MeasureSettings::observationDistance, D::Length, closed(50, 5000), "",
               "Upstream point where move-over and slow-down are judged from.");
    k.quantity("measures.slow_down_threshold", &MeasureSettings::slowDownThreshold, D::Speed, closed(0, 20), "mph",
               "Speed shed that counts as slowing down.");
    k.quantity("measures.ttc_horizon", &MeasureSettings::ttcHorizon, D::Time, closed(0.5, 60), "", "Longer times to collision are not conflicts.");
    k.quantity("measures.intrusion_upstream", &MeasureSettings::intrusionUpstream, D::Length, closed(0, 2000), "",
               "Road before the scene in which shoulder intrusions count.");
}

std::vector<KeyRule> buildRules() {
    KeyTable k{Scenario{}};
    topLevelKeys(k);
    runKeys(k);
    roadKeys(k);
    environmentKeys(k);
    trafficKeys(k);
    driverKeys(k);
    unitKeys(k);
    deviceKeys(k);
    peopleKeys(k);
    measureKeys(k);
    return k.take();
}

}  // namespace

}  // namespace sim::io::detail

namespace sim::io {

const Schema& scenarioSchema() {
    static const Schema schema(detail::buildRules(), "a top-level key");
    return schema;
}

}  // namespace sim::io
