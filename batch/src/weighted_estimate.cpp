// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/weighted_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace batch {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Continued fraction of the incomplete beta function (modified Lentz; Press et al., Numerical
/// Recipes, 3rd ed., §6.4).
double betaContinuedFraction(double x, double a, double b) {
    constexpr double kTiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 500; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + aa * d;
        if (std::fabs(d) < kTiny) d = kTiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < 1e-15) break;
    }
    return h;
}

std::string percent(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", x);
    return buffer;
}

}  // namespace

double regularizedBeta(double x, double a, double b) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double logFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    if (x < (a + 1.0) / (a + b + 2.0)) return std::exp(logFront) * betaContinuedFraction(x, a, b) / a;
    return 1.0 - std::exp(logFront) * betaContinuedFraction(1.0 - x, b, a) / b;
}

double inverseRegularizedBeta(double p, double a, double b) {
    // Bisection in log x, so that quantiles near 1e-7 keep their relative precision.
    double lo = -745.0, hi = 0.0;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (regularizedBeta(std::exp(mid), a, b) < p) lo = mid;
        else hi = mid;
    }
    return std::exp(0.5 * (lo + hi));
}

Estimate clopperPearson(double x, double n, double z) {
    const double alpha = 2.0 * (1.0 - 0.5 * std::erfc(-z / std::sqrt(2.0)));  // two-sided level
    Estimate e{n > 0.0 ? x / n : 0.0, 0.0, 1.0, "clopper-pearson"};
    if (x > 0.0) e.lo = inverseRegularizedBeta(alpha / 2.0, x, n - x + 1.0);
    if (x < n) e.hi = inverseRegularizedBeta(1.0 - alpha / 2.0, x + 1.0, n - x);
    return e;
}

double paretoShape(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !(v > 0.0); }), values.end());
    const std::size_t s = values.size();
    if (s < 10) return kNaN;
    std::sort(values.begin(), values.end());
    const double size = static_cast<double>(s);
    const auto tail = static_cast<std::size_t>(std::max(5.0, std::floor(std::min(0.2 * size, 3.0 * std::sqrt(size)))));
    const double threshold = values[s - tail - 1];
    std::vector<double> x;
    for (std::size_t i = s - tail; i < s; ++i) x.push_back(values[i] - threshold);
    // Zhang & Stephens (2009), Technometrics 51:316, as in the loo package's gpdfit: a grid of
    // theta = -k/sigma values weighted by the profile likelihood.
    const std::size_t n = x.size();
    if (x.back() <= 0.0) return kNaN;
    const double prior = 3.0;
    const std::size_t m = 30 + static_cast<std::size_t>(std::sqrt(static_cast<double>(n)));
    const double xStar = std::max(x[static_cast<std::size_t>(std::floor(static_cast<double>(n) / 4.0 + 0.5)) - 1], 1e-300);
    std::vector<double> theta(m), logLik(m);
    for (std::size_t j = 0; j < m; ++j) {
        theta[j] = 1.0 / x.back() + (1.0 - std::sqrt(static_cast<double>(m) / (static_cast<double>(j) + 0.5))) / prior / xStar;
        double k = 0.0;
        for (const double xi : x) k += std::log1p(-theta[j] * xi);
        k /= static_cast<double>(n);
        logLik[j] = static_cast<double>(n) * (std::log(-theta[j] / k) - k - 1.0);
    }
    const double top = *std::max_element(logLik.begin(), logLik.end());
    double norm = 0.0, thetaHat = 0.0;
    for (std::size_t j = 0; j < m; ++j) norm += std::exp(logLik[j] - top);
    for (std::size_t j = 0; j < m; ++j) thetaHat += theta[j] * std::exp(logLik[j] - top) / norm;
    double k = 0.0;
    for (const double xi : x) k += std::log1p(-thetaHat * xi);
    k /= static_cast<double>(n);
    // Weakly informative prior toward 0.5 (Vehtari et al., PSIS, loo's adjust_k_wip).
    return (k * static_cast<double>(n) + 0.5 * 10.0) / (static_cast<double>(n) + 10.0);
}

void WeightedAccumulator::add(double weight, double value) {
    const double y = weight * value;
    ++n_;
    sumW_ += weight;
    sumW2_ += weight * weight;
    sumY_ += y;
    sumY2_ += y * y;
    maxW_ = std::max(maxW_, weight);
    binary_ = binary_ && (value == 0.0 || value == 1.0);
    if (value > 0.0) {
        ++hits_;
        sumWHit_ += weight;
        sumW2Hit_ += weight * weight;
        terms_.push_back(y);
    }
}

WeightedEstimate WeightedAccumulator::estimate(bool importance, double maxPossibleWeight) const {
    WeightedEstimate e;
    e.estimator = importance ? "importance" : "crude";
    e.runs = n_;
    e.hits = hits_;
    if (n_ == 0) {
        e.relError = kInf;
        e.interval = "none";
        return e;
    }
    const double n = static_cast<double>(n_);
    e.estimate = sumY_ / n;
    const double varY = n > 1 ? std::max(0.0, (sumY2_ - n * e.estimate * e.estimate) / (n - 1.0)) : 0.0;
    e.standardError = std::sqrt(varY / n);
    e.meanWeight = sumW_ / n;
    const double varW = n > 1 ? std::max(0.0, (sumW2_ - n * e.meanWeight * e.meanWeight) / (n - 1.0)) : 0.0;
    e.meanWeightSe = std::sqrt(varW / n);
    e.ess = sumW2_ > 0 ? sumW_ * sumW_ / sumW2_ : 0.0;
    e.essHits = sumW2Hit_ > 0 ? sumWHit_ * sumWHit_ / sumW2Hit_ : 0.0;
    e.maxWeightShare = sumY_ > 0 ? *std::max_element(terms_.begin(), terms_.end()) / sumY_ : 0.0;
    e.paretoK = paretoShape(terms_);
    const double p = e.estimate;
    const double wMax = maxPossibleWeight > 0.0 ? maxPossibleWeight : std::max(maxW_, 1.0);
    if (!importance && binary_) {
        const Estimate w = strikeProbability(hits_, n_);
        e.lo = w.lo;
        e.hi = w.hi;
        e.interval = std::string(w.method);
    } else if (e.hits == 0) {
        e.lo = 0.0;
        e.hi = std::min(1.0, 3.0 * wMax / n);
        e.interval = "rule-of-three";
    } else if (e.essHits >= kMinWeightedHits || !(e.standardError > 0.0)) {
        e.lo = std::max(0.0, p - kZ95 * e.standardError);
        e.hi = p + kZ95 * e.standardError;
        e.interval = "normal";
    } else {
        // The effective n: the n that gives this SE to a binomial proportion (the SE has the
        // sample variance's n - 1, hence the n / (n - 1)).
        const double nStar = p * (1.0 - p) / (e.standardError * e.standardError) * n / (n - 1.0);
        const Estimate cp = clopperPearson(nStar * p, nStar);
        e.lo = cp.lo;
        e.hi = cp.hi;
        e.interval = "clopper-pearson-effective-n";
    }
    e.relError = p > 0 ? (e.hi - e.lo) / (2.0 * p) : kInf;
    e.speedup = varY > 0 ? p * (1.0 - p) / varY : (p > 0 ? kInf : 1.0);

    if (importance) {
        if (e.paretoK > kParetoKLimit)
            e.warnings.push_back("Pareto k-hat " + percent(e.paretoK) + " > 0.7: the weights of the hits are heavy-tailed, the interval is not reliable");
        if (e.hits > 0 && e.essHits < kMinWeightedHits)
            e.warnings.push_back("only " + percent(e.essHits) + " weighted hits (< 30): the interval is approximate");
        if (e.meanWeightSe > 0 && std::fabs(e.meanWeight - 1.0) > kMeanWeightSigmas * e.meanWeightSe)
            e.warnings.push_back("mean weight " + percent(e.meanWeight) + " is more than 3 standard errors from 1: the proposal misses part of the model");
    } else if (e.hits > 0 && e.hits < 30) {
        e.warnings.push_back("only " + std::to_string(e.hits) + " hits (< 30): the interval is approximate");
    }
    return e;
}

WeightedEstimate estimateMean(const std::vector<WeightedValue>& runs, bool importance, double maxPossibleWeight) {
    WeightedAccumulator a;
    for (const WeightedValue& r : runs) a.add(r.weight, r.value);
    return a.estimate(importance, maxPossibleWeight);
}

nlohmann::ordered_json estimateFields(const WeightedEstimate& e, const std::string& name, const std::string& diagnosticsPrefix) {
    const auto number = [](double x) { return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(); };
    nlohmann::ordered_json j;
    j[name] = number(e.estimate);
    j[name + "_lo"] = number(e.lo);
    j[name + "_hi"] = number(e.hi);
    j[name + "_interval"] = e.interval;
    j[name + "_rel_error"] = number(e.relError);
    const std::string& p = diagnosticsPrefix;
    j[p + "runs"] = e.runs;
    j[p + "hits"] = e.hits;
    j[p + "ess"] = number(e.ess);
    j[p + "ess_hits"] = number(e.essHits);
    j[p + "max_weight_share"] = number(e.maxWeightShare);
    j[p + "pareto_k"] = number(e.paretoK);
    j[p + "mean_weight"] = number(e.meanWeight);
    j[p + "mean_weight_se"] = number(e.meanWeightSe);
    j[p + "speedup"] = number(e.speedup);
    return j;
}

void RareEventAccumulator::add(double weight, bool personStruck, double expectedDeaths, bool unitStruck) {
    person_.add(weight, personStruck ? 1.0 : 0.0);
    deaths_.add(weight, expectedDeaths);
    unit_.add(weight, unitStruck ? 1.0 : 0.0);
}

RareEventEstimates RareEventAccumulator::estimates(bool importance, double maxPossibleWeight) const {
    RareEventEstimates e{person_.estimate(importance, maxPossibleWeight), deaths_.estimate(importance, maxPossibleWeight),
                         unit_.estimate(importance, maxPossibleWeight)};
    // Deaths per million stops: the mean of the expected deaths per run, in other units.
    for (double* x : {&e.deathsPerMillion.estimate, &e.deathsPerMillion.lo, &e.deathsPerMillion.hi, &e.deathsPerMillion.standardError})
        *x *= 1e6;
    return e;
}

nlohmann::ordered_json rareEventFields(const RareEventEstimates& e) {
    nlohmann::ordered_json j;
    j["estimator"] = e.personStruck.estimator;
    j.update(estimateFields(e.personStruck, "p_strike", ""));
    j.update(estimateFields(e.deathsPerMillion, "deaths_per_million", "deaths_per_million_"));
    j.update(estimateFields(e.unitStruck, "p_unit_struck", "p_unit_struck_"));
    return j;
}

std::vector<std::string> warningsOf(const RareEventEstimates& e) {
    std::vector<std::string> out;
    const std::pair<const WeightedEstimate*, const char*> named[] = {
        {&e.personStruck, "P(strike)"}, {&e.deathsPerMillion, "deaths per million"}, {&e.unitStruck, "P(unit struck)"}};
    for (const auto& [estimate, name] : named)
        for (const std::string& w : estimate->warnings) out.push_back(std::string(name) + ": " + w);
    return out;
}

void PairedAccumulator::add(double a, double b) {
    ++n_;
    sa_ += a;
    sb_ += b;
    saa_ += a * a;
    sbb_ += b * b;
    sab_ += a * b;
}

WeightedRatio PairedAccumulator::ratio() const {
    WeightedRatio r;
    if (n_ < 2) return r;
    const double m = static_cast<double>(n_);
    const double ma = sa_ / m, mb = sb_ / m;
    if (ma == 0.0 && mb == 0.0) return r;
    r.defined = true;
    const double va = (saa_ - m * ma * ma) / (m - 1.0), vb = (sbb_ - m * mb * mb) / (m - 1.0);
    const double cov = (sab_ - m * ma * mb) / (m - 1.0);
    if (ma == 0.0 || mb == 0.0) {
        // One side without hits: the bound the data inform, from the other side's interval and
        // the rule of three on the empty side (one-sided, as for the unweighted paired ratio).
        const double seA = std::sqrt(std::max(va, 0.0) / m), seB = std::sqrt(std::max(vb, 0.0) / m);
        if (ma == 0.0) {
            r.estimate = 0.0;
            r.hi = mb - kZ95 * seB > 0 ? (3.0 / m) / (mb - kZ95 * seB) : kInf;
        } else {
            r.estimate = kInf;
            r.lo = ma - kZ95 * seA > 0 ? (ma - kZ95 * seA) / (3.0 / m) : 0.0;
            r.hi = kInf;
        }
        return r;
    }
    r.estimate = ma / mb;
    const double varLog = std::max(0.0, va / (ma * ma) + vb / (mb * mb) - 2.0 * cov / (ma * mb)) / m;
    r.lo = r.estimate * std::exp(-kZ95 * std::sqrt(varLog));
    r.hi = r.estimate * std::exp(kZ95 * std::sqrt(varLog));
    return r;
}

WeightedRatio pairedRatio(const std::vector<WeightedValue>& point, const std::vector<WeightedValue>& baseline) {
    PairedAccumulator a;
    for (std::size_t i = 0; i < std::min(point.size(), baseline.size()); ++i)
        a.add(point[i].weight * point[i].value, baseline[i].weight * baseline[i].value);
    return a.ratio();
}

}  // namespace batch
