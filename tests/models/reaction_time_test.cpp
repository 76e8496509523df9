// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sample_stats.hpp"
#include "sim/models/reaction_time.hpp"

using namespace sim;
using namespace sim::models;
using sim::test::normalCdf;

namespace {
std::vector<double> draw(PrtProfile profile, std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<double> x(n);
    for (double& v : x) v = samplePrt(profile, rng);
    return x;
}
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

TEST_CASE("samplePrt is reproducible from the seed", "[models]") {
    CHECK(draw(PrtProfile::BrakeLamp, 1000, 5) == draw(PrtProfile::BrakeLamp, 1000, 5));
    CHECK(draw(PrtProfile::Surprise, 1000, 5) != draw(PrtProfile::Surprise, 1000, 6));
}
