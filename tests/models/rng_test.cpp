// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "sample_stats.hpp"
#include "sim/rng.hpp"

using namespace sim;

namespace {
constexpr std::size_t kDraws = 1000000;
}

TEST_CASE("SplitMix64 reproduces Vigna's reference outputs for state 0", "[models]") {
    // splitmix64.c (Steele, Lea & Flood 2014; Vigna's reference): from state 0 the first outputs are
    // mix(0 + g), mix(2g), mix(3g) with g = 0x9E3779B97F4A7C15; our splitmix64(x) is mix(x + g).
    static_assert(splitmix64(0) == 0xE220A8397B1DCDAFull);
    static_assert(splitmix64(0x9E3779B97F4A7C15ull) == 0x6E789E6AA1B965F4ull);
    static_assert(splitmix64(2 * 0x9E3779B97F4A7C15ull) == 0x06C45D188009454Full);
    SUCCEED();
}

TEST_CASE("Rng is PCG32 one-sequence: reference outputs of pcg32s seeded with 42", "[models]") {
    // pcg-c test-high/expected/check-pcg32s.out (O'Neill): pcg32s_srandom_r(&rng, 42u) then six
    // pcg32s_random_r draws. pcg32s = 64-bit LCG, default increment 1442695040888963407, XSH-RR
    // output, seeding "state = 0; step; state += seed; step" -- exactly Rng(42).
    Rng rng(42);
    const std::uint32_t expected[] = {0xc2f57bd6u, 0x6b07c4a9u, 0x72b7b29bu, 0x44215383u, 0xf5af5eadu, 0x68beb632u};
    for (const std::uint32_t e : expected) CHECK(rng.next() == e);
    // Round 2 of the same reference file starts after the 6 values above and 65 + 33 + 51 bounded
    // draws (with rejections), so it is not reproduced here.
}

TEST_CASE("Rng uniform: in 0..1, mean 1/2, variance 1/12", "[models]") {
    // Tolerances 4 standard errors: mean sqrt(1/12/n); variance sqrt((1/80 - 1/144)/n).
    Rng rng(1);
    std::vector<double> x(kDraws);
    for (double& v : x) {
        v = rng.uniform();
        REQUIRE(v >= 0.0);
        REQUIRE(v < 1.0);
    }
    const auto m = sim::test::moments(x);
    const double n = double(kDraws);
    CHECK(m.mean == Approx(0.5).margin(4.0 * std::sqrt(1.0 / 12.0 / n)));
    CHECK(m.sd * m.sd == Approx(1.0 / 12.0).margin(4.0 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n)));
    // uniformPositive is in (0, 1].
    for (int i = 0; i < 100000; ++i) {
        const double u = rng.uniformPositive();
        REQUIRE(u > 0.0);
        REQUIRE(u <= 1.0);
    }
    // Equal-width bins: chi-square with 9 degrees of freedom below its 99.9 % point, 27.88.
    int bins[10] = {};
    for (const double v : x) ++bins[static_cast<int>(v * 10.0)];
    double chi2 = 0.0;
    for (const int b : bins) chi2 += (b - n / 10.0) * (b - n / 10.0) / (n / 10.0);
    CHECK(chi2 < 27.88);
}

TEST_CASE("Rng normal: mean 0, sd 1, skewness 0, kurtosis 3", "[models]") {
    // 4 standard errors: mean 1/sqrt(n), sd 1/sqrt(2n), skewness sqrt(6/n), kurtosis sqrt(24/n).
    Rng rng(2);
    std::vector<double> x(kDraws);
    for (double& v : x) v = rng.standardNormal();
    const auto m = sim::test::moments(x);
    const double n = double(kDraws);
    CHECK(m.mean == Approx(0.0).margin(4.0 / std::sqrt(n)));
    CHECK(m.sd == Approx(1.0).margin(4.0 / std::sqrt(2.0 * n)));
    CHECK(m.skewness == Approx(0.0).margin(4.0 * std::sqrt(6.0 / n)));
    CHECK(m.kurtosis == Approx(3.0).margin(4.0 * std::sqrt(24.0 / n)));
    // Tail frequency: P(|z| > 1.959964) = 0.05, binomial sd sqrt(0.05 x 0.95 / n).
    std::size_t tail = 0;
    for (const double v : x) tail += std::abs(v) > 1.959963984540054 ? 1 : 0;
    CHECK(double(tail) / n == Approx(0.05).margin(4.0 * std::sqrt(0.05 * 0.95 / n)));
    // normal(mean, sd) is the affine map.
    Rng a(3), b(3);
    for (int i = 0; i < 10; ++i) CHECK(a.normal(5.0, 2.0) == Approx(5.0 + 2.0 * b.standardNormal()));
}

TEST_CASE("Rng normal: the ziggurat's layers, wedges and tail give the normal distribution", "[models]") {
    // Chi-square over 50 equiprobable bins of Phi(z) (every layer and wedge of the ziggurat maps
    // into them), below the 99.9 % point of chi-square with 49 degrees of freedom, 85.35.
    constexpr int kBins = 50;
    constexpr std::size_t n = 4 * kDraws;
    Rng rng(6);
    std::vector<std::size_t> bins(kBins, 0);
    std::size_t beyondEdge = 0, beyond4 = 0;
    double lagSum = 0.0, previous = rng.standardNormal();
    for (std::size_t i = 0; i < n; ++i) {
        const double z = rng.standardNormal();
        const double phi = 0.5 * std::erfc(-z / std::sqrt(2.0));
        ++bins[std::min(kBins - 1, static_cast<int>(phi * kBins))];
        beyondEdge += std::abs(z) > 3.442619855899 ? 1 : 0;  // the base layer's tail, drawn apart
        beyond4 += std::abs(z) > 4.0 ? 1 : 0;
        lagSum += z * previous;
        previous = z;
    }
    double chi2 = 0.0;
    const double expected = double(n) / kBins;
    for (const std::size_t b : bins) chi2 += (double(b) - expected) * (double(b) - expected) / expected;
    CHECK(chi2 < 85.35);
    // The tail: P(|z| > 3.442619855899) = 5.7611e-4 and P(|z| > 4) = 6.3342e-5, within 4 binomial SEs.
    const auto tailCheck = [&](std::size_t count, double p) {
        CHECK(double(count) / double(n) == Approx(p).margin(4.0 * std::sqrt(p * (1.0 - p) / double(n))));
    };
    tailCheck(beyondEdge, 5.7611e-4);
    tailCheck(beyond4, 6.3342e-5);
    // Successive draws are uncorrelated (the layer's bits are not the uniform's): lag-1
    // correlation within 4 / sqrt(n).
    CHECK(std::abs(lagSum / double(n)) < 4.0 / std::sqrt(double(n)));
}

TEST_CASE("Rng exponential: mean 1/rate, lognormalMedian: median and ln-sd", "[models]") {
    const double n = double(kDraws);
    Rng rng(4);
    std::vector<double> e(kDraws);
    for (double& v : e) {
        v = rng.exponential(2.0);
        REQUIRE(v >= 0.0);
    }
    const auto me = sim::test::moments(e);
    CHECK(me.mean == Approx(0.5).margin(4.0 * 0.5 / std::sqrt(n)));
    CHECK(me.sd == Approx(0.5).margin(4.0 * 0.5 * std::sqrt(8.0 / (4.0 * n))));

    std::vector<double> l(kDraws);
    for (double& v : l) v = rng.lognormalMedian(0.9, 0.427);
    const double se = sim::test::quantileStandardError(0.5, sim::test::lognormalPdf(0.9, 0.9, 0.427), kDraws);
    CHECK(sim::test::quantile(l, 0.5) == Approx(0.9).margin(4.0 * se));
    for (double& v : l) v = std::log(v);
    CHECK(sim::test::moments(l).sd == Approx(0.427).margin(4.0 * 0.427 / std::sqrt(2.0 * n)));
}

TEST_CASE("Rng bernoulli frequency", "[models]") {
    Rng rng(5);
    std::size_t hits = 0;
    for (std::size_t i = 0; i < kDraws; ++i) hits += rng.bernoulli(0.3) ? 1 : 0;
    const double n = double(kDraws);
    CHECK(double(hits) / n == Approx(0.3).margin(4.0 * std::sqrt(0.3 * 0.7 / n)));
}

TEST_CASE("streamSeed: independent streams per purpose and index, reproducible per run", "[models]") {
    const std::uint64_t run = runSeed(20240601, 7);
    // Different purposes and indices give different seeds and different first draws.
    std::set<std::uint32_t> firsts;
    std::set<std::uint64_t> seeds;
    const Stream purposes[] = {Stream::Arrivals, Stream::InitialTraffic, Stream::DriverTraits,
                               Stream::Attention, Stream::People, Stream::Scene};
    for (const Stream p : purposes) {
        for (std::uint64_t index = 0; index < 50; ++index) {
            const std::uint64_t s = streamSeed(run, p, index);
            seeds.insert(s);
            Rng rng(s);
            firsts.insert(rng.next());
        }
    }
    CHECK(seeds.size() == 300);
    CHECK(firsts.size() == 300);  // 300 draws from 2^32: a collision has probability ~1e-5
    // Same inputs, same seed; different runs, different seeds.
    CHECK(streamSeed(run, Stream::Arrivals, 1) == streamSeed(run, Stream::Arrivals, 1));
    CHECK(streamSeed(run, Stream::Arrivals, 1) != streamSeed(runSeed(20240601, 8), Stream::Arrivals, 1));
    CHECK(runSeed(1, 0) != runSeed(1, 1));
    CHECK(runSeed(1, 0) != runSeed(2, 0));

    // Two neighbouring streams are uncorrelated: |r| < 4 / sqrt(n) over 1e5 paired uniforms.
    Rng a(streamSeed(run, Stream::Arrivals, 0));
    Rng b(streamSeed(run, Stream::Arrivals, 1));
    Rng c(streamSeed(run, Stream::Attention, 0));
    const int n = 100000;
    double sab = 0.0, sac = 0.0;
    for (int i = 0; i < n; ++i) {
        const double ua = a.uniform() - 0.5;
        sab += ua * (b.uniform() - 0.5);
        sac += ua * (c.uniform() - 0.5);
    }
    const double r = 12.0 / n;  // correlation = cov / var, var of a uniform = 1/12
    CHECK(std::abs(sab * r) < 4.0 / std::sqrt(double(n)));
    CHECK(std::abs(sac * r) < 4.0 / std::sqrt(double(n)));
}

TEST_CASE("Rng regression pin: first uniform and normal of Rng(1) (a pin, not a published figure)", "[models]") {
    // REGRESSION PIN, not a published figure: recorded from this implementation so that a change
    // in the generator or in a distribution's draw order (which would change every recorded run)
    // fails loudly. The published-reference check is the pcg32s test above.
    Rng a(1), b(1);
    for (int i = 0; i < 100; ++i) REQUIRE(a.next() == b.next());
    Rng rng(1);
    const double u = rng.uniform();
    const double z = rng.standardNormal();
    // Recorded with an independent Python transcription of the generator and of the ziggurat's
    // layers (which also reproduces the pcg32s reference above); the layers' edges come from
    // exp and log, so the normal may differ in the last bits between libm versions.
    CHECK(u == 0.32893642348813135);
    CHECK(z == Approx(-0.8440528644570707).epsilon(1e-14));
}
