// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <array>
#include <cstddef>
#include <string>

/// Importance sampling of strikes over critical vehicle-windows (docs/design.md, "Rare events").
///
/// A strike needs a driver who stops steering in the few seconds before reaching the scene: an
/// eyes-off episode, or a lapse (asleep, heavily impaired), that starts in that stretch, drifts
/// toward the shoulder, fast enough and long enough. Each vehicle in the open lanes opens a
/// *window* when it is `window` seconds from the scene (more from lanes farther out); at most one window per run is
/// *tilted*: the vehicle's remaining hazard budget is redrawn so that an episode starts inside
/// the window, and that episode's marks (kind, direction, drift speed, duration) come from a
/// shifted proposal. Which window is tilted is chosen sequentially: window k, if none before it
/// was, with probability beta_k (see SelectionSchedule). The run's weight is the exact
/// likelihood ratio of that sequential mixture (balance heuristic),
///
///     w = 1 / ( prod_i (1 - beta_i) + sum_k beta_k prod_{i<k} (1 - beta_i) L_k ),
///
/// where L_k is the ratio q_k/p of window k's draws evaluated on the run as it happened (for an
/// untilted window too). Every factor is known, so E[w] = 1 and w <= 1 / prod_i (1 - beta_i):
/// the weights are bounded by the inverse of the defensive share. Only the first episode that
/// starts in a window is tilted; everything else is drawn from the nominal model.
namespace sim {

/// Bins of the onset proposal over u = R / H, the tilted window's remaining hazard budget R as a
/// fraction of the hazard H predicted for the window at its opening.
inline constexpr std::size_t kOnsetBins = 8;

/// How tilted windows are chosen: a candidate window gets the score `onFootScore` while someone
/// is on foot when it opens (strikes on people), `offFootScore` otherwise (strikes on parked
/// units only). The first tilted window falls among the windows of total score S with probability
/// F(S) = (1 - defensiveShare) min(S / expectedScore, 1); window k is tilted, if none before it
/// was, with probability beta_k = (F(S_<=k) - F(S_<k)) / (1 - F(S_<k)). Every window of a run whose
/// score stays under expectedScore is chosen with probability (1 - d) s_k / expectedScore, no
/// window with probability at least d: no weight exceeds 1 / defensiveShare.
struct SelectionSchedule {
    double defensiveShare = 0.2;   ///< share of runs with no tilted window (Hesterberg 1995: 0.1-0.2)
    double expectedScore = 0.0;    ///< the score over which windows are spread (a high quantile of
                                   ///< a run's total, from the pilot); 0 = tilt nothing
    double onFootScore = 1.0;
    double offFootScore = 0.1;
    double fartherLaneFactor = 0.3;  ///< on the score, per lane between the vehicle and the scene
};

/// The proposal for a tilted window's episode. Shifts apply to ln-medians; sigmas stay nominal.
struct EpisodeTilt {
    std::array<double, kOnsetBins> onset = {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125};  ///< bin probabilities, sum 1
    double shoulderShare = 0.9;       ///< P(drift toward the shoulder); nominal 0.5
    double driftLogShift = 0.0;       ///< on the drift speed of an ordinary episode
    double durationLogShift = 0.0;    ///< on the eyes-off duration of an ordinary episode
    double lapseShare = 0.0;          ///< P(the episode is a lapse); 0 keeps the nominal share
    double lapseDriftLogShift = 0.0;  ///< on a lapse's drift speed
    double lapseDurationLogShift = 0.0;
};

/// Importance sampling for one scenario (a sweep point). Disabled by default: plain Monte Carlo.
struct ImportanceSampling {
    bool enabled = false;
    /// s of travel before the scene's upstream end at which a window opens. 20 s: a lapse of the
    /// calibrated model drifts slowly (median 0.22 m/s) and the ones that reach a person 2 m beyond
    /// the edge line start a mean 11 s, 70 % more than 8 s, before the pass; 20 s windows cover
    /// 95 % of them (docs/validation/semi-analytic.md). A window
    /// shorter than the strikes' onset lead leaves them to the untilted draws: still unbiased,
    /// but in practice missed.
    double window = 20.0;
    double windowPerLane = 8.0;    ///< s more per lane between the vehicle and the scene
    SelectionSchedule selection;
    EpisodeTilt tilt;
};

/// What a run records about its windows, for the weight's diagnostics and for tuning the
/// proposal (cross-entropy) on pilot runs.
struct TiltedWindow {
    std::string vehicle;           ///< the vehicle whose window was tilted
    double onsetFraction = 0.0;    ///< u = R / H drawn for it
    bool onsetInWindow = false;    ///< an episode started inside the window
    bool lapse = false;            ///< ... and its marks (meaningful when onsetInWindow)
    bool towardShoulder = false;
    double driftSpeed = 0.0;       ///< m/s
    double duration = 0.0;         ///< s
    double driftLogDeviation = 0.0;     ///< ln(driftSpeed / nominal median), for tuning
    double durationLogDeviation = 0.0;  ///< ln(duration / nominal median), for tuning
    double logRatio = 0.0;         ///< ln L = ln q/p of the window's draws
    double closestGap = 1e9;       ///< m, least lateral gap to a person on foot or a unit while in the window (< 0 = overlap)
};

struct ImportanceTrace {
    int windows = 0;               ///< candidate windows opened
    double selectionScore = 0.0;   ///< sum of their scores (to tune SelectionSchedule::expectedScore)
    double logNoTilt = 0.0;        ///< ln prod_i (1 - beta_i)
    bool tilted = false;
    TiltedWindow tiltedWindow;     ///< when tilted
};

}  // namespace sim
