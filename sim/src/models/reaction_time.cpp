// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/models/reaction_time.hpp"

#include <cmath>
#include <limits>

#include "sim/units.hpp"

namespace sim::models {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// references.md#reaction-time [D]: "Alerted: 0.7 s", sigma_ln 0.35-0.45 suggested; we take the middle, 0.40.
// Green (2000) [C]: fully aware drivers take about 0.70-0.75 s.
constexpr Lognormal kAlerted{0.70, 0.40};
// references.md#reaction-time [C]: response to standard brake lamps in traffic, normal with mean 1.25 s and
// SD 0.46 s (fast-rise brake lamp paper, Ergonomics 1993).
constexpr double kBrakeLampMean = 1.25;
constexpr double kBrakeLampSd = 0.46;
// Assumption: no brake response faster than 0.3 s; the lower end of Johansson & Rumar's alerted
// range (about 0.3-2.0 s, references.md#reaction-time [M]). Redrawing below it removes 1.9 % of the normal and
// raises the mean by 0.022 s (to 1.272 s) and lowers the SD by 0.024 s (to 0.436 s).
constexpr double kBrakeLampFloor = 0.3;
// references.md#reaction-time [D]: lognormal fit to Johansson & Rumar (1971) corrected surprise data, median
// 0.9 s and 25 % slower than 1.2 s: mu = ln 0.9 = -0.105, sigma = 0.427.
constexpr Lognormal kSurprise{0.90, 0.427};
}  // namespace

double samplePrt(PrtProfile profile, Rng& rng) {
    switch (profile) {
        case PrtProfile::Alerted: return rng.lognormalMedian(kAlerted.median, kAlerted.sigma);
        case PrtProfile::BrakeLamp: {
            double t = 0.0;
            do {
                t = rng.normal(kBrakeLampMean, kBrakeLampSd);
            } while (t < kBrakeLampFloor);
            return t;
        }
        case PrtProfile::Surprise: return rng.lognormalMedian(kSurprise.median, kSurprise.sigma);
    }
    return rng.lognormalMedian(kSurprise.median, kSurprise.sigma);
}

Lognormal surprisePrt() { return kSurprise; }

double standardNormalQuantile(double q) {
    if (!(q > 0.0)) return -kInf;
    if (!(q < 1.0)) return kInf;
    // Acklam's rational approximation (relative error < 1.15e-9), then one Halley step on
    // Phi(x) - q using erfc, which brings it to near machine precision.
    static constexpr double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                    1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                    6.680131188771972e+01,  -1.328068155288572e+01};
    static constexpr double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                    -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[4] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                    3.754408661907416e+00};
    constexpr double kLow = 0.02425;
    double x = 0.0;
    if (q < kLow) {
        const double t = std::sqrt(-2.0 * std::log(q));
        x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) /
            ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1.0);
    } else if (q <= 1.0 - kLow) {
        const double t = q - 0.5;
        const double r = t * t;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * t /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    } else {
        const double t = std::sqrt(-2.0 * std::log1p(-q));
        x = -(((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) /
            ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1.0);
    }
    // Halley refinement. In the upper tail Phi(x) - q is computed from the complement, which keeps
    // its relative precision.
    const double e = x > 0.0 ? (1.0 - q) - 0.5 * std::erfc(x / std::sqrt(2.0))
                             : 0.5 * std::erfc(-x / std::sqrt(2.0)) - q;
    const double u = e * std::sqrt(2.0 * units::kPi) * std::exp(0.5 * x * x);
    if (std::isfinite(u)) {
        const double refined = x - u / (1.0 + 0.5 * x * u);
        if (std::isfinite(refined)) x = refined;
    }
    return x;
}

double lognormalQuantile(const Lognormal& d, double q) {
    if (!(q > 0.0)) return 0.0;
    if (!(q < 1.0)) return kInf;
    return d.median * std::exp(d.sigma * standardNormalQuantile(q));
}

}  // namespace sim::models
