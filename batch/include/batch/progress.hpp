// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <chrono>
#include <cstddef>
#include <ostream>

/// Progress of a sweep: on a terminal a bar redrawn in place (done/total, runs per second, time
/// left, the running strike probability with its interval, or for an importance-sampled sweep the
/// runs with a hit, whose unweighted share means nothing); elsewhere a plain line every few
/// seconds; nothing when quiet. Called from one thread only (the runner's in-order stage).
namespace batch {

class Progress {
public:
    enum class Style { Quiet, Bar, Lines };

    /// `done` and `struck` count the runs already in the folder (a resumed sweep); `weighted`: the
    /// runs are importance-sampled.
    Progress(std::ostream& out, Style style, std::size_t total, std::size_t done, std::size_t struck, bool weighted = false);

    /// One more run finished.
    void add(bool struck);
    /// Draws the last state and ends the bar's line.
    void finish();

    /// Bar when `terminal`, else Lines; Quiet when `quiet`.
    static Style styleFor(bool quiet, bool terminal);

private:
    using Clock = std::chrono::steady_clock;
    void draw(bool final);

    std::ostream& out_;
    Style style_;
    std::size_t total_, done_, struck_, ranHere_ = 0;
    bool weighted_;
    Clock::time_point start_ = Clock::now();
    Clock::time_point lastDraw_ = Clock::time_point{};
};

}  // namespace batch
