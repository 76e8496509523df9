// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// What the outputs of a sweep are laid out by: its points, their axis values and baselines, the
/// replicates and the root seed. A Sweep has one (Sweep::layout()); manifest.json stores it, so
/// that `merge` and the summary can work from a results folder alone, without the sweep file.
namespace batch {

struct Layout {
    struct Point {
        std::string id;                       ///< "p0007"
        std::vector<std::string> labels;      ///< one per axis, as tables and `baseline` name them
        std::vector<std::string> cells;       ///< one per axis, as runs.csv writes them
        std::optional<std::size_t> baseline;  ///< index of the point it is compared with
    };
    std::string name;                     ///< the sweep's name
    bool importance = false;              ///< runs are importance-sampled: the summary weighs them
    /// The largest weight a run can carry (1 / the defensive share; 1 for crude runs): it bounds
    /// the rule-of-three interval of a point without hits.
    double maxWeight = 1.0;
    std::uint64_t rootSeed = 0;
    std::size_t replicates = 0;
    std::vector<std::string> axisNames;   ///< "tactic", "units.patrol.offset"
    std::vector<std::string> axisHeaders; ///< CSV headers, with units: "units.patrol.offset [ft]"
    std::vector<Point> points;

    /// Tasks are (point, replicate) pairs numbered replicate-major: t = replicate * points + point.
    std::size_t tasks() const { return points.size() * replicates; }
    std::size_t pointOf(std::size_t task) const { return task % points.size(); }
    std::size_t replicateOf(std::size_t task) const { return task / points.size(); }
};

}  // namespace batch
