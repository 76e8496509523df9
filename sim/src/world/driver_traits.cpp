// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "driver_traits.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace sim::detail {

WeatherAdjustment weatherAdjustment(const Environment& env) {
    WeatherAdjustment w;
    // Operating-speed and capacity reductions: Agarwal, Maze & Souleyrette (2005), references.md#traffic-stream.
    // Headway factors are chosen so that the IDM's capacity (the peak of its fundamental diagram)
    // falls by about the published share; tests/validation checks it against HCM 2010 Ex. 10-15.
    switch (env.weather) {
        case Weather::Rain:  // rain > 0.25 in/h: speed -4..7 %, capacity -10..17 % (HCM: -14.1 %)
            w.speedFactor = 1.0 - 0.055;
            w.headwayFactor = 1.18;
            break;
        case Weather::Snow:  // snow > 0.5 in/h: speed -11..15 %, capacity -19..27 % (HCM: -22.4 %)
            w.speedFactor = 1.0 - 0.13;
            w.headwayFactor = 1.28;
            break;
        case Weather::Fog:
        case Weather::Clear:
            break;
    }
    // Visibility under 1/4 mile: speed -10..12 %, capacity -12 % (same source), whatever the cause.
    if (env.visibility < 0.25 * units::kMile) {
        w.speedFactor = std::min(w.speedFactor, 1.0 - 0.11);
        w.headwayFactor = std::max(w.headwayFactor, 1.13);
    }
    return w;
}

const VehicleSpec& drawVehicleClass(const std::vector<MixEntry>& mix, Rng& rng) {
    double total = 0.0;
    for (const MixEntry& m : mix) total += m.share;
    double u = rng.uniform() * total;
    for (const MixEntry& m : mix) {
        if (u < m.share) return m.spec;
        u -= m.share;
    }
    return mix.back().spec;
}

namespace {

/// Desired speed: normal around limit + offset, redrawn outside +- k sd (references.md#traffic-stream: spot
/// speeds are normal; free-flow speed ~ limit + 5 mph). Always draws until accepted.
double drawDesiredSpeed(const Traffic& t, double limit, Rng& rng) {
    const double mean = limit + t.speedOffset;
    for (int tries = 0; tries < 64; ++tries) {
        const double z = rng.standardNormal();
        if (std::abs(z) <= t.speedTruncation) return mean + t.speedSd * z;
    }
    return mean;
}

/// A multiplicative per-driver variation with relative sd `cv`, kept within [0.5, 2].
double drawVariation(double cv, Rng& rng) {
    return std::clamp(1.0 + cv * rng.standardNormal(), 0.5, 2.0);
}

void applyState(DriverTraits& d, const DriverStateEffect& e) {
    d.prt *= e.prtFactor;
    d.steeringLatency *= e.prtFactor;
    d.edgeCueLatency *= e.prtFactor;
    d.episodeRateFactor *= e.episodeRateFactor;
    d.durationFactor *= e.episodeDurationFactor;
    d.lapseRate = e.lapseRate;
    d.wanderSd *= e.wanderFactor;
}

/// What a scripted vehicle fixes instead of drawing.
struct Fixed {
    std::optional<double> speed;          ///< m/s, exact desired speed; nullopt = drawn
    const DriverState* state = nullptr;   ///< nullptr = drawn
    std::optional<double> prt;            ///< s; nullopt = drawn
};

DriverState stateFromUniform(const Drivers& dr, double u) {
    if (u < dr.drowsy.share) return DriverState::Drowsy;
    if (u < dr.drowsy.share + dr.impaired.share) return DriverState::Impaired;
    return DriverState::Normal;
}

DriverTraits drawCommonTraits(const Scenario& sc, const VehicleSpec& spec, Rng& rng, Fixed fixed) {
    const Drivers& dr = sc.drivers;
    const WeatherAdjustment w = weatherAdjustment(sc.environment);
    // The draws below always happen, in this order, whatever is fixed.
    const double desired = drawDesiredSpeed(sc.traffic, sc.road.speedLimit, rng);
    const double aVar = drawVariation(dr.idmVariation, rng);
    const double tVar = drawVariation(dr.idmVariation, rng);
    const double prt = rng.lognormalMedian(dr.prt.median, dr.prt.sigma);
    const double uMove = rng.uniform();
    const double uSlow = rng.uniform();
    const double uState = rng.uniform();
    // Corrective steering follows the eyes' return to the road by 200-600 ms (Lehtonen et al.
    // 2018, Accident Analysis & Prevention: gaze leads steering by 200-600 ms): lognormal,
    // median 0.4 s, sigma 0.35 puts 200-600 ms between its 5th and 87th percentiles.
    const double steeringLatency = rng.lognormalMedian(0.4, 0.35);
    const double edgeCueLatency = rng.lognormalMedian(dr.attention.edgeCueLatency.median, dr.attention.edgeCueLatency.sigma);

    DriverTraits d;
    // A stopped scripted vehicle keeps a nominal desired speed (the IDM needs v0 > 0); it is held
    // still by its stop (DriverTraits::stopAt), not by its desired speed.
    const double v0 = fixed.speed ? std::max(*fixed.speed, 1.0) : std::max(1.0, desired * spec.speedFactor * w.speedFactor);
    d.idm = models::makeIdmDriver(v0, dr.idm.a * spec.accelFactor * aVar, dr.idm.b,
                                  dr.idm.T * spec.headwayFactor * tVar * w.headwayFactor, dr.idm.s0, dr.idm.delta);
    d.prt = fixed.prt.value_or(prt);
    d.steeringLatency = steeringLatency;
    d.edgeCueLatency = edgeCueLatency;
    d.lapseRate = dr.attention.lapse.rate;
    d.movesOver = uMove < dr.moveOverShare;
    d.slowsDown = !d.movesOver && uSlow < dr.slowDownShare;
    d.wanderSd = dr.attention.laneKeepingSd;
    d.state = fixed.state ? *fixed.state : stateFromUniform(dr, uState);
    // A scripted "asleep" driver is a drowsy one whose scripted drift is a lapse.
    if (d.state == DriverState::Drowsy || d.state == DriverState::Asleep) applyState(d, dr.drowsy);
    if (d.state == DriverState::Impaired) applyState(d, dr.impaired);
    if (fixed.prt) d.prt = *fixed.prt;  // a scripted reaction time is exact, whatever the state
    return d;
}

}  // namespace

DriverTraits drawDriverTraits(const Scenario& sc, const VehicleSpec& spec, Rng& rng) {
    return drawCommonTraits(sc, spec, rng, {});
}

DriverTraits scriptedDriverTraits(const Scenario& sc, const ScriptedVehicle& sv, Rng& rng) {
    DriverTraits d = drawCommonTraits(sc, sv.spec, rng, {sv.speed, &sv.state, sv.prt > 0.0 ? std::optional<double>(sv.prt) : std::nullopt});
    d.stopAt = sv.speed <= 0.0 ? -kInfinity : sv.stopAt;
    d.stopDecel = sv.stopDecel;
    if (sv.movesOver) {
        d.movesOver = *sv.movesOver;
        d.slowsDown = false;
    }
    d.randomAttention = sv.randomAttention;
    d.forcedDrift = sv.drift ? &*sv.drift : nullptr;
    return d;
}

}  // namespace sim::detail
