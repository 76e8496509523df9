// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "viz/frame_source.hpp"

/// Side by side, two runs of one seed meet the same traffic (common random numbers) only until
/// one run's tactic changes what its drivers see and do: from then on the vehicles differ, and
/// the picture says so (docs/batch.md explains why).
namespace viz {

/// Finds the first recorded instant at which a traffic vehicle (matched by id) is on the road in
/// one run and not the other, or stands more than `tolerance` metres from where it is in the
/// other. Incremental: update() compares the frames both runs have that it has not compared yet,
/// so the window can call it every frame while live runs are computed.
class TrafficDivergence {
public:
    explicit TrafficDivergence(double tolerance = 0.5) : tolerance_(tolerance) {}

    /// Compares up to `maxFrames` more frames of a and b.
    void update(const FrameSource& a, const FrameSource& b, std::size_t maxFrames);
    /// s: the first instant the traffic differs, once found.
    std::optional<double> at() const { return at_; }
    /// True once found, or once both runs are complete and every frame is compared.
    bool settled() const { return settled_; }

private:
    /// The index in b's entity table of a's entity `index` (or -1 when b has none).
    std::int64_t inB(const FrameSource& a, const FrameSource& b, std::uint32_t index);

    double tolerance_;
    std::size_t next_ = 0;                 // first frame index not compared yet
    std::vector<std::int64_t> aToB_;       // a's entity -> b's, -2 = not looked up yet
    std::optional<double> at_;
    bool settled_ = false;
};

/// The whole comparison at once (for exports: both runs computed).
std::optional<double> trafficDivergence(const FrameSource& a, const FrameSource& b, double tolerance = 0.5);

}  // namespace viz
