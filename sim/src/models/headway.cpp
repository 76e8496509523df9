// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/models/headway.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::models {

namespace {
// Assumption (see the header): the largest shift as a fraction of the mean headway.
constexpr double kMaxShiftFraction = 0.9;
}  // namespace

double meanHeadway(double flow) {
    if (!(flow > 0.0)) return std::numeric_limits<double>::infinity();
    return 1.0 / flow;
}

double effectiveMinHeadway(double flow, double minHeadway) {
    const double mean = meanHeadway(flow);
    const double tau = std::max(minHeadway, 0.0);
    if (!std::isfinite(mean)) return tau;
    return std::min(tau, kMaxShiftFraction * mean);
}

double sampleHeadway(HeadwayModel model, double flow, double minHeadway, double sigma, Rng& rng) {
    const double mean = meanHeadway(flow);
    if (!std::isfinite(mean)) return mean;
    const double tau = effectiveMinHeadway(flow, minHeadway);
    const double randomMean = mean - tau;  // > 0 by construction
    switch (model) {
        case HeadwayModel::ShiftedExponential:
            // references.md#traffic-stream [M]: f(h) = lambda' exp(-lambda' (h - tau)), h >= tau, mean 3600/q s.
            return tau + rng.exponential(1.0 / randomMean);
        case HeadwayModel::Lognormal: {
            // references.md#traffic-stream [C]: shifted lognormal (Tolle; Missouri S&T 2006). Mean of LN(m, s)
            // is m exp(s^2/2): solve for the median that gives the random part its mean.
            const double s = std::max(sigma, 0.0);
            const double median = randomMean * std::exp(-0.5 * s * s);
            return tau + rng.lognormalMedian(median, s);
        }
    }
    return tau + rng.exponential(1.0 / randomMean);
}

}  // namespace sim::models
