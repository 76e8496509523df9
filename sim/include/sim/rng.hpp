// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>

/// Random numbers for one run. No global engine, no std:: distributions (their output differs
/// between standard libraries): every draw is defined here, so a run is reproducible bit for bit.
namespace sim {

/// SplitMix64 finaliser: a bijective 64-bit mixer (Steele, Lea & Flood 2014).
constexpr std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// The purposes that get their own independent random stream. Separate streams mean that moving
/// a patrol car (which changes how many attention draws a driver makes near it, say) cannot change
/// which vehicles arrive when: the batch runner's common random numbers rest on this.
enum class Stream : std::uint64_t {
    Arrivals = 1,        ///< headways, one stream per lane (index = lane)
    InitialTraffic = 2,  ///< the vehicles already on the road at t = 0 (index = lane)
    DriverTraits = 3,    ///< class, desired speed, IDM/MOBIL traits, PRT, compliance (index = vehicle)
    Attention = 4,       ///< eyes-off-road episodes and drift (index = vehicle)
    People = 5,          ///< dwell-time and walking variation (index = person)
    Scene = 6,           ///< anything else about the scene (index = 0)
    Proposal = 7,        ///< importance sampling's own choices: which window is tilted, its onset (index = 0)
};

/// Seed of stream (purpose, index) of the run with this seed. Independent of thread or schedule.
constexpr std::uint64_t streamSeed(std::uint64_t runSeed, Stream purpose, std::uint64_t index) {
    return splitmix64(splitmix64(runSeed) ^ splitmix64((static_cast<std::uint64_t>(purpose) << 40) ^ index));
}

/// Seed of run `runIndex` of a sweep with root seed `rootSeed`.
constexpr std::uint64_t runSeed(std::uint64_t rootSeed, std::uint64_t runIndex) {
    return splitmix64(rootSeed ^ splitmix64(runIndex));
}

namespace detail {
/// The ziggurat's 128 layers of equal area under exp(-x^2/2): x[i] is the right edge of layer
/// i (x[0] = V / f(R) for the base with its tail, x[128] = 0), ratio[i] = x[i+1] / x[i].
struct ZigguratLayers {
    double x[129];
    double ratio[128];
};
extern const ZigguratLayers kZigguratLayers;
}  // namespace detail

/// PCG32 (O'Neill 2014, XSH-RR output, 64-bit LCG state). 8 bytes of state plus a stream constant.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 0x853C49E6748FEA9Bull) : state_(0) {
        next();
        state_ += seed;
        next();
    }

    /// Uniform 32-bit integer.
    std::uint32_t next() {
        const std::uint64_t old = state_;
        state_ = old * 6364136223846793005ull + kIncrement;
        const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
        const auto rot = static_cast<std::uint32_t>(old >> 59u);
        return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
    }

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() {
        const std::uint64_t hi = next() >> 5;  // 27 bits
        const std::uint64_t lo = next() >> 6;  // 26 bits
        return static_cast<double>((hi << 26) | lo) * (1.0 / 9007199254740992.0);
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    double uniformPositive() { return 1.0 - uniform(); }

    /// True with probability p.
    bool bernoulli(double p) { return uniform() < p; }

    /// Standard normal: the ziggurat method with 128 layers, in Doornik's form (ZIGNOR: Doornik
    /// 2005, "An improved ziggurat method to generate normal random samples"; Marsaglia & Tsang
    /// 2000), whose layer index comes from bits the uniform does not use, so the two are
    /// independent. 98.8 % of draws take the inline path below, two 32-bit draws and a table
    /// look-up with no logarithm: every driver draws one a step (the lane-keeping wander).
    double standardNormal() {
        const ZigguratDraw d = zigguratDraw();
        if (inLayerCore(d)) return d.u * detail::kZigguratLayers.x[d.layer];
        return standardNormalEdge(d);
    }

    double normal(double mean, double sd) { return mean + sd * standardNormal(); }

    /// Exponential with the given rate (1/s); mean 1/rate.
    double exponential(double rate);

    /// Lognormal: exp(N(mu, sigma)) with mu = ln(median).
    double lognormalMedian(double median, double sigma);

private:
    struct ZigguratDraw {
        double u;        ///< uniform in (-1, 1): where across the layer, and on which side
        unsigned layer;  ///< 0..127
    };
    /// 53 bits make the uniform; the 11 bits uniform() would drop pick the layer.
    ZigguratDraw zigguratDraw() {
        const std::uint32_t a = next(), b = next();
        const double u = static_cast<double>((std::uint64_t{a >> 5} << 26) | (b >> 6)) * (2.0 / 9007199254740992.0) - 1.0;
        return {u, (a & 0x1Fu) | ((b & 0x3u) << 5)};
    }
    /// Inside the layer's rectangle under the layer above: the value is u x[layer] as it is.
    static bool inLayerCore(const ZigguratDraw& d) {
        const double r = detail::kZigguratLayers.ratio[d.layer];
        return d.u < r && -d.u < r;
    }
    /// The ziggurat's slow path: the base layer's tail and the layers' wedges (1.2 % of draws).
    double standardNormalEdge(ZigguratDraw d);

    static constexpr std::uint64_t kIncrement = 1442695040888963407ull;
    std::uint64_t state_;
};

}  // namespace sim
