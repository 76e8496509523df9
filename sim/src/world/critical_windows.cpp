// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "critical_windows.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::detail {

CriticalWindows::CriticalWindows(const ImportanceSampling& is, std::uint64_t runSeed)
    : is_(is), rng_(streamSeed(runSeed, Stream::Proposal, 0)) {}

int CriticalWindows::open(bool someoneOnFoot, int lanesAway, double hazard) {
    const SelectionSchedule& sel = is_.selection;
    const double score = hazard > 0.0 ? (someoneOnFoot ? sel.onFootScore : sel.offFootScore) * std::pow(sel.fartherLaneFactor, lanesAway) : 0.0;
    Window w;
    if (sel.expectedScore > 0.0 && score > 0.0) {
        // beta_k = c s_k / (1 - c S_<k): each window chosen with probability c s_k when the run's
        // score is as expected; capped when the run has more windows than expected.
        const double c = (1.0 - sel.defensiveShare) / sel.expectedScore;
        const double left = 1.0 - c * scoreSoFar_;
        w.beta = left > c * score ? std::min(sel.maxBeta, c * score / left) : sel.maxBeta;
    }
    scoreSoFar_ += score;
    ++trace_.windows;
    trace_.selectionScore += score;
    windows_.push_back(w);
    const int index = static_cast<int>(windows_.size() - 1);
    // The coin is flipped only until a window is tilted; beta is still known for every window,
    // which is all the weight needs.
    if (tilted_ < 0 && w.beta > 0.0 && rng_.uniform() < w.beta) {
        tilted_ = index;
        trace_.tilted = true;
    }
    return index;
}

double CriticalWindows::logWeight() const {
    if (!is_.enabled || windows_.empty()) return 0.0;
    // q/p = prod_i (1 - beta_i) + sum_k beta_k prod_{i<k} (1 - beta_i) L_k, summed in log space.
    std::vector<double> terms;
    double logSurvive = 0.0;  // ln prod_{i<k} (1 - beta_i)
    for (const Window& w : windows_) {
        if (w.beta > 0.0 && std::isfinite(w.logRatio)) terms.push_back(std::log(w.beta) + logSurvive + w.logRatio);
        logSurvive += std::log1p(-w.beta);
    }
    terms.push_back(logSurvive);
    const double top = *std::max_element(terms.begin(), terms.end());
    double sum = 0.0;
    for (const double t : terms) sum += std::exp(t - top);
    return -(top + std::log(sum));
}

ImportanceTrace CriticalWindows::trace() const {
    ImportanceTrace t = trace_;
    for (const Window& w : windows_) t.logNoTilt += std::log1p(-w.beta);
    if (tilted_ >= 0) t.tiltedWindow.logRatio = windows_[static_cast<std::size_t>(tilted_)].logRatio;
    return t;
}

}  // namespace sim::detail
