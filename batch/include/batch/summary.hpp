// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "batch/layout.hpp"
#include "batch/stats.hpp"
#include "batch/weighted_estimate.hpp"

/// Per-point summaries of a sweep, computed from runs.csv alone (streamed, memory O(points)), so
/// they are the same whether the runs came from one sweep, a resumed one or merged shards.
/// Definitions and methods: docs/batch.md, "Statistics".
namespace batch {

struct PointSummary {
    std::size_t runs = 0;
    std::size_t strikes = 0;                  ///< runs with at least one person struck
    /// P(strike), deaths per million stops, P(unit struck): weighted when the sweep's estimator
    /// is importance sampling, crude otherwise (Wilson, or the rule of three with no hit).
    RareEventEstimates estimates;
    double exposureHours = 0.0;               ///< on foot near live traffic, summed over runs and people
    std::optional<double> closePassesLt1mPerHour;  ///< per hour of exposure
    std::optional<double> closePassesLt2mPerHour;
    std::optional<double> meanMinClearance;   ///< m, over runs where someone was on foot
    std::optional<double> moveOverRate;       ///< pooled over observed adjacent-lane vehicles
    PairedCounts pairs;                       ///< matched replicates with the baseline point (crude)
    RiskRatio relativeRisk;                   ///< vs the baseline point, paired (weighted with importance)
};

struct Summary {
    std::vector<PointSummary> points;         ///< by point index
    std::size_t runs = 0;
    std::size_t strikes = 0;
    bool complete = false;                    ///< every task of the sweep is in runs.csv
};

/// Reads runs.csv (header included) and summarises it. Throws std::runtime_error on a damaged file.
Summary summarizeRuns(const Layout& layout, const std::filesystem::path& runsCsv);

/// summary.csv: one row per point.
std::string summaryCsv(const Layout& layout, const Summary& summary);
/// summary.json: the same, with the methods named.
std::string summaryJson(const Layout& layout, const Summary& summary);
/// A readable table for the terminal: axis values, runs, P(strike) [95 % CI], relative risk,
/// deaths per million stops, P(unit struck), close passes per hour of exposure; then the
/// points whose estimates the diagnostics say not to trust, with why.
std::string summaryTable(const Layout& layout, const Summary& summary);

}  // namespace batch
