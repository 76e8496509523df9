// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "episode_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::detail {

namespace {

/// ln q(x) - ln p(x) for two lognormals with the same sigma whose ln-medians differ by `shift`
/// (q = p shifted): the normal densities of ln x; the Jacobians cancel.
double lognormalShiftLogRatio(double x, double median, double sigma, double shift) {
    if (shift == 0.0 || sigma <= 0.0) return 0.0;
    const double z = std::log(x) - std::log(median);
    const double zq = z - shift;
    return (z * z - zq * zq) / (2.0 * sigma * sigma);
}

/// ln q - ln p of one Bernoulli outcome.
double bernoulliLogRatio(bool outcome, double p, double q) {
    return outcome ? std::log(q) - std::log(p) : std::log1p(-q) - std::log1p(-p);
}

}  // namespace

EpisodeSampler::EpisodeSampler(const Attention& nominal, const EpisodeTilt& tilt) : nominal_(nominal), tilt_(tilt) {}

double EpisodeSampler::proposalLapseProbability(const EpisodeContext& c) const {
    if (c.lapseProbability <= 0.0 || tilt_.lapseShare <= 0.0) return c.lapseProbability;
    return tilt_.lapseShare;
}

EpisodeMarks EpisodeSampler::draw(Rng& rng, const EpisodeContext& c, bool tilted) const {
    EpisodeMarks m;
    // The uniform for the kind is drawn only where a lapse is possible, so that a model without
    // lapses draws exactly what it always drew.
    if (c.lapseProbability > 0.0) m.lapse = rng.uniform() < (tilted ? proposalLapseProbability(c) : c.lapseProbability);
    const Lognormal& duration = m.lapse ? nominal_.lapse.duration : nominal_.episodeDuration;
    const Lognormal& drift = m.lapse ? nominal_.lapse.driftSpeed : nominal_.driftSpeed;
    const double durationMedian = m.lapse ? duration.median : duration.median * c.durationFactor;
    const double durationShift = !tilted ? 0.0 : m.lapse ? tilt_.lapseDurationLogShift : tilt_.durationLogShift;
    const double driftShift = !tilted ? 0.0 : m.lapse ? tilt_.lapseDriftLogShift : tilt_.driftLogShift;
    m.duration = rng.lognormalMedian(durationMedian * std::exp(durationShift), duration.sigma);
    m.driftSpeed = rng.lognormalMedian(drift.median * std::exp(driftShift), drift.sigma);
    m.towardShoulder = rng.bernoulli(tilted ? tilt_.shoulderShare : 0.5);
    // Not tilted: the same density under the proposal, so it adds nothing to the ratio.
    if (m.lapse) m.wakesAtRumbleStrip = rng.bernoulli(nominal_.lapse.wakeAtRumbleStrip);
    return m;
}

double EpisodeSampler::logRatio(const EpisodeMarks& m, const EpisodeContext& c) const {
    double r = 0.0;
    if (c.lapseProbability > 0.0) r += bernoulliLogRatio(m.lapse, c.lapseProbability, proposalLapseProbability(c));
    if (m.lapse) {
        r += lognormalShiftLogRatio(m.duration, nominal_.lapse.duration.median, nominal_.lapse.duration.sigma,
                                    tilt_.lapseDurationLogShift);
        r += lognormalShiftLogRatio(m.driftSpeed, nominal_.lapse.driftSpeed.median, nominal_.lapse.driftSpeed.sigma,
                                    tilt_.lapseDriftLogShift);
    } else {
        r += lognormalShiftLogRatio(m.duration, nominal_.episodeDuration.median * c.durationFactor,
                                    nominal_.episodeDuration.sigma, tilt_.durationLogShift);
        r += lognormalShiftLogRatio(m.driftSpeed, nominal_.driftSpeed.median, nominal_.driftSpeed.sigma,
                                    tilt_.driftLogShift);
    }
    r += bernoulliLogRatio(m.towardShoulder, 0.5, tilt_.shoulderShare);
    return r;
}

double EpisodeSampler::driftLogDeviation(const EpisodeMarks& m) const {
    return std::log(m.driftSpeed / (m.lapse ? nominal_.lapse.driftSpeed.median : nominal_.driftSpeed.median));
}

double EpisodeSampler::durationLogDeviation(const EpisodeMarks& m, const EpisodeContext& c) const {
    return std::log(m.duration / (m.lapse ? nominal_.lapse.duration.median : nominal_.episodeDuration.median * c.durationFactor));
}

double EpisodeSampler::drawOnsetFraction(Rng& rng) const {
    double u = rng.uniform();
    const double within = rng.uniform();
    for (std::size_t b = 0; b < kOnsetBins; ++b) {
        if (u < tilt_.onset[b] || b + 1 == kOnsetBins) return (static_cast<double>(b) + within) / kOnsetBins;
        u -= tilt_.onset[b];
    }
    return within;  // not reached
}

double EpisodeSampler::onsetLogRatio(double remaining, double windowHazard) const {
    const double u = remaining / windowHazard;
    if (!(u >= 0.0 && u < 1.0)) return -std::numeric_limits<double>::infinity();
    const auto bin = std::min(kOnsetBins - 1, static_cast<std::size_t>(u * kOnsetBins));
    const double density = tilt_.onset[bin] * kOnsetBins / windowHazard;
    if (density <= 0.0) return -std::numeric_limits<double>::infinity();
    return std::log(density) + remaining;  // ln h(R) - ln e^-R
}

}  // namespace sim::detail
