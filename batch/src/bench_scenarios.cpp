// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "bench_scenarios.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "sim/presets.hpp"

namespace batch {

sim::Scenario sumoCorridorScenario() {
    sim::Scenario sc;
    sc.name = "sumo-reference-corridor";
    // Road: straight, 3000 m, 2 lanes of 3.65 m, 29.06 m/s; the stop at its middle.
    sc.road.lanes = 2;
    sc.road.laneWidth = 3.65;
    sc.road.speedLimit = 29.06;
    sc.road.upstreamLength = 1500.0;
    sc.road.downstreamLength = 1500.0;
    // Demand: 3000 veh/h over 600 s, then 60 s to drain; step 0.05 s. SUMO starts empty.
    sc.run.duration = 660.0;
    sc.run.dt = 0.05;
    sc.traffic.flowPerLane = {1500.0 / 3600.0, 1500.0 / 3600.0};
    sc.traffic.demandDuration = 600.0;
    sc.traffic.prepopulate = false;
    // Desired-speed factor normal(1.05, 0.1) clipped to [0.7, 1.4] = limit +- 3.5 sd.
    sc.traffic.speedOffset = 0.05 * sc.road.speedLimit;
    sc.traffic.speedSd = 0.1 * sc.road.speedLimit;
    sc.traffic.speedTruncation = 3.5;
    sim::VehicleSpec car = sim::vehicleSpec(sim::VehicleKind::Sedan);
    car.length = 4.6;
    car.width = 1.8;
    sc.traffic.mix = {{car, 1.0}};
    // IDM as in routes.rou.xml: accel 1.5, decel 2.0, tau 1.2, minGap 2.0; no per-driver spread.
    sc.drivers.idm = {1.5, 2.0, 1.2, 2.0, 4.0};
    sc.drivers.idmVariation = 0.0;
    // The stop: violator on the shoulder, patrol car 20 ft behind offset 3 ft left, lights on,
    // an officer at the violator's driver window for the whole run.
    sim::UnitDef violator;
    violator.id = "violator";
    violator.role = sim::UnitRole::Violator;
    violator.spec = sim::vehicleSpec(sim::VehicleKind::Sedan);
    violator.position = {0.0, -1.5};
    violator.lights = sim::UnitLights::Hazards;
    sim::UnitDef patrol;
    patrol.id = "patrol";
    patrol.role = sim::UnitRole::Patrol;
    patrol.spec = sim::vehicleSpec(sim::VehicleKind::PatrolSuv);
    patrol.position = sim::positionBehind(violator, patrol.spec, 20.0 * sim::units::kFoot, 3.0 * sim::units::kFoot);
    patrol.lights = sim::UnitLights::Emergency;
    sc.units = {violator, patrol};
    sim::PersonDef officer;
    officer.id = "officer-1";
    officer.script = {{sim::Place::DriverWindow, 0, sim::kInfinity}};
    sc.people = {officer};
    return sc;
}

namespace {

std::string number(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

/// The number after `key` in `text` (and the rest of the line after it), or nullopt.
std::optional<std::pair<double, std::string>> numberAfter(const std::string& text, const std::string& key) {
    const std::size_t at = text.find(key);
    if (at == std::string::npos) return std::nullopt;
    const char* begin = text.c_str() + at + key.size();
    char* end = nullptr;
    const double x = std::strtod(begin, &end);
    if (end == begin) return std::nullopt;
    const std::size_t eol = text.find('\n', static_cast<std::size_t>(end - text.c_str()));
    return std::make_pair(x, text.substr(static_cast<std::size_t>(end - text.c_str()),
                                         eol == std::string::npos ? std::string::npos : eol - static_cast<std::size_t>(end - text.c_str())));
}

}  // namespace

std::vector<std::pair<std::string, std::string>> sumoTrafficEnvironment(const sim::Scenario& sc) {
    const std::vector<sim::MixEntry> mix = sc.traffic.mix.empty() ? sim::defaultFreewayMix() : sc.traffic.mix;
    double shares = 0.0, length = 0.0, width = 0.0;
    for (const sim::MixEntry& m : mix) {
        shares += m.share;
        length += m.share * m.spec.length;
        width += m.share * m.spec.width;
    }
    double flow = 0.0;
    for (const double f : sc.traffic.flowPerLane) flow += f;
    const double limit = sc.road.speedLimit;
    const double mean = 1.0 + sc.traffic.speedOffset / limit, sd = sc.traffic.speedSd / limit;
    const double k = sc.traffic.speedTruncation;
    const std::string factor = "normc(" + number(mean) + "," + number(sd) + "," + number(std::max(0.0, mean - k * sd)) + "," +
                               number(mean + k * sd) + ")";
    return {{"SUMO_LENGTH_M", number(sc.road.upstreamLength + sc.road.downstreamLength)},
            {"SUMO_LANES", std::to_string(sc.road.lanes)},
            {"SUMO_LANE_WIDTH_M", number(sc.road.laneWidth)},
            {"SUMO_SPEED_LIMIT_MS", number(limit)},
            {"SUMO_FLOW_VPH", number(flow * 3600.0)},
            {"SUMO_DEMAND_S", number(std::min(sc.traffic.demandDuration, sc.run.duration))},
            {"SUMO_END_S", number(sc.run.duration)},
            {"SUMO_STEP_S", number(sc.run.dt)},
            {"SUMO_CAR_LENGTH_M", number(length / shares)},
            {"SUMO_CAR_WIDTH_M", number(width / shares)},
            {"SUMO_IDM_A", number(sc.drivers.idm.a)},
            {"SUMO_IDM_B", number(sc.drivers.idm.b)},
            {"SUMO_IDM_T", number(sc.drivers.idm.T)},
            {"SUMO_IDM_S0", number(sc.drivers.idm.s0)},
            {"SUMO_SPEED_FACTOR", factor}};
}

std::optional<SumoRun> parseSumoOutput(const std::string& text) {
    const auto ups = numberAfter(text, "UPS:");
    const auto duration = numberAfter(text, "Duration:");
    if (!ups || !duration) return std::nullopt;
    SumoRun r;
    r.updatesPerSecond = ups->first;
    const bool ms = duration->second.rfind("ms", 0) == 0;
    r.duration = ms ? duration->first / 1000.0 : duration->first;
    r.updates = r.updatesPerSecond * r.duration;
    if (const auto cpu = numberAfter(text, "cpu_user_s=")) r.cpu = cpu->first;
    if (const auto inserted = numberAfter(text, "Inserted:")) r.inserted = inserted->first;
    if (const auto loaded = numberAfter(text, "Loaded:")) r.loaded = loaded->first;
    return r;
}

double crudeRunsFor(double p, double relError) {
    const double z = 1.959963984540054 / relError;
    return z * z * (1.0 - p) / p;
}

}  // namespace batch
