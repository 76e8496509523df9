// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/attention_sampling.hpp"

#include <cmath>

namespace sim {

namespace {
/// ln p(x) - ln q(x) for two lognormals with the same sigma whose ln-medians differ by `shift`
/// (q = p shifted): the normal densities of ln x, the Jacobians cancel.
double lognormalShiftLogRatio(double x, double median, double sigma, double shift) {
    if (shift == 0.0 || sigma <= 0.0) return 0.0;
    const double z = std::log(x) - std::log(median);
    const double zq = z - shift;
    return (zq * zq - z * z) / (2.0 * sigma * sigma);
}
}  // namespace

AttentionSampler::AttentionSampler(const Attention& nominal, const AttentionTilt& tilt)
    : nominal_(nominal), tilt_(tilt) {}

double AttentionSampler::drawEpisodeDuration(Rng& rng, double factor, double& logWeight) const {
    const Lognormal& d = nominal_.episodeDuration;
    const double median = d.median * factor;
    const double x = rng.lognormalMedian(median * std::exp(tilt_.durationLogShift), d.sigma);
    logWeight += lognormalShiftLogRatio(x, median, d.sigma, tilt_.durationLogShift);
    return x;
}

double AttentionSampler::drawDriftSpeed(Rng& rng, double& logWeight) const {
    const Lognormal& d = nominal_.driftSpeed;
    const double x = rng.lognormalMedian(d.median * std::exp(tilt_.driftLogShift), d.sigma);
    logWeight += lognormalShiftLogRatio(x, d.median, d.sigma, tilt_.driftLogShift);
    return x;
}

double AttentionSampler::arrivalLogWeight(int episodes, double nominalHazard) const {
    const double f = tilt_.episodeRateFactor;
    if (f == 1.0) return 0.0;
    return -episodes * std::log(f) + (f - 1.0) * nominalHazard;
}

}  // namespace sim
