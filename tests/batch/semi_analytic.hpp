// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/scenario.hpp"

/// A second, independent estimate of P(a person is struck) for a stop where only drifting
/// drivers can reach her (issue 9, "A second method at p ~ 1e-5"): the driver model's own
/// distributions integrated numerically, no simulation. For the validation stop
/// scenarios/validation/lapse-on-shoulder.toml, to be compared with importance sampling.
///
/// What is integrated, per traffic vehicle (sim/src/world/traffic_stream.cpp, driver_traits.cpp,
/// episode_sampler.cpp): a driver state (normal, drowsy, impaired, by their shares) and a vehicle
/// class (the scenario's mix, or the default freeway mix); episodes start as a Poisson process of
/// the state's rate (lapses: the state's lapse rate; ordinary eyes-off episodes: the episode rate
/// times the state's factor); an episode drifts toward the shoulder with probability 1/2 at a
/// lognormal lateral speed u, for its lognormal duration D plus the steering latency S; an
/// ordinary drift is cut short when the outer wheel reaches the edge line (edge-cue latency E
/// later), a lapse only if the rumble strip wakes the driver (its probability; E later); then the
/// lateral speed turns back toward the lane at 2 m/s^2 up to 1 m/s. The vehicle starts from its
/// lane centre plus the lane-keeping wander. It strikes the person if, when its centre passes
/// her, its outline's lateral extent overlaps her disc: the time since the onset, tau, must fall
/// in the set where the drift x(tau) lies between the two overlap depths. The expected number of
/// strikes is the flow times the integral over the run of rate x P(toward the shoulder) x
/// E|{tau <= the time the vehicle has been on the road: x(tau) overlaps}|, and
/// P(strike per run) = 1 - exp(-E[N]) (vehicles independent).
///
/// Simplifications, each of which the model does not have (and their size, see
/// docs/validation/rare-events.md): the lateral start is the stationary law of the wander as the
/// lane keeping follows it (normal, variance sd^2 theta / (theta + 1 s)), not the position after
/// the driver's actual history; no second episode (hazard accrues only between episodes, a
/// <= 2 % time share); the vehicle keeps moving (a lapsing driver keeps the accelerator where it
/// was); a vehicle's heading is ignored (its outline sweeps a band of its width; long vehicles turn
/// their box less than their path, a few cm); no other vehicle is in the way; scene capture
/// applies to every driver near the stop (all have seen it); time steps are continuous.
namespace test {

struct SemiAnalyticStrike {
    double strikeProbability = 0.0;  ///< P(the person is struck) per run: 1 - exp(-expectedStrikes)
    double expectedStrikes = 0.0;    ///< E[N], strikes per run
    double perVehicle = 0.0;         ///< E[strikes] of one vehicle with the whole road behind it
    double lapseShare = 0.0;         ///< share of E[N] from lapses (the rest: ordinary drifts)
    double earlyOnsetShare = 0.0;    ///< share of E[N] whose episode starts more than `window` s
                                     ///< before the vehicle passes the person
    double meanOnsetLead = 0.0;      ///< s, E[tau | strike]
};

struct SemiAnalyticOptions {
    int speedNodes = 120;      ///< midpoint nodes in ln u over +-6 sigma
    int durationNodes = 120;   ///< midpoint nodes in ln D over +-6 sigma
    int latencyNodes = 8;      ///< midpoint nodes for S and E (ln space, +-6 sigma)
    int offsetNodes = 10;      ///< midpoint nodes for the lateral start (+-6 sigma)
    double window = 8.0;       ///< s, for earlyOnsetShare (the importance sampling's window)
};

/// The person at `person` (road frame, m) with radius `radius` (m), standing there for the whole
/// run; traffic in lane 1 only (the stop must have one lane).
SemiAnalyticStrike semiAnalyticStrike(const sim::Scenario& sc, sim::Vec2 person, double radius,
                                      const SemiAnalyticOptions& options = {});

}  // namespace test
