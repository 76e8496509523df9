// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
/// Summary statistics of samples for the statistical model tests, and the standard errors their
/// tolerances are derived from. Header-only, test code.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace sim::test {

struct Moments {
    double mean = 0.0;
    double sd = 0.0;        ///< sample standard deviation (n - 1)
    double skewness = 0.0;  ///< g1 = m3 / m2^1.5
    double kurtosis = 0.0;  ///< m4 / m2^2 (3 for a normal)
};

inline Moments moments(const std::vector<double>& x) {
    const auto n = static_cast<double>(x.size());
    double mean = 0.0;
    for (const double v : x) mean += v;
    mean /= n;
    double m2 = 0.0, m3 = 0.0, m4 = 0.0;
    for (const double v : x) {
        const double d = v - mean;
        const double d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    Moments m;
    m.mean = mean;
    m.sd = std::sqrt(m2 / (n - 1.0));
    m2 /= n;
    m3 /= n;
    m4 /= n;
    m.skewness = m3 / std::pow(m2, 1.5);
    m.kurtosis = m4 / (m2 * m2);
    return m;
}

/// Empirical q-quantile (nearest rank on a copy).
inline double quantile(std::vector<double> x, double q) {
    const auto k = static_cast<std::size_t>(q * static_cast<double>(x.size() - 1) + 0.5);
    std::nth_element(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(k), x.end());
    return x[k];
}

/// Standard error of the empirical q-quantile of n draws from a density f at the quantile:
/// sqrt(q (1 - q) / n) / f(x_q) (asymptotic, e.g. Stuart & Ord, Kendall's Advanced Theory).
inline double quantileStandardError(double q, double densityAtQuantile, std::size_t n) {
    return std::sqrt(q * (1.0 - q) / static_cast<double>(n)) / densityAtQuantile;
}

/// Standard normal density and CDF (for analytic expectations in tests).
inline double normalPdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846); }
inline double normalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

/// Density of a lognormal with this median and ln-space sd at x.
inline double lognormalPdf(double x, double median, double sigma) {
    return normalPdf((std::log(x) - std::log(median)) / sigma) / (x * sigma);
}

}  // namespace sim::test
