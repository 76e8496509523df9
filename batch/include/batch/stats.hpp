// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <string_view>

/// The statistics of the sweep summary (docs/batch.md, "Statistics"). Pure functions.
namespace batch {

/// Two-sided 95 % normal quantile, z_{0.975}.
inline constexpr double kZ95 = 1.959963984540054;

/// A point estimate with a two-sided interval; `method` names how the interval was made.
struct Estimate {
    double estimate = 0.0;
    double lo = 0.0;
    double hi = 0.0;
    std::string_view method;
};

/// Wilson score interval for a binomial proportion, without continuity correction
/// (Wilson 1927; method 3 of Newcombe 1998). n > 0.
Estimate wilsonInterval(std::size_t successes, std::size_t n, double z = kZ95);

/// The interval reported for a strike probability: Wilson when there are strikes; with none, the
/// rule of three, [0, 3/n] (Hanley & Lippman-Hand 1983; Eypasch et al. 1995), the one-sided 95 %
/// upper bound researchers expect for zero events. n > 0.
Estimate strikeProbability(std::size_t strikes, std::size_t n);

/// Matched pairs of runs (same replicate, so the same traffic under common random numbers):
/// `both` struck at the point and at its baseline, `pointOnly`, `baselineOnly`, `neither`.
struct PairedCounts {
    std::size_t both = 0;
    std::size_t pointOnly = 0;
    std::size_t baselineOnly = 0;
    std::size_t neither = 0;
    std::size_t pairs() const { return both + pointOnly + baselineOnly + neither; }
};

/// Relative risk P(strike | point) / P(strike | baseline) from matched pairs, with the paired
/// Wald interval on log RR: Var(log RR) = (b + c) / ((a + b)(a + c)), a = both, b = pointOnly,
/// c = baselineOnly (delta method for correlated proportions; Agresti, Categorical Data Analysis,
/// 3rd ed. 2013, §11.1; Nam & Blackwelder 2002, Stat. Med. 21:689). When one of the two
/// proportions is zero, 0.5 is added to both discordant counts (Haldane–Anscombe) for the bound
/// the data inform, and the other bound is the estimate itself: [0, hi] when the point has no
/// strike, [lo, ∞) when the baseline has none. `defined` is false when neither has a strike.
struct RiskRatio {
    bool defined = false;
    double estimate = 0.0;
    double lo = 0.0;
    double hi = 0.0;
    bool corrected = false;   ///< the 0.5 correction was applied
};
RiskRatio pairedRiskRatio(const PairedCounts& counts, double z = kZ95);

/// Mean with a normal-approximation interval from a sum and a sum of squares over n values.
Estimate meanInterval(double sum, double sumOfSquares, std::size_t n, double z = kZ95);

}  // namespace batch
