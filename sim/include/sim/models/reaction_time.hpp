// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/rng.hpp"
#include "sim/scenario.hpp"

/// Perception-reaction time (PRT) profiles and their sampler (calibration §1).
namespace sim::models {

/// Published PRT profiles, by how expected the event is (Green 2000's ordering).
enum class PrtProfile {
    Alerted,     ///< lognormal, median 0.70 s, sigma 0.40
    BrakeLamp,   ///< normal, mean 1.25 s, sd 0.46 s (fast-rise brake lamp study), truncated at 0.3 s
    Surprise,    ///< lognormal, median 0.90 s, sigma 0.427 (Johansson & Rumar fit)
};

/// One draw of the PRT (s) for a profile.
double samplePrt(PrtProfile profile, Rng& rng);

/// The lognormal used for the surprise profile (what Drivers::prt defaults to).
Lognormal surprisePrt();

/// Quantile q (0..1) of a lognormal.
double lognormalQuantile(const Lognormal& d, double q);

}  // namespace sim::models
