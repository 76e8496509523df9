// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

/// Space-filling designs for sampled sweep axes: points in the unit cube [0, 1)^d, one row per
/// sample, one column per sampled axis. Pure functions of their arguments (no clock, no globals).
namespace batch {

/// Dimensions the Sobol generator has direction numbers for (Joe & Kuo 2008, new-joe-kuo-6.21201,
/// dimensions 1–21).
inline constexpr std::size_t kSobolMaxDimensions = 21;

/// The first n points of the d-dimensional Sobol sequence in Gray-code order, as Joe & Kuo's
/// reference generator and scipy.stats.qmc.Sobol(scramble=False) produce them: the first point
/// is the origin; the first 2^m points form a (t, m, d)-net in base 2. With `shift`, every
/// coordinate's 32-bit integer is XORed with a random word drawn from that seed (a random
/// digital shift, which keeps the net property; Owen 2003). d in 1..kSobolMaxDimensions.
std::vector<std::vector<double>> sobolPoints(std::size_t n, std::size_t d, std::optional<std::uint64_t> shift = std::nullopt);

/// A Latin hypercube of n points in d dimensions (McKay, Beckman & Conover 1979): in every
/// dimension each of the n strata [k/n, (k+1)/n) holds exactly one point, placed uniformly
/// inside it; strata are paired across dimensions by independent random permutations.
std::vector<std::vector<double>> latinHypercube(std::size_t n, std::size_t d, std::uint64_t seed);

}  // namespace batch
