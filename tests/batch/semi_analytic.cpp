// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "semi_analytic.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/presets.hpp"

namespace test {

namespace {

// The lateral control of sim/src/world/traffic_stream.cpp, restated (they are constants there,
// not scenario keys): after a drift the lateral speed turns back toward the lane at
// kRecoveryAccel, up to kLateralSpeedMax; lane keeping follows its wandering target with the time
// constant kLateralTau. Corrective steering comes a lognormal steering latency after the eyes
// return (driver_traits.cpp: median 0.4 s, sigma 0.35, Lehtonen et al. 2018).
constexpr double kRecoveryAccel = 2.0;     // m/s^2
constexpr double kLateralSpeedMax = 1.0;   // m/s
constexpr double kLateralTau = 1.0;        // s
constexpr sim::Lognormal kSteeringLatency = {0.4, 0.35};

/// Nodes and weights (summing to 1) of a standard normal on a midpoint grid over +-6 sd: plain
/// and robust for the kinks of the integrand (the overlap set has corners in u and D).
struct Rule {
    std::vector<double> z, w;
};

Rule normalRule(int n) {
    Rule r;
    const double h = 12.0 / n;
    double total = 0.0;
    for (int i = 0; i < n; ++i) {
        const double z = -6.0 + (i + 0.5) * h;
        r.z.push_back(z);
        r.w.push_back(std::exp(-0.5 * z * z));
        total += r.w.back();
    }
    for (double& w : r.w) w /= total;
    return r;
}

/// The drift toward the shoulder x(tau) (m) of one episode: u tau until T, then the lateral speed
/// turns back at kRecoveryAccel and leaves toward the lane at kLateralSpeedMax.
struct DriftPath {
    double u, T;
    double peakDepth() const { return u * T + u * u / (2.0 * kRecoveryAccel); }
    /// The first tau at which x = y (0 <= y <= peakDepth()).
    double rising(double y) const {
        if (y <= u * T) return y / u;
        const double root = std::sqrt(std::max(0.0, u * u - 2.0 * kRecoveryAccel * (y - u * T)));
        return T + (u - root) / kRecoveryAccel;
    }
    /// The last tau at which x = y, on the way back.
    double falling(double y) const {
        const double s1 = (u + kLateralSpeedMax) / kRecoveryAccel;
        const double x1 = u * T + u * s1 - 0.5 * kRecoveryAccel * s1 * s1;
        if (y < x1) return T + s1 + (x1 - y) / kLateralSpeedMax;
        const double root = std::sqrt(std::max(0.0, u * u - 2.0 * kRecoveryAccel * (y - u * T)));
        return T + (u + root) / kRecoveryAccel;
    }
};

/// What the integral accumulates for one set of onset leads [t1, t2] (s before the pass).
struct Accumulator {
    double runHorizon;      // s, the run's duration: a vehicle passing at t had its onset after 0
    double roadHorizon;     // s a vehicle has been on the road when it passes the person
    double window;          // s
    double expected = 0.0, early = 0.0, perVehicle = 0.0, lead = 0.0;

    /// Adds weight x the interval's share of E[N] / flow: int over passing times t in [0, run]
    /// of |[t1, t2] n [0, min(t, road)]| = int_{t1}^{t2} (run - tau)_+ dtau on tau <= road.
    void add(double weight, double t1, double t2) {
        perVehicle += weight * (t2 - t1);
        lead += weight * 0.5 * (t2 * t2 - t1 * t1);
        t2 = std::min({t2, roadHorizon, runHorizon});
        if (t2 <= t1) return;
        const auto part = [&](double a, double b) { return runHorizon * (b - a) - 0.5 * (b * b - a * a); };
        expected += weight * part(t1, t2);
        if (t2 > window) early += weight * part(std::max(t1, window), t2);
    }
    /// The onset leads for which x(tau) lies in [a, b] (0 < a < b).
    void addOverlap(double weight, const DriftPath& path, double a, double b) {
        const double peak = path.peakDepth();
        if (a >= peak) return;
        const double top = std::min(b, peak);
        add(weight, path.rising(a), path.rising(top));
        add(weight, path.falling(top), path.falling(a));
    }
};

struct StateModel {
    double share, lapseRate, ordinaryRate, durationFactor, latencyFactor, wanderSd;
};

}  // namespace

SemiAnalyticStrike semiAnalyticStrike(const sim::Scenario& sc, sim::Vec2 person, double radius,
                                      const SemiAnalyticOptions& options) {
    if (sc.road.lanes != 1) throw std::invalid_argument("semiAnalyticStrike: the stop must have one lane");
    const sim::Drivers& dr = sc.drivers;
    const sim::Attention& at = dr.attention;
    const double flow = sc.traffic.flowPerLane.front();
    const double meanSpeed = sc.road.speedLimit + sc.traffic.speedOffset;
    Accumulator acc{sc.run.duration, (sc.road.upstreamLength + person.x) / meanSpeed, options.window};
    Accumulator ordinary = acc;

    // Ordinary episodes near the stop: every driver has seen it by then (scene capture).
    const double ordinaryRate = at.episodeRate * at.sceneCapture;
    const double normalShare = 1.0 - dr.drowsy.share - dr.impaired.share;
    const StateModel states[] = {
        {normalShare, at.lapse.rate, ordinaryRate, 1.0, 1.0, at.laneKeepingSd},
        {dr.drowsy.share, dr.drowsy.lapseRate, ordinaryRate * dr.drowsy.episodeRateFactor, dr.drowsy.episodeDurationFactor,
         dr.drowsy.prtFactor, at.laneKeepingSd * dr.drowsy.wanderFactor},
        {dr.impaired.share, dr.impaired.lapseRate, ordinaryRate * dr.impaired.episodeRateFactor,
         dr.impaired.episodeDurationFactor, dr.impaired.prtFactor, at.laneKeepingSd * dr.impaired.wanderFactor},
    };
    const std::vector<sim::MixEntry> mix = sc.traffic.mix.empty() ? sim::defaultFreewayMix() : sc.traffic.mix;
    double mixTotal = 0.0;
    for (const sim::MixEntry& m : mix) mixTotal += m.share;

    const Rule speedRule = normalRule(options.speedNodes), durationRule = normalRule(options.durationNodes);
    const Rule latencyRule = normalRule(options.latencyNodes), offsetRule = normalRule(options.offsetNodes);
    const double laneCentre = 0.5 * sc.road.laneWidth;
    const double strip = sc.road.rumbleStrips ? sc.road.rumbleStripOffset : sim::kInfinity;
    // Lane keeping follows its Ornstein-Uhlenbeck target (time constant theta) with a first-order
    // lag kLateralTau: the position's variance is sd^2 theta / (theta + tau).
    const double lagFactor = std::sqrt(at.wanderTimeConstant / (at.wanderTimeConstant + kLateralTau));

    for (const StateModel& st : states) {
        if (st.share <= 0.0) continue;
        for (const sim::MixEntry& m : mix) {
            const double W = m.spec.width;
            for (std::size_t k = 0; k < offsetRule.z.size(); ++k) {
                const double d0 = laneCentre + st.wanderSd * lagFactor * offsetRule.z[k];
                const double right0 = d0 - 0.5 * W;  // the body's right side at the onset
                // Overlap: the outline's lateral extent [d - W/2, d + W/2] meets [y - r, y + r].
                const double a = right0 - (person.y + radius), b = d0 + 0.5 * W - (person.y - radius);
                const double base = st.share * (m.share / mixTotal) * offsetRule.w[k] * 0.5;  // 0.5: toward the shoulder
                for (int kind = 0; kind < 2; ++kind) {
                    const bool lapse = kind == 0;
                    const double rate = lapse ? st.lapseRate : st.ordinaryRate;
                    if (rate <= 0.0 || a <= 0.0) continue;
                    const sim::Lognormal& speed = lapse ? at.lapse.driftSpeed : at.driftSpeed;
                    const sim::Lognormal duration = lapse ? at.lapse.duration
                                                          : sim::Lognormal{at.episodeDuration.median * st.durationFactor,
                                                                           at.episodeDuration.sigma};
                    // Depth at which the episode can be cut short: the rumble strip (a lapse, if it
                    // wakes the driver) or the edge line (an ordinary drift, always).
                    const double cueDepth = right0 + at.wheelInset + (lapse ? strip : 0.0);
                    const double cueProbability = lapse ? at.lapse.wakeAtRumbleStrip : 1.0;
                    Accumulator& into = lapse ? acc : ordinary;
                    for (std::size_t i = 0; i < speedRule.z.size(); ++i) {
                        const double u = speed.median * std::exp(speed.sigma * speedRule.z[i]);
                        for (std::size_t j = 0; j < durationRule.z.size(); ++j) {
                            const double D = duration.median * std::exp(duration.sigma * durationRule.z[j]);
                            const double wUD = base * rate * speedRule.w[i] * durationRule.w[j];
                            for (std::size_t s = 0; s < latencyRule.z.size(); ++s) {
                                const double S = st.latencyFactor * kSteeringLatency.median *
                                                 std::exp(kSteeringLatency.sigma * latencyRule.z[s]);
                                const double w = wUD * latencyRule.w[s];
                                const double uncut = D + S;
                                if (cueProbability < 1.0) into.addOverlap(w * (1.0 - cueProbability), {u, uncut}, a, b);
                                if (cueProbability <= 0.0) continue;
                                const double cueAt = cueDepth / u;
                                if (cueAt >= uncut) {  // the episode ends before the cue
                                    into.addOverlap(w * cueProbability, {u, uncut}, a, b);
                                    continue;
                                }
                                for (std::size_t e = 0; e < latencyRule.z.size(); ++e) {
                                    const double E = st.latencyFactor * at.edgeCueLatency.median *
                                                     std::exp(at.edgeCueLatency.sigma * latencyRule.z[e]);
                                    into.addOverlap(w * cueProbability * latencyRule.w[e],
                                                    {u, std::min(uncut, cueAt + E)}, a, b);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    SemiAnalyticStrike out;
    const double total = acc.expected + ordinary.expected;
    out.expectedStrikes = flow * total;
    out.strikeProbability = -std::expm1(-out.expectedStrikes);
    out.perVehicle = acc.perVehicle + ordinary.perVehicle;
    out.lapseShare = total > 0.0 ? acc.expected / total : 0.0;
    out.earlyOnsetShare = total > 0.0 ? (acc.early + ordinary.early) / total : 0.0;
    out.meanOnsetLead = out.perVehicle > 0.0 ? (acc.lead + ordinary.lead) / out.perVehicle : 0.0;
    return out;
}

}  // namespace test
