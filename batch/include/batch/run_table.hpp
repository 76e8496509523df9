// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/layout.hpp"
#include "sim/outcome.hpp"

/// The rows of runs.csv and events.csv (docs/batch.md, "Outputs"). Formatting is a pure function
/// of the outcome, so files are byte-identical at any thread count. Numbers are written with the
/// shortest text that reads back exactly; empty cells mean "none" (no strike, never on foot).
namespace batch {

/// Where a run sits in the sweep.
struct RunKey {
    std::size_t task = 0;
    std::size_t point = 0;
    std::size_t replicate = 0;
    std::uint64_t seed = 0;
};

/// The header line of runs.csv (with "\n").
std::string runsHeader(const Layout& layout);
/// One line of runs.csv (with "\n").
std::string runRow(const Layout& layout, const RunKey& key, const sim::Outcome& outcome);

/// The header line of events.csv (with "\n").
std::string eventsHeader();
/// The lines of events.csv for one run: one per strike, then one per collision (may be empty).
std::string eventRows(const Layout& layout, const RunKey& key, const sim::Outcome& outcome);

/// The expected number of people killed (or severely injured) in the run: for each person struck,
/// 1 - prod(1 - p) over their strikes, summed over people (0 without strikes).
double runProbability(const sim::Outcome& outcome, bool fatal);

/// The fields of a runs.csv row the summary needs.
struct RunRecord {
    std::size_t task = 0;
    std::size_t point = 0;
    std::size_t replicate = 0;
    bool struck = false;
    double pFatal = 0.0;
    std::optional<double> minClearance;   ///< m; none when nobody was on foot
    double closePassesLt1m = 0;
    double closePassesLt2m = 0;
    double exposure = 0.0;                ///< s, summed over people
    double moveOverRate = 0.0;
    double observedVehicles = 0;
    bool unitStruck = false;              ///< a parked unit was struck by a traffic vehicle
    double logWeight = 0.0;               ///< importance-sampling ln w (0 for crude runs)
};

/// Reads rows of a runs.csv written for `layout`. Construct with the header line; then parse()
/// each row. Throws std::runtime_error on a row that does not fit (a damaged file).
class RunsReader {
public:
    RunsReader(const Layout& layout, std::string_view header);
    RunRecord parse(std::string_view line) const;

private:
    const Layout& layout_;
    std::size_t columns_ = 0;
    std::size_t task_, point_, replicate_, struck_, pFatal_, minClearance_, lt1_, lt2_, exposure_, moveOver_, observed_, unitStruck_, logWeight_;
};

/// Calls `visit` with every row of a runs.csv written for `layout`, in file order. Throws
/// std::runtime_error when the file cannot be read, is empty or has a damaged row.
void forEachRun(const Layout& layout, const std::filesystem::path& runsCsv,
                const std::function<void(const RunRecord&)>& visit);

}  // namespace batch
