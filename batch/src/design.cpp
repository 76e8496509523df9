// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/design.hpp"

#include <array>
#include <bit>
#include <stdexcept>
#include <utility>

#include "sim/rng.hpp"

namespace batch {
namespace {

/// One row of Joe & Kuo's new-joe-kuo-6.21201 table: degree s, coefficients a, initial m_1..m_s.
struct Primitive {
    unsigned s;
    unsigned a;
    std::array<std::uint32_t, 8> m;
};

// Dimensions 2..21 (dimension 1 is the van der Corput sequence, all m = 1).
constexpr std::array<Primitive, kSobolMaxDimensions - 1> kJoeKuo = {{
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
}};

constexpr unsigned kBits = 32;

std::array<std::uint32_t, kBits> directions(std::size_t dimension) {
    std::array<std::uint32_t, kBits> v{};
    if (dimension == 0) {
        for (unsigned k = 0; k < kBits; ++k) v[k] = 1u << (kBits - 1 - k);
        return v;
    }
    const Primitive& p = kJoeKuo[dimension - 1];
    for (unsigned k = 0; k < p.s; ++k) v[k] = p.m[k] << (kBits - 1 - k);
    for (unsigned k = p.s; k < kBits; ++k) {
        v[k] = v[k - p.s] ^ (v[k - p.s] >> p.s);
        for (unsigned l = 1; l < p.s; ++l)
            if ((p.a >> (p.s - 1 - l)) & 1u) v[k] ^= v[k - l];
    }
    return v;
}

}  // namespace

std::vector<std::vector<double>> sobolPoints(std::size_t n, std::size_t d, std::optional<std::uint64_t> shift) {
    if (d < 1 || d > kSobolMaxDimensions) throw std::invalid_argument("sobolPoints: dimension out of range");
    std::vector<std::vector<double>> points(n, std::vector<double>(d));
    sim::Rng rng(shift.value_or(0));
    for (std::size_t j = 0; j < d; ++j) {
        const std::array<std::uint32_t, kBits> v = directions(j);
        const std::uint32_t mask = shift ? rng.next() : 0u;
        std::uint32_t x = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0) {
                // Gray code: flip the direction of the lowest zero bit of i - 1.
                const auto c = static_cast<unsigned>(std::countr_one(static_cast<std::uint64_t>(i - 1)));
                if (c >= kBits) throw std::invalid_argument("sobolPoints: more than 2^32 points");
                x ^= v[c];
            }
            points[i][j] = static_cast<double>(x ^ mask) * 0x1p-32;
        }
    }
    return points;
}

std::vector<std::vector<double>> latinHypercube(std::size_t n, std::size_t d, std::uint64_t seed) {
    std::vector<std::vector<double>> points(n, std::vector<double>(d));
    sim::Rng rng(sim::splitmix64(seed ^ 0x4C48535F44455349ull));  // "LHS_DESI": its own stream
    std::vector<std::size_t> strata(n);
    for (std::size_t j = 0; j < d; ++j) {
        for (std::size_t i = 0; i < n; ++i) strata[i] = i;
        for (std::size_t i = n; i > 1; --i) {  // Fisher–Yates
            auto k = static_cast<std::size_t>(rng.uniform() * static_cast<double>(i));
            if (k >= i) k = i - 1;
            std::swap(strata[i - 1], strata[k]);
        }
        for (std::size_t i = 0; i < n; ++i)
            points[i][j] = (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(n);
    }
    return points;
}

}  // namespace batch
