// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace batch {

Estimate wilsonInterval(std::size_t successes, std::size_t n, double z) {
    const double x = static_cast<double>(successes);
    const double m = static_cast<double>(n);
    const double z2 = z * z;
    const double centre = (x + z2 / 2.0) / (m + z2);
    const double half = z / (m + z2) * std::sqrt(x * (m - x) / m + z2 / 4.0);
    return {x / m, std::max(0.0, centre - half), std::min(1.0, centre + half), "wilson"};
}

Estimate strikeProbability(std::size_t strikes, std::size_t n) {
    if (strikes == 0) return {0.0, 0.0, std::min(1.0, 3.0 / static_cast<double>(n)), "rule-of-three"};
    return wilsonInterval(strikes, n);
}

RiskRatio pairedRiskRatio(const PairedCounts& counts, double z) {
    RiskRatio out;
    double a = static_cast<double>(counts.both);
    double b = static_cast<double>(counts.pointOnly);
    double c = static_cast<double>(counts.baselineOnly);
    if (a + b == 0.0 && a + c == 0.0) return out;
    out.defined = true;
    out.estimate = (a + b) / (a + c);  // n cancels: both proportions are over the same pairs
    if (a + b == 0.0 || a + c == 0.0) {
        b += 0.5;
        c += 0.5;
        out.corrected = true;
    }
    const double logRr = std::log((a + b) / (a + c));
    const double se = std::sqrt((b + c) / ((a + b) * (a + c)));
    out.lo = std::exp(logRr - z * se);
    out.hi = std::exp(logRr + z * se);
    // The corrected interval bounds the side the data speak to; on the other side it must still
    // contain the estimate (0 or infinity), or a reader sees "0.00 [0.01, 8.2]".
    if (counts.both + counts.pointOnly == 0) out.lo = 0.0;
    if (counts.both + counts.baselineOnly == 0) out.hi = std::numeric_limits<double>::infinity();
    return out;
}

Estimate meanInterval(double sum, double sumOfSquares, std::size_t n, double z) {
    if (n == 0) return {0.0, 0.0, 0.0, "normal"};
    const double m = static_cast<double>(n);
    const double mean = sum / m;
    if (n < 2) return {mean, mean, mean, "normal"};
    const double variance = std::max(0.0, (sumOfSquares - m * mean * mean) / (m - 1.0));
    const double half = z * std::sqrt(variance / m);
    return {mean, mean - half, mean + half, "normal"};
}

}  // namespace batch
