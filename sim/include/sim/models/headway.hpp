// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/rng.hpp"
#include "sim/scenario.hpp"

/// Time headways between arrivals in one lane (references.md#traffic-stream). Pure functions plus draws from the
/// caller's Rng (one stream per lane: Stream::Arrivals).
///
/// Both models have a minimum headway (shift) tau and the mean 1/flow, so a lane's long-run flow
/// is exactly the requested flow whatever the model:
/// - ShiftedExponential: h = tau + Exp(mean 1/flow - tau). The simple free-flow choice, with
///   tau about 0.5-1.0 s (references.md#traffic-stream [M]). Its CV is (1/flow - tau) flow.
/// - Lognormal: h = tau + LN(median m, sigma) with m = (1/flow - tau) exp(-sigma^2 / 2), so that
///   the mean is again 1/flow. Tolle: the lognormal fits best over a wide range of volumes; the
///   Missouri S&T FHWA study fits a shifted lognormal with shift 0.21-0.26 s (references.md#traffic-stream [C]).
///   The caller chooses tau (Traffic::minHeadway) and sigma (Traffic::headwaySigma).
namespace sim::models {

/// Mean headway (s) at a flow (veh/s): 1/flow; +inf when flow <= 0.
double meanHeadway(double flow);

/// The shift actually used (s): minHeadway clamped to [0, 0.9/flow]. A shift at or above the mean
/// headway 1/flow is impossible (the random part would need a mean <= 0); such demands (flow above
/// 1/tau, e.g. > 4800 veh/h at tau = 0.75 s) get tau = 0.9/flow, which keeps the mean exact and
/// leaves a random part with mean 0.1/flow. The clamp starts at 0.9/flow rather than at 1/flow so
/// that the random part never degenerates (continuous in flow); at tau = 0.75 s it only acts above
/// 4320 veh/h, beyond any lane's capacity. Assumption: 0.9; no source.
double effectiveMinHeadway(double flow, double minHeadway);

/// One headway (s) for a lane with this flow (veh/s), shift minHeadway (s) and, for the lognormal
/// model, ln-space sd sigma. flow <= 0 gives +inf (no arrivals). Uses one exponential or one
/// normal draw from rng.
double sampleHeadway(HeadwayModel model, double flow, double minHeadway, double sigma, Rng& rng);

}  // namespace sim::models
