// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <vector>

#include "sim/rare_events.hpp"
#include "sim/rng.hpp"

/// The run's critical vehicle-windows and its importance weight (sim/rare_events.hpp): which
/// window is tilted, each window's ln L = ln q/p, and the sequential-mixture weight.
namespace sim::detail {

class CriticalWindows {
public:
    CriticalWindows(const ImportanceSampling& is, std::uint64_t runSeed);

    bool enabled() const { return is_.enabled; }

    /// A vehicle's window opens: someoneOnFoot and lanesAway (0 = the lane next to the scene)
    /// decide its score, hazard (> 0) is the episode hazard predicted for the window. Returns the
    /// window's index; whether it is tilted is decided now, from the proposal's own stream.
    int open(bool someoneOnFoot, int lanesAway, double hazard);
    bool tilted(int window) const { return window == tilted_; }
    /// Adds to window w's ln L.
    void addLogRatio(int window, double logRatio) { windows_[static_cast<std::size_t>(window)].logRatio += logRatio; }

    Rng& proposalRng() { return rng_; }
    TiltedWindow& tiltedWindow() { return trace_.tiltedWindow; }

    /// ln w of the run so far (0 when disabled, or no window has opened).
    double logWeight() const;
    ImportanceTrace trace() const;

private:
    struct Window {
        double beta = 0.0;
        double logRatio = 0.0;    ///< ln L_k
    };

    ImportanceSampling is_;
    Rng rng_;
    std::vector<Window> windows_;
    double scoreSoFar_ = 0.0;      ///< S_<k
    int tilted_ = -1;
    ImportanceTrace trace_;
};

}  // namespace sim::detail
