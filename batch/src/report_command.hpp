// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

/// `roadside-batch report`: Markdown tables of one or more finished sweeps, written from their
/// results folders (summary.json, manifest.json, runs.csv) and nothing else, so that every number
/// in the page comes from a run. docs/results.md is written this way by tools/results.sh.
namespace batch {

struct ReportOptions {
    std::vector<std::filesystem::path> dirs;  ///< results folders, in the order of the page
    std::string title = "Results";
    std::string regenerate;                   ///< the command that regenerates the page, shown in it
    std::size_t bootstrap = 2000;             ///< resamples for the close-pass rate ratio intervals
    std::uint64_t bootstrapSeed = 1;
};

/// The page. Throws std::runtime_error when a folder is not a readable results folder.
std::string reportMarkdown(const ReportOptions& options);

/// Registers `report DIR... --out FILE`.
void addReportCommand(CLI::App& app, int& exitCode);

}  // namespace batch
