// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sample_stats.hpp"
#include "sim/models/headway.hpp"
#include "sim/units.hpp"

using namespace sim;
using namespace sim::models;

namespace {
constexpr std::size_t kDraws = 400000;

std::vector<double> draw(HeadwayModel model, double flow, double tau, double sigma, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<double> h(kDraws);
    for (double& x : h) x = sampleHeadway(model, flow, tau, sigma, rng);
    return h;
}
}  // namespace

TEST_CASE("Shifted exponential headways: mean 1/flow, minimum tau, CV (1/flow - tau) flow (references.md#traffic-stream)",
          "[models]") {
    // 1200 veh/h, tau 0.75 s: mean 3.0 s, random part exponential with mean and sd 2.25 s, so
    // CV = 2.25 / 3.0 = 0.75. Tolerances: 4 standard errors (mean: sd/sqrt(n); sd of an
    // exponential sample: sd sqrt((kurtosis - 1) / 4n) with kurtosis 9).
    const double flow = 1200.0 * units::kPerHour;
    const double tau = 0.75;
    const auto h = draw(HeadwayModel::ShiftedExponential, flow, tau, 0.0, 1);
    const auto m = sim::test::moments(h);
    const double n = double(kDraws);
    CHECK(*std::min_element(h.begin(), h.end()) >= tau);
    CHECK(m.mean == Approx(1.0 / flow).margin(4.0 * 2.25 / std::sqrt(n)));
    CHECK(m.sd == Approx(1.0 / flow - tau).margin(4.0 * 2.25 * std::sqrt(8.0 / (4.0 * n))));
    CHECK(m.sd / m.mean == Approx((1.0 / flow - tau) * flow).margin(0.01));
    // The minimum of 400k draws is within a few ms of tau (P(h < tau + 0.01) = 1 - e^(-0.01/2.25)).
    CHECK(*std::min_element(h.begin(), h.end()) < tau + 0.01);
}

TEST_CASE("Shifted lognormal headways: mean 1/flow, minimum tau, ln(h - tau) has sd sigma (references.md#traffic-stream)",
          "[models]") {
    const double flow = 1500.0 * units::kPerHour;  // mean 2.4 s
    const double tau = 0.26;                        // Missouri S&T steady car-following shift [C]
    const double sigma = 0.5;
    const auto h = draw(HeadwayModel::Lognormal, flow, tau, sigma, 2);
    const double n = double(kDraws);
    CHECK(*std::min_element(h.begin(), h.end()) >= tau);
    // The random part is LN(m, sigma) with m exp(sigma^2/2) = 1/flow - tau: sd of the lognormal is
    // its mean sqrt(exp(sigma^2) - 1).
    const double randomMean = 1.0 / flow - tau;
    const double randomSd = randomMean * std::sqrt(std::exp(sigma * sigma) - 1.0);
    const auto m = sim::test::moments(h);
    CHECK(m.mean == Approx(1.0 / flow).margin(4.0 * randomSd / std::sqrt(n)));
    std::vector<double> logs;
    logs.reserve(h.size());
    for (const double x : h) logs.push_back(std::log(x - tau));
    const auto lm = sim::test::moments(logs);
    CHECK(lm.sd == Approx(sigma).margin(4.0 * sigma / std::sqrt(2.0 * n)));
    CHECK(lm.mean == Approx(std::log(randomMean) - 0.5 * sigma * sigma).margin(4.0 * sigma / std::sqrt(n)));
}

TEST_CASE("Headway shift is clamped when the flow leaves no room for it", "[models]") {
    // 1/flow must exceed tau. At 7200 veh/h (0.5 s mean) a 0.75 s shift is impossible: it is
    // clamped to 0.9/flow = 0.45 s, and the mean is still exactly 1/flow.
    const double flow = 2.0;
    CHECK(effectiveMinHeadway(flow, 0.75) == Approx(0.45));
    CHECK(effectiveMinHeadway(1200.0 * units::kPerHour, 0.75) == Approx(0.75));
    CHECK(effectiveMinHeadway(1200.0 * units::kPerHour, -1.0) == 0.0);
    for (const HeadwayModel model : {HeadwayModel::ShiftedExponential, HeadwayModel::Lognormal}) {
        const auto h = draw(model, flow, 0.75, 0.5, 3);
        const auto m = sim::test::moments(h);
        CHECK(*std::min_element(h.begin(), h.end()) >= 0.45);
        CHECK(m.mean == Approx(0.5).margin(4.0 * m.sd / std::sqrt(double(kDraws))));
    }
}

TEST_CASE("Headways at zero flow never arrive, meanHeadway is 1/flow", "[models]") {
    Rng rng(4);
    CHECK(std::isinf(sampleHeadway(HeadwayModel::ShiftedExponential, 0.0, 0.75, 0.5, rng)));
    CHECK(std::isinf(sampleHeadway(HeadwayModel::Lognormal, -1.0, 0.75, 0.5, rng)));
    CHECK(meanHeadway(0.5) == Approx(2.0));
    CHECK(std::isinf(meanHeadway(0.0)));
}
