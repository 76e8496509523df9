// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/rng.hpp"
#include "sim/scenario.hpp"

/// The rare ingredients of a strike — eyes-off-road episodes, how long they last, how fast the
/// car drifts meanwhile — drawn in exactly one place each, with their densities known.
///
/// Importance sampling (DESIGN "rare events") draws them from a tilted proposal instead and
/// weights the run by the likelihood ratio p/q. With the identity tilt (the default) every draw
/// is the nominal one and the log weight stays 0.
namespace sim {

class AttentionSampler {
public:
    AttentionSampler(const Attention& nominal, const AttentionTilt& tilt);

    /// A unit-rate exponential "hazard budget": the next episode starts once the integrated
    /// episode rate reaches it. Drawing budgets rather than gaps keeps the draws aligned when the
    /// rate changes mid-way (drowsiness, the scene capturing attention), which is what keeps
    /// common random numbers common between tactics.
    double drawHazardBudget(Rng& rng) const { return rng.exponential(1.0); }

    /// Proposal episode rate (1/s) for a nominal rate.
    double proposalRate(double nominalRate) const { return nominalRate * tilt_.episodeRateFactor; }

    /// Eyes-off duration (s) for a driver whose durations are scaled by `factor`.
    /// Adds ln p(x) - ln q(x) to logWeight.
    double drawEpisodeDuration(Rng& rng, double factor, double& logWeight) const;

    /// Lateral drift speed (m/s, positive), adding its log likelihood ratio to logWeight.
    double drawDriftSpeed(Rng& rng, double& logWeight) const;

    /// Log likelihood ratio of a driver's whole episode-arrival path: `episodes` episodes over an
    /// integrated nominal rate `nominalHazard` (the integral of the nominal rate over time):
    /// sum ln(p/q) = -n ln f + (f - 1) * integral(rate).
    double arrivalLogWeight(int episodes, double nominalHazard) const;

private:
    Attention nominal_;
    AttentionTilt tilt_;
};

}  // namespace sim
