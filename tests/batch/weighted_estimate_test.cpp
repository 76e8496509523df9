// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The statistics of the rare-event estimator (batch/weighted_estimate.hpp), checked against
// published values and against what the test computes independently: binomial tails summed term by
// term, samples drawn from known distributions with sim::Rng (deterministic), coverage counted over
// many replicates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "batch/weighted_estimate.hpp"
#include "sim/rng.hpp"

using batch::WeightedValue;

namespace {

/// P(X = j) for X ~ Binomial(n, p), from log-gamma (independent of the incomplete beta function).
double binomialTerm(int n, int j, double p) {
    if (p <= 0.0) return j == 0 ? 1.0 : 0.0;
    if (p >= 1.0) return j == n ? 1.0 : 0.0;
    return std::exp(std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) + j * std::log(p) +
                    (n - j) * std::log1p(-p));
}

/// P(X >= k) and P(X <= k), summed term by term.
double upperTail(int n, int k, double p) {
    double s = 0.0;
    for (int j = k; j <= n; ++j) s += binomialTerm(n, j, p);
    return s;
}
double lowerTail(int n, int k, double p) {
    double s = 0.0;
    for (int j = 0; j <= k; ++j) s += binomialTerm(n, j, p);
    return s;
}

/// n runs with weight 1 and value 1 for the first `hits`, 0 for the rest (crude Monte Carlo).
std::vector<WeightedValue> crudeRuns(std::size_t hits, std::size_t n) {
    std::vector<WeightedValue> runs(n, WeightedValue{1.0, 0.0});
    for (std::size_t i = 0; i < hits; ++i) runs[i].value = 1.0;
    return runs;
}

/// A draw from the generalized Pareto distribution with shape k and scale 1, by inversion.
double generalizedPareto(sim::Rng& rng, double k) { return (std::pow(rng.uniformPositive(), -k) - 1.0) / k; }

bool hasWarning(const batch::WeightedEstimate& e, const std::string& text) {
    return std::any_of(e.warnings.begin(), e.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The incomplete beta function and Clopper-Pearson
// ---------------------------------------------------------------------------------------------

TEST_CASE("regularizedBeta: closed forms and the binomial tail identity", "[batch][rare-events]") {
    // I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_1/2(a, a) = 1/2.
    for (const double x : {1e-6, 0.01, 0.3, 0.5, 0.77, 0.999}) {
        INFO("x = " << x);
        CHECK(batch::regularizedBeta(x, 1.0, 1.0) == Approx(x).epsilon(1e-12));
        CHECK(batch::regularizedBeta(x, 3.5, 1.0) == Approx(std::pow(x, 3.5)).epsilon(1e-10));
        CHECK(batch::regularizedBeta(x, 1.0, 7.0) == Approx(1.0 - std::pow(1.0 - x, 7.0)).epsilon(1e-10));
    }
    for (const double a : {0.5, 2.0, 17.0, 250.0}) CHECK(batch::regularizedBeta(0.5, a, a) == Approx(0.5).epsilon(1e-10));
    CHECK(batch::regularizedBeta(0.0, 2.0, 3.0) == 0.0);
    CHECK(batch::regularizedBeta(1.0, 2.0, 3.0) == 1.0);
    // P(X >= k) = I_p(k, n - k + 1) for X ~ Binomial(n, p), on both branches of the continued
    // fraction (x below and above (a + 1) / (a + b + 2)).
    struct Case { int n, k; double p; };
    for (const Case c : {Case{10, 1, 0.05}, Case{10, 3, 0.5}, Case{100, 3, 0.01}, Case{100, 3, 0.2}, Case{1000, 12, 0.008},
                         Case{1000, 990, 0.995}, Case{40, 20, 0.5}}) {
        INFO("n = " << c.n << ", k = " << c.k << ", p = " << c.p);
        CHECK(batch::regularizedBeta(c.p, c.k, c.n - c.k + 1.0) == Approx(upperTail(c.n, c.k, c.p)).epsilon(1e-9));
    }
}

TEST_CASE("inverseRegularizedBeta inverts regularizedBeta, down to quantiles near 1e-7", "[batch][rare-events]") {
    for (const double p : {1e-9, 0.025, 0.5, 0.975}) {
        for (const auto& [a, b] : {std::pair{1.0, 20000.0}, std::pair{3.0, 98.0}, std::pair{0.7, 0.7}, std::pair{50.0, 5.0}}) {
            INFO("p = " << p << ", a = " << a << ", b = " << b);
            const double x = batch::inverseRegularizedBeta(p, a, b);
            CHECK(batch::regularizedBeta(x, a, b) == Approx(p).epsilon(1e-9));
        }
    }
}

TEST_CASE("Clopper-Pearson matches Newcombe (1998) Table II, method 5 (exact)", "[batch][rare-events][validation]") {
    // Newcombe RG, Stat Med 17:857-872 (1998), Table II, method 5, to the table's 4 decimals.
    struct Case { double x, n, lo, hi; };
    for (const Case c : {Case{81, 263, 0.2527, 0.3676}, Case{15, 148, 0.0578, 0.1617}, Case{0, 20, 0.0000, 0.1684},
                         Case{1, 29, 0.0009, 0.1776}}) {
        INFO(c.x << "/" << c.n);
        const batch::Estimate e = batch::clopperPearson(c.x, c.n);
        CHECK(e.estimate == Approx(c.x / c.n));
        CHECK(e.lo == Approx(c.lo).margin(0.00005));
        CHECK(e.hi == Approx(c.hi).margin(0.00005));
    }
}

TEST_CASE("Clopper-Pearson bounds are where the binomial tails, summed term by term, reach 2.5 %", "[batch][rare-events]") {
    // The definition: P(X >= x | lo) = 0.025 and P(X <= x | hi) = 0.025.
    struct Case { int x, n; };
    for (const Case c : {Case{3, 100}, Case{5, 1000}, Case{1, 20000}, Case{29, 30}, Case{12, 40}}) {
        INFO(c.x << "/" << c.n);
        const batch::Estimate e = batch::clopperPearson(c.x, c.n);
        CHECK(upperTail(c.n, c.x, e.lo) == Approx(0.025).epsilon(1e-7));
        CHECK(lowerTail(c.n, c.x, e.hi) == Approx(0.025).epsilon(1e-7));
    }
    // 0/10 and 10/10 have closed forms: 1 - 0.025^(1/10) = 0.30850 and its mirror.
    const batch::Estimate none = batch::clopperPearson(0, 10);
    CHECK(none.lo == 0.0);
    CHECK(none.hi == Approx(1.0 - std::pow(0.025, 0.1)).epsilon(1e-10));
    CHECK(none.hi == Approx(0.3085).margin(0.00005));
    const batch::Estimate all = batch::clopperPearson(10, 10);
    CHECK(all.lo == Approx(std::pow(0.025, 0.1)).epsilon(1e-10));
    CHECK(all.hi == 1.0);
    // Effective (real) counts: between the neighbouring integer counts, as the beta quantiles are monotone.
    const batch::Estimate real = batch::clopperPearson(3.4, 100.0);
    CHECK(real.lo > batch::clopperPearson(3, 100).lo);
    CHECK(real.lo < batch::clopperPearson(4, 100).lo);
    CHECK(real.hi > batch::clopperPearson(3, 100).hi);
    CHECK(real.hi < batch::clopperPearson(4, 100).hi);
}

// ---------------------------------------------------------------------------------------------
// estimateMean
// ---------------------------------------------------------------------------------------------

TEST_CASE("estimateMean on crude 0/1 data: the proportion and its Wilson interval", "[batch][rare-events]") {
    const std::size_t hits = 45, n = 3000;
    const batch::WeightedEstimate e = batch::estimateMean(crudeRuns(hits, n), false, 1.0);
    const double p = 45.0 / 3000.0;
    CHECK(e.estimator == "crude");
    CHECK(e.estimate == Approx(p).epsilon(1e-12));
    CHECK(e.hits == hits);
    CHECK(e.runs == n);
    // The sample SD of 0/1 data with the n - 1 divisor, over sqrt n.
    const double se = std::sqrt(p * (1.0 - p) / (n - 1.0));
    CHECK(e.standardError == Approx(se).epsilon(1e-9));
    // Crude 0/1 runs keep the interval the sweep summary always gave them (docs/batch.md).
    const batch::Estimate wilson = batch::wilsonInterval(hits, n);
    CHECK(e.interval == "wilson");
    CHECK(e.lo == Approx(wilson.lo).epsilon(1e-12));
    CHECK(e.hi == Approx(wilson.hi).epsilon(1e-12));
    CHECK(e.relError == Approx((wilson.hi - wilson.lo) / (2.0 * p)).epsilon(1e-9));
    // Unit weights: ESS = n, weighted hits = hits, mean weight exactly 1, no speed-up.
    CHECK(e.ess == Approx(3000.0));
    CHECK(e.essHits == Approx(45.0));
    CHECK(e.meanWeight == 1.0);
    CHECK(e.meanWeightSe == 0.0);
    CHECK(e.speedup == Approx((n - 1.0) / n).epsilon(1e-9));
    CHECK(e.maxWeightShare == Approx(1.0 / 45.0));
    CHECK(e.warnings.empty());
}

TEST_CASE("estimateMean with no hit: zero and the rule of three scaled by the largest possible weight", "[batch][rare-events]") {
    const batch::WeightedEstimate crude = batch::estimateMean(crudeRuns(0, 600), false, 1.0);
    CHECK(crude.estimate == 0.0);
    CHECK(crude.lo == 0.0);
    CHECK(crude.hi == Approx(3.0 / 600.0));
    CHECK(crude.interval == "rule-of-three");
    CHECK(std::isinf(crude.relError));
    CHECK(std::isnan(crude.paretoK));
    // A hit under importance sampling could have carried a weight up to 1 / defensive share.
    const batch::WeightedEstimate is = batch::estimateMean(crudeRuns(0, 600), true, 5.0);
    CHECK(is.hi == Approx(15.0 / 600.0));
    CHECK(batch::estimateMean(crudeRuns(0, 2), false, 1.0).hi == 1.0);  // capped at 1
    const batch::WeightedEstimate none = batch::estimateMean({}, true, 1.0);
    CHECK(none.runs == 0);
    CHECK(none.interval == "none");
}

TEST_CASE("Korn-Graubard with unit weights is exactly Clopper-Pearson", "[batch][rare-events]") {
    // The weighted small-count interval, given unit weights, must be the exact binomial one: the
    // effective n is the n whose binomial SE is the estimate's (SE^2 uses the n - 1 sample
    // variance, which the effective n undoes). (At first it was taken as n - 1: found by this
    // test, with bounds up to 3.2/n wider.)
    struct Case { std::size_t x, n; };
    for (const Case c : {Case{1, 200}, Case{3, 100}, Case{5, 1000}, Case{29, 20000}}) {
        INFO(c.x << "/" << c.n);
        const batch::WeightedEstimate e = batch::estimateMean(crudeRuns(c.x, c.n), true, 1.0);
        const batch::Estimate cp = batch::clopperPearson(static_cast<double>(c.x), static_cast<double>(c.n));
        CHECK(e.interval == "clopper-pearson-effective-n");
        CHECK(e.estimate == Approx(cp.estimate).epsilon(1e-12));
        CHECK(e.lo == Approx(cp.lo).epsilon(1e-9));
        CHECK(e.hi == Approx(cp.hi).epsilon(1e-9));
        CHECK(hasWarning(e, "weighted hits (< 30)"));
    }
}

TEST_CASE("estimateMean under importance sampling: the plain mean of w x, Kish ESS, and an honest interval", "[batch][rare-events]") {
    // A Bernoulli(p) event sampled from a proposal with q = 0.1: a hit carries p/q, a miss (1-p)/(1-q).
    const double p = 0.01, q = 0.1;
    sim::Rng rng(2024);
    std::vector<WeightedValue> runs;
    double sumW = 0, sumW2 = 0;
    const int n = 4000;
    for (int i = 0; i < n; ++i) {
        const bool hit = rng.uniform() < q;
        const double w = hit ? p / q : (1.0 - p) / (1.0 - q);
        runs.push_back({w, hit ? 1.0 : 0.0});
        sumW += w;
        sumW2 += w * w;
    }
    const batch::WeightedEstimate e = batch::estimateMean(runs, true, 10.0);
    CHECK(e.estimator == "importance");
    CHECK(e.estimate == Approx(static_cast<double>(e.hits) * p / q / n).epsilon(1e-12));
    CHECK(e.ess == Approx(sumW * sumW / sumW2).epsilon(1e-12));
    CHECK(e.essHits == Approx(static_cast<double>(e.hits)).epsilon(1e-12));  // equal weights among hits
    CHECK(e.maxWeightShare == Approx(1.0 / static_cast<double>(e.hits)).epsilon(1e-12));
    // Var(w x) = p (p/q - p) per run against crude's p (1 - p): a speed-up of (1 - p) / (p/q - p) = 11.
    // Estimated from about 400 hits, the variance has a relative SE of about 5 %: 20 % is 4 of them.
    CHECK(e.speedup == Approx((1.0 - p) / (p / q - p)).epsilon(0.2));
}

TEST_CASE("the Korn-Graubard interval covers the truth at least 93 % of the time with few weighted hits", "[batch][rare-events]") {
    // 2000 replicates of 200 importance-sampled runs (p = 0.01, q = 0.1: about 20 weighted hits, so
    // the Clopper-Pearson-at-effective-n branch). Nominal 95 %; with 2000 replicates the count's SE
    // is 0.5 %, so an honest interval is above 93 % (4 SE below nominal); CP is conservative, so it
    // may be above 95 %, but not useless (below 99.5 %).
    const double p = 0.01, q = 0.1;
    sim::Rng rng(77);
    int covered = 0, kornGraubard = 0;
    const int replicates = 2000;
    for (int r = 0; r < replicates; ++r) {
        std::vector<WeightedValue> runs;
        for (int i = 0; i < 200; ++i) {
            const bool hit = rng.uniform() < q;
            runs.push_back({hit ? p / q : (1.0 - p) / (1.0 - q), hit ? 1.0 : 0.0});
        }
        const batch::WeightedEstimate e = batch::estimateMean(runs, true, 10.0);
        if (e.interval == "clopper-pearson-effective-n") ++kornGraubard;
        if (e.lo <= p && p <= e.hi) ++covered;
    }
    const double coverage = static_cast<double>(covered) / replicates;
    INFO("coverage " << coverage << ", Korn-Graubard intervals " << kornGraubard);
    CHECK(kornGraubard > replicates * 9 / 10);
    CHECK(coverage >= 0.93);
    CHECK(coverage <= 0.995);
}

// ---------------------------------------------------------------------------------------------
// Pareto k-hat
// ---------------------------------------------------------------------------------------------

TEST_CASE("paretoShape recovers k of generalized Pareto samples, k = 0.2 and 0.8", "[batch][rare-events]") {
    // 16 samples of 20000 draws each; the fit uses the largest M = 3 sqrt(20000) = 424, whose
    // exceedances are again generalized Pareto with the same k. The MLE's SE is (1 + k) / sqrt(M):
    // 0.058 at k = 0.2, 0.087 at k = 0.8, so the mean over 16 samples has an SE of 0.015 / 0.022.
    // The weakly informative prior pulls k-hat toward 0.5 by 10 / (M + 10) of the distance: 0.007
    // and 0.007. Tolerance 0.07: 3 SEs of the mean plus the prior's pull, rounded up.
    for (const double k : {0.2, 0.8}) {
        sim::Rng rng(k < 0.5 ? 11 : 12);
        double sum = 0.0;
        const int samples = 16;
        for (int s = 0; s < samples; ++s) {
            std::vector<double> x(20000);
            for (double& v : x) v = generalizedPareto(rng, k);
            const double kHat = batch::paretoShape(x);
            REQUIRE(std::isfinite(kHat));
            CHECK(std::fabs(kHat - k) < 0.4);  // each one within about 4.5 of its SEs
            sum += kHat;
        }
        INFO("k = " << k << ", mean k-hat " << sum / samples);
        CHECK(sum / samples == Approx(k).margin(0.07));
    }
}

TEST_CASE("paretoShape: light tails give a small k, fewer than 10 positive values give NaN", "[batch][rare-events]") {
    // An exponential tail is the k = 0 member of the family.
    sim::Rng rng(5);
    std::vector<double> x(20000);
    for (double& v : x) v = rng.exponential(1.0);
    CHECK(batch::paretoShape(x) < 0.2);
    // Zeros (runs without a hit) are not part of the tail.
    CHECK(std::isnan(batch::paretoShape({0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0})));
    CHECK(std::isfinite(batch::paretoShape({1, 2, 3, 4, 5, 6, 7, 8, 9, 10})));
}

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

TEST_CASE("the warnings fire when they should and not otherwise", "[batch][rare-events]") {
    // Well-behaved importance sampling: 60 hits of equal weight 0.1, the rest weighted so that the
    // mean weight is 1 within its SE: no warning.
    std::vector<WeightedValue> good;
    for (int i = 0; i < 600; ++i) good.push_back({i < 60 ? 0.1 : 0.99 / 0.9, i < 60 ? 1.0 : 0.0});
    const batch::WeightedEstimate fine = batch::estimateMean(good, true, 5.0);
    INFO("mean weight " << fine.meanWeight << " +- " << fine.meanWeightSe);
    CHECK(fine.warnings.empty());

    // Heavy-tailed weights among the hits: w from a generalized Pareto with k = 1.2, 10000 hits, so
    // k-hat's SE is (1 + k) / sqrt(300) = 0.13 and 0.7 is about 4 of them below k.
    sim::Rng rng(3);
    std::vector<WeightedValue> heavy;
    for (int i = 0; i < 40000; ++i) heavy.push_back({generalizedPareto(rng, 1.2), i % 4 == 0 ? 1.0 : 0.0});
    const batch::WeightedEstimate tail = batch::estimateMean(heavy, true, 1e6);
    INFO("Pareto k-hat " << tail.paretoK);
    CHECK(tail.paretoK > batch::kParetoKLimit);
    CHECK(hasWarning(tail, "Pareto k-hat"));

    // Few weighted hits: one hit dominating the others.
    std::vector<WeightedValue> few = crudeRuns(0, 1000);
    for (int i = 0; i < 40; ++i) few[static_cast<std::size_t>(i)] = {i == 0 ? 4.0 : 0.05, 1.0};
    const batch::WeightedEstimate lopsided = batch::estimateMean(few, true, 5.0);
    INFO("weighted hits " << lopsided.essHits);
    CHECK(lopsided.hits == 40);
    CHECK(lopsided.essHits < batch::kMinWeightedHits);
    CHECK(hasWarning(lopsided, "weighted hits"));
    CHECK(lopsided.interval == "clopper-pearson-effective-n");

    // A mean weight far from 1: weights 0.4 and 0.6, mean 0.5 with an SE of 0.004.
    std::vector<WeightedValue> low;
    for (int i = 0; i < 1000; ++i) low.push_back({i % 2 ? 0.4 : 0.6, i < 100 ? 1.0 : 0.0});
    CHECK(hasWarning(batch::estimateMean(low, true, 5.0), "mean weight"));
    // ... which the crude estimator never reports (its weights are 1 by construction).
    CHECK_FALSE(hasWarning(batch::estimateMean(low, false, 1.0), "mean weight"));

    // Crude Monte Carlo warns below 30 hits and not from 30 on.
    CHECK(hasWarning(batch::estimateMean(crudeRuns(29, 1000), false, 1.0), "only 29 hits"));
    CHECK(batch::estimateMean(crudeRuns(30, 1000), false, 1.0).warnings.empty());
}

// ---------------------------------------------------------------------------------------------
// pairedRatio
// ---------------------------------------------------------------------------------------------

TEST_CASE("pairedRatio: an exact ratio between paired columns has a zero-width interval", "[batch][rare-events]") {
    // Every run's point value is half its baseline value (same weight): the ratio is 1/2 in every
    // pair, the log ratio has no variance.
    sim::Rng rng(8);
    std::vector<WeightedValue> baseline, point;
    for (int i = 0; i < 500; ++i) {
        const double w = 0.2 + rng.uniform();
        const double x = rng.uniform() < 0.1 ? 1.0 : 0.0;
        baseline.push_back({w, x});
        point.push_back({w, 0.5 * x});
    }
    const batch::WeightedRatio r = batch::pairedRatio(point, baseline);
    REQUIRE(r.defined);
    CHECK(r.estimate == Approx(0.5).epsilon(1e-12));
    CHECK(r.lo == Approx(0.5).epsilon(1e-6));
    CHECK(r.hi == Approx(0.5).epsilon(1e-6));
}

TEST_CASE("pairedRatio: the 95 % interval covers a known ratio of correlated columns about 95 % of the time", "[batch][rare-events]") {
    // Common random numbers: the baseline is struck with probability 0.1; the point is struck
    // whenever the baseline is, and in 5 % of the other runs as well (the same uniform decides), so
    // P(point) = 0.1 + 0.9 x 0.05 = 0.145 and the ratio is 1.45. Weights vary (mean 1) and are the
    // same within a pair, as with a tilt shared by both points. 1000 replicates of 500 pairs: the
    // coverage count's SE is 0.7 %, so 95 % +- 3 %.
    const double truth = 1.45;
    sim::Rng rng(99);
    int covered = 0;
    const int replicates = 1000;
    for (int rep = 0; rep < replicates; ++rep) {
        std::vector<WeightedValue> baseline, point;
        for (int i = 0; i < 500; ++i) {
            const double u = rng.uniform();
            const double w = 0.5 + rng.uniform();
            baseline.push_back({w, u < 0.1 ? 1.0 : 0.0});
            point.push_back({w, u < 0.145 ? 1.0 : 0.0});
        }
        const batch::WeightedRatio r = batch::pairedRatio(point, baseline);
        if (r.defined && r.lo <= truth && truth <= r.hi) ++covered;
    }
    const double coverage = static_cast<double>(covered) / replicates;
    INFO("coverage " << coverage);
    CHECK(coverage >= 0.92);
    CHECK(coverage <= 0.98);
}

TEST_CASE("pairedRatio: one side without hits gives a one-sided bound, neither side gives none", "[batch][rare-events]") {
    const std::vector<WeightedValue> zero = crudeRuns(0, 400), some = crudeRuns(20, 400);
    CHECK_FALSE(batch::pairedRatio(zero, zero).defined);
    CHECK(batch::pairedRatio(some, some).defined);
    const batch::WeightedRatio low = batch::pairedRatio(zero, some);
    REQUIRE(low.defined);
    CHECK(low.estimate == 0.0);
    CHECK(low.lo == 0.0);
    CHECK(low.hi > 0.0);
    CHECK(std::isfinite(low.hi));
    const batch::WeightedRatio high = batch::pairedRatio(some, zero);
    REQUIRE(high.defined);
    CHECK(std::isinf(high.estimate));
    CHECK(std::isinf(high.hi));
    CHECK(high.lo > 1.0);
}
