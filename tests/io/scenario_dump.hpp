// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "sim/presets.hpp"
#include "sim/scenario.hpp"

/// Every field of a Scenario as "path = value" lines, numbers to 17 significant digits: two
/// Scenarios are identical exactly when their dumps are (the structs have no operator==).
/// sourceText is left out: compare it separately where it matters.
namespace test {

class ScenarioDump {
public:
    std::string operator()(const sim::Scenario& s) {
        text("name", s.name);
        text("description", s.description);
        run(s.run);
        road(s.road);
        environment(s.environment);
        traffic(s.traffic);
        drivers(s.drivers);
        for (const sim::ScriptedVehicle& v : s.scriptedVehicles) scripted(v);
        for (const sim::UnitDef& u : s.units) unit(u);
        for (const sim::DeviceDef& d : s.devices) {
            text("device", std::string(sim::name(d.kind)));
            vec("device.position", d.position);
        }
        for (const sim::PersonDef& p : s.people) person(p);
        num("measures.exposureDistance", s.measures.exposureDistance);
        num("measures.observationDistance", s.measures.observationDistance);
        num("measures.slowDownThreshold", s.measures.slowDownThreshold);
        num("measures.ttcHorizon", s.measures.ttcHorizon);
        num("measures.intrusionUpstream", s.measures.intrusionUpstream);
        num("importance.enabled", s.importance.enabled ? 1.0 : 0.0);
        num("importance.window", s.importance.window);
        return std::move(out_);
    }

private:
    void text(const std::string& key, const std::string& value) { out_ += key + " = " + value + "\n"; }
    void num(const std::string& key, double value) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.17g", value);
        text(key, buffer);
    }
    void vec(const std::string& key, sim::Vec2 v) {
        num(key + ".x", v.x);
        num(key + ".y", v.y);
    }
    template <typename E> void named(const std::string& key, E value) { text(key, std::string(sim::name(value))); }

    void run(const sim::RunSettings& r) {
        num("run.duration", r.duration);
        num("run.dt", r.dt);
        text("run.seed", std::to_string(r.seed));
        num("run.contactMargin", r.contactMargin);
    }
    void road(const sim::Road& r) {
        text("road.lanes", std::to_string(r.lanes));
        num("road.laneWidth", r.laneWidth);
        num("road.shoulderWidth", r.shoulderWidth);
        num("road.speedLimit", r.speedLimit);
        num("road.upstreamLength", r.upstreamLength);
        num("road.downstreamLength", r.downstreamLength);
        num("road.curveRadius", r.curveRadius);
        num("road.sightObstructionOffset", r.sightObstructionOffset);
        num("road.sightDistance", r.sightDistance);
        text("road.guardrail", r.guardrail ? "true" : "false");
        num("road.guardrailOffset", r.guardrailOffset);
    }
    void environment(const sim::Environment& e) {
        named("environment.light", e.light);
        named("environment.weather", e.weather);
        num("environment.visibility", e.visibility);
        named("environment.surface", e.surface);
        num("environment.friction", e.friction);
    }
    void spec(const std::string& p, const sim::VehicleSpec& v) {
        named(p + ".kind", v.kind);
        num(p + ".length", v.length);
        num(p + ".width", v.width);
        num(p + ".mass", v.mass);
        num(p + ".wheelbase", v.wheelbase);
        num(p + ".maxDecel", v.maxDecel);
        num(p + ".accelFactor", v.accelFactor);
        num(p + ".headwayFactor", v.headwayFactor);
        num(p + ".speedFactor", v.speedFactor);
        text(p + ".colour", std::to_string(v.colour));
    }
    void traffic(const sim::Traffic& t) {
        for (double f : t.flowPerLane) num("traffic.flow", f);
        named("traffic.headway", t.headway);
        num("traffic.minHeadway", t.minHeadway);
        num("traffic.headwaySigma", t.headwaySigma);
        num("traffic.speedOffset", t.speedOffset);
        num("traffic.speedSd", t.speedSd);
        num("traffic.speedTruncation", t.speedTruncation);
        for (const sim::MixEntry& m : t.mix) {
            spec("traffic.mix", m.spec);
            num("traffic.mix.share", m.share);
        }
        text("traffic.prepopulate", t.prepopulate ? "true" : "false");
        num("traffic.demandDuration", t.demandDuration);
    }
    void state(const std::string& p, const sim::DriverStateEffect& s) {
        num(p + ".share", s.share);
        num(p + ".prtFactor", s.prtFactor);
        num(p + ".episodeRateFactor", s.episodeRateFactor);
        num(p + ".episodeDurationFactor", s.episodeDurationFactor);
        num(p + ".wanderFactor", s.wanderFactor);
    }
    void drivers(const sim::Drivers& d) {
        num("idm.a", d.idm.a);
        num("idm.b", d.idm.b);
        num("idm.T", d.idm.T);
        num("idm.s0", d.idm.s0);
        num("idm.delta", d.idm.delta);
        num("idmVariation", d.idmVariation);
        num("mobil.politeness", d.mobil.politeness);
        num("mobil.threshold", d.mobil.threshold);
        num("mobil.bSafe", d.mobil.bSafe);
        num("mobil.keepRightBias", d.mobil.keepRightBias);
        num("prt.median", d.prt.median);
        num("prt.sigma", d.prt.sigma);
        num("moveOverShare", d.moveOverShare);
        num("slowDownShare", d.slowDownShare);
        num("mandatedReduction", d.mandatedReduction);
        num("planningHorizon", d.planningHorizon);
        num("attention.episodeRate", d.attention.episodeRate);
        num("attention.episodeDuration.median", d.attention.episodeDuration.median);
        num("attention.episodeDuration.sigma", d.attention.episodeDuration.sigma);
        num("attention.driftSpeed.median", d.attention.driftSpeed.median);
        num("attention.driftSpeed.sigma", d.attention.driftSpeed.sigma);
        num("attention.laneKeepingSd", d.attention.laneKeepingSd);
        num("attention.wanderTimeConstant", d.attention.wanderTimeConstant);
        num("attention.sceneCapture", d.attention.sceneCapture);
        state("drowsy", d.drowsy);
        state("impaired", d.impaired);
        text("mothEffect", d.mothEffect ? "true" : "false");
        num("mothGain", d.mothGain);
    }
    void scripted(const sim::ScriptedVehicle& v) {
        const std::string p = "scripted." + v.id;
        spec(p, v.spec);
        text(p + ".lane", std::to_string(v.lane));
        num(p + ".entryTime", v.entryTime);
        num(p + ".entryS", v.entryS);
        num(p + ".speed", v.speed);
        named(p + ".state", v.state);
        text(p + ".movesOver", v.movesOver ? (*v.movesOver ? "true" : "false") : "unset");
        text(p + ".randomAttention", v.randomAttention ? "true" : "false");
        if (v.drift) {
            num(p + ".drift.startS", v.drift->startS);
            num(p + ".drift.lateralSpeed", v.drift->lateralSpeed);
            num(p + ".drift.duration", v.drift->duration);
            text(p + ".drift.reacts", v.drift->reacts ? "true" : "false");
        }
    }
    void unit(const sim::UnitDef& u) {
        const std::string p = "unit." + u.id;
        spec(p, u.spec);
        named(p + ".role", u.role);
        vec(p + ".position", u.position);
        num(p + ".heading", u.heading);
        num(p + ".wheelAngle", u.wheelAngle);
        named(p + ".lights", u.lights);
        text(p + ".braked", u.braked ? "true" : "false");
    }
    void person(const sim::PersonDef& person) {
        const std::string p = "person." + person.id;
        named(p + ".role", person.role);
        num(p + ".walkSpeed", person.walkSpeed);
        num(p + ".radius", person.radius);
        num(p + ".mass", person.mass);
        named(p + ".approach", person.approach);
        for (const sim::ScriptStep& step : person.script) {
            named(p + ".step.place", step.place);
            text(p + ".step.unit", std::to_string(step.unit));
            num(p + ".step.dwell", step.dwell);
        }
    }

    std::string out_;
};

inline std::string dump(const sim::Scenario& s) { return ScenarioDump{}(s); }

/// The lines in which two dumps differ, numbers compared to a relative tolerance: for values that
/// went through a unit ("9 /h" is 9 * (1/3600), not 9.0 / 3600). Empty when they agree.
inline std::string differences(const sim::Scenario& a, const sim::Scenario& b, double relative = 1e-12) {
    std::istringstream left(dump(a)), right(dump(b));
    std::string out, l, r;
    while (true) {
        const bool moreLeft = static_cast<bool>(std::getline(left, l));
        const bool moreRight = static_cast<bool>(std::getline(right, r));
        if (!moreLeft && !moreRight) return out;
        if (l == r) continue;
        const auto split = [](const std::string& line) { return line.substr(line.find(" = ") + 3); };
        char* endL = nullptr;
        char* endR = nullptr;
        const std::string vl = split(l), vr = split(r);
        const double x = std::strtod(vl.c_str(), &endL), y = std::strtod(vr.c_str(), &endR);
        const bool numbers = moreLeft && moreRight && *endL == '\0' && *endR == '\0' && !vl.empty() && !vr.empty();
        if (numbers && l.substr(0, l.find(" = ")) == r.substr(0, r.find(" = ")) &&
            std::abs(x - y) <= relative * std::max(std::abs(x), std::abs(y)))
            continue;
        out += "- " + l + "\n+ " + r + "\n";
    }
}

}  // namespace test
