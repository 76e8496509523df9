// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/rng.hpp"
#include "sim/scenario.hpp"

/// Perception-reaction time (PRT) profiles and their sampler (references.md#reaction-time).
///
/// Green (2000) orders PRT by expectation: fully expected 0.70-0.75 s < unexpected but common (a
/// lead car's brake lamps) 1.25 s < surprise 1.5 s. Summala (2000) adds that urgency shortens it:
/// unalerted drivers in urgent situations brake after 1.0-1.3 s on average. Note that our
/// Surprise profile is Johansson & Rumar's *urgent* surprise (median 0.90 s), which is faster than
/// the BrakeLamp profile (mean 1.25 s); only Alerted is faster than both. Green's 1.5 s lies at
/// about the 88th percentile of the Surprise profile.
namespace sim::models {

/// Published PRT profiles, by how expected the event is.
enum class PrtProfile {
    Alerted,     ///< lognormal, median 0.70 s, sigma 0.40 (references.md#reaction-time [D]; Green 2000)
    BrakeLamp,   ///< normal, mean 1.25 s, sd 0.46 s (fast-rise brake lamp study), redrawn below 0.3 s:
                 ///< the draws have mean 1.272 s and sd 0.436 s
    Surprise,    ///< lognormal, median 0.90 s, sigma 0.427 (Johansson & Rumar fit, references.md#reaction-time [D])
};

/// One draw of the PRT (s) for a profile. Consumes a variable number of draws from rng.
double samplePrt(PrtProfile profile, Rng& rng);

/// The lognormal used for the surprise profile (what Drivers::prt defaults to): {0.90, 0.427}.
Lognormal surprisePrt();

/// Quantile q (0..1) of a lognormal: median exp(sigma Phi^-1(q)). q <= 0 gives 0, q >= 1 +inf.
double lognormalQuantile(const Lognormal& d, double q);

/// Inverse of the standard normal CDF, Phi^-1(q): Acklam's rational approximation refined by one
/// Halley step, absolute error below 1e-12 for q in [1e-300, 1 - 1e-16]. q <= 0 gives -inf,
/// q >= 1 +inf. (Added for lognormalQuantile; useful wherever a normal quantile is needed.)
double standardNormalQuantile(double q);

}  // namespace sim::models
