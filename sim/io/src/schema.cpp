// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] the key table, [2] ranges and expectations, [3] lookups and docs,
// [4] quantities, [5] key paths.
#include "schema.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <type_traits>

#include "sim/presets.hpp"
#include "sim/units.hpp"
#include "text_util.hpp"

namespace sim::io::detail {
namespace {

// ---------------------------------------------------------------------------------------------
// [1] The key table. Defaults are TOML literals equal to the C++ defaults in sim/scenario.hpp
// (a test loads every one of them and compares); ranges are SI.
// ---------------------------------------------------------------------------------------------

using D = Dimension;
using units::kPerHour;
using units::kPi;

Range closed(double lo, double hi) { return {lo, hi, false, false}; }
Range atLeast(double lo) { return {lo, Range::kHuge, false, false}; }
Range above(double lo) { return {lo, Range::kHuge, true, false}; }
Range aboveUpTo(double lo, double hi) { return {lo, hi, true, false}; }

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

// Documented defaults are written from the C++ defaults of scenario.hpp, so that a calibration
// there cannot leave the schema, the "did you mean" help or scenarios/README.md behind (a test
// compares README with scenarioKeys()). The unit is the one people quote the figure in.
std::string lit(double si) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", si);
    return buffer;
}
std::string lit(double si, std::string_view unit) {
    for (const UnitInfo& u : knownUnits())
        if (u.symbol == unit) return "\"" + lit(si / u.factor) + " " + std::string(unit) + "\"";
    return lit(si);
}
std::string lit(bool value) { return value ? "true" : "false"; }
template <typename E> requires std::is_enum_v<E> std::string lit(E value) { return "\"" + std::string(sim::name(value)) + "\""; }

constexpr std::array<std::string_view, 3> kTaperKinds = {"merging", "shifting", "shoulder"};

class RuleList {
public:
    KeyRule& section(std::string path, std::string meaning) {
        return add(std::move(path), ValueType::Table, "", std::move(meaning));
    }
    KeyRule& named(std::string path, std::vector<std::string_view> names, std::string meaning) {
        KeyRule& r = add(std::move(path), ValueType::Named, "", std::move(meaning));
        r.choices = std::move(names);
        return r;
    }
    KeyRule& tables(std::string path, std::string meaning) {
        return add(std::move(path), ValueType::TableArray, "", std::move(meaning));
    }
    KeyRule& quantity(std::string path, D dimension, Range range, std::string def, std::string meaning,
                      ValueType type = ValueType::Quantity) {
        KeyRule& r = add(std::move(path), type, std::move(def), std::move(meaning));
        r.dimension = dimension;
        r.range = range;
        return r;
    }
    KeyRule& number(std::string path, Range range, std::string def, std::string meaning) {
        return quantity(std::move(path), D::Dimensionless, range, std::move(def), std::move(meaning));
    }
    KeyRule& integer(std::string path, Range range, std::string def, std::string meaning) {
        KeyRule& r = add(std::move(path), ValueType::Integer, std::move(def), std::move(meaning));
        r.range = range;
        return r;
    }
    KeyRule& choice(std::string path, std::vector<std::string_view> choices, std::string def, std::string meaning) {
        KeyRule& r = add(std::move(path), ValueType::Choice, std::move(def), std::move(meaning));
        r.choices = std::move(choices);
        return r;
    }
    KeyRule& reference(std::string path, std::string meaning) {
        return add(std::move(path), ValueType::Reference, "", std::move(meaning));
    }
    KeyRule& of(ValueType type, std::string path, std::string def, std::string meaning) {
        return add(std::move(path), type, std::move(def), std::move(meaning));
    }

    /// The vehicle fields a unit, a traffic class or a scripted vehicle may override.
    void vehicleFields(const std::string& p) {
        const std::string kind = "of the kind";
        quantity(p + ".length", D::Length, closed(1, 30), "", "Bumper to bumper.").defaultNote = kind;
        quantity(p + ".width", D::Length, closed(0.5, 3.5), "", "Body width without mirrors.").defaultNote = kind;
        quantity(p + ".mass", D::Mass, closed(50, 60000), "", "Mass with occupants and load.").defaultNote = kind;
        KeyRule& wheelbase = quantity(p + ".wheelbase", D::Length, closed(0.5, 20), "", "Front to rear axle.");
        wheelbase.defaultNote = kind;
        wheelbase.rangeNote = "< length";
        quantity(p + ".max_decel", D::Acceleration, closed(1, 12), "",
                 "Braking capability on dry pavement, before friction limits it.")
            .defaultNote = kind;
        number(p + ".accel_factor", closed(0.1, 3), "", "Multiplies the driver's IDM maximum acceleration.").defaultNote = kind;
        number(p + ".headway_factor", closed(0.1, 3), "", "Multiplies the driver's IDM time headway.").defaultNote = kind;
        number(p + ".speed_factor", closed(0.1, 3), "", "Multiplies the drawn desired speed.").defaultNote = kind;
        of(ValueType::Colour, p + ".colour", "", "Colour for drawing, \"#RRGGBB\".").defaultNote = kind;
    }

    std::vector<KeyRule> take() { return std::move(rules_); }

private:
    KeyRule& add(std::string path, ValueType type, std::string def, std::string meaning) {
        KeyRule rule;
        rule.path = std::move(path);
        rule.type = type;
        rule.defaultLiteral = std::move(def);
        rule.meaning = std::move(meaning);
        rules_.push_back(std::move(rule));
        return rules_.back();
    }
    std::vector<KeyRule> rules_;
};

void topLevelKeys(RuleList& k) {
    k.of(ValueType::Text, "name", "", "Name shown in outcomes, recordings and the visualizer.").defaultNote =
        "the file's stem";
    k.of(ValueType::Text, "description", "\"\"", "Free text for people.");
    k.of(ValueType::TextList, "include", "[]",
         "Files merged before this one, in order; paths relative to this file; this file's keys win.");
}

void runKeys(RuleList& k) {
    k.section("run", "How long and how finely a run is simulated.");
    k.quantity("run.duration", D::Time, aboveUpTo(0, 24 * units::kHour), lit(RunSettings{}.duration, "min"), "Simulated time.");
    k.quantity("run.step", D::Time, closed(0.005, 0.1), lit(RunSettings{}.dt), "Fixed time step.");
    k.integer("run.seed", atLeast(0), std::to_string(RunSettings{}.seed), "Seed used when the caller gives none.");
    k.quantity("run.contact_margin", D::Length, closed(10, 500), lit(RunSettings{}.contactMargin),
               "Road before and after the scene simulated with rigid-body contacts.");
}

void roadKeys(RuleList& k) {
    k.section("road", "The road in the direction of travel; straight in the contact zone.");
    k.integer("road.lanes", closed(1, 5), std::to_string(Road{}.lanes), "Travel lanes in this direction; lane 1 is next to the shoulder.");
    k.quantity("road.lane_width", D::Length, closed(2.5, 5), lit(Road{}.laneWidth, "ft"), "Width of each travel lane.");
    k.quantity("road.shoulder_width", D::Length, closed(0, 6), lit(Road{}.shoulderWidth, "ft"), "Width of the right shoulder.");
    k.quantity("road.speed_limit", D::Speed, closed(5, 45), lit(Road{}.speedLimit, "mph"), "Posted speed limit.");
    k.quantity("road.upstream_length", D::Length, closed(200, 20000), lit(Road{}.upstreamLength), "Road simulated before the scene (s < 0).");
    k.quantity("road.downstream_length", D::Length, closed(50, 20000), lit(Road{}.downstreamLength), "Road simulated after the scene (s > 0).");
    k.of(ValueType::Boolean, "road.guardrail", lit(Road{}.guardrail), "A guardrail beyond the shoulder.");
    k.quantity("road.guardrail_offset", D::Length, closed(0, 10), lit(Road{}.guardrailOffset, "ft"), "From the shoulder's outer edge to the guardrail.");
    k.quantity("road.sight_distance", D::Length, above(0), "",
               "How far ahead drivers can see the scene; replaces the value derived from [road.curve].")
        .defaultNote = "from [road.curve]; unlimited on a straight road";
    k.section("road.curve", "A horizontal curve before the scene; it limits sight distance (AASHTO sightline offset).")
        .defaultNote = "none (straight road)";
    k.quantity("road.curve.radius", D::Length, above(10), "", "Curve radius at the driver's path.").required = true;
    KeyRule& offset = k.quantity("road.curve.obstruction_offset", D::Length, above(0), "",
                                 "From the inside lane centre to the sight obstruction.");
    offset.required = true;
    offset.rangeNote = "< radius";
}

void environmentKeys(RuleList& k) {
    k.section("environment", "Light, weather, visibility and surface; applied in order: preset, the other keys, friction.");
    k.choice("environment.preset", conditionNames(), "", "A named set of conditions (see Presets).").defaultNote = "none";
    k.choice("environment.light", choicesOf<Light>(), lit(Environment{}.light), "Ambient light; night-lit has street lighting.");
    k.choice("environment.weather", choicesOf<Weather>(), lit(Environment{}.weather), "Weather.");
    k.quantity("environment.visibility", D::Length, closed(10, 100000), lit(Environment{}.visibility, "km"),
               "Meteorological visibility (Koschmieder, 2 % contrast).");
    k.choice("environment.surface", choicesOf<Surface>(), lit(Environment{}.surface), "Road surface; sets friction unless friction is given.");
    k.number("environment.friction", closed(0.05, 1.2), lit(Environment{}.friction), "Tyre-road friction coefficient.").defaultNote =
        "from the surface: dry 0.8, wet 0.5, snow 0.3, ice 0.1";
}

void scriptedKeys(RuleList& k) {
    const std::string p = "traffic.scripted[]";
    k.tables("traffic.scripted", "Vehicles placed by the scenario rather than drawn, for cases and tests.").defaultNote = "none";
    k.of(ValueType::Text, p + ".id", "", "Unique name shown in outcomes.").required = true;
    k.choice(p + ".kind", choicesOf<VehicleKind>(), lit(ScriptedVehicle{}.spec.kind), "Vehicle kind (see Presets).");
    k.integer(p + ".lane", closed(1, 5), std::to_string(ScriptedVehicle{}.lane), "Lane at entry.").rangeNote = "≤ road.lanes";
    k.quantity(p + ".entry_time", D::Time, atLeast(0), lit(ScriptedVehicle{}.entryTime), "When it enters.");
    KeyRule& entry = k.quantity(p + ".entry_s", D::Length, Range{}, "", "Where it enters, along the road.");
    entry.defaultNote = "the upstream end";
    entry.rangeNote = "within the road";
    k.quantity(p + ".speed", D::Speed, closed(0, 70), lit(ScriptedVehicle{}.speed, "mph"), "Speed at entry, and desired speed.");
    k.choice(p + ".state", choicesOf<DriverState>(), lit(ScriptedVehicle{}.state), "Driver state.");
    k.of(ValueType::Boolean, p + ".moves_over", "", "Whether the driver moves over.").defaultNote = "drawn like any driver";
    k.of(ValueType::Boolean, p + ".random_attention", lit(ScriptedVehicle{}.randomAttention), "Also draw ordinary eyes-off-road episodes.");
    k.section(p + ".drift", "A drift forced on this vehicle: eyes off the road from start_s.").defaultNote = "none";
    k.quantity(p + ".drift.start_s", D::Length, Range{}, lit(ForcedDrift{}.startS), "Road position where the eyes leave the road.").rangeNote =
        "within the road";
    k.quantity(p + ".drift.lateral_speed", D::Speed, closed(-3, 3), lit(ForcedDrift{}.lateralSpeed), "Lateral speed; negative = toward the shoulder.");
    k.quantity(p + ".drift.duration", D::Time, closed(0, 30), lit(ForcedDrift{}.duration), "Time with eyes off the road.");
    k.of(ValueType::Boolean, p + ".drift.reacts", lit(ForcedDrift{}.reacts), "After the episode: reaction time, then correction and braking.");
    k.vehicleFields(p);
}

void trafficKeys(RuleList& k) {
    k.section("traffic", "Vehicles entering upstream: flows, headways, desired speeds and the class mix.");
    KeyRule& flow = k.quantity("traffic.flow", D::Flow, closed(0, 3000 * kPerHour), lit(Traffic{}.flowPerLane.front(), "veh/h"),
                               "Flow per lane: one value for every lane, or an array with one value per lane, lane 1 first.",
                               ValueType::QuantityOrList);
    flow.rangeNote = "an array has exactly road.lanes values";
    k.choice("traffic.headway", choicesOf<HeadwayModel>(), lit(Traffic{}.headway), "Headway distribution.");
    k.quantity("traffic.min_headway", D::Time, closed(0, 3), lit(Traffic{}.minHeadway), "Shift of the headway distribution.");
    k.number("traffic.headway_sigma", closed(0.05, 2), lit(Traffic{}.headwaySigma), "Log-space standard deviation (lognormal model only).");
    k.quantity("traffic.speed_offset", D::Speed, closed(-20, 20), lit(Traffic{}.speedOffset, "mph"), "Mean desired speed minus the speed limit.");
    k.quantity("traffic.speed_sd", D::Speed, closed(0, 15), lit(Traffic{}.speedSd, "mph"), "Standard deviation of desired speeds.");
    k.number("traffic.speed_truncation", closed(0.5, 5), lit(Traffic{}.speedTruncation), "Desired speeds beyond mean ± this many SDs are redrawn.");
    k.of(ValueType::Boolean, "traffic.prepopulate", lit(Traffic{}.prepopulate), "The road is already populated at t = 0.");
    k.quantity("traffic.demand_duration", D::Time, above(0), "", "No vehicle arrives after this time; the road then drains.")
        .defaultNote = "arrivals until the run ends";
    k.named("traffic.mix", choicesOf<VehicleKind>(), "Class mix: a relative share per vehicle kind.").defaultNote =
        "the default US freeway mix (see Presets)";
    k.number("traffic.mix.*", atLeast(0), "", "Relative share of this vehicle kind.").rangeNote = "at least one > 0";
    k.named("traffic.classes", choicesOf<VehicleKind>(), "Changes to the kinds of the mix, one table per kind.").defaultNote =
        "none";
    k.section("traffic.classes.*", "Vehicle fields that replace the kind's preset for every vehicle of that kind.")
        .rangeNote = "the kind must be in the mix";
    k.vehicleFields("traffic.classes.*");
    scriptedKeys(k);
}

void driverKeys(RuleList& k) {
    k.section("drivers", "The driver population: car following, lane changes, reaction, compliance, attention.");
    k.section("drivers.prt", "Perception-reaction time, lognormal.");
    k.quantity("drivers.prt.median", D::Time, closed(0.1, 5), lit(Drivers{}.prt.median), "Median reaction time.");
    k.number("drivers.prt.sigma", closed(0, 1.5), lit(Drivers{}.prt.sigma), "Log-space standard deviation.");
    k.section("drivers.idm", "Intelligent Driver Model parameters (Treiber et al. 2000).");
    k.quantity("drivers.idm.max_accel", D::Acceleration, closed(0.1, 10), lit(IdmParams{}.a), "Maximum acceleration a.");
    k.quantity("drivers.idm.comfortable_decel", D::Acceleration, closed(0.1, 10), lit(IdmParams{}.b), "Comfortable deceleration b.");
    k.quantity("drivers.idm.time_headway", D::Time, closed(0.3, 4), lit(IdmParams{}.T), "Desired time headway T.");
    k.quantity("drivers.idm.min_gap", D::Length, closed(0, 10), lit(IdmParams{}.s0), "Jam distance s0.");
    k.number("drivers.idm.delta", closed(1, 10), lit(IdmParams{}.delta), "Acceleration exponent.");
    k.number("drivers.idm_variation", closed(0, 0.5), lit(Drivers{}.idmVariation), "Relative SD of a and T between drivers.");
    k.section("drivers.mobil", "MOBIL lane-change parameters (Kesting et al. 2007).");
    k.number("drivers.mobil.politeness", closed(0, 1), lit(MobilParams{}.politeness), "Politeness factor p.");
    k.quantity("drivers.mobil.threshold", D::Acceleration, closed(0, 2), lit(MobilParams{}.threshold), "Changing threshold.");
    k.quantity("drivers.mobil.safe_decel", D::Acceleration, closed(0.5, 10), lit(MobilParams{}.bSafe), "Largest deceleration imposed on the new follower.");
    k.quantity("drivers.mobil.keep_right_bias", D::Acceleration, closed(-2, 2), lit(MobilParams{}.keepRightBias), "Bias toward the right lane.");
    k.number("drivers.move_over", closed(0, 1), lit(Drivers{}.moveOverShare), "Share who move over once they detect the scene.");
    k.number("drivers.slow_down", closed(0, 1), lit(Drivers{}.slowDownShare), "Share of the others who slow down instead.");
    k.quantity("drivers.mandated_reduction", D::Speed, closed(0, 30), lit(Drivers{}.mandatedReduction, "mph"), "Slow-down target below the limit.");
    k.quantity("drivers.planning_horizon", D::Time, closed(1, 60), lit(Drivers{}.planningHorizon), "Time ahead of the scene at which moving over starts.");
    k.of(ValueType::Boolean, "drivers.moth_effect", lit(Drivers{}.mothEffect), "Gaze-steering bias toward lit units (weak evidence).");
    k.quantity("drivers.moth_gain", D::Speed, closed(0, 1), lit(Drivers{}.mothGain), "Lateral speed toward the lights while looking at them.");

    k.section("drivers.attention", "Eyes-off-road episodes, drift and lane keeping.");
    k.quantity("drivers.attention.episode_rate", D::Rate, closed(0, 3600 * kPerHour), lit(Attention{}.episodeRate, "/h"), "Rate of eyes-off-road episodes.");
    k.section("drivers.attention.episode_duration", "Duration of an episode, lognormal.");
    k.quantity("drivers.attention.episode_duration.median", D::Time, closed(0.1, 30), lit(Attention{}.episodeDuration.median), "Median duration.");
    k.number("drivers.attention.episode_duration.sigma", closed(0, 2), lit(Attention{}.episodeDuration.sigma), "Log-space standard deviation.");
    k.section("drivers.attention.drift_speed", "Lateral drift speed during an episode, lognormal.");
    k.quantity("drivers.attention.drift_speed.median", D::Speed, closed(0.01, 3), lit(Attention{}.driftSpeed.median), "Median lateral speed.");
    k.number("drivers.attention.drift_speed.sigma", closed(0, 2), lit(Attention{}.driftSpeed.sigma), "Log-space standard deviation.");
    k.quantity("drivers.attention.lane_keeping_sd", D::Length, closed(0, 1), lit(Attention{}.laneKeepingSd), "Lateral wander (SDLP) while attentive.");
    k.quantity("drivers.attention.wander_time_constant", D::Time, closed(0.5, 60), lit(Attention{}.wanderTimeConstant), "Time constant of the wander.");
    k.number("drivers.attention.scene_capture", closed(0, 1), lit(Attention{}.sceneCapture), "Factor on the episode rate once the scene is detected.");

    const Drivers defaults;
    for (const auto& [state, d] : {std::pair{"drowsy", defaults.drowsy}, std::pair{"impaired", defaults.impaired}}) {
        const std::string p = std::string("drivers.") + state;
        k.section(p, std::string("Drivers who are ") + state + ": multipliers on the attentive driver.");
        k.number(p + ".share", closed(0, 1), lit(d.share), "Share of drivers in this state.");
        k.number(p + ".prt_factor", closed(0.1, 20), lit(d.prtFactor), "Multiplies the reaction time.");
        k.number(p + ".episode_rate_factor", closed(0.1, 20), lit(d.episodeRateFactor), "Multiplies the episode rate.");
        k.number(p + ".episode_duration_factor", closed(0.1, 20), lit(d.episodeDurationFactor), "Multiplies episode durations.");
        k.number(p + ".wander_factor", closed(0.1, 20), lit(d.wanderFactor), "Multiplies the lane-keeping SD.");
    }
}

void unitKeys(RuleList& k) {
    const std::string p = "units.*";
    k.named("units", {}, "Parked vehicles at the scene, one table per unit id, in document order.").defaultNote = "none";
    k.section(p, "One parked vehicle.");
    k.choice(p + ".kind", choicesOf<VehicleKind>(), "", "Vehicle kind (see Presets).").required = true;
    k.choice(p + ".role", choicesOf<UnitRole>(), lit(UnitDef{}.role), "What the unit is at the scene; scripts find units by role.");
    for (const auto& [key, meaning] : {std::pair{".s", "Centre along the road (the scene is near s = 0)."},
                                       std::pair{".d", "Centre left of the right edge line (the shoulder is at d < 0)."}}) {
        KeyRule& position = k.quantity(p + key, D::Length, Range{}, "", meaning);
        position.defaultNote = "required unless behind";
        position.rangeNote = "within the road";
    }
    k.reference(p + ".behind", "Parks this unit behind the named unit instead of at s, d; d, if given, replaces the lateral part.")
        .defaultNote = "none";
    k.quantity(p + ".gap", D::Length, closed(0, 300), lit(kDefaultGap, "ft"), "With behind: this unit's front bumper to the other's rear bumper.");
    k.quantity(p + ".offset", D::Length, closed(-10, 10), "0",
               "With behind: this unit's centreline left of the other's (toward traffic).");
    k.quantity(p + ".heading", D::Angle, closed(-kPi / 2, kPi / 2), lit(UnitDef{}.heading), "Heading; positive = nose toward traffic.");
    k.quantity(p + ".wheel_angle", D::Angle, closed(-0.7, 0.7), lit(UnitDef{}.wheelAngle), "Front wheels; positive = turned left.");
    k.choice(p + ".lights", choicesOf<UnitLights>(), lit(UnitDef{}.lights), "Lights shown.");
    k.of(ValueType::Boolean, p + ".braked", lit(UnitDef{}.braked), "In park with the parking brake on.");
    k.vehicleFields(p);
}

void deviceKeys(RuleList& k) {
    k.section("devices", "Traffic-control devices: cones, flares and a generated taper.");
    for (const char* kind : {"cones", "flares"}) {
        const std::string p = std::string("devices.") + kind;
        k.tables(p, std::string("Individual ") + kind + ", each { s, d }.").defaultNote = "none";
        for (const auto& [key, meaning] : {std::pair{"[].s", "Position along the road."},
                                           std::pair{"[].d", "Lateral position."}}) {
            KeyRule& position = k.quantity(p + key, D::Length, Range{}, "", meaning);
            position.required = true;
            position.rangeNote = "within the road";
        }
    }
    k.section("devices.taper", "A line of cones from the MUTCD taper length and device spacing (calibration §7).")
        .defaultNote = "none";
    k.choice("devices.taper.kind", {kTaperKinds.begin(), kTaperKinds.end()}, "\"shoulder\"",
             "Merging (length L), shifting (L/2) or shoulder (L/3) taper.");
    k.quantity("devices.taper.end_s", D::Length, Range{}, "", "Downstream end of the taper.").defaultNote =
        "the rear of the most upstream unit";
    k.quantity("devices.taper.from_d", D::Length, Range{}, "", "Lateral position of the taper's upstream end.").defaultNote =
        "shoulder: -shoulder_width; merging and shifting: 0";
    k.quantity("devices.taper.to_d", D::Length, Range{}, "", "Lateral position of its downstream end.").defaultNote =
        "shoulder: 0; merging and shifting: lane_width";
    k.quantity("devices.taper.speed", D::Speed, closed(5, 45), "", "Speed the taper is designed for.").defaultNote =
        "the speed limit";
}

void peopleKeys(RuleList& k) {
    const std::string p = "people.*";
    k.named("people", {}, "People at the scene, one table per person id.").defaultNote = "none";
    k.section(p, "One person and their script.");
    k.choice(p + ".role", choicesOf<PersonRole>(), lit(PersonDef{}.role), "Who the person is.");
    k.choice(p + ".approach", choicesOf<ApproachSide>(), lit(PersonDef{}.approach), "Side of the violator approached; decides what \"window\" means.");
    k.quantity(p + ".walk_speed", D::Speed, closed(0.3, 3), lit(PersonDef{}.walkSpeed), "Walking speed.");
    k.quantity(p + ".radius", D::Length, closed(0.15, 0.5), lit(PersonDef{}.radius), "Body footprint radius.");
    k.quantity(p + ".mass", D::Mass, closed(20, 200), lit(PersonDef{}.mass), "Body mass.");
    KeyRule& script = k.tables(p + ".script", "Places visited in order, starting at the first at t = 0.");
    script.required = true;
    script.rangeNote = "at least one step";
    k.choice(p + ".script[].at", placeNames(), "", "The place (see Places).").required = true;
    k.reference(p + ".script[].unit", "The unit the place is relative to.").defaultNote =
        "driver-door, inside: the first patrol unit; windows, front, rear, between: the first violator";
    k.quantity(p + ".script[].dwell", D::Time, atLeast(0), "", "Time spent there after arriving.").defaultNote =
        "until the run ends (last step only)";
}

void measureKeys(RuleList& k) {
    k.section("measures", "How exposure, compliance and conflicts are measured.");
    k.quantity("measures.exposure_distance", D::Length, closed(0, 20), lit(MeasureSettings{}.exposureDistance), "On foot within this of an open lane counts as exposed.");
    k.quantity("measures.observation_distance", D::Length, closed(50, 5000), lit(MeasureSettings{}.observationDistance),
               "Upstream point where move-over and slow-down are judged from.");
    k.quantity("measures.slow_down_threshold", D::Speed, closed(0, 20), lit(MeasureSettings{}.slowDownThreshold, "mph"), "Speed shed that counts as slowing down.");
    k.quantity("measures.ttc_horizon", D::Time, closed(0.5, 60), lit(MeasureSettings{}.ttcHorizon), "Longer times to collision are not conflicts.");
    k.quantity("measures.intrusion_upstream", D::Length, closed(0, 2000), lit(MeasureSettings{}.intrusionUpstream),
               "Road before the scene in which shoulder intrusions count.");
}

std::vector<KeyRule> buildRules() {
    RuleList k;
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

// ---------------------------------------------------------------------------------------------
// [2] Ranges and expectations
// ---------------------------------------------------------------------------------------------

bool Range::contains(double v) const {
    if (!std::isfinite(v)) return false;
    const bool aboveLo = loOpen ? v > lo : v >= lo;
    const bool belowHi = hiOpen ? v < hi : v <= hi;
    return aboveLo && belowHi;
}

namespace {

std::string boundsText(const Range& r, double scale, std::string_view unit) {
    const bool hasLo = r.lo > -Range::kHuge;
    const bool hasHi = r.hi < Range::kHuge;
    auto show = [&](double v) { return formatNumber(v / scale); };
    std::string out;
    if (hasLo && hasHi && !r.loOpen && !r.hiOpen) {
        out = show(r.lo) + (r.lo < 0 ? " to " : "–") + show(r.hi);
    } else {
        if (hasLo) out = (r.loOpen ? "> " : "≥ ") + show(r.lo);
        if (hasHi) out += (out.empty() ? "" : ", ") + std::string(r.hiOpen ? "< " : "≤ ") + show(r.hi);
    }
    if (out.empty()) return "any";
    if (!unit.empty()) out += " " + std::string(unit);
    return out;
}

}  // namespace

std::string Range::text(Dimension dimension) const {
    std::string out = boundsText(*this, displayFactor(dimension), displayUnit(dimension));
    if (dimension == Dimension::Angle && out != "any") out += " (" + boundsText(*this, units::kDegree, "deg") + ")";
    return out;
}

std::string_view KeyRule::parent() const {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? std::string_view{} : std::string_view(path).substr(0, dot);
}

std::string_view KeyRule::name() const {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? std::string_view(path) : std::string_view(path).substr(dot + 1);
}

std::string KeyRule::expectation() const {
    switch (type) {
    case ValueType::Table:
    case ValueType::Named: return "a table";
    case ValueType::TableArray: return "an array of tables";
    case ValueType::Quantity:
    case ValueType::QuantityOrList: {
        std::string out = dimensionWithArticle(dimension);
        const std::string bounds = range.text(dimension);
        if (bounds != "any") out += " in " + bounds;
        else if (!displayUnit(dimension).empty()) out += " (" + std::string(displayUnit(dimension)) + ")";
        return type == ValueType::QuantityOrList ? out + ", or an array of them" : out;
    }
    case ValueType::Integer: {
        const std::string bounds = range.text(Dimension::Dimensionless);
        return bounds == "any" ? "an integer" : "an integer in " + bounds;
    }
    case ValueType::Boolean: return "true or false";
    case ValueType::Text: return "a string";
    case ValueType::Reference: return "the id of a unit";
    case ValueType::Choice: return "one of " + joinNames(choices, ", ");
    case ValueType::Colour: return "a colour \"#RRGGBB\"";
    case ValueType::TextList: return "an array of strings";
    }
    return "a value";
}

// ---------------------------------------------------------------------------------------------
// [3] Lookups and docs
// ---------------------------------------------------------------------------------------------
namespace {

std::string typeText(const KeyRule& rule, const Schema& schema) {
    switch (rule.type) {
    case ValueType::Table: return "table";
    case ValueType::Named: {
        const KeyRule* child = schema.find(rule.path + ".*");
        return child && child->type == ValueType::Table ? "table of named tables" : "table of named numbers";
    }
    case ValueType::TableArray: return "array of tables";
    case ValueType::Quantity: return std::string(dimensionName(rule.dimension));
    case ValueType::QuantityOrList: return std::string(dimensionName(rule.dimension)) + ", or array";
    case ValueType::Integer: return "integer";
    case ValueType::Boolean: return "boolean";
    case ValueType::Text: return "string";
    case ValueType::Reference: return "unit id";
    case ValueType::Choice: return "choice";
    case ValueType::Colour: return "colour";
    case ValueType::TextList: return "array of strings";
    }
    return "value";
}

std::string rangeText(const KeyRule& rule) {
    std::string out;
    switch (rule.type) {
    case ValueType::Quantity:
    case ValueType::QuantityOrList: out = rule.range.text(rule.dimension); break;
    case ValueType::Integer: out = rule.range.text(Dimension::Dimensionless); break;
    case ValueType::Choice: out = joinNames(rule.choices); break;
    case ValueType::Named: out = rule.choices.empty() ? "ids: letters, digits, - and _" : "keys: " + joinNames(rule.choices); break;
    case ValueType::Colour: out = "\"#RRGGBB\""; break;
    default: break;
    }
    if (out == "any") out.clear();
    if (!rule.rangeNote.empty()) out += (out.empty() ? "" : ", ") + rule.rangeNote;
    return out;
}

KeyDoc docOf(const KeyRule& rule, const Schema& schema) {
    std::string def = rule.defaultLiteral;
    if (!rule.defaultNote.empty()) def += (def.empty() ? "" : " (") + rule.defaultNote + (def.empty() ? "" : ")");
    const bool hasUnit = rule.type == ValueType::Quantity || rule.type == ValueType::QuantityOrList;
    return {rule.path, typeText(rule, schema), hasUnit ? std::string(displayUnit(rule.dimension)) : "",
            def, rangeText(rule), rule.meaning};
}

}  // namespace

Schema::Schema() : rules_(buildRules()) {
    for (std::size_t i = 0; i < rules_.size(); ++i) index_.emplace(rules_[i].path, i);
    for (const KeyRule& rule : rules_) docs_.push_back(docOf(rule, *this));
}

const Schema& Schema::instance() {
    static const Schema schema;
    return schema;
}

const KeyRule* Schema::find(std::string_view schemaPath) const {
    const auto it = index_.find(std::string(schemaPath));
    return it == index_.end() ? nullptr : &rules_[it->second];
}

std::string Schema::childPath(std::string_view parentPath, std::string_view key) const {
    if (parentPath.empty()) return std::string(key);
    const KeyRule* parent = find(parentPath);
    if (parent && parent->type == ValueType::Named) return std::string(parentPath) + ".*";
    return std::string(parentPath) + "." + std::string(key);
}

std::vector<const KeyRule*> Schema::childrenOf(std::string_view schemaPath) const {
    std::vector<const KeyRule*> out;
    for (const KeyRule& rule : rules_)
        if (rule.parent() == schemaPath && rule.name() != "*") out.push_back(&rule);
    return out;
}

std::vector<std::string_view> Schema::keysOf(std::string_view schemaPath) const {
    const KeyRule* table = find(schemaPath);
    if (table && table->type == ValueType::Named) return table->choices;
    std::vector<std::string_view> out;
    for (const KeyRule* rule : childrenOf(schemaPath)) out.push_back(rule->name());
    return out;
}

bool isValidId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// ---------------------------------------------------------------------------------------------
// [4] Quantities
// ---------------------------------------------------------------------------------------------
namespace {

// Units a bare number was probably meant in, when it is out of range as SI: an angle in
// degrees, a flow in veh/h, a lane width in feet, a speed in mph.
std::vector<std::string_view> likelyUnits(Dimension dimension) {
    switch (dimension) {
    case Dimension::Angle: return {"deg"};
    case Dimension::Flow: return {"veh/h"};
    case Dimension::Rate: return {"/h"};
    case Dimension::Length: return {"ft"};
    case Dimension::Speed: return {"mph", "km/h"};
    case Dimension::Time: return {"min"};
    default: return {};
    }
}

std::string bareNumberHint(double value, const KeyRule& rule) {
    for (std::string_view unit : likelyUnits(rule.dimension)) {
        const std::string text = formatNumber(value) + " " + std::string(unit);
        const ParsedQuantity asUnit = parseQuantity(text, rule.dimension);
        if (asUnit.value && rule.range.contains(*asUnit.value)) return didYouMean(text);
    }
    return {};
}

}  // namespace

CheckedQuantity checkQuantity(const DocNode& node, const KeyRule& rule) {
    // One quantity: for a QuantityOrList, this node is the single value or one item of the array.
    KeyRule single = rule;
    single.type = ValueType::Quantity;
    auto problem = [&](std::string found, std::string hint) {
        return CheckedQuantity{std::nullopt, Diagnostic{node.where, "", single.expectation(), std::move(found), std::move(hint)}};
    };
    ParsedQuantity parsed;
    std::string written;
    switch (node.kind) {
    case DocNode::Kind::Integer:
        parsed = siQuantity(static_cast<double>(node.integer), rule.dimension);
        written = std::to_string(node.integer);
        break;
    case DocNode::Kind::Float:
        parsed = siQuantity(node.number, rule.dimension);
        written = formatNumber(node.number);
        break;
    case DocNode::Kind::String:
        parsed = parseQuantity(node.text, rule.dimension);
        written = quote(abbreviated(node.text));
        break;
    default: return problem(describe(node), "");
    }
    if (!parsed.value) return problem(written + ": " + parsed.error, parsed.hint);
    const double si = *parsed.value;
    if (rule.range.contains(si)) return {si, std::nullopt};
    if (node.kind == DocNode::Kind::String) return problem(written + " = " + formatQuantity(si, rule.dimension), "");
    return problem(written, bareNumberHint(si, rule));
}

// ---------------------------------------------------------------------------------------------
// [5] Key paths
// ---------------------------------------------------------------------------------------------

std::optional<std::vector<PathSegment>> splitKeyPath(std::string_view path) {
    if (path.empty() || path.size() > 512) return std::nullopt;
    std::vector<PathSegment> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = std::min(path.find('.', start), path.size());
        std::string_view part = path.substr(start, dot - start);
        PathSegment segment;
        if (const auto open = part.find('['); open != std::string_view::npos) {
            if (part.back() != ']' || open + 2 > part.size() - 1) return std::nullopt;
            const std::string_view digits = part.substr(open + 1, part.size() - open - 2);
            std::size_t index = 0;
            for (char c : digits) {
                if (c < '0' || c > '9' || index > 1000000) return std::nullopt;
                index = index * 10 + static_cast<std::size_t>(c - '0');
            }
            segment.index = index;
            part = part.substr(0, open);
        }
        if (!isValidId(part)) return std::nullopt;
        segment.key = std::string(part);
        segments.push_back(std::move(segment));
        start = dot + 1;
    }
    return segments;
}

namespace {

std::string joinPath(std::span<const PathSegment> segments) {
    std::string out;
    for (const PathSegment& s : segments) {
        if (!out.empty()) out += '.';
        out += s.key;
        if (s.index) out += "[" + std::to_string(*s.index) + "]";
    }
    return out;
}

// The path with segment i replaced by `key`, for a suggestion.
std::string withSegment(std::vector<PathSegment> segments, std::size_t i, std::string_view key) {
    segments[i].key = std::string(key);
    return joinPath(segments);
}

}  // namespace

ResolvedPath resolveKeyPath(std::string_view path) {
    const Schema& schema = Schema::instance();
    ResolvedPath out;
    const auto segments = splitKeyPath(path);
    if (!segments) {
        out.error = quote(abbreviated(path)) + ", not a key path such as road.lane_width or people.officer.script[0].dwell";
        return out;
    }
    std::string parent;  // schema path of the table the next segment is in
    for (std::size_t i = 0; i < segments->size(); ++i) {
        const PathSegment& segment = (*segments)[i];
        const KeyRule* parentRule = parent.empty() ? nullptr : schema.find(parent);
        if (parentRule && parentRule->type == ValueType::Named && !parentRule->choices.empty() &&
            std::find(parentRule->choices.begin(), parentRule->choices.end(), segment.key) == parentRule->choices.end()) {
            out.error = quote(segment.key) + ", not one of " + joinNames(parentRule->choices, ", ");
            if (auto close = closestMatch(segment.key, parentRule->choices)) out.hint = didYouMean(withSegment(*segments, i, *close));
            return out;
        }
        const std::string schemaPath = schema.childPath(parent, segment.key);
        const KeyRule* rule = schema.find(schemaPath);
        if (!rule) {
            out.error = "no key " + quote(segment.key) + (parent.empty() ? " at the top level" : " in " + parent);
            const std::vector<std::string_view> keys = schema.keysOf(parent);
            if (auto close = closestMatch(segment.key, keys)) out.hint = didYouMean(withSegment(*segments, i, *close));
            return out;
        }
        const bool last = i + 1 == segments->size();
        if (segment.index && rule->type != ValueType::TableArray) {
            out.error = "an index on " + quote(segment.key) + ", which is not an array of tables";
            return out;
        }
        if (!segment.index && rule->type == ValueType::TableArray && !last) {
            out.error = quote(segment.key) + " without an index; write " + segment.key + "[0]";
            return out;
        }
        out.rules.push_back(rule);
        parent = segment.index ? schemaPath + "[]" : schemaPath;
    }
    return out;
}

}  // namespace sim::io::detail
