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
        // The chance that the first tilted window is among the first windows of score S is
        // F(S) = (1 - d) min(S / E, 1); window k takes its share of what is left:
        // beta_k = (F(S_<=k) - F(S_<k)) / (1 - F(S_<k)). So every window of a run whose score stays
        // under E is chosen with probability (1 - d) s_k / E, and prod(1 - beta) = 1 - F(S) >= d
        // always: no weight exceeds 1 / d.
        const auto chosenBy = [&](double s) { return (1.0 - sel.defensiveShare) * std::min(s / sel.expectedScore, 1.0); };
        const double before = chosenBy(scoreSoFar_), after = chosenBy(scoreSoFar_ + score);
        w.beta = (after - before) / (1.0 - before);
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
