// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/stats.hpp"

/// Estimates of a probability (or of a mean of values in [0, 1]) from weighted runs, with the
/// diagnostics that say whether the estimate can be trusted (docs/batch.md, "Rare events").
///
/// Crude Monte Carlo is the special case of unit weights; the same fields mean the same there.
namespace batch {

/// One run as the estimators see it: its importance weight w = p/q and the value being
/// estimated (0/1 for "a person was struck", a probability for the expected deaths).
struct WeightedValue {
    double weight = 1.0;
    double value = 0.0;
};

struct WeightedEstimate {
    std::string estimator = "crude";   ///< "crude" or "importance"
    double estimate = 0.0;             ///< mean of w x over the runs
    double lo = 0.0, hi = 0.0;         ///< 95 % interval
    std::string interval;              ///< how the interval was made (see estimateMean)
    double standardError = 0.0;
    double relError = 0.0;             ///< half-width of the 95 % interval over the estimate (inf at 0)
    std::size_t runs = 0;
    std::size_t hits = 0;              ///< runs with x > 0
    double ess = 0.0;                  ///< Kish effective sample size (sum w)^2 / sum w^2
    double essHits = 0.0;              ///< the same over the runs with x > 0: weighted hits
    double maxWeightShare = 0.0;       ///< largest w x over sum w x
    double paretoK = 0.0;              ///< Pareto k-hat of the largest w x; NaN below 10 hits
    double meanWeight = 1.0;           ///< mean of w: 1 in expectation
    double meanWeightSe = 0.0;
    double speedup = 1.0;              ///< crude MC's variance p(1-p)/n over this estimator's, same n
    std::vector<std::string> warnings; ///< plain words, when a diagnostic says not to trust it
};

/// The estimate as flat fields, in the order summary.csv, summary.json and `estimate` write them:
/// `<name>`, `<name>_lo`, `<name>_hi`, `<name>_interval`, `<name>_rel_error`, then the
/// diagnostics runs, hits, ess, ess_hits, max_weight_share, pareto_k, mean_weight,
/// mean_weight_se, speedup, each prefixed with `diagnosticsPrefix` (empty for the main estimate,
/// `<name>_` for the others). NaN and infinity are null.
nlohmann::ordered_json estimateFields(const WeightedEstimate& e, const std::string& name, const std::string& diagnosticsPrefix);

/// Diagnostic thresholds (rare-events reference; Vehtari et al. 2024 for Pareto k).
inline constexpr double kParetoKLimit = 0.7;
inline constexpr double kMinWeightedHits = 30.0;
inline constexpr double kMeanWeightSigmas = 3.0;

/// The sums estimateMean() needs, added one run at a time (memory: the runs with x > 0 only,
/// for the Pareto k-hat of their terms).
class WeightedAccumulator {
public:
    void add(double weight, double value);
    /// The estimate so far; maxPossibleWeight as for estimateMean, <= 0 = the largest weight seen.
    WeightedEstimate estimate(bool importance, double maxPossibleWeight = 0.0) const;
    std::size_t runs() const { return n_; }

private:
    std::size_t n_ = 0, hits_ = 0;
    double sumW_ = 0, sumW2_ = 0, sumY_ = 0, sumY2_ = 0, sumWHit_ = 0, sumW2Hit_ = 0, maxW_ = 0;
    bool binary_ = true;
    std::vector<double> terms_;  ///< w x of the runs with x > 0
};

/// The plain importance-sampling estimator sum(w x) / n (not self-normalised: the weights are
/// exact, so its mean is the true value; Owen 2013, ch. 9) and its diagnostics.
///
/// Interval: with at least 30 weighted hits, normal (estimate +- 1.96 SE); with fewer, the
/// Clopper-Pearson interval at the effective sample size n* = p(1-p)/SE^2 and x* = n* p (Korn &
/// Graubard 1998, for proportions from weighted samples with few positives); with no hit, [0, 3
/// wMax / n], the rule of three scaled by the largest weight a hit could have carried
/// (`maxPossibleWeight`, 1 for crude runs). Crude runs of a 0/1 quantity get the Wilson interval
/// (the rule of three with no hit), as the crude sweep summary always had.
WeightedEstimate estimateMean(const std::vector<WeightedValue>& runs, bool importance, double maxPossibleWeight);

/// The three estimates the batch runner reports for a set of runs of one scenario (one sweep
/// point, or `estimate`'s runs), with the same names everywhere (docs/batch.md, "Rare events").
struct RareEventEstimates {
    WeightedEstimate personStruck;     ///< P(a person is struck): `p_strike`
    WeightedEstimate deathsPerMillion; ///< expected fatal strikes per million stops: `deaths_per_million`
    WeightedEstimate unitStruck;       ///< P(a parked unit is struck by traffic): `p_unit_struck`
};

/// The three accumulated one run at a time (a summary streams runs.csv).
class RareEventAccumulator {
public:
    /// One run: its weight (1 for crude runs), whether a person and a unit were struck, and the
    /// expected number of people killed (runs.csv's p_fatal).
    void add(double weight, bool personStruck, double expectedDeaths, bool unitStruck);
    /// maxPossibleWeight as for estimateMean (1 for crude runs).
    RareEventEstimates estimates(bool importance, double maxPossibleWeight) const;

private:
    WeightedAccumulator person_, deaths_, unit_;
};

/// Every field of the three, flat, in the order summary.csv, summary.json and `estimate` write them
/// (`estimator`, then estimateFields for p_strike, deaths_per_million, p_unit_struck), and
/// `warnings`, the plain-words warnings of the three.
nlohmann::ordered_json rareEventFields(const RareEventEstimates& e);
std::vector<std::string> warningsOf(const RareEventEstimates& e);

/// Pareto k-hat (Zhang & Stephens 2009, with the weakly informative prior of Vehtari et al.'s
/// PSIS) of the largest M = min(n/5, 3 sqrt n) of the positive values; NaN for fewer than 10.
double paretoShape(std::vector<double> values);

/// Clopper-Pearson interval for x successes out of n, for real (effective) x and n.
Estimate clopperPearson(double x, double n, double z = kZ95);

/// Regularized incomplete beta function I_x(a, b) and its inverse in x.
double regularizedBeta(double x, double a, double b);
double inverseRegularizedBeta(double p, double a, double b);

/// Relative risk between two estimates from the same replicates (common random numbers): the
/// ratio of the means of w x, with a delta-method interval on the log ratio that uses the
/// paired covariance of the two columns (Stuart & Ord, ratio of correlated means).
struct WeightedRatio {
    bool defined = false;
    double estimate = 0.0, lo = 0.0, hi = 0.0;
};
WeightedRatio pairedRatio(const std::vector<WeightedValue>& point, const std::vector<WeightedValue>& baseline);

/// The same, from sums added one pair (same replicate) at a time.
class PairedAccumulator {
public:
    void add(double pointTerm, double baselineTerm);  ///< w x at the point and at its baseline
    WeightedRatio ratio() const;

private:
    std::size_t n_ = 0;
    double sa_ = 0, sb_ = 0, saa_ = 0, sbb_ = 0, sab_ = 0;
};

}  // namespace batch
