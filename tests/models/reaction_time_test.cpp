// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sample_stats.hpp"
#include "sim/models/reaction_time.hpp"

using namespace sim;
using namespace sim::models;
using sim::test::lognormalPdf;
using sim::test::normalCdf;
using sim::test::normalPdf;

namespace {
std::vector<double> draw(PrtProfile profile, std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<double> x(n);
    for (double& v : x) v = samplePrt(profile, rng);
    return x;
}
constexpr std::size_t kDraws = 400000;
}  // namespace

TEST_CASE("Standard normal quantile matches tabulated values to 1e-9", "[models]") {
    // Reference values of Phi^-1 (Abramowitz & Stegun Table 26.5 / any statistics table, more
    // digits from the exact inverse).
    CHECK(standardNormalQuantile(0.5) == Approx(0.0).margin(1e-12));
    CHECK(standardNormalQuantile(0.75) == Approx(0.6744897501960817).margin(1e-9));
    CHECK(standardNormalQuantile(0.9) == Approx(1.2815515655446004).margin(1e-9));
    CHECK(standardNormalQuantile(0.95) == Approx(1.6448536269514722).margin(1e-9));
    CHECK(standardNormalQuantile(0.975) == Approx(1.959963984540054).margin(1e-9));
    CHECK(standardNormalQuantile(0.99) == Approx(2.3263478740408408).margin(1e-9));
    CHECK(standardNormalQuantile(0.025) == Approx(-1.959963984540054).margin(1e-9));
    CHECK(standardNormalQuantile(1e-10) == Approx(-6.361340902404056).margin(1e-9));
    CHECK(std::isinf(standardNormalQuantile(0.0)));
    CHECK(std::isinf(standardNormalQuantile(1.0)));
}

TEST_CASE("Standard normal quantile inverts the normal CDF across the range", "[models]") {
    // Phi(Phi^-1(q)) = q, with Phi from std::erfc: relative 1e-12 in the lower tail, absolute
    // 1e-15 in the upper (where q itself is near 1).
    for (double q = 1e-300; q < 0.5; q *= 7.0) {
        INFO("q " << q);
        CHECK(normalCdf(standardNormalQuantile(q)) == Approx(q).epsilon(1e-12));
    }
    for (double q = 0.01; q < 1.0; q += 0.01) {
        INFO("q " << q);
        CHECK(normalCdf(standardNormalQuantile(q)) == Approx(q).margin(1e-15));
        CHECK(standardNormalQuantile(1.0 - q) == Approx(-standardNormalQuantile(q)).margin(1e-12));
    }
}

TEST_CASE("Surprise PRT lognormal percentiles (calibration §1: P50 0.90 ... P99 2.43 s) within 0.01 s",
          "[models][validation]") {
    // calibration §1 [D]: the Johansson & Rumar fit gives P50 0.90, P75 1.20, P85 1.40, P90 1.55,
    // P95 1.82, P99 2.43 s. The reference quotes two decimals; we allow one unit in the last
    // place because its P90 computes to 1.556 s (0.9 exp(0.427 x 1.2816)) yet is written 1.55.
    const Lognormal d = surprisePrt();
    CHECK(d.median == Approx(0.90));
    CHECK(std::log(d.median) == Approx(-0.105).margin(0.0005));  // mu = -0.105
    CHECK(d.sigma == Approx(0.427));
    CHECK(lognormalQuantile(d, 0.50) == Approx(0.90).margin(0.01));
    CHECK(lognormalQuantile(d, 0.75) == Approx(1.20).margin(0.01));
    CHECK(lognormalQuantile(d, 0.85) == Approx(1.40).margin(0.01));
    CHECK(lognormalQuantile(d, 0.90) == Approx(1.55).margin(0.01));
    CHECK(lognormalQuantile(d, 0.95) == Approx(1.82).margin(0.01));
    CHECK(lognormalQuantile(d, 0.99) == Approx(2.43).margin(0.01));
    // "The AASHTO 2.5 s sits at about the 99th percentile": between P99 and P99.5.
    CHECK(lognormalQuantile(d, 0.99) < 2.5);
    CHECK(lognormalQuantile(d, 0.995) > 2.5);
    CHECK(lognormalQuantile(d, 0.0) == 0.0);
    CHECK(std::isinf(lognormalQuantile(d, 1.0)));
}

TEST_CASE("Surprise PRT sampler: median 0.90 s and P75 1.20 s (Johansson & Rumar, calibration §11.3)",
          "[models][validation]") {
    // 400k draws. Tolerance = the reference's rounding (0.005 s) + 4 standard errors of the sample
    // quantile, sqrt(q(1-q)/n) / f(x_q) with f the lognormal density.
    const auto x = draw(PrtProfile::Surprise, kDraws, 11);
    const double seMedian = sim::test::quantileStandardError(0.5, lognormalPdf(0.90, 0.90, 0.427), kDraws);
    const double seP75 = sim::test::quantileStandardError(0.75, lognormalPdf(1.20, 0.90, 0.427), kDraws);
    CHECK(sim::test::quantile(x, 0.50) == Approx(0.90).margin(0.005 + 4.0 * seMedian));
    CHECK(sim::test::quantile(x, 0.75) == Approx(1.20).margin(0.005 + 4.0 * seP75));
    // Mean of the fit: 0.9 exp(0.427^2 / 2) = 0.99 s (calibration §1 [D]).
    const auto m = sim::test::moments(x);
    CHECK(m.mean == Approx(0.99).margin(0.005 + 4.0 * m.sd / std::sqrt(double(kDraws))));
}

TEST_CASE("Brake-lamp PRT sampler: mean 1.25 s, SD 0.46 s (fast-rise brake lamp study, calibration §11.3)",
          "[models][validation]") {
    const auto x = draw(PrtProfile::BrakeLamp, kDraws, 12);
    const auto m = sim::test::moments(x);
    const double n = double(kDraws);
    for (const double v : x) REQUIRE(v >= 0.3);

    // 1) The sampler is exactly the published normal N(1.25, 0.46) truncated below at 0.3 s:
    //    analytic truncated-normal moments with alpha = (0.3 - 1.25) / 0.46 and
    //    lambda = phi(alpha) / (1 - Phi(alpha)): mean mu + s lambda, variance
    //    s^2 (1 + alpha lambda - lambda^2). Tolerance 4 standard errors.
    const double alpha = (0.3 - 1.25) / 0.46;
    const double lambda = normalPdf(alpha) / (1.0 - normalCdf(alpha));
    const double truncMean = 1.25 + 0.46 * lambda;
    const double truncSd = 0.46 * std::sqrt(1.0 + alpha * lambda - lambda * lambda);
    CHECK(m.mean == Approx(truncMean).margin(4.0 * truncSd / std::sqrt(n)));
    CHECK(m.sd == Approx(truncSd).margin(4.0 * truncSd / std::sqrt(2.0 * n)));

    // 2) Against the published figures themselves. The truncation (1.9 % of draws redrawn) is a
    //    deliberate bias of +0.022 s on the mean and -0.024 s on the SD; the gap is stated here
    //    rather than hidden: the published values are met to within that bias plus sampling error.
    CHECK(truncMean - 1.25 == Approx(0.022).margin(0.001));
    CHECK(truncSd - 0.46 == Approx(-0.024).margin(0.001));
    const double seMean = 4.0 * truncSd / std::sqrt(n);
    const double seSd = 4.0 * truncSd / std::sqrt(2.0 * n);
    CHECK(m.mean == Approx(1.25).margin(std::abs(truncMean - 1.25) + seMean));
    CHECK(m.sd == Approx(0.46).margin(std::abs(truncSd - 0.46) + seSd));
}

TEST_CASE("Alerted PRT sampler: median 0.70 s, in Green's 0.70-0.75 s for fully expected events",
          "[models][validation]") {
    const auto x = draw(PrtProfile::Alerted, kDraws, 13);
    const double se = sim::test::quantileStandardError(0.5, lognormalPdf(0.70, 0.70, 0.40), kDraws);
    CHECK(sim::test::quantile(x, 0.5) == Approx(0.70).margin(4.0 * se));
    // ln-space sd 0.40, inside calibration §1's suggested 0.35-0.45.
    std::vector<double> logs;
    logs.reserve(x.size());
    for (const double v : x) logs.push_back(std::log(v));
    const auto m = sim::test::moments(logs);
    CHECK(m.sd == Approx(0.40).margin(4.0 * 0.40 / std::sqrt(2.0 * double(kDraws))));
}

TEST_CASE("Green 2000 expectation ordering of the PRT profiles (calibration §1/§11.3)", "[models][validation]") {
    // Green (2000): fully expected ~0.70-0.75 s < unexpected-common (brake lamps) ~1.25 s <
    // surprise ~1.5 s. What the profiles give, and so what this test checks:
    //   - Alerted is the fastest by median and by mean (0.70 / 0.76 s);
    //   - BrakeLamp sits at Green's unexpected-common value (mean within 0.03 s of 1.25 s);
    //   - Alerted < BrakeLamp and Alerted < Surprise.
    // It does NOT check BrakeLamp < Surprise: the Surprise profile is Johansson & Rumar's urgent
    // surprise (median 0.90 s, mean 0.99 s), which Summala (2000) explains (urgency shortens PRT:
    // 1.0-1.3 s mean for unalerted drivers at TTC ~4 s). It is faster than BrakeLamp's 1.25 s;
    // Green's 1.5 s is a slow-driver figure of it (checked below: between its P75 and P95).
    const auto alerted = sim::test::moments(draw(PrtProfile::Alerted, kDraws, 21));
    const auto brake = sim::test::moments(draw(PrtProfile::BrakeLamp, kDraws, 22));
    const auto surprise = sim::test::moments(draw(PrtProfile::Surprise, kDraws, 23));
    CHECK(alerted.mean < brake.mean);
    CHECK(alerted.mean < surprise.mean);
    CHECK(lognormalQuantile({0.70, 0.40}, 0.5) < lognormalQuantile(surprisePrt(), 0.5));
    CHECK(alerted.mean == Approx(0.70 * std::exp(0.08)).margin(0.005));  // lognormal mean, 0.758 s
    CHECK(brake.mean == Approx(1.25).margin(0.03));
    CHECK(lognormalQuantile(surprisePrt(), 0.75) < 1.5);
    CHECK(lognormalQuantile(surprisePrt(), 0.95) > 1.5);
}

TEST_CASE("samplePrt is reproducible from the seed", "[models]") {
    CHECK(draw(PrtProfile::BrakeLamp, 1000, 5) == draw(PrtProfile::BrakeLamp, 1000, 5));
    CHECK(draw(PrtProfile::Surprise, 1000, 5) != draw(PrtProfile::Surprise, 1000, 6));
}
