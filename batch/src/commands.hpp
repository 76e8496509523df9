// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

/// The subcommands of roadside-batch. Each add*Command registers its options and a callback
/// that sets the process exit code: 0 success, 2 invalid input, 1 internal error, 130 a sweep
/// interrupted (Ctrl-C, SIGTERM) and resumable.
namespace batch {

enum ExitCode : int { kOk = 0, kInternalError = 1, kInvalidInput = 2, kInterrupted = 130 };

void addRunCommand(CLI::App& app, int& exitCode);
void addValidateCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);
void addEstimateCommand(CLI::App& app, int& exitCode);
/// `commandLine` is read when the command runs (after parsing), for the manifest.
void addSweepCommand(CLI::App& app, int& exitCode, const std::vector<std::string>& commandLine);
void addMergeCommand(CLI::App& app, int& exitCode, const std::vector<std::string>& commandLine);

}  // namespace batch
