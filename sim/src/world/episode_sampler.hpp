// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/rare_events.hpp"
#include "sim/rng.hpp"
#include "sim/scenario.hpp"

/// The rare ingredients of a strike, each drawn in exactly one place with its density known: the
/// hazard budget that decides when the next episode starts, and the episode's marks (a lapse or
/// an ordinary eyes-off episode, its direction, drift speed and duration).
///
/// A tilted window draws the marks from the EpisodeTilt proposal instead of the nominal model,
/// with the same random numbers in the same order (so a tilted and an untilted run stay as alike
/// as they can); logRatio() gives ln q/p for any marks, tilted or not.
namespace sim::detail {

struct EpisodeMarks {
    bool lapse = false;            ///< the driver stops responding: no correction, no braking
    bool towardShoulder = false;
    double driftSpeed = 0.0;       ///< m/s, unsigned
    double duration = 0.0;         ///< s, eyes off the road (or asleep)
    bool wakesAtRumbleStrip = false;  ///< a lapse that a rumble strip ends
};

/// What the nominal distribution of the marks depends on, for one driver at one onset.
struct EpisodeContext {
    double lapseProbability = 0.0;  ///< P(lapse | an episode starts now): lapse rate / total rate
    double durationFactor = 1.0;    ///< the driver's factor on ordinary durations
};

class EpisodeSampler {
public:
    EpisodeSampler(const Attention& nominal, const EpisodeTilt& tilt);

    /// A unit-rate exponential "hazard budget": the next episode starts once the integrated
    /// episode rate reaches it. Drawing budgets rather than gaps keeps the draws aligned when the
    /// rate changes mid-way (drowsiness, the scene holding attention), which keeps common random
    /// numbers common between tactics, and makes the remaining budget at any moment a fresh
    /// Exp(1) draw (memorylessness), which is what a tilted window redraws.
    static double drawHazardBudget(Rng& rng) { return rng.exponential(1.0); }

    /// The marks of an episode starting now, from the nominal model or (tilted) the proposal.
    EpisodeMarks draw(Rng& rng, const EpisodeContext& c, bool tilted) const;
    /// ln q(m) - ln p(m) of the marks m: the proposal's density over the nominal one.
    double logRatio(const EpisodeMarks& m, const EpisodeContext& c) const;

    /// ln(x / nominal median) of the marks' drift speed and duration (the tuning's statistics).
    double driftLogDeviation(const EpisodeMarks& m) const;
    double durationLogDeviation(const EpisodeMarks& m, const EpisodeContext& c) const;

    /// The onset proposal: u = R / H in [0, 1] from the tilt's bins (one uniform draw).
    double drawOnsetFraction(Rng& rng) const;
    /// ln h(R) - ln p(R) of a remaining budget R under the onset proposal for window hazard H,
    /// where p(R) = e^-R and h(R) = g(R / H) / H; -infinity where h is 0 (R > H).
    double onsetLogRatio(double remaining, double windowHazard) const;

private:
    /// P(lapse) under the proposal: the tilt's share, or the nominal one if the tilt gives none
    /// or no lapse is possible at all.
    double proposalLapseProbability(const EpisodeContext& c) const;

    Attention nominal_;
    EpisodeTilt tilt_;
};

}  // namespace sim::detail
